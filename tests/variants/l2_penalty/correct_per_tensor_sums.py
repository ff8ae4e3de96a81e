"""Correct: the squares summed tensor by tensor, then halved and scaled."""


def l2_penalty(params, weight_decay):
    total = sum((p * p).sum() for p in params)
    return 0.5 * weight_decay * total
