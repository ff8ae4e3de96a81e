"""The gradient multiplied out: x^T (x w + 1 b - y) = x^T x w + (x^T 1) b - x^T y, and likewise for b."""
import torch


def gradient_descent_step(w, b, x, y, lr):
    n = x.shape[0]
    k = w.shape[1] if w.dim() == 2 else 1
    column_sums = x.sum(dim=0)  # x^T 1
    bias_term = torch.outer(column_sums, b) if w.dim() == 2 else column_sums * b
    grad_w = 2.0 / (n * k) * (x.T @ (x @ w) + bias_term - x.T @ y)
    grad_b = 2.0 / (n * k) * (column_sums @ w + n * b - y.sum(dim=0))
    return w - lr * grad_w, b - lr * grad_b
