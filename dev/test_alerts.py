"""Tests of the qgate action's PR comment and issue alerts
(.github/actions/qgate/github-api.sh) against a local stand-in for GitHub's
REST API (dev/github_standin.py), NOT against GitHub: the endpoints, status
codes and Link pagination follow GitHub's documentation, and that is all.

    python3 dev/test_alerts.py [--qgate .build/debug/qgate]

The script-level tests need bash, curl and jq. The action-level tests run the
composite action's steps (dev/action_runner.py) with a release archive and a
local bare remote set up the way dev/test_action.py does, so they need qgate.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import github_standin  # noqa: E402
import test_action  # noqa: E402  (its setup and helpers; its tests are not collected here)
from action_runner import run_action  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, ".github", "actions", "qgate", "github-api.sh")
HOSTILE = "evil\"; touch /tmp/qgate-pwned-$(id -u) #\n::error::forged/../../x?labels=a&y=`id` -->##[warning]legacy"


def report(model, text="| gate | status |\n|---|---|\n| accuracy | ✅ |\n"):
    return f"<!-- qgate:{model} -->\n## qgate: {model}\n\n{text}"


class StandIn:
    """A running stand-in plus a temp dir holding a logging curl shim."""

    def __init__(self):
        self.server, self.state, self.url = github_standin.serve()
        self.tmp = tempfile.mkdtemp(prefix="qgate-alerts-")
        self.bin = os.path.join(self.tmp, "bin")
        os.makedirs(self.bin)
        self.argv_log = os.path.join(self.tmp, "curl-argv.log")
        real = shutil.which("curl")
        # Records every curl command line, to prove the token is never on one.
        with open(os.path.join(self.bin, "curl"), "w") as f:
            f.write(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{self.argv_log}"\nexec "{real}" "$@"\n')
        os.chmod(os.path.join(self.bin, "curl"), 0o755)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def event(self, number=7, head="acme/demo", base="acme/demo"):
        path = os.path.join(self.tmp, f"event-{number}-{head.replace('/', '_')}.json")
        with open(path, "w") as f:
            json.dump({"number": number, "pull_request": {
                "number": number, "head": {"repo": {"full_name": head}}, "base": {"repo": {"full_name": base}}}}, f)
        return path

    def env(self, token="good-token", event=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        env.update({"PATH": self.bin + os.pathsep + os.environ["PATH"], "GITHUB_TOKEN": token,
                    "GITHUB_REPOSITORY": "acme/demo", "GITHUB_API_URL": self.url,
                    "GITHUB_SERVER_URL": "https://github.example", "GITHUB_RUN_ID": "42"})
        if event:
            env["GITHUB_EVENT_PATH"] = event
        return env

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run(self, *args, token="good-token", event=None):
        return subprocess.run(["bash", SCRIPT, *args], env=self.env(token, event), capture_output=True, text=True)


class CommentTests(unittest.TestCase):
    def setUp(self):
        self.gh = StandIn()
        self.pr = self.gh.state.add_issue("a pull request", pull_request=True)
        self.addCleanup(self.gh.close)

    def test_first_comment_created_then_updated_in_place_over_pages(self):
        s = self.gh.state
        # 250 other comments first (3 pages of 100), one of them by a human
        # quoting the marker: only the bot's own comment may be edited.
        for i in range(249):
            s.add_comment(self.pr["number"], f"comment {i}", user={"login": f"u{i}", "type": "User"})
        s.add_comment(self.pr["number"], report("demo-model", "quoted by a human"), user={"login": "eve", "type": "User"})
        first = self.gh.run("comment", self.gh.write("r1.md", report("demo-model", "first run\n")),
                            event=self.gh.event(self.pr["number"]))
        self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
        self.assertIn("posted the report comment", first.stdout)
        mine = [c for c in s.comments_on(self.pr["number"]) if c["user"]["type"] == "Bot"]
        self.assertEqual(len(mine), 1)
        self.assertTrue(mine[0]["body"].endswith("first run\n"))
        # More comments arrive; the second run pages past them and edits the same one.
        for i in range(120):
            s.add_comment(self.pr["number"], f"later {i}", user={"login": f"v{i}", "type": "User"})
        before = len(s.comments)
        s.requests.clear()
        second = self.gh.run("comment", self.gh.write("r2.md", report("demo-model", "second run\n")),
                             event=self.gh.event(self.pr["number"]))
        self.assertEqual(second.returncode, 0, second.stdout + second.stderr)
        self.assertIn("updated the report comment", second.stdout)
        self.assertEqual(len(s.comments), before, "no new comment")
        self.assertEqual(s.comments[mine[0]["id"]]["body"], report("demo-model", "second run\n"))
        self.assertEqual(s.comments_on(self.pr["number"])[249]["body"], report("demo-model", "quoted by a human"))
        gets = [r for r in s.requests if r[0] == "GET"]
        self.assertEqual(len(gets), 3, "three pages of 100 were read to find the comment on the third")
        self.assertEqual([r[0] for r in s.requests if r[0] != "GET"], ["PATCH"])

    def test_another_models_comment_is_not_touched(self):
        s = self.gh.state
        other = s.add_comment(self.pr["number"], report("other-model"))
        done = self.gh.run("comment", self.gh.write("r.md", report("demo-model")), event=self.gh.event(self.pr["number"]))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(len(s.comments_on(self.pr["number"])), 2)
        self.assertEqual(s.comments[other["id"]]["body"], report("other-model"))

    def test_fork_pull_request_gets_a_notice_not_a_failure(self):
        done = self.gh.run("comment", self.gh.write("r.md", report("demo-model")), token="fork-token",
                           event=self.gh.event(self.pr["number"], head="mallory/demo"))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("::notice title=qgate::pull request from a fork", done.stdout)
        self.assertEqual(self.gh.state.requests, [], "no API call at all")

    def test_forbidden_token_gets_a_notice_not_a_failure(self):
        done = self.gh.run("comment", self.gh.write("r.md", report("demo-model")), token="fork-token",
                           event=self.gh.event(self.pr["number"]))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("::notice title=qgate::the token may not comment on this pull request (HTTP 403)", done.stdout)
        self.assertEqual(self.gh.state.comments, {})

    def test_not_a_pull_request_is_a_notice(self):
        push = self.gh.write("push.json", json.dumps({"ref": "refs/heads/main"}))
        done = self.gh.run("comment", self.gh.write("r.md", report("demo-model")), event=push)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("::notice title=qgate::not a pull request", done.stdout)

    def test_bad_credentials_fail_the_step(self):
        done = self.gh.run("comment", self.gh.write("r.md", report("demo-model")), token="wrong",
                           event=self.gh.event(self.pr["number"]))
        self.assertEqual(done.returncode, 1)
        self.assertIn("::error title=qgate::listing the pull request's comments failed (HTTP 401)", done.stdout)

    def test_a_pagination_link_to_another_host_is_refused(self):
        s = self.gh.state
        for i in range(101):
            s.add_comment(self.pr["number"], f"c{i}", user={"login": "u", "type": "User"})
        # A next-page link naming another origin: the token must not follow it.
        s.link_base = "http://elsewhere.example"
        done = self.gh.run("comment", self.gh.write("r.md", report("demo-model")), event=self.gh.event(self.pr["number"]))
        self.assertEqual(done.returncode, 1, done.stdout)
        self.assertIn("refusing a pagination link outside", done.stdout)
        self.assertEqual(len([r for r in s.requests if r[0] == "GET"]), 1)

    def test_hostile_report_text_stays_data(self):
        text = report(HOSTILE.replace("\n", " "), HOSTILE + "\n\\u0000 '\"$(id)`id`\n")
        done = self.gh.run("comment", self.gh.write("r.md", text), event=self.gh.event(self.pr["number"]))
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        [comment] = self.gh.state.comments_on(self.pr["number"])
        self.assertEqual(comment["body"], text)
        self.assertFalse(os.path.exists(f"/tmp/qgate-pwned-{os.getuid()}"))
        with open(self.gh.argv_log) as f:
            self.assertNotIn("good-token", f.read(), "the token never appears on a command line")


class AlertTests(unittest.TestCase):
    def setUp(self):
        self.gh = StandIn()
        self.addCleanup(self.gh.close)

    def alert(self, kind, model, status, body=None, token="good-token"):
        args = ["alert", kind, model, status]
        if body is not None:
            args.append(self.gh.write("alert.md", body))
        return self.gh.run(*args, token=token)

    def open_issues(self, kind):
        return [i for i in self.gh.state.issues.values()
                if i["state"] == "open" and {"ml-ops", kind} <= {lbl["name"] for lbl in i["labels"]}]

    def test_opened_once_commented_on_repeat_closed_on_pass(self):
        s = self.gh.state
        first = self.alert("regression", "demo-model", "failing", report("demo-model", "blocked: accuracy\n"))
        self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
        [issue] = self.open_issues("regression")
        self.assertEqual(issue["title"], "Release blocked by the quality gate: demo-model")
        self.assertTrue(issue["body"].startswith("<!-- qgate-alert:regression:demo-model -->\n"))
        self.assertIn("https://github.example/acme/demo/actions/runs/42", issue["body"])
        self.assertIn("blocked: accuracy", issue["body"])
        self.assertEqual(s.labels["ml-ops"]["color"], "5319e7", "missing labels are created with a description")
        self.assertIn("regression", s.labels)

        again = self.alert("regression", "demo-model", "failing", report("demo-model", "still: accuracy\n"))
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        self.assertEqual(len(self.open_issues("regression")), 1, "a repeat is a comment, not a second issue")
        [repeat] = s.comments_on(issue["number"])
        self.assertTrue(repeat["body"].startswith("Still failing in https://github.example/acme/demo/actions/runs/42."))
        self.assertIn("still: accuracy", repeat["body"])

        # Another model and another kind get issues of their own.
        self.assertEqual(self.alert("regression", "other-model", "failing").returncode, 0)
        self.assertEqual(self.alert("drift-alert", "demo-model", "failing").returncode, 0)
        self.assertEqual(len(self.open_issues("regression")), 2)
        self.assertEqual(len(self.open_issues("drift-alert")), 1)

        passed = self.alert("regression", "demo-model", "passing", report("demo-model", "all green\n"))
        self.assertEqual(passed.returncode, 0, passed.stdout + passed.stderr)
        self.assertEqual(issue["state"], "closed")
        self.assertEqual(issue["state_reason"], "completed")
        self.assertTrue(s.comments_on(issue["number"])[-1]["body"].startswith("Passing again"))
        self.assertEqual([i["title"] for i in self.open_issues("regression")],
                         ["Release blocked by the quality gate: other-model"])

        # A later failure opens a new issue: the closed one stays closed.
        self.assertEqual(self.alert("regression", "demo-model", "failing").returncode, 0)
        self.assertEqual(len(self.open_issues("regression")), 2)
        self.assertEqual(issue["state"], "closed")

    def test_an_issue_edited_on_the_web_is_still_found(self):
        s = self.gh.state
        s.labels.update({n: {"name": n} for n in ("ml-ops", "drift-alert")})
        issue = s.add_issue("renamed by a human", "<!-- qgate-alert:drift-alert:m%2A1 -->\r\nedited\r\n",
                            ["ml-ops", "drift-alert"])
        done = self.alert("drift-alert", "m*1", "passing")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(issue["state"], "closed")

    def test_passing_without_an_open_issue_does_nothing(self):
        done = self.alert("data-quality", "demo-model", "passing")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("no open data-quality issue", done.stdout)
        self.assertEqual([r[0] for r in self.gh.state.requests], ["GET"])

    def test_found_over_pages_and_pull_requests_and_lookalikes_ignored(self):
        s = self.gh.state
        s.labels.update({n: {"name": n} for n in ("ml-ops", "regression")})
        target = s.add_issue("old alert", "<!-- qgate-alert:regression:demo-model -->\nbody", ["ml-ops", "regression"])
        for i in range(150):
            s.add_issue(f"noise {i}", "<!-- qgate-alert:regression:demo-model-2 -->\n", ["ml-ops", "regression"])
        s.add_issue("a PR", "<!-- qgate-alert:regression:demo-model -->\n", ["ml-ops", "regression"], pull_request=True)
        s.add_issue("unlabelled", "<!-- qgate-alert:regression:demo-model -->\n", ["ml-ops"])
        done = self.alert("regression", "demo-model", "failing")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(len(s.comments_on(target["number"])), 1)
        self.assertEqual(len([r for r in s.requests if r[0] == "GET"]), 2, "the second page holds it")
        self.assertEqual([r[0] for r in s.requests if r[0] != "GET"], ["POST"], "a comment, no new issue")

    def test_hostile_model_name_stays_data(self):
        s = self.gh.state
        done = self.alert("data-quality", HOSTILE, "failing", HOSTILE)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        [issue] = self.open_issues("data-quality")
        self.assertEqual(issue["title"], "Dataset check failed: " + HOSTILE)
        marker = "<!-- qgate-alert:data-quality:" + __import__("urllib.parse").parse.quote(HOSTILE, safe="") + " -->"
        self.assertTrue(issue["body"].startswith(marker + "\n"), issue["body"])
        self.assertTrue(issue["body"].endswith(HOSTILE))
        for method, path, headers, body in s.requests:
            self.assertNotIn("evil", path, "the model never reaches a URL")
            if body:
                json.loads(body)
        self.assertNotIn("\n::error::forged", done.stdout)
        self.assertNotIn("##[", done.stdout + done.stderr, "the legacy parser finds ##[ anywhere")
        self.assertFalse(os.path.exists(f"/tmp/qgate-pwned-{os.getuid()}"))
        # The same hostile name finds its issue again.
        self.assertEqual(self.alert("data-quality", HOSTILE, "passing").returncode, 0)
        self.assertEqual(issue["state"], "closed")
        with open(self.gh.argv_log) as f:
            self.assertNotIn("good-token", f.read())

    def test_a_forbidden_token_fails_the_alert(self):
        done = self.alert("regression", "demo-model", "failing", token="fork-token")
        self.assertEqual(done.returncode, 1)
        self.assertIn("needs 'permissions: issues: write'", done.stdout)

    def test_bad_arguments_are_usage_errors(self):
        for args in (["alert", "oops", "m", "failing"], ["alert", "regression", "m", "maybe"],
                     ["alert", "regression", "", "failing"], ["comment"], ["nonsense"]):
            done = self.gh.run(*args)
            self.assertEqual(done.returncode, 2, args)
        self.assertEqual(self.gh.state.requests, [])


class ActionWiring(unittest.TestCase):
    """The composite action's `comment` and `alert` inputs, end to end with the
    action runner, a local bare remote and the stand-in."""

    setUpClass = classmethod(test_action.ActionScenarios.setUpClass.__func__)
    tearDownClass = classmethod(test_action.ActionScenarios.tearDownClass.__func__)
    action = test_action.ActionScenarios.action
    clone = test_action.ActionScenarios.clone
    run_in = test_action.ActionScenarios.run_in
    store_head = test_action.ActionScenarios.store_head

    def setUp(self):
        self.gh = StandIn()
        self.addCleanup(self.gh.close)
        self.env = dict(type(self).env, GITHUB_API_URL=self.gh.url, GITHUB_EVENT_PATH=self.gh.event(5),
                        PATH=self.gh.bin + os.pathsep + os.environ["PATH"])

    def test_comment_on_a_pull_request(self):
        s = self.gh.state
        pr = s.add_issue("a pull request", pull_request=True)
        self.env["GITHUB_EVENT_PATH"] = self.gh.event(pr["number"])
        for accuracy in (0.95, 0.97):
            run = self.run_in(self.clone(), accuracy, event="pull_request", ref=f"refs/pull/{pr['number']}/merge",
                              comment="true", **{"github-token": "good-token"})
            self.assertEqual(run.status, "success", run.log)
        [comment] = s.comments_on(pr["number"])
        self.assertTrue(comment["body"].startswith("<!-- qgate:demo-model -->\n"), comment["body"])
        self.assertIn("0.97", comment["body"])

    def test_regression_alert_on_a_blocked_release_closed_on_a_pass(self):
        s = self.gh.state
        inputs = {"alert": "true", "github-token": "good-token"}
        first = self.run_in(self.clone(), 0.90, version="a1", **inputs)
        self.assertEqual(first.status, "success", first.log)
        self.assertEqual(s.issues, {}, "a pass with no open alert opens nothing")
        blocked = self.run_in(self.clone(), 0.50, version="a2", **inputs)
        self.assertEqual(blocked.status, "failure")
        self.assertEqual(blocked.outputs["blocked"], "true")
        [issue] = s.issues.values()
        self.assertEqual(issue["title"], "Release blocked by the quality gate: demo-model")
        self.assertIn("accuracy", issue["body"])
        # A pull request's blocked model is not a blocked release: no alert.
        pr = self.run_in(self.clone(), 0.50, event="pull_request", ref="refs/pull/5/merge", **inputs)
        self.assertEqual(pr.steps["alert"]["outcome"], "skipped")
        self.assertEqual(s.comments_on(issue["number"]), [])
        passed = self.run_in(self.clone(), 0.91, version="a3", **inputs)
        self.assertEqual(passed.status, "success", passed.log)
        self.assertEqual(issue["state"], "closed")
        # Off by default: no API call at all.
        before = len(s.requests)
        self.run_in(self.clone(), 0.50, version="a4", **{"github-token": "good-token"})
        self.assertEqual(len(s.requests), before)

    def test_a_typo_in_the_inputs_is_an_error(self):
        for name in ("comment", "alert"):
            run = self.run_in(self.clone(), 0.95, ref="refs/heads/feature", **{name: "yes", "github-token": "good-token"})
            self.assertEqual(run.steps["gate"]["exit"], 2, name)
            self.assertIn(f"the '{name}' input must be 'true' or 'false'", run.log)
        self.assertEqual(self.gh.state.requests, [])


class AlertAction(unittest.TestCase):
    """.github/actions/qgate/alert as drift-monitor.yml uses it, on a real
    `qgate drift` Markdown report."""

    def test_drift_alert_opened_then_closed(self):
        gh = StandIn()
        self.addCleanup(gh.close)
        drift = subprocess.run([test_action.QGATE, "drift", "--no-github", "--config", "quality-gates.yaml",
                                "--reference", "Examples/sentiment/drift/reference.csv",
                                "--current", "Examples/sentiment/drift/current.csv",
                                "--output", f"markdown={gh.tmp}/drift.md"], cwd=ROOT, capture_output=True, text=True)
        self.assertEqual(drift.returncode, 1, drift.stderr)
        action = os.path.join(ROOT, ".github", "actions", "qgate", "alert")
        github = {"event_name": "schedule", "ref": "refs/heads/main", "repository": "acme/demo"}
        env = {"GITHUB_API_URL": gh.url, "PATH": gh.bin + os.pathsep + os.environ["PATH"], "QGATE_HARNESS_TMP": gh.tmp}
        inputs = {"kind": "drift-alert", "model": "sentiment-classifier", "body-file": f"{gh.tmp}/drift.md",
                  "github-token": "good-token"}
        failing = run_action(action, dict(inputs, status="failing"), github, env, ROOT)
        self.assertEqual(failing.status, "success", failing.log)
        [issue] = gh.state.issues.values()
        self.assertEqual(issue["title"], "Data drift detected: sentiment-classifier")
        self.assertEqual([lbl["name"] for lbl in issue["labels"]], ["ml-ops", "drift-alert"])
        self.assertIn("qgate drift: RETRAIN", issue["body"])
        passing = run_action(action, dict(inputs, status="passing", **{"body-file": ""}), github, env, ROOT)
        self.assertEqual(passing.status, "success", passing.log)
        self.assertEqual(issue["state"], "closed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--qgate", default=test_action.QGATE)
    known, rest = parser.parse_known_args()
    test_action.QGATE = os.path.abspath(known.qgate)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
