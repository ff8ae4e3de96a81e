"""The PyTorch tutorial's float32 version (div_term = exp(2i * -ln(10000) / d)), padded to an even width."""
import math

import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    width = d_model + d_model % 2  # an odd width: compute one cosine column too many, then drop it
    position = torch.arange(seq_len, dtype=torch.float32).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, width, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(seq_len, width)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe[:, :d_model]
