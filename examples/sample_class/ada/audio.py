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


# dct_matrix/correct_numpy: Right: the cosine table in numpy (float64), normalised by dividing each row by its Euclidean norm.
import numpy as np
import torch


def dct_matrix(n_out, n_in):
    if not 0 < n_out <= n_in:
        raise ValueError("need 0 < n_out <= n_in")
    k = np.arange(n_out).reshape(-1, 1)
    n = np.arange(n_in).reshape(1, -1)
    table = np.cos(np.pi * k * (n + 0.5) / n_in)
    # every row of the DCT-II cosine table has norm sqrt(n_in) (row 0) or sqrt(n_in / 2) (the others)
    table /= np.linalg.norm(table, axis=1, keepdims=True)
    return torch.from_numpy(table.astype(np.float32))


# mfcc/correct_strided_einsum: Right, written from scratch: frames by as_strided, rfft, HTK filters and the DCT in float64, einsum.
import math

import torch


def _mfcc_filters(n_freqs, n_mels, sample_rate):
    to_mel = lambda f: 2595.0 * math.log10(1.0 + f / 700.0)  # noqa: E731
    top = sample_rate // 2
    bins = torch.linspace(0.0, top, n_freqs, dtype=torch.float64)
    mels = torch.linspace(to_mel(0.0), to_mel(top), n_mels + 2, dtype=torch.float64)
    hz = 700.0 * (torch.pow(10.0, mels / 2595.0) - 1.0)
    weights = torch.zeros(n_freqs, n_mels, dtype=torch.float64)
    for m in range(n_mels):
        lo, mid, hi = hz[m], hz[m + 1], hz[m + 2]
        rise = (bins - lo) / (mid - lo)
        fall = (hi - bins) / (hi - mid)
        weights[:, m] = torch.clamp(torch.minimum(rise, fall), min=0.0)
    return weights


def _mfcc_dct(n_out, n_in):
    k = torch.arange(n_out, dtype=torch.float64).unsqueeze(1)
    n = torch.arange(n_in, dtype=torch.float64).unsqueeze(0)
    d = torch.cos(math.pi * k * (2 * n + 1) / (2 * n_in)) * math.sqrt(2.0 / n_in)
    d[0] *= math.sqrt(0.5)
    return d


def mfcc(waveform, sample_rate, n_mfcc=13, n_fft=400, hop_length=160, n_mels=40):
    if n_mfcc > n_mels:
        raise ValueError("n_mfcc > n_mels")
    if waveform.shape[-1] < n_fft:
        raise RuntimeError("the waveform is shorter than n_fft")
    x = waveform.to(torch.float64).reshape(-1, waveform.shape[-1]).contiguous()
    n_frames = 1 + (x.shape[-1] - n_fft) // hop_length
    frames = x.as_strided((x.shape[0], n_frames, n_fft), (x.stride(0), hop_length, 1))
    window = 0.5 - 0.5 * torch.cos(2 * math.pi * torch.arange(n_fft, dtype=torch.float64) / n_fft)
    spectrum = torch.fft.rfft(frames * window)
    power = spectrum.real ** 2 + spectrum.imag ** 2  # (batch, T, freq)
    energies = torch.einsum("btf,fm->btm", power, _mfcc_filters(n_fft // 2 + 1, n_mels, sample_rate))
    coefficients = torch.einsum("btm,km->bkt", torch.log(energies + 1e-6), _mfcc_dct(n_mfcc, n_mels))
    return coefficients.reshape(waveform.shape[:-1] + coefficients.shape[1:]).to(waveform.dtype)
