"""Returns the power |X|^2 instead of the magnitude |X|."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    frames = signal.unfold(-1, n_fft, hop_length)
    if window is not None:
        frames = frames * window
    return (torch.fft.rfft(frames).abs() ** 2).transpose(-1, -2)
