"""Cosines in the even columns and sines in the odd ones."""
import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    j = torch.arange(d_model)
    angles = torch.arange(seq_len, dtype=torch.float64)[:, None] / 10000 ** ((2 * (j // 2)).double() / d_model)
    return torch.where(j % 2 == 0, angles.cos(), angles.sin()).float()
