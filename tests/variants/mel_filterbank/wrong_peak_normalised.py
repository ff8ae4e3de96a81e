"""Rescales every filter so that its largest weight is exactly 1 (and leaves empty filters at 0)."""
import math

import torch


def mel_filterbank(n_freqs, n_mels, sample_rate, f_min=0.0, f_max=None):
    f_max = float(sample_rate // 2) if f_max is None else f_max
    if f_min >= f_max:
        raise ValueError("f_min >= f_max")
    freqs = torch.linspace(0, sample_rate // 2, n_freqs)[:, None]
    mels = torch.linspace(2595 * math.log10(1 + f_min / 700), 2595 * math.log10(1 + f_max / 700), n_mels + 2)
    hz = 700 * (10 ** (mels / 2595) - 1)
    up = (freqs - hz[:-2]) / (hz[1:-1] - hz[:-2])
    down = (hz[2:] - freqs) / (hz[2:] - hz[1:-1])
    bank = torch.clamp(torch.minimum(up, down), min=0)
    peak = bank.amax(dim=0, keepdim=True)
    return torch.where(peak > 0, bank / peak.clamp(min=1e-12), bank)
