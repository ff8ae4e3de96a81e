"""The tf-idf reference checked against scikit-learn, and the corpus loader.

scikit-learn's ``TfidfVectorizer(smooth_idf=False, norm=None, sublinear_tf=False)`` weighs a term by
count(w, d) * idf_sk(w) with idf_sk = ln(N / df) + 1. The course uses tf = count / len(d) and
idf = ln(N / df), so

    ours(w, d) = count(w, d) / len(d) * (idf_sk(w) - 1)     (0 when d is empty).

``analyzer=lambda d: d`` hands scikit-learn our tokens untouched (no lower-casing, no token pattern).
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import torch
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from autograder.datasets import load_corpus, load_tokenized
from autograder.keys.nlp import bag_of_words_reference, tfidf_reference
from autograder.specs import nlp
from autograder.specs.nlp import BOW_CORPORA, CORPORA, cosine_similarity_reference

EXERCISE = nlp.EXERCISES[0]


def sklearn_tfidf(documents: list[list[str]]) -> tuple[np.ndarray, list[str]]:
    vectorizer = TfidfVectorizer(analyzer=lambda d: d, lowercase=False, smooth_idf=False, norm=None,
                                 sublinear_tf=False)
    weighted = vectorizer.fit_transform(documents).toarray()  # count * idf_sk
    idf_sk = vectorizer.idf_
    counts = weighted / idf_sk  # idf_sk >= 1, so this gives the raw counts back
    np.testing.assert_allclose(counts, np.rint(counts), atol=1e-9)
    counts = np.rint(counts)
    lengths = np.array([len(d) for d in documents], dtype=np.float64)[:, None]
    tf = np.divide(counts, lengths, out=np.zeros_like(counts), where=lengths > 0)
    return tf * (idf_sk - 1), [str(w) for w in vectorizer.get_feature_names_out()]


def assert_matches_sklearn(documents: list[list[str]]) -> None:
    matrix, vocabulary = tfidf_reference(documents)
    expected, expected_vocabulary = sklearn_tfidf(documents)
    assert vocabulary == expected_vocabulary
    assert matrix.dtype == torch.float64 and matrix.shape == expected.shape
    # the same float64 arithmetic up to the order of operations and idf_sk's +1 -1
    torch.testing.assert_close(matrix, torch.from_numpy(expected), rtol=1e-12, atol=1e-14)


def test_shipped_corpus_matches_sklearn():
    assert_matches_sklearn(load_corpus("course_reviews"))


@pytest.mark.parametrize("name", [n for n in CORPORA if n not in ("no_documents", "all_documents_empty")])
def test_named_corpora_match_sklearn(name):
    assert_matches_sklearn(CORPORA[name])


@pytest.mark.parametrize("seed", range(5))
def test_spec_generated_corpora_match_sklearn(seed):
    cases = [c for c in EXERCISE.cases(seed) if "corpus" not in c.params]
    assert len(cases) >= EXERCISE.n_random
    for case in cases:
        documents = EXERCISE.inputs(case.params, seed)["documents"]
        if any(documents):  # scikit-learn refuses an empty vocabulary (see below)
            assert_matches_sklearn(documents)


@pytest.mark.parametrize("seed", range(10))
def test_random_corpora_match_sklearn(seed):
    """Corpora built independently of the spec: mixed case, punctuation, empty documents, long documents."""
    rng = random.Random(seed)
    words = ["The", "the", "a", "A", "net", "nets", "net,", "ReLU", "relu", "2", "10", "x^2", "über", "zeta"]
    words += [f"w{i}" for i in range(rng.randint(0, 40))]
    documents = [[rng.choice(words) for _ in range(rng.choice([0, 1, rng.randint(2, 8), rng.randint(9, 80)]))]
                 for _ in range(rng.randint(1, 40))]
    documents.append([rng.choice(words)])  # never an empty vocabulary
    assert_matches_sklearn(documents)


def test_docstring_example():
    matrix, vocabulary = tfidf_reference([["the", "cat", "sat"], ["the", "dog", "the", "end"], []])
    assert vocabulary == ["cat", "dog", "end", "sat", "the"]
    ln3, ln15 = math.log(3), math.log(1.5)
    expected = torch.tensor([[ln3 / 3, 0, 0, ln3 / 3, ln15 / 3],
                             [0, ln3 / 4, ln3 / 4, 0, 2 / 4 * ln15],
                             [0, 0, 0, 0, 0]], dtype=torch.float64)
    torch.testing.assert_close(matrix, expected, rtol=1e-15, atol=0)
    assert round(ln3 / 3, 4) == 0.3662 and round(ln15 / 3, 4) == 0.1352
    assert round(ln3 / 4, 4) == 0.2747 and round(ln15 / 2, 4) == 0.2027


def test_word_in_every_document_has_zero_weight():
    matrix, vocabulary = tfidf_reference(CORPORA["word_in_every_document"])
    assert torch.equal(matrix[:, vocabulary.index("a")], torch.zeros(3, dtype=torch.float64))


def test_case_is_kept_and_sorted_capitals_first():
    _, vocabulary = tfidf_reference(CORPORA["case_sensitive"])
    assert vocabulary == ["End", "The", "cat", "dog", "end", "saw", "the"]


def test_no_documents_is_an_error():
    with pytest.raises(ValueError):
        tfidf_reference([])


def test_all_documents_empty_gives_n_by_0():
    """Our choice: an empty vocabulary and an (N, 0) matrix, where scikit-learn raises."""
    matrix, vocabulary = tfidf_reference([[], [], []])
    assert vocabulary == [] and matrix.shape == (3, 0) and matrix.dtype == torch.float64
    with pytest.raises(ValueError):
        sklearn_tfidf([[], [], []])


def test_named_cases_are_sharp():
    """The corpora keep the property each is named for."""
    def appearance(documents):
        return list(dict.fromkeys(w for d in documents for w in d))

    assert any(d.count(w) > 1 for d in CORPORA["repeated_words"] for w in d)
    assert set.intersection(*(set(d) for d in CORPORA["word_in_every_document"]))
    assert len({len(d) for d in CORPORA["different_lengths"]}) == len(CORPORA["different_lengths"])
    assert [] in CORPORA["empty_document"] and any(CORPORA["empty_document"])
    assert len(CORPORA["single_document"]) == 1
    docs = CORPORA["sorted_differs_from_appearance"]
    assert appearance(docs) != sorted(appearance(docs))
    vocab = appearance(CORPORA["case_sensitive"])
    assert "The" in vocab and "the" in vocab and sorted(vocab) != sorted(vocab, key=str.lower)
    assert all(len(d) == 1 for d in CORPORA["one_word_documents"])
    names = {case.name for case in EXERCISE.edge_cases}
    assert set(CORPORA) | {"course_reviews"} <= names


# --- the shipped corpus and its loader ------------------------------------------------------------------

def test_course_reviews_corpus():
    documents = load_corpus("course_reviews")
    assert 35 <= len(documents) <= 50
    words = [w for d in documents for w in d]
    assert all(w == w.lower() for w in words)
    assert all(documents), "one review per line, no blank lines"
    assert sum(len(d) == 1 for d in documents) >= 5
    assert any(d.count(w) > 1 for d in documents for w in d)  # repeated words within a review
    assert len(set(words)) >= 150  # varied vocabulary
    appearance = list(dict.fromkeys(words))
    assert appearance != sorted(appearance)


def test_loader_lowercases_and_keeps_blank_lines(tmp_path, monkeypatch):
    from autograder import datasets

    (tmp_path / "tiny.txt").write_text("The Cat  sat\n\nDOG\n", encoding="utf-8")
    monkeypatch.setattr(datasets, "DATASETS", tmp_path)
    assert datasets.load_corpus("tiny") == [["the", "cat", "sat"], [], ["dog"]]


@pytest.mark.parametrize("name", ["../secrets", "a/b", "", "x.txt"])
def test_loader_refuses_paths(name):
    with pytest.raises(ValueError):
        load_corpus(name)


# --- bag_of_words against scikit-learn's CountVectorizer ---------------------------------------------------
#
# ``CountVectorizer(analyzer=lambda d: d)`` counts our tokens untouched (a callable analyzer skips the
# lower-casing and the token pattern) over its vocabulary sorted by Python's string order, as int64.

BOW = next(ex for ex in nlp.EXERCISES if ex.id == "bag_of_words")
COS = next(ex for ex in nlp.EXERCISES if ex.id == "cosine_similarity")


def sklearn_counts(documents: list[list[str]]) -> tuple[np.ndarray, list[str]]:
    vectorizer = CountVectorizer(analyzer=lambda d: d, lowercase=False)
    counts = vectorizer.fit_transform(documents).toarray()
    return counts, [str(w) for w in vectorizer.get_feature_names_out()]


def assert_counts_match_sklearn(documents: list[list[str]]) -> None:
    counts, vocabulary = bag_of_words_reference(documents)
    expected, expected_vocabulary = sklearn_counts(documents)
    assert vocabulary == expected_vocabulary
    assert counts.dtype == torch.int64 and tuple(counts.shape) == expected.shape
    assert torch.equal(counts, torch.from_numpy(expected.astype(np.int64)))


@pytest.mark.parametrize("name", [n for n in BOW_CORPORA if n not in ("no_documents", "all_documents_empty")])
def test_bow_named_corpora_match_sklearn(name):
    assert_counts_match_sklearn(BOW_CORPORA[name])


def test_bow_shipped_corpora_match_sklearn():
    assert_counts_match_sklearn(load_tokenized())
    assert_counts_match_sklearn(load_corpus("course_reviews"))


@pytest.mark.parametrize("seed", range(5))
def test_bow_spec_generated_corpora_match_sklearn(seed):
    cases = [c for c in BOW.cases(seed) if "corpus" not in c.params]
    assert len(cases) >= BOW.n_random
    for case in cases:
        documents = BOW.inputs(case.params, seed)["documents"]
        if any(documents):  # scikit-learn refuses an empty vocabulary
            assert_counts_match_sklearn(documents)


@pytest.mark.parametrize("seed", range(10))
def test_bow_random_corpora_match_sklearn(seed):
    """Corpora built independently of the spec: capitals, accents, punctuation, empty and long documents."""
    rng = random.Random(seed)
    words = ["Le", "le", "été", "Été", "eau", "zèbre", "z", "œuf", "ça", "l'", "d", "2", "10", "x^2", "ß"]
    words += [f"m{i}" for i in range(rng.randint(0, 40))]
    documents = [[rng.choice(words) for _ in range(rng.choice([0, 1, rng.randint(2, 8), rng.randint(9, 80)]))]
                 for _ in range(rng.randint(1, 40))]
    documents.append([rng.choice(words)])  # never an empty vocabulary
    assert_counts_match_sklearn(documents)


def test_bow_docstring_example():
    counts, vocabulary = bag_of_words_reference([["le", "chat", "dort"], ["le", "chien", "et", "le", "chat"], []])
    assert vocabulary == ["chat", "chien", "dort", "et", "le"]
    assert counts.tolist() == [[1, 0, 1, 0, 1], [1, 1, 0, 1, 2], [0, 0, 0, 0, 0]]
    assert sorted(["été", "eau", "zèbre"]) == ["eau", "zèbre", "été"]


def test_bow_empty_corpora_are_our_choice():
    """(N, 0) for empty documents and (0, 0) for no documents, where scikit-learn raises."""
    counts, vocabulary = bag_of_words_reference([[], [], []])
    assert vocabulary == [] and counts.shape == (3, 0) and counts.dtype == torch.int64
    counts, vocabulary = bag_of_words_reference([])
    assert vocabulary == [] and counts.shape == (0, 0) and counts.dtype == torch.int64
    for documents in ([[], [], []], []):
        with pytest.raises(ValueError):
            sklearn_counts(documents)


def test_bow_named_cases_are_sharp():
    def appearance(documents):
        return list(dict.fromkeys(w for d in documents for w in d))

    assert any(d.count(w) > 1 for d in BOW_CORPORA["repeated_words"] for w in d)
    docs = BOW_CORPORA["sorted_differs_from_appearance"]
    assert appearance(docs) != sorted(appearance(docs))
    vocab = sorted(appearance(BOW_CORPORA["case_sensitive"]))
    assert vocab != sorted(vocab, key=str.lower)
    vocab = sorted(appearance(BOW_CORPORA["accents_sort_after_z"]))
    assert vocab.index("z") < vocab.index("à") and vocab.index("zèbre") < vocab.index("école")
    assert [] in BOW_CORPORA["empty_document"] and any(BOW_CORPORA["empty_document"])
    docs = BOW_CORPORA["more_documents_than_words"]
    assert len(docs) > len(appearance(docs))
    names = {case.name for case in BOW.edge_cases}
    assert set(BOW_CORPORA) | {"corpus_fr", "course_reviews"} <= names


# --- cosine_similarity: the reference is PyTorch's operator; what its cases rely on ------------------------


def numpy_cosine(a: np.ndarray, b: np.ndarray, dim: int, eps: float) -> np.ndarray:
    """The documented semantics, independently: broadcast, each norm clamped by eps on its own, in float64."""
    a, b = np.broadcast_arrays(a.astype(np.float64), b.astype(np.float64))
    na = np.maximum(np.sqrt((a * a).sum(axis=dim, keepdims=True)), eps)
    nb = np.maximum(np.sqrt((b * b).sum(axis=dim, keepdims=True)), eps)
    return ((a / na) * (b / nb)).sum(axis=dim)


@pytest.mark.parametrize("seed", range(3))
def test_cosine_reference_is_the_documented_formula(seed):
    """On this PyTorch, F.cosine_similarity clamps each norm separately (the reason for the named cases)."""
    for case in COS.cases(seed):
        if seed and not case.name.startswith("random"):
            continue
        inputs = COS.inputs(case.params, seed)
        got = cosine_similarity_reference(**inputs)
        expected = numpy_cosine(inputs["a"].numpy(), inputs["b"].numpy(), inputs.get("dim", -1),
                                inputs.get("eps", 1e-8))
        assert got.dtype == torch.promote_types(inputs["a"].dtype, inputs["b"].dtype)
        assert tuple(got.shape) == expected.shape
        tol = 1e-5 if got.dtype == torch.float32 else 1e-12
        np.testing.assert_allclose(got.double().numpy(), expected, rtol=tol, atol=tol)


def test_cosine_docstring_examples():
    a, b = torch.tensor([[1.0, 0.0], [0.0, 0.0]]), torch.tensor([[1.0, 1.0], [3.0, 4.0]])
    torch.testing.assert_close(cosine_similarity_reference(a, b), torch.tensor([1 / math.sqrt(2), 0.0]))
    a, b = torch.tensor([3.0, 4.0]), torch.tensor([[3.0, 4.0], [-4.0, 3.0], [-6.0, -8.0]])
    torch.testing.assert_close(cosine_similarity_reference(a, b), torch.tensor([1.0, 0.0, -1.0]))


def test_cosine_named_cases_are_sharp():
    cases = {c.name: c.params for c in COS.edge_cases}

    def inputs(name):
        return COS.inputs(cases[name], 0)

    tiny = inputs("tiny_norm")
    assert tiny["a"].norm(dim=-1).max() < 1e-8 < 1.0 < tiny["b"].norm(dim=-1).min()
    for name in ("large_eps", "large_eps_float64"):
        x = inputs(name)
        dim, eps = cases[name].get("dim", -1), cases[name]["eps"]
        norms = x["a"].norm(dim=dim)
        assert (norms < eps).any() and (norms > eps).any()
    # where each norm is clamped alone differs from where their product is (PyTorch before 2.0)
    for name in ("tiny_norm", "large_eps"):
        x = inputs(name)
        eps = cases[name].get("eps", 1e-8)
        a, b = x["a"].double(), x["b"].double()
        old = (a * b).sum(-1) / ((a * a).sum(-1) * (b * b).sum(-1)).clamp_min(eps * eps).sqrt()
        assert not torch.allclose(old, cosine_similarity_reference(a, b, eps=eps), atol=1e-3)
    for name in ("zero_vectors", "zero_vectors_dim_0"):
        x = inputs(name)
        dim = cases[name].get("dim", -1)
        assert (x["a"].norm(dim=dim) == 0).any() and (x["b"].norm(dim=dim) == 0).any()
    along = inputs("broadcast_along_dim")
    assert along["a"].shape[-1] == 1 < along["b"].shape[-1]
    assert inputs("default_dim_is_last")["a"].dim() == 3 and "dim" not in cases["default_dim_is_last"]
    assert inputs("mixed_dtypes")["b"].dtype != inputs("mixed_dtypes")["a"].dtype
