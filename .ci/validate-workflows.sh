#!/usr/bin/env bash
# Validate the GitHub Actions files offline:
#   1. every .github/workflows/*.yml against the workflow schema and every
#      action.yml against the action schema (check-jsonschema's bundled
#      vendor.github-workflows / vendor.github-actions schemas);
#   2. every `run:` block of every workflow and action with `bash -n`, and with
#      `shellcheck` when it is installed (`${{ ... }}` expressions are replaced
#      by a placeholder first);
#   3. no `${{ inputs.* }}` / `${{ github.event.* }}` / `${{ github.head_ref }}`
#      inside a `run:` block: untrusted values go through `env:` (script injection).
#
# check-jsonschema and PyYAML are used from python3 when importable, else
# installed with pip into .build-venv/. Exits 1 when any check fails.
#
# Usage: bash .ci/validate-workflows.sh
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build-venv
py=python3

have_modules() {
  "$1" -c 'import check_jsonschema, yaml' >/dev/null 2>&1
}

if ! have_modules "$py"; then
  if [[ ! -x "$venv/bin/python" ]]; then
    echo "validate-workflows: creating $venv"
    python3 -m venv "$venv"
  fi
  py="$venv/bin/python"
  if ! "$py" -c 'import check_jsonschema' >/dev/null 2>&1; then
    echo "validate-workflows: installing check-jsonschema into $venv"
    "$venv/bin/pip" install --quiet check-jsonschema
  fi
  if ! "$py" -c 'import yaml' >/dev/null 2>&1; then
    echo "validate-workflows: installing pyyaml into $venv"
    "$venv/bin/pip" install --quiet pyyaml
  fi
fi

# zizmor ships as a binary wheel on PyPI (actionlint does not: its PyPI
# package downloads the binary from GitHub at install time).
zizmor_version=1.32.0
zizmor="$(command -v zizmor || true)"
if [[ -z "$zizmor" ]] || ! "$zizmor" --version 2>/dev/null | grep -q " $zizmor_version"; then
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
  if ! "$venv/bin/zizmor" --version 2>/dev/null | grep -q " $zizmor_version"; then
    echo "validate-workflows: installing zizmor $zizmor_version into $venv"
    "$venv/bin/pip" install --quiet "zizmor==$zizmor_version"
  fi
  zizmor="$venv/bin/zizmor"
fi

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

workflows=()
while IFS= read -r -d '' f; do
  workflows+=("$f")
done < <(find .github/workflows -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) -print0 2>/dev/null | LC_ALL=C sort -z)

actions=()
while IFS= read -r -d '' f; do
  actions+=("$f")
done < <(find . \( -name .git -o -name .build -o -name "$venv" -o -name node_modules \) -prune -o \
  -type f \( -name action.yml -o -name action.yaml \) -printf '%P\0' | LC_ALL=C sort -z)

if (( ${#workflows[@]} + ${#actions[@]} == 0 )); then
  echo "validate-workflows: no workflow or action files found" >&2
  exit 1
fi

failures=0
checks=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# --- 1. schemas ---------------------------------------------------------------
schema_check() {
  local schema=$1 file=$2
  checks=$((checks + 1))
  if "$py" -m check_jsonschema --builtin-schema "$schema" "$file" >"$workdir/schema.log" 2>&1; then
    echo "ok:   $file ($schema)"
  else
    sed 's/^/      /' "$workdir/schema.log"
    fail "$file does not match $schema"
  fi
}

for f in "${workflows[@]}"; do
  schema_check vendor.github-workflows "$f"
done
for f in "${actions[@]}"; do
  schema_check vendor.github-actions "$f"
done

# --- 2. extract the run: blocks -------------------------------------------------
# Writes one script per run block into $workdir/scripts and a manifest line per
# block: script, shell (bash|sh|other), source file, line of the block's first
# line in the source, description. Injection findings go to injection.txt.
"$py" - "$workdir" "${workflows[@]}" -- "${actions[@]}" <<'PY'
import os
import re
import sys

import yaml

EXPR = re.compile(r"\$\{\{.*?\}\}", re.S)
UNTRUSTED = re.compile(r"\b(inputs\.|github\.event\.|github\.head_ref)")

out = sys.argv[1]
args = sys.argv[2:]
split = args.index("--")
workflows, actions = args[:split], args[split + 1:]
os.makedirs(os.path.join(out, "scripts"), exist_ok=True)
manifest = open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8")
injections = open(os.path.join(out, "injection.txt"), "w", encoding="utf-8")
count = 0


def shell_kind(shell):
    word = (shell or "bash").split()[0]
    if word in ("bash",):
        return "bash"
    if word in ("sh",):
        return "sh"
    return "other"


def mapping_get(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def scalar(node):
    return node.value if isinstance(node, yaml.ScalarNode) else None


def default_shell(node):
    return scalar(mapping_get(mapping_get(mapping_get(node, "defaults"), "run"), "shell"))


def emit(path, where, step, inherited_shell):
    global count
    run = mapping_get(step, "run")
    if not isinstance(run, yaml.ScalarNode):
        return
    shell = scalar(mapping_get(step, "shell")) or inherited_shell
    # Line (1-based) of the script's first line in the YAML file.
    line = run.start_mark.line + 1 + (1 if run.style in ("|", ">") else 0)
    name = scalar(mapping_get(step, "name")) or scalar(mapping_get(step, "id")) or ""
    desc = f"{where}{' (' + name + ')' if name else ''}"
    for m in EXPR.finditer(run.value):
        if UNTRUSTED.search(m.group(0)):
            at = line + run.value.count("\n", 0, m.start())
            injections.write(f"{path}:{at}: {desc}: {m.group(0)} inside run: pass it through env:\n")
    count += 1
    script = os.path.join(out, "scripts", f"{count:03d}.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write(EXPR.sub("QGATE_EXPR", run.value))
    fields = [script, shell_kind(shell), path, str(line), desc.replace("\t", " ").replace("\n", " ")]
    manifest.write("\t".join(fields) + "\n")


for path in workflows + actions:
    with open(path, encoding="utf-8") as f:
        root = yaml.compose(f)
    if path in workflows:
        top_shell = default_shell(root)
        jobs = mapping_get(root, "jobs")
        for job_key, job in (jobs.value if isinstance(jobs, yaml.MappingNode) else []):
            job_shell = default_shell(job) or top_shell
            steps = mapping_get(job, "steps")
            for i, step in enumerate(steps.value if isinstance(steps, yaml.SequenceNode) else [], 1):
                emit(path, f"job {job_key.value}, step {i}", step, job_shell)
    else:
        steps = mapping_get(mapping_get(root, "runs"), "steps")
        for i, step in enumerate(steps.value if isinstance(steps, yaml.SequenceNode) else [], 1):
            # Composite steps must name their shell; `bash` is only the checking default.
            emit(path, f"step {i}", step, None)
manifest.close()
injections.close()
PY

# --- 3. check the run: blocks -------------------------------------------------
if command -v shellcheck >/dev/null 2>&1; then
  have_shellcheck=1
else
  have_shellcheck=0
  echo "validate-workflows: shellcheck is not installed; skipping it (apt-get install shellcheck)"
fi

blocks=0
skipped=0
while IFS=$'\t' read -r script kind src line desc; do
  blocks=$((blocks + 1))
  if [[ $kind == other ]]; then
    echo "skip: $src:$line $desc (not a bash or sh step)"
    skipped=$((skipped + 1))
    continue
  fi
  checks=$((checks + 1))
  parser=bash
  [[ $kind == sh ]] && parser="sh"
  if "$parser" -n "$script" 2>"$workdir/syntax.log"; then
    echo "ok:   $src:$line $desc ($parser -n)"
  else
    # "SCRIPT: line N: message" -> "SOURCE:LINE: message"
    awk -v script="$script" -v src="$src" -v off="$((line - 1))" '{
      prefix = script ": line "
      if (index($0, prefix) == 1) {
        rest = substr($0, length(prefix) + 1)
        n = rest + 0
        sub(/^[0-9]+/, "", rest)
        print "      " src ":" (n + off) rest
      } else {
        print "      " $0
      }
    }' "$workdir/syntax.log"
    fail "$src:$line $desc: $parser -n"
  fi
  if (( have_shellcheck )); then
    checks=$((checks + 1))
    if shellcheck -s "$kind" -f gcc "$script" >"$workdir/shellcheck.log" 2>&1; then
      echo "ok:   $src:$line $desc (shellcheck)"
    else
      # Report findings at their line in the YAML file.
      awk -F: -v src="$src" -v off="$((line - 1))" \
        '{ l = $2 + off; $1 = ""; $2 = ""; sub(/^::/, ""); print "      " src ":" l ":" $0 }' OFS=: \
        "$workdir/shellcheck.log"
      fail "$src:$line $desc: shellcheck"
    fi
  fi
done <"$workdir/manifest.tsv"

checks=$((checks + 1))
if [[ -s "$workdir/injection.txt" ]]; then
  sed 's/^/      /' "$workdir/injection.txt"
  fail "untrusted \${{ }} expressions inside run: blocks"
else
  echo "ok:   no untrusted \${{ }} expressions inside run: blocks"
fi

# --- 4. the scripts the actions run -------------------------------------------
while IFS= read -r -d '' script; do
  checks=$((checks + 1))
  if bash -n "$script" 2>"$workdir/syntax.log" && { (( ! have_shellcheck )) || shellcheck -f gcc "$script" >"$workdir/syntax.log" 2>&1; }; then
    echo "ok:   $script (bash -n$( (( have_shellcheck )) && echo ', shellcheck'))"
  else
    sed 's/^/      /' "$workdir/syntax.log"
    fail "$script"
  fi
done < <(find .github/actions -type f -name '*.sh' -print0 | LC_ALL=C sort -z)

# --- 5. zizmor: a workflow linter for GitHub Actions security -----------------
# (unpinned actions, credentials left in checkouts, cache poisoning, template
# injection, ...); offline, with the project's policy in .github/zizmor.yml.
checks=$((checks + 1))
if "$zizmor" --offline --config .github/zizmor.yml --format plain .github/ >"$workdir/zizmor.log" 2>&1; then
  echo "ok:   zizmor ($(tail -n 1 "$workdir/zizmor.log"))"
else
  sed 's/^/      /' "$workdir/zizmor.log"
  fail "zizmor found problems in .github/"
fi

echo
echo "validate-workflows: ${#workflows[@]} workflow(s), ${#actions[@]} action(s), $blocks run block(s) ($skipped skipped)," \
  "shellcheck $( (( have_shellcheck )) && echo used || echo 'not installed')"
if (( failures > 0 )); then
  echo "validate-workflows: FAILED: $failures of $checks checks"
  exit 1
fi
echo "validate-workflows: all $checks checks OK"
