"""Multiplies h by weight_hh untransposed: the shape fits because W_hh is square, the values do not."""
import torch
import torch.nn.functional as F


def rnn_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    pre = F.linear(x, weight_ih, bias_ih) + h @ weight_hh
    if bias_hh is not None:
        pre = pre + bias_hh
    return torch.tanh(pre)
