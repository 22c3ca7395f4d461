"""Writes a deterministic binary-classification predictions CSV for bench/score.sh:
columns y (0/1), p (probability, 4 decimals so many scores tie), group (3 values)
and latency_ms. Usage: gen_predictions.py OUT.csv ROWS"""
import sys
import numpy as np

out, rows = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(20261124)
chunk = 1_000_000
with open(out, "w") as f:
    f.write("y,p,group,latency_ms\n")
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        y = rng.integers(0, 2, n)
        p = np.clip(rng.normal(0.35 + 0.3 * y, 0.18), 0, 1).round(4)
        g = rng.choice(np.array(["a", "b", "c"]), n)
        lat = rng.gamma(2.0, 20.0, n).round(3)
        f.write("".join(f"{a},{b},{c},{d}\n" for a, b, c, d in zip(y, p.tolist(), g, lat.tolist())))
