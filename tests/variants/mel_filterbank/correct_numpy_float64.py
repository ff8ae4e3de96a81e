"""numpy in float64 throughout (rfftfreq-like bins from linspace), rounded to float32 at the end."""
import numpy as np
import torch


def mel_filterbank(n_freqs, n_mels, sample_rate, f_min=0.0, f_max=None):
    if f_max is None:
        f_max = sample_rate // 2
    if not f_min < f_max:
        raise ValueError("f_min must be below f_max")
    freqs = np.linspace(0.0, sample_rate // 2, n_freqs)
    mel_lo, mel_hi = 2595 * np.log10(1 + np.array([f_min, f_max]) / 700)
    corners = 700 * (10 ** (np.linspace(mel_lo, mel_hi, n_mels + 2) / 2595) - 1)
    bank = np.zeros((n_freqs, n_mels))
    for m in range(n_mels):
        lo, mid, hi = corners[m], corners[m + 1], corners[m + 2]
        bank[:, m] = np.clip(np.minimum((freqs - lo) / (mid - lo), (hi - freqs) / (hi - mid)), 0, None)
    return torch.from_numpy(bank).to(torch.float32)
