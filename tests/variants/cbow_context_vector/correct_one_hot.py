"""F.one_hot of the vocabulary indices, cast to float32, averaged over the context."""
import torch
import torch.nn.functional as F


def cbow_context_vector(context, vocabulary):
    if len(context) == 0:
        raise ValueError("empty context")
    position = {word: i for i, word in enumerate(vocabulary)}
    ids = torch.tensor([position[word] for word in context])
    return F.one_hot(ids, num_classes=len(vocabulary)).float().mean(dim=0)
