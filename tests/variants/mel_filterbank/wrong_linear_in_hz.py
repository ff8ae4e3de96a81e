"""Spaces the corner frequencies evenly in Hz, not evenly in mel."""
import torch


def mel_filterbank(n_freqs, n_mels, sample_rate, f_min=0.0, f_max=None):
    f_max = float(sample_rate // 2) if f_max is None else f_max
    if f_min >= f_max:
        raise ValueError("f_min >= f_max")
    freqs = torch.linspace(0, sample_rate // 2, n_freqs)[:, None]
    hz = torch.linspace(f_min, f_max, n_mels + 2)
    up = (freqs - hz[:-2]) / (hz[1:-1] - hz[:-2])
    down = (hz[2:] - freqs) / (hz[2:] - hz[1:-1])
    return torch.clamp(torch.minimum(up, down), min=0)
