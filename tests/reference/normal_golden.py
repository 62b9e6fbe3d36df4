"""Golden values for TorchGenerator.Normal: torch 1.13's float64 normal_ on the CPU generator.

Rerun from the repository root with Debian's python3 and its python3-torch (1.13) package:

    python3 tests/reference/normal_golden.py

It rewrites tests/reference/golden/normal/normal.json. Each case seeds one torch.Generator and fills float64 tensors of
the given lengths in turn, so the draws of one call follow the previous call's: tensors of fewer than 16 elements take
the scalar Box-Muller path, which caches its second sample in the generator; 16 or more take normal_fill, which draws
every uniform first, transforms 16 at a time and redraws the last 16 when the length is not a multiple of 16. Floats are
written with repr(), which round-trips exactly.
"""

import json
import os

import torch

OUT = os.path.join("tests", "reference", "golden", "normal")
SEQUENCES = [
    [1, 1, 1],
    [1, 2, 3, 7, 15],
    [16, 1, 17],
    [31, 32, 33, 100],
    [3, 257, 5],
    [48, 2],
]
SEEDS = [0, 1, 12345, 2**32 - 1]
MEAN_STD = [(0.0, 1.0), (0.5, 2.0)]


def main():
    assert torch.__version__.startswith("1.13"), torch.__version__
    cases = []
    for seed in SEEDS:
        for lengths in SEQUENCES:
            for mean, std in MEAN_STD:
                g = torch.Generator().manual_seed(seed)
                calls = []
                for n in lengths:
                    t = torch.empty(n, dtype=torch.float64).normal_(mean, std, generator=g)
                    calls.append({"length": n, "values": [float(v) for v in t.tolist()]})
                cases.append({"seed": seed, "mean": mean, "std": std, "calls": calls})
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "normal.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
