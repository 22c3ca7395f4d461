#!/usr/bin/env python3
"""Writes the drift example: reference.csv (what the model was trained on) and
current.csv (last week's production traffic: longer reviews, more mobile-app
traffic, a new `sms` source). Deterministic: python3 generate.py"""
import csv
import random


def rows(rnd, n, shifted):
    for _ in range(n):
        length = max(5, int(rnd.lognormvariate(4.6 + (0.35 if shifted else 0.0), 0.5)))
        score = min(1.0, max(0.0, rnd.betavariate(5, 2) if not shifted else rnd.betavariate(4.6, 2)))
        sources = ["web", "app", "email"] + (["sms"] if shifted else [])
        weights = [0.55, 0.3, 0.15] if not shifted else [0.35, 0.45, 0.1, 0.1]
        source = rnd.choices(sources, weights)[0]
        language = rnd.choices(["en", "de", "fr", "es"], [0.7, 0.12, 0.1, 0.08])[0]
        rating = rnd.choices([1, 2, 3, 4, 5], [0.08, 0.07, 0.15, 0.3, 0.4])[0]
        missing = rnd.random() < (0.01 if not shifted else 0.03)
        yield [length, "" if missing else f"{score:.4f}", source, language, rating]


def main():
    for name, seed, n, shifted in (("reference.csv", 11, 4000, False), ("current.csv", 12, 1500, True)):
        rnd = random.Random(seed)
        with open(name, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["text_length", "sentiment_score", "source", "language", "rating"])
            w.writerows(rows(rnd, n, shifted))


if __name__ == "__main__":
    main()
