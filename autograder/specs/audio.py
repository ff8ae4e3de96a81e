"""Audio features: the magnitude of a short-time Fourier transform, a mel filter bank, the DCT, MFCCs.

``stft_magnitude``'s reference is ``torch.stft`` itself. ``mel_filterbank``'s is torchaudio's
``melscale_fbanks(norm=None, mel_scale="htk")`` written out in PyTorch, line for line (torchaudio does not
install beside the PyTorch pinned here); ``tests/specs/test_reference_audio.py`` checks it against librosa's
``filters.mel(htk=True, norm=None)`` and against values derived by hand. ``dct_matrix`` and ``mfcc`` have no
PyTorch operator either: their references are torchaudio's ``create_dct(norm="ortho")`` and ``MFCC`` written
out in PyTorch (float64 inside), checked in the same file against scipy's DCT and librosa's MFCC. Nothing of
PyTorch computes them, so nothing is forbidden: torchaudio, librosa and scipy, which do, may not be imported
by a submission at all (``autograder/sandbox/screen.py``).
"""

from __future__ import annotations

import math
import random

import torch

from autograder.core.key import answer_key
from autograder.core.spec import DTYPES, Case, Exercise, Mistake, Timing, randn, uniform

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


# classic mistakes: torch.stft called otherwise, or its answer reshaped (the exercise forbids torch.stft, so
# none of these is an answer)


def _stft_complex(signal: torch.Tensor, n_fft: int, hop_length: int, window: torch.Tensor | None,
                  **options) -> torch.Tensor:
    if window is None:
        window = torch.ones(n_fft, dtype=signal.dtype, device=signal.device)
    return torch.stft(signal, n_fft, hop_length, window=window, return_complex=True, **options)


def stft_magnitude_centered(signal: torch.Tensor, n_fft: int, hop_length: int,
                            window: torch.Tensor | None) -> torch.Tensor:
    """torch.stft's default center=True: n_fft // 2 samples of reflection padding on each side."""
    return _stft_complex(signal, n_fft, hop_length, window, center=True, pad_mode="reflect").abs()


def stft_magnitude_full_spectrum(signal: torch.Tensor, n_fft: int, hop_length: int,
                                 window: torch.Tensor | None) -> torch.Tensor:
    """All n_fft bins of the complex FFT, not the n_fft // 2 + 1 of a real signal."""
    return _stft_complex(signal, n_fft, hop_length, window, center=False, onesided=False).abs()


def stft_magnitude_misses_last_frame(signal: torch.Tensor, n_fft: int, hop_length: int,
                                     window: torch.Tensor | None) -> torch.Tensor:
    """Frames started at range(0, L - n_fft, hop_length): one short where hop_length divides L - n_fft (and
    none at all, a RuntimeError when stacked, for a signal of exactly one frame)."""
    kept = len(range(0, signal.shape[-1] - n_fft, hop_length))
    magnitude = stft_magnitude_reference(signal, n_fft, hop_length, window)
    if kept == 0:
        raise RuntimeError("no frame to stack")
    return magnitude[..., :kept]


def stft_magnitude_own_hann_window(signal: torch.Tensor, n_fft: int, hop_length: int,
                                   window: torch.Tensor | None) -> torch.Tensor:
    """A Hann window always, whatever ``window`` is given."""
    return stft_magnitude_reference(signal, n_fft, hop_length, torch.hann_window(n_fft, dtype=signal.dtype))


def stft_magnitude_power(signal: torch.Tensor, n_fft: int, hop_length: int,
                         window: torch.Tensor | None) -> torch.Tensor:
    """|X|^2 for |X|."""
    return stft_magnitude_reference(signal, n_fft, hop_length, window) ** 2


def stft_magnitude_frames_first(signal: torch.Tensor, n_fft: int, hop_length: int,
                                window: torch.Tensor | None) -> torch.Tensor:
    """(..., frames, frequencies): the rfft of the frames as they come."""
    return stft_magnitude_reference(signal, n_fft, hop_length, window).transpose(-1, -2)


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


# ---------------------------------------------------------------------------------------------------------
# dct_matrix


def _dct_inputs(params, gen):
    return dict(n_out=params["n_out"], n_in=params["n_in"])


def _random_dct(rng: random.Random) -> dict:
    n_in = rng.choice([rng.randint(1, 16), rng.randint(17, 256)])
    return dict(n_out=rng.choice([n_in, rng.randint(1, n_in)]), n_in=n_in)


# ---------------------------------------------------------------------------------------------------------
# mfcc

MFCC_OPTIONS = ("n_mfcc", "n_fft", "hop_length", "n_mels")


def _mfcc_inputs(params, gen):
    """``B`` absent means one waveform ``(L,)``; the options only when the case names them (so the defaults
    are tested). ``signal``: noise; quiet noise (mel energies near the 1e-6 offset); silence (zeros); tone
    (a 1 kHz sine plus noise at a tenth of its amplitude: every band has energy, so float32 rounding stays
    small); sine (a pure 1 kHz sine). A pure tone off an FFT bin is kept out of float32 cases: far from it
    the bands hold float32's rounding noise, which the log magnifies up to 2e-2."""
    L, dtype = params["L"], DTYPES[params["dtype"]]
    lead = (params["B"],) if "B" in params else ()
    kind = params.get("signal", "noise")
    noise = torch.randn(lead + (L,), generator=gen, dtype=torch.float64)
    t = torch.arange(L, dtype=torch.float64) / params["sample_rate"]
    sine = torch.sin(2 * math.pi * 1000.0 * t)
    waveform = {"noise": noise, "quiet": 1e-4 * noise, "silence": torch.zeros_like(noise),
                "tone": sine + 0.1 * noise, "sine": sine.expand(lead + (L,))}[kind]
    inputs = dict(waveform=waveform.to(dtype).contiguous(), sample_rate=params["sample_rate"])
    inputs.update({key: params[key] for key in MFCC_OPTIONS if key in params})
    return inputs


def _mfcc_case(L: int, sample_rate: int = 16000, B: int | None = None, dtype: str = "float32",
               signal: str = "noise", **options: int) -> dict:
    params = dict(L=L, sample_rate=sample_rate, dtype=dtype, signal=signal, **options)
    if B is not None:
        params["B"] = B
    return params


def _random_mfcc(rng: random.Random) -> dict:
    n_fft = rng.choice([128, 256, 400, 512, rng.randint(32, 512)])
    n_mels = rng.randint(8, 64)
    return _mfcc_case(L=n_fft + rng.randint(0, 8 * n_fft), sample_rate=rng.choice([8000, 16000, 16000, 22050, 44100]),
                      B=rng.randint(1, 3) if rng.random() < 0.6 else None, dtype=rng.choice(["float32", "float64"]),
                      signal=rng.choice(["noise", "noise", "tone", "quiet"]), n_fft=n_fft,
                      hop_length=rng.choice([n_fft // 4, n_fft // 2, rng.randint(1, 2 * n_fft)]) or 1,
                      n_mels=n_mels, n_mfcc=rng.randint(1, n_mels))


EXERCISES = [
    Exercise(
        id="stft_magnitude",
        module="audio",
        summary="|torch.stft| without centring: frames, window, real FFT, (freq, frame) layout",
        reference_note="`torch.stft(center=False).abs()`",
        points=10,
        reference=stft_magnitude_reference,
        mistakes=(
            Mistake("stft_centered", stft_magnitude_centered),
            Mistake("stft_full_spectrum", stft_magnitude_full_spectrum),
            Mistake("stft_misses_last_frame", stft_magnitude_misses_last_frame),
            Mistake("stft_ignores_window", stft_magnitude_own_hann_window),
            Mistake("power_not_magnitude", stft_magnitude_power),
            Mistake("stft_frames_before_frequencies", stft_magnitude_frames_first),
        ),
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
        mistakes=(
            Mistake("slaney_mel_scale", answer_key("audio", "mel_filterbank_slaney_scale")),
            Mistake("mel_corners_linear_in_hz", answer_key("audio", "mel_filterbank_linear_in_hz")),
            Mistake("mel_f_max_sample_rate", answer_key("audio", "mel_filterbank_f_max_sample_rate")),
            Mistake("mel_nyquist_not_integer", answer_key("audio", "mel_filterbank_nyquist_float")),
            Mistake("mel_filters_peak_normalised", answer_key("audio", "mel_filterbank_peak_normalised")),
            Mistake("mel_filterbank_transposed", answer_key("audio", "mel_filterbank_transposed")),
        ),
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


EXERCISES += [
    Exercise(
        id="dct_matrix",
        module="audio",
        summary="the orthonormal DCT-II basis as a matrix, row k = basis vector k",
        reference_note="torchaudio's `create_dct(norm=\"ortho\")` in PyTorch, checked against `scipy.fft.dct`",
        points=3,
        reference=answer_key("audio", "dct_matrix_reference"),
        make_inputs=_dct_inputs,
        edge_cases=(
            Case("worked_example", dict(n_out=2, n_in=2)),
            Case("square", dict(n_out=8, n_in=8)),
            # the MFCC sizes: fewer rows than points
            Case("mfcc_sizes", dict(n_out=13, n_in=40)),
            # a constant row 1 / sqrt(n_in): the scale of row 0
            Case("one_row", dict(n_out=1, n_in=5)),
            Case("one_point", dict(n_out=1, n_in=1)),
            Case("odd_size", dict(n_out=7, n_in=7)),
            # a transposed matrix has the wrong shape here
            Case("wide", dict(n_out=3, n_in=64)),
            # large k (2n + 1): an angle computed in float32 loses digits (within the tolerance)
            Case("large", dict(n_out=200, n_in=256)),
            Case("more_rows_than_points", dict(n_out=6, n_in=5)),
            Case("no_rows", dict(n_out=0, n_in=4)),
        ),
        random_case=_random_dct,
        n_random=5,
        shrink={"n_out": 1, "n_in": 1},
        # the float32 angle pi k (2n + 1) / (2 n_in), as torchaudio computes it, is off by up to 1.4e-5 at
        # n_in = 1024 (measured in tests/specs/test_reference_audio.py) where the values are ~0.04; a missing
        # scale, a wrong row 0 or a shifted angle is off by 1e-2 or more
        rtol=0.0,
        atol=5e-5,
        timing=Timing(dict(n_out=256, n_in=512), budget=5.0),
        mistakes=(
            Mistake("dct_row0_not_scaled", answer_key("audio", "dct_matrix_row0_not_scaled")),
            Mistake("dct_transposed", answer_key("audio", "dct_matrix_transposed")),
        ),
    ),
    Exercise(
        id="mfcc",
        module="audio",
        summary="MFCCs: Hann-windowed power spectrum, HTK mel filters, log(. + 1e-6), orthonormal DCT-II",
        reference_note="torchaudio's `MFCC(log_mels=True)` in PyTorch, checked against librosa",
        points=8,
        reference=answer_key("audio", "mfcc_reference"),
        make_inputs=_mfcc_inputs,
        edge_cases=(
            Case("defaults", _mfcc_case(L=2000)),
            Case("batched", _mfcc_case(L=2400, B=3)),
            Case("batch_of_one", _mfcc_case(L=1200, B=1)),
            # (2077 - 400) = 1677 is not a multiple of 160: the tail is dropped
            Case("tail_dropped", _mfcc_case(L=2077)),
            Case("exactly_one_frame", _mfcc_case(L=400)),
            Case("hop_above_n_fft", _mfcc_case(L=3000, B=2, n_fft=256, hop_length=300)),
            Case("all_coefficients", _mfcc_case(L=3000, n_fft=256, hop_length=128, n_mels=20, n_mfcc=20)),
            Case("one_coefficient", _mfcc_case(L=2000, B=2, n_mfcc=1)),
            Case("telephone", _mfcc_case(L=4000, sample_rate=8000, B=2, n_fft=256, hop_length=128, n_mels=26)),
            Case("librosa_sizes", _mfcc_case(L=3072, sample_rate=22050, n_fft=2048, hop_length=512, n_mels=128,
                                             n_mfcc=20)),
            # 11025 // 2 = 5512 Hz: the filters' top bin, as mel_filterbank places it
            Case("odd_sample_rate", _mfcc_case(L=3000, sample_rate=11025, n_fft=512, hop_length=256)),
            Case("odd_n_fft", _mfcc_case(L=2500, n_fft=255, hop_length=100, n_mels=30)),
            # every energy is 0: log(1e-6) everywhere, only coefficient 0 is nonzero
            Case("silence", _mfcc_case(L=1600, B=2, signal="silence")),
            # energies near the offset: log(M + 1e-6) differs from log(M) and from log(M + 1e-10)
            Case("quiet", _mfcc_case(L=2000, signal="quiet")),
            # more filters than 33 bins can feed: some bands are empty, log(1e-6) there
            Case("empty_bands", _mfcc_case(L=640, n_fft=64, hop_length=32, n_mels=40, n_mfcc=20)),
            Case("tone", _mfcc_case(L=3200, signal="tone")),
            Case("pure_sine_float64", _mfcc_case(L=3200, signal="sine", dtype="float64")),
            Case("float64", _mfcc_case(L=2400, B=2, dtype="float64")),
            Case("signal_shorter_than_n_fft", _mfcc_case(L=300)),
            Case("n_mfcc_above_n_mels", _mfcc_case(L=2000, n_mels=20, n_mfcc=21)),
        ),
        random_case=_random_mfcc,
        n_random=5,
        shrink={"B": 1},
        # float32 rounding of the power spectrum, magnified by the log in bands with little energy: up to
        # 4e-5 on these signals (measured in tests/specs/test_reference_audio.py); a magnitude instead of a
        # power, log10, a DCT without its orthonormal scales or a missing window is off by 0.1 or (much) more
        rtol=1e-4,
        atol=1e-3,
        timing=Timing(_mfcc_case(L=16000, B=2), budget=10.0),
        mistakes=(
            Mistake("dct_not_orthonormal", answer_key("audio", "mfcc_dct_not_orthonormal")),
            Mistake("magnitude_not_power", answer_key("audio", "mfcc_magnitude_not_power")),
            Mistake("frames_not_windowed", answer_key("audio", "mfcc_no_window")),
        ),
    ),
]
