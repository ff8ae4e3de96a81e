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
from sklearn.feature_extraction.text import TfidfVectorizer

from autograder.datasets import load_corpus
from autograder.specs import nlp
from autograder.specs.nlp import CORPORA, tfidf_reference

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
