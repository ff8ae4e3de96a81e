"""Word embeddings: CBOW's training pairs, its averaged one-hot input, and its forward pass.

``cbow_forward``'s reference is PyTorch's own layers (``F.embedding`` then ``F.linear``, what
``nn.Embedding`` and ``nn.Linear`` compute). The two text helpers have no PyTorch operator: their references
are a line of Python each (the pairs) and ``F.one_hot`` (the context vector), and the correct fixtures in
``tests/variants/`` (numpy windows, a deque, Counter, index_add) are the independent implementations that
must agree with them.
"""

from __future__ import annotations

import math
import random

import torch

from autograder.core.key import answer_key
from autograder.core.spec import Case, Exercise, Mistake, Timing, randn
from autograder.datasets import FRENCH_CORPUS, load_tokenized

ORDER = 35


# ---------------------------------------------------------------------------------------------------------
# cbow_pairs


# sentences for named cases, tokenized as the kit's tokenizer would
SENTENCES = {
    "course_example": "le chat noir dort sur le canapé du salon",
    # the same word at several positions: a context built with tokens.index(word) takes the wrong one
    "repeated_words": "le chat et le chien et le chat et le lapin",
    "short": "un deux trois quatre cinq",
}
# generated sentences draw from few words, so words repeat
WORDS = ["le", "chat", "dort", "sur", "la", "table", "et", "chien", "mange", "l", "été", "à", "école", "Le"]


def _pairs_inputs(params, gen):
    if "sentence" in params:
        tokens = SENTENCES[params["sentence"]].split()
    elif "corpus_document" in params:
        tokens = load_tokenized(FRENCH_CORPUS)[params["corpus_document"]]
    else:
        n_words = max(1, min(params["n_words"], len(WORDS)))
        picks = torch.randint(0, n_words, (params["n_tokens"],), generator=gen).tolist()
        tokens = [WORDS[i] for i in picks]
    return dict(tokens=tokens, window=params["window"])


def _random_pairs(rng: random.Random) -> dict:
    window = rng.choice([1, 2, 2, 3, rng.randint(4, 6)])
    n_tokens = rng.choice([rng.randint(0, 2 * window + 1), rng.randint(2 * window + 1, 30)])
    return dict(n_tokens=n_tokens, n_words=rng.randint(1, len(WORDS)), window=window)


# ---------------------------------------------------------------------------------------------------------
# cbow_context_vector


CONTEXTS: dict[str, tuple[list[str], list[str]]] = {
    "worked_example": (["le", "chat", "dort", "sur"], ["chat", "dort", "le", "noir", "sur", "canapé"]),
    # a word twice in the context counts twice: 2/4 on "le"
    "repeated_word": (["le", "chat", "le", "chien"], ["chat", "chien", "dort", "le"]),
    "all_the_same_word": (["la", "la", "la", "la"], ["la", "le", "les"]),
    # the vocabulary's own order, not sorted order, decides the positions
    "vocabulary_not_sorted": (["zèbre", "abeille", "miel"], ["zèbre", "miel", "ours", "abeille", "fleur"]),
    "single_word": (["chat"], ["chien", "chat", "lapin"]),
    "long_context": (["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
                     ["j", "i", "h", "g", "f", "e", "d", "c", "b", "a", "k", "l"]),
    "vocabulary_of_one": (["seul", "seul"], ["seul"]),
    # not in the vocabulary: KeyError
    "unknown_word": (["le", "chat", "ronronne", "fort"], ["chat", "fort", "le"]),
    # "Le" is not "le": words are compared exactly, so this is an unknown word too
    "unknown_capitalised": (["Le", "chat", "dort", "ici"], ["chat", "dort", "ici", "le"]),
    "empty_context": ([], ["chat", "le"]),
}


def _context_inputs(params, gen):
    if "named" in params:
        context, vocabulary = CONTEXTS[params["named"]]
        return dict(context=list(context), vocabulary=list(vocabulary))
    if "corpus_document" in params:
        documents = load_tokenized(FRENCH_CORPUS)
        vocabulary = sorted(set().union(*documents))  # every word of the corpus, once
        # the context of the pair at ``position``: its centre word sits ``window`` words further on
        words, window = documents[params["corpus_document"]], params["window"]
        centre = params["position"] + window
        return dict(context=words[centre - window:centre] + words[centre + 1:centre + window + 1],
                    vocabulary=vocabulary)
    n_vocab = params["n_vocab"]
    # shuffled, so that position in the vocabulary is not sorted order
    vocabulary = [f"mot{i}" for i in torch.randperm(n_vocab, generator=gen).tolist()]
    picks = torch.randint(0, n_vocab, (params["n_context"],), generator=gen).tolist()
    return dict(context=[vocabulary[i] for i in picks], vocabulary=vocabulary)


def _random_context(rng: random.Random) -> dict:
    return dict(n_vocab=rng.randint(1, 30), n_context=rng.choice([2, 4, 6, rng.randint(1, 12)]))


# ---------------------------------------------------------------------------------------------------------
# cbow_forward


def _forward_inputs(params, gen):
    """``B`` absent means one context ``(2C,)``; ``repeat`` puts the same word twice in every context."""
    V, D, n_context, dtype = params["V"], params["D"], params["n_context"], params["dtype"]
    lead = (params["B"],) if "B" in params else ()
    context_ids = torch.randint(0, V, lead + (n_context,), generator=gen)
    if params.get("repeat") and n_context > 1:
        context_ids[..., 1] = context_ids[..., 0]
    # rows of unit-size entries and an output layer scaled by 1/sqrt(D): logits of order 1
    return dict(
        context_ids=context_ids,
        embedding=randn((V, D), gen, dtype),
        output_weight=randn((V, D), gen, dtype, scale=1 / math.sqrt(D)),
        output_bias=randn((V,), gen, dtype, scale=0.5) if params["bias"] else None,
    )


def _forward_case(V: int, D: int, n_context: int = 4, B: int | None = 3, bias: bool = True,
                  dtype: str = "float32", repeat: bool = False) -> dict:
    params = dict(V=V, D=D, n_context=n_context, bias=bias, dtype=dtype, repeat=repeat)
    if B is not None:
        params["B"] = B
    return params


def _random_forward(rng: random.Random) -> dict:
    return _forward_case(V=rng.randint(1, 40), D=rng.randint(1, 12), n_context=2 * rng.randint(1, 4),
                         B=rng.randint(1, 8) if rng.random() < 0.8 else None, bias=rng.random() < 0.7,
                         dtype=rng.choice(["float32", "float64"]), repeat=rng.random() < 0.3)


EXERCISES = [
    Exercise(
        id="cbow_pairs",
        module="embeddings",
        summary="CBOW's (context, centre word) pairs for every position with a full window",
        reference_note="hand-written, checked by three other implementations",
        points=3,
        reference=answer_key("embeddings", "cbow_pairs_reference"),
        make_inputs=_pairs_inputs,
        edge_cases=(
            Case("course_example", dict(sentence="course_example", window=2)),
            Case("window_1", dict(sentence="course_example", window=1)),
            Case("window_3", dict(sentence="course_example", window=3)),
            Case("repeated_words", dict(sentence="repeated_words", window=1)),
            Case("repeated_words_window_2", dict(sentence="repeated_words", window=2)),
            # exactly 2C + 1 tokens: one pair
            Case("exactly_one_window", dict(sentence="short", window=2)),
            # 2C + 2 tokens would give two pairs; 2C tokens give none
            Case("too_short_for_a_window", dict(sentence="short", window=3)),
            Case("empty_tokens", dict(n_tokens=0, n_words=3, window=2)),
            Case("corpus_document", dict(corpus_document=0, window=2)),
            Case("corpus_document_window_4", dict(corpus_document=17, window=4)),
            Case("window_0", dict(sentence="course_example", window=0)),
            Case("negative_window", dict(sentence="course_example", window=-1)),
            Case("generated", dict(n_tokens=20, n_words=5, window=2)),
        ),
        random_case=_random_pairs,
        n_random=12,
        shrink={"n_tokens": 0, "n_words": 1, "window": 1},
        mistakes=(
            Mistake("pairs_keyed_by_centre_word", answer_key("embeddings", "cbow_pairs_keyed_by_centre")),
            Mistake("context_includes_centre", answer_key("embeddings", "cbow_pairs_includes_centre")),
            Mistake("context_nearest_first", answer_key("embeddings", "cbow_pairs_nearest_first")),
            Mistake("window_not_checked", answer_key("embeddings", "cbow_pairs_no_value_error")),
            Mistake("misses_last_window", answer_key("embeddings", "cbow_pairs_misses_last_window")),
            Mistake("partial_windows_at_ends", answer_key("embeddings", "cbow_pairs_partial_windows")),
        ),
    ),
    Exercise(
        id="cbow_context_vector",
        module="embeddings",
        summary="the mean of the context words' one-hot vectors (CBOW's input), KeyError for unknown words",
        reference_note="`F.one_hot(...).mean(0)`",
        points=3,
        reference=answer_key("embeddings", "cbow_context_vector_reference"),
        make_inputs=_context_inputs,
        edge_cases=(
            *(Case(name, dict(named=name)) for name in CONTEXTS),
            Case("corpus_pair", dict(corpus_document=3, window=2, position=10)),
            Case("corpus_pair_window_3", dict(corpus_document=40, window=3, position=0)),
            Case("generated", dict(n_vocab=12, n_context=6)),
        ),
        random_case=_random_context,
        n_random=12,
        shrink={"n_vocab": 1, "n_context": 1},
        mistakes=(
            Mistake("context_vector_float64", answer_key("embeddings", "cbow_context_vector_float64")),
            Mistake("context_summed_not_averaged", answer_key("embeddings", "cbow_context_vector_sum_not_mean")),
            Mistake("context_words_deduplicated", answer_key("embeddings", "cbow_context_vector_set_of_words")),
            Mistake("unknown_words_skipped", answer_key("embeddings", "cbow_context_vector_skips_unknown")),
            Mistake("vocabulary_sorted_for_positions",
                    answer_key("embeddings", "cbow_context_vector_sorts_vocabulary")),
        ),
    ),
    Exercise(
        id="cbow_forward",
        module="embeddings",
        summary="CBOW's forward pass: mean of the context's embedding rows, then a linear layer",
        reference_note="`F.embedding` + `F.linear`",
        points=5,
        reference=answer_key("embeddings", "cbow_forward_reference"),
        make_inputs=_forward_inputs,
        # V, D, B and 2C differ from each other unless the name says otherwise
        edge_cases=(
            Case("basic", _forward_case(V=11, D=5)),
            Case("unbatched", _forward_case(V=11, D=5, B=None)),
            Case("batch_of_one", _forward_case(V=9, D=4, B=1)),
            Case("no_bias", _forward_case(V=11, D=5, bias=False)),
            Case("window_1", _forward_case(V=8, D=6, n_context=2, B=5)),
            Case("wide_window", _forward_case(V=13, D=3, n_context=10, B=2)),
            Case("repeated_word_in_context", _forward_case(V=7, D=5, B=4, repeat=True)),
            # V == D: the output weight used untransposed gives no shape error, only wrong values
            Case("square_weights", _forward_case(V=6, D=6, B=3)),
            Case("wide_embedding", _forward_case(V=4, D=9, B=3)),
            Case("float64", _forward_case(V=11, D=5, dtype="float64")),
            Case("float64_unbatched_no_bias", _forward_case(V=10, D=4, B=None, bias=False, dtype="float64")),
        ),
        random_case=_random_forward,
        n_random=15,
        shrink={"V": 1, "D": 1, "B": 1},
        # D large against 2C: the matrix product dominates, so the course's one-hot route (a (B, 2C, V)
        # one-hot tensor, then a second product of the same size) stays well inside the budget (~3x)
        timing=Timing(_forward_case(V=1024, D=256, n_context=4, B=256), budget=10.0),
        # EmbeddingBag(mode="mean") averages the rows in one call: the half of the exercise that is CBOW's own
        forbidden=("aten::embedding_bag", "aten::_embedding_bag", "aten::_embedding_bag_forward_only"),
        mistakes=(
            Mistake("cbow_output_bias_ignored", answer_key("embeddings", "cbow_forward_ignores_bias")),
            Mistake("cbow_mean_over_axis_0", answer_key("embeddings", "cbow_forward_mean_over_first_axis")),
            Mistake("context_summed_not_averaged", answer_key("embeddings", "cbow_forward_sum_not_mean")),
            Mistake("cbow_returns_probabilities", answer_key("embeddings", "cbow_forward_softmax")),
            Mistake("cbow_tied_weights", answer_key("embeddings", "cbow_forward_tied_weights")),
            Mistake("untransposed_output_weight", answer_key("embeddings", "cbow_forward_untransposed_weight")),
        ),
    ),
]
