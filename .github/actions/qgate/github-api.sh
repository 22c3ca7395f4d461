#!/usr/bin/env bash
# qgate's two uses of GitHub's REST API, with curl and jq (both preinstalled on
# GitHub's runner images):
#
#   github-api.sh comment REPORT.md
#       Posts the Markdown report as one pull request comment, or edits the
#       comment an earlier run posted: qgate's comment is the one (written by a
#       bot account) whose first line is the report's first line, the hidden
#       marker `<!-- qgate:<model> -->`, searched over every page of comments.
#       Needs `permissions: pull-requests: write`. Outside a pull request, on a
#       pull request from a fork (its token is read-only) and on a 403 it
#       prints a notice and succeeds: the report is in the job summary anyway.
#
#   github-api.sh alert KIND MODEL STATUS [BODY.md]
#       KIND is regression, drift-alert or data-quality; STATUS failing or
#       passing. One open issue per model and kind, labelled `ml-ops` and KIND
#       (labels created when missing) and found by the hidden marker
#       `<!-- qgate-alert:KIND:MODEL -->` (MODEL percent-encoded) its body
#       starts with. Failing: opens the issue, or comments on the open one.
#       Passing: comments and closes the open one, if any. Needs
#       `permissions: issues: write`; any API failure fails the step (an alert
#       that silently did not fire is worse than a red job).
#
# Environment: GITHUB_TOKEN (required), GITHUB_REPOSITORY, GITHUB_API_URL
# (default https://api.github.com), GITHUB_EVENT_PATH (comment),
# GITHUB_SERVER_URL and GITHUB_RUN_ID (a link to the run, when set).
#
# Untrusted text (the model name, the reports) only ever reaches GitHub inside
# JSON bodies encoded by jq; URLs are built from the validated repository name,
# numeric ids and fixed label names. The token is written to a 0600 header
# file read by `curl --header @FILE`, never put in a command line, and sent
# only to the API origin (a pagination link elsewhere is refused).
set -euo pipefail

api_root="${GITHUB_API_URL:-https://api.github.com}"
api_root="${api_root%/}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Workflow-command data escaping (GitHub's toolkit: % \r \n), so that text
# from a model name or a response can never start a `::command::` line; and
# `##[` (the runner's legacy parser finds it anywhere in a line) loses its `[`.
escape() {
  local s="$1"
  s="${s//%/%25}"
  s="${s//$'\r'/%0D}"
  s="${s//$'\n'/%0A}"
  s="${s//'##['/##%5B}"
  printf '%s' "$s"
}

die() {  # die MESSAGE [EXIT]
  echo "::error title=qgate::$(escape "$1")"
  exit "${2:-1}"
}

notice() {
  echo "::notice title=qgate::$(escape "$1")"
}

usage() {
  die "usage: github-api.sh comment REPORT.md | alert KIND MODEL STATUS [BODY.md]" 2
}

setup() {
  [[ -n "${GITHUB_TOKEN:-}" ]] || die "GITHUB_TOKEN is not set" 2
  [[ "$GITHUB_TOKEN" != *[[:space:]]* ]] || die "GITHUB_TOKEN holds white space" 2
  repo="${GITHUB_REPOSITORY:-}"
  [[ "$repo" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || die "GITHUB_REPOSITORY must be OWNER/NAME" 2
  (
    umask 077
    printf 'Authorization: Bearer %s\n' "$GITHUB_TOKEN" > "$work/auth"
  )
}

# api METHOD URL [JSON_FILE]: sets $status; the response body is in
# $work/response and its headers in $work/headers.
api() {
  local method="$1" url="$2" data="${3:-}"
  local args=(--silent --show-error --max-time 60 --request "$method"
    --header @"$work/auth"
    --header 'Accept: application/vnd.github+json'
    --header 'X-GitHub-Api-Version: 2022-11-28'
    --dump-header "$work/headers" --output "$work/response" --write-out '%{http_code}')
  if [[ -n "$data" ]]; then
    args+=(--header 'Content-Type: application/json' --data-binary @"$data")
  fi
  status="$(curl "${args[@]}" "$url")" || die "could not reach the GitHub API ($method ${url%%\?*})"
}

# Sets $next to the rel="next" URL of the last response's Link header, or ''
# (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
next_link() {
  next="$(tr -d '\r' < "$work/headers" | sed -n 's/^[Ll][Ii][Nn][Kk]:[[:space:]]*//p' | tail -n 1 \
    | tr ',' '\n' | sed -n 's/^[[:space:]]*<\([^>]*\)>;[[:space:]]*rel="next".*$/\1/p' | head -n 1)"
  if [[ -n "$next" && "$next" != "$api_root/"* ]]; then
    die "refusing a pagination link outside $api_root"
  fi
}

# json_body TEXT_FILE OUT_FILE [PREFIX]: {"body": PREFIX + TEXT}, cut to
# stay under GitHub's 65,536-character limit for comments and issue bodies.
json_body() {
  jq -n --rawfile text "$1" --arg prefix "${3:-}" '
    ($prefix + $text) as $b
    | {body: (if ($b | length) > 60000
              then $b[0:60000] + "\n\n… (cut here; the whole report is in the job summary)"
              else $b end)}' > "$2"
}

run_link() {
  if [[ -n "${GITHUB_SERVER_URL:-}" && -n "${GITHUB_RUN_ID:-}" ]]; then
    printf '%s/%s/actions/runs/%s' "$GITHUB_SERVER_URL" "$repo" "$GITHUB_RUN_ID"
  fi
}

comment() {
  local report="$1"
  [[ -f "$report" ]] || die "no report at $report" 2
  local event="${GITHUB_EVENT_PATH:-}"
  local number=""
  if [[ -n "$event" && -f "$event" ]]; then
    number="$(jq -r '.pull_request.number // empty' "$event")"
  fi
  if [[ -z "$number" ]]; then
    notice "not a pull request: no comment posted (the report is in the job summary)"
    return 0
  fi
  [[ "$number" =~ ^[0-9]+$ ]] || die "the event's pull request number is not a number" 2
  local head_repo base_repo
  head_repo="$(jq -r '.pull_request.head.repo.full_name // ""' "$event")"
  base_repo="$(jq -r '.pull_request.base.repo.full_name // ""' "$event")"
  if [[ -z "$head_repo" || "$head_repo" != "$base_repo" ]]; then
    notice "pull request from a fork: its token cannot comment, so the report is in the job summary instead"
    return 0
  fi
  local marker
  marker="$(head -n 1 "$report")"
  [[ "$marker" == '<!-- qgate:'*' -->' ]] || die "the report does not start with qgate's <!-- qgate:MODEL --> marker" 2
  json_body "$report" "$work/comment.json"

  # https://docs.github.com/en/rest/issues/comments#list-issue-comments
  local url="$api_root/repos/$repo/issues/$number/comments?per_page=100" id=""
  while [[ -n "$url" ]]; do
    api GET "$url"
    if [[ "$status" == 403 ]]; then
      notice "the token may not read this pull request's comments (HTTP 403); grant 'pull-requests: write'"
      return 0
    fi
    [[ "$status" == 200 ]] || die "listing the pull request's comments failed (HTTP $status)"
    id="$(jq -r --arg m "$marker" '
      [.[] | select(.user.type == "Bot" and ((.body // "") | startswith($m + "\n") or startswith($m + "\r\n"))) | .id] | first // empty' \
      "$work/response")"
    [[ -z "$id" ]] || break
    next_link
    url="$next"
  done

  local expected=201 verb=posted
  if [[ -n "$id" ]]; then
    [[ "$id" =~ ^[0-9]+$ ]] || die "the API returned a comment id that is not a number"
    expected=200 verb=updated
    # https://docs.github.com/en/rest/issues/comments#update-an-issue-comment
    api PATCH "$api_root/repos/$repo/issues/comments/$id" "$work/comment.json"
  else
    # https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
    api POST "$api_root/repos/$repo/issues/$number/comments" "$work/comment.json"
  fi
  if [[ "$status" == 403 ]]; then
    notice "the token may not comment on this pull request (HTTP 403); grant 'pull-requests: write'"
    return 0
  fi
  [[ "$status" == "$expected" ]] || die "the comment could not be $verb (HTTP $status)"
  echo "qgate: $verb the report comment on pull request #$number"
}

# ensure_label NAME COLOR DESCRIPTION
ensure_label() {
  # https://docs.github.com/en/rest/issues/labels#get-a-label
  api GET "$api_root/repos/$repo/labels/$1"
  [[ "$status" != 200 ]] || return 0
  [[ "$status" == 404 ]] || die "reading the label $1 failed (HTTP $status); the job needs 'permissions: issues: write'"
  jq -n --arg name "$1" --arg color "$2" --arg description "$3" \
    '{name: $name, color: $color, description: $description}' > "$work/label.json"
  # https://docs.github.com/en/rest/issues/labels#create-a-label
  api POST "$api_root/repos/$repo/labels" "$work/label.json"
  # 422: another run created it meanwhile.
  [[ "$status" == 201 || "$status" == 422 ]] \
    || die "creating the label $1 failed (HTTP $status); the job needs 'permissions: issues: write'"
}

alert() {
  local kind="$1" model="$2" state="$3" body_file="${4:-}"
  local title label_description
  case "$kind" in
    regression) title="Release blocked by the quality gate" label_description="qgate: a release blocked by its quality gates" ;;
    drift-alert) title="Data drift detected" label_description="qgate: production data drifted from the training data" ;;
    data-quality) title="Dataset check failed" label_description="qgate: a dataset failed its data checks" ;;
    *) die "the alert kind must be regression, drift-alert or data-quality" 2 ;;
  esac
  [[ "$state" == failing || "$state" == passing ]] || die "the alert status must be failing or passing" 2
  [[ -n "$model" ]] || die "the alert needs a model name" 2
  [[ -z "$body_file" || -f "$body_file" ]] || die "no alert body at $body_file" 2
  [[ -n "$body_file" ]] || { body_file="$work/empty.md"; : > "$body_file"; }

  local key marker link
  # jq 1.6's @uri leaves !*'() alone, 1.7's encodes them: encode them here
  # too, so that every jq finds the issue the other opened.
  key="$(jq -rn --arg m "$model" '$m | @uri | gsub("!"; "%21") | gsub("\\*"; "%2A") | gsub("'"'"'"; "%27")
    | gsub("\\("; "%28") | gsub("\\)"; "%29")')"
  marker="<!-- qgate-alert:$kind:$key -->"
  link="$(run_link)"

  # The open issues carrying both labels (pull requests are issues too here).
  # A body edited in GitHub's web editor comes back with CRLF line ends.
  # https://docs.github.com/en/rest/issues/issues#list-repository-issues
  local url="$api_root/repos/$repo/issues?state=open&labels=ml-ops,$kind&per_page=100" number=""
  while [[ -n "$url" ]]; do
    api GET "$url"
    [[ "$status" == 200 ]] || die "listing the open $kind issues failed (HTTP $status); the job needs 'permissions: issues: write'"
    number="$(jq -r --arg m "$marker" '
      [.[] | select(.pull_request == null and ((.body // "") | startswith($m + "\n") or startswith($m + "\r\n"))) | .number] | first // empty' \
      "$work/response")"
    [[ -z "$number" ]] || break
    next_link
    url="$next"
  done
  [[ -z "$number" || "$number" =~ ^[0-9]+$ ]] || die "the API returned an issue number that is not a number"

  if [[ "$state" == failing && -z "$number" ]]; then
    ensure_label ml-ops 5319e7 "qgate: alerts about models and their data"
    ensure_label "$kind" d93f0b "$label_description"
    jq -n --rawfile text "$body_file" --arg marker "$marker" --arg title "$title" --arg model "$model" \
      --arg kind "$kind" --arg link "$link" '
      ($marker + "\n" + (if $link != "" then "Run: " + $link + "\n\n" else "" end) + $text) as $b
      | {title: ($title + ": " + ($model | .[0:120])),
         body: (if ($b | length) > 60000 then $b[0:60000] + "\n\n… (cut here)" else $b end),
         labels: ["ml-ops", $kind]}' > "$work/issue.json"
    # https://docs.github.com/en/rest/issues/issues#create-an-issue
    api POST "$api_root/repos/$repo/issues" "$work/issue.json"
    [[ "$status" == 201 ]] || die "opening the $kind issue failed (HTTP $status); the job needs 'permissions: issues: write'"
    echo "qgate: opened $kind issue #$(jq -r '.number' "$work/response")"
    return 0
  fi
  if [[ -z "$number" ]]; then
    echo "qgate: passing, and no open $kind issue for this model"
    return 0
  fi

  local prefix
  if [[ "$state" == failing ]]; then
    prefix="Still failing${link:+ in $link}."$'\n\n'
  else
    prefix="Passing again${link:+ in $link}; closing."$'\n\n'
  fi
  json_body "$body_file" "$work/comment.json" "$prefix"
  # https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
  api POST "$api_root/repos/$repo/issues/$number/comments" "$work/comment.json"
  [[ "$status" == 201 ]] || die "commenting on issue #$number failed (HTTP $status); the job needs 'permissions: issues: write'"
  if [[ "$state" == passing ]]; then
    jq -n '{state: "closed", state_reason: "completed"}' > "$work/close.json"
    # https://docs.github.com/en/rest/issues/issues#update-an-issue
    api PATCH "$api_root/repos/$repo/issues/$number" "$work/close.json"
    [[ "$status" == 200 ]] || die "closing issue #$number failed (HTTP $status); the job needs 'permissions: issues: write'"
    echo "qgate: closed $kind issue #$number"
  else
    echo "qgate: commented on the open $kind issue #$number"
  fi
}

case "${1:-}" in
  comment)
    (( $# == 2 )) || usage
    setup
    comment "$2"
    ;;
  alert)
    (( $# == 4 || $# == 5 )) || usage
    setup
    alert "$2" "$3" "$4" "${5:-}"
    ;;
  *) usage ;;
esac
