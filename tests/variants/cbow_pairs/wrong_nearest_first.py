"""Orders the context by distance (i-1, i+1, i-2, i+2, ...) instead of left words then right words."""


def cbow_pairs(tokens, window):
    if window < 1:
        raise ValueError("window must be positive")
    pairs = []
    for i in range(window, len(tokens) - window):
        context = []
        for d in range(1, window + 1):
            context += [tokens[i - d], tokens[i + d]]
        pairs.append((context, tokens[i]))
    return pairs
