#!/usr/bin/env python3
"""False alarms and power of `method: ks` with its corrections, simulated with
scipy (qgate's KS, χ² and corrections match scipy to 1e-9 on
Tests/Fixtures/drift-stats/ks-chi2.json, so these are qgate's figures):
10 numeric columns, no drift, n = m = 50 and 200, 400 repetitions: the share of
runs where any column drifts and the per-column rate, with BH, Bonferroni and
no correction; the power at n = 50 for a 0.8 sd shift in 2 of 10 columns; and
the p-value of a 0.02 sd shift at n = m = 100,000 (a trivial shift, flagged).
The README's "when to use which" quotes this run.

Usage: python3 dev/ks_chi2_simulation.py
"""
import numpy as np
from scipy import stats
rng=np.random.default_rng(7)
reps=400; k=10
for n in (50, 200):
    anyb={"bh":0,"bonferroni":0,"none":0}; percol={"bh":0,"bonferroni":0,"none":0}
    for _ in range(reps):
        p=np.array([stats.ks_2samp(rng.normal(size=n), rng.normal(size=n)).pvalue for _ in range(k)])
        adj={"bh":stats.false_discovery_control(p), "bonferroni":np.minimum(1,p*k), "none":p}
        for key,a in adj.items():
            f=(a<=0.05); anyb[key]+=f.any(); percol[key]+=f.sum()
    print(n, {kk:(round(anyb[kk]/reps,3), round(percol[kk]/reps/k,4)) for kk in anyb})
# shift detection power n=50, shift 0.8 sd in 2 of 10 columns
for n in (50,):
    hits=0
    for _ in range(reps):
        p=np.array([stats.ks_2samp(rng.normal(size=n), rng.normal(0.8 if j<2 else 0,size=n)).pvalue for j in range(k)])
        hits+=(stats.false_discovery_control(p)[:2]<=0.05).sum()
    print("power 0.8sd n=50 bh", hits/reps/2)
# huge samples: tiny shift
n=100000; a=rng.normal(size=n); b=rng.normal(0.02,size=n)
print("n=1e5 shift .02sd ks p", stats.ks_2samp(a,b).pvalue)
