"""Audio features: spectrograms and mel filter banks (solutions)."""

import math

import torch


def stft_magnitude(signal: torch.Tensor, n_fft: int, hop_length: int, window: torch.Tensor | None) -> torch.Tensor:
    """Frames by ``unfold`` (a view), windowed, ``rfft`` along the frame, frequency moved before time."""
    frames = signal.unfold(-1, n_fft, hop_length)  # (..., T, n_fft); RuntimeError when L < n_fft
    if window is not None:
        frames = frames * window
    return torch.fft.rfft(frames, dim=-1).abs().transpose(-1, -2)


def _hz_to_mel(freq: float) -> float:
    return 2595.0 * math.log10(1.0 + freq / 700.0)


def mel_filterbank(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                   f_max: float | None = None) -> torch.Tensor:
    """Rising and falling edges of every triangle at every bin, the smaller one, clipped at 0."""
    if f_max is None:
        f_max = float(sample_rate // 2)
    if f_min >= f_max:
        raise ValueError(f"f_min ({f_min}) must be below f_max ({f_max})")
    freqs = torch.linspace(0, sample_rate // 2, n_freqs, dtype=torch.float32).unsqueeze(1)  # (n_freqs, 1)
    mels = torch.linspace(_hz_to_mel(f_min), _hz_to_mel(f_max), n_mels + 2, dtype=torch.float32)
    corners = 700.0 * (10.0 ** (mels / 2595.0) - 1.0)
    left, centre, right = corners[:-2], corners[1:-1], corners[2:]
    rising = (freqs - left) / (centre - left)
    falling = (right - freqs) / (right - centre)
    return torch.minimum(rising, falling).clamp(min=0.0)
