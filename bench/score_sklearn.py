"""The peer of `qgate score` in bench/score.sh: the same metrics with pandas +
scikit-learn + numpy, as a team's evaluate step computes them. Prints the
metrics as JSON so the benchmark can check both agree."""
import json
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn import metrics as M

warnings.filterwarnings("ignore")
df = pd.read_csv(sys.argv[1], dtype={"y": np.int64, "p": np.float64, "group": str, "latency_ms": np.float64})
y, p, lat = df["y"].to_numpy(), df["p"].to_numpy(), df["latency_ms"].to_numpy()
yhat = (p >= 0.5).astype(np.int64)
tn, fp, fn, tp = M.confusion_matrix(y, yhat, labels=[0, 1]).ravel()
out = {
    "accuracy": M.accuracy_score(y, yhat),
    "balanced_accuracy": M.balanced_accuracy_score(y, yhat),
    "precision": M.precision_score(y, yhat, zero_division=0),
    "recall": M.recall_score(y, yhat, zero_division=0),
    "f1": M.f1_score(y, yhat, zero_division=0),
    "specificity": M.recall_score(y, yhat, pos_label=0, zero_division=0),
    "positive_rate": float(yhat.mean()),
    "confusion": {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)},
    "roc_auc": M.roc_auc_score(y, p),
    "pr_auc": M.average_precision_score(y, p),
    "log_loss": M.log_loss(y, p, labels=[0, 1]),
    "brier_score": M.brier_score_loss(y, p),
}
bins = np.linspace(0, 1, 11)
ids = np.searchsorted(bins[1:-1], p)
total = np.bincount(ids, minlength=10)
nz = total > 0
gap = np.abs(np.bincount(ids, weights=y, minlength=10)[nz] / total[nz] - np.bincount(ids, weights=p, minlength=10)[nz] / total[nz])
out["ece"] = float(np.sum(total[nz] / len(p) * gap))
out["mce"] = float(gap.max())
out["latency"] = {"count": len(lat), "mean_ms": float(lat.mean()), **{f"p{q}_ms": float(np.percentile(lat, q)) for q in (50, 90, 95, 99)},
                  "max_ms": float(lat.max())}
print(json.dumps({k: (float(v) if isinstance(v, np.floating) else v) for k, v in out.items()}))
