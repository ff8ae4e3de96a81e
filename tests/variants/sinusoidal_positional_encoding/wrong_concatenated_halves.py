"""Puts all the sines in the first half of the columns and all the cosines in the second (tensor2tensor's layout)."""
import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    even = torch.arange(0, d_model, 2, dtype=torch.float64)
    angles = torch.arange(seq_len, dtype=torch.float64)[:, None] / 10000 ** (even / d_model)
    pe = torch.cat([angles.sin(), angles.cos()], dim=1)
    return pe[:, :d_model].float()
