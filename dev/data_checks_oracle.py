#!/usr/bin/env python3
"""Independent oracle for `qgate profile --config` data checks.

Recomputes, with Python's csv module only, the four metrics the `data:` checks
compare (data.rows, data.age_days, data.missing_share and each column's
missing share, data.minority_class_share) and prints each check's verdict, so
DataChecksCommandTests' expected numbers can be checked by another program:

    python3 dev/data_checks_oracle.py DATA.csv LABEL TIMESTAMP TODAY \
        min_rows=N max_age_days=D max_missing_share=X min_class_share=X [max_missing_share.COLUMN=X]
"""
import csv
import datetime
import sys

MISSING = {"", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"}


def main(argv):
    path, label, timestamp, today = argv[1:5]
    limits = dict(a.split("=", 1) for a in argv[5:])
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader]
    n = len(rows)
    shares = {h: sum(r[i] in MISSING for r in rows) / n for i, h in enumerate(header)}
    li, ti = header.index(label), header.index(timestamp)
    counts = {}
    for r in rows:
        if r[li] not in MISSING:
            counts[r[li]] = counts.get(r[li], 0) + 1
    minority = min(counts.values()) / sum(counts.values()) if len(counts) >= 2 else None
    newest = max(datetime.date.fromisoformat(r[ti][:10]) for r in rows if r[ti] not in MISSING)
    age = (datetime.date.fromisoformat(today) - newest).days
    print(f"data.rows {n}")
    print(f"data.age_days {age}")
    print(f"data.missing_share {max(shares.values())!r}")
    for h, s in shares.items():
        print(f"data.column.{h}.missing_share {s!r}")
    print(f"data.minority_class_share {minority!r}")
    for key, value in limits.items():
        x = float(value)
        if key == "min_rows":
            print(key, n >= x)
        elif key == "max_age_days":
            print(key, age <= x)
        elif key == "max_missing_share":
            print(key, max(shares.values()) <= x)
        elif key.startswith("max_missing_share."):
            print(key, shares[key.split(".", 1)[1]] <= x)
        elif key == "min_class_share":
            print(key, minority is not None and minority >= x)


if __name__ == "__main__":
    main(sys.argv)
