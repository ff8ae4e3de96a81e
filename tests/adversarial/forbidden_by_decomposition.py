"""Runs PyTorch's own Python decomposition of the GRU (ordinary operators only, so nothing fused is ever
dispatched), reaching the table without naming it where a screen could see."""
import torch

_table = vars(vars(torch)["_de" + "comp"])["decomposition" + "_table"]
_gru = _table[torch.ops.aten.gru.input]


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    batched = x.dim() == 2
    x3 = (x if batched else x[None])[None]
    h3 = (h if batched else h[None])[None]
    params = [weight_ih, weight_hh] + ([bias_ih, bias_hh] if bias_ih is not None else [])
    _, out = _gru(x3, h3, params, bias_ih is not None, 1, 0.0, False, False, False)
    return out[0] if batched else out[0, 0]
