"""Golden values for DescentLab.Statistics: replicate bands, bootstrap intervals, NumPy's legacy randint, mean and quantile.

Rerun from the repository root with Debian's python3 and its python3-numpy (1.24) package:

    python3 tests/reference/statistics_golden.py

It reads tests/reference/golden/statistics/runs.csv and curves.csv, which are DescentLab's own export (ReplicateCsv
.WriteRuns and .WriteCurves) of the experiment in StatisticsGoldenTests.Spec: the seed experiment with 25 replicates,
recording every 25th step. It recomputes from exactly those CSV files what DescentLab computes from the runs: the
10/50/90% quantiles of loss and excess loss at every grid point, the distributions of final parameters, final excess
loss and epochs to tolerance, and for every pair of methods the paired difference of excess loss with its bootstrap
interval. It rewrites tests/reference/golden/statistics/expected.json. Floats are written with repr(), which round-trips.

The definitions, which DescentLab follows operation for operation:
- quantiles are np.quantile(values, q) (method "linear"); +inf (a diverged run, a tolerance never reached) is read
  as a limit: equal neighbours give that value, an infinite upper neighbour gives +inf when the weight is > 0;
- the bootstrap draws resamples in order from one np.random.RandomState(bootstrap_seed) per comparison:
  means[b] = d[rs.randint(0, n, size=n)].mean(); interval = np.quantile(means, [(1 - level) / 2, (1 + level) / 2]);
- the win share is the fraction of replicates in which A's excess loss is strictly below B's.
"""

import csv
import json
import math
import os

import numpy as np

DIR = os.path.join("tests", "reference", "golden", "statistics")
LOWER, UPPER = 0.1, 0.9
RELATIVE_TOLERANCE = 0.01  # "reached": L − L* below 1% of each replicate's L* (StatisticsOptions.RelativeTolerance)
RESAMPLES = 2000
BOOTSTRAP_SEED = 0
LEVEL = 0.95


def number(text):
    return math.inf if text == "" else float(text)


def quantile(values, q):
    a = np.sort(np.asarray(values, dtype=np.float64))
    n = len(a)
    h = (n - 1) * q
    if h >= n - 1:
        return float(a[-1])
    i = int(math.floor(h))
    g = h - i
    lo, hi = a[i], a[i + 1]
    if lo == hi:
        return float(lo)
    if math.isinf(lo) or math.isinf(hi):
        return float(hi if g > 0 else lo)
    return float(np.quantile(a, q))


def encode(value):
    # JSON has no infinity: write it as the CSV does.
    return "inf" if value == math.inf else value


def summary(values):
    return [encode(quantile(values, q)) for q in (LOWER, 0.5, UPPER)]


def read(name):
    with open(os.path.join(DIR, name), newline="") as f:
        return list(csv.DictReader(f))


def bootstrap(d):
    rs = np.random.RandomState(BOOTSTRAP_SEED)
    n = len(d)
    means = np.empty(RESAMPLES)
    for b in range(RESAMPLES):
        means[b] = d[rs.randint(0, n, size=n)].mean()
    lower, upper = np.quantile(means, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
    return float(d.mean()), float(lower), float(upper)


def replicate_statistics():
    curves = read("curves.csv")
    runs = read("runs.csv")
    methods = list(dict.fromkeys(r["method"] for r in runs))
    out = {"methods": {}, "comparisons": []}
    for m in methods:
        rows = [r for r in curves if r["method"] == m]
        steps = sorted({int(r["step"]) for r in rows})
        reps = sorted({int(r["replicate"]) for r in rows})
        loss = np.full((len(reps), len(steps)), np.nan)
        excess = np.full((len(reps), len(steps)), np.nan)
        index = {s: k for k, s in enumerate(steps)}
        for r in rows:
            loss[int(r["replicate"]), index[int(r["step"])]] = float(r["loss"])
            excess[int(r["replicate"]), index[int(r["step"])]] = float(r["excess_loss"])
        mr = [r for r in runs if r["method"] == m]
        names = [c for c in runs[0].keys() if c.startswith("final_") and c not in ("final_loss", "final_excess_loss")]
        converged = [r for r in mr if r["diverged"] == "false"]
        out["methods"][m] = {
            "step": steps,
            "loss": [[encode(quantile(loss[:, k], q)) for k in range(len(steps))] for q in (LOWER, 0.5, UPPER)],
            "excess_loss": [[encode(quantile(excess[:, k], q)) for k in range(len(steps))] for q in (LOWER, 0.5, UPPER)],
            "final_parameters": [summary([float(r[c]) for r in converged]) for c in names],
            "final_excess_loss": summary([float(r["final_excess_loss"]) for r in mr]),
            "epochs_to_tolerance": summary([number(r["epochs_to_tolerance"]) for r in mr]),
            "reached": sum(r["epochs_to_tolerance"] != "" for r in mr) / len(mr),
            "diverged": sum(r["diverged"] == "true" for r in mr),
        }
    points = [c for c in runs[0].keys() if c.startswith("excess_epoch_") or c.startswith("excess_step_")]
    for i, a in enumerate(methods):
        for b in methods[i + 1:]:
            ra = [r for r in runs if r["method"] == a]
            rb = [r for r in runs if r["method"] == b]
            for column in points:
                ea = np.array([float(r[column]) for r in ra])
                eb = np.array([float(r[column]) for r in rb])
                if np.isnan(ea).any() or np.isnan(eb).any():
                    continue
                d = ea - eb
                mean, lower, upper = bootstrap(d)
                axis, at = column[len("excess_"):].split("_")
                out["comparisons"].append({
                    "a": a, "b": b, "axis": axis, "at": int(at),
                    "mean": mean, "lower": lower, "upper": upper,
                    "median": float(np.quantile(d, 0.5)),
                    "share_a_better": float(np.count_nonzero(ea < eb)) / len(d),
                })
    return out


def randint_cases():
    cases = []
    for seed, low, high, size in [(0, 0, 1, 5), (0, 0, 2, 50), (1, 0, 25, 200), (7, 0, 200, 200), (12345, 0, 1000, 1000),
                                  (3, -5, 6, 100), (9, 0, 2**31 + 1, 50), (11, 0, 2**32, 20), (13, 0, 2**32 + 5, 20),
                                  (17, -2**40, 2**41, 20)]:
        rs = np.random.RandomState(seed)
        values = rs.randint(low, high, size=size)
        after = rs.random_sample()
        cases.append({"seed": seed, "low": low, "high": high, "values": [int(v) for v in values], "next_random_sample": float(after)})
    return cases


def mean_cases():
    rs = np.random.RandomState(2024)
    cases = []
    for n in [1, 7, 8, 9, 15, 16, 17, 127, 128, 129, 200, 257, 1000]:
        values = rs.standard_normal(n) * np.exp(3 * rs.standard_normal(n))
        cases.append({"values": [float(v) for v in values], "sum": float(np.sum(values)), "mean": float(np.mean(values))})
    return cases


def quantile_cases():
    rs = np.random.RandomState(99)
    qs = [0.0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1.0, (1 - LEVEL) / 2, (1 + LEVEL) / 2]
    cases = []
    for n in [1, 2, 3, 10, 25, 200, 2000]:
        values = rs.standard_normal(n) * 10 ** rs.uniform(-3, 3)
        cases.append({"values": [float(v) for v in values], "q": qs, "quantiles": [float(np.quantile(values, q)) for q in qs]})
    return cases


def main():
    payload = {
        "relative_tolerance": RELATIVE_TOLERANCE, "lower": LOWER, "upper": UPPER, "resamples": RESAMPLES, "bootstrap_seed": BOOTSTRAP_SEED, "level": LEVEL,
        "replicates": replicate_statistics(),
        "randint": randint_cases(),
        "mean": mean_cases(),
        "quantile": quantile_cases(),
    }
    path = os.path.join(DIR, "expected.json")
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
