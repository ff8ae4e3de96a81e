"""Collects the pairs in a dict keyed by the centre word: a word seen twice keeps only its last context."""


def cbow_pairs(tokens, window):
    if window < 1:
        raise ValueError("window must be positive")
    contexts = {}
    for i in range(window, len(tokens) - window):
        contexts[tokens[i]] = tokens[i - window:i] + tokens[i + 1:i + 1 + window]
    return [(context, centre) for centre, context in contexts.items()]
