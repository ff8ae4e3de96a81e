"""Works on x.flatten() and forgets to restore the shape."""


def relu(x):
    flat = x.flatten()
    return flat * (flat > 0)
