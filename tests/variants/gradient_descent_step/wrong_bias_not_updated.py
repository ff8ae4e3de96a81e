"""Updates the weights and returns the bias unchanged."""


def gradient_descent_step(w, b, x, y, lr):
    residual = x @ w + b - y
    return w - lr * 2.0 / residual.numel() * (x.T @ residual), b
