"""numpy: np.add.at into an int64 array, then torch.from_numpy."""
import numpy as np
import torch


def bag_of_words(documents):
    vocabulary = sorted(set(word for document in documents for word in document))
    column = {word: j for j, word in enumerate(vocabulary)}
    counts = np.zeros((len(documents), len(vocabulary)), dtype=np.int64)
    for i, document in enumerate(documents):
        np.add.at(counts[i], [column[word] for word in document], 1)
    return torch.from_numpy(counts), vocabulary
