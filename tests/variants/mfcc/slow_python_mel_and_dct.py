"""Right, but the mel energies and the DCT are Python loops over every frame, band and bin."""
import math

import torch


def mfcc(waveform, sample_rate, n_mfcc=13, n_fft=400, hop_length=160, n_mels=40):
    if n_mfcc > n_mels:
        raise ValueError("n_mfcc > n_mels")
    frames = waveform.unfold(-1, n_fft, hop_length) * torch.hann_window(n_fft, dtype=waveform.dtype)
    power = (torch.fft.rfft(frames).abs() ** 2).reshape(-1, frames.shape[-2], n_fft // 2 + 1).tolist()
    n_freqs = n_fft // 2 + 1
    top = sample_rate // 2
    to_mel = lambda f: 2595 * math.log10(1 + f / 700)  # noqa: E731
    hz = [700 * (10 ** (to_mel(top) * j / (n_mels + 1) / 2595) - 1) for j in range(n_mels + 2)]
    freqs = [top * f / (n_freqs - 1) for f in range(n_freqs)]
    weights = []
    for m in range(n_mels):
        row = []
        for f in range(n_freqs):
            rise = (freqs[f] - hz[m]) / (hz[m + 1] - hz[m])
            fall = (hz[m + 2] - freqs[f]) / (hz[m + 2] - hz[m + 1])
            row.append(max(0.0, min(rise, fall)))
        weights.append(row)
    out = []
    for signal in power:
        coefficients = [[0.0] * len(signal) for _ in range(n_mfcc)]
        for t, spectrum in enumerate(signal):
            logs = []
            for row in weights:
                energy = 0.0
                for w, p in zip(row, spectrum):
                    energy += w * p
                logs.append(math.log(energy + 1e-6))
            for k in range(n_mfcc):
                scale = math.sqrt((1 if k == 0 else 2) / n_mels)
                coefficients[k][t] = scale * sum(logs[m] * math.cos(math.pi * k * (2 * m + 1) / (2 * n_mels))
                                                 for m in range(n_mels))
        out.append(coefficients)
    result = torch.tensor(out, dtype=waveform.dtype)
    return result.reshape(waveform.shape[:-1] + result.shape[1:])
