"""Stacks (sin, cos) pairs on a new last axis, flattens them into interleaved columns and trims an odd width."""
import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    pairs = (d_model + 1) // 2
    freq = 1.0 / torch.pow(torch.tensor(10000.0, dtype=torch.float64),
                           torch.arange(pairs, dtype=torch.float64) * 2 / d_model)
    angles = torch.outer(torch.arange(seq_len, dtype=torch.float64), freq)
    pe = torch.stack([angles.sin(), angles.cos()], dim=-1).flatten(1)
    return pe[:, :d_model].float()
