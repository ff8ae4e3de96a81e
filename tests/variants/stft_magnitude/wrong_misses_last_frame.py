"""Counts the frames as (L - n_fft) // hop_length, one short: range(0, L - n_fft, hop_length) stops early."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    starts = range(0, signal.shape[-1] - n_fft, hop_length)
    if window is None:
        window = torch.ones(n_fft, dtype=signal.dtype)
    frames = torch.stack([signal[..., s:s + n_fft] * window for s in starts], dim=-2)
    return torch.fft.rfft(frames).abs().transpose(-1, -2)
