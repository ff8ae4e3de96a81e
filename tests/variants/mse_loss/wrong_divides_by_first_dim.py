"""Divides by len(y), the size of the first axis only: right for vectors, not for matrices."""


def mse_loss(y_hat, y):
    return ((y_hat - y) ** 2).sum() / len(y)
