"""Stops one position early: range(C, len - C - 1) misses the last full window."""


def cbow_pairs(tokens, window):
    if window < 1:
        raise ValueError("window must be positive")
    return [(tokens[i - window:i] + tokens[i + 1:i + 1 + window], tokens[i])
            for i in range(window, len(tokens) - window - 1)]
