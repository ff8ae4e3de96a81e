"""Frames with as_strided on a batch, the full complex FFT, keeping the first n_fft // 2 + 1 bins."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    batch = signal.reshape(-1, signal.shape[-1]).contiguous()
    if batch.shape[-1] < n_fft:
        raise RuntimeError("need at least n_fft samples")
    n_frames = 1 + (batch.shape[-1] - n_fft) // hop_length
    frames = batch.as_strided((batch.shape[0], n_frames, n_fft), (batch.stride(0), hop_length, 1))
    if window is None:
        window = torch.ones(n_fft, dtype=signal.dtype)
    spectrum = torch.fft.fft(frames * window, dim=-1)[..., : n_fft // 2 + 1]
    magnitude = spectrum.abs().permute(0, 2, 1)
    return magnitude.reshape(signal.shape[:-1] + magnitude.shape[1:])
