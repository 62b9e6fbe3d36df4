"""Golden batches of torch.utils.data.DataLoader, for DescentLab's samplers.

For each case, the index batches over a few epochs, on a dataset of indices 0..n-1, either as a
DataLoader yields them drawing from the global generator (generator=None, after
torch.manual_seed(seed): the seed notebook's loop), or drawn directly from a private generator g:
each epoch torch.randperm(n, generator=g), or torch.randint(high=n, size=(n,), generator=g) with
replacement, cut into consecutive batches (DescentLab's independent runs).

Rerun from the repository root with Debian's python3-torch:
    python3 tests/reference/sampler_golden.py
Output: tests/reference/golden/samplers/batches.json
"""
import json
import os

import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "samplers")
EPOCHS = 3


def batches(loader):
    return [[[int(i) for i in b[0].tolist()] for b in loader] for _ in range(EPOCHS)]


def private(kind, n, batch_size, drop_last, g):
    epochs = []
    for _ in range(EPOCHS):
        if kind == "sequential":
            order = list(range(n))
        elif kind == "reshuffle":
            order = torch.randperm(n, generator=g).tolist()
        else:
            order = torch.randint(high=n, size=(n,), dtype=torch.int64, generator=g).tolist()
        count = n // batch_size if drop_last else -(-n // batch_size)
        epochs.append([order[k * batch_size:(k + 1) * batch_size] for k in range(count)])
    return epochs


def case(kind, n, batch_size, drop_last, seed, own):
    data = TensorDataset(torch.arange(n))
    torch.manual_seed(seed)
    if own:
        result = private(kind, n, batch_size, drop_last, torch.Generator().manual_seed(seed + 1000))
    elif kind == "sequential":
        result = batches(DataLoader(data, batch_size=batch_size, shuffle=False, drop_last=drop_last))
    elif kind == "reshuffle":
        result = batches(DataLoader(data, batch_size=batch_size, shuffle=True, drop_last=drop_last))
    elif kind == "with-replacement":
        sampler = RandomSampler(data, replacement=True)
        result = batches(DataLoader(data, batch_size=batch_size, sampler=sampler, drop_last=drop_last))
    else:
        raise ValueError(kind)
    # What the global generator gives next shows how many draws the loader made from it.
    after = int(torch.empty((), dtype=torch.int64).random_().item())
    return {
        "kind": kind, "n": n, "batch_size": batch_size, "drop_last": drop_last,
        "seed": seed, "own_seed": seed + 1000 if own else None,
        "epochs": result, "global_next_int64": after,
    }


def main():
    cases = []
    for kind in ("sequential", "reshuffle", "with-replacement"):
        for n, bs, drop in ((100, 25, False), (10, 3, False), (10, 3, True), (70, 32, False)):
            for seed in (0, 7):
                for own in (False, True):
                    cases.append(case(kind, n, bs, drop, seed, own))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "batches.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f)
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
