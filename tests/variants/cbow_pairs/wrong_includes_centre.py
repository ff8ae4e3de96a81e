"""The context slice tokens[i - C : i + C + 1] keeps the centre word inside it."""


def cbow_pairs(tokens, window):
    if window < 1:
        raise ValueError("window must be positive")
    return [(tokens[i - window:i + window + 1], tokens[i]) for i in range(window, len(tokens) - window)]
