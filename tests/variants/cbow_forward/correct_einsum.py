"""Gathers the rows, lets einsum sum over the context and the embedding axis at once, divides by 2C."""
import torch


def cbow_forward(context_ids, embedding, output_weight, output_bias=None):
    rows = embedding[context_ids]  # (..., 2C, D)
    logits = torch.einsum("...cd,vd->...v", rows, output_weight) / context_ids.shape[-1]
    if output_bias is not None:
        logits = logits + output_bias
    return logits
