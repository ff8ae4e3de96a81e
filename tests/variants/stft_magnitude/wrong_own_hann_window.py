"""Always applies a Hann window of its own instead of the window it is given."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    frames = signal.unfold(-1, n_fft, hop_length) * torch.hann_window(n_fft, dtype=signal.dtype)
    return torch.fft.rfft(frames).abs().transpose(-1, -2)
