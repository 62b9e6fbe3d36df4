"""The seed notebook's shuffled-SGD training loop in PyTorch, timed: the scale DescentLab's training
benchmarks are compared with. Run with Debian's python3-torch: python3 bench/pytorch_seed_loop.py
"""
import time, numpy as np, torch, torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
np.random.seed(0); torch.manual_seed(0)
x = np.random.uniform(-5, 3, 100); y = 3*x**2 + 10*x - 2
tx = torch.Tensor(x).view(-1, 1); ty = torch.Tensor(y).view(-1, 1)
class Q(nn.Module):
    def __init__(s): super().__init__(); s.W = nn.Linear(2, 1)
    def forward(s, x): return s.W(torch.cat([x, x**2], dim=1))
q = Q(); loss = nn.MSELoss(); opt = torch.optim.SGD(q.parameters(), lr=1e-3)
loader = DataLoader(TensorDataset(tx, ty), batch_size=25, shuffle=True)
t = time.perf_counter(); steps = 0
for epoch in range(300):
    for bx, by in loader:
        out = loss(q(bx), by); opt.zero_grad(); out.backward(); opt.step()
        p = list(q.W.parameters()); rec = [p[0][0][0].item(), p[0][0][1].item(), p[1][0].item()]; steps += 1
print(f"{steps / (time.perf_counter() - t):.0f} steps/s")
