"""Right, but every entry is a Python math.cos in a double loop over Python floats."""
import math

import torch


def dct_matrix(n_out, n_in):
    if n_out < 1 or n_out > n_in:
        raise ValueError("need 1 <= n_out <= n_in")
    rows = []
    for k in range(n_out):
        scale = math.sqrt((1 if k == 0 else 2) / n_in)
        row = []
        for n in range(n_in):
            row.append(scale * math.cos(math.pi * k * (2 * n + 1) / (2 * n_in)))
        rows.append(row)
    return torch.tensor(rows, dtype=torch.float32)
