#!/usr/bin/env bash
# Decides whether this run may promote a passing model (step `policy`), and
# under which version. Pull requests never promote; other events promote when
# GITHUB_REF matches one of the patterns in QGATE_PROMOTE_ON (`*` matches any
# characters; `default-branch` is the repository's default branch; `none`
# disables promotion).
#
# Outputs: may-promote (true/false), version.
set -euo pipefail

may=false
why="no pattern in promote-on matches $GITHUB_REF"
# An allowlist: every other event (pull_request*, merge_group, issue_comment,
# workflow_run, ...) can carry a pull request's model while GITHUB_REF names
# the default branch or a merge-queue branch.
case "${GITHUB_EVENT_NAME:-}:$GITHUB_REF" in
  *:refs/pull/*)
    why="pull requests never promote"
    ;;
  push:* | release:* | workflow_dispatch:* | schedule:* | repository_dispatch:*)
    set -f  # the patterns are matched against the ref, not expanded as paths
    for pattern in ${QGATE_PROMOTE_ON:-}; do
      if [[ "$pattern" == none ]]; then
        may=false
        why="promote-on is none"
        break
      fi
      if [[ "$pattern" == default-branch ]]; then
        [[ -n "${QGATE_DEFAULT_BRANCH:-}" ]] || continue
        pattern="refs/heads/$QGATE_DEFAULT_BRANCH"
      fi
      # shellcheck disable=SC2053 # the right side is a pattern on purpose
      if [[ "$GITHUB_REF" == $pattern ]]; then
        may=true
        why="$GITHUB_REF matches $pattern"
      fi
    done
    set +f
    ;;
  *)
    why="a ${GITHUB_EVENT_NAME:-unknown} event never promotes (only push, release, workflow_dispatch, schedule, repository_dispatch)"
    ;;
esac

version="${QGATE_VERSION:-}"
if [[ -z "$version" ]]; then
  case "$GITHUB_REF" in
    refs/tags/*) version="${GITHUB_REF#refs/tags/}" ;;
    *) version="${GITHUB_SHA:0:12}" ;;
  esac
fi

# The version goes to $GITHUB_OUTPUT, the log and the store: one line of plain
# characters, not an option (a newline would forge `may-promote=true`).
if [[ "$may" == true && ! "$version" =~ ^[A-Za-z0-9_][A-Za-z0-9._+/@-]{0,127}$ ]]; then
  echo "::error title=qgate::the version must be 1-128 of A-Z a-z 0-9 . _ + / @ - and not start with '-' or '.'"
  exit 2
fi
[[ "$may" == true ]] || version=""

if [[ "$may" == true ]]; then
  echo "qgate: a pass promotes version $version ($why)"
else
  echo "qgate: this run does not promote ($why)"
fi
{
  echo "may-promote=$may"
  echo "version=$version"
} >> "$GITHUB_OUTPUT"
