"""Returns the filters as rows, (n_mels, n_freqs), as librosa.filters.mel lays them out."""
import math

import torch


def mel_filterbank(n_freqs, n_mels, sample_rate, f_min=0.0, f_max=None):
    f_max = float(sample_rate // 2) if f_max is None else f_max
    if f_min >= f_max:
        raise ValueError("f_min >= f_max")
    freqs = torch.linspace(0, sample_rate // 2, n_freqs)
    mels = torch.linspace(2595 * math.log10(1 + f_min / 700), 2595 * math.log10(1 + f_max / 700), n_mels + 2)
    hz = 700 * (10 ** (mels / 2595) - 1)
    up = (freqs[None, :] - hz[:-2, None]) / (hz[1:-1, None] - hz[:-2, None])
    down = (hz[2:, None] - freqs[None, :]) / (hz[2:, None] - hz[1:-1, None])
    return torch.clamp(torch.minimum(up, down), min=0)
