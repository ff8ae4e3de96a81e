"""Returns the mask x > 0 as numbers: the derivative of ReLU, not ReLU."""


def relu(x):
    return (x > 0).to(x.dtype)
