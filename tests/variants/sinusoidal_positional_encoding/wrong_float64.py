"""Right values, but returns the float64 table it computed instead of float32."""
import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    j = torch.arange(d_model)
    angles = torch.arange(seq_len, dtype=torch.float64)[:, None] / 10000 ** ((2 * (j // 2)).double() / d_model)
    return torch.where(j % 2 == 0, angles.sin(), angles.cos())
