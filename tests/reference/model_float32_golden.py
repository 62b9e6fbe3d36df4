"""torch 1.13 in float32, as a user runs it by default, for the float32 comparison of DescentLab's float64 networks.

Rerun from the repository root with Debian's python3 and its python3-numpy (1.24) and python3-torch (1.13) packages:

    python3 tests/reference/model_float32_golden.py

It writes tests/reference/golden/models/float32_trajectory_<model>_<optimizer>.json. The models, data, seeds,
optimizers, batches and steps are model_golden.py's; the difference is that nothing is converted to float64: the module
stays in torch's default float32 (so its init is the same float32 draws model_golden.py converts to float64), the
features and targets are float32 tensors of the same data, and every forward, backward and optimizer step runs in
float32. Values are written as the float64 repr of each float32, which round-trips exactly.

It also prints, per case, the largest difference from the float64 trajectory of model_golden.py: absolute on the
parameters, relative on the batch loss.
"""

import json
import os

import torch

import model_golden as g

OUT = os.path.join("tests", "reference", "golden", "models")


def tensors32(kind, x, y):
    features = torch.tensor(x, dtype=torch.float32)
    _, loss = g.build(kind)
    if isinstance(loss, torch.nn.CrossEntropyLoss):
        return features, torch.tensor(y, dtype=torch.int64)
    return features, torch.tensor(y, dtype=torch.float32).unsqueeze(1)


def fresh32(kind):
    torch.manual_seed(g.MODELS[kind][1])
    model, loss = g.build(kind)
    return model, loss


def trajectory32(kind, optimizer_name):
    x, y = g.data(g.MODELS[kind][0])
    features, target = tensors32(kind, x, y)
    model, loss_fn = fresh32(kind)
    assert all(p.dtype == torch.float32 for p in model.parameters())
    optimizer_class, options = g.OPTIMIZERS[optimizer_name]
    optimizer = optimizer_class(model.parameters(), **options)
    losses, rows = [], []
    step = 0
    while step < g.STEPS:
        for start in range(0, g.SAMPLES, g.BATCH_SIZE):
            batch = slice(start, start + g.BATCH_SIZE)
            optimizer.zero_grad()
            loss = loss_fn(model(features[batch]), target[batch])
            loss.backward()
            optimizer.step()
            step += 1
            losses.append(loss.item())
            if step <= 10 or step % 10 == 0:
                rows.append({"step": step, "theta": g.flat(model.parameters())})
            if step == g.STEPS:
                break
    return {
        "model": kind,
        "torch": torch.__version__,
        "dtype": "float32",
        "optimizer": optimizer_class.__name__,
        "options": options,
        "batch_size": g.BATCH_SIZE,
        "steps": g.STEPS,
        "batch_loss": losses,
        "rows": rows,
    }


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    for kind in g.TRAJECTORIES:
        for optimizer_name in g.OPTIMIZERS:
            result = trajectory32(kind, optimizer_name)
            g.write(f"float32_trajectory_{kind}_{optimizer_name}.json", result)
            wide = g.trajectory(kind, optimizer_name)
            theta = max(abs(a - b) for r32, r64 in zip(result["rows"], wide["rows"]) for a, b in zip(r32["theta"], r64["theta"]))
            loss = max(abs(a - b) / abs(b) for a, b in zip(result["batch_loss"], wide["batch_loss"]))
            print(f"{kind:9} {optimizer_name:9} max |theta32 - theta64| {theta:.2e}   max relative batch-loss difference {loss:.2e}")


if __name__ == "__main__":
    main()
