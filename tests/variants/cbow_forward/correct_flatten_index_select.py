"""Always works on a batch: index_select on the flattened ids, view, mean, then addmm or mm."""
import torch


def cbow_forward(context_ids, embedding, output_weight, output_bias=None):
    single = context_ids.dim() == 1
    ids = context_ids.reshape(-1, context_ids.shape[-1])
    rows = torch.index_select(embedding, 0, ids.reshape(-1)).view(ids.shape[0], ids.shape[1], -1)
    hidden = rows.mean(dim=1)
    if output_bias is None:
        logits = hidden.mm(output_weight.t())
    else:
        logits = torch.addmm(output_bias, hidden, output_weight.t())
    return logits[0] if single else logits
