"""Applies the reset gate to W_hn h only and adds b_hn outside it: r * (W_hn h) + b_hn."""
import torch
import torch.nn.functional as F


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    x_r, x_z, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=-1)
    h_r, h_z, h_n = F.linear(h, weight_hh).chunk(3, dim=-1)
    if bias_hh is not None:
        b_r, b_z, b_n = bias_hh.chunk(3)
        h_r, h_z = h_r + b_r, h_z + b_z
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    pre_n = x_n + r * h_n
    if bias_hh is not None:
        pre_n = pre_n + b_n
    n = torch.tanh(pre_n)
    return (1 - z) * n + z * h
