# Golden values for DescentLab.Landscapes and DescentLab.Analysis, computed with NumPy by direct summation.
# Rerun from the repository root with Debian's python3-numpy:
#     python3 tests/reference/landscape_golden.py
# It writes tests/reference/golden/landscapes/seed_landscapes.json.
#
# The dataset is the seed notebook's (np.random.seed(0), then x, a, b, c in that order). Surfaces are the MSE
# (the notebook's contour used 0.5*MSE; DescentLab draws the loss it trains on, the MSE). Parameter order is
# DescentLab's: x (the seed's b), x^2 (a), 1 (c).
import json
import os

import numpy as np

np.random.seed(0)
x = np.random.uniform(-5, 3, 100)
a = np.random.normal(3, 0.5, len(x))
b = np.random.normal(10, 1, len(x))
c = np.random.normal(-2, 2, len(x))
y = a * x**2 + b * x + c

# The notebook's printed GD result for c; a fixed value so that the grid does not depend on a training run.
c_hat = 0.7307480573654175


def slice_surface(xs, ys, a_axis, b_axis, c_fixed):
    """errors[i][j] = MSE at (a_axis[i], b_axis[j], c_fixed), as the notebook's loops compute it."""
    errors = np.zeros((len(a_axis), len(b_axis)))
    for i in range(len(a_axis)):
        for j in range(len(b_axis)):
            error = ys - (a_axis[i] * xs**2 + b_axis[j] * xs + c_fixed)
            errors[i][j] = np.mean(error**2)
    return errors


def profile_surface(xs, ys, a_axis, b_axis):
    """errors[i][j] = min over c of the MSE at (a_axis[i], b_axis[j], c): c* is the mean residual."""
    errors = np.zeros((len(a_axis), len(b_axis)))
    for i in range(len(a_axis)):
        for j in range(len(b_axis)):
            t = ys - (a_axis[i] * xs**2 + b_axis[j] * xs)
            errors[i][j] = np.mean((t - np.mean(t)) ** 2)
    return errors


z = np.stack([x, x**2, np.ones_like(x)], axis=1)
theta_star, *_ = np.linalg.lstsq(z, y, rcond=None)
loss_star = np.mean((z @ theta_star - y) ** 2)
hessian = 2.0 * (z.T @ z) / len(x)
eigenvalues, eigenvectors = np.linalg.eigh(hessian)


def gradient_noise(theta):
    residual = z @ theta - y
    per_sample = 2.0 * residual[:, None] * z
    g = per_sample.mean(axis=0)
    # Population covariance over the n samples (divide by n): the dataset is the whole population.
    trace = np.mean(np.sum((per_sample - g) ** 2, axis=1))
    return {"theta": list(theta), "gradient": list(g), "covariance_trace": trace, "noise_scale": trace / (g @ g)}


a1 = np.arange(2.5, 3.5, 0.025)
b1 = np.arange(9, 11, 0.05)
a2 = np.arange(-0.5, 3.5, 0.1)
b2 = np.arange(-1, 11, 0.2)

out = {
    "note": "MSE surfaces; values[i][j] is at (x^2 = a_axis[i], x = b_axis[j]); parameter order x, x^2, 1.",
    "x": list(x),
    "y": list(y),
    "c_hat": c_hat,
    "seed_grid": {
        "a_axis": list(a1),
        "b_axis": list(b1),
        "c": -2.0,
        "full": slice_surface(x, y, a1, b1, -2.0).tolist(),
        "batches": [slice_surface(x[k * 25:(k + 1) * 25], y[k * 25:(k + 1) * 25], a1, b1, -2.0).tolist() for k in range(4)],
        "batch_profiles": [profile_surface(x[k * 25:(k + 1) * 25], y[k * 25:(k + 1) * 25], a1, b1).tolist() for k in range(4)],
    },
    "contour_grid": {
        "a_axis": list(a2),
        "b_axis": list(b2),
        "c": c_hat,
        "slice": slice_surface(x, y, a2, b2, c_hat).tolist(),
        "profile": profile_surface(x, y, a2, b2).tolist(),
    },
    "analysis": {
        "optimum": list(theta_star),
        "minimum_loss": loss_star,
        "hessian": hessian.tolist(),
        "eigenvalues": list(eigenvalues),
        "eigenvectors": eigenvectors.T.tolist(),
        "gradient_noise": [gradient_noise(np.array([10.0, 3.0, -2.0])), gradient_noise(np.array([0.5, -0.25, 0.1]))],
    },
}


def full_precision(value):
    if isinstance(value, dict):
        return {k: full_precision(v) for k, v in value.items()}
    if isinstance(value, list):
        return [full_precision(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return float(value)
    return value


path = os.path.join("tests", "reference", "golden", "landscapes", "seed_landscapes.json")
with open(path, "w") as f:
    # json writes floats with repr(), the shortest string that round-trips.
    json.dump(full_precision(out), f, separators=(",", ":"))
    f.write("\n")
print(path, os.path.getsize(path), "bytes")
