"""The hand-written references of ``autograder.specs.audio``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import math

import torch


def hz_to_mel(freq: float) -> float:
    """HTK's mel scale, in Python floats as torchaudio computes the two ends."""
    return 2595.0 * math.log10(1.0 + freq / 700.0)


# --- classic mistakes of mel_filterbank (float32, as a student's torch code computes them) ---------------


def _triangles(bins: torch.Tensor, corners: torch.Tensor) -> torch.Tensor:
    """(n_freqs, n_mels) triangles over the bin frequencies ``bins``, filter m rising from corners[m] to a
    peak of 1 at corners[m + 1] and falling to 0 at corners[m + 2]."""
    rising = (bins[:, None] - corners[:-2]) / (corners[1:-1] - corners[:-2])
    falling = (corners[2:] - bins[:, None]) / (corners[2:] - corners[1:-1])
    return torch.minimum(rising, falling).clamp(min=0)


def _checked_f_max(f_min: float, f_max: float) -> float:
    if f_min >= f_max:
        raise ValueError(f"f_min ({f_min}) must be below f_max ({f_max})")
    return f_max


def _slaney_mel(freq: float) -> float:
    """librosa's default (Slaney) scale: linear, 200 / 3 Hz a mel, below 1 kHz; logarithmic above."""
    return freq * 3.0 / 200.0 if freq < 1000.0 else 15.0 + math.log(freq / 1000.0) * 27.0 / math.log(6.4)


def _slaney_hz(mels: torch.Tensor) -> torch.Tensor:
    return torch.where(mels < 15.0, mels * (200.0 / 3.0), 1000.0 * torch.exp((mels - 15.0) * math.log(6.4) / 27.0))


def mel_filterbank_slaney_scale(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                                f_max: float | None = None) -> torch.Tensor:
    """The corners spaced evenly on the Slaney mel scale instead of HTK's."""
    top = _checked_f_max(f_min, float(sample_rate // 2) if f_max is None else f_max)
    corners = _slaney_hz(torch.linspace(_slaney_mel(f_min), _slaney_mel(top), n_mels + 2))
    return _triangles(torch.linspace(0, sample_rate // 2, n_freqs), corners)


def mel_filterbank_linear_in_hz(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                                f_max: float | None = None) -> torch.Tensor:
    """The corners spaced evenly in Hz: no mel scale at all."""
    top = _checked_f_max(f_min, float(sample_rate // 2) if f_max is None else f_max)
    return _triangles(torch.linspace(0, sample_rate // 2, n_freqs), torch.linspace(f_min, top, n_mels + 2))


def mel_filterbank_f_max_sample_rate(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                                     f_max: float | None = None) -> torch.Tensor:
    """f_max defaults to the sample rate instead of the Nyquist frequency."""
    return mel_filterbank_reference(n_freqs, n_mels, sample_rate, f_min, float(sample_rate) if f_max is None else f_max)


def mel_filterbank_nyquist_float(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                                 f_max: float | None = None) -> torch.Tensor:
    """The top bin and the default f_max at sample_rate / 2 rather than torchaudio's sample_rate // 2."""
    top = _checked_f_max(f_min, sample_rate / 2 if f_max is None else f_max)
    corners = 700.0 * (10.0 ** (torch.linspace(hz_to_mel(f_min), hz_to_mel(top), n_mels + 2) / 2595.0) - 1.0)
    return _triangles(torch.linspace(0, sample_rate / 2, n_freqs), corners)


def mel_filterbank_peak_normalised(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                                   f_max: float | None = None) -> torch.Tensor:
    """Each filter divided by its largest weight (an empty filter left at zero)."""
    bank = mel_filterbank_reference(n_freqs, n_mels, sample_rate, f_min, f_max)
    peak = bank.amax(dim=0, keepdim=True)
    return torch.where(peak > 0, bank / peak.clamp(min=1e-12), bank)


def mel_filterbank_transposed(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                              f_max: float | None = None) -> torch.Tensor:
    """(n_mels, n_freqs), librosa's layout."""
    return mel_filterbank_reference(n_freqs, n_mels, sample_rate, f_min, f_max).T.contiguous()


def mel_filterbank_reference(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                             f_max: float | None = None) -> torch.Tensor:
    """torchaudio's ``melscale_fbanks(n_freqs, f_min, f_max, n_mels, sample_rate, None, "htk")``, float32.

    As torchaudio's ``MelScale``, ``f_max=None`` means ``sample_rate // 2`` and ``f_min > f_max`` is a
    ``ValueError``; ``f_min == f_max`` is one too here (torchaudio divides 0 by 0 and returns NaN filters).
    """
    return mel_filterbank_in(torch.float32, n_freqs, n_mels, sample_rate, f_min, f_max)


def mel_filterbank_in(dtype: torch.dtype, n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                      f_max: float | None = None) -> torch.Tensor:
    """torchaudio's computation line for line, in ``dtype`` (torchaudio uses the default dtype, float32);
    the tests run it in float64 to compare it with librosa exactly."""
    if f_max is None:
        f_max = float(sample_rate // 2)
    if f_min >= f_max:
        raise ValueError(f"f_min ({f_min}) must be below f_max ({f_max})")
    # the FFT bins: integer division, as torchaudio (an odd sample rate's top bin is below the Nyquist)
    all_freqs = torch.linspace(0, sample_rate // 2, n_freqs, dtype=dtype)
    m_pts = torch.linspace(hz_to_mel(f_min), hz_to_mel(f_max), n_mels + 2, dtype=dtype)
    f_pts = 700.0 * (10.0 ** (m_pts / 2595.0) - 1.0)
    # torchaudio's _create_triangular_filterbank
    f_diff = f_pts[1:] - f_pts[:-1]
    slopes = f_pts.unsqueeze(0) - all_freqs.unsqueeze(1)
    down_slopes = (-1.0 * slopes[:, :-2]) / f_diff[:-1]
    up_slopes = slopes[:, 2:] / f_diff[1:]
    return torch.maximum(torch.zeros(1, dtype=dtype), torch.minimum(down_slopes, up_slopes))


def dct_matrix_reference(n_out: int, n_in: int) -> torch.Tensor:
    """The orthonormal DCT-II basis, rows 0 .. n_out - 1, computed in float64 and rounded to float32.

    torchaudio's ``create_dct(n_in, n_out, "ortho")`` returns the transpose of the same matrix, computed in
    float32; ``scipy.fft.dct(x, type=2, norm="ortho")`` is ``dct_matrix(n, n) @ x``
    (``tests/specs/test_reference_audio.py``).
    """
    return dct_in(torch.float64, n_out, n_in).to(torch.float32)


def dct_in(dtype: torch.dtype, n_out: int, n_in: int) -> torch.Tensor:
    """``D[k, n] = s_k cos(pi k (2 n + 1) / (2 n_in))``, ``s_0 = sqrt(1 / n_in)``, ``s_k = sqrt(2 / n_in)``."""
    if not 1 <= n_out <= n_in:
        raise ValueError(f"a DCT-II basis of {n_in} points has 1 to {n_in} rows, not {n_out}")
    k = torch.arange(n_out, dtype=dtype).unsqueeze(1)
    n = torch.arange(n_in, dtype=dtype).unsqueeze(0)
    basis = torch.cos(math.pi * k * (2 * n + 1) / (2 * n_in))
    scale = torch.full((n_out, 1), math.sqrt(2.0 / n_in), dtype=dtype)
    scale[0] = math.sqrt(1.0 / n_in)
    return basis * scale


LOG_OFFSET = 1e-6


def mfcc_reference(waveform: torch.Tensor, sample_rate: int, n_mfcc: int = 13, n_fft: int = 400,
                   hop_length: int = 160, n_mels: int = 40) -> torch.Tensor:
    """torchaudio's ``MFCC(sample_rate, n_mfcc, dct_type=2, norm="ortho", log_mels=True, melkwargs=dict(
    n_fft=n_fft, hop_length=hop_length, n_mels=n_mels, center=False, power=2.0, mel_scale="htk", norm=None))``
    written out in PyTorch, computed in float64 and returned in the waveform's dtype.

    ``(L,)`` gives ``(n_mfcc, T)``, ``(B, L)`` gives ``(B, n_mfcc, T)``, T = 1 + (L - n_fft) // hop_length.
    """
    if n_mfcc > n_mels:
        raise ValueError(f"n_mfcc ({n_mfcc}) cannot exceed n_mels ({n_mels})")
    signal = waveform.to(torch.float64)
    window = torch.hann_window(n_fft, dtype=torch.float64, device=signal.device)
    # (..., n_fft // 2 + 1, T); RuntimeError for a signal shorter than n_fft, as stft_magnitude
    power = torch.stft(signal, n_fft, hop_length, window=window, center=False, return_complex=True).abs() ** 2
    filters = mel_filterbank_in(torch.float64, n_fft // 2 + 1, n_mels, sample_rate).to(signal.device)
    log_mel = torch.log(power.transpose(-1, -2) @ filters + LOG_OFFSET)  # (..., T, n_mels)
    basis = dct_in(torch.float64, n_mfcc, n_mels).to(signal.device)
    return (log_mel @ basis.T).transpose(-1, -2).to(waveform.dtype)


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of dct_matrix and mfcc


def dct_matrix_row0_not_scaled(n_out: int, n_in: int) -> torch.Tensor:
    """Every row scaled by sqrt(2 / n_in), row 0 included: row 0 is sqrt(2) too large."""
    basis = dct_in(torch.float64, n_out, n_in)
    basis[0] *= math.sqrt(2.0)
    return basis.to(torch.float32)


def dct_matrix_transposed(n_out: int, n_in: int) -> torch.Tensor:
    """``(n_in, n_out)``, one basis vector per column, as torchaudio's ``create_dct`` lays it out."""
    return dct_matrix_reference(n_out, n_in).T.contiguous()


def _mfcc_made(waveform: torch.Tensor, sample_rate: int, n_mfcc: int, n_fft: int, hop_length: int, n_mels: int,
               windowed: bool = True, power: float = 2.0, orthonormal: bool = True) -> torch.Tensor:
    """The reference's steps, one of them made wrong: no window (a rectangular one), the mel energies of
    ``|X| ** power``, or the DCT-II without its orthonormal scales (``2 cos(...)`` on every row, scipy's
    ``norm=None``)."""
    if n_mfcc > n_mels:
        raise ValueError(f"n_mfcc ({n_mfcc}) cannot exceed n_mels ({n_mels})")
    signal = waveform.to(torch.float64)
    make_window = torch.hann_window if windowed else torch.ones
    window = make_window(n_fft, dtype=torch.float64, device=signal.device)
    spectrum = torch.stft(signal, n_fft, hop_length, window=window, center=False, return_complex=True).abs() ** power
    filters = mel_filterbank_in(torch.float64, n_fft // 2 + 1, n_mels, sample_rate).to(signal.device)
    log_mel = torch.log(spectrum.transpose(-1, -2) @ filters + LOG_OFFSET)  # (..., T, n_mels)
    if orthonormal:
        basis = dct_in(torch.float64, n_mfcc, n_mels)
    else:
        k = torch.arange(n_mfcc, dtype=torch.float64).unsqueeze(1)
        n = torch.arange(n_mels, dtype=torch.float64).unsqueeze(0)
        basis = 2.0 * torch.cos(math.pi * k * (2 * n + 1) / (2 * n_mels))
    return (log_mel @ basis.to(signal.device).T).transpose(-1, -2).to(waveform.dtype)


def mfcc_dct_not_orthonormal(waveform: torch.Tensor, sample_rate: int, n_mfcc: int = 13, n_fft: int = 400,
                             hop_length: int = 160, n_mels: int = 40) -> torch.Tensor:
    """The DCT-II without its orthonormal scales: 2 cos(pi k (2 n + 1) / (2 n_mels)) on every row."""
    return _mfcc_made(waveform, sample_rate, n_mfcc, n_fft, hop_length, n_mels, orthonormal=False)


def mfcc_magnitude_not_power(waveform: torch.Tensor, sample_rate: int, n_mfcc: int = 13, n_fft: int = 400,
                             hop_length: int = 160, n_mels: int = 40) -> torch.Tensor:
    """The mel energies of the magnitude |X|, not of the power |X|^2 (torchaudio's ``power=1.0``)."""
    return _mfcc_made(waveform, sample_rate, n_mfcc, n_fft, hop_length, n_mels, power=1.0)


def mfcc_no_window(waveform: torch.Tensor, sample_rate: int, n_mfcc: int = 13, n_fft: int = 400,
                   hop_length: int = 160, n_mels: int = 40) -> torch.Tensor:
    """The frames cut with a rectangular window: the Hann window forgotten."""
    return _mfcc_made(waveform, sample_rate, n_mfcc, n_fft, hop_length, n_mels, windowed=False)
