"""A 2-16-16-1 tanh MLP trained with shuffled minibatch SGD on 200 two-moons points (batch 25) in PyTorch, timed:
the scale DescentLab's ModelBenchmarks are compared with. Run with Debian's python3-torch:
    python3 bench/pytorch_mlp_loop.py
Prints steps per second of the usual DataLoader loop (float32, as a user writes it, and float64), and of the same
loop indexing the tensors directly with torch.randperm (no DataLoader).
"""
import time

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)


def moons(n, noise, seed):
    # scikit-learn 1.2's make_moons(n, shuffle=True, noise, random_state=seed), as tests/reference/model_golden.py.
    g = np.random.RandomState(seed)
    n_out, n_in = n // 2, n - n // 2
    x = np.vstack([np.append(np.cos(np.linspace(0, np.pi, n_out)), 1 - np.cos(np.linspace(0, np.pi, n_in))),
                   np.append(np.sin(np.linspace(0, np.pi, n_out)), 1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5)]).T
    y = np.hstack([np.zeros(n_out), np.ones(n_in)])
    i = np.arange(n)
    g.shuffle(i)
    x, y = x[i], y[i]
    return x + g.normal(scale=noise, size=x.shape), y


def model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1))


def loader_loop(dtype, epochs=200):
    x, y = moons(200, 0.2, 0)
    tx = torch.tensor(x, dtype=dtype)
    ty = torch.tensor(y, dtype=dtype).view(-1, 1)
    net = model().to(dtype)
    loss = nn.BCEWithLogitsLoss()
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    loader = DataLoader(TensorDataset(tx, ty), batch_size=25, shuffle=True)
    t = time.perf_counter()
    steps = 0
    for _ in range(epochs):
        for bx, by in loader:
            out = loss(net(bx), by)
            opt.zero_grad()
            out.backward()
            opt.step()
            steps += 1
    return steps / (time.perf_counter() - t)


def randperm_loop(dtype, epochs=200):
    x, y = moons(200, 0.2, 0)
    tx = torch.tensor(x, dtype=dtype)
    ty = torch.tensor(y, dtype=dtype).view(-1, 1)
    net = model().to(dtype)
    loss = nn.BCEWithLogitsLoss()
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    t = time.perf_counter()
    steps = 0
    for _ in range(epochs):
        order = torch.randperm(200)
        for start in range(0, 200, 25):
            idx = order[start:start + 25]
            out = loss(net(tx[idx]), ty[idx])
            opt.zero_grad()
            out.backward()
            opt.step()
            steps += 1
    return steps / (time.perf_counter() - t)


print(f"torch {torch.__version__}, 1 thread")
print(f"DataLoader loop, float32: {loader_loop(torch.float32):.0f} steps/s")
print(f"DataLoader loop, float64: {loader_loop(torch.float64):.0f} steps/s")
print(f"randperm loop, float64:   {randperm_loop(torch.float64):.0f} steps/s")
