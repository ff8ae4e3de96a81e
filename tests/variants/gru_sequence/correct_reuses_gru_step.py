"""Defines gru_step as in the previous exercise and calls it once per time step, collecting the states."""
import torch
import torch.nn.functional as F


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    x_r, x_z, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=-1)
    h_r, h_z, h_n = F.linear(h, weight_hh, bias_hh).chunk(3, dim=-1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.tanh(x_n + r * h_n)
    return (1 - z) * n + z * h


def gru_sequence(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    h = h0.squeeze(0)
    outputs = []
    for t in range(x.shape[0]):
        h = gru_step(x[t], h, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs, dim=0), h[None]
