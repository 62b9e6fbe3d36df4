# Regenerates tests/reference/golden/optimizers/*.json: torch.optim trajectories that the C# optimizers
# and learning-rate schedules must reproduce.
#
# Run from the repository root with Debian's python3-torch (1.13) and python3-numpy (1.24):
#     python3 tests/reference/optimizer_golden.py
#
# defaults.json holds each optimizer's torch defaults, errors.json the message torch raises for each bad setting.
# Every other file holds one case: the dataset (x, y), the initial parameters, the torch options, and per step
# the learning rate used, the gradient torch computed and the parameters after the step. Everything is
# float64 so the C# side can be compared tightly. Parameters are in DescentLab's order: the weight of x,
# the weight of x^2, then the bias (nn.Linear(2, 1) on [x, x^2]).
import json
import os

import numpy as np
import torch

SEED = 0
SAMPLES = 40
BATCH_SIZE = 8
EPOCHS = 60
INIT = [-0.4, 0.25, 0.7]
OUT = os.path.join("tests", "reference", "golden", "optimizers")


def dataset():
    np.random.seed(SEED)
    x = np.random.uniform(-2.0, 2.0, SAMPLES)
    y = 1.5 * x**2 - 2.0 * x + 0.5 + np.random.normal(0.0, 0.5, SAMPLES)
    return x, y


def sgd(**kw):
    return torch.optim.SGD, kw


def adam(**kw):
    return torch.optim.Adam, kw


def adamw(**kw):
    return torch.optim.AdamW, kw


def rmsprop(**kw):
    return torch.optim.RMSprop, kw


def adagrad(**kw):
    return torch.optim.Adagrad, kw


# name -> (optimizer, options, scheduler class or None, scheduler options)
CASES = {
    "sgd_plain": (sgd(lr=0.05), None),
    "sgd_momentum": (sgd(lr=0.02, momentum=0.9), None),
    "sgd_dampening": (sgd(lr=0.02, momentum=0.9, dampening=0.5), None),
    "sgd_nesterov": (sgd(lr=0.02, momentum=0.9, nesterov=True), None),
    "sgd_weight_decay": (sgd(lr=0.05, weight_decay=0.1), None),
    "sgd_momentum_weight_decay": (sgd(lr=0.02, momentum=0.8, dampening=0.1, weight_decay=0.05), None),
    "sgd_maximize": (sgd(lr=1e-4, maximize=True), None),
    "sgd_maximize_momentum": (sgd(lr=1e-4, momentum=0.5, maximize=True), None),
    "adam_default": (adam(), None),
    "adam": (adam(lr=0.05), None),
    "adam_betas_eps": (adam(lr=0.05, betas=(0.8, 0.99), eps=1e-3), None),
    "adam_amsgrad": (adam(lr=0.05, amsgrad=True), None),
    "adam_weight_decay": (adam(lr=0.05, weight_decay=0.1), None),
    "adam_maximize": (adam(lr=1e-3, maximize=True), None),
    "adamw": (adamw(lr=0.05), None),
    "adamw_amsgrad": (adamw(lr=0.05, weight_decay=0.1, amsgrad=True), None),
    "adamw_maximize": (adamw(lr=1e-3, maximize=True), None),
    "rmsprop": (rmsprop(lr=0.01), None),
    "rmsprop_centered": (rmsprop(lr=0.01, centered=True), None),
    "rmsprop_momentum": (rmsprop(lr=0.005, momentum=0.9), None),
    "rmsprop_weight_decay": (rmsprop(lr=0.01, weight_decay=0.1), None),
    "rmsprop_centered_momentum": (rmsprop(lr=0.005, alpha=0.9, eps=1e-6, momentum=0.5, centered=True), None),
    "rmsprop_maximize": (rmsprop(lr=1e-3, maximize=True), None),
    "adagrad": (adagrad(lr=0.1), None),
    "adagrad_lr_decay": (adagrad(lr=0.1, lr_decay=0.01), None),
    "adagrad_initial_accumulator": (adagrad(lr=0.1, initial_accumulator_value=0.5, eps=1e-6), None),
    "adagrad_weight_decay": (adagrad(lr=0.1, weight_decay=0.1), None),
    "adagrad_maximize": (adagrad(lr=0.01, maximize=True), None),
    "sgd_step_lr": (sgd(lr=0.05), (torch.optim.lr_scheduler.StepLR, dict(step_size=20))),
    "sgd_step_lr_gamma": (sgd(lr=0.05, momentum=0.5), (torch.optim.lr_scheduler.StepLR, dict(step_size=7, gamma=0.7))),
    "sgd_exponential_lr": (sgd(lr=0.05), (torch.optim.lr_scheduler.ExponentialLR, dict(gamma=0.95))),
    "sgd_cosine_lr": (sgd(lr=0.05), (torch.optim.lr_scheduler.CosineAnnealingLR, dict(T_max=20))),
    "sgd_cosine_lr_eta_min": (sgd(lr=0.05), (torch.optim.lr_scheduler.CosineAnnealingLR, dict(T_max=7, eta_min=0.005))),
    "adam_cosine_lr": (adam(lr=0.05), (torch.optim.lr_scheduler.CosineAnnealingLR, dict(T_max=15, eta_min=1e-3))),
}


# The constructor arguments each optimizer's defaults are read with (torch.optim.SGD has no default lr).
DEFAULTS = {
    "SGD": (torch.optim.SGD, dict(lr=1e-3)),
    "Adam": (torch.optim.Adam, {}),
    "AdamW": (torch.optim.AdamW, {}),
    "RMSprop": (torch.optim.RMSprop, {}),
    "Adagrad": (torch.optim.Adagrad, {}),
}

# name -> (optimizer, bad setting); the values are chosen so that Python's str() and .NET's invariant
# ToString() print them alike.
ERRORS = {
    "sgd_lr": (torch.optim.SGD, dict(lr=-0.5)),
    "sgd_momentum": (torch.optim.SGD, dict(lr=0.1, momentum=-0.5)),
    "sgd_weight_decay": (torch.optim.SGD, dict(lr=0.1, weight_decay=-0.001)),
    "sgd_nesterov_without_momentum": (torch.optim.SGD, dict(lr=0.1, nesterov=True)),
    "sgd_nesterov_with_dampening": (torch.optim.SGD, dict(lr=0.1, momentum=0.9, dampening=0.1, nesterov=True)),
    "adam_lr": (torch.optim.Adam, dict(lr=-0.5)),
    "adam_eps": (torch.optim.Adam, dict(eps=-1e-08)),
    "adam_beta1": (torch.optim.Adam, dict(betas=(1, 0.999))),
    "adam_beta2": (torch.optim.Adam, dict(betas=(0.9, -0.5))),
    "adam_weight_decay": (torch.optim.Adam, dict(weight_decay=-0.5)),
    "adamw_lr": (torch.optim.AdamW, dict(lr=-0.5)),
    "adamw_eps": (torch.optim.AdamW, dict(eps=-1e-08)),
    "adamw_beta1": (torch.optim.AdamW, dict(betas=(-0.5, 0.999))),
    "adamw_beta2": (torch.optim.AdamW, dict(betas=(0.9, 1))),
    "adamw_weight_decay": (torch.optim.AdamW, dict(weight_decay=-0.5)),
    "rmsprop_lr": (torch.optim.RMSprop, dict(lr=-0.5)),
    "rmsprop_eps": (torch.optim.RMSprop, dict(eps=-1e-08)),
    "rmsprop_momentum": (torch.optim.RMSprop, dict(momentum=-0.5)),
    "rmsprop_weight_decay": (torch.optim.RMSprop, dict(weight_decay=-0.5)),
    "rmsprop_alpha": (torch.optim.RMSprop, dict(alpha=-0.5)),
    "adagrad_lr": (torch.optim.Adagrad, dict(lr=-0.5)),
    "adagrad_lr_decay": (torch.optim.Adagrad, dict(lr_decay=-0.5)),
    "adagrad_weight_decay": (torch.optim.Adagrad, dict(weight_decay=-0.5)),
    "adagrad_initial_accumulator_value": (torch.optim.Adagrad, dict(initial_accumulator_value=-0.5)),
    "adagrad_eps": (torch.optim.Adagrad, dict(eps=-1e-10)),
}


def defaults():
    parameter = torch.nn.Parameter(torch.zeros(1))
    result = {}
    for name, (optimizer_class, options) in DEFAULTS.items():
        values = optimizer_class([parameter], **options).defaults
        result[name] = {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in values.items()
            if k not in ("foreach", "differentiable", "capturable", "fused")
        }
    return result


def errors():
    parameter = torch.nn.Parameter(torch.zeros(1))
    result = {}
    for name, (optimizer_class, options) in ERRORS.items():
        try:
            optimizer_class([parameter], **options)
        except ValueError as e:
            result[name] = str(e)
        else:
            raise AssertionError(name + " did not raise")
    return result


def write(name, value):
    # json writes floats with repr(): the shortest text that reads back to the same double.
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(value, f, separators=(",", ":"))
        f.write("\n")


def run(name, optimizer_spec, scheduler_spec, x, y):
    optimizer_class, options = optimizer_spec
    features = torch.tensor(np.stack([x, x**2], axis=1))
    target = torch.tensor(y).unsqueeze(1)
    model = torch.nn.Linear(2, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([INIT[:2]]))
        model.bias.copy_(torch.tensor(INIT[2:]))
    optimizer = optimizer_class(model.parameters(), **options)
    scheduler = None
    if scheduler_spec is not None:
        scheduler_class, scheduler_options = scheduler_spec
        scheduler = scheduler_class(optimizer, **scheduler_options)
    loss_fn = torch.nn.MSELoss()

    def theta():
        return model.weight.detach().flatten().tolist() + model.bias.detach().tolist()

    lrs, grads, thetas = [], [], []
    for _ in range(EPOCHS):
        # Sequential minibatches, as DataLoader(shuffle=False).
        for start in range(0, SAMPLES, BATCH_SIZE):
            batch = slice(start, start + BATCH_SIZE)
            optimizer.zero_grad()
            loss = loss_fn(model(features[batch]), target[batch])
            loss.backward()
            lrs.append(optimizer.param_groups[0]["lr"])
            grads.append(model.weight.grad.flatten().tolist() + model.bias.grad.tolist())
            optimizer.step()
            thetas.append(theta())
        if scheduler is not None:
            scheduler.step()

    return {
        "case": name,
        "torch": torch.__version__,
        "optimizer": optimizer_class.__name__,
        "options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()},
        "scheduler": None if scheduler_spec is None else scheduler_spec[0].__name__,
        "scheduler_options": None if scheduler_spec is None else scheduler_spec[1],
        "batch_size": BATCH_SIZE,
        "epochs": EPOCHS,
        "x": x.tolist(),
        "y": y.tolist(),
        "init": INIT,
        "lr": lrs,
        "grad": grads,
        "theta": thetas,
    }


def main():
    torch.set_default_dtype(torch.float64)
    x, y = dataset()
    os.makedirs(OUT, exist_ok=True)
    write("defaults", defaults())
    write("errors", errors())
    for name, (optimizer_spec, scheduler_spec) in CASES.items():
        write(name, run(name, optimizer_spec, scheduler_spec, x, y))


if __name__ == "__main__":
    main()
