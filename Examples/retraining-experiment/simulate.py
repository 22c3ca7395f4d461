#!/usr/bin/env python3
"""Retraining experiment: does drift-triggered retraining beat periodic
retraining, and does gating the retrained models add value?

    python3 simulate.py --qgate /path/to/qgate --out out/

Four policies run over the same synthetic stream (stream.py), with the same
training code (model.py):

  weekly       retrain at the end of every 7th day, deploy unconditionally
  drift        at the end of every day run `qgate drift` (reference = the
               current model's training data, current = the last 3 days of
               production features, --new-rows = every row served since the
               current model was deployed, for the volume trigger);
               exit 1 -> retrain and deploy
  drift+gate   as `drift`, but the candidate replaces the current model only
               when `qgate evaluate --new-failures-only` passes it (exit 0)
               against the current model's metrics on the same recent holdout;
               every evaluation is recorded (--record) and every release
               promoted (`qgate baseline promote`) in out/store
  weekly+gate  as `weekly`, with the same gate as drift+gate (own store,
               out/store-weekly-gate)

Every qgate call runs with QGATE_NOW set to the simulated day (day d =
2026-01-01 + d days, 12:00 UTC), so the stores' histories carry the dates the
releases would have had.

Every retrain/deploy decision is the exit code of a qgate process. Python
only plays the user's side: it trains, evaluates, writes CSV and metrics.json
files, and measures what happened. See README.md for the measures.
"""
import argparse
import csv
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

import numpy as np

import model as lr
import report
import stream as st

SEED = 20240601
FIT_DAYS = 21          # a model is fitted on 21 days of labelled data...
HOLDOUT_DAYS = 3       # ...and evaluated on the 3 most recent days, which it did not see
PERIOD_DAYS = 7        # the periodic policy's schedule
DRIFT_WINDOW_DAYS = 3  # `qgate drift --current`: the most recent 3 days of features (600 rows)
REGRESSION_DAYS = 7    # a deployment is judged on the 7 days after it
REGRESSION_TOLERANCE = 0.005  # "worse" = more than half a point of accuracy worse

POLICIES = ["weekly", "drift", "drift+gate", "weekly+gate"]
STORES = {"drift+gate": "store", "weekly+gate": "store-weekly-gate"}
DAY_ZERO = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.timezone.utc)


def qgate_now(day):
    """The clock qgate records for simulated day `day` (QGATE_NOW)."""
    return (DAY_ZERO + datetime.timedelta(days=day)).strftime("%Y-%m-%dT%H:%M:%SZ")


class QgateError(SystemExit):
    pass


@dataclass
class Release:
    """A trained model and where its data came from."""
    beta: np.ndarray
    trained_at: int                 # trained at the end of this day
    fit_days: tuple                 # (first, last) day of its training data
    holdout_days: tuple
    holdout_metrics: dict
    reference_csv: str = ""         # its training features, the drift reference

    @property
    def first_day(self):
        return self.trained_at + 1  # it serves from the next day on

    @property
    def version(self):
        return "initial" if self.trained_at < 0 else f"day-{self.trained_at:03d}"


@dataclass
class PolicyRun:
    name: str
    daily_accuracy: np.ndarray
    retrain_days: list = field(default_factory=list)   # candidate trained at the end of these days
    deploy_days: list = field(default_factory=list)    # ...and deployed (all of them unless gated)
    rejected_days: list = field(default_factory=list)  # gated policies: blocked by qgate evaluate
    warned_days: list = field(default_factory=list)    # ...passed with a warning (pre-existing failure)
    deployments: list = field(default_factory=list)    # (day, replaced Release, new Release)
    rejections: list = field(default_factory=list)     # (day, kept Release, blocked candidate)
    trigger_reasons: list = field(default_factory=list)  # (day, "drift"|"volume"|"drift+volume")


class Qgate:
    """Runs qgate and returns its exit code; anything but the documented codes aborts."""

    def __init__(self, binary, policy, log_path):
        self.binary, self.policy = binary, policy
        self.calls = 0
        self.log = open(log_path, "w", newline="")
        self.writer = csv.writer(self.log)
        self.writer.writerow(["policy", "day", "command", "exit_code", "summary"])

    def run(self, args, allowed, policy_name, day):
        cmd = [self.binary] + args
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "",
                                   "QGATE_NOW": qgate_now(day)})
        self.calls += 1
        if proc.returncode not in allowed:
            # Exit 2 (or a crash) is never a decision: stop the experiment loudly.
            sys.stderr.write(f"\nqgate failed (exit {proc.returncode}) on day {day} of policy "
                             f"{policy_name}:\n  {' '.join(cmd)}\n{proc.stdout}{proc.stderr}\n")
            raise QgateError(2)
        return proc

    def record(self, policy_name, day, command, code, summary):
        self.writer.writerow([policy_name, day, command, code, summary])

    def drift(self, reference, current, new_rows, policy_name, day):
        proc = self.run(["drift", "--config", self.policy, "--reference", reference,
                         "--current", current, "--new-rows", str(new_rows),
                         "--format", "json", "--no-github"],
                        (0, 1), policy_name, day)
        # The decision is the exit code. The report is only read to log *why*.
        report_ = json.loads(proc.stdout)
        reason = "+".join(k for k in ("drift", "volume") if report_.get(f"{k}_triggered"))
        self.record(policy_name, day, "drift", proc.returncode, report_.get("reason", ""))
        return proc.returncode == 1, reason

    def evaluate(self, candidate, baseline, store, policy_name, day):
        """The gate. Returns (allowed, warned); warned = passed with a warning,
        which here can only be a failure the production model already had."""
        proc = self.run(["evaluate", "--config", self.policy, "--metrics", candidate,
                         "--baseline", baseline, "--new-failures-only",
                         "--store", store, "--record", "--format", "json", "--no-github"],
                        (0, 1), policy_name, day)
        report_ = json.loads(proc.stdout)
        self.record(policy_name, day, "evaluate", proc.returncode, report_.get("summary", ""))
        return proc.returncode == 0, report_.get("verdict") == "passed_with_warnings"

    def promote(self, metrics, version, store, policy_name, day):
        self.run(["baseline", "promote", "--config", self.policy, "--metrics", metrics,
                  "--store", store, "--version", version], (0,), policy_name, day)
        self.record(policy_name, day, "baseline promote", 0, version)

    def history_stats(self, store, fmt):
        """`qgate baseline history --stats` of a store, as printed."""
        return self.run(["baseline", "history", "--stats", "--config", self.policy,
                         "--store", store, "--format", fmt], (0,), "history", st.N_DAYS).stdout


def write_csv(path, X):
    # Six decimals: plenty for PSI on 10 bins, and the files stay small.
    np.savetxt(path, X, fmt="%.6f", delimiter=",", header=",".join(st.FEATURES), comments="")


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")


def train(stream, day):
    """The user's training job, run at the end of `day`: fit on the 21 days
    before the 3 most recent ones, and evaluate on those 3 (a time-based
    holdout: under drift, the most recent data is what matters)."""
    fit_days = (day - HOLDOUT_DAYS - FIT_DAYS + 1, day - HOLDOUT_DAYS)
    holdout_days = (day - HOLDOUT_DAYS + 1, day)
    X, y = stream.days(*fit_days)
    beta = lr.fit(X, y)
    Xh, yh = stream.days(*holdout_days)
    return Release(beta, day, fit_days, holdout_days, lr.evaluation_metrics(beta, Xh, yh))


def run_policy(name, stream, initial, qgate, work, store):
    """store: the baseline store of a gated policy, None for the ungated ones."""
    os.makedirs(work, exist_ok=True)
    run = PolicyRun(name, np.empty(st.N_DAYS))
    current = initial
    current.reference_csv = os.path.join(work, "reference.csv")
    write_csv(current.reference_csv, stream.days(*current.fit_days)[0])

    if store:
        # The initial model is the first release in the store.
        path = os.path.join(work, f"metrics-{current.version}.json")
        write_json(path, current.holdout_metrics)
        qgate.promote(path, current.version, store, name, -1)

    for day in range(st.N_DAYS):
        # During the day the deployed model serves the day's traffic; we
        # measure how well it did on a large fresh sample of that day.
        Xe, ye = stream.evaluation[day]
        run.daily_accuracy[day] = lr.accuracy(current.beta, Xe, ye)

        # End of the day: the day's labels are in; decide whether to retrain.
        if name.startswith("weekly"):
            due = (day + 1) % PERIOD_DAYS == 0
        else:
            # Drift is judged on the most recent days only; the volume trigger
            # counts every row served since the current model was deployed.
            current_csv = os.path.join(work, "current.csv")
            write_csv(current_csv, stream.days(day - DRIFT_WINDOW_DAYS + 1, day)[0])
            new_rows = (day - current.first_day + 1) * st.ROWS_PER_DAY
            due, reason = qgate.drift(current.reference_csv, current_csv, new_rows, name, day)
            if due:
                run.trigger_reasons.append((day, reason))
        if not due:
            continue

        candidate = train(stream, day)
        run.retrain_days.append(day)

        if store:
            # Both models scored on the same, most recent labelled days; the
            # current model has never seen them either (it was trained earlier).
            Xh, yh = stream.days(*candidate.holdout_days)
            cand_path = os.path.join(work, f"metrics-{candidate.version}.json")
            base_path = os.path.join(work, f"current-on-{candidate.version}-holdout.json")
            write_json(cand_path, candidate.holdout_metrics)
            write_json(base_path, lr.evaluation_metrics(current.beta, Xh, yh))
            allowed, warned = qgate.evaluate(cand_path, base_path, store, name, day)
            if not allowed:
                run.rejected_days.append(day)
                run.rejections.append((day, current, candidate))
                continue        # keep the current model (and its drift reference)
            if warned:
                run.warned_days.append(day)
            qgate.promote(cand_path, candidate.version, store, name, day)

        candidate.reference_csv = current.reference_csv
        write_csv(candidate.reference_csv, stream.days(*candidate.fit_days)[0])
        run.deployments.append((day, current, candidate))
        run.deploy_days.append(day)
        current = candidate
    return run


def oracle_accuracy(stream):
    """Best achievable, per day: the same training code fitted on as many rows
    as a real model gets (21 days' worth), but all drawn from the concept of
    that very day -- a model that never lags. Also the Bayes accuracy (the
    true concept itself), as a ceiling no learner can beat on average."""
    oracle, bayes = np.empty(st.N_DAYS), np.empty(st.N_DAYS)
    for day in range(st.N_DAYS):
        X, y = stream.oracle_training_set(day, FIT_DAYS * st.ROWS_PER_DAY)
        beta = lr.fit(X, y)
        Xe, ye = stream.evaluation[day]
        oracle[day] = lr.accuracy(beta, Xe, ye)
        bayes[day] = float(np.mean(st.bayes_predict(st.concept(day), Xe) == ye))
    return oracle, bayes


def replacement_effect(day, old, new, stream):
    """Mean accuracy of `new` minus `old` over the REGRESSION_DAYS days after
    `day` (same evaluation rows for both); None at the very end of the stream."""
    days = range(day + 1, min(day + 1 + REGRESSION_DAYS, st.N_DAYS))
    if len(days) == 0:
        return None
    return float(np.mean([lr.accuracy(new.beta, *stream.evaluation[d]) -
                          lr.accuracy(old.beta, *stream.evaluation[d]) for d in days]))


def regressions(run, stream):
    """Deployments whose new model was worse than the one it replaced over the
    following REGRESSION_DAYS days."""
    out = []
    for day, old, new in run.deployments:
        diff = replacement_effect(day, old, new, stream)
        if diff is not None and diff < -REGRESSION_TOLERANCE:
            out.append((day, diff))
    return out


def blocked_effects(run, stream):
    """For every candidate the gate blocked: what deploying it would have done
    over the next REGRESSION_DAYS days, against the model that kept serving."""
    return [(day, replacement_effect(day, kept, cand, stream))
            for day, kept, cand in run.rejections]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--qgate", required=True, help="qgate binary")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--policy", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "quality-gates.yaml"))
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()

    started = time.monotonic()
    out = os.path.abspath(args.out)
    # Fresh stores and scratch space each run: a store's history is the
    # record of *this* run's releases, not an accumulation of earlier runs.
    for sub in list(STORES.values()) + ["work"]:
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    qgate = Qgate(os.path.abspath(args.qgate), os.path.abspath(args.policy),
                  os.path.join(out, "qgate-calls.csv"))

    stream = st.Stream(args.seed)
    oracle, bayes = oracle_accuracy(stream)
    # All policies start from the same model, trained at the end of day -1.
    runs = {}
    for name in POLICIES:
        store = os.path.join(out, STORES[name]) if name in STORES else None
        runs[name] = run_policy(name, stream, train(stream, -1), qgate,
                                os.path.join(out, "work", name.replace("+", "-")), store)
        print(f"  {name:<11}  {len(runs[name].retrain_days):3d} retrainings, "
              f"{len(runs[name].deploy_days):3d} deployed", file=sys.stderr)

    # Claim 1 in qgate's own words: the drift+gate store's release statistics.
    stats_md = qgate.history_stats(os.path.join(out, STORES["drift+gate"]), "markdown")
    with open(os.path.join(out, "history-stats.txt"), "w") as f:
        f.write(qgate.history_stats(os.path.join(out, STORES["drift+gate"]), "text"))
    qgate.log.close()

    regs = {name: regressions(r, stream) for name, r in runs.items()}
    blocked = {name: blocked_effects(r, stream) for name, r in runs.items() if name in STORES}
    report.write(out, args.seed, runs, regs, blocked, oracle, bayes, stats_md,
                 params=dict(FIT_DAYS=FIT_DAYS, HOLDOUT_DAYS=HOLDOUT_DAYS,
                             PERIOD_DAYS=PERIOD_DAYS, REGRESSION_DAYS=REGRESSION_DAYS,
                             REGRESSION_TOLERANCE=REGRESSION_TOLERANCE,
                             DRIFT_WINDOW_DAYS=DRIFT_WINDOW_DAYS))
    print(f"  {qgate.calls} qgate calls, {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
