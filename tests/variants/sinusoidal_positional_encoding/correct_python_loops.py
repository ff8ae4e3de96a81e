"""The paper's formula entry by entry with math.sin / math.cos (fine here: the exercise has no timing)."""
import math

import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    table = []
    for pos in range(seq_len):
        row = []
        for j in range(d_model):
            angle = pos / 10000 ** (2 * (j // 2) / d_model)
            row.append(math.sin(angle) if j % 2 == 0 else math.cos(angle))
        table.append(row)
    return torch.tensor(table, dtype=torch.float32).reshape(seq_len, d_model)
