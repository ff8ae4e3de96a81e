"""Averages over axis 0: the context for a single context, but the batch for a batch of contexts."""
import torch.nn.functional as F


def cbow_forward(context_ids, embedding, output_weight, output_bias=None):
    return F.linear(embedding[context_ids].mean(dim=0), output_weight, output_bias)
