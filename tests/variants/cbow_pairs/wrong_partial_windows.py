"""Keeps the positions near the ends too, with whatever context fits (clipped slices)."""


def cbow_pairs(tokens, window):
    if window < 1:
        raise ValueError("window must be positive")
    return [(tokens[max(0, i - window):i] + tokens[i + 1:i + 1 + window], tokens[i]) for i in range(len(tokens))]
