"""Stops one window early (range(len(tokens) - n)): the last n-gram is missing."""


def ngrams(tokens, n):
    if n < 1:
        raise ValueError("n must be at least 1")
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n)]
