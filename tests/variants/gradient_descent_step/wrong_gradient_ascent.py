"""Steps along the gradient instead of against it."""


def gradient_descent_step(w, b, x, y, lr):
    residual = x @ w + b - y
    scale = 2.0 / residual.numel()
    return w + lr * scale * (x.T @ residual), b + lr * scale * residual.sum(dim=0)
