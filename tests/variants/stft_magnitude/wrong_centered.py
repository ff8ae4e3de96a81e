"""Pads n_fft // 2 samples on each side by reflection first, as torch.stft's default center=True does."""
import torch
import torch.nn.functional as F


def stft_magnitude(signal, n_fft, hop_length, window):
    padded = F.pad(signal.reshape(-1, 1, signal.shape[-1]), (n_fft // 2, n_fft // 2), mode="reflect")
    padded = padded.reshape(signal.shape[:-1] + (-1,))
    frames = padded.unfold(-1, n_fft, hop_length)
    if window is not None:
        frames = frames * window
    return torch.fft.rfft(frames).abs().transpose(-1, -2)
