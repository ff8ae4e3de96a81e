"""Uses the gradient of half the mean squared error (1/N instead of 2/N): a step half as long."""


def gradient_descent_step(w, b, x, y, lr):
    residual = x @ w + b - y
    scale = 1.0 / residual.numel()
    return w - lr * scale * (x.T @ residual), b - lr * scale * residual.sum(dim=0)
