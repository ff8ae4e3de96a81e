"""Sums the squared errors without dividing by their number."""


def mse_loss(y_hat, y):
    return ((y_hat - y) ** 2).sum()
