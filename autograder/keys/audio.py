"""The hand-written references of ``autograder.specs.audio``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import math

import torch


def hz_to_mel(freq: float) -> float:
    """HTK's mel scale, in Python floats as torchaudio computes the two ends."""
    return 2595.0 * math.log10(1.0 + freq / 700.0)


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
