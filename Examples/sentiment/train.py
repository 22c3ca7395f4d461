#!/usr/bin/env python3
"""Stand-in for training and evaluating the sentiment classifier.

Writes the metrics.json an evaluation job would write, with the same keys and
nesting as Examples/sentiment/metrics.json, so that a release pipeline can be
run end to end without a GPU, a data set or model weights:

    python3 Examples/sentiment/train.py --seed 3 --out metrics.json
    python3 Examples/sentiment/train.py --seed 3 --quality regressed --out metrics.json

Nothing is trained. Instead the script simulates what evaluating a trained
model on the frozen 25,000-review hold-out set (12,500 positive) produces: a
score per review drawn from two overlapping Gaussians (one per class), turned
into a probability with a slightly over-confident calibration. Every metric
is then *computed* from those simulated predictions, exactly as an
evaluation job computes them from real ones, so the file is internally
consistent: precision, recall, accuracy, f1 and positive_rate follow from the
`confusion` counts, roc_auc is the rank statistic of the same scores, ece and
eval_loss come from the same probabilities, and the slice and fairness
numbers from subsets of the same reviews.

--quality good       a healthy candidate: passes quality-gates.yaml against
                     Examples/sentiment/baseline.json for any seed (at most
                     warnings, e.g. p95 latency growth).
--quality regressed  what a broken training run looks like: weaker separation
                     and a decision threshold that drifted towards "positive".
                     Blocked (accuracy, precision, positive_rate, eval_loss...).

Standard library only (random, math, json): it runs on any Python 3.8+.
"""
import argparse
import json
import math
import os
import random
import sys

N_EVAL = 25000          # frozen hold-out set
N_POSITIVE = 12500      # 50% positive
LOCALES = ("en", "de", "fr", "es")

# How a "training run" of each quality behaves. `separation` is the distance
# between the two classes' score distributions (in standard deviations of each),
# `temperature` < 1 makes the model over-confident, `threshold_shift` moves the
# decision threshold (negative: more reviews predicted positive).
PROFILES = {
    "good": {
        "separation": 3.16, "temperature": 0.88, "threshold_shift": -0.02,
        "negation_penalty": 0.55, "sarcasm_penalty": 1.25, "adversarial_noise": 1.15,
        "latency_median_ms": 44.0, "latency_sigma": 0.46, "model_size_mb": 281.0,
    },
    "regressed": {
        "separation": 2.90, "temperature": 0.72, "threshold_shift": -0.28,
        "negation_penalty": 0.80, "sarcasm_penalty": 1.40, "adversarial_noise": 1.45,
        "latency_median_ms": 52.0, "latency_sigma": 0.50, "model_size_mb": 312.0,
    },
}


def sigmoid(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def simulate_reviews(rng, profile):
    """One record per hold-out review: label, locale, slice tags and the model's score."""
    sep = profile["separation"] * (1.0 + rng.gauss(0.0, 0.01))  # run-to-run training noise
    reviews = []
    for i in range(N_EVAL):
        label = 1 if i < N_POSITIVE else 0
        negation = rng.random() < 0.0736      # ~1,840 reviews with negation
        sarcasm = rng.random() < 0.0245       # ~612 sarcastic reviews
        # Harder slices sit closer to the decision boundary.
        s = sep - (profile["negation_penalty"] if negation else 0.0) \
                - (profile["sarcasm_penalty"] if sarcasm else 0.0)
        z = rng.gauss(s / 2.0 if label else -s / 2.0, 1.0)
        reviews.append({
            "label": label,
            "locale": LOCALES[rng.randrange(len(LOCALES))],
            "negation": negation,
            "sarcasm": sarcasm,
            "z": z,
            "missing_text": rng.random() < 0.0011,
        })
    # For two unit-variance Gaussians at +-sep/2 the true log-odds are sep * z;
    # the model reports them scaled by 1/temperature (over-confident when < 1).
    scale = sep / profile["temperature"]
    for r in reviews:
        r["p"] = sigmoid(scale * r["z"])
        r["pred"] = 1 if r["z"] > profile["threshold_shift"] else 0
    return reviews


def confusion(reviews):
    tp = sum(1 for r in reviews if r["label"] and r["pred"])
    fp = sum(1 for r in reviews if not r["label"] and r["pred"])
    tn = sum(1 for r in reviews if not r["label"] and not r["pred"])
    fn = sum(1 for r in reviews if r["label"] and not r["pred"])
    return tp, fp, tn, fn


def accuracy_of(reviews):
    return sum(1 for r in reviews if r["label"] == r["pred"]) / len(reviews)


def roc_auc(reviews):
    """Mann-Whitney U: probability that a random positive outranks a random negative."""
    ranked = sorted(reviews, key=lambda r: r["z"])
    rank_sum, i = 0.0, 0
    while i < len(ranked):  # average ranks over ties
        j = i
        while j + 1 < len(ranked) and ranked[j + 1]["z"] == ranked[i]["z"]:
            j += 1
        avg_rank = (i + j) / 2.0 + 1.0
        rank_sum += avg_rank * sum(ranked[k]["label"] for k in range(i, j + 1))
        i = j + 1
    n_pos = sum(r["label"] for r in reviews)
    n_neg = len(reviews) - n_pos
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def expected_calibration_error(reviews, bins=15):
    """ECE of the positive-class probability, 15 equal-width bins."""
    total = [0] * bins
    conf = [0.0] * bins
    hits = [0] * bins
    for r in reviews:
        b = min(int(r["p"] * bins), bins - 1)
        total[b] += 1
        conf[b] += r["p"]
        hits[b] += r["label"]
    n = len(reviews)
    return sum(abs(hits[b] - conf[b]) / n for b in range(bins) if total[b])


def log_loss(reviews):
    eps = 1e-7
    return -sum(math.log(min(max(r["p"] if r["label"] else 1.0 - r["p"], eps), 1.0))
                for r in reviews) / len(reviews)


def percentile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    pos = (len(sorted_values) - 1) * q
    lo = int(math.floor(pos))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def latency_benchmark(rng, profile, requests=2000):
    """Batch-size-1 latency on the serving instance type: log-normal with a slow tail."""
    samples = []
    for _ in range(requests):
        ms = profile["latency_median_ms"] * math.exp(rng.gauss(0.0, profile["latency_sigma"]))
        if rng.random() < 0.01:            # GC pauses / cold caches
            ms += rng.uniform(20.0, 60.0)
        samples.append(ms)
    samples.sort()
    return {q: percentile(samples, v) for q, v in (("p50_ms", 0.50), ("p95_ms", 0.95), ("p99_ms", 0.99))}


def psi(expected, actual, bins=10):
    """Population stability index over the expected sample's deciles."""
    edges = sorted(expected)
    cuts = [edges[int(len(edges) * k / bins)] for k in range(1, bins)]

    def shares(values):
        counts = [0] * bins
        for v in values:
            counts[sum(1 for c in cuts if v > c)] += 1
        return [max(c / len(values), 1e-4) for c in counts]

    e, a = shares(expected), shares(actual)
    return sum((ai - ei) * math.log(ai / ei) for ei, ai in zip(e, a))


def fairness(reviews):
    """Demographic parity and equalized odds differences across reviewer locales."""
    rates, tprs, fprs = [], [], []
    for loc in LOCALES:
        group = [r for r in reviews if r["locale"] == loc]
        pos = [r for r in group if r["label"]]
        neg = [r for r in group if not r["label"]]
        rates.append(sum(r["pred"] for r in group) / len(group))
        tprs.append(sum(r["pred"] for r in pos) / len(pos))
        fprs.append(sum(r["pred"] for r in neg) / len(neg))
    return (max(rates) - min(rates),
            max(max(tprs) - min(tprs), max(fprs) - min(fprs)))


def r4(x):
    """The precision an evaluation report carries."""
    return round(x, 4)


def evaluate(seed, quality, version):
    profile = PROFILES[quality]
    rng = random.Random(seed * 7919 + (0 if quality == "good" else 1))
    reviews = simulate_reviews(rng, profile)

    tp, fp, tn, fn = confusion(reviews)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    accuracy = (tp + tn) / N_EVAL
    f1 = 2 * precision * recall / (precision + recall)

    negation = [r for r in reviews if r["negation"]]
    sarcasm = [r for r in reviews if r["sarcasm"]]

    # Robustness: the same reviews with typos/paraphrases, i.e. noisier scores.
    adversarial = sum(
        1 for r in reviews
        if (r["z"] + rng.gauss(0.0, profile["adversarial_noise"]) > profile["threshold_shift"]) == bool(r["label"])
    ) / N_EVAL

    # The keyword-rule system the model replaces gets about 82% of these right.
    rules_accuracy = 0.82 + rng.gauss(0.0, 0.003)

    # Token-length distributions: training preprocessing vs serving preprocessing,
    # and training data vs last week's traffic (per feature, max PSI).
    train_lengths = [rng.lognormvariate(4.6, 0.6) for _ in range(5000)]
    serving_lengths = [rng.lognormvariate(4.6, 0.6) for _ in range(5000)]
    drift_psis = []
    for shift in (0.0, 0.03, 0.06):
        traffic = [rng.lognormvariate(4.6 + shift, 0.62) for _ in range(5000)]
        drift_psis.append(psi(train_lengths, traffic))

    dpd, eod = fairness(reviews)
    n_pos = sum(r["label"] for r in reviews)

    # The exported weights' size. A real job recomputes the SHA-256 of the
    # exported file and compares it with the one recorded at build time; the
    # stand-in has no file, so it reports the check as passed.
    model_size_mb = profile["model_size_mb"] + rng.uniform(-4.0, 4.0)
    hash_verified = 1

    return {
        "model": "sentiment-classifier",
        "version": version,
        "eval_set": "reviews-holdout-2024q3",
        "n_eval": N_EVAL,
        "accuracy": r4(accuracy),
        "precision": r4(precision),
        "recall": r4(recall),
        "f1": r4(f1),
        "roc_auc": r4(roc_auc(reviews)),
        "ece": round(expected_calibration_error(reviews), 3),
        "eval_loss": r4(log_loss(reviews)),
        "positive_rate": r4((tp + fp) / N_EVAL),
        "confusion": {"tp": tp, "fp": fp, "tn": tn, "fn": fn},
        "latency": {k: round(v, 1) for k, v in latency_benchmark(rng, profile).items()},
        "slices": {
            "negation": {"n": len(negation), "accuracy": round(accuracy_of(negation), 3)},
            "sarcasm": {"n": len(sarcasm), "accuracy": round(accuracy_of(sarcasm), 3)},
        },
        "model_size_mb": round(model_size_mb, 1),
        "framing": {"lift_over_rules": round(accuracy - rules_accuracy, 3)},
        "data": {
            "eval_rows": N_EVAL,
            "minority_class_share": round(min(n_pos, N_EVAL - n_pos) / N_EVAL, 3),
            "missing_share": r4(sum(r["missing_text"] for r in reviews) / N_EVAL),
            "age_days": rng.randint(7, 40),
        },
        "features": {"train_serving_skew_psi": round(psi(train_lengths, serving_lengths), 3)},
        "fairness": {
            "demographic_parity_difference": round(dpd, 3),
            "equalized_odds_difference": round(eod, 3),
        },
        "security": {"artifact_hash_verified": hash_verified},
        "robustness": {"adversarial_accuracy": round(adversarial, 3)},
        "drift": {"max_psi": round(max(drift_psis), 3)},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="training seed (default 0)")
    parser.add_argument("--out", default="metrics.json", help="where to write the metrics (default metrics.json)")
    parser.add_argument("--quality", choices=sorted(PROFILES), default="good",
                        help="simulate a healthy (good) or a broken (regressed) training run")
    parser.add_argument("--model-version", default="0.0.0-dev",
                        help="version string recorded in the metrics (default 0.0.0-dev)")
    args = parser.parse_args(argv)

    metrics = evaluate(args.seed, args.quality, args.model_version)

    # Write atomically: a half-written metrics.json must never reach the gate.
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=2)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, args.out)
    print(f"train.py: seed {args.seed}, quality {args.quality}: accuracy {metrics['accuracy']}, "
          f"f1 {metrics['f1']}, positive_rate {metrics['positive_rate']} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
