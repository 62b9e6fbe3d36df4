"""Golden trajectories of the seed notebook ("GD vs SGD"), run with PyTorch.

Performs the notebook's steps in the notebook's order, seeded at the top with
np.random.seed(s); torch.manual_seed(s), for s in 0, 1, 2, and writes what it prints and records:
every batch loss, the parameters [b, a, c] every 10 steps and after the last step, and each
model's initial parameters.

Rerun from the repository root with Debian's python3-torch and python3-numpy:
    python3 tests/reference/notebook_golden.py
Output: tests/reference/golden/notebook/seed-<s>.json
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "notebook")
EVERY = 10


class Quadratic(nn.Module):
    def __init__(self):
        super(Quadratic, self).__init__()
        self.W = nn.Linear(in_features=2, out_features=1, bias=True)

    def forward(self, x):
        x2 = x ** 2
        xs = torch.cat([x, x2], dim=1)
        return self.W(xs)


def params(model):
    p = list(model.W.parameters())
    # The notebook's order [b, a, c] is DescentLab's parameter order [x, x^2, 1].
    return [p[0][0][0].item(), p[0][0][1].item(), p[1][0].item()]


def train(model, batches, epochs, lr):
    loss = nn.MSELoss()
    optm = torch.optim.SGD(model.parameters(), lr=lr)
    losses, path = [], []
    for epoch in range(epochs):
        for batch_x, batch_y in batches():
            y_pred = model.forward(batch_x)
            loss_out = loss(y_pred, batch_y)
            optm.zero_grad()
            loss_out.backward()
            optm.step()
            losses.append(loss_out.item())
            path.append(params(model))
    return losses, path


def run(seed):
    np.random.seed(seed)
    torch.manual_seed(seed)

    x = np.random.uniform(-5, 3, 100)
    a = np.random.normal(3, 0.5, len(x))
    b = np.random.normal(10, 1, len(x))
    c = np.random.normal(-2, 2, len(x))
    y = a * x ** 2 + b * x + c

    epochs, lr = 300, 1e-3
    train_x = torch.Tensor(x).view(-1, 1)
    train_y = torch.Tensor(y).view(-1, 1)
    data_set = TensorDataset(train_x, train_y)

    methods = {}

    q = Quadratic()
    init = params(q)
    losses, path = train(q, lambda: [(train_x, train_y)], epochs, lr)
    methods["gd"] = (init, losses, path)

    loader = DataLoader(data_set, batch_size=25, shuffle=False)
    q2 = Quadratic()
    init = params(q2)
    losses, path = train(q2, lambda: loader, epochs, lr)
    methods["sgd"] = (init, losses, path)

    loader = DataLoader(data_set, batch_size=25, shuffle=True)
    q3 = Quadratic()
    init = params(q3)
    losses, path = train(q3, lambda: loader, epochs, lr)
    methods["sgd-shuffle"] = (init, losses, path)

    result = {
        "seed": seed,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "x": [float(v) for v in x],
        "y": [float(v) for v in y],
        "record_every": EVERY,
        "methods": {
            name: {
                "init": init,
                "batch_loss": losses,
                "params_every": [path[i] for i in range(EVERY - 1, len(path), EVERY)],
                "final": path[-1],
            }
            for name, (init, losses, path) in methods.items()
        },
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"seed-{seed}.json"), "w") as f:
        json.dump(result, f)
    print(seed, {k: v[2][-1] for k, v in methods.items()})


if __name__ == "__main__":
    for s in (0, 1, 2):
        run(s)
