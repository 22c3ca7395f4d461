#!/usr/bin/env bash
# Runs `qgate evaluate` for the action (step `gate`) and keeps its exit code
# for the last step, so that promotion (on a pass) comes before the verdict is
# enforced. qgate itself writes passed/blocked/warnings/failed_gates to
# $GITHUB_OUTPUT and the Markdown report to the job summary.
#
# Reports are written to $RUNNER_TEMP/qgate-reports/ and their paths are
# step outputs. Annotations on the policy's lines are qgate's own `github`
# format (escaped by qgate), printed after the text report.
set -euo pipefail

fail() {
  echo "::error title=qgate::$1"
  exit 2
}

boolean() {  # boolean NAME VALUE -> 0 for true, 1 for false; exits on anything else
  case "$2" in
    true) return 0 ;;
    false | '') return 1 ;;
    *) fail "the '$1' input must be 'true' or 'false'" ;;
  esac
}

# Read by later steps of the action; checked here so that a typo fails loudly.
boolean comment "${QGATE_COMMENT:-}" || true
boolean alert "${QGATE_ALERT:-}" || true

read -r -d '' -a metrics <<< "${QGATE_METRICS:-}" || true
(( ${#metrics[@]} > 0 )) || fail "the 'metrics' input is empty"
# A promotion records one metrics file: refuse before anything is recorded.
[[ "${QGATE_MAY_PROMOTE:-}" != true ]] || (( ${#metrics[@]} == 1 )) \
  || fail "this run may promote, and promotion records one metrics file; got ${#metrics[@]}"

# A directory of its own per run: a second gate in the same job must not
# overwrite (or delete) the reports an earlier step's outputs point at.
reports="$(mktemp -d "${RUNNER_TEMP:-/tmp}/qgate-reports.XXXXXX")"

args=(evaluate --config="$QGATE_CONFIG" --store="$QGATE_STORE_LOCATION")
for file in "${metrics[@]}"; do
  args+=(--metrics="$file")
done
[[ -z "${QGATE_BASELINE:-}" ]] || args+=(--baseline="$QGATE_BASELINE")
[[ -z "${QGATE_BASELINE_REF:-}" ]] || args+=(--baseline-ref="$QGATE_BASELINE_REF")
if boolean fail-on-warning "${QGATE_FAIL_ON_WARNING:-}"; then args+=(--fail-on-warning); fi
if boolean new-failures-only "${QGATE_NEW_FAILURES_ONLY:-}"; then args+=(--new-failures-only); fi
if boolean explain "${QGATE_EXPLAIN:-}"; then args+=(--explain); fi
# The history is the released line's: only a run that may promote records.
if boolean record "${QGATE_RECORD:-}" && [[ "${QGATE_MAY_PROMOTE:-}" == true ]]; then args+=(--record); fi
args+=(--output="markdown=$reports/gate.md" --output="junit=$reports/gate.junit.xml" --output="json=$reports/gate.json"
  --output="html=$reports/gate.html")
annotate=false
if boolean annotations "${QGATE_ANNOTATIONS:-true}"; then
  annotate=true
  args+=(--output="github=$reports/gate.annotations")
fi

status=0
"$QGATE" "${args[@]}" || status=$?
if [[ "$annotate" == true && -f "$reports/gate.annotations" ]]; then
  cat "$reports/gate.annotations"
fi
{
  echo "exit-code=$status"
  [[ ! -f "$reports/gate.md" ]] || echo "markdown-report=$reports/gate.md"
  [[ ! -f "$reports/gate.junit.xml" ]] || echo "junit-report=$reports/gate.junit.xml"
  [[ ! -f "$reports/gate.json" ]] || echo "json-report=$reports/gate.json"
  [[ ! -f "$reports/gate.html" ]] || echo "html-report=$reports/gate.html"
} >> "$GITHUB_OUTPUT"
