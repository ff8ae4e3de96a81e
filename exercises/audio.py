"""Audio features: spectrograms, mel filter banks and MFCCs.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""

import torch


def stft_magnitude(signal: torch.Tensor, n_fft: int, hop_length: int, window: torch.Tensor | None) -> torch.Tensor:
    r"""The magnitude of the short-time Fourier transform, as
    ``torch.stft(signal, n_fft, hop_length, window=window, center=False, return_complex=True).abs()``.

    1. Frames: frame t is ``signal[t * hop_length : t * hop_length + n_fft]`` for t = 0 .. T - 1, with
       T = 1 + (L - n_fft) // hop_length. No padding: samples after the last full frame are dropped.
    2. Window: multiply every frame element-wise by ``window`` (length ``n_fft``); ``None`` means a
       rectangular window (all ones).
    3. Real FFT of each windowed frame x_t:  X[k, t] = sum_n x_t[n] exp(-2πi k n / n_fft)  for
       k = 0 .. n_fft // 2 (the other bins are complex conjugates of these).
    4. The magnitude |X[k, t]|.

    Shapes: a signal ``(L,)`` gives ``(n_fft // 2 + 1, T)``, a batch ``(B, L)`` gives
    ``(B, n_fft // 2 + 1, T)``: frequency before time, as ``torch.stft``. The dtype is the signal's (float32
    gives float32, float64 gives float64). A signal shorter than ``n_fft`` has no frame: raise
    ``RuntimeError``, as ``torch.stft`` does (``Tensor.unfold`` raises one for you).

    Useful: ``Tensor.unfold``, ``torch.fft.rfft``. Not ``torch.stft``: that is the exercise. Values are
    compared with rtol 1e-5 and atol 2e-4, so a DFT written as a float32 matrix product is accepted too.

    Example: ``signal = [1., 2., 3., 4., 5., 6.]``, ``n_fft = 4``, ``hop_length = 2``, ``window = None``:
    frames [1, 2, 3, 4] and [3, 4, 5, 6]; rfft([1, 2, 3, 4]) = [10, -2 + 2i, -2], rfft([3, 4, 5, 6]) =
    [18, -2 + 2i, -2]; result ``[[10., 18.], [2.8284, 2.8284], [2., 2.]]`` (shape (3, 2)).
    """
    raise NotImplementedError("stft_magnitude: cut the signal into frames, window them, rfft, then abs")


def mel_filterbank(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                   f_max: float | None = None) -> torch.Tensor:
    r"""Triangular filters on the (HTK) mel scale, as torchaudio's
    ``melscale_fbanks(n_freqs, f_min, f_max, n_mels, sample_rate, norm=None, mel_scale="htk")``.

        mel(f) = 2595 log10(1 + f / 700)
        f(m)   = 700 (10^(m / 2595) - 1)        (its inverse)

    1. The FFT bins: ``n_freqs`` frequencies evenly spaced from 0 to ``sample_rate // 2`` Hz, both included
       (integer division, as torchaudio: ``torch.linspace(0, sample_rate // 2, n_freqs)``).
    2. ``f_max=None`` means ``sample_rate // 2``. The corners: n_mels + 2 points evenly spaced in mel from
       mel(f_min) to mel(f_max), converted back to Hz: p_0 < p_1 < ... < p_{n_mels + 1}.
    3. Filter m (m = 0 .. n_mels - 1) rises from 0 at p_m to 1 at p_{m+1} and falls back to 0 at p_{m+2}:

           weight[f, m] = max(0, min((f - p_m) / (p_{m+1} - p_m), (p_{m+2} - f) / (p_{m+2} - p_{m+1})))

       for a bin of frequency f. No normalisation: a filter reaches 1 only where a bin falls on its peak, and
       a filter narrower than the bin spacing can be all zero.

    Returns a float32 tensor of shape ``(n_freqs, n_mels)``: column m is filter m, so a spectrogram
    ``(..., n_freqs)`` times the filter bank gives ``(..., n_mels)`` mel energies (``librosa.filters.mel``
    returns the transpose, with its own bin frequencies). Raise ``ValueError`` if ``f_min >= f_max``.
    Values are compared with an absolute tolerance of 3e-4 (torchaudio computes in float32).

    Example: ``mel_filterbank(5, 1, 16000)``: bins [0, 2000, 4000, 6000, 8000] Hz; mel(8000) = 2840.02, so the
    corners are at 0, 1420.01 and 2840.02 mel, i.e. 0, 1767.79 and 8000 Hz. The filter rises until
    1767.79 Hz, then falls as (8000 - f) / (8000 - 1767.79): ``[[0.], [0.9627], [0.6418], [0.3209], [0.]]``.
    """
    raise NotImplementedError("mel_filterbank: bin frequencies, mel-spaced corners, then the triangles")


def dct_matrix(n_out: int, n_in: int) -> torch.Tensor:
    r"""The orthonormal DCT-II matrix: ``n_out`` rows of the cosine basis of ``n_in`` points.

        D[k, n] = s_k cos(pi k (2 n + 1) / (2 n_in))      k = 0 .. n_out - 1,  n = 0 .. n_in - 1
        s_0     = sqrt(1 / n_in)
        s_k     = sqrt(2 / n_in)                          for k >= 1

    Row k is basis vector k, so ``dct_matrix(n, n) @ x`` is the orthonormal DCT-II of x, what
    ``scipy.fft.dct(x, type=2, norm="ortho")`` computes. The scales s_k make the rows orthonormal:
    ``dct_matrix(n, n) @ dct_matrix(n, n).T`` is the identity (the plain formula without s_k is scipy's
    ``norm=None``, which doubles every row and does not shrink row 0). Row 0 is constant: it measures the mean.

    Returns a float32 tensor of shape ``(n_out, n_in)`` (torchaudio's ``create_dct(n_out, n_in, "ortho")``
    returns its transpose). Raise ``ValueError`` unless 1 <= n_out <= n_in: a basis of n_in points has n_in
    vectors. Values are compared with an absolute tolerance of 5e-5 (a float32 angle ``pi k (2n + 1) / (2 n_in)``
    loses a few digits for large k and n; computing the angle in float64 does not).

    Example: two points give the sum and the difference, scaled by 1 / sqrt(2):

    >>> dct_matrix(2, 2)
    tensor([[ 0.7071,  0.7071],
            [ 0.7071, -0.7071]])
    """
    raise NotImplementedError("dct_matrix: the cosine of pi k (2n + 1) / (2 n_in), each row scaled by s_k")


def mfcc(waveform: torch.Tensor, sample_rate: int, n_mfcc: int = 13, n_fft: int = 400, hop_length: int = 160,
         n_mels: int = 40) -> torch.Tensor:
    r"""Mel-frequency cepstral coefficients: the DCT of the log mel power spectrum of every frame.

    1. Power spectrum: the frames, window and real FFT of ``stft_magnitude`` with a periodic Hann window,
       ``torch.hann_window(n_fft)``, squared: P[f, t] = |X[f, t]|^2, f = 0 .. n_fft // 2, t = 0 .. T - 1,
       T = 1 + (L - n_fft) // hop_length (no centring, no padding; a signal shorter than ``n_fft`` raises
       ``RuntimeError``, as in ``stft_magnitude``).
    2. Mel energies: M[m, t] = sum over f of  fb[f, m] P[f, t], with
       ``fb = mel_filterbank(n_fft // 2 + 1, n_mels, sample_rate)`` (HTK mel scale, f_min = 0,
       f_max = sample_rate // 2, no normalisation).
    3. Log: natural log with an offset, so silence gives a finite value: log(M[m, t] + 1e-6).
    4. DCT: the first ``n_mfcc`` orthonormal DCT-II coefficients of each frame's n_mels log energies:
       C[k, t] = sum over m of  D[k, m] log(M[m, t] + 1e-6), with ``D = dct_matrix(n_mfcc, n_mels)``.

    This is torchaudio's ``MFCC(sample_rate, n_mfcc, dct_type=2, norm="ortho", log_mels=True,
    melkwargs=dict(n_fft=n_fft, hop_length=hop_length, n_mels=n_mels, center=False, power=2.0,
    mel_scale="htk", norm=None))`` (and librosa's ``feature.mfcc`` on that log mel spectrogram, with
    ``dct_type=2, norm="ortho"``). The three functions above are the building blocks: reuse them.

    Shapes: a waveform ``(L,)`` gives ``(n_mfcc, T)``, a batch ``(B, L)`` gives ``(B, n_mfcc, T)``:
    coefficients before time, as torchaudio. The dtype is the waveform's: compute in it (the mel filters
    and the DCT matrix above are float32; cast them for a float64 waveform). Raise ``ValueError`` if
    ``n_mfcc > n_mels``. Values are compared with rtol 1e-4 and atol 1e-3: a log magnifies the rounding of
    bands with little energy. torchaudio, librosa and scipy may not be imported here.

    Example: silence. Every mel energy is 0, every log energy ln(1e-6) = -13.8155; the DCT of a constant
    vector has only coefficient 0, sqrt(40) * -13.8155 = -87.3770 (one 400-sample frame, so T = 1):

    >>> mfcc(torch.zeros(400), 16000, n_mfcc=1)
    tensor([[-87.3770]])
    """
    raise NotImplementedError("mfcc: power spectrum, mel filters, log(. + 1e-6), then the first n_mfcc DCT rows")
