"""Correct, but the predictions and the gradients are Python sums over single elements."""
import torch


def gradient_descent_step(w, b, x, y, lr):
    single = w.dim() == 1
    W = w.reshape(w.shape[0], -1)
    B, Y = b.reshape(-1), y.reshape(y.shape[0], -1)
    n, d = x.shape
    k = W.shape[1]
    grad_w = [[0.0] * k for _ in range(d)]
    grad_b = [0.0] * k
    for i in range(n):
        for j in range(k):
            pred = float(B[j]) + sum(float(x[i, f]) * float(W[f, j]) for f in range(d))
            r = 2.0 * (pred - float(Y[i, j])) / (n * k)
            grad_b[j] += r
            for f in range(d):
                grad_w[f][j] += r * float(x[i, f])
    new_w = W - lr * torch.tensor(grad_w, dtype=w.dtype, device=w.device)
    new_b = B - lr * torch.tensor(grad_b, dtype=b.dtype, device=b.device)
    return (new_w.reshape(-1), new_b.reshape(())) if single else (new_w, new_b)
