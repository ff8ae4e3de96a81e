"""Returns probabilities (softmax of the logits) instead of the logits."""
import torch


def cbow_forward(context_ids, embedding, output_weight, output_bias=None):
    logits = embedding[context_ids].mean(dim=-2) @ output_weight.T
    if output_bias is not None:
        logits = logits + output_bias
    return torch.softmax(logits, dim=-1)
