"""Takes the exponent from each column's own index j, 10000^(j / d_model), so cosines use (2i + 1) / d_model."""
import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    j = torch.arange(d_model, dtype=torch.float64)
    angles = torch.arange(seq_len, dtype=torch.float64)[:, None] / 10000 ** (j / d_model)
    pe = torch.where(j.long() % 2 == 0, angles.sin(), angles.cos())
    return pe.float()
