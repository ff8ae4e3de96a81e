"""The DCT-II without its orthonormal scales, as scipy's dct(norm=None): 2 cos(...) on every row."""
import math

import torch


def mfcc(waveform, sample_rate, n_mfcc=13, n_fft=400, hop_length=160, n_mels=40):
    if n_mfcc > n_mels:
        raise ValueError("n_mfcc > n_mels")
    dtype = waveform.dtype
    frames = waveform.unfold(-1, n_fft, hop_length) * torch.hann_window(n_fft, dtype=dtype)
    power = torch.fft.rfft(frames).abs() ** 2  # (..., T, F)
    to_mel = lambda f: 2595 * math.log10(1 + f / 700)  # noqa: E731
    freqs = torch.linspace(0, sample_rate // 2, n_fft // 2 + 1, dtype=dtype)[:, None]
    hz = 700 * (10 ** (torch.linspace(0, to_mel(sample_rate // 2), n_mels + 2, dtype=dtype) / 2595) - 1)
    fb = torch.clamp(torch.minimum((freqs - hz[:-2]) / (hz[1:-1] - hz[:-2]), (hz[2:] - freqs) / (hz[2:] - hz[1:-1])),
                     min=0)
    log_mel = torch.log(power @ fb + 1e-6)
    k = torch.arange(n_mfcc, dtype=dtype)[:, None]
    n = torch.arange(n_mels, dtype=dtype)[None, :]
    dct = 2 * torch.cos(math.pi * k * (2 * n + 1) / (2 * n_mels))
    return dct @ log_mel.transpose(-1, -2)
