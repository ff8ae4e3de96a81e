"""Calls torch.nn.functional.batch_norm under another name, in training mode without running statistics."""
from torch.nn.functional import batch_norm as normalise


def batch_norm_train(x, gamma, beta, eps=1e-5):
    return normalise(x, None, None, gamma, beta, training=True, eps=eps)
