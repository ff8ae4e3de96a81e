"""Streams the tokens through a deque of 2C + 1 and emits a pair each time the deque is full."""
from collections import deque


def cbow_pairs(tokens, window):
    if window <= 0:
        raise ValueError("window must be at least 1")
    buffer = deque(maxlen=2 * window + 1)
    pairs = []
    for token in tokens:
        buffer.append(token)
        if len(buffer) == buffer.maxlen:
            words = list(buffer)
            pairs.append((words[:window] + words[window + 1:], words[window]))
    return pairs
