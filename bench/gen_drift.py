#!/usr/bin/env python3
"""Writes a reference/current CSV pair for bench/drift.sh: ROWS rows x 20 columns
(14 numeric, 6 categorical), with drift in 3 numeric and 1 categorical column."""
import random
import sys

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else ".qgate-bench"
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    cats = ["alpha", "beta", "gamma", "delta", "epsilon"]
    header = ",".join([f"n{i}" for i in range(14)] + [f"c{i}" for i in range(6)]) + "\n"
    for name, seed, shift in (("drift_ref.csv", 1, 0.0), ("drift_cur.csv", 2, 1.0)):
        rnd = random.Random(seed)
        with open(f"{out}/{name}", "w") as f:
            f.write(header)
            lines = []
            for r in range(rows):
                nums = [rnd.gauss(0.5 * shift if i < 3 else 0.0, 1.0) for i in range(14)]
                cs = [rnd.choice(cats[:4] if not (shift and i == 0) else cats[1:]) for i in range(6)]
                lines.append(",".join(f"{x:.6f}" for x in nums) + "," + ",".join(cs) + "\n")
                if len(lines) == 10000:
                    f.writelines(lines)
                    lines = []
            f.writelines(lines)

if __name__ == "__main__":
    main()
