"""Scores words with the input embedding (tied weights) instead of output_weight."""


def cbow_forward(context_ids, embedding, output_weight, output_bias=None):
    logits = embedding[context_ids].mean(dim=-2) @ embedding.T
    if output_bias is not None:
        logits = logits + output_bias
    return logits
