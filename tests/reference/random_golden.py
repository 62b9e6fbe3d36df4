"""Golden values for DescentLab.Randomness, TorchLinearInit and the data generators.

Rerun from the repository root with Debian's python3 and its python3-numpy (1.24) and python3-torch (1.13) packages:

    python3 tests/reference/random_golden.py

It rewrites tests/reference/golden/random/*.json. Every number is what NumPy or torch returned; floats are written with
repr(), which round-trips exactly (float32 values are exact doubles). One part reruns this script in a child process with
ATEN_CPU_CAPABILITY=default, torch's non-vectorised CPU kernels, whose float32 uniform_ rounds the product before adding
(the AVX2/AVX-512 kernels use a fused multiply-add).
"""

import json
import math
import os
import subprocess
import sys

import numpy as np
import torch

OUT = os.path.join("tests", "reference", "golden", "random")
SEEDS = [0, 1, 2, 12345, 2**32 - 1]
LENGTHS = [1, 2, 7, 100, 1000]
# Length-1000 calls only for these seeds, to keep the files small; every stream still crosses a 624-word block.
LONG_SEEDS = {0, 12345}
UNIFORM_BOUNDS = [(0.0, 1.0), (-5.0, 3.0), (-1 / math.sqrt(2), 1 / math.sqrt(2)), (-0.1, 2.5)]


def floats(array):
    return [float(v) for v in np.asarray(array).ravel()]


def ints(array):
    return [int(v) for v in np.asarray(array).ravel()]


def write(name, payload):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")
    print(path, os.path.getsize(path), "bytes")


def mt19937():
    # legacy randint over the full uint32 range returns the raw MT19937 outputs (numpy random_bounded_uint32_fill, rng == 0xFFFFFFFF).
    return {str(s): ints(np.random.RandomState(s).randint(0, 2**32, size=1300 if s in LONG_SEEDS else 700, dtype=np.uint32)) for s in SEEDS}


def numpy_calls():
    cases = []
    for s in SEEDS:
        np.random.seed(s)
        calls = []

        def record(method, args, size, values):
            calls.append({"method": method, "args": list(args), "size": size, "values": floats(values)})

        lengths = LENGTHS if s in LONG_SEEDS else LENGTHS[:-1]
        for n in lengths:
            record("random_sample", [], n, np.random.random_sample(n))
        record("random_sample", [], None, np.random.random_sample())
        record("uniform", [-5.0, 3.0], 100, np.random.uniform(-5, 3, 100))
        record("uniform", [2.0, 2.5], None, np.random.uniform(2.0, 2.5))
        # Odd-length normal calls leave a cached value that the next normal call, of any loc and scale, returns first.
        record("normal", [3.0, 0.5], 7, np.random.normal(3, 0.5, 7))
        record("normal", [10.0, 1.0], 1, np.random.normal(10, 1, 1))
        record("normal", [-2.0, 2.0], 2, np.random.normal(-2, 2, 2))
        record("normal", [0.0, 1.0], None, np.random.normal(0, 1))
        record("uniform", [-1.0, 1.0], 7, np.random.uniform(-1, 1, 7))
        record("normal", [1.5, 3.0], 1, np.random.normal(1.5, 3.0, 1))
        for n in lengths:
            record("normal", [0.0, 1.0], n, np.random.normal(0, 1, n))
        cases.append({"seed": s, "calls": calls})
    return {"cases": cases}


def torch_calls(seeds):
    cases = []
    for s in seeds:
        case = {"seed": s}
        g = torch.Generator().manual_seed(s)
        case["initial_seed"] = g.initial_seed()
        # randint(0, 2**32 - 1) has range < 2**32, so it draws random() and returns random() % (2**32 - 1): the raw stream
        # except that 2**32 - 1 shows as 0. random_() on int64 shows random64() % 2**63 from pairs of draws.
        case["randint_raw"] = ints(torch.randint(0, 2**32 - 1, (700,), dtype=torch.int64, generator=torch.Generator().manual_seed(s)))
        case["random_int64"] = ints(torch.empty(100, dtype=torch.int64).random_(generator=torch.Generator().manual_seed(s)))
        case["uniform"] = [
            {"from": lo, "to": hi, "values": floats(torch.empty(n, dtype=torch.float32).uniform_(lo, hi, generator=torch.Generator().manual_seed(s)))}
            for (lo, hi) in UNIFORM_BOUNDS
            for n in ([1, 7, 1000 if s in LONG_SEEDS else 100] if (lo, hi) == UNIFORM_BOUNDS[2] else [100])
        ]
        case["randperm"] = {str(n): ints(torch.randperm(n, generator=torch.Generator().manual_seed(s))) for n in [1, 2, 25, 100, 1000] if n < 1000 or s in LONG_SEEDS}
        case["randint"] = [
            {"high": high, "values": ints(torch.randint(high=high, size=(size,), dtype=torch.int64, generator=torch.Generator().manual_seed(s)))}
            for (high, size) in [(1, 5), (2, 50), (25, 100), (100, 32), (1000, 100), (2**31 - 1, 100)]
        ]
        g = torch.Generator().manual_seed(s)
        mixed = []
        mixed.append({"op": "randperm", "n": 25, "values": ints(torch.randperm(25, generator=g))})
        mixed.append({"op": "uniform", "from": -0.5, "to": 0.5, "values": floats(torch.empty(3, dtype=torch.float32).uniform_(-0.5, 0.5, generator=g))})
        mixed.append({"op": "random_int64", "values": ints(torch.empty((), dtype=torch.int64).random_(generator=g))})
        mixed.append({"op": "randint", "high": 100, "values": ints(torch.randint(high=100, size=(32,), dtype=torch.int64, generator=g))})
        mixed.append({"op": "randperm", "n": 100, "values": ints(torch.randperm(100, generator=g))})
        case["mixed"] = mixed
        linear = {}
        for fan_in in [1, 2, 5]:
            torch.manual_seed(s)
            models = [torch.nn.Linear(fan_in, 1) for _ in range(2)]
            # Two fresh models in a row from one seeding, as the seed notebook builds one per method.
            linear[str(fan_in)] = [floats(m.weight.detach()) + floats(m.bias.detach()) for m in models]
        case["linear"] = linear
        cases.append(case)
    return {"cases": cases}


def kaiming_bounds():
    out = {}
    for fan_in in [1, 2, 3, 5, 7, 100]:
        gain = torch.nn.init.calculate_gain("leaky_relu", math.sqrt(5))
        out[str(fan_in)] = math.sqrt(3.0) * (gain / math.sqrt(fan_in))
    return out


def data():
    seed_cases = []
    for s in SEEDS:
        np.random.seed(s)
        x = np.random.uniform(-5, 3, 100)
        a = np.random.normal(3, 0.5, 100)
        b = np.random.normal(10, 1, 100)
        c = np.random.normal(-2, 2, 100)
        y = a * x**2 + b * x + c
        seed_cases.append({"seed": s, "x": floats(x), "y": floats(y)})
    configs = [
        {"count": 100, "x_low": -5.0, "x_high": 3.0, "coefficients": [-2.0, 10.0, 3.0], "noise_sd": 1.0},
        {"count": 37, "x_low": -2.0, "x_high": 2.0, "coefficients": [1.0, -2.0, 0.5, 0.25], "noise_sd": 0.3},
        {"count": 5, "x_low": 0.0, "x_high": 10.0, "coefficients": [4.0], "noise_sd": 0.0},
    ]
    poly_cases = []
    for config in configs:
        for s in [0, 12345]:
            np.random.seed(s)
            x = np.random.uniform(config["x_low"], config["x_high"], config["count"])
            y = np.polynomial.polynomial.polyval(x, config["coefficients"]) + np.random.normal(0, config["noise_sd"], config["count"])
            poly_cases.append(dict(config, seed=s, x=floats(x), y=floats(y)))
    return {"seed_notebook": seed_cases, "polynomial": poly_cases}


def unfused_uniform():
    cases = []
    for s in [0, 12345]:
        for (lo, hi) in UNIFORM_BOUNDS:
            values = torch.empty(200, dtype=torch.float32).uniform_(lo, hi, generator=torch.Generator().manual_seed(s))
            cases.append({"seed": s, "from": lo, "to": hi, "values": floats(values)})
    return {"capability": torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else "default", "cases": cases}


def main():
    if "--unfused" in sys.argv:
        json.dump(unfused_uniform(), sys.stdout, separators=(",", ":"))
        return
    print("numpy", np.__version__, "torch", torch.__version__)
    os.makedirs(OUT, exist_ok=True)
    write("mt19937.json", mt19937())
    write("numpy.json", numpy_calls())
    torch_golden = torch_calls(SEEDS + [2**32 + 7, 2**40 + 12345])
    torch_golden["kaiming_bound"] = kaiming_bounds()
    write("torch.json", torch_golden)
    child = subprocess.run(
        [sys.executable, __file__, "--unfused"],
        env=dict(os.environ, ATEN_CPU_CAPABILITY="default"),
        check=True,
        capture_output=True,
        text=True,
    )
    write("torch_default_capability.json", json.loads(child.stdout))
    write("data.json", data())


if __name__ == "__main__":
    main()
