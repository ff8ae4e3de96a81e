"""Audio features: the magnitude of a short-time Fourier transform, and a mel filter bank.

``stft_magnitude``'s reference is ``torch.stft`` itself. ``mel_filterbank``'s is torchaudio's
``melscale_fbanks(norm=None, mel_scale="htk")`` written out in PyTorch, line for line (torchaudio does not
install beside the PyTorch pinned here); ``tests/specs/test_reference_audio.py`` checks it against librosa's
``filters.mel(htk=True, norm=None)`` and against values derived by hand.
"""

from __future__ import annotations

import math
import random

import torch

from autograder.core.key import answer_key
from autograder.core.spec import DTYPES, Case, Exercise, Timing, randn, uniform

ORDER = 45


# ---------------------------------------------------------------------------------------------------------
# stft_magnitude


def stft_magnitude_reference(signal: torch.Tensor, n_fft: int, hop_length: int,
                             window: torch.Tensor | None) -> torch.Tensor:
    """``torch.stft(..., center=False, return_complex=True).abs()``.

    ``window=None`` is a rectangular window for torch.stft, which then warns about spectral leakage on every
    call; passing the ones it would use says the same without the warning.
    """
    if window is None:
        window = torch.ones(n_fft, dtype=signal.dtype, device=signal.device)
    return torch.stft(signal, n_fft, hop_length, window=window, center=False, return_complex=True).abs()


def _window(kind: str, n_fft: int, dtype: str, gen: torch.Generator) -> torch.Tensor | None:
    """hann and hamming as torch makes them (periodic); random: positive weights with no symmetry, so a
    window applied reversed, or replaced by a hann window of the student's own, shows."""
    if kind == "none":
        return None
    if kind == "random":
        return uniform((n_fft,), gen, 0.1, 1.0, dtype)
    make = {"hann": torch.hann_window, "hamming": torch.hamming_window}[kind]
    return make(n_fft, dtype=DTYPES[dtype])


def _stft_inputs(params, gen):
    """``B`` absent means one signal ``(L,)``; ``signal``: noise, or a sine wave whose frequency falls
    exactly on bin 5 (its spectrum peaks there)."""
    L, n_fft, dtype = params["L"], params["n_fft"], params["dtype"]
    lead = (params["B"],) if "B" in params else ()
    if params.get("signal") == "sine":
        t = torch.arange(L, dtype=torch.float64)
        signal = torch.sin(2 * math.pi * 5 * t / n_fft).expand(lead + (L,)).to(DTYPES[dtype]).contiguous()
    else:
        signal = randn(lead + (L,), gen, dtype)
    return dict(signal=signal, n_fft=n_fft, hop_length=params["hop_length"],
                window=_window(params["window"], n_fft, dtype, gen))


def _stft_case(L: int, n_fft: int, hop_length: int, B: int | None = None, window: str = "hann",
               dtype: str = "float32", signal: str = "noise") -> dict:
    params = dict(L=L, n_fft=n_fft, hop_length=hop_length, window=window, dtype=dtype, signal=signal)
    if B is not None:
        params["B"] = B
    return params


def _random_stft(rng: random.Random) -> dict:
    n_fft = rng.choice([4, 8, 15, 16, 32, rng.randint(2, 64)])
    hop = rng.choice([n_fft // 4 or 1, n_fft // 2 or 1, n_fft, rng.randint(1, 2 * n_fft)])
    return _stft_case(L=n_fft + rng.randint(0, 6 * n_fft), n_fft=n_fft, hop_length=hop,
                      B=rng.randint(1, 4) if rng.random() < 0.6 else None,
                      window=rng.choice(["hann", "hann", "hamming", "random", "none"]),
                      dtype=rng.choice(["float32", "float64"]))


# ---------------------------------------------------------------------------------------------------------
# mel_filterbank


def _mel_inputs(params, gen):
    """The parameters as given; ``f_min`` and ``f_max`` only when the case names them (so the defaults are
    tested)."""
    return {key: params[key] for key in ("n_freqs", "n_mels", "sample_rate", "f_min", "f_max") if key in params}


def _mel_case(n_freqs: int, n_mels: int, sample_rate: int, **limits: float) -> dict:
    return dict(n_freqs=n_freqs, n_mels=n_mels, sample_rate=sample_rate, **limits)


def _random_mel(rng: random.Random) -> dict:
    sample_rate = rng.choice([8000, 16000, 16000, 22050, 44100, 48000, 11025])
    params = _mel_case(n_freqs=rng.choice([rng.randint(2, 64), rng.randint(65, 600)]), n_mels=rng.randint(1, 64),
                       sample_rate=sample_rate)
    nyquist = sample_rate // 2
    if rng.random() < 0.5:
        params["f_min"] = round(rng.uniform(0.0, nyquist / 4), 1)
    if rng.random() < 0.5:
        params["f_max"] = round(rng.uniform(params.get("f_min", 0.0) + nyquist / 4, nyquist), 1)
    return params


EXERCISES = [
    Exercise(
        id="stft_magnitude",
        module="audio",
        summary="|torch.stft| without centring: frames, window, real FFT, (freq, frame) layout",
        reference_note="`torch.stft(center=False).abs()`",
        points=10,
        reference=stft_magnitude_reference,
        make_inputs=_stft_inputs,
        edge_cases=(
            Case("basic", _stft_case(L=64, n_fft=16, hop_length=4)),
            Case("batched", _stft_case(L=64, n_fft=16, hop_length=4, B=3)),
            Case("batch_of_one", _stft_case(L=50, n_fft=8, hop_length=3, B=1)),
            # 44 - 16 = 28 is not a multiple of 6: the samples after the last full frame are dropped
            Case("tail_dropped", _stft_case(L=44, n_fft=16, hop_length=6)),
            Case("hop_equals_n_fft", _stft_case(L=64, n_fft=8, hop_length=8)),
            Case("hop_above_n_fft", _stft_case(L=70, n_fft=8, hop_length=11, B=2)),
            Case("exactly_one_frame", _stft_case(L=16, n_fft=16, hop_length=4)),
            # n_fft // 2 + 1 = 8 bins, no Nyquist bin
            Case("odd_n_fft", _stft_case(L=60, n_fft=15, hop_length=5)),
            Case("hamming_window", _stft_case(L=64, n_fft=16, hop_length=4, window="hamming")),
            Case("random_window", _stft_case(L=64, n_fft=16, hop_length=4, B=2, window="random")),
            Case("no_window", _stft_case(L=64, n_fft=16, hop_length=4, window="none")),
            Case("sine_on_bin_5", _stft_case(L=128, n_fft=32, hop_length=8, signal="sine")),
            Case("float64", _stft_case(L=64, n_fft=16, hop_length=4, B=2, dtype="float64")),
            Case("float64_unbatched_random_window", _stft_case(L=90, n_fft=20, hop_length=7, window="random",
                                                               dtype="float64")),
            # torch.stft refuses a signal shorter than one frame (RuntimeError, as Tensor.unfold raises)
            Case("signal_shorter_than_n_fft", _stft_case(L=10, n_fft=16, hop_length=4)),
        ),
        random_case=_random_stft,
        n_random=15,
        shrink={"B": 1},
        # a DFT written as a float32 matrix product (a correct route the course teaches) differs from the
        # FFT by up to 3e-5 on unit-variance signals with n_fft up to 2048 (measured), beyond float32's
        # default atol of 1e-5; every wrong answer of tests/variants/ is off by 0.1 or more
        rtol=1e-5,
        atol=2e-4,
        timing=Timing(_stft_case(L=32000, n_fft=512, hop_length=128, B=4), budget=10.0),
        # the operator itself; torch.fft.rfft (aten::fft_rfft, aten::_fft_r2c) on frames is the exercise
        forbidden=("aten::stft",),
    ),
    Exercise(
        id="mel_filterbank",
        module="audio",
        summary="triangular HTK-mel filters over the FFT bins, as torchaudio's melscale_fbanks",
        reference_note="torchaudio's HTK filters in PyTorch, checked against librosa",
        points=5,
        reference=answer_key("audio", "mel_filterbank_reference"),
        make_inputs=_mel_inputs,
        edge_cases=(
            Case("worked_example", _mel_case(5, 1, 16000)),
            Case("basic", _mel_case(201, 40, 16000)),
            Case("librosa_sizes", _mel_case(1025, 128, 22050)),
            Case("telephone_band", _mel_case(129, 20, 8000, f_min=300.0, f_max=3400.0)),
            Case("f_min_only", _mel_case(257, 32, 16000, f_min=125.0)),
            Case("f_max_only", _mel_case(201, 40, 16000, f_max=6000.0)),
            # 11025 // 2 = 5512: the top bin is 5512 Hz, not the Nyquist frequency 5512.5 Hz; with f_max fixed
            # and narrow filters, bins placed up to 5512.5 Hz move the weights by ~5e-3
            Case("odd_sample_rate", _mel_case(257, 128, 11025, f_max=5000.0)),
            Case("odd_sample_rate_default_f_max", _mel_case(257, 40, 11025)),
            # more filters than bins can feed: some columns are all zero
            Case("empty_filters", _mel_case(17, 40, 16000)),
            Case("one_mel", _mel_case(65, 1, 16000)),
            Case("two_bins", _mel_case(2, 3, 8000)),
            Case("f_max_above_nyquist", _mel_case(129, 24, 16000, f_max=10000.0)),
            Case("f_min_above_f_max", _mel_case(129, 10, 16000, f_min=4000.0, f_max=3000.0)),
            Case("f_min_equals_f_max", _mel_case(129, 10, 16000, f_min=2000.0, f_max=2000.0)),
        ),
        random_case=_random_mel,
        n_random=12,
        shrink={"n_freqs": 2, "n_mels": 1},
        # torchaudio computes in float32; the same filters computed in float64 and then rounded differ from
        # it by up to 6e-5 on these cases (narrow filters magnify float32's error on their corner
        # frequencies; measured in tests/specs/test_reference_audio.py), while a wrong scale, bin layout or
        # normalisation is off by 1e-3 or (much) more
        rtol=0.0,
        atol=3e-4,
    ),
]
