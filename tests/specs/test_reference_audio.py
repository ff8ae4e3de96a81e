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
"""

from __future__ import annotations

import math
import random
import warnings

import librosa
import numpy as np
import pytest
import torch

from autograder.keys.audio import hz_to_mel, mel_filterbank_in, mel_filterbank_reference
from autograder.specs import get
from autograder.specs.audio import stft_magnitude_reference

MEL = get("mel_filterbank")
STFT = get("stft_magnitude")


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
