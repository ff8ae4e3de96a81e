"""Assumes a batch: splits the gates along dim 1, which a 1-d input does not have."""
import torch
import torch.nn.functional as F


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    i, f, g, o = (F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh)).chunk(4, dim=1)
    c_new = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_new), c_new
