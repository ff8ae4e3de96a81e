"""Returns (n_in, n_out), one basis vector per column, as torchaudio's create_dct lays it out."""
import math

import torch


def dct_matrix(n_out, n_in):
    if not 1 <= n_out <= n_in:
        raise ValueError("need 1 <= n_out <= n_in")
    n = torch.arange(n_in, dtype=torch.float64)[:, None]
    k = torch.arange(n_out, dtype=torch.float64)[None, :]
    basis = torch.cos(math.pi / n_in * (n + 0.5) * k) * math.sqrt(2 / n_in)
    basis[:, 0] /= math.sqrt(2)
    return basis.float()
