"""Plain Python floats and the math module, one weight at a time, then a float32 tensor."""
import math

import torch


def mel_filterbank(n_freqs, n_mels, sample_rate, f_min=0.0, f_max=None):
    def to_mel(f):
        return 2595.0 * math.log10(1.0 + f / 700.0)

    def to_hz(m):
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)

    top = sample_rate // 2
    if f_max is None:
        f_max = float(top)
    if f_min >= f_max:
        raise ValueError(f"f_min={f_min} >= f_max={f_max}")
    step = top / (n_freqs - 1) if n_freqs > 1 else 0.0
    bins = [i * step for i in range(n_freqs)]
    lo, hi = to_mel(f_min), to_mel(f_max)
    corners = [to_hz(lo + (hi - lo) * j / (n_mels + 1)) for j in range(n_mels + 2)]
    weights = []
    for f in bins:
        row = []
        for m in range(n_mels):
            left, centre, right = corners[m], corners[m + 1], corners[m + 2]
            up = (f - left) / (centre - left)
            down = (right - f) / (right - centre)
            row.append(max(0.0, min(up, down)))
        weights.append(row)
    return torch.tensor(weights, dtype=torch.float32).reshape(n_freqs, n_mels)
