"""Text: tf-idf weights of a tokenized corpus.

PyTorch has no tf-idf operator, so the reference is hand-written; ``tests/test_reference_nlp.py`` checks it
against scikit-learn's ``TfidfVectorizer`` after the algebra that relates the two definitions.
"""

from __future__ import annotations

import random

import torch

from autograder.datasets import load_corpus
from autograder.spec import Case, Exercise

ORDER = 30


def tfidf_reference(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """tf = count / len(document), idf = ln(N / df), over the sorted vocabulary; float64.

    An empty document is a row of zeros; a corpus of empty documents has an empty vocabulary and an
    ``(N, 0)`` matrix. No documents at all is an error: N = 0 has no idf.
    """
    if len(documents) == 0:
        raise ValueError("tfidf needs at least one document")
    vocabulary = sorted({word for document in documents for word in document})
    column = {word: j for j, word in enumerate(vocabulary)}
    rows = [i for i, document in enumerate(documents) for _ in document]
    cols = [column[word] for document in documents for word in document]
    counts = torch.zeros(len(documents), len(vocabulary), dtype=torch.float64)
    counts.index_put_((torch.tensor(rows, dtype=torch.long), torch.tensor(cols, dtype=torch.long)),
                      torch.ones(len(rows), dtype=torch.float64), accumulate=True)
    lengths = torch.tensor([len(document) for document in documents], dtype=torch.float64)
    # an empty document's counts are all zero, so any nonzero divisor leaves its row at zero
    tf = counts / lengths.clamp(min=1).unsqueeze(1)
    df = (counts > 0).sum(dim=0).to(torch.float64)
    idf = torch.log(len(documents) / df)
    return tf * idf, vocabulary


SHIPPED = ("course_reviews",)

# small corpora, each aimed at one way to get tf-idf wrong
CORPORA: dict[str, list[list[str]]] = {
    "worked_example": [["the", "cat", "sat"], ["the", "dog", "the", "end"], []],
    # a word repeated inside a document: tf counts it twice, df once
    "repeated_words": [["deep", "deep", "deep", "learning"], ["learning", "rate", "rate"], ["deep", "nets"]],
    # "a" is in every document: idf = ln(1) = 0, a column of zeros (smoothing would make it nonzero)
    "word_in_every_document": [["a", "model", "learns"], ["a", "model"], ["a", "loss", "falls", "a"]],
    "different_lengths": [["train"], ["train", "the", "model", "then", "test", "the", "model", "again"],
                          ["test", "test"]],
    "empty_document": [["gradient", "descent"], [], ["gradient", "noise", "noise"]],
    # N = 1: every idf is ln(1) = 0
    "single_document": [["only", "one", "one", "document"]],
    # first appearance (zebra, apple, mango, ...) is not sorted order
    "sorted_differs_from_appearance": [["zebra", "apple", "mango"], ["mango", "banana"], ["cherry"]],
    # "The" and "the" are different terms; sorted() puts capitals first ("End" < "The" < "cat")
    "case_sensitive": [["The", "cat", "saw", "the", "dog"], ["the", "end"], ["The", "End"]],
    "one_word_documents": [["yes"], ["no"], ["yes"], ["maybe"]],
    "all_documents_empty": [[], [], []],
    "no_documents": [],
}

# words for generated corpora: not in sorted order, with capitalised twins
POOL = ["the", "model", "The", "loss", "gradient", "Model", "learning", "rate", "a", "of", "batch", "zebra",
        "attention", "layer", "Loss", "token", "embedding", "noise", "apple", "step", "weights", "data",
        "epoch", "dropout", "kernel", "softmax", "tensor", "vector", "Adam", "sgd"]


def _tfidf_inputs(params, gen):
    if "corpus" in params:
        name = params["corpus"]
        documents = load_corpus(name) if name in SHIPPED else CORPORA[name]
        return dict(documents=[list(document) for document in documents])
    n_words = max(1, min(params["n_words"], len(POOL)))
    words = [POOL[i] for i in torch.randperm(len(POOL), generator=gen)[:n_words].tolist()]
    # Zipf-like frequencies, so some words repeat within documents and others are rare
    weights = 1.0 / torch.arange(1, n_words + 1, dtype=torch.float64)
    documents = []
    for _ in range(params["n_docs"]):
        length = int(torch.randint(0, params["max_len"] + 1, (1,), generator=gen))
        picks = torch.multinomial(weights, length, replacement=True, generator=gen).tolist() if length else []
        document = [words[i] for i in picks]
        if params.get("common"):
            # one word in every document: its idf is exactly 0
            document.insert(int(torch.randint(0, len(document) + 1, (1,), generator=gen)), "of")
        documents.append(document)
    return dict(documents=documents)


def _random_tfidf(rng: random.Random) -> dict:
    return dict(n_docs=rng.choice([1, 2, rng.randint(3, 12), rng.randint(13, 60)]), max_len=rng.randint(0, 15),
                n_words=rng.randint(1, len(POOL)), common=rng.random() < 0.3)


EXERCISES = [
    Exercise(
        id="tfidf",
        module="nlp",
        summary="tf-idf weights of a tokenized corpus",
        points=5,
        reference=tfidf_reference,
        make_inputs=_tfidf_inputs,
        edge_cases=(
            *(Case(name, dict(corpus=name)) for name in CORPORA),
            Case("course_reviews", dict(corpus="course_reviews")),
            Case("generated", dict(n_docs=12, max_len=9, n_words=10, common=True)),
        ),
        random_case=_random_tfidf,
        n_random=20,
        shrink={"n_docs": 1, "max_len": 0, "n_words": 1},
        # no timing: the reference counts words in Python too, so a ratio would rank ways of filling a dense
        # matrix, not find a wrong algorithm. Measured on 300 documents: a Counter solution takes 6-14x the
        # reference, plain nested loops ~15x, though both are what the course teaches and must score fully
    ),
]
