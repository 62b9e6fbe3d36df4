"""The seed notebook's code end to end, timed against `descentlab run`: its data, its two loss grids, its three
trainings and its 13 figures (10 matplotlib PNGs, 3 plotly pages), written to files instead of shown.

Run with Debian's python3-torch, python3-matplotlib and python3-plotly, from the repository root:
    hyperfine --warmup 1 --runs 7 "python3 bench/pytorch_seed_notebook.py OUT" "descentlab run --out x --force --quiet"

The code is the notebook's, cell for cell, with its flaws kept (see the seed README): seeded with 0 so that every run
does the same work, no Korean font module, and each figure saved where the notebook calls show().
"""
import os
import sys
import time
import warnings

start = time.perf_counter()

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

# The notebook imports koreanize_matplotlib for its Korean titles; without that font matplotlib warns per glyph.
warnings.filterwarnings("ignore", message="Glyph .* missing from current font")
out = sys.argv[1] if len(sys.argv) > 1 else "notebook-out"
os.makedirs(out, exist_ok=True)
figures = 0


def show_png(name):
    global figures
    plt.savefig(os.path.join(out, name + ".png"))
    plt.close("all")
    figures += 1


def show_html(fig, name):
    global figures
    fig.write_html(os.path.join(out, name + ".html"), include_plotlyjs=True)
    figures += 1


np.random.seed(0)
torch.manual_seed(0)

x = np.random.uniform(-5, 3, 100)
a = np.random.normal(3, 0.5, len(x))
b = np.random.normal(10, 1, len(x))
c = np.random.normal(-2, 2, len(x))
y = a * x**2 + b * x + c

plt.scatter(x, y)
plt.title("초기 데이터")
show_png("01-data")

a_pred = np.arange(2.5, 3.5, 0.025)
b_pred = np.arange(9, 11, 0.05)
c_pred = -2
errors = np.zeros((len(a_pred), len(b_pred)))
for i in range(a_pred.shape[0]):
    for j in range(b_pred.shape[0]):
        y_pred = a_pred[i] * x**2 + b_pred[j] * x + c_pred
        error = y - y_pred
        mse = np.mean(error**2)
        errors[i][j] = mse

fig = go.Figure(data=[go.Surface(z=errors, x=a_pred, y=b_pred)])
fig.update_layout(title="Parameter Space", width=640, height=640, margin=dict(l=65, r=50, b=65, t=90))
show_html(fig, "02-parameter-space")

minibatch_errors = np.zeros((4, len(a_pred), len(b_pred)))
for k in range(4):
    for i in range(a_pred.shape[0]):
        for j in range(b_pred.shape[0]):
            batch_x = x[k * 25:(k + 1) * 25]
            batch_y = y[k * 25:(k + 1) * 25]
            y_pred = a_pred[i] * batch_x**2 + b_pred[j] * batch_x + c_pred
            error = batch_y - y_pred
            mse = np.mean(error**2)
            minibatch_errors[k][i][j] = mse

fig = go.Figure(data=[go.Surface(z=minibatch_errors[0], x=a_pred, y=b_pred),
                      go.Surface(z=minibatch_errors[1], x=a_pred, y=b_pred, showscale=False, opacity=0.5),
                      go.Surface(z=minibatch_errors[2], x=a_pred, y=b_pred, showscale=False, opacity=0.5),
                      go.Surface(z=minibatch_errors[3], x=a_pred, y=b_pred, showscale=False, opacity=0.5)])
fig.update_layout(title="Parameter Space", width=640, height=640, margin=dict(l=65, r=50, b=65, t=90))
show_html(fig, "03-minibatch-spaces")


class Quadratic(nn.Module):
    def __init__(self):
        super(Quadratic, self).__init__()
        self.W = nn.Linear(in_features=2, out_features=1, bias=True)

    def forward(self, x):
        x2 = x**2
        xs = torch.cat([x, x2], dim=1)
        return self.W(xs)


Q = Quadratic()
train_x = torch.Tensor(x).view(-1, 1)
train_y = torch.Tensor(y).view(-1, 1)

epochs = 300
lr = 1e-3
loss = nn.MSELoss()
optm = torch.optim.SGD(Q.parameters(), lr=lr)
loss_GD, params_GD = [], []
for epoch in range(epochs):
    y_pred = Q.forward(train_x)
    loss_out = loss(y_pred, train_y)
    optm.zero_grad()
    loss_out.backward()
    optm.step()
    loss_GD.append(loss_out.item())
    model_param = list(Q.W.parameters())
    params_GD.append([model_param[0][0][0].item(), model_param[0][0][1].item(), model_param[1][0].item()])

plt.plot(loss_GD)
plt.title("GD Loss")
show_png("04-gd-loss")
b_hat, a_hat, c_hat = params_GD[-1]
print(b_hat, a_hat, c_hat)
plt.plot(x, a * x**2 + b * x + c, ".")
plt.plot(x, a_hat * x**2 + b_hat * x + c_hat, ".")
plt.title("실제값과 추정값 비교 : GD")
plt.legend(["Real", "Appr"])
show_png("05-gd-fit")
params_GD = np.array(params_GD)
plt.plot(params_GD[:, 1], params_GD[:, 0])
plt.title("GD 훈련 경로")
show_png("06-gd-path")

data_set = TensorDataset(train_x, train_y)
data_loader = DataLoader(data_set, batch_size=25, shuffle=False)
Q2 = Quadratic()
loss = nn.MSELoss()
optm = torch.optim.SGD(Q2.parameters(), lr=lr)
loss_SGDr, params_SGDr = [], []
for epoch in range(epochs):
    for batch_x, batch_y in data_loader:
        y_pred = Q2.forward(batch_x)
        loss_out = loss(y_pred, batch_y)
        optm.zero_grad()
        loss_out.backward()
        optm.step()
        loss_SGDr.append(loss_out.item())
        model_param = list(Q2.W.parameters())
        params_SGDr.append([model_param[0][0][0].item(), model_param[0][0][1].item(), model_param[1][0].item()])

b_hat, a_hat, c_hat = params_SGDr[-1]
print(b_hat, a_hat, c_hat)
plt.plot(x, a * x**2 + b * x + c, ".")
plt.plot(x, a_hat * x**2 + b_hat * x + c_hat, ".")
plt.title("실제값과 추정값 비교 : SGD w/o randomization")
plt.legend(["Real", "Appr"])
show_png("07-sgd-fit")
params_SGDr = np.array(params_SGDr)
plt.plot(params_SGDr[:, 1], params_SGDr[:, 0])
plt.title("SGD w/o randomization 훈련 경로")
show_png("08-sgd-path")

data_loader = DataLoader(data_set, batch_size=25, shuffle=True)
Q3 = Quadratic()
loss = nn.MSELoss()
optm = torch.optim.SGD(Q3.parameters(), lr=lr)
loss_SGDwr, params_SGDwr = [], []
for epoch in range(epochs):
    for batch_x, batch_y in data_loader:
        y_pred = Q3.forward(batch_x)
        loss_out = loss(y_pred, batch_y)
        optm.zero_grad()
        loss_out.backward()
        optm.step()
        loss_SGDwr.append(loss_out.item())
        model_param = list(Q3.W.parameters())
        params_SGDwr.append([model_param[0][0][0].item(), model_param[0][0][1].item(), model_param[1][0].item()])

b_hat, a_hat, c_hat = params_SGDwr[-1]
print(b_hat, a_hat, c_hat)
plt.plot(x, a * x**2 + b * x + c, ".")
plt.plot(x, a_hat * x**2 + b_hat * x + c_hat, ".")
plt.title("실제값과 추정값 비교 : SGD w/ randomization")
plt.legend(["Real", "Appr"])
show_png("09-sgd-shuffle-fit")
params_SGDwr = np.array(params_SGDr)
plt.plot(params_SGDr[:, 1], params_SGDr[:, 0])
plt.title("SGD w/ randomization 훈련 경로")
show_png("10-sgd-shuffle-path")

plt.plot(params_GD[:, 1], params_GD[:, 0], label="GD")
plt.plot(params_SGDr[:, 1], params_SGDr[:, 0], label="SGD w/o random")
plt.plot(params_SGDwr[:, 1], params_SGDwr[:, 0], label="SGD w/ random")
plt.plot(params_GD[50, 1], params_GD[50, 0], "ro")
plt.plot(params_SGDr[200, 1], params_SGDr[200, 0], "ro")
plt.plot(params_SGDwr[200, 1], params_SGDwr[200, 0], "ro")
plt.annotate("GD", xy=(params_GD[50, 1] + 0.1, params_GD[50, 0]))
plt.annotate("SGD", xy=(params_SGDr[200, 1] + 0.1, params_SGDr[200, 0]))
plt.annotate("SGD random", xy=(params_SGDwr[200, 1] + 0.1, params_SGDwr[200, 0]))
plt.legend()
show_png("11-paths")

a_pred = np.arange(-0.5, 3.5, 0.1)
b_pred = np.arange(-1, 11, 0.2)
g_a, g_b = np.meshgrid(a_pred, b_pred)
c_pred = c_hat
errors = np.zeros((len(a_pred), len(b_pred)))
for i in range(a_pred.shape[0]):
    for j in range(b_pred.shape[0]):
        y_pred = a_pred[i] * x**2 + b_pred[j] * x + c_pred
        error = y - y_pred
        mse = 0.5 * np.mean(error**2)
        errors[i][j] = mse

fig = go.Figure(data=[go.Scatter3d(x=params_GD[:, 1], y=params_GD[:, 0], z=loss_GD,
                                   marker=dict(size=4, color=-np.array(loss_GD), colorscale="bluered", opacity=0.8),
                                   line=dict(color="darkblue", width=2), name="GD"),
                      go.Scatter3d(x=params_SGDr[:, 1] + 1, y=params_SGDr[:, 0] + 1, z=loss_SGDr,
                                   marker=dict(size=4, color=-np.array(loss_SGDr), colorscale="icefire", opacity=0.8),
                                   line=dict(color="darkred", width=2), name="SGD"),
                      go.Scatter3d(x=params_SGDwr[:, 1] + 2, y=params_SGDwr[:, 0] + 2, z=loss_SGDwr,
                                   marker=dict(size=4, color=-np.array(loss_SGDwr), colorscale="Viridis", opacity=0.8),
                                   line=dict(color="darkgreen", width=2), name="SGD random")])
fig.update_layout(title="Parameter Space with Paths", width=640, height=640, margin=dict(l=65, r=50, b=65, t=90))
show_html(fig, "12-paths-3d")

plt.figure(figsize=(8, 8))
plt.contourf(a_pred, b_pred, errors.T, levels=100)
plt.plot(params_GD[:, 1], params_GD[:, 0], label="GD")
plt.plot(params_SGDr[:, 1], params_SGDr[:, 0], label="SGD")
plt.plot(params_SGDwr[:, 1], params_SGDwr[:, 0], label="SGD random")
plt.legend()
show_png("13-contour")

print(f"{figures} figures in {out}; {time.perf_counter() - start:.2f} s after the interpreter started", file=sys.stderr)
