"""Uses the full complex FFT: n_fft frequency bins instead of the n_fft // 2 + 1 of a real signal."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    frames = signal.unfold(-1, n_fft, hop_length)
    if window is not None:
        frames = frames * window
    return torch.fft.fft(frames).abs().transpose(-1, -2)
