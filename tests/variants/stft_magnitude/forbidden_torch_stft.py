"""Calls torch.stft itself: aten::stft."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    return torch.stft(signal, n_fft, hop_length, window=window, center=False, return_complex=True).abs()
