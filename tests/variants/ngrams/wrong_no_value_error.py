"""Returns [] for n < 1 instead of raising ValueError."""


def ngrams(tokens, n):
    if n < 1:
        return []
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
