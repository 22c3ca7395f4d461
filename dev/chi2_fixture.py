#!/usr/bin/env python3
"""scipy's χ² quantiles and upper tails, for qgate's ChiSquared (threshold: auto).

Writes Tests/Fixtures/drift-stats/chi2.json:
    {"tolerance": ..., "quantiles": [[df, p, chi2.ppf(p, df)], ...],
     "survival": [[df, x, chi2.sf(x, df)], ...]}
ChiSquaredTests checks every row to the stated relative tolerance.

Usage (from the repository root): python3 dev/chi2_fixture.py
"""
import json
from pathlib import Path

from scipy.stats import chi2

OUT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "drift-stats" / "chi2.json"
# Degrees of freedom qgate meets: B − 1 for B bins or categories (2..1000 bins, many categories).
DFS = [1, 2, 3, 4, 5, 7, 9, 10, 14, 19, 29, 49, 99, 199, 499, 999, 2999, 9999]
PS = [1e-6, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9999, 0.999999]
TOLERANCE = 1e-9


def main() -> None:
    quantiles = [[df, p, float(chi2.ppf(p, df))] for df in DFS for p in PS]
    survival = []
    for df in DFS:
        # Around the bulk and far in both tails (p-values down to ~1e-300).
        for f in [0.001, 0.1, 0.5, 0.9, 1.0, 1.1, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0]:
            x = df * f + (f * 10 if df < 5 else 0)
            survival.append([df, x, float(chi2.sf(x, df))])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "description": "scipy.stats.chi2.ppf and chi2.sf (scipy %s); relative tolerance for qgate's ChiSquared" % __import__("scipy").__version__,
        "tolerance": TOLERANCE,
        "quantiles": quantiles,
        "survival": [row for row in survival if row[2] > 1e-300],
    }
    # One row per line: diffs stay readable.
    lines = ["{"]
    lines.append('  "description": %s,' % json.dumps(body["description"]))
    lines.append('  "tolerance": %r,' % TOLERANCE)
    for key in ("quantiles", "survival"):
        rows = ",\n".join("    " + json.dumps(r) for r in body[key])
        lines.append('  "%s": [\n%s\n  ]%s' % (key, rows, "," if key == "quantiles" else ""))
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT} ({len(quantiles)} quantiles, {len(body['survival'])} tails)")


if __name__ == "__main__":
    main()
