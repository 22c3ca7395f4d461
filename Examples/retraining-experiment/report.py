"""Measures, the results table (results.md) and the plot (accuracy.png).

Definitions (README.md explains them at length):
  accuracy lost      sum over the scenario's days of (oracle - policy) daily
                     accuracy, in accuracy points x days (signed: a day on
                     which a policy beats the oracle by chance counts against
                     the loss, so noise does not accumulate in one direction)
  retrainings        candidates trained at the end of a day in the scenario
  deployed           of those, how many replaced the serving model
  unnecessary        retrainings in the quiet scenario, where nothing drifted
  detection latency  per drift onset s: the first retraining at the end of day
                     r >= s gives latency r - s + 1 (the number of drifted days
                     served before it); none before the next onset = missed
  regressions        deployments whose model was more than REGRESSION_TOLERANCE
                     less accurate than the model it replaced, over the next
                     REGRESSION_DAYS days
  blocked: caught /  a candidate the gate blocked, judged the same way against
  lost               the model that kept serving: more than REGRESSION_TOLERANCE
                     worse = a regression caught, more than REGRESSION_TOLERANCE
                     better = an improvement lost
"""
import csv
import os

import numpy as np

import stream as st

COLORS = {"weekly": "#1f77b4", "drift": "#ff7f0e", "drift+gate": "#2ca02c",
          "weekly+gate": "#9467bd"}


def latencies(event_days):
    """{onset day: latency or None} for sorted retrain/deploy days."""
    onsets = st.onsets()
    out = {}
    for i, (start, _) in enumerate(onsets):
        end = onsets[i + 1][0] if i + 1 < len(onsets) else st.N_DAYS
        hits = [d for d in event_days if start <= d < end]
        out[start] = hits[0] - start + 1 if hits else None
    return out


def _in(days, start, end):
    return sum(1 for d in days if start <= d < end)


def _latency_cell(values):
    found = [v for v in values if v is not None]
    missed = len(values) - len(found)
    if not values:
        return "—"
    cell = f"{np.mean(found):.1f}" if found else "—"
    return cell + (f" ({missed} missed)" if missed else "")


def table_rows(runs, regs, oracle):
    rows = []
    scenarios = st.SCENARIOS + [("all days", 0, st.N_DAYS)]
    onset_days = [d for d, _ in st.onsets()]
    for scen, start, end in scenarios:
        for name, run in runs.items():
            acc = run.daily_accuracy[start:end]
            lost = 100.0 * float(np.sum(oracle[start:end] - acc))
            lat = latencies(run.retrain_days)
            lat_values = [lat[d] for d in onset_days if start <= d < end]
            rows.append([
                scen, name,
                f"{np.mean(acc):.4f}", f"{np.mean(oracle[start:end]):.4f}", f"{lost:.1f}",
                str(_in(run.retrain_days, start, end)),
                str(_in(run.deploy_days, start, end)),
                str(_in(run.retrain_days, start, end)) if scen == "quiet" else "—",
                _latency_cell(lat_values),
                str(_in([d for d, _ in regs[name]], start, end)),
            ])
    return rows


HEADER = ["Scenario", "Policy", "Mean accuracy", "Oracle", "Accuracy lost (pt·days)",
          "Retrainings", "Deployed", "Unnecessary", "Detection latency (days)",
          "Regressions released"]


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def gate_rows(runs, blocked, tolerance):
    rows = []
    scenarios = st.SCENARIOS + [("all days", 0, st.N_DAYS)]
    for scen, start, end in scenarios:
        for name, effects in blocked.items():
            run = runs[name]
            evaluated = _in(run.retrain_days, start, end)
            rejected = _in(run.rejected_days, start, end)
            warned = _in(run.warned_days, start, end)
            eff = [e for d, e in effects if start <= d < end and e is not None]
            rows.append([scen, name, str(evaluated), str(evaluated - rejected - warned),
                         str(warned), str(rejected),
                         str(sum(1 for e in eff if e < -tolerance)),
                         str(sum(1 for e in eff if e > tolerance))])
    return rows


def write(out, seed, runs, regs, blocked, oracle, bayes, stats_md, params):
    onsets = st.onsets()
    p = params
    lat = {name: latencies(run.retrain_days) for name, run in runs.items()}
    gated = [n for n in runs if n in blocked]
    lat_deployed = {n: latencies(runs[n].deploy_days) for n in gated}

    def fmt(v):
        return "missed" if v is None else str(v)

    onset_rows = [[str(d), kind] + [fmt(lat[n][d]) for n in runs] +
                  [fmt(lat_deployed[n][d]) for n in gated] for d, kind in onsets]

    reason_rows = []
    for name in runs:
        if not runs[name].trigger_reasons:
            continue
        for scen, start, end in st.SCENARIOS:
            reasons = [r for d, r in runs[name].trigger_reasons if start <= d < end]
            reason_rows.append([scen, name,
                                str(sum(1 for r in reasons if "drift" in r)),
                                str(sum(1 for r in reasons if r == "volume"))])

    reg_rows = [[name, ", ".join(f"day {d} ({100 * diff:+.1f} pt)" for d, diff in regs[name]) or "none"]
                for name in runs]
    blocked_rows = [[name, ", ".join(f"day {d} ({'—' if e is None else f'{100 * e:+.1f} pt'})"
                                     for d, e in effects) or "none"]
                    for name, effects in blocked.items()]

    md = f"""# Retraining experiment: results

Generated by `run.sh` (seed {seed}). {st.N_DAYS} days × {st.ROWS_PER_DAY} rows; every model is
fitted on {p['FIT_DAYS']} days and evaluated on the {p['HOLDOUT_DAYS']} most recent labelled days.
The drift policies judge drift on the last {p['DRIFT_WINDOW_DAYS']} days of features and count
every row served since the last deployment for the volume trigger (`--new-rows`).
Oracle: the same training code fed {p['FIT_DAYS']} days' worth of rows of each day's own concept
(mean {np.mean(oracle):.4f}; the Bayes ceiling, the true concept itself, averages {np.mean(bayes):.4f}).
Accuracy is measured each day on {st.EVAL_ROWS} fresh rows of that day.

{markdown_table(HEADER, table_rows(runs, regs, oracle))}

Accuracy lost: Σ (oracle − policy) daily accuracy × 100. Unnecessary: retrainings while nothing
drifted. Detection latency: mean over the scenario's onsets of (day of first retraining − onset + 1).
Regressions: deployments more than {100 * p['REGRESSION_TOLERANCE']:.1f} points less accurate than the
model they replaced over the next {p['REGRESSION_DAYS']} days.

## Detection latency per drift onset (days)

First retraining after each onset; for the gated policies also the first deployment.

{markdown_table(["Onset day", "Kind"] + [n + (" (trained)" if n in gated else "") for n in runs]
               + [n + " (deployed)" for n in gated], onset_rows)}

## Why the drift policies retrained

{markdown_table(["Scenario", "Policy", "Feature drift trigger", "Volume trigger only"], reason_rows)}

## What the gates did

`qgate evaluate --new-failures-only` on every candidate of the gated policies. "Passed with a
warning": the candidate failed the floor (`min: 0.75`), but so did the production model on the same
rows, and the candidate was no worse; without `--new-failures-only` these would have been blocked.
A blocked candidate is judged like a deployment, against the model that kept serving over the next
{p['REGRESSION_DAYS']} days: more than {100 * p['REGRESSION_TOLERANCE']:.1f} points worse = regression caught,
more than {100 * p['REGRESSION_TOLERANCE']:.1f} points better = improvement lost.

{markdown_table(["Scenario", "Policy", "Evaluated", "Passed", "Passed with a warning", "Blocked",
                 "Blocked: regression caught", "Blocked: improvement lost"], gate_rows(runs, blocked, p['REGRESSION_TOLERANCE']))}

## Regressions released

{markdown_table(["Policy", "Deployments worse than the model they replaced"], reg_rows)}

## Candidates blocked

What each blocked candidate would have done against the model that kept serving (mean accuracy
difference over the next {p['REGRESSION_DAYS']} days).

{markdown_table(["Policy", "Blocked candidates"], blocked_rows)}

## Claim 1, "gates keep low-quality models out": the drift+gate store's history

`qgate baseline history --stats --format markdown --store out/store` after the run (every
evaluation recorded with `--record`, every release with `qgate baseline promote`, both at the
simulated date via `QGATE_NOW`):

{stats_md.strip()}
"""
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(md)

    with open(os.path.join(out, "daily.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["day", "scenario", "oracle", "bayes"] + list(runs))
        for d in range(st.N_DAYS):
            w.writerow([d, st.scenario_of(d), f"{oracle[d]:.4f}", f"{bayes[d]:.4f}"] +
                       [f"{runs[n].daily_accuracy[d]:.4f}" for n in runs])

    plot(os.path.join(out, "accuracy.png"), runs, oracle)


def plot(path, runs, oracle):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    days = np.arange(st.N_DAYS)
    fig, (ax, ev) = plt.subplots(2, 1, figsize=(13, 7.5), sharex=True,
                                 gridspec_kw={"height_ratios": [3.2, 1.5]})
    ax.plot(days, oracle, color="black", lw=1, ls="--", label="oracle (best achievable)")
    # The gated policies are drawn wide underneath their ungated twins: where
    # the two made the same decisions their curves coincide, and the thin
    # line shows inside the wide one.
    width = {"weekly": 1.3, "drift": 1.2, "drift+gate": 3.0, "weekly+gate": 3.0}
    order = {"weekly+gate": 1, "drift+gate": 2, "weekly": 3, "drift": 4}
    for name, run in runs.items():
        ax.plot(days, run.daily_accuracy, color=COLORS[name], lw=width[name],
                alpha=0.55 if name.endswith("+gate") else 1.0, zorder=order[name], label=name)
    for d, kind in st.onsets():
        for a in (ax, ev):
            a.axvline(d - 0.5, color="grey", ls=":", lw=1)
        ax.text(d + 1, 0.99, kind, rotation=90, va="top", ha="left", fontsize=8, color="grey",
                transform=ax.get_xaxis_transform())
    for name, start, end in st.SCENARIOS:
        ax.text((start + end) / 2, 1.01, name, ha="center", va="bottom", fontsize=10,
                transform=ax.get_xaxis_transform())
    ax.axvspan(st.GRADUAL_START - 0.5, st.GRADUAL_START + st.GRADUAL_DAYS - 0.5,
               color="grey", alpha=0.08, lw=0)
    ax.text(st.GRADUAL_START + st.GRADUAL_DAYS / 2, 0.86, "gradual ramp", ha="center", fontsize=8,
            color="grey", transform=ax.get_xaxis_transform())
    low = min(float(np.min(r.daily_accuracy)) for r in runs.values())
    ax.set_ylim(low - 0.02, 0.92)   # headroom for the onset labels
    ax.set_ylabel("daily accuracy")
    ax.legend(loc="lower right", fontsize=9, ncol=5)
    ax.grid(alpha=0.3)

    # Event raster: one row per policy; retrainings at the end of day d are
    # drawn at d + 0.5 (the new model serves from day d + 1).
    lanes = []
    for name, run in runs.items():
        deployed = set(run.deploy_days)
        lanes.append((f"{name}: deployed", [d for d in run.retrain_days if d in deployed], COLORS[name], "|"))
        if run.rejected_days:
            lanes.append((f"{name}: blocked", run.rejected_days, COLORS[name], "x"))
    for i, (label, evdays, color, marker) in enumerate(lanes):
        y = len(lanes) - 1 - i
        ev.scatter(np.array(evdays) + 0.5, np.full(len(evdays), y), marker=marker,
                   color=color, s=60 if marker == "|" else 18, lw=1.2)
    ev.set_yticks(range(len(lanes)))
    ev.set_yticklabels([l[0] for l in reversed(lanes)], fontsize=9)
    ev.set_ylim(-0.7, len(lanes) - 0.3)
    ev.set_xlabel("day")
    ev.set_xlim(-1, st.N_DAYS)
    ev.set_title("retrainings (end of day)", fontsize=9, loc="left")
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
