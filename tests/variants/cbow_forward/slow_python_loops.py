"""Correct, but the mean and every logit are pure-Python loops over Python floats."""
import torch


def cbow_forward(context_ids, embedding, output_weight, output_bias=None):
    single = context_ids.dim() == 1
    contexts = [context_ids.tolist()] if single else context_ids.tolist()
    E, W = embedding.tolist(), output_weight.tolist()
    b = [0.0] * len(W) if output_bias is None else output_bias.tolist()
    out = []
    for ids in contexts:
        h = [0.0] * len(E[0])
        for i in ids:
            for d, value in enumerate(E[i]):
                h[d] += value / len(ids)
        row = []
        for v, weights in enumerate(W):
            total = b[v]
            for d, w in enumerate(weights):
                total += w * h[d]
            row.append(total)
        out.append(row)
    result = torch.tensor(out, dtype=embedding.dtype)
    return result[0] if single else result
