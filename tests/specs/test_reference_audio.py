"""The audio references checked against librosa, an independent implementation, and values derived by hand.

mel_filterbank: torchaudio's ``melscale_fbanks(n_freqs, f_min, f_max, n_mels, sr, norm=None, mel_scale="htk")``
places its n_freqs bins at ``linspace(0, sr // 2, n_freqs)``, i.e. bin k at k * (sr // 2) / (n_freqs - 1) Hz.
librosa's ``filters.mel(sr=s, n_fft=n, ...)`` places its 1 + n // 2 bins at ``rfftfreq(n, 1 / s)``, i.e.
k * s / n Hz. With

    n = 2 (n_freqs - 1)      and      s = 2 (sr // 2)

both have n_freqs bins at the same frequencies k * (sr // 2) / (n_freqs - 1) (for an even sr, s = sr; for
an odd one, librosa is given the even rate whose half is torchaudio's top bin). The corners (n_mels + 2
points evenly spaced in HTK mel between f_min and f_max, passed explicitly since the two libraries
default f_max to sr // 2 and sr / 2) and the triangles max(0, min(rising, falling)) are the same formulas;
``norm=None`` leaves them unscaled. librosa returns ``(n_mels, n_freqs)``: the transpose.

torchaudio cannot be installed beside the PyTorch pinned here, so its source was read instead: the
reference repeats it line for line, float32 included (it uses the default dtype).

dct_matrix: ``scipy.fft.dct(x, type=2, norm="ortho")`` is linear, so its matrix is its value on the columns of
the identity; the exercise's first ``n_out`` rows are that matrix's first rows. mfcc: librosa's
``feature.mfcc(S=log_mel, dct_type=2, norm="ortho")`` on a log mel spectrogram built from ``librosa.stft``
(Hann window, ``center=False``), squared, with the mel filters above, and the same log(. + 1e-6); where
librosa's bins and torchaudio's coincide (an even n_fft and an even sample rate) librosa's own
``feature.melspectrogram`` builds it too.
"""

from __future__ import annotations

import math
import random
import warnings

import librosa
import numpy as np
import pytest
import scipy.fft
import torch

from autograder.keys.audio import (
    LOG_OFFSET,
    dct_in,
    dct_matrix_reference,
    hz_to_mel,
    mel_filterbank_in,
    mel_filterbank_reference,
    mfcc_reference,
)
from autograder.specs import get
from autograder.specs.audio import stft_magnitude_reference

MEL = get("mel_filterbank")
STFT = get("stft_magnitude")
DCT = get("dct_matrix")
MFCC = get("mfcc")


def librosa_filters(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                    f_max: float | None = None) -> np.ndarray:
    """librosa's HTK filters on torchaudio's bins, as ``(n_freqs, n_mels)`` float64 (see the module docstring)."""
    f_max = float(sample_rate // 2) if f_max is None else f_max
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Empty filters detected": the cases that have some mean it
        filters = librosa.filters.mel(sr=2 * (sample_rate // 2), n_fft=2 * (n_freqs - 1), n_mels=n_mels,
                                      fmin=f_min, fmax=f_max, htk=True, norm=None, dtype=np.float64)
    return filters.T


def _mel_params() -> list[dict]:
    """The spec's cases that return filters (edge cases, and random ones from several seeds)."""
    params = [dict(c.params) for c in MEL.edge_cases]
    params += [dict(c.params) for seed in range(6) for c in MEL.cases(seed) if c.name.startswith("random")]
    return [p for p in params if p.get("f_min", 0.0) < p.get("f_max", p["sample_rate"] // 2)]


@pytest.mark.parametrize("params", _mel_params(), ids=lambda p: "-".join(f"{k}={v}" for k, v in p.items()))
def test_mel_filterbank_matches_librosa(params):
    expected = librosa_filters(**params)
    # the same computation in float64: the same formulas up to the order of floating-point operations
    exact = mel_filterbank_in(torch.float64, **params)
    np.testing.assert_allclose(exact.numpy(), expected, rtol=0, atol=1e-10)
    # what is graded: float32 as torchaudio; it stays within the spec's tolerance of the float64 filters,
    # with a margin of at least 5x
    graded = mel_filterbank_reference(**params)
    assert graded.dtype == torch.float32 and graded.shape == (params["n_freqs"], params["n_mels"])
    assert float((graded.double() - exact).abs().max()) < MEL.atol / 5


def test_float32_rounding_is_what_the_tolerance_allows_for():
    """The largest float32-vs-float64 difference over many random cases: the reason atol is 3e-4, not 1e-5."""
    worst = 0.0
    for seed in range(40):
        for case in MEL.cases(seed):
            if case.name.startswith("random"):
                params = dict(case.params)
                diff = mel_filterbank_reference(**params).double() - mel_filterbank_in(torch.float64, **params)
                worst = max(worst, float(diff.abs().max()))
    assert 1e-5 < worst < MEL.atol / 5


def test_odd_sample_rate_bins_stop_at_sr_floor_div_2():
    """11025 Hz: torchaudio's top bin is 5512 Hz; librosa with sr=11025 puts its bins elsewhere."""
    ours = mel_filterbank_in(torch.float64, 257, 128, 11025, f_max=5000.0)
    np.testing.assert_allclose(ours.numpy(), librosa_filters(257, 128, 11025, f_max=5000.0), rtol=0, atol=1e-10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        naive = librosa.filters.mel(sr=11025, n_fft=512, n_mels=128, fmax=5000.0, htk=True, norm=None,
                                    dtype=np.float64).T
    # the named case is sharp: bins placed up to 5512.5 Hz move weights well beyond the tolerance
    assert np.abs(naive - ours.numpy()).max() > 10 * MEL.atol


def test_worked_example_by_hand():
    """mel_filterbank(5, 1, 16000): bins 0, 2000, ..., 8000 Hz; corners 0, f(mel(8000) / 2) and 8000 Hz."""
    mel_top = 2595 * math.log10(1 + 8000 / 700)
    peak = 700 * (10 ** (mel_top / 2 / 2595) - 1)
    assert round(mel_top, 2) == 2840.02 and round(peak, 2) == 1767.79
    expected = [0.0] + [(8000 - f) / (8000 - peak) for f in (2000, 4000, 6000)] + [0.0]
    got = mel_filterbank_reference(5, 1, 16000)
    assert got.shape == (5, 1)
    torch.testing.assert_close(got[:, 0].double(), torch.tensor(expected, dtype=torch.float64), rtol=0, atol=1e-6)
    assert [round(v, 4) for v in expected] == [0.0, 0.9627, 0.6418, 0.3209, 0.0]


def test_triangles_by_hand():
    """Every filter by the formula of the docstring, evaluated bin by bin in Python floats."""
    n_freqs, n_mels, sr, f_min, f_max = 33, 6, 16000, 150.0, 7000.0
    lo, hi = hz_to_mel(f_min), hz_to_mel(f_max)
    corners = [700 * (10 ** ((lo + (hi - lo) * j / (n_mels + 1)) / 2595) - 1) for j in range(n_mels + 2)]
    got = mel_filterbank_in(torch.float64, n_freqs, n_mels, sr, f_min, f_max)
    for k in range(n_freqs):
        f = k * (sr // 2) / (n_freqs - 1)
        for m in range(n_mels):
            left, centre, right = corners[m:m + 3]
            weight = max(0.0, min((f - left) / (centre - left), (right - f) / (right - centre)))
            assert got[k, m].item() == pytest.approx(weight, abs=1e-12)
    # each filter peaks at its centre corner, where the rising and falling edges meet at 1
    assert all(abs(hz_to_mel(c) - (lo + (hi - lo) * j / (n_mels + 1))) < 1e-9 for j, c in enumerate(corners))


def test_bins_outside_f_min_f_max_get_nothing():
    fb = mel_filterbank_reference(129, 20, 8000, f_min=300.0, f_max=3400.0)
    freqs = torch.linspace(0, 4000, 129)
    assert torch.all(fb[(freqs <= 300) | (freqs >= 3400)] == 0)
    assert torch.all(fb[(freqs > 400) & (freqs < 3300)].sum(dim=1) > 0)


def test_empty_filters_case_has_empty_filters():
    fb = mel_filterbank_reference(17, 40, 16000)
    assert (fb.amax(dim=0) == 0).any() and (fb.amax(dim=0) > 0).any()


def test_f_min_not_below_f_max_is_an_error():
    with pytest.raises(ValueError):
        mel_filterbank_reference(129, 10, 16000, f_min=4000.0, f_max=3000.0)
    with pytest.raises(ValueError):
        mel_filterbank_reference(129, 10, 16000, f_min=2000.0, f_max=2000.0)


# --- stft_magnitude ----------------------------------------------------------------------------------------


def numpy_stft_magnitude(signal: np.ndarray, n_fft: int, hop_length: int, window: np.ndarray | None) -> np.ndarray:
    """Frames by index arithmetic, numpy's rfft; (..., n_fft // 2 + 1, T) as torch.stft."""
    window = np.ones(n_fft) if window is None else window
    n_frames = 1 + (signal.shape[-1] - n_fft) // hop_length
    starts = np.arange(n_frames) * hop_length
    frames = signal[..., starts[:, None] + np.arange(n_fft)] * window
    return np.swapaxes(np.abs(np.fft.rfft(frames, axis=-1)), -1, -2)


@pytest.mark.parametrize("seed", range(3))
def test_stft_reference_matches_numpy_and_librosa(seed):
    for case in STFT.cases(seed):
        if seed and not case.name.startswith("random"):
            continue
        inputs = STFT.inputs(case.params, seed)
        signal, n_fft, hop, window = inputs["signal"], inputs["n_fft"], inputs["hop_length"], inputs["window"]
        if signal.shape[-1] < n_fft:
            with pytest.raises(RuntimeError):
                stft_magnitude_reference(**inputs)
            continue
        got = stft_magnitude_reference(**inputs)
        x = signal.double().numpy()
        w = None if window is None else window.double().numpy()
        expected = numpy_stft_magnitude(x, n_fft, hop, w)
        assert got.dtype == signal.dtype and tuple(got.shape) == expected.shape
        tol = 1e-4 if signal.dtype == torch.float32 else 1e-10
        np.testing.assert_allclose(got.double().numpy(), expected, rtol=tol, atol=tol * 10)
        spectrum = librosa.stft(x, n_fft=n_fft, hop_length=hop, window=np.ones(n_fft) if w is None else w,
                                center=False, dtype=np.complex128)
        np.testing.assert_allclose(np.abs(spectrum), expected, rtol=1e-9, atol=1e-9)


def test_stft_docstring_example():
    got = stft_magnitude_reference(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), 4, 2, None)
    expected = torch.tensor([[10.0, 18.0], [math.sqrt(8), math.sqrt(8)], [2.0, 2.0]])
    torch.testing.assert_close(got, expected)


def test_stft_sine_peaks_on_its_bin():
    inputs = STFT.inputs(next(c for c in STFT.edge_cases if c.name == "sine_on_bin_5").params, 0)
    got = stft_magnitude_reference(**inputs)
    assert torch.all(got.argmax(dim=0) == 5)


def test_stft_named_cases_are_what_they_say():
    cases = {c.name: c.params for c in STFT.edge_cases}
    tail = cases["tail_dropped"]
    assert (tail["L"] - tail["n_fft"]) % tail["hop_length"] != 0
    assert cases["exactly_one_frame"]["L"] == cases["exactly_one_frame"]["n_fft"]
    assert cases["odd_n_fft"]["n_fft"] % 2 == 1
    assert cases["hop_above_n_fft"]["hop_length"] > cases["hop_above_n_fft"]["n_fft"]
    assert cases["signal_shorter_than_n_fft"]["L"] < cases["signal_shorter_than_n_fft"]["n_fft"]
    window = STFT.inputs(cases["random_window"], 0)["window"]
    assert not torch.allclose(window, window.flip(0))


def test_random_stft_cases_vary():
    rng = random.Random(0)
    drawn = [STFT.random_case(rng) for _ in range(200)]
    assert {p["window"] for p in drawn} == {"hann", "hamming", "random", "none"}
    assert {p["dtype"] for p in drawn} == {"float32", "float64"}
    assert any("B" in p for p in drawn) and any("B" not in p for p in drawn)
    assert any(p["L"] == p["n_fft"] for p in drawn) and any(p["hop_length"] > p["n_fft"] for p in drawn)


def test_float32_dft_by_matrix_product_fits_the_tolerance():
    """A correct route other than the FFT: its float32 rounding (measured ~3e-5) stays 5x inside atol."""
    worst = 0.0
    for n_fft, length in [(512, 32000), (1024, 20000), (2048, 20000)]:
        signal = torch.randn(2, length, generator=torch.Generator().manual_seed(n_fft))
        window = torch.hann_window(n_fft)
        frames = signal.unfold(-1, n_fft, n_fft // 4) * window
        angle = 2 * math.pi * torch.outer(torch.arange(n_fft // 2 + 1.0, dtype=torch.float64),
                                          torch.arange(n_fft, dtype=torch.float64)) / n_fft
        real, imag = frames @ torch.cos(angle).float().T, frames @ torch.sin(angle).float().T
        dft = torch.sqrt(real ** 2 + imag ** 2).transpose(-1, -2)
        expected = stft_magnitude_reference(signal, n_fft, n_fft // 4, window)
        worst = max(worst, float((dft - expected).abs().max()))
    assert worst < STFT.atol / 5
    assert worst > 1e-5, "float32's default atol would refuse it"


# --- dct_matrix ----------------------------------------------------------------------------------------------


def _dct_params() -> list[dict]:
    params = [dict(c.params) for c in DCT.edge_cases]
    params += [dict(c.params) for seed in range(4) for c in DCT.cases(seed) if c.name.startswith("random")]
    return [p for p in params if 1 <= p["n_out"] <= p["n_in"]] + [dict(DCT.timing.params)]


@pytest.mark.parametrize("params", _dct_params(), ids=lambda p: f"{p['n_out']}x{p['n_in']}")
def test_dct_matrix_is_scipys_orthonormal_dct(params):
    n_out, n_in = params["n_out"], params["n_in"]
    # scipy's DCT of each column of the identity: column j of the matrix that maps x to dct(x)
    expected = scipy.fft.dct(np.eye(n_in), type=2, norm="ortho", axis=0)[:n_out]
    np.testing.assert_allclose(dct_in(torch.float64, n_out, n_in).numpy(), expected, rtol=0, atol=1e-12)
    graded = dct_matrix_reference(n_out, n_in)
    assert graded.dtype == torch.float32 and graded.shape == (n_out, n_in)
    np.testing.assert_allclose(graded.double().numpy(), expected, rtol=0, atol=1e-7)
    # applied to a vector, it is scipy's transform (its first n_out coefficients)
    x = np.random.default_rng(n_in).standard_normal(n_in)
    np.testing.assert_allclose(dct_in(torch.float64, n_out, n_in).numpy() @ x,
                               scipy.fft.dct(x, type=2, norm="ortho")[:n_out], rtol=0, atol=1e-10)


def test_dct_matrix_rows_are_orthonormal():
    for n in (1, 2, 7, 40, 128):
        basis = dct_in(torch.float64, n, n)
        torch.testing.assert_close(basis @ basis.T, torch.eye(n, dtype=torch.float64), rtol=0, atol=1e-12)
    # fewer rows: still orthonormal rows (a projection onto the first n_out basis vectors)
    basis = dct_in(torch.float64, 13, 40)
    torch.testing.assert_close(basis @ basis.T, torch.eye(13, dtype=torch.float64), rtol=0, atol=1e-12)


def test_dct_matrix_worked_example_and_row_0():
    torch.testing.assert_close(dct_matrix_reference(2, 2), torch.tensor([[1.0, 1.0], [1.0, -1.0]]) / math.sqrt(2))
    torch.testing.assert_close(dct_matrix_reference(1, 4), torch.full((1, 4), 0.5))
    torch.testing.assert_close(dct_matrix_reference(1, 1), torch.ones(1, 1))


def test_dct_matrix_needs_1_to_n_in_rows():
    for n_out, n_in in [(6, 5), (0, 4), (-1, 3)]:
        with pytest.raises(ValueError):
            dct_matrix_reference(n_out, n_in)


def test_float32_angles_are_what_the_dct_tolerance_allows_for():
    """torchaudio's create_dct computes in float32: the angle pi / n (n + 0.5) k loses digits for large k, n."""
    worst = 0.0
    for n_in in (40, 256, 512, 1024):
        k = torch.arange(n_in, dtype=torch.float32).unsqueeze(1)
        n = torch.arange(n_in, dtype=torch.float32)
        float32 = torch.cos(math.pi / n_in * (n + 0.5) * k) * math.sqrt(2.0 / n_in)
        float32[0] *= 1 / math.sqrt(2.0)
        worst = max(worst, float((float32.double() - dct_in(torch.float64, n_in, n_in)).abs().max()))
    assert 1e-5 < worst < DCT.atol / 3, worst


# --- mfcc ----------------------------------------------------------------------------------------------------


def _mfcc_options(inputs: dict) -> tuple[int, int, int, int]:
    return (inputs.get("n_mfcc", 13), inputs.get("n_fft", 400), inputs.get("hop_length", 160),
            inputs.get("n_mels", 40))


def librosa_mfcc(waveform: np.ndarray, sample_rate: int, n_mfcc: int, n_fft: int, hop_length: int,
                 n_mels: int) -> np.ndarray:
    """librosa's STFT (Hann, no centring), squared; the mel filters on torchaudio's bins; log(. + 1e-6);
    librosa's MFCC of that log mel spectrogram. ``(..., n_mfcc, T)``, float64."""
    power = np.abs(librosa.stft(waveform, n_fft=n_fft, hop_length=hop_length, window="hann", center=False,
                                dtype=np.complex128)) ** 2  # (..., F, T)
    log_mel = np.log(librosa_filters(n_fft // 2 + 1, n_mels, sample_rate).T @ power + LOG_OFFSET)
    return librosa.feature.mfcc(S=log_mel, n_mfcc=n_mfcc, dct_type=2, norm="ortho")


def _mfcc_cases() -> list:
    cases = list(MFCC.edge_cases) + [c for seed in range(3) for c in MFCC.cases(seed) if c.name.startswith("random")]
    return cases + [pytest.param("timing", id="timing")]


@pytest.mark.parametrize("case", _mfcc_cases(), ids=lambda c: getattr(c, "name", str(c)))
def test_mfcc_reference_matches_librosa_and_scipy(case):
    params = dict(MFCC.timing.params) if case == "timing" else dict(case.params)
    params["dtype"] = "float64"  # the reference computes in float64 whatever the waveform's dtype
    inputs = MFCC.inputs(params, 0)
    n_mfcc, n_fft, hop, n_mels = _mfcc_options(inputs)
    x, sr = inputs["waveform"].numpy(), inputs["sample_rate"]
    if x.shape[-1] < n_fft or n_mfcc > n_mels:
        with pytest.raises(RuntimeError if x.shape[-1] < n_fft else ValueError):
            mfcc_reference(**inputs)
        return
    got = mfcc_reference(**inputs)
    expected = librosa_mfcc(x, sr, n_mfcc, n_fft, hop, n_mels)
    assert got.dtype == torch.float64 and tuple(got.shape) == expected.shape
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-9, atol=1e-8)
    # the same coefficients from scipy's DCT of the log mel energies, the mel energies from numpy
    frames = np.lib.stride_tricks.sliding_window_view(x, n_fft, axis=-1)[..., ::hop, :]
    power = np.abs(np.fft.rfft(frames * np.hanning(n_fft + 1)[:-1], axis=-1)) ** 2  # (..., T, F); periodic Hann
    log_mel = np.log(power @ librosa_filters(n_fft // 2 + 1, n_mels, sr) + LOG_OFFSET)
    by_scipy = np.swapaxes(scipy.fft.dct(log_mel, type=2, norm="ortho", axis=-1)[..., :n_mfcc], -1, -2)
    np.testing.assert_allclose(got.numpy(), by_scipy, rtol=1e-9, atol=1e-8)
    if n_fft % 2 == 0 and sr % 2 == 0:
        # librosa's own mel spectrogram: its bins k * sr / n_fft are torchaudio's here
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Empty filters detected": the cases that have some mean it
            mel = librosa.feature.melspectrogram(y=x, sr=sr, n_fft=n_fft, hop_length=hop, window="hann", center=False,
                                                 power=2.0, n_mels=n_mels, htk=True, norm=None, fmin=0.0,
                                                 fmax=float(sr // 2), dtype=np.float64)
        own = librosa.feature.mfcc(S=np.log(mel + LOG_OFFSET), n_mfcc=n_mfcc, dct_type=2, norm="ortho")
        np.testing.assert_allclose(got.numpy(), own, rtol=1e-9, atol=1e-8)


def test_mfcc_float32_routes_fit_the_tolerance():
    """float32 all the way (torch.fft.rfft or a DFT as a float32 matrix product, float32 filters and DCT, as
    torchaudio computes): on every float32 case, within the spec's tolerance with a margin of 10x."""
    worst = 0.0
    for case in _mfcc_cases()[:-1]:
        params = dict(case.params)
        inputs = MFCC.inputs(params, 0)
        n_mfcc, n_fft, hop, n_mels = _mfcc_options(inputs)
        if params["dtype"] != "float32" or inputs["waveform"].shape[-1] < n_fft or n_mfcc > n_mels:
            continue
        exact = mfcc_reference(**{**inputs, "waveform": inputs["waveform"].double()})
        frames = inputs["waveform"].unfold(-1, n_fft, hop) * torch.hann_window(n_fft)
        angle = 2 * math.pi * torch.outer(torch.arange(n_fft // 2 + 1.0, dtype=torch.float64),
                                          torch.arange(n_fft, dtype=torch.float64)) / n_fft
        dft = (frames @ torch.cos(angle).float().T) ** 2 + (frames @ torch.sin(angle).float().T) ** 2
        for power in (torch.fft.rfft(frames).abs() ** 2, dft):
            log_mel = torch.log(power @ mel_filterbank_reference(n_fft // 2 + 1, n_mels, inputs["sample_rate"]) + 1e-6)
            got = (log_mel @ dct_in(torch.float32, n_mfcc, n_mels).T).transpose(-1, -2).double()
            excess = (got - exact).abs() - MFCC.rtol * exact.abs()
            worst = max(worst, float(excess.max()))
    assert worst < MFCC.atol / 10, worst


def test_mfcc_named_cases_are_what_they_say():
    cases = {c.name: c.params for c in MFCC.edge_cases}

    def energies(name: str) -> torch.Tensor:
        inputs = MFCC.inputs(cases[name], 0)
        n_mfcc, n_fft, hop, n_mels = _mfcc_options(inputs)
        x = inputs["waveform"].double()
        power = torch.stft(x, n_fft, hop, window=torch.hann_window(n_fft, dtype=torch.float64), center=False,
                           return_complex=True).abs() ** 2
        return power.transpose(-1, -2) @ mel_filterbank_in(torch.float64, n_fft // 2 + 1, n_mels,
                                                           inputs["sample_rate"])

    # some bands have no filter weight at all: log(1e-6) there, -inf without the offset
    assert (energies("empty_bands") == 0).any()
    quiet = energies("quiet")
    assert float(quiet.median()) < 1e-4 and (quiet > 0).all()
    # the offset moves the coefficients beyond the tolerance: log(M) or log(M + 1e-10) would fail
    assert float((torch.log(quiet + 1e-6) - torch.log(quiet)).abs().max()) > 100 * MFCC.atol
    assert (energies("silence") == 0).all()
    tail = cases["tail_dropped"]
    assert (tail["L"] - 400) % 160 != 0
    assert cases["exactly_one_frame"]["L"] == 400 and cases["signal_shorter_than_n_fft"]["L"] < 400
    assert cases["n_mfcc_above_n_mels"]["n_mfcc"] > cases["n_mfcc_above_n_mels"]["n_mels"]
    # the defaults are tested: the case passes no option
    assert not set(MFCC.inputs(cases["defaults"], 0)) - {"waveform", "sample_rate"}


def test_mfcc_docstring_example_silence():
    got = mfcc_reference(torch.zeros(400), 16000, n_mfcc=1)
    assert got.shape == (1, 1) and got.dtype == torch.float32
    assert got.item() == pytest.approx(math.sqrt(40) * math.log(1e-6), rel=1e-6)
    assert round(math.sqrt(40) * math.log(1e-6), 4) == -87.3770
    # silence has only coefficient 0
    torch.testing.assert_close(mfcc_reference(torch.zeros(2, 1000), 16000)[:, 1:], torch.zeros(2, 12, 4))
