"""Numbers the positions 1 .. seq_len instead of 0 .. seq_len - 1."""
import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    j = torch.arange(d_model)
    position = torch.arange(1, seq_len + 1, dtype=torch.float64)[:, None]
    angles = position / 10000 ** ((2 * (j // 2)).double() / d_model)
    return torch.where(j % 2 == 0, angles.sin(), angles.cos()).float()
