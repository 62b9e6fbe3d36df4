"""Golden values for DescentLab.Models.NeuralNetwork: nn.Linear / nn.Sequential init, losses, gradients and trajectories.

Rerun from the repository root with Debian's python3 and its python3-numpy (1.24) and python3-torch (1.13) packages:

    python3 tests/reference/model_golden.py

It rewrites tests/reference/golden/models/*.json. Models are built as a user builds them: torch.manual_seed(seed), then
the module in the default float32 (so the init is torch's float32 draws), then model.double(); every forward, backward
and optimizer step after that is float64. Floats are written with repr(), which round-trips exactly.

init.json: per model the flattened parameters (torch.cat of p.flatten() in state_dict order) and their names.
gradients.json: per model the full-data loss and gradient at the init, and the loss and gradient of one batch.
trajectory_<model>_<optimizer>.json: STEPS optimizer steps on minibatches of BATCH_SIZE in fixed order (DataLoader with
shuffle=False); theta after steps 1..10 and every 10th step, with the batch loss of every step.
"""

import json
import math
import os

import numpy as np
import torch

OUT = os.path.join("tests", "reference", "golden", "models")
SAMPLES = 100
BATCH_SIZE = 25
STEPS = 300


def floats(array):
    return [float(v) for v in np.asarray(array).ravel()]


def moons(n, noise, seed):
    """Two interleaving half circles, as scikit-learn 1.2's make_moons(n, shuffle=True, noise, random_state=seed)."""
    generator = np.random.RandomState(seed)
    n_out = n // 2
    n_in = n - n_out
    outer_x = np.cos(np.linspace(0, np.pi, n_out))
    outer_y = np.sin(np.linspace(0, np.pi, n_out))
    inner_x = 1 - np.cos(np.linspace(0, np.pi, n_in))
    inner_y = 1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5
    x = np.vstack([np.append(outer_x, inner_x), np.append(outer_y, inner_y)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    indices = np.arange(n)
    generator.shuffle(indices)
    x, y = x[indices], y[indices]
    x += generator.normal(scale=noise, size=x.shape)
    return x, y


def circles(n, noise, factor, seed):
    """A circle inside a circle, as scikit-learn 1.2's make_circles(n, shuffle=True, noise, random_state=seed, factor)."""
    generator = np.random.RandomState(seed)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    x = np.vstack([np.append(np.cos(t_out), np.cos(t_in) * factor), np.append(np.sin(t_out), np.sin(t_in) * factor)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    indices = np.arange(n)
    generator.shuffle(indices)
    x, y = x[indices], y[indices]
    x += generator.normal(scale=noise, size=x.shape)
    return x, y


def sklearn_blobs(n, centers, std, seed):
    """make_blobs(n, n_features=2, centers=centers, cluster_std=std, center_box=(-10, 10), shuffle=True, random_state=seed)."""
    generator = np.random.RandomState(seed)
    centres = generator.uniform(-10.0, 10.0, size=(centers, 2))
    per_centre = [n // centers] * centers
    for i in range(n % centers):
        per_centre[i] += 1
    x, y = [], []
    for i, (count, std_i) in enumerate(zip(per_centre, [std] * centers)):
        x.append(generator.normal(loc=centres[i], scale=std_i, size=(count, 2)))
        y += [i] * count
    x = np.concatenate(x)
    y = np.array(y)
    indices = np.arange(n)
    generator.shuffle(indices)
    return x[indices], y[indices]


def xor(n, noise, seed):
    """DescentLab's XOR: uniform on [-1, 1)^2, class 1 where x1*x2 < 0, then Gaussian noise as make_moons adds it."""
    generator = np.random.RandomState(seed)
    x = generator.uniform(-1.0, 1.0, size=(n, 2))
    y = (x[:, 0] * x[:, 1] < 0).astype(np.intp)
    x += generator.normal(scale=noise, size=x.shape)
    return x, y


def generators():
    cases = []
    for seed in [0, 1, 12345]:
        for n in [2, 3, 7, 200]:
            for name, (x, y), options in [
                ("moons", moons(n, 0.2, seed), {"noise": 0.2}),
                ("circles", circles(n, 0.1, 0.5, seed), {"noise": 0.1, "factor": 0.5}),
                ("blobs", sklearn_blobs(n, 3, 1.5, seed), {"centers": 3, "clusterStd": 1.5}),
                ("xor", xor(n, 0.05, seed), {"noise": 0.05}),
            ]:
                cases.append({"shape": name, "seed": seed, "count": n, "options": options, "x": [floats(r) for r in x], "y": [int(v) for v in y]})
    return {"numpy": np.__version__, "cases": cases}


def blobs(n, seed):
    """Three Gaussian clusters in the plane (a fixed layout, not a generator under test)."""
    generator = np.random.RandomState(seed)
    centres = np.array([[-2.0, 0.0], [2.0, 1.0], [0.0, -2.5]])
    y = np.arange(n) % 3
    x = centres[y] + generator.normal(scale=1.0, size=(n, 2))
    return x, y


def build(kind):
    """name -> (module factory, loss, targets as float column (BCE, MSE) or class indices (CE))."""
    if kind == "logistic":
        return torch.nn.Linear(2, 1), torch.nn.BCEWithLogitsLoss()
    if kind == "softmax":
        return torch.nn.Linear(2, 3), torch.nn.CrossEntropyLoss()
    if kind == "mlp_tanh":
        return torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Tanh(), torch.nn.Linear(16, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1)), torch.nn.BCEWithLogitsLoss()
    if kind == "mlp_relu":
        return torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3)), torch.nn.CrossEntropyLoss()
    if kind == "mlp_sigmoid":
        return torch.nn.Sequential(torch.nn.Linear(2, 5), torch.nn.Sigmoid(), torch.nn.Linear(5, 4), torch.nn.Sigmoid(), torch.nn.Linear(4, 1)), torch.nn.BCEWithLogitsLoss()
    if kind == "mlp_mse":
        return torch.nn.Sequential(torch.nn.Linear(2, 6), torch.nn.Tanh(), torch.nn.Linear(6, 1)), torch.nn.MSELoss()
    raise KeyError(kind)


# model -> (dataset, seed of torch.manual_seed)
MODELS = {
    "logistic": ("moons", 0),
    "softmax": ("blobs", 1),
    "mlp_tanh": ("moons", 2),
    "mlp_relu": ("blobs", 3),
    "mlp_sigmoid": ("moons", 4),
    "mlp_mse": ("moons", 5),
}

OPTIMIZERS = {
    "sgd": (torch.optim.SGD, dict(lr=0.1)),
    "momentum": (torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    "adam": (torch.optim.Adam, dict(lr=0.01)),
}

TRAJECTORIES = ["logistic", "softmax", "mlp_tanh"]


def data(name):
    x, y = moons(SAMPLES, 0.2, 0) if name == "moons" else blobs(SAMPLES, 0)
    return x, y


def tensors(kind, x, y):
    features = torch.tensor(x, dtype=torch.float64)
    _, loss = build(kind)
    if isinstance(loss, torch.nn.CrossEntropyLoss):
        return features, torch.tensor(y, dtype=torch.int64)
    # BCEWithLogits and MSE compare an (n, 1) output with an (n, 1) float target.
    return features, torch.tensor(y, dtype=torch.float64).unsqueeze(1)


def fresh(kind):
    torch.manual_seed(MODELS[kind][1])
    model, loss = build(kind)
    return model.double(), loss


def flat(values):
    return torch.cat([v.detach().flatten() for v in values]).tolist()


def names(model):
    result = []
    for key, value in model.state_dict().items():
        if value.dim() == 2:
            result += [f"{key}[{r},{c}]" for r in range(value.shape[0]) for c in range(value.shape[1])]
        else:
            result += [f"{key}[{i}]" for i in range(value.shape[0])]
    return result


def loss_and_gradient(model, loss_fn, features, target):
    model.zero_grad()
    loss = loss_fn(model(features), target)
    loss.backward()
    return loss.item(), flat(p.grad for p in model.parameters())


def trajectory(kind, optimizer_name):
    x, y = data(MODELS[kind][0])
    features, target = tensors(kind, x, y)
    model, loss_fn = fresh(kind)
    optimizer_class, options = OPTIMIZERS[optimizer_name]
    optimizer = optimizer_class(model.parameters(), **options)
    losses, rows = [], []
    step = 0
    while step < STEPS:
        for start in range(0, SAMPLES, BATCH_SIZE):
            batch = slice(start, start + BATCH_SIZE)
            optimizer.zero_grad()
            loss = loss_fn(model(features[batch]), target[batch])
            loss.backward()
            optimizer.step()
            step += 1
            losses.append(loss.item())
            if step <= 10 or step % 10 == 0:
                rows.append({"step": step, "theta": flat(model.parameters())})
            if step == STEPS:
                break
    return {
        "model": kind,
        "torch": torch.__version__,
        "optimizer": optimizer_class.__name__,
        "options": options,
        "batch_size": BATCH_SIZE,
        "steps": STEPS,
        "batch_loss": losses,
        "rows": rows,
    }


def analysis():
    """The Hessian of two models' full-data loss at their init by torch.autograd.functional.hessian, with NumPy's
    eigenvalues; and logistic regression's theta* on the moons by NumPy Newton steps (the data is not separable)."""
    result = {}
    for kind in ["logistic", "mlp_sigmoid"]:
        x, y = data(MODELS[kind][0])
        features, target = tensors(kind, x, y)
        model, loss_fn = fresh(kind)
        params = [p.detach().clone() for p in model.parameters()]
        shapes = [p.shape for p in params]
        flat0 = torch.cat([p.flatten() for p in params])

        def loss_of(theta):
            chunks, offset = [], 0
            for shape in shapes:
                size = int(np.prod(shape))
                chunks.append(theta[offset:offset + size].view(shape))
                offset += size
            names = [k for k, _ in model.named_parameters()]
            # torch 1.13's functional_call (torch.func.functional_call from torch 2.0 on).
            return loss_fn(torch.nn.utils.stateless.functional_call(model, dict(zip(names, chunks)), (features,)), target)

        hessian = torch.autograd.functional.hessian(loss_of, flat0).numpy()
        eigenvalues = np.linalg.eigvalsh(hessian)
        result[kind] = {"theta": flat0.tolist(), "hessian": [floats(r) for r in hessian], "min_eigenvalue": float(eigenvalues[0]), "max_eigenvalue": float(eigenvalues[-1])}
    x, y = data("moons")
    design = np.hstack([x, np.ones((len(x), 1))])
    theta = np.zeros(3)
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ theta))
        gradient = design.T @ (p - y) / len(y)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) / len(y)
        theta = theta - np.linalg.solve(hessian, gradient)
    result["logistic_newton"] = {"theta": floats(theta)}
    return result


def directions():
    """Li et al.'s random directions for the 2-16-16-1 tanh MLP at its init: torch.randn per parameter tensor (float64,
    one generator seeded 7), then filter normalisation as net_plotter.normalize_directions_for_weights does it, with
    ignore='biasbn' (biases zeroed) and without (biases copied)."""
    model, _ = fresh("mlp_tanh")
    weights = [p.detach().clone() for p in model.parameters()]
    generator = torch.Generator().manual_seed(7)
    raw = [torch.randn(w.size(), dtype=torch.float64, generator=generator) for w in weights]
    result = {"raw": flat(raw)}
    for ignore in ["biasbn", ""]:
        direction = [d.clone() for d in raw]
        for d, w in zip(direction, weights):
            if d.dim() <= 1:
                if ignore == "biasbn":
                    d.fill_(0)
                else:
                    d.copy_(w)
            else:
                for df, wf in zip(d, w):
                    df.mul_(wf.norm() / (df.norm() + 1e-10))
        result["filter_" + (ignore or "copy")] = flat(direction)
    # PCA of the SGD trajectory of the MLP (every recorded row of trajectory_mlp_tanh_sgd.json but the last, minus
    # the last), centred as scikit-learn's PCA centres, by NumPy's SVD, each direction signed so that its entry of
    # largest magnitude is positive.
    rows = np.array([r["theta"] for r in trajectory("mlp_tanh", "sgd")["rows"]])
    matrix = rows[:-1] - rows[-1]
    matrix = matrix - matrix.mean(axis=0)
    _, s, vt = np.linalg.svd(matrix, full_matrices=False)
    pca = []
    for k in range(2):
        v = vt[k]
        pca.append(floats(v if v[np.argmax(np.abs(v))] > 0 else -v))
    result["pca_rows"] = [r["step"] for r in trajectory("mlp_tanh", "sgd")["rows"]]
    result["pca"] = pca
    result["pca_share"] = floats(s[:2] ** 2 / np.sum(s**2))
    return result


def write(name, payload):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    datasets = {}
    for name in ["moons", "blobs"]:
        x, y = data(name)
        datasets[name] = {"x": [floats(row) for row in x], "y": [int(v) for v in y]}
    models = {}
    for kind, (dataset, seed) in MODELS.items():
        x, y = data(dataset)
        features, target = tensors(kind, x, y)
        model, loss_fn = fresh(kind)
        loss, gradient = loss_and_gradient(model, loss_fn, features, target)
        batch = [3, 17, 42, 0, 99, 58, 58, 7]
        batch_loss, batch_gradient = loss_and_gradient(model, loss_fn, features[batch], target[batch])
        # A second point away from the init, so the loss is not only checked where the logits are small.
        with torch.no_grad():
            far = [p * 3.0 + 0.25 for p in model.parameters()]
            for p, v in zip(model.parameters(), far):
                p.copy_(v)
        far_loss, far_gradient = loss_and_gradient(model, loss_fn, features, target)
        model, _ = fresh(kind)
        models[kind] = {
            "dataset": dataset,
            "seed": seed,
            "names": names(model),
            "init": flat(model.parameters()),
            "loss": loss,
            "gradient": gradient,
            "batch": batch,
            "batch_loss": batch_loss,
            "batch_gradient": batch_gradient,
            "far": flat(far),
            "far_loss": far_loss,
            "far_gradient": far_gradient,
        }
    write("generators.json", generators())
    write("analysis.json", analysis())
    write("directions.json", directions())
    write("models.json", {"torch": torch.__version__, "numpy": np.__version__, "datasets": datasets, "models": models})
    for kind in TRAJECTORIES:
        for optimizer_name in OPTIMIZERS:
            write(f"trajectory_{kind}_{optimizer_name}.json", trajectory(kind, optimizer_name))


if __name__ == "__main__":
    main()
