"""Correct, but every output element is a pure-Python loop over Python floats."""
import math

import torch


def rnn_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    unbatched = x.dim() == 1
    xs = [x.tolist()] if unbatched else x.tolist()
    hs = [h.tolist()] if unbatched else h.tolist()
    wi, wh = weight_ih.tolist(), weight_hh.tolist()
    size = len(wh)
    bi = [0.0] * size if bias_ih is None else bias_ih.tolist()
    bh = [0.0] * size if bias_hh is None else bias_hh.tolist()
    out = []
    for xrow, hrow in zip(xs, hs, strict=True):
        row = []
        for j in range(size):
            a = bi[j] + bh[j]
            for i, xv in enumerate(xrow):
                a += wi[j][i] * xv
            for k, hv in enumerate(hrow):
                a += wh[j][k] * hv
            row.append(math.tanh(a))
        out.append(row)
    result = torch.tensor(out, dtype=h.dtype, device=h.device)
    return result[0] if unbatched else result
