"""End-to-end tests of the composite action (.github/actions/qgate) with a
simulated GitHub environment and a real git remote on the local disk.

    python3 dev/test_action.py [--qgate .build/debug/qgate]

Each scenario runs the action's steps in order (dev/action_runner.py) in a
clone of a bare repository acting as `origin`, with the store in its
`qgate-baselines` branch, and qgate installed the way users get it: the
release archive downloaded (from a file:// release directory) and checked
against the action's SHA256SUMS. Needs git, curl, tar and PyYAML.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from action_runner import run_action, run_job  # noqa: E402
import github_standin  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QGATE = os.path.join(ROOT, ".build", "debug", "qgate")

POLICY = """\
version: 1
model: demo-model
defaults:
  severity: critical
  on_missing_metric: fail
  on_missing_baseline: skip
gates:
  - metric: accuracy
    name: accuracy
    min: 0.80
    max_regression: 0.02
"""


def git(*args, cwd=None, check=True):
    return subprocess.run(["git", *args], cwd=cwd, check=check, capture_output=True, text=True)


class ActionScenarios(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="qgate-action-")
        home = os.path.join(cls.tmp, "home")
        os.makedirs(home)
        cls.env = {"HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0",
                   "QGATE_HARNESS_TMP": cls.tmp, "NO_COLOR": "1"}
        os.environ.update({k: v for k, v in cls.env.items() if k != "QGATE_HARNESS_TMP"})
        git("config", "--global", "user.name", "CI")
        git("config", "--global", "user.email", "ci@example.com")
        git("config", "--global", "init.defaultBranch", "main")

        cls.version = subprocess.run(["sh", os.path.join(ROOT, "scripts", "version.sh")], check=True,
                                     capture_output=True, text=True).stdout.strip()
        # The release as the release workflow publishes it, served from disk.
        cls.release = os.path.join(cls.tmp, "release")
        stage = os.path.join(cls.tmp, "stage")
        os.makedirs(cls.release)
        os.makedirs(stage)
        # The layout scripts/build-release.sh packs: qgate-VERSION-PLATFORM/qgate.
        name = f"qgate-{cls.version}-linux-x86_64"
        os.makedirs(os.path.join(stage, name))
        shutil.copy2(QGATE, os.path.join(stage, name, "qgate"))
        cls.archive = f"{name}.tar.gz"
        subprocess.run(["tar", "-czf", os.path.join(cls.release, cls.archive), "-C", stage, name], check=True)
        cls.digest = subprocess.run(["sha256sum", os.path.join(cls.release, cls.archive)], check=True,
                                    capture_output=True, text=True).stdout.split()[0]

        cls.origin = os.path.join(cls.tmp, "origin.git")
        git("init", "--bare", "--quiet", cls.origin)
        seed = os.path.join(cls.tmp, "seed")
        git("clone", "--quiet", cls.origin, seed)
        with open(os.path.join(seed, "quality-gates.yaml"), "w") as f:
            f.write(POLICY)
        git("add", "quality-gates.yaml", cwd=seed)
        git("commit", "--quiet", "-m", "policy", cwd=seed)
        git("push", "--quiet", "origin", "main", cwd=seed)
        cls.clones = 0

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    # --- helpers ---------------------------------------------------------

    def action(self, sums=None):
        """A copy of the action as a user's runner checks it out, with the
        release's checksum committed in it (or `sums` instead)."""
        package = tempfile.mkdtemp(prefix="action-", dir=self.tmp)
        shutil.copytree(os.path.join(ROOT, ".github", "actions", "qgate"),
                        os.path.join(package, ".github", "actions", "qgate"))
        shutil.copytree(os.path.join(ROOT, "scripts"), os.path.join(package, "scripts"))
        os.makedirs(os.path.join(package, "Sources", "QualityGateCore", "Support"))
        shutil.copy2(os.path.join(ROOT, "Sources", "QualityGateCore", "Support", "QGateVersion.swift"),
                     os.path.join(package, "Sources", "QualityGateCore", "Support"))
        with open(os.path.join(package, ".github", "actions", "qgate", "SHA256SUMS"), "w") as f:
            f.write(sums if sums is not None else f"{self.digest}  {self.archive}\n")
        return os.path.join(package, ".github", "actions", "qgate")

    def clone(self):
        type(self).clones += 1
        path = os.path.join(self.tmp, f"clone-{self.clones}")
        git("clone", "--quiet", self.origin, path)
        return path

    def run_in(self, clone, accuracy, event="push", ref="refs/heads/main", action=None, metrics_file=None, **inputs):
        if metrics_file is None:
            with open(os.path.join(clone, "metrics.json"), "w") as f:
                json.dump({"accuracy": accuracy}, f)
        sha = git("rev-parse", "HEAD", cwd=clone).stdout.strip()
        github = {"event_name": event, "ref": ref, "sha": sha, "ref_name": ref.split("/")[-1],
                  "repository": "acme/demo", "event": {"repository": {"default_branch": "main"}}}
        inputs = {"metrics": "metrics.json", "release-url": "file://" + self.release, **inputs}
        return run_action(action or self.action(), inputs, github, self.env, clone)

    def store_head(self):
        out = git("ls-remote", self.origin, "refs/heads/qgate-baselines").stdout.split()
        return out[0] if out else None

    def qgate(self, *args, cwd):
        return subprocess.run([QGATE, *args], cwd=cwd, capture_output=True, text=True)

    def promoted_versions(self):
        clone = self.clone()
        shown = self.qgate("baseline", "history", "--store", "git:qgate-baselines", "--model", "demo-model",
                           "--format", "json", cwd=clone)
        self.assertEqual(shown.returncode, 0, shown.stdout + shown.stderr)
        return shown.stdout

    # --- scenarios, in the order a repository lives through them --------

    def test_1_release_lifecycle(self):
        # First release: no store branch yet; relative gates skip, the pass promotes.
        self.assertIsNone(self.store_head())
        first = self.run_in(self.clone(), 0.90, version="v1")
        self.assertEqual(first.status, "success", first.log)
        self.assertEqual(first.outputs["passed"], "true")
        self.assertEqual(first.outputs["blocked"], "false")
        self.assertEqual(first.outputs["promoted"], "true", first.log)
        self.assertIn("first release", first.log)
        self.assertEqual(first.steps["build"]["outcome"], "skipped", "the release binary was used, not a build")
        for report in ("markdown-report", "junit-report", "json-report", "html-report"):
            self.assertTrue(os.path.isfile(first.outputs[report]), report)
        self.assertIsNotNone(self.store_head())

        # Second release is compared with the first: a 0.01 drop is allowed.
        second = self.run_in(self.clone(), 0.89, version="v2")
        self.assertEqual(second.status, "success", second.log)
        self.assertEqual(second.outputs["promoted"], "true")
        with open(second.outputs["json-report"], encoding="utf-8") as f:
            report = json.load(f)
        self.assertIn("0.9", json.dumps(report), "the baseline v1 (0.90) is in the report")

        # A regression beyond max_drop is blocked and promotes nothing.
        head = self.store_head()
        blocked = self.run_in(self.clone(), 0.86, version="v3")
        self.assertEqual(blocked.status, "failure")
        self.assertEqual(blocked.outputs["blocked"], "true")
        self.assertEqual(blocked.outputs["passed"], "false")
        self.assertEqual(blocked.outputs["promoted"], "")
        self.assertIn("accuracy", blocked.outputs["failed-gates"])
        self.assertIn("::error", blocked.log)
        self.assertEqual(self.store_head(), head)

        # A pull request with a good model passes and never promotes.
        pr = self.run_in(self.clone(), 0.95, event="pull_request", ref="refs/pull/7/merge")
        self.assertEqual(pr.status, "success", pr.log)
        self.assertEqual(pr.outputs["passed"], "true")
        self.assertEqual(pr.outputs["promoted"], "")
        self.assertIn("pull requests never promote", pr.log)
        self.assertEqual(self.store_head(), head)

        # A branch that is not the default branch does not promote either.
        feature = self.run_in(self.clone(), 0.95, ref="refs/heads/feature")
        self.assertEqual(feature.outputs["promoted"], "")
        self.assertEqual(self.store_head(), head)

        # Two release jobs at once: both land, once each, in a chain that verifies.
        clones = [self.clone(), self.clone()]
        runs = [None, None]

        def release(i):
            runs[i] = self.run_in(clones[i], 0.90 + i / 100, version=f"v4-{i}")
        threads = [threading.Thread(target=release, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for run in runs:
            self.assertEqual(run.status, "success", run.log)
            self.assertEqual(run.outputs["promoted"], "true", run.log)
        checker = self.clone()
        verified = self.qgate("baseline", "verify", "--store", "git:qgate-baselines", cwd=checker)
        self.assertEqual(verified.returncode, 0, verified.stdout + verified.stderr)
        history = self.promoted_versions()
        for version in ("v1", "v2", "v4-0", "v4-1"):
            self.assertEqual(history.count(f'"{version}"'), 1, f"{version} once in {history}")
        self.assertNotIn('"v3"', history)

    def test_release_model_workflow_runs_its_jobs_in_order(self):
        """.github/workflows/release-model.yml as GitHub would run it on a push to
        main: `train` (scikit-learn, qgate score, read-only) hands the metrics
        to `gate` (the action, promoting into the store branch), each job in a
        fresh checkout of this repository; then a regressed training run is
        blocked and promotes nothing."""
        origin = os.path.join(self.tmp, "qgate-origin.git")
        git("clone", "--quiet", "--bare", ROOT, origin)

        def checkout():
            type(self).clones += 1
            path = os.path.join(self.tmp, f"repo-{self.clones}")
            git("clone", "--quiet", origin, path)
            # What the release workflow's pin-action job commits after a release.
            with open(os.path.join(path, ".github", "actions", "qgate", "SHA256SUMS"), "a") as f:
                f.write(f"{self.digest}  {self.archive}\n")
            return path

        def head():
            """The released baseline (not the history's head: `record: 'true'`
            appends blocked verdicts too)."""
            if not git("ls-remote", origin, "refs/heads/qgate-baselines").stdout.strip():
                return None
            shown = self.qgate("baseline", "show", "--store", "git:qgate-baselines", "--model", "tumour-classifier",
                               "--format", "json", cwd=checkout())
            self.assertEqual(shown.returncode, 0, shown.stderr)
            return shown.stdout

        # `python3` in the steps is this interpreter (scikit-learn installed).
        env = dict(self.env, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
        local = {"release-url": "file://" + self.release}
        workflow = ".github/workflows/release-model.yml"
        results = {}
        for quality in ("good", "regressed"):
            artifacts = tempfile.mkdtemp(prefix="artifacts-", dir=self.tmp)
            first = checkout()
            sha = git("rev-parse", "HEAD", cwd=first).stdout.strip()
            github = {"event_name": "workflow_dispatch", "ref": "refs/heads/main", "ref_name": "main", "sha": sha,
                      "repository": "acme/qgate", "event": {"repository": {"default_branch": "main"}}}
            inputs = {"seed": "0", "quality": quality}
            train = run_job(workflow, "train", inputs, github, env, first, artifacts, local)
            self.assertEqual(train.status, "success", train.log)
            self.assertTrue(os.path.isfile(os.path.join(artifacts, "metrics", "metrics.json")), train.log)
            before = head()
            gate = run_job(workflow, "gate", inputs, github, env, checkout(), artifacts, local)
            results[quality] = (gate, before, head())
        good, before, after = results["good"]
        self.assertEqual(good.status, "success", good.log)
        self.assertEqual(good.steps["gate"]["outputs"]["promoted"], "true", good.log)
        self.assertIn("[Release] exit 0\nreleased", good.log)
        self.assertIsNone(before)
        self.assertIsNotNone(after)
        bad, before, after = results["regressed"]
        self.assertEqual(bad.status, "failure")
        self.assertEqual(bad.steps["gate"]["outputs"]["blocked"], "true", bad.log)
        self.assertEqual(bad.steps["__4"]["outcome"], "skipped", "no release after a block")
        self.assertEqual(before, after, "a blocked model promotes nothing")
        history = self.qgate("baseline", "history", "--store", "git:qgate-baselines", "--model", "tumour-classifier",
                             "--format", "json", cwd=checkout())
        self.assertIn('"blocked"', history.stdout, "the blocked verdict is recorded")

    def scheduled_job(self, name):
        """A checkout of this repository whose action lists the test release
        (as the release workflow's pin-action job would), a GitHub API stand-in
        (dev/github_standin.py) for its alert step, and a function running one
        job of a scheduled workflow there: (repo, state, run)."""
        repo = os.path.join(self.tmp, name)
        git("clone", "--quiet", ROOT, repo)
        with open(os.path.join(repo, ".github", "actions", "qgate", "SHA256SUMS"), "a") as f:
            f.write(f"{self.digest}  {self.archive}\n")
        server, state, url = github_standin.serve(repo="acme/qgate")
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        github = {"event_name": "schedule", "ref": "refs/heads/main", "ref_name": "main", "sha": "0" * 40,
                  "repository": "acme/qgate", "token": "good-token", "event": {"repository": {"default_branch": "main"}}}

        def run(workflow, job):
            return run_job(workflow, job, {}, github, dict(self.env, GITHUB_API_URL=url), repo,
                           tempfile.mkdtemp(prefix="artifacts-", dir=self.tmp), {"release-url": "file://" + self.release})
        return repo, state, run

    @staticmethod
    def open_alerts(state, kind):
        return [i["state"] for i in state.issues.values() if {"ml-ops", kind} <= {label["name"] for label in i["labels"]}]

    def test_drift_monitor_job(self):
        """drift-monitor.yml's drift job: qgate from the setup action, the
        example's data, the retrain decision as the job's output, and one open
        drift-alert issue."""
        repo, state, run_workflow = self.scheduled_job("drift-repo")
        run = run_workflow(".github/workflows/drift-monitor.yml", "drift")
        self.assertEqual(run.status, "success", run.log)
        self.assertEqual(run.outputs["retrain"], "true", run.log)
        self.assertTrue(os.path.isfile(os.path.join(repo, "drift.json")), run.log)
        self.assertEqual(self.open_alerts(state, "drift-alert"), ["open"], run.log)

    def test_a_tag_push_promotes_under_the_tag_name(self):
        """A push of tag v2.0.0 (default promote-on: default-branch refs/tags/v*)
        promotes with the tag as the version; a tag outside the patterns does not."""
        tagged = self.run_in(self.clone(), 0.97, ref="refs/tags/v2.0.0")
        self.assertEqual(tagged.status, "success", tagged.log)
        self.assertEqual(tagged.outputs["promoted"], "true", tagged.log)
        self.assertEqual(tagged.steps["policy"]["outputs"]["version"], "v2.0.0")
        self.assertIn('"v2.0.0"', self.promoted_versions())
        other = self.run_in(self.clone(), 0.97, ref="refs/tags/nightly-1")
        self.assertEqual(other.outputs["promoted"], "", other.log)

    def test_dataset_validation_job_raises_and_closes_its_alert(self):
        """dataset-validation.yml's job: the example table passes on the pinned
        day (no alert); with a later day it is stale, the job fails after
        opening one data-quality issue on the stand-in; the next passing run
        closes it."""
        repo, state, run_workflow = self.scheduled_job("data-repo")
        workflow = os.path.join(repo, ".github", "workflows", "dataset-validation.yml")

        def run(today):
            with open(workflow, encoding="utf-8") as f:
                text = f.read()
            with open(workflow, "w", encoding="utf-8") as f:
                f.write(re.sub(r'QGATE_TODAY: "[0-9-]+"', f'QGATE_TODAY: "{today}"', text))
            return run_workflow(".github/workflows/dataset-validation.yml", "validate")

        fresh = run("2026-11-30")
        self.assertEqual(fresh.status, "success", fresh.log)
        self.assertEqual(self.open_alerts(state, "data-quality"), [])
        stale = run("2027-01-30")
        self.assertEqual(stale.status, "failure", stale.log)
        self.assertIn("the dataset checks did not pass (exit 1)", stale.log)
        self.assertEqual(self.open_alerts(state, "data-quality"), ["open"])
        again = run("2026-11-30")
        self.assertEqual(again.status, "success", again.log)
        self.assertEqual(self.open_alerts(state, "data-quality"), ["closed"])

    def test_a_rerun_of_a_promoted_version_promotes_nothing_and_passes(self):
        """Re-running a release job whose version is already the baseline passes
        with a notice instead of failing on the duplicate version."""
        first = self.run_in(self.clone(), 0.99, version="v-rerun")
        self.assertEqual(first.outputs["promoted"], "true", first.log)
        rerun = self.run_in(self.clone(), 0.99, version="v-rerun")
        self.assertEqual(rerun.status, "success", rerun.log)
        self.assertEqual(rerun.outputs["promoted"], "", rerun.log)
        self.assertIn("already the released baseline", rerun.log)
        self.assertEqual(self.promoted_versions().count('"v-rerun"'), 1)

    def test_wrong_checksum_fails_instead_of_falling_back(self):
        run = self.run_in(self.clone(), 0.95, action=self.action(sums=f"{'0' * 64}  {self.archive}\n"))
        self.assertEqual(run.status, "failure")
        self.assertEqual(run.steps["install"]["exit"], 2)
        self.assertIn("checksum mismatch", run.log)
        self.assertEqual(run.steps["build"]["outcome"], "skipped")
        self.assertEqual(run.steps["gate"]["outcome"], "skipped")

    def test_unlisted_platform_builds_from_source(self):
        action = self.action(sums="")
        package = os.path.dirname(os.path.dirname(os.path.dirname(action)))
        shutil.copy2(os.path.join(ROOT, "Package.swift"), package)
        shutil.copytree(os.path.join(ROOT, "Sources"), os.path.join(package, "Sources"), dirs_exist_ok=True)
        out = os.path.join(self.tmp, "install-output")
        open(out, "w").close()
        env = dict(os.environ, GITHUB_ACTION_PATH=action, GITHUB_OUTPUT=out, RUNNER_TEMP=self.tmp)
        done = subprocess.run(["bash", os.path.join(action, "install.sh")], env=env, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(out, encoding="utf-8") as f:
            outputs = f.read()
        self.assertIn("build=true", outputs)
        self.assertIn("cache-key=qgate-build-", outputs)

    def test_pipeline_trains_scores_and_gates(self):
        """The example pipeline's real path: train (scikit-learn), `qgate score`,
        the action; the regressed training run is blocked, the good one released."""
        example = os.path.join(ROOT, "Examples", "release-pipeline")
        results = {}
        for quality in ("good", "regressed"):
            clone = self.clone()
            subprocess.run([sys.executable, os.path.join(example, "train.py"), "--quality", quality,
                            "--out", "predictions.csv"], cwd=clone, check=True, capture_output=True)
            scored = self.qgate("score", "--predictions", "predictions.csv", "--label", "label", "--score", "score",
                                "--latency", "latency_ms", "--output", "metrics.json", cwd=clone)
            self.assertEqual(scored.returncode, 0, scored.stderr)
            results[quality] = self.run_in(clone, None, ref="refs/heads/feature", metrics_file="metrics.json",
                                           config=os.path.join(example, "quality-gates.yaml"))
        self.assertEqual(results["good"].status, "success", results["good"].log)
        self.assertEqual(results["good"].outputs["passed"], "true")
        self.assertEqual(results["regressed"].status, "failure")
        self.assertEqual(results["regressed"].outputs["blocked"], "true")
        for gate in ("accuracy", "malignant-recall"):
            self.assertIn(gate, results["regressed"].outputs["failed-gates"])

    def test_untrusted_version_or_event_never_promotes(self):
        """A version holding a newline (e.g. a PR title) cannot forge
        `may-promote=true` in $GITHUB_OUTPUT, and only push-like events promote."""
        head = self.store_head()
        forged = self.run_in(self.clone(), 0.95, event="pull_request", ref="refs/pull/7/merge",
                             version="Fix typo\nmay-promote=true")
        self.assertEqual(forged.outputs["promoted"], "", forged.log)
        self.assertEqual(forged.steps["policy"]["outputs"]["may-promote"], "false")
        for event in ("workflow_run", "issue_comment", "merge_group", "pull_request_review"):
            run = self.run_in(self.clone(), 0.95, event=event, ref="refs/heads/main")
            self.assertEqual(run.outputs["promoted"], "", f"{event}: {run.log}")
            self.assertIn(f"a {event} event never promotes", run.log)
        hostile = self.run_in(self.clone(), 0.95, version="v1\n::error::forged")
        self.assertEqual(hostile.status, "failure")
        self.assertEqual(hostile.steps["policy"]["exit"], 2)
        self.assertNotIn("\n::error::forged", hostile.log)
        self.assertEqual(self.store_head(), head)

    def test_checksum_file_variants(self):
        """Uppercase hex, CRLF, a BOM and `*`/`./` markers still verify; a file
        naming the archive twice is an error, not a build from source."""
        for sums in (f"{self.digest.upper()}  {self.archive}\r\n", f"\ufeff{self.digest} *./{self.archive}\n"):
            run = self.run_in(self.clone(), 0.95, event="pull_request", ref="refs/pull/1/merge", action=self.action(sums=sums))
            self.assertEqual(run.steps["install"]["outputs"].get("build"), "false", run.log)
            self.assertEqual(run.status, "success", run.log)
        twice = self.run_in(self.clone(), 0.95, action=self.action(sums=f"{self.digest}  {self.archive}\n{'1' * 64}  {self.archive}\n"))
        self.assertEqual(twice.steps["install"]["exit"], 2)
        self.assertIn("more than once", twice.log)

    def test_bad_boolean_input_is_an_error(self):
        run = self.run_in(self.clone(), 0.95, **{"fail-on-warning": "yes"})
        self.assertEqual(run.status, "failure")
        self.assertEqual(run.steps["gate"]["exit"], 2)
        self.assertIn("must be 'true' or 'false'", run.log)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--qgate", default=QGATE)
    known, rest = parser.parse_known_args()
    QGATE = os.path.abspath(known.qgate)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
