"""Multiplies by each gate's block untransposed, x @ W_i*, which only has the right shape when I == H."""
import torch


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    size = weight_hh.shape[1]
    bi = torch.zeros(3 * size, dtype=x.dtype, device=x.device) if bias_ih is None else bias_ih
    bh = torch.zeros(3 * size, dtype=x.dtype, device=x.device) if bias_hh is None else bias_hh
    g = [slice(k * size, (k + 1) * size) for k in range(3)]
    r = torch.sigmoid(x @ weight_ih[g[0]] + bi[g[0]] + h @ weight_hh[g[0]] + bh[g[0]])
    z = torch.sigmoid(x @ weight_ih[g[1]] + bi[g[1]] + h @ weight_hh[g[1]] + bh[g[1]])
    n = torch.tanh(x @ weight_ih[g[2]] + bi[g[2]] + r * (h @ weight_hh[g[2]] + bh[g[2]]))
    return (1 - z) * n + z * h
