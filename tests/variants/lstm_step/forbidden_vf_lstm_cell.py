"""Calls the fused cell through torch._VF: aten::lstm_cell."""
import torch


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    if x.dim() == 1:
        h_new, c_new = torch._VF.lstm_cell(x[None], (h[None], c[None]), weight_ih, weight_hh, bias_ih, bias_hh)
        return h_new[0], c_new[0]
    return tuple(torch._VF.lstm_cell(x, (h, c), weight_ih, weight_hh, bias_ih, bias_hh))
