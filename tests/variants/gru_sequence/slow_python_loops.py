"""Correct, but each step loops over the batch and the hidden units in Python, on Python floats."""
import math

import torch


def _sigmoid(v):
    return 1.0 / (1.0 + math.exp(-v))


def gru_sequence(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    wi, wh = weight_ih.tolist(), weight_hh.tolist()
    size = len(wh[0])
    bi = [0.0] * (3 * size) if bias_ih is None else bias_ih.tolist()
    bh = [0.0] * (3 * size) if bias_hh is None else bias_hh.tolist()
    hs = h0[0].tolist()
    outputs = []
    for xs in x.tolist():
        new_hs = []
        for xrow, hrow in zip(xs, hs, strict=True):
            row = []
            for j in range(size):
                pre = []
                for g in range(3):
                    k = g * size + j
                    a = bi[k] + sum(w * v for w, v in zip(wi[k], xrow, strict=True))
                    b = bh[k] + sum(w * v for w, v in zip(wh[k], hrow, strict=True))
                    pre.append((a, b))
                r, z = _sigmoid(pre[0][0] + pre[0][1]), _sigmoid(pre[1][0] + pre[1][1])
                n = math.tanh(pre[2][0] + r * pre[2][1])
                row.append((1.0 - z) * n + z * hrow[j])
            new_hs.append(row)
        hs = new_hs
        outputs.append(hs)
    output = torch.tensor(outputs, dtype=x.dtype, device=x.device)
    return output, output[-1:].clone()
