"""ada's audio.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# stft_magnitude/correct_as_strided_fft: Frames with as_strided on a batch, the full complex FFT, keeping the first n_fft // 2 + 1 bins.
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    batch = signal.reshape(-1, signal.shape[-1]).contiguous()
    if batch.shape[-1] < n_fft:
        raise RuntimeError("need at least n_fft samples")
    n_frames = 1 + (batch.shape[-1] - n_fft) // hop_length
    frames = batch.as_strided((batch.shape[0], n_frames, n_fft), (batch.stride(0), hop_length, 1))
    if window is None:
        window = torch.ones(n_fft, dtype=signal.dtype)
    spectrum = torch.fft.fft(frames * window, dim=-1)[..., : n_fft // 2 + 1]
    magnitude = spectrum.abs().permute(0, 2, 1)
    return magnitude.reshape(signal.shape[:-1] + magnitude.shape[1:])


# mel_filterbank/correct_numpy_float64: numpy in float64 throughout (rfftfreq-like bins from linspace), rounded to float32 at the end.
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
