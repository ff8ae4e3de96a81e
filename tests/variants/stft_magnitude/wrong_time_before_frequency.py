"""Returns the rfft of the frames as they come: (frames, frequencies) instead of (frequencies, frames)."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    frames = signal.unfold(-1, n_fft, hop_length)
    if window is not None:
        frames = frames * window
    return torch.fft.rfft(frames).abs()
