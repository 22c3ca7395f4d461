"""Runs a composite GitHub action's steps the way the runner does, on this machine.

Test-only (never used by qgate at run time). It reads action.yml with PyYAML,
evaluates `${{ }}` expressions and `if:` conditions (the subset of GitHub's
expression language the action uses: contexts, string/boolean literals, `!`,
`==`, `!=`, `&&`, `||`, parentheses, success()/failure()/always()), and runs
each `run:` step as GitHub does: `bash --noprofile --norc -eo pipefail FILE`
with the step's `env:`, a fresh $GITHUB_OUTPUT file whose `name=value` and
`name<<DELIM` entries become `steps.ID.outputs`, and the shared
$GITHUB_STEP_SUMMARY. `uses:` steps (actions/cache) are recorded and skipped:
they only speed a build up.

Used by dev/test_action.py.
"""

import os
import re
import subprocess
import tempfile

import yaml


class ExpressionError(Exception):
    pass


_TOKEN = re.compile(r"\s*(?:(\|\||&&|==|!=|!|\(|\)|,)|'((?:[^']|'')*)'|([A-Za-z_][A-Za-z0-9_.\-]*)|(-?\d+(?:\.\d+)?))")


def _tokens(text):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExpressionError(f"cannot read expression at {text[pos:]!r}")
        op, string, name, number = m.groups()
        if op:
            out.append(("op", op))
        elif string is not None:
            out.append(("str", string.replace("''", "'")))
        elif name is not None:
            out.append(("name", name))
        else:
            out.append(("num", float(number)))
        pos = m.end()
    return out


def truthy(value):
    return value not in (None, False, 0, "", 0.0)


def _loose_equal(a, b):
    # GitHub compares strings case-insensitively; null == '' is false, but
    # a missing output is '' here as on the runner.
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return a == b


class Expression:
    def __init__(self, text, contexts, status):
        self.tokens = _tokens(text)
        self.i = 0
        self.contexts = contexts
        self.status = status

    def parse(self):
        value = self._or()
        if self.i != len(self.tokens):
            raise ExpressionError(f"unexpected {self.tokens[self.i]}")
        return value

    def _peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def _or(self):
        left = self._and()
        while self._peek() == ("op", "||"):
            self.i += 1
            right = self._and()
            left = left if truthy(left) else right
        return left

    def _and(self):
        left = self._compare()
        while self._peek() == ("op", "&&"):
            self.i += 1
            right = self._compare()
            left = right if truthy(left) else left
        return left

    def _compare(self):
        left = self._unary()
        while self._peek() in (("op", "=="), ("op", "!=")):
            op = self.tokens[self.i][1]
            self.i += 1
            right = self._unary()
            left = _loose_equal(left, right) if op == "==" else not _loose_equal(left, right)
        return left

    def _unary(self):
        if self._peek() == ("op", "!"):
            self.i += 1
            return not truthy(self._unary())
        return self._primary()

    def _primary(self):
        kind, value = self._peek()
        self.i += 1
        if kind == "op" and value == "(":
            inner = self._or()
            if self._peek() != ("op", ")"):
                raise ExpressionError("missing )")
            self.i += 1
            return inner
        if kind in ("str", "num"):
            return value
        if kind == "name":
            if value in ("true", "false"):
                return value == "true"
            if value == "null":
                return None
            if self._peek() == ("op", "("):
                self.i += 1
                if self._peek() != ("op", ")"):
                    raise ExpressionError(f"{value}() with arguments is not supported here")
                self.i += 1
                return {"success": self.status == "success", "failure": self.status == "failure",
                        "always": True, "cancelled": False}[value]
            node = self.contexts
            for part in value.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            return "" if node is None else node
        raise ExpressionError(f"unexpected {kind} {value!r}")


def evaluate(text, contexts, status="success"):
    return Expression(text, contexts, status).parse()


def substitute(text, contexts):
    """Replaces each `${{ expr }}` in a string with its value as a string."""
    def value(m):
        v = evaluate(m.group(1), contexts)
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return "" if v is None else str(v)
    return re.sub(r"\$\{\{(.*?)\}\}", value, str(text), flags=re.S)


def read_outputs(path):
    """Parses a $GITHUB_OUTPUT file: `name=value` and `name<<DELIM ... DELIM`."""
    outputs = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body = []
            i += 1
            while i < len(lines) and lines[i] != delimiter:
                body.append(lines[i])
                i += 1
            outputs[name] = "\n".join(body)
        elif "=" in line:
            name, v = line.split("=", 1)
            outputs[name] = v
        i += 1
    return outputs


class ActionRun:
    def __init__(self, status, outputs, steps, log):
        self.status = status      # "success" or "failure"
        self.outputs = outputs    # the action's outputs
        self.steps = steps        # id -> {"outcome", "outputs"}
        self.log = log            # every step's stdout+stderr, in order

    def __repr__(self):
        return f"ActionRun({self.status}, {self.outputs})"


def run_action(action_dir, inputs, github, env, workdir):
    """Runs the composite action in `action_dir` with `inputs` (strings), the
    `github` context (a dict; its event_name, ref, sha, ... also become the
    GITHUB_* variables) and extra environment `env`, in `workdir`."""
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    resolved = {}
    for name, declared in (spec.get("inputs") or {}).items():
        if name in inputs:
            resolved[name] = inputs[name]
        elif declared.get("required") and "default" not in declared:
            raise ValueError(f"missing required input {name}")
        else:
            resolved[name] = str(declared.get("default", ""))
    unknown = set(inputs) - set(resolved)
    if unknown:
        raise ValueError(f"unknown inputs {sorted(unknown)}")

    runner_temp = tempfile.mkdtemp(prefix="runner-temp-", dir=env.get("QGATE_HARNESS_TMP"))
    summary = os.path.join(runner_temp, "step-summary.md")
    open(summary, "w").close()
    base_env = dict(os.environ)
    base_env.update(env)
    base_env.update({
        "GITHUB_ACTIONS": "true", "CI": "true",
        "GITHUB_ACTION_PATH": action_dir, "GITHUB_WORKSPACE": workdir,
        "GITHUB_STEP_SUMMARY": summary, "RUNNER_TEMP": runner_temp,
        "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
        "GITHUB_EVENT_NAME": github.get("event_name", "push"),
        "GITHUB_REF": github.get("ref", ""), "GITHUB_SHA": github.get("sha", ""),
        "GITHUB_REF_NAME": github.get("ref_name", ""), "GITHUB_REPOSITORY": github.get("repository", ""),
    })
    steps, log, status = {}, [], "success"
    for index, step in enumerate(spec["runs"]["steps"]):
        contexts = {"inputs": resolved, "github": github, "steps": steps, "env": base_env,
                    "runner": {"temp": runner_temp, "os": "Linux"}}
        condition = str(step.get("if", "success()")).strip()
        condition = condition[3:-2] if condition.startswith("${{") else condition
        # The runner's rule: a condition without a status function means `success() && (...)`.
        if not re.search(r"\b(success|failure|always|cancelled)\s*\(", condition):
            condition = f"success() && ({condition})"
        step_id = step.get("id", f"__{index}")
        if not truthy(evaluate(str(condition), contexts, status)):
            steps[step_id] = {"outcome": "skipped", "outputs": {}}
            continue
        if "uses" in step:
            log.append(f"[{step.get('name', step_id)}] skipped: uses {step['uses']}")
            steps[step_id] = {"outcome": "success", "outputs": {}}
            continue
        output_file = os.path.join(runner_temp, f"output-{index}")
        open(output_file, "w").close()
        step_env = dict(base_env)
        for k, v in (step.get("env") or {}).items():
            step_env[k] = substitute(v, contexts)
        step_env["GITHUB_OUTPUT"] = output_file
        script = os.path.join(runner_temp, f"step-{index}.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(substitute(step["run"], contexts))
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=workdir, env=step_env, capture_output=True, text=True)
        log.append(f"[{step.get('name', step_id)}] exit {done.returncode}\n{done.stdout}{done.stderr}")
        outcome = "success" if done.returncode == 0 else "failure"
        steps[step_id] = {"outcome": outcome, "outputs": read_outputs(output_file), "exit": done.returncode}
        if outcome == "failure":
            status = "failure"
    contexts = {"inputs": resolved, "github": github, "steps": steps, "env": base_env}
    outputs = {name: substitute(o["value"], contexts) for name, o in (spec.get("outputs") or {}).items()}
    return ActionRun(status, outputs, steps, "\n".join(log))
