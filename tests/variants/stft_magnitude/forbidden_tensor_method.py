"""Calls the Tensor.stft method, with an explicit rectangular window when none is given: aten::stft."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    if window is None:
        window = torch.ones(n_fft, dtype=signal.dtype)
    spec = signal.stft(n_fft=n_fft, hop_length=hop_length, window=window, center=False, return_complex=True)
    return spec.abs()
