"""Right, written from scratch: frames by as_strided, rfft, HTK filters and the DCT in float64, einsum."""
import math

import torch


def _mfcc_filters(n_freqs, n_mels, sample_rate):
    to_mel = lambda f: 2595.0 * math.log10(1.0 + f / 700.0)  # noqa: E731
    top = sample_rate // 2
    bins = torch.linspace(0.0, top, n_freqs, dtype=torch.float64)
    mels = torch.linspace(to_mel(0.0), to_mel(top), n_mels + 2, dtype=torch.float64)
    hz = 700.0 * (torch.pow(10.0, mels / 2595.0) - 1.0)
    weights = torch.zeros(n_freqs, n_mels, dtype=torch.float64)
    for m in range(n_mels):
        lo, mid, hi = hz[m], hz[m + 1], hz[m + 2]
        rise = (bins - lo) / (mid - lo)
        fall = (hi - bins) / (hi - mid)
        weights[:, m] = torch.clamp(torch.minimum(rise, fall), min=0.0)
    return weights


def _mfcc_dct(n_out, n_in):
    k = torch.arange(n_out, dtype=torch.float64).unsqueeze(1)
    n = torch.arange(n_in, dtype=torch.float64).unsqueeze(0)
    d = torch.cos(math.pi * k * (2 * n + 1) / (2 * n_in)) * math.sqrt(2.0 / n_in)
    d[0] *= math.sqrt(0.5)
    return d


def mfcc(waveform, sample_rate, n_mfcc=13, n_fft=400, hop_length=160, n_mels=40):
    if n_mfcc > n_mels:
        raise ValueError("n_mfcc > n_mels")
    if waveform.shape[-1] < n_fft:
        raise RuntimeError("the waveform is shorter than n_fft")
    x = waveform.to(torch.float64).reshape(-1, waveform.shape[-1]).contiguous()
    n_frames = 1 + (x.shape[-1] - n_fft) // hop_length
    frames = x.as_strided((x.shape[0], n_frames, n_fft), (x.stride(0), hop_length, 1))
    window = 0.5 - 0.5 * torch.cos(2 * math.pi * torch.arange(n_fft, dtype=torch.float64) / n_fft)
    spectrum = torch.fft.rfft(frames * window)
    power = spectrum.real ** 2 + spectrum.imag ** 2  # (batch, T, freq)
    energies = torch.einsum("btf,fm->btm", power, _mfcc_filters(n_fft // 2 + 1, n_mels, sample_rate))
    coefficients = torch.einsum("btm,km->bkt", torch.log(energies + 1e-6), _mfcc_dct(n_mfcc, n_mels))
    return coefficients.reshape(waveform.shape[:-1] + coefficients.shape[1:]).to(waveform.dtype)
