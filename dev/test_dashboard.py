#!/usr/bin/env python3
"""The Grafana dashboard against a real Pushgateway and Prometheus (issue 21).

Starts Debian's prometheus-pushgateway and prometheus on free loopback ports
(a scrape config of its own: honor_labels, every 1 s, storage in a temporary
directory), pushes scenarios with the built qgate (two models; a blocked and
an allowed evaluation; a waived critical gate; drift with and without a shift;
a store with promotions and a rollback), waits for the scrapes, then runs
every PromQL expression of Examples/grafana/qgate-dashboard.json (panel
targets, variable queries, the annotation) through Prometheus' HTTP API with
the variables interpolated as Grafana does (one value, several values, All;
regex-escaped), and checks per panel that it returns data and that what it
shows agrees with qgate's own JSON reports. Also runs `promtool check metrics`
on every Prometheus output qgate produced here.

Python standard library only. Stops only the processes it started (by PID).

    python3 dev/test_dashboard.py --qgate .build/debug/qgate [--keep]
"""

import argparse
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DASHBOARD = os.path.join(ROOT, "Examples/grafana/qgate-dashboard.json")
SENTIMENT = os.path.join(ROOT, "Examples/sentiment")
MODEL_A = "sentiment-classifier"  # the repo's quality-gates.yaml
MODEL_B = "churn.model"  # a dot: a regex character the variable must escape

failures = []
checked = []


def check(ok, what):
    checked.append(what)
    if not ok:
        failures.append(what)
        print("FAIL", what, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read().decode()


def wait_ready(url, proc, what):
    for _ in range(300):
        if proc.poll() is not None:
            sys.exit(f"{what} exited with {proc.returncode}")
        try:
            if http_get(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"{what} did not become ready at {url}")


class Servers:
    """The Pushgateway and Prometheus this test starts, and only those."""

    def __init__(self, tmp):
        self.procs = []
        self.pg_port, self.prom_port = free_port(), free_port()
        self.pushgateway = f"http://127.0.0.1:{self.pg_port}"
        self.prometheus = f"http://127.0.0.1:{self.prom_port}"
        self.tmp = tmp

    def start(self):
        log = open(os.path.join(self.tmp, "pushgateway.log"), "w")
        pg = subprocess.Popen(
            ["prometheus-pushgateway", f"--web.listen-address=127.0.0.1:{self.pg_port}"],
            stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(pg)
        wait_ready(self.pushgateway + "/-/ready", pg, "prometheus-pushgateway")
        config = os.path.join(self.tmp, "prometheus.yml")
        with open(config, "w") as f:
            f.write(
                "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                "scrape_configs:\n  - job_name: pushgateway\n    honor_labels: true\n"
                f"    static_configs:\n      - targets: ['127.0.0.1:{self.pg_port}']\n")
        log = open(os.path.join(self.tmp, "prometheus.log"), "w")
        prom = subprocess.Popen(
            ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={self.tmp}/tsdb",
             f"--web.listen-address=127.0.0.1:{self.prom_port}"],
            stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(prom)
        wait_ready(self.prometheus + "/-/ready", prom, "prometheus")

    def stop(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


class Prom:
    def __init__(self, base):
        self.base = base

    def api(self, path, params):
        url = self.base + path + "?" + urllib.parse.urlencode(params, doseq=True)
        status, body = http_get(url, timeout=20)
        d = json.loads(body)
        if d.get("status") != "success":
            raise RuntimeError(f"{path} {params}: {body}")
        return d["data"]

    def instant(self, expr, at=None):
        return self.api("/api/v1/query", {"query": expr, "time": at or time.time()})["result"]

    def range(self, expr, start, end, step):
        return self.api("/api/v1/query_range", {"query": expr, "start": start, "end": end, "step": step})["result"]

    def label_values(self, label, match):
        return self.api(f"/api/v1/label/{label}/values", {"match[]": match})


# --- Grafana's interpolation of Prometheus queries --------------------------
# public/app/plugins/datasource/prometheus: a variable that is multi-value or
# has All is regex-escaped value by value; several values become (a|b); All
# with an allValue is that value unescaped, without one every option.


def regex_escape(v):
    v = v.replace("\\", "\\\\\\\\")
    return re.sub(r"[$^*{}\[\]'+?.()|]", lambda m: "\\\\" + m.group(0), v)


def format_variable(values, variable, options):
    if values == "All":
        if variable.get("allValue"):
            return variable["allValue"]
        values = options
    escaped = [regex_escape(v) for v in values]
    return escaped[0] if len(escaped) == 1 else "(" + "|".join(escaped) + ")"


def interpolate(expr, selection, variables, options):
    for name in sorted(selection, key=len, reverse=True):
        text = format_variable(selection[name], variables[name], options.get(name, []))
        expr = expr.replace("${" + name + "}", text).replace("$" + name, text)
    assert "$" not in expr, expr
    return expr


def label_values_query(q):
    m = re.fullmatch(r"label_values\((.*),\s*(\w+)\)", q.strip())
    return m.group(1), m.group(2)


# --- scenarios ---------------------------------------------------------------


def run(args, env=None, expect=None, cwd=None):
    r = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd)
    if expect is not None and r.returncode != expect:
        sys.exit(f"{args}: exit {r.returncode}, expected {expect}\n{r.stdout}\n{r.stderr}")
    return r


def promtool_check(text, what):
    r = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True)
    check(r.returncode == 0 and r.stdout + r.stderr == "", f"promtool check metrics: {what} {r.stdout}{r.stderr}".strip())


def scenarios(qgate, tmp, pushgateway):
    policy_a = os.path.join(ROOT, "quality-gates.yaml")
    until = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
    policy_b = os.path.join(tmp, "churn.yaml")
    with open(policy_b, "w") as f:
        f.write(
            f"version: 1\nmodel: {MODEL_B}\ngates:\n"
            "  - {name: auc, metric: auc, min: 0.8}\n"
            "  - name: calibration\n    metric: calibration.ece\n    max: 0.05\n"
            f"    waiver: {{reason: tracked in issue 7, until: {until}}}\n"
            "  - {metric: recall, min: 0.7, severity: warning}\n"
            "drift:\n  method: js\n  threshold: 0.1\n")
    metrics_b = os.path.join(tmp, "churn-metrics.json")
    with open(metrics_b, "w") as f:
        f.write('{"auc": 0.85, "calibration.ece": 0.09, "recall": 0.65}\n')
    reports = {}
    env = {"QGATE_STORE": os.path.join(tmp, "store")}
    # A store: two promotions, a rollback, a blocked and an allowed recorded evaluation.
    steps = [
        ("2026-11-02T10:00:00Z", ["baseline", "promote", "--config", policy_a, "--metrics", SENTIMENT + "/baseline.json", "--version", "1"], 0),
        ("2026-11-09T10:00:00Z", ["baseline", "promote", "--config", policy_a, "--metrics", SENTIMENT + "/metrics.json", "--version", "2"], 0),
        ("2026-11-10T10:00:00Z", ["baseline", "rollback", "--config", policy_a, "--to", "1"], 0),
        ("2026-11-11T10:00:00Z", ["evaluate", "--config", policy_a, "--metrics", SENTIMENT + "/metrics-blocked.json", "--record", "--no-github"], 1),
        ("2026-11-12T10:00:00Z", ["evaluate", "--config", policy_a, "--metrics", SENTIMENT + "/metrics.json", "--record", "--no-github"], 0),
    ]
    for now, a, code in steps:
        run([qgate] + a, env={**env, "QGATE_NOW": now}, expect=code)
    stats_args = [qgate, "baseline", "history", "--stats", "--config", policy_a]
    stats_env = {**env, "QGATE_NOW": "2026-11-13T00:00:00Z"}
    reports["stats"] = json.loads(run(stats_args + ["--format", "json"], env=stats_env, expect=0).stdout)
    run(stats_args + ["--pushgateway", pushgateway], env=stats_env, expect=0)
    promtool_check(run(stats_args + ["--format", "prometheus"], env=stats_env, expect=0).stdout, "baseline history --stats")

    # Model A's first evaluation is blocked; model B passes with a waived critical gate.
    times = {}
    for model, policy, metrics, code in [
        (MODEL_A, policy_a, SENTIMENT + "/metrics-blocked.json", 1),
        (MODEL_B, policy_b, metrics_b, 0),
    ]:
        base = ["evaluate", "--config", policy, "--metrics", metrics, "--no-github"]
        if model == MODEL_A:
            base += ["--baseline", SENTIMENT + "/baseline.json"]
        before = int(time.time())
        out = os.path.join(tmp, model + ".json")
        run([qgate] + base + ["--pushgateway", pushgateway, "--output", "json=" + out], expect=code)
        times[model] = (before, int(time.time()) + 1)
        reports[model] = json.load(open(out))
        promtool_check(run([qgate] + base + ["--format", "prometheus"], expect=code).stdout, f"evaluate {model}")
        time.sleep(2)  # two scrapes between pushes, so each is its own sample
    # Drift: model A with a shift (psi), model B without one (js, 0.1).
    ref, cur = SENTIMENT + "/drift/reference.csv", SENTIMENT + "/drift/current.csv"
    for model, policy, current, code in [(MODEL_A, policy_a, cur, 1), (MODEL_B, policy_b, ref, 0)]:
        base = ["drift", "--config", policy, "--reference", ref, "--current", current]
        out = os.path.join(tmp, model + "-drift.json")
        run([qgate] + base + ["--pushgateway", pushgateway, "--output", "json=" + out], expect=code)
        reports[model + "/drift"] = json.load(open(out))
        promtool_check(run([qgate] + base + ["--format", "prometheus"], expect=code).stdout, f"drift {model}")
    return reports, times


# --- the dashboard's queries --------------------------------------------------


def all_panels(d):
    for p in d["panels"]:
        yield p
        yield from p.get("panels", [])


def series_key(s, labels):
    return tuple(s["metric"].get(l, "") for l in labels)


def values_by(result, *labels):
    """Each series' value (an instant query) or latest value (a range query)."""
    return {series_key(s, labels): float(s["value"][1] if "value" in s else s["values"][-1][1]) for s in result}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qgate", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--dashboard", default=DASHBOARD, help="the dashboard JSON to check")
    a = ap.parse_args()
    qgate = os.path.abspath(a.qgate)
    for tool in ["prometheus", "prometheus-pushgateway", "promtool"]:
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (Debian packages prometheus, prometheus-pushgateway)")
    tmp = tempfile.mkdtemp(prefix="qgate-dashboard-")
    servers = Servers(tmp)
    try:
        servers.start()
        test(qgate, tmp, servers, a.dashboard)
    finally:
        servers.stop()
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print("kept", tmp)
    print(f"{len(checked)} checks, {len(failures)} failed")
    if failures:
        sys.exit(1)


def test(qgate, tmp, servers, dashboard):
    start = time.time() - 1
    reports, times = scenarios(qgate, tmp, servers.pushgateway)
    prom = Prom(servers.prometheus)
    # Wait until Prometheus has scraped every push.
    for _ in range(100):
        got = prom.instant('count by (__name__) ({__name__=~"qgate_(release_blocked|drift_threshold|history_promotions)"})')
        drift = prom.instant("count(qgate_drift_threshold)")
        if len(got) == 3 and drift and float(drift[0]["value"][1]) == 2:
            break
        time.sleep(0.2)
    time.sleep(2)
    now = time.time()
    d = json.load(open(dashboard))
    variables = {v["name"]: v for v in d["templating"]["list"]}

    # Variable queries, as Grafana runs label_values(selector, label).
    def options_for(name, selection):
        sel, label = label_values_query(variables[name]["query"]["query"])
        sel = interpolate(sel, selection, variables, {})
        return prom.label_values(label, sel)

    models = options_for("model", {})
    check(sorted(models) == sorted([MODEL_A, MODEL_B]), f"variable model: {models}")
    metrics_a = options_for("metric", {"model": [MODEL_A]})
    expected_a = sorted({c["metric"] for c in reports[MODEL_A]["conditions"] if c["value"] is not None})
    check(metrics_a == expected_a, f"variable metric for {MODEL_A}: {metrics_a}")
    metrics_all = options_for("metric", {"model": "All"})
    options = {"model": models, "metric": metrics_all}

    # Every query of the dashboard runs and returns data with every model (All).
    panels = {}
    for p in all_panels(d):
        if p.get("type") == "row":
            continue
        panels[p["title"]] = p
        for t in p.get("targets", []):
            for sel_name, sel in [
                ("All", {"model": "All", "metric": "All"}),
                ("several", {"model": [MODEL_A, MODEL_B], "metric": ["latency.p95_ms", "calibration.ece"]}),
            ]:
                expr = interpolate(t["expr"], sel, variables, options)
                try:
                    result = run_target(prom, t, expr, start, now)
                except RuntimeError as e:
                    check(False, f"panel {p['title']!r} {t['refId']} ({sel_name}): {e}")
                    continue
                check(len(result) > 0, f"panel {p['title']!r} {t['refId']} ({sel_name}) returns data: {expr}")

    def query(title, sel, ref="A"):
        t = next((t for t in panels.get(title, {}).get("targets", []) if t["refId"] == ref), None)
        check(t is not None, f"the dashboard has panel {title!r} with query {ref}")
        if t is None:
            return []
        try:
            return run_target(prom, t, interpolate(t["expr"], sel, variables, options), start, now)
        except RuntimeError as e:
            check(False, f"panel {title!r} {ref}: {e}")
            return []

    ALL = {"model": "All", "metric": "All"}
    ev = {m: reports[m] for m in [MODEL_A, MODEL_B]}
    check(ev[MODEL_A]["verdict"] == "blocked" and ev[MODEL_B]["verdict"] != "blocked", "scenario verdicts")

    # Release verdicts row.
    verdict = values_by(query("Current verdict", ALL), "model")
    check(verdict == {(m,): float(ev[m]["verdict"] == "blocked") for m in ev}, f"Current verdict: {verdict}")
    last = values_by(query("Last evaluation", ALL), "model")
    for m, (lo, hi) in times.items():
        check(lo * 1000 <= last.get((m,), 0) <= hi * 1000, f"Last evaluation of {m}: {last.get((m,))}")

    def status(c):
        return "pre_existing" if c["status"] == "failed" and c.get("pre_existing") else c["status"]

    expected = {}
    for m in ev:
        for c in ev[m]["conditions"]:
            if status(c) in ("failed", "waived", "pre_existing"):
                key = (status(c), c["severity"])
                expected[key] = expected.get(key, 0) + 1
    got = values_by(query("Failed conditions", ALL), "status", "severity")
    check(got == expected, f"Failed conditions: {got} != {expected}")
    check(got.get(("failed", "critical"), 0) == ev[MODEL_A]["counts"]["critical_failed"], "Failed critical = qgate's count")
    # A waived critical gate is never a failure where the verdict says ALLOWED.
    b_only = values_by(query("Failed conditions", {"model": [MODEL_B], "metric": "All"}), "status", "severity")
    check(("failed", "critical") not in b_only and b_only.get(("waived", "critical")) == 1, f"{MODEL_B} waived, not failed: {b_only}")
    warnings = values_by(query("Warnings", ALL), "model")
    check(warnings == {(m,): float(ev[m]["counts"]["warnings"]) for m in ev}, f"Warnings: {warnings}")
    over_time = query("Failed conditions over time", ALL)
    latest = {series_key(s, ["model", "status", "severity"]): float(s["values"][-1][1]) for s in over_time}
    check(sum(latest.values()) == sum(expected.values()), f"Failed conditions over time, latest: {latest}")
    timeline = {series_key(s, ["model"]): [float(v) for _, v in s["values"]] for s in query("Release verdicts over time", ALL)}
    check(timeline.get((MODEL_A,), [0])[-1] == 1 and timeline.get((MODEL_B,), [1])[-1] == 0, f"Release verdicts over time: {timeline}")

    # Gates row.
    gate_labels = ("model", "gate", "metric", "condition", "severity")

    def conditions(pred):
        return {(m, c["gate"], c["metric"], c["kind"], c["severity"]) for m in ev for c in ev[m]["conditions"] if pred(c)}

    failing = set(values_by(query("Failing gates", ALL), *gate_labels))
    check(failing == conditions(lambda c: status(c) == "failed"), f"Failing gates: {sorted(failing)}")
    waived = values_by(query("Waived and pre-existing failures", ALL), *gate_labels, "status")
    check({k[:5] for k in waived} == conditions(lambda c: status(c) in ("waived", "pre_existing")), f"Waived: {waived}")
    check(any(k[0] == MODEL_B and k[1] == "calibration" and k[5] == "waived" for k in waived), "the waived gate is listed as waived")
    every = values_by(query("All gate conditions", ALL), *gate_labels, "status")
    expected_all = {(m, c["gate"], c["metric"], c["kind"], c["severity"], status(c)) for m in ev for c in ev[m]["conditions"]}
    check(set(every) == expected_all, f"All gate conditions: {len(every)} rows, {len(expected_all)} expected")

    # Metric value vs baseline: the panel repeats once per metric (one value each).
    for m in ev:
        for c in ev[m]["conditions"]:
            if c["value"] is None:
                continue
            sel = {"model": [m], "metric": [c["metric"]]}
            value = query("$metric", sel)
            check(len(value) == 1 and float(value[0]["values"][-1][1]) == c["value"], f"$metric={c['metric']} ({m}) value {c['value']}")
            if c.get("baseline") is not None:
                base = query("$metric", sel, "B")
                check(len(base) == 1 and float(base[0]["values"][-1][1]) == c["baseline"], f"$metric={c['metric']} ({m}) baseline")

    # Several values of each variable, regex-escaped and joined: dotted metrics
    # of both models, each shown once, under its own model.
    both = {"model": [MODEL_A, MODEL_B], "metric": ["latency.p95_ms", "calibration.ece"]}
    shown = set(values_by(query("$metric", both), "model", "metric"))
    check(shown == {(MODEL_A, "latency.p95_ms"), (MODEL_B, "calibration.ece")}, f"$metric with several values: {shown}")
    # One model selected: only that model's series.
    for m in ev:
        one = {"model": [m], "metric": "All"}
        check(set(values_by(query("Current verdict", one), "model")) == {(m,)}, f"Current verdict with model={m} only")
        got = set(values_by(query("All gate conditions", one), "model"))
        check(got == {(m,)}, f"All gate conditions with model={m} only: {got}")

    # Drift rows: the deciding method and threshold, per model.
    dr = {m: reports[m + "/drift"] for m in ev}
    stat = {}
    for s in query("Drift per column (deciding method) and threshold", ALL):
        stat[series_key(s, ["model", "column", "method"])] = float(s["values"][-1][1])
    expected_stat = {(m, c["name"], dr[m]["method"]): c["statistic"] for m in dr for c in dr[m]["columns"] if c.get("statistic") is not None}
    check(stat.keys() == expected_stat.keys(), f"Drift per column shows the deciding method only: {sorted(stat)}")
    check(all(abs(stat[k] - v) <= 1e-12 * max(1, abs(v)) for k, v in expected_stat.items() if k in stat), "Drift per column values")
    thr = values_by(query("Drift per column (deciding method) and threshold", ALL, "B"), "model", "method")
    check(thr == {(m, dr[m]["method"]): dr[m]["threshold"] for m in dr}, f"drift threshold line: {thr}")
    ratio = values_by(query("Latest drift by column (÷ threshold)", ALL), "model", "column")
    for m in dr:
        for c in dr[m]["columns"]:
            if c.get("statistic") is None or c["status"] != "ok":
                continue
            r = ratio.get((m, c["name"]))
            check(r is not None and (r > 1) == c["drifted"], f"Latest drift by column {m}/{c['name']}: {r} vs drifted={c['drifted']}")
    retrain = values_by(query("Retrain triggers", ALL), "model")
    check(retrain == {(m,): float(dr[m]["retrain"]) for m in dr}, f"Retrain triggers: {retrain}")
    decision = values_by(query("Drift decision per column", ALL), "model", "column")
    expected_decision = {(m, c["name"]): float(c["drifted"]) for m in dr for c in dr[m]["columns"] if c["status"] != "missing_in_reference"}
    check(decision == expected_decision, f"Drift decision: {decision}")
    check(any(v == 1 for v in decision.values()) and any(v == 0 for v in decision.values()), "drift both ways")
    share = values_by(query("Drifted share", ALL), "model")
    check(share == {(m,): dr[m]["drifted_share"] for m in dr}, f"Drifted share: {share}")
    method = values_by(query("Deciding method and threshold", ALL), "model", "method")
    check(method == thr, f"Deciding method and threshold: {method}")

    # Release history (model A only has a store).
    st = reports["stats"]
    blocked = values_by(query("Blocked share of evaluations", ALL), "model")
    check(blocked == {(MODEL_A,): st["blocked_share"]}, f"Blocked share: {blocked}")
    by_verdict = values_by(query("Evaluations by verdict", ALL), "verdict")
    check(by_verdict == {("blocked",): st["blocked"], ("passed_with_warnings",): st["passed_with_warnings"], ("passed",): st["passed"]},
          f"Evaluations by verdict: {by_verdict}")
    gates = values_by(query("Gates that block most", ALL), "model", "gate", "metric")
    check(gates == {(MODEL_A, g["gate"], g["metric"]): g["blocking_rate"] for g in st["gates"]}, f"Gates that block most: {gates}")
    change = {series_key(s, ["model", "metric", "stat"]): float(s["value"][1]) for s in query("Change of gated metrics between releases", ALL)}
    expected_change = {(MODEL_A, c["metric"], k): c[k] for c in st["metric_changes"] for k in ("median", "worst")}
    check(change == expected_change, f"Change of gated metrics: {change}")
    interval = values_by(query("Time between releases", ALL), "model", "stat")
    dbr = st["days_between_releases"]
    check(interval == {(MODEL_A, "median"): round(dbr["median"] * 86400), (MODEL_A, "max"): round(dbr["max"] * 86400)},
          f"Time between releases: {interval}")
    releases = values_by(query("Releases and rollbacks", ALL), "model")
    rollbacks = values_by(query("Releases and rollbacks", ALL, "B"), "model")
    check(releases == {(MODEL_A,): st["promotions"]} and rollbacks == {(MODEL_A,): st["rollbacks"]} and st["rollbacks"] == 1,
          f"Releases and rollbacks: {releases} {rollbacks}")

    # The annotation: one event at each blocked evaluation's own time, so model
    # A's first (and only) evaluation, blocked, is marked; B's is not.
    ann = next(x for x in d["annotations"]["list"] if x.get("name") == "Release blocked")
    ann.setdefault("useValueForTime", False)
    check(ann.get("useValueForTime") is True, "annotation uses the value (the evaluation time) for time")
    step = int(ann.get("step", "60s").rstrip("s"))
    result = prom.range(interpolate(ann["expr"], {"model": "All"}, variables, options), now - 600, now, step)
    marks = {series_key(s, ["model"]): {float(v) for _, v in s["values"]} for s in result}
    if not ann["useValueForTime"]:  # Grafana marks each step the expression is non-zero
        marks = {k: {float(t) * 1000 for s in result if series_key(s, ["model"]) == k for t, _ in s["values"]} for k in marks}
    lo, hi = times[MODEL_A]
    check(list(marks) == [(MODEL_A,)] and all(lo * 1000 <= v <= hi * 1000 for v in marks[(MODEL_A,)]), f"Release blocked annotation: {marks}")


def run_target(prom, t, expr, start, now):
    if t.get("instant", False) and not t.get("range", False):
        return prom.instant(expr, now)
    return prom.range(expr, start, now, 1)


if __name__ == "__main__":
    main()
