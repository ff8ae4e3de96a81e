"""Correct, but a pure-Python DFT: every bin of every frame a loop over Python floats."""
import math

import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    if signal.shape[-1] < n_fft:
        raise RuntimeError("signal shorter than n_fft")
    single = signal.dim() == 1
    signals = [signal.tolist()] if single else signal.tolist()
    w = [1.0] * n_fft if window is None else window.tolist()
    n_frames = 1 + (len(signals[0]) - n_fft) // hop_length
    out = []
    for x in signals:
        bins = []
        for k in range(n_fft // 2 + 1):
            row = []
            for t in range(n_frames):
                re = im = 0.0
                for n in range(n_fft):
                    v = x[t * hop_length + n] * w[n]
                    re += v * math.cos(2 * math.pi * k * n / n_fft)
                    im -= v * math.sin(2 * math.pi * k * n / n_fft)
                row.append(math.hypot(re, im))
            bins.append(row)
        out.append(bins)
    result = torch.tensor(out, dtype=signal.dtype)
    return result[0] if single else result
