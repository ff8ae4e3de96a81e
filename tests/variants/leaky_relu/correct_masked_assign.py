"""Scales the non-positive entries of a copy by boolean indexing."""


def leaky_relu(x, negative_slope=0.01):
    out = x.clone()
    negative = x <= 0
    out[negative] = x[negative] * negative_slope
    return out
