"""The synthetic world: daily batches of production data whose distribution
and labelling rule ("concept") change on known days.

Every parameter here was fixed before the first run of the experiment and is
not tuned to favour any policy; README.md lists them.

A row has five numeric features x1..x5 and a binary label y. On day t the
features are drawn from N(mu_t, I) and the label from
    P(y = 1 | x) = sigmoid(w_t · (x - mu_t)).
Writing the logit relative to the population mean mu_t keeps the classes
balanced (about 50 % positive) whatever the features do, and it means that a
shift of the features also moves the decision boundary: a model trained
before the shift puts its boundary in the wrong place afterwards. That is
what makes covariate drift (visible to `qgate drift`, which sees only the
features) harmful to a stale model. Some regimes also change w_t, i.e. the
relationship itself changes, which no feature statistic can reveal directly.
"""
from dataclasses import dataclass

import numpy as np

FEATURES = ["x1", "x2", "x3", "x4", "x5"]
ROWS_PER_DAY = 200          # production rows per day (all labelled by the end of the day)
N_DAYS = 360                # days 0..359 are simulated and scored
HISTORY_DAYS = 24           # labelled days -24..-1, used to train the initial model
EVAL_ROWS = 4000            # fresh rows per day used only to *measure* accuracy


@dataclass(frozen=True)
class Concept:
    mu: tuple   # mean of the features
    w: tuple    # weights of the true logit, applied to (x - mu)


def _c(mu, w):
    return Concept(tuple(float(v) for v in mu), tuple(float(v) for v in w))


# The four regimes the stream moves through.
A = _c([0.0, 0.0, 0.0, 0.0, 0.0], [2.0, -1.5, 1.0, 0.5, 0.0])   # days 0-89 (quiet)
B = _c([1.0, -1.0, 0.0, 0.0, 0.0], [2.0, 1.5, 1.0, 0.5, 0.0])   # sudden at 90: x1, x2 jump, x2's effect flips
C = _c([-0.5, -1.0, 1.5, 0.0, 0.0], [1.0, 1.5, 2.0, 0.5, 0.0])  # reached gradually, days 150-209
S = _c([-0.5, -1.0, 1.5, 1.0, 1.0], [1.0, 1.5, 2.0, -1.0, 1.5])  # the "season": x4, x5 shift and matter

SUDDEN_DAY = 90
GRADUAL_START, GRADUAL_DAYS = 150, 60     # linear B -> C over days 150..209
SEASON_START, SEASON_HALF = 240, 21       # from day 240: 21 days S, 21 days C, repeating

# Segments of the stream over which every measure is reported.
SCENARIOS = [
    ("quiet", 0, 90),         # no drift at all: any retraining here is unnecessary
    ("sudden", 90, 150),
    ("gradual", 150, 240),    # 60-day ramp, then 30 stable days on the new concept
    ("seasonal", 240, 360),   # the season switches on and off every 21 days
]


def _blend(a, b, frac):
    mu = [x + frac * (y - x) for x, y in zip(a.mu, b.mu)]
    w = [x + frac * (y - x) for x, y in zip(a.w, b.w)]
    return _c(mu, w)


def concept(day):
    """The concept in force on `day` (negative days are the pre-history)."""
    if day < SUDDEN_DAY:
        return A
    if day < GRADUAL_START:
        return B
    if day < GRADUAL_START + GRADUAL_DAYS:
        # Day 150 is already 1/60 of the way to C; day 209 is C.
        return _blend(B, C, (day - GRADUAL_START + 1) / GRADUAL_DAYS)
    if day < SEASON_START:
        return C
    half = (day - SEASON_START) // SEASON_HALF
    return S if half % 2 == 0 else C


def onsets():
    """Known drift onsets: (first drifted day, kind)."""
    out = [(SUDDEN_DAY, "sudden"), (GRADUAL_START, "gradual")]
    day, on = SEASON_START, True
    while day < N_DAYS:
        out.append((day, "season on" if on else "season off"))
        day += SEASON_HALF
        on = not on
    return out


def scenario_of(day):
    for name, start, end in SCENARIOS:
        if start <= day < end:
            return name
    raise ValueError(day)


def sample(concept_, n, rng):
    """n labelled rows from a concept."""
    mu = np.array(concept_.mu)
    w = np.array(concept_.w)
    X = mu + rng.standard_normal((n, len(FEATURES)))
    p = 1.0 / (1.0 + np.exp(-(X - mu) @ w))
    y = (rng.random(n) < p).astype(np.float64)
    return X, y


def bayes_predict(concept_, X):
    """The best possible prediction when the concept is known exactly."""
    return ((X - np.array(concept_.mu)) @ np.array(concept_.w) > 0).astype(np.float64)


def _rng(seed, stream, day):
    # One independent generator per (purpose, day): what a policy does can
    # never change which rows any other part of the experiment sees.
    return np.random.default_rng(np.random.SeedSequence([seed, stream, day + HISTORY_DAYS]))


class Stream:
    """All data of one run, drawn up front from the seed.

    production[i]  the labelled batch of day i - HISTORY_DAYS (what users train on)
    evaluation[d]  EVAL_ROWS fresh rows of day d (only for measuring accuracy)
    """

    PRODUCTION, EVALUATION, ORACLE = 1, 2, 3

    def __init__(self, seed):
        self.seed = seed
        self.production = [sample(concept(d), ROWS_PER_DAY, _rng(seed, self.PRODUCTION, d))
                           for d in range(-HISTORY_DAYS, N_DAYS)]
        self.evaluation = [sample(concept(d), EVAL_ROWS, _rng(seed, self.EVALUATION, d))
                           for d in range(N_DAYS)]

    def batch(self, day):
        return self.production[day + HISTORY_DAYS]

    def days(self, first, last):
        """Rows of days first..last (inclusive), stacked."""
        parts = [self.batch(d) for d in range(first, last + 1)]
        return np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def oracle_training_set(self, day, n):
        """n rows of the concept of `day`: what an oracle that always knows the
        current concept could train on."""
        return sample(concept(day), n, _rng(self.seed, self.ORACLE, day))
