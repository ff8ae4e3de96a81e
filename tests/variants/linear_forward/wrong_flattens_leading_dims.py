"""Flattens the leading axes to a batch of rows but never restores them."""


def linear_forward(x, weight, bias=None):
    y = x.reshape(-1, x.shape[-1]) @ weight.T
    return y if bias is None else y + bias
