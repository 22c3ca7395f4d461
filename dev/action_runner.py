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

Used by dev/test_action.py (the action, and the example workflow's jobs in order).
"""

import os
import re
import shutil
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


def _runner_env(env, github, workdir, runner_temp, summary):
    base = dict(os.environ)
    base.update(env)
    base.update({
        "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_WORKSPACE": workdir,
        "GITHUB_STEP_SUMMARY": summary, "RUNNER_TEMP": runner_temp,
        "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
        "GITHUB_EVENT_NAME": github.get("event_name", "push"),
        "GITHUB_REF": github.get("ref", ""), "GITHUB_SHA": github.get("sha", ""),
        "GITHUB_REF_NAME": github.get("ref_name", ""), "GITHUB_REPOSITORY": github.get("repository", ""),
    })
    return base


def _run_steps(steps_spec, contexts, base_env, workdir, runner_temp, uses):
    """Runs steps in order as the runner does: `if:` (with the implicit
    `success() &&`), `run:` through bash, `uses:` through `uses(step, contexts)`,
    which returns (outcome, outputs, log). Returns (status, steps, log)."""
    steps, log, status = {}, [], "success"
    for index, step in enumerate(steps_spec):
        contexts = dict(contexts, steps=steps)
        condition = str(step.get("if", "success()")).strip()
        condition = condition[3:-2] if condition.startswith("${{") else condition
        # The runner's rule: a condition without a status function means `success() && (...)`.
        if not re.search(r"\b(success|failure|always|cancelled)\s*\(", condition):
            condition = f"success() && ({condition})"
        step_id = step.get("id", f"__{index}")
        name = step.get("name", step.get("uses", step_id))
        if not truthy(evaluate(str(condition), contexts, status)):
            steps[step_id] = {"outcome": "skipped", "outputs": {}}
            continue
        if "uses" in step:
            outcome, outputs, text = uses(step, contexts)
            log.append(f"[{name}] {outcome}: uses {step['uses']}\n{text}")
            steps[step_id] = {"outcome": outcome, "outputs": outputs}
            if outcome == "failure":
                status = "failure"
            continue
        output_file = os.path.join(runner_temp, f"output-{len(os.listdir(runner_temp))}")
        open(output_file, "w").close()
        step_env = dict(base_env)
        for k, v in (step.get("env") or {}).items():
            step_env[k] = substitute(v, contexts)
        step_env["GITHUB_OUTPUT"] = output_file
        script = output_file + ".sh"
        with open(script, "w", encoding="utf-8") as f:
            f.write(substitute(step["run"], contexts))
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=os.path.join(workdir, step.get("working-directory", ".")), env=step_env,
                              capture_output=True, text=True)
        log.append(f"[{name}] exit {done.returncode}\n{done.stdout}{done.stderr}")
        outcome = "success" if done.returncode == 0 else "failure"
        steps[step_id] = {"outcome": outcome, "outputs": read_outputs(output_file), "exit": done.returncode}
        if outcome == "failure":
            status = "failure"
    return status, steps, log


def run_action(action_dir, inputs, github, env, workdir):
    """Runs the composite action in `action_dir` with `inputs` (strings), the
    `github` context (a dict; its event_name, ref, sha, ... also become the
    GITHUB_* variables) and extra environment `env`, in `workdir`. Its own
    `uses:` steps (actions/cache) are recorded and skipped."""
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    resolved = {}
    for name, declared in (spec.get("inputs") or {}).items():
        if name in inputs:
            resolved[name] = inputs[name]
        elif declared.get("required") and "default" not in declared:
            raise ValueError(f"missing required input {name}")
        else:
            # A default may be an expression (`${{ github.token }}`).
            resolved[name] = substitute(str(declared.get("default", "")), {"github": github, "inputs": {}})
    unknown = set(inputs) - set(resolved)
    if unknown:
        raise ValueError(f"unknown inputs {sorted(unknown)}")

    runner_temp = tempfile.mkdtemp(prefix="runner-temp-", dir=env.get("QGATE_HARNESS_TMP"))
    summary = os.path.join(runner_temp, "step-summary.md")
    open(summary, "w").close()
    base_env = _runner_env(env, github, workdir, runner_temp, summary)
    base_env["GITHUB_ACTION_PATH"] = action_dir
    contexts = {"inputs": resolved, "github": github, "env": base_env, "runner": {"temp": runner_temp, "os": "Linux"}}
    status, steps, log = _run_steps(spec["runs"]["steps"], contexts, base_env, workdir, os.path.join(runner_temp),
                                    lambda step, c: ("success", {}, "skipped (only speeds a build up)"))
    contexts = dict(contexts, steps=steps)
    outputs = {name: substitute(o["value"], contexts) for name, o in (spec.get("outputs") or {}).items()}
    return ActionRun(status, outputs, steps, "\n".join(log))


def run_job(workflow, job, inputs, github, env, workdir, artifacts, local_action_inputs=None):
    """Runs one job of a workflow file in `workdir` (a checkout of the
    repository): `run:` steps, `uses: ./...` local actions (through
    run_action, with `local_action_inputs` added — e.g. where this machine
    serves the release from), and artifacts passed through the directory
    `artifacts` (upload-artifact copies in, download-artifact copies out).
    actions/checkout is the checkout `workdir` already is; other actions are
    recorded and skipped. Returns an ActionRun whose outputs are the job's."""
    with open(os.path.join(workdir, workflow), encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    job_spec = spec["jobs"][job]
    runner_temp = tempfile.mkdtemp(prefix="runner-temp-", dir=env.get("QGATE_HARNESS_TMP"))
    summary = os.path.join(runner_temp, "step-summary.md")
    open(summary, "w").close()
    base_env = _runner_env(env, github, workdir, runner_temp, summary)
    contexts = {"inputs": inputs, "github": github, "env": base_env, "runner": {"temp": runner_temp, "os": "Linux"}}

    def uses(step, contexts):
        target = step["uses"]
        given = {k: substitute(v, contexts) for k, v in (step.get("with") or {}).items()}
        if target.startswith("./"):
            action_dir = os.path.join(workdir, target[2:])
            with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
                declared = (yaml.safe_load(f).get("inputs") or {}).keys()
            extra = {k: v for k, v in (local_action_inputs or {}).items() if k in declared}
            run = run_action(action_dir, {**given, **extra}, github, env, workdir)
            return run.status, run.outputs, run.log
        action = target.split("@")[0]
        if action == "actions/upload-artifact":
            folder = os.path.join(artifacts, given["name"])
            os.makedirs(folder, exist_ok=True)
            for line in given["path"].split("\n"):
                if line.strip() and os.path.exists(os.path.join(workdir, line.strip())):
                    shutil.copy2(os.path.join(workdir, line.strip()), folder)
            return "success", {}, f"uploaded {sorted(os.listdir(folder))}"
        if action == "actions/download-artifact":
            folder = os.path.join(artifacts, given["name"])
            target_dir = os.path.join(workdir, given.get("path", "."))
            os.makedirs(target_dir, exist_ok=True)
            for name in os.listdir(folder):
                shutil.copy2(os.path.join(folder, name), target_dir)
            return "success", {}, f"downloaded {sorted(os.listdir(folder))}"
        return "success", {}, "skipped (the checkout is the working directory)" if action == "actions/checkout" else "skipped"

    status, steps, log = _run_steps(job_spec["steps"], contexts, base_env, workdir, runner_temp, uses)
    contexts = dict(contexts, steps=steps)
    outputs = {name: substitute(v, contexts) for name, v in (job_spec.get("outputs") or {}).items()}
    return ActionRun(status, outputs, steps, "\n".join(log))
