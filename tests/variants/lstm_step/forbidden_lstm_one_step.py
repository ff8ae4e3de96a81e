"""Runs an nn.LSTM over a sequence of one step (aten::lstm, oneDNN's kernel on the CPU)."""
import torch
from torch import nn


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    lstm = nn.LSTM(weight_ih.shape[1], weight_hh.shape[1], dtype=x.dtype, device=x.device)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(weight_ih)
        lstm.weight_hh_l0.copy_(weight_hh)
        lstm.bias_ih_l0.copy_(bias_ih if bias_ih is not None else torch.zeros_like(lstm.bias_ih_l0))
        lstm.bias_hh_l0.copy_(bias_hh if bias_hh is not None else torch.zeros_like(lstm.bias_hh_l0))
        _, (h_n, c_n) = lstm(x[None], (h[None], c[None]))
    return h_n[0], c_n[0]
