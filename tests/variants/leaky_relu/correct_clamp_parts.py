"""The positive part plus the slope times the negative part, both by clamp."""


def leaky_relu(x, negative_slope=0.01):
    return x.clamp(min=0) + negative_slope * x.clamp(max=0)
