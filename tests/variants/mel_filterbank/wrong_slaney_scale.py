"""Uses the Slaney mel scale (librosa's default: linear below 1 kHz, logarithmic above) instead of HTK's."""
import math

import torch


def _to_mel(f):
    return f / (200.0 / 3) if f < 1000.0 else 15.0 + math.log(f / 1000.0) / (math.log(6.4) / 27.0)


def _to_hz(m):
    return torch.where(m < 15.0, m * (200.0 / 3), 1000.0 * torch.exp((m - 15.0) * (math.log(6.4) / 27.0)))


def mel_filterbank(n_freqs, n_mels, sample_rate, f_min=0.0, f_max=None):
    f_max = float(sample_rate // 2) if f_max is None else f_max
    if f_min >= f_max:
        raise ValueError("f_min >= f_max")
    freqs = torch.linspace(0, sample_rate // 2, n_freqs)[:, None]
    hz = _to_hz(torch.linspace(_to_mel(f_min), _to_mel(f_max), n_mels + 2))
    up = (freqs - hz[:-2]) / (hz[1:-1] - hz[:-2])
    down = (hz[2:] - freqs) / (hz[2:] - hz[1:-1])
    return torch.clamp(torch.minimum(up, down), min=0)
