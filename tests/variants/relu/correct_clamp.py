"""clamp with a lower bound of 0."""


def relu(x):
    return x.clamp(min=0)
