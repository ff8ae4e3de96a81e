"""Clamps from above instead of from below: keeps the negative part."""


def relu(x):
    return x.clamp(max=0)
