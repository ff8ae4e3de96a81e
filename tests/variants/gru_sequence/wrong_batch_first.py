"""Reads x as batch first, (B, T, I): steps along dim 1 and stacks the states along dim 1."""
import torch
import torch.nn.functional as F


def gru_sequence(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    h = h0[0]
    states = []
    for t in range(x.shape[1]):
        x_r, x_z, x_n = F.linear(x[:, t], weight_ih, bias_ih).chunk(3, dim=-1)
        h_r, h_z, h_n = F.linear(h, weight_hh, bias_hh).chunk(3, dim=-1)
        r, z = torch.sigmoid(x_r + h_r), torch.sigmoid(x_z + h_z)
        h = (1 - z) * torch.tanh(x_n + r * h_n) + z * h
        states.append(h)
    return torch.stack(states, dim=1), h[None]
