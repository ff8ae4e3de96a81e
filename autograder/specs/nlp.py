"""Text: tf-idf weights of a tokenized corpus.

PyTorch has no tf-idf operator, so the reference is hand-written; ``tests/specs/test_reference_nlp.py`` checks it
against scikit-learn's ``TfidfVectorizer`` after the algebra that relates the two definitions.
"""

from __future__ import annotations

import random

import torch
import torch.nn.functional as F

from autograder.core.key import answer_key
from autograder.core.spec import Case, Exercise, Mistake, Timing, randn, uniform
from autograder.datasets import FRENCH_CORPUS, load_corpus, load_tokenized

ORDER = 30


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
        reference_note="hand-written, checked against scikit-learn",
        points=5,
        reference=answer_key("nlp", "tfidf_reference"),
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
        mistakes=(
            Mistake("vocabulary_sorted_ignoring_case", answer_key("nlp", "tfidf_case_insensitive_sort")),
            Mistake("vocabulary_in_appearance_order", answer_key("nlp", "tfidf_appearance_order")),
            Mistake("tokens_lowercased", answer_key("nlp", "tfidf_lowercases")),
            Mistake("df_counts_occurrences", answer_key("nlp", "tfidf_df_counts_occurrences")),
            Mistake("tf_over_distinct_words", answer_key("nlp", "tfidf_tf_over_distinct_words")),
            Mistake("tf_raw_counts", answer_key("nlp", "tfidf_raw_counts")),
            Mistake("nan_for_empty_document", answer_key("nlp", "tfidf_nan_on_empty_document")),
            Mistake("idf_log10", answer_key("nlp", "tfidf_log10")),
            Mistake("idf_log2", answer_key("nlp", "tfidf_log2")),
            Mistake("idf_floor_division", answer_key("nlp", "tfidf_floor_division")),
            Mistake("smoothed_idf", answer_key("nlp", "tfidf_smoothed_idf")),
            Mistake("tfidf_float32", answer_key("nlp", "tfidf_float32")),
            Mistake("tfidf_matrix_as_lists", answer_key("nlp", "tfidf_returns_lists")),
            Mistake("no_documents_accepted", answer_key("nlp", "tfidf_no_documents_accepted")),
            Mistake("empty_vocabulary_rejected", answer_key("nlp", "tfidf_rejects_empty_vocabulary")),
        ),
    ),
]


# ---------------------------------------------------------------------------------------------------------
# bag_of_words


# small corpora, each aimed at one way to get counting wrong
BOW_CORPORA: dict[str, list[list[str]]] = {
    "worked_example": [["le", "chat", "dort"], ["le", "chien", "et", "le", "chat"], []],
    # a word several times in one document: a count, not a 0/1 presence
    "repeated_words": [["la", "la", "la", "vie"], ["vie", "en", "rose", "rose"], ["la", "rose"]],
    # first appearance order (zèbre, pomme, ...) is not sorted order
    "sorted_differs_from_appearance": [["zèbre", "pomme", "mangue"], ["mangue", "banane"], ["cerise"]],
    # sorted() orders by code point: "Le" < "chat" < "le"
    "case_sensitive": [["Le", "chat", "voit", "le", "chien"], ["le", "chat"], ["Le", "Chat"]],
    # accented letters sort after "z" (é is U+00E9): not a dictionary's order, nor unaccented order
    "accents_sort_after_z": [["été", "eau", "zèbre", "école"], ["à", "z", "eau"], ["ça", "cube", "été"]],
    "empty_document": [["descente", "de", "gradient"], [], ["gradient", "bruit", "bruit"]],
    "single_document": [["un", "seul", "seul", "document"]],
    "all_documents_empty": [[], [], []],
    # no documents: a (0, 0) matrix and an empty vocabulary
    "no_documents": [],
    # more documents than distinct words: a transposed matrix has the wrong shape
    "more_documents_than_words": [["oui"], ["non"], ["oui", "oui"], ["non"], ["peut", "être"]],
}

# words for generated corpora: not in sorted order, with capitals, accents and elided forms
BOW_POOL = ["le", "Le", "chat", "été", "école", "zèbre", "à", "Été", "œuf", "eau", "z", "ça", "garçon", "l",
            "d", "modèle", "réseau", "poids", "apprend", "données", "Données", "erreur", "gradient", "très",
            "où", "ou", "noël", "Noël", "crème", "île"]


def _bow_inputs(params, gen):
    if "corpus" in params:
        name = params["corpus"]
        if name == FRENCH_CORPUS:
            return dict(documents=load_tokenized(name))
        documents = load_corpus(name) if name in SHIPPED else BOW_CORPORA[name]
        return dict(documents=[list(document) for document in documents])
    n_words = max(1, min(params["n_words"], len(BOW_POOL)))
    words = [BOW_POOL[i] for i in torch.randperm(len(BOW_POOL), generator=gen)[:n_words].tolist()]
    # Zipf-like frequencies: some words repeat within a document, others are rare
    weights = 1.0 / torch.arange(1, n_words + 1, dtype=torch.float64)
    documents = []
    for _ in range(params["n_docs"]):
        length = int(torch.randint(0, params["max_len"] + 1, (1,), generator=gen))
        picks = torch.multinomial(weights, length, replacement=True, generator=gen).tolist() if length else []
        documents.append([words[i] for i in picks])
    return dict(documents=documents)


def _random_bow(rng: random.Random) -> dict:
    return dict(n_docs=rng.choice([1, 2, rng.randint(3, 12), rng.randint(13, 40)]), max_len=rng.randint(0, 15),
                n_words=rng.randint(1, len(BOW_POOL)))


# ---------------------------------------------------------------------------------------------------------
# cosine_similarity


def cosine_similarity_reference(a: torch.Tensor, b: torch.Tensor, dim: int = -1, eps: float = 1e-8) -> torch.Tensor:
    """``F.cosine_similarity``, whose own default is ``dim=1``: the exercise's is the last dimension.

    On the PyTorch pinned here (and since 2.0) each norm is clamped on its own before the dot product:
    sum(a / max(|a|, eps) * b / max(|b|, eps)) over ``dim`` of the broadcast shape.
    """
    return F.cosine_similarity(a, b, dim=dim, eps=eps)


def cosine_similarity_default_dim_1(a: torch.Tensor, b: torch.Tensor, dim: int = 1,
                                    eps: float = 1e-8) -> torch.Tensor:
    """A classic mistake: ``F.cosine_similarity``'s own default, ``dim=1``, where the exercise's is -1."""
    return F.cosine_similarity(a, b, dim, eps)


def cosine_similarity_over_last_dim(a: torch.Tensor, b: torch.Tensor, dim: int = -1,
                                    eps: float = 1e-8) -> torch.Tensor:
    """A classic mistake: the last dimension, whatever ``dim`` says."""
    return F.cosine_similarity(a, b, -1, eps)


def _cos_inputs(params, gen):
    """``shape_a``/``shape_b`` broadcast together; ``dim`` and ``eps`` are passed only when present (so the
    student's defaults are tested). ``values``:

    - normal; zeros (some vectors all zero);
    - tiny (|a| ~ 1e-9, |b| ~ 100: clamping each norm differs from clamping their product);
    - scaled (each vector of a scaled by 0.02 to 0.6, of b by 0.1 to 1: norms on both sides of a large eps);
    - parallel (b a positive or negative multiple of a);
    - exact_unit_rows (rows of a made of +-1 times a power of two);
    - corpus (letter counts of the French corpus's documents, every pair of documents).
    """
    if params["values"] == "corpus":
        # letter counts per document: sparse-ish non-negative count vectors, as bags of words are (built
        # another way, so that the release need not ship the bag-of-words reference to make this case)
        documents = ["".join(document) for document in load_tokenized(FRENCH_CORPUS)]
        letters = sorted(set("".join(documents)))
        counts = torch.tensor([[document.count(letter) for letter in letters] for document in documents],
                              dtype=torch.float64)
        return dict(a=counts.unsqueeze(1), b=counts.unsqueeze(0))
    shape_a, shape_b = tuple(params["shape_a"]), tuple(params["shape_b"])
    a = randn(shape_a, gen, params["dtype_a"])
    b = randn(shape_b, gen, params.get("dtype_b", params["dtype_a"]))
    ndim = max(len(shape_a), len(shape_b))
    dim = params.get("dim", -1) % ndim
    values = params["values"]

    def per_vector(shape: tuple[int, ...]) -> tuple[int, ...]:
        # the shape of one factor per vector along dim: size 1 along dim (counted from the end)
        at = dim - (ndim - len(shape))
        return tuple(1 if i == at else n for i, n in enumerate(shape))

    def some_zero(shape: tuple[int, ...]) -> torch.Tensor:
        keep = torch.rand(per_vector(shape), generator=gen) < 0.6
        # at least one zero vector and one that is not, whatever the seed draws
        keep.view(-1)[0], keep.view(-1)[-1] = False, True
        return keep

    if values == "zeros":
        a = a * some_zero(shape_a).to(a.dtype)
        b = b * some_zero(shape_b).to(b.dtype)
    elif values == "tiny":
        a, b = a * 1e-9, b * 100.0
    elif values == "scaled":
        a = a * uniform(per_vector(shape_a), gen, 0.02, 0.6, params["dtype_a"])
        b = b * uniform(per_vector(shape_b), gen, 0.1, 1.0, str(b.dtype).removeprefix("torch."))
    elif values == "exact_unit_rows":
        # rows of +-1 times a power of two: their norm and a / norm are exact in float32. PyTorch normalises
        # a float32 operand in float32 even when the result is float64; these rows keep that rounding out of
        # a case that is about type promotion
        signs = torch.where(torch.rand(shape_a, generator=gen) < 0.5, -1.0, 1.0)
        scales = 2.0 ** torch.randint(-1, 3, shape_a[:-1] + (1,), generator=gen)
        a = (signs * scales).to(a.dtype)
    elif values == "parallel":
        sign = torch.where(torch.rand(per_vector(shape_a), generator=gen) < 0.5, -1.0, 1.0)
        b = (a.to(torch.float64) * sign * uniform(per_vector(shape_a), gen, 0.5, 4.0, "float64")).to(b.dtype)
    inputs = dict(a=a, b=b)
    if "dim" in params:
        inputs["dim"] = params["dim"]
    if "eps" in params:
        inputs["eps"] = params["eps"]
    return inputs


def _cos_case(shape_a: list[int], shape_b: list[int] | None = None, values: str = "normal",
              dtype_a: str = "float32", **extra) -> dict:
    return dict(shape_a=shape_a, shape_b=shape_a if shape_b is None else shape_b, values=values, dtype_a=dtype_a,
                **extra)


def _random_cos(rng: random.Random) -> dict:
    ndim = rng.randint(1, 3)
    shape = [rng.randint(1, 6) for _ in range(ndim)]
    shape_a, shape_b = list(shape), list(shape)
    values = rng.choice(["normal", "normal", "zeros", "scaled", "parallel"])
    if values not in ("zeros", "parallel") and rng.random() < 0.5:
        # broadcasting: some dims of size 1 in one operand, or fewer leading dims
        for i in range(ndim):
            if rng.random() < 0.4:
                (shape_a if rng.random() < 0.5 else shape_b)[i] = 1
        if ndim > 1 and rng.random() < 0.3:
            shape_b = shape_b[rng.randint(1, ndim - 1):]
    params = _cos_case(shape_a, shape_b, values, rng.choice(["float32", "float64"]))
    if rng.random() < 0.7:
        params["dim"] = rng.randrange(-ndim, ndim)
    if values == "scaled":
        params["eps"] = rng.choice([0.1, 0.3, 0.5])
    elif rng.random() < 0.3:
        params["eps"] = rng.choice([1e-8, 1e-6, 1e-3])
    return params


EXERCISES += [
    Exercise(
        id="bag_of_words",
        module="nlp",
        summary="word counts of a tokenized corpus over its sorted vocabulary",
        reference_note="hand-written, checked against `CountVectorizer`",
        points=3,
        reference=answer_key("nlp", "bag_of_words_reference"),
        make_inputs=_bow_inputs,
        edge_cases=(
            *(Case(name, dict(corpus=name)) for name in BOW_CORPORA),
            Case("corpus_fr", dict(corpus=FRENCH_CORPUS)),
            Case("course_reviews", dict(corpus="course_reviews")),
            Case("generated", dict(n_docs=10, max_len=12, n_words=20)),
        ),
        random_case=_random_bow,
        n_random=12,
        shrink={"n_docs": 1, "max_len": 0, "n_words": 1},
        # no timing, as for tf-idf: counting is Python work in the reference too
        mistakes=(
            Mistake("vocabulary_sorted_ignoring_case", answer_key("nlp", "bag_of_words_case_insensitive_sort")),
            Mistake("vocabulary_sorted_without_accents", answer_key("nlp", "bag_of_words_accent_insensitive_sort")),
            Mistake("vocabulary_in_appearance_order", answer_key("nlp", "bag_of_words_appearance_order")),
            Mistake("presence_not_counts", answer_key("nlp", "bag_of_words_presence")),
            Mistake("bow_counts_not_int64", answer_key("nlp", "bag_of_words_float_counts")),
            Mistake("no_documents_not_2d", answer_key("nlp", "bag_of_words_empty_corpus_1d")),
        ),
    ),
    Exercise(
        id="cosine_similarity",
        module="nlp",
        summary="F.cosine_similarity: broadcasting, any dim, each norm clamped by eps",
        reference_note="`F.cosine_similarity`",
        points=5,
        reference=cosine_similarity_reference,
        make_inputs=_cos_inputs,
        edge_cases=(
            Case("basic", _cos_case([4, 6])),
            Case("vectors", _cos_case([7])),
            Case("default_dim_is_last", _cos_case([2, 3, 5])),
            Case("dim_0", _cos_case([5, 3], dim=0)),
            Case("dim_1_of_3", _cos_case([2, 5, 4], dim=1)),
            Case("negative_dim", _cos_case([3, 4, 2], dim=-2)),
            Case("broadcast_rows", _cos_case([3, 5], [5])),
            Case("broadcast_outer", _cos_case([4, 1, 6], [1, 3, 6])),
            # a's single column is repeated 4 times before its norm is taken: normalising first is wrong
            Case("broadcast_along_dim", _cos_case([3, 1], [3, 4])),
            Case("zero_vectors", _cos_case([6, 4], values="zeros")),
            Case("zero_vectors_dim_0", _cos_case([5, 6], values="zeros", dim=0)),
            Case("parallel_and_opposite", _cos_case([5, 3], values="parallel")),
            # |a| ~ 1e-9 < eps, |b| ~ 100: a is divided by eps, b by its norm (a clamped product would not)
            Case("tiny_norm", _cos_case([4, 3], values="tiny", dtype_a="float64")),
            Case("large_eps", _cos_case([6, 4], values="scaled", eps=0.5)),
            Case("large_eps_float64", _cos_case([3, 5, 4], values="scaled", eps=0.3, dim=1, dtype_a="float64")),
            Case("float64", _cos_case([4, 6], dtype_a="float64")),
            # type promotion: float32 with float64 gives float64
            Case("mixed_dtypes", _cos_case([5, 4], values="exact_unit_rows", dtype_a="float32", dtype_b="float64")),
            Case("corpus_documents", dict(values="corpus")),
        ),
        random_case=_random_cos,
        n_random=15,
        shrink={},
        timing=Timing(_cos_case([1024, 512]), budget=10.0),
        forbidden=("aten::cosine_similarity",),
        mistakes=(
            Mistake("cosine_default_dim_1", cosine_similarity_default_dim_1),
            Mistake("cosine_ignores_dim", cosine_similarity_over_last_dim),
            Mistake("cosine_eps_clamps_product", answer_key("nlp", "cosine_similarity_clamps_product")),
            Mistake("cosine_missing_eps", answer_key("nlp", "cosine_similarity_no_eps")),
            Mistake("normalised_before_broadcast",
                    answer_key("nlp", "cosine_similarity_normalises_before_broadcast")),
        ),
    ),
]
