#!/usr/bin/env python3
"""Trains a real model for the example release pipeline and writes its
hold-out predictions for `qgate score`.

    python3 Examples/release-pipeline/train.py --out predictions.csv
    python3 Examples/release-pipeline/train.py --quality regressed --out predictions.csv

scikit-learn's breast-cancer data set (569 tumours, 30 features, shipped inside
scikit-learn, so no download) is split once with a fixed seed: 70% to train,
30% held out. A standardised logistic regression is trained on the training
part and scores the hold-out part; the CSV has one row per hold-out tumour:
`label` (1 = malignant), `score` (the predicted probability) and
`latency_ms` (the time to score that row).

--quality good       the full model: about 0.97 accuracy on the hold-out set.
--quality regressed  what a broken training run looks like: it sees only the
                     first 2 of the 30 features and 30% of its training labels
                     are flipped. Its hold-out accuracy falls to about 0.84,
                     which the policy blocks.

The split seed is fixed so that every candidate is judged on the same
hold-out tumours; --seed changes only the training randomness.
"""

import argparse
import csv
import time

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quality", choices=["good", "regressed"], default="good")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="predictions.csv")
    args = parser.parse_args()

    data = load_breast_cancer()
    x, y = data.data, 1 - data.target  # scikit-learn codes malignant as 0
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, random_state=42, stratify=y)
    rng = np.random.default_rng(args.seed)
    if args.quality == "regressed":
        x_train, x_test = x_train[:, :2], x_test[:, :2]
        flip = rng.random(len(y_train)) < 0.30
        y_train = np.where(flip, 1 - y_train, y_train)

    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, random_state=args.seed))
    model.fit(x_train, y_train)

    with open(args.out, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["label", "score", "latency_ms"])
        for row, label in zip(x_test, y_test):
            start = time.perf_counter()
            score = model.predict_proba(row.reshape(1, -1))[0, 1]
            elapsed_ms = (time.perf_counter() - start) * 1000
            writer.writerow([int(label), f"{score:.6f}", f"{elapsed_ms:.3f}"])
    print(f"wrote {len(y_test)} hold-out predictions to {args.out}")


if __name__ == "__main__":
    main()
