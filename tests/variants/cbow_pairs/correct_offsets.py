"""Builds each context from a list of offsets (-C..-1, then 1..C) added to the centre's index."""


def cbow_pairs(tokens, window):
    if window < 1:
        raise ValueError("window must be positive")
    offsets = list(range(-window, 0)) + list(range(1, window + 1))
    pairs = []
    for centre in range(window, len(tokens) - window):
        pairs.append(([tokens[centre + o] for o in offsets], tokens[centre]))
    return pairs
