"""Adds 1 to the forget gate's pre-activation, Keras's unit_forget_bias habit."""
import torch
import torch.nn.functional as F


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    i, f, g, o = (F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh)).chunk(4, dim=-1)
    c_new = torch.sigmoid(f + 1.0) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_new), c_new
