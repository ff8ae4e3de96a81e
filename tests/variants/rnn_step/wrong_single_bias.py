"""Treats the course's single bias b_a as bias_ih and never adds bias_hh."""
import torch
import torch.nn.functional as F


def rnn_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return torch.tanh(F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh))
