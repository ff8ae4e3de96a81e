"""torch in float64 with the triangles as 1 - |f - centre| / half-width on each side, cast to float32."""
import math

import torch


def mel_filterbank(n_freqs, n_mels, sample_rate, f_min=0.0, f_max=None):
    f_max = float(sample_rate // 2) if f_max is None else f_max
    if f_min >= f_max:
        raise ValueError("empty frequency range")
    freqs = torch.linspace(0, sample_rate // 2, n_freqs, dtype=torch.float64)[:, None]
    mel = torch.linspace(2595 * math.log10(1 + f_min / 700), 2595 * math.log10(1 + f_max / 700), n_mels + 2,
                         dtype=torch.float64)
    hz = 700 * (torch.pow(10.0, mel / 2595) - 1)
    left, centre, right = hz[:-2], hz[1:-1], hz[2:]
    below = 1 - (centre - freqs) / (centre - left)
    above = 1 - (freqs - centre) / (right - centre)
    weights = torch.where(freqs <= centre, below, above)
    return weights.clamp(min=0).float()
