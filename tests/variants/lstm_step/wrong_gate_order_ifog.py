"""Reads the stacked blocks in CS231n's order i, f, o, g instead of PyTorch's i, f, g, o."""
import torch
import torch.nn.functional as F


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    i, f, o, g = (F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh)).chunk(4, dim=-1)
    c_new = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_new), c_new
