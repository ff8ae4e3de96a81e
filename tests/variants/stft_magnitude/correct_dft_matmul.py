"""No FFT: index the frames, then multiply by cosine and sine DFT matrices (built in float64) and take
sqrt(re^2 + im^2)."""
import math

import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    length = signal.shape[-1]
    if length < n_fft:
        raise RuntimeError(f"signal of length {length} is shorter than n_fft={n_fft}")
    n_frames = 1 + (length - n_fft) // hop_length
    index = torch.arange(n_frames)[:, None] * hop_length + torch.arange(n_fft)[None, :]
    frames = signal[..., index]  # (..., T, n_fft)
    if window is not None:
        frames = frames * window
    k = torch.arange(n_fft // 2 + 1, dtype=torch.float64)[:, None]
    n = torch.arange(n_fft, dtype=torch.float64)[None, :]
    angle = 2 * math.pi * k * n / n_fft
    cos, sin = torch.cos(angle).to(signal.dtype), torch.sin(angle).to(signal.dtype)
    real = frames @ cos.T
    imag = frames @ sin.T
    return torch.sqrt(real ** 2 + imag ** 2).transpose(-1, -2)
