"""The "user's training code": plain logistic regression in numpy.

Fitted with Newton's method (iteratively reweighted least squares), which is
deterministic and converges in a handful of steps on five features, so two
runs with the same data give bit-identical weights.
"""
import numpy as np

L2 = 1.0  # ridge penalty on the weights (not the intercept); tiny next to thousands of rows


def _design(X):
    return np.hstack([X, np.ones((X.shape[0], 1))])


def fit(X, y, iterations=50):
    Xb = _design(X)
    beta = np.zeros(Xb.shape[1])
    penalty = np.full(Xb.shape[1], L2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(Xb @ beta)))
        gradient = Xb.T @ (p - y) + penalty * beta
        hessian = (Xb * (p * (1.0 - p))[:, None]).T @ Xb + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return beta


def predict_proba(beta, X):
    return 1.0 / (1.0 + np.exp(-(_design(X) @ beta)))


def accuracy(beta, X, y):
    return float(np.mean((predict_proba(beta, X) > 0.5) == (y > 0.5)))


def evaluation_metrics(beta, X, y):
    """What the evaluation step writes to metrics.json."""
    p = np.clip(predict_proba(beta, X), 1e-12, 1 - 1e-12)
    return {
        "accuracy": round(float(np.mean((p > 0.5) == (y > 0.5))), 6),
        "log_loss": round(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), 6),
        "positive_rate": round(float(np.mean(p > 0.5)), 6),
        "n_holdout": int(len(y)),
    }
