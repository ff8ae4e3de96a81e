"""Builds an nn.RNNCell, copies the weights in and runs it: aten::rnn_tanh_cell underneath."""
import torch
from torch import nn


def rnn_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    cell = nn.RNNCell(weight_ih.shape[1], weight_hh.shape[1], dtype=x.dtype, device=x.device)
    with torch.no_grad():
        cell.weight_ih.copy_(weight_ih)
        cell.weight_hh.copy_(weight_hh)
        cell.bias_ih.copy_(bias_ih if bias_ih is not None else torch.zeros_like(cell.bias_ih))
        cell.bias_hh.copy_(bias_hh if bias_hh is not None else torch.zeros_like(cell.bias_hh))
        return cell(x, h)
