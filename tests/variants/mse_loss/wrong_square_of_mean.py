"""Squares the mean error instead of averaging the squared errors: positive and negative errors cancel."""


def mse_loss(y_hat, y):
    return (y_hat - y).mean() ** 2
