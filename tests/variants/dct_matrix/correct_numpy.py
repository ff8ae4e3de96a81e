"""Right: the cosine table in numpy (float64), normalised by dividing each row by its Euclidean norm."""
import numpy as np
import torch


def dct_matrix(n_out, n_in):
    if not 0 < n_out <= n_in:
        raise ValueError("need 0 < n_out <= n_in")
    k = np.arange(n_out).reshape(-1, 1)
    n = np.arange(n_in).reshape(1, -1)
    table = np.cos(np.pi * k * (n + 0.5) / n_in)
    # every row of the DCT-II cosine table has norm sqrt(n_in) (row 0) or sqrt(n_in / 2) (the others)
    table /= np.linalg.norm(table, axis=1, keepdims=True)
    return torch.from_numpy(table.astype(np.float32))
