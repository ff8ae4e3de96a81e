"""Right: a while loop over start positions, appending one tuple per window."""


def ngrams(tokens, n):
    if n <= 0:
        raise ValueError("n must be positive")
    grams = []
    start = 0
    while start + n <= len(tokens):
        grams.append(tuple(tokens[start:start + n]))
        start += 1
    return grams
