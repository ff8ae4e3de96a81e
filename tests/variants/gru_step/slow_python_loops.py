"""Correct, but every gate of every output element is a pure-Python loop over Python floats."""
import math

import torch


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    unbatched = x.dim() == 1
    xs = [x.tolist()] if unbatched else x.tolist()
    hs = [h.tolist()] if unbatched else h.tolist()
    wi, wh = weight_ih.tolist(), weight_hh.tolist()
    size = len(wh[0])
    bi = [0.0] * (3 * size) if bias_ih is None else bias_ih.tolist()
    bh = [0.0] * (3 * size) if bias_hh is None else bias_hh.tolist()
    out = []
    for xrow, hrow in zip(xs, hs, strict=True):
        row = []
        for j in range(size):
            pre = []
            for g in range(3):
                k = g * size + j
                a = bi[k]
                for i, xv in enumerate(xrow):
                    a += wi[k][i] * xv
                b = bh[k]
                for i, hv in enumerate(hrow):
                    b += wh[k][i] * hv
                pre.append((a, b))
            r = 1.0 / (1.0 + math.exp(-(pre[0][0] + pre[0][1])))
            z = 1.0 / (1.0 + math.exp(-(pre[1][0] + pre[1][1])))
            n = math.tanh(pre[2][0] + r * pre[2][1])
            row.append((1.0 - z) * n + z * hrow[j])
        out.append(row)
    result = torch.tensor(out, dtype=h.dtype, device=h.device)
    return result[0] if unbatched else result
