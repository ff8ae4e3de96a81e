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


def dct_matrix(n_out: int, n_in: int) -> torch.Tensor:
    """Angles from integers (exact), cosines in float64, rows scaled, rounded to float32 at the end."""
    if n_out < 1 or n_out > n_in:
        raise ValueError(f"dct_matrix needs 1 <= n_out <= n_in, got n_out={n_out}, n_in={n_in}")
    rows = torch.arange(n_out, dtype=torch.float64)[:, None]
    odd = torch.arange(1, 2 * n_in, 2, dtype=torch.float64)[None, :]  # 2n + 1
    weights = torch.cos(rows * odd * (math.pi / (2 * n_in))) * math.sqrt(2.0 / n_in)
    weights[0] = weights[0] / math.sqrt(2.0)
    return weights.float()


def mfcc(waveform: torch.Tensor, sample_rate: int, n_mfcc: int = 13, n_fft: int = 400, hop_length: int = 160,
         n_mels: int = 40) -> torch.Tensor:
    """The three functions above, chained: power spectrum, mel energies, log, DCT rows."""
    if n_mfcc > n_mels:
        raise ValueError(f"n_mfcc ({n_mfcc}) must not exceed n_mels ({n_mels})")
    dtype = waveform.dtype
    window = torch.hann_window(n_fft, dtype=dtype, device=waveform.device)
    power = stft_magnitude(waveform, n_fft, hop_length, window) ** 2  # (..., n_fft // 2 + 1, T)
    filters = mel_filterbank(n_fft // 2 + 1, n_mels, sample_rate).to(dtype=dtype, device=waveform.device)
    energies = filters.T @ power  # (..., n_mels, T)
    basis = dct_matrix(n_mfcc, n_mels).to(dtype=dtype, device=waveform.device)
    return basis @ torch.log(energies + 1e-6)
