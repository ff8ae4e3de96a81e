"""numpy's sliding_window_view over token indices: every full window of 2C + 1, the middle one out."""
import numpy as np


def cbow_pairs(tokens, window):
    if window < 1:
        raise ValueError(f"bad window {window}")
    size = 2 * window + 1
    if len(tokens) < size:
        return []
    windows = np.lib.stride_tricks.sliding_window_view(np.arange(len(tokens)), size)
    result = []
    for row in windows:
        ids = row.tolist()
        context = [tokens[i] for i in ids[:window] + ids[window + 1:]]
        result.append((context, tokens[ids[window]]))
    return result
