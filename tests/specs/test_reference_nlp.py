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


# --- preprocess and ngrams -------------------------------------------------------------------------------
# scikit-learn's analyzer does what the docstring states, with its own machinery: ``preprocessor`` (NFC, then
# lower-case), ``token_pattern`` (a token is a match of the pattern), ``stop_words`` (dropped after
# tokenizing), ``ngram_range`` (n-grams of the tokens left, joined by a space). A second, independent
# tokenizer derives the allowed letters from their Unicode names.

import string  # noqa: E402
import unicodedata  # noqa: E402
import warnings  # noqa: E402

from autograder.datasets import load_stopwords, load_texts  # noqa: E402
from autograder.keys.nlp import FRENCH_TOKEN, ngrams_reference, preprocess_reference  # noqa: E402
from autograder.specs import get  # noqa: E402
from autograder.specs.nlp import TEXTS  # noqa: E402

PREPROCESS = get("preprocess")
NGRAMS = get("ngrams")

# the accented letters of French, by name: base letter and accent
_FRENCH_ACCENTS = {"a": ("GRAVE", "CIRCUMFLEX", "DIAERESIS"), "c": ("CEDILLA",),
                   "e": ("ACUTE", "GRAVE", "CIRCUMFLEX", "DIAERESIS"), "i": ("CIRCUMFLEX", "DIAERESIS"),
                   "o": ("CIRCUMFLEX", "DIAERESIS"), "u": ("GRAVE", "CIRCUMFLEX", "DIAERESIS"), "y": ("DIAERESIS",)}
FRENCH_LETTERS = ({unicodedata.lookup(f"LATIN SMALL LETTER {base.upper()} WITH {accent}")
                   for base, accents in _FRENCH_ACCENTS.items() for accent in accents}
                  | {unicodedata.lookup("LATIN SMALL LETTER AE"), unicodedata.lookup("LATIN SMALL LIGATURE OE")})
ALLOWED = set(string.ascii_lowercase) | set(string.digits) | FRENCH_LETTERS


def by_hand(text: str, stopwords=()) -> list[str]:
    """Tokens as maximal runs of ALLOWED characters, scanned one character at a time."""
    tokens, current = [], ""
    for char in unicodedata.normalize("NFC", text).lower():
        if char in ALLOWED:
            current += char
        else:
            tokens.append(current)
            current = ""
    tokens.append(current)
    return [t for t in tokens if t and t not in set(stopwords)]


def sklearn_analyzer(stopwords=(), n: int = 1):
    vectorizer = CountVectorizer(preprocessor=lambda text: unicodedata.normalize("NFC", text).lower(),
                                 token_pattern=FRENCH_TOKEN.pattern, stop_words=list(stopwords) or None,
                                 ngram_range=(n, n))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "stop_words may be inconsistent with your preprocessing"
        return vectorizer.build_analyzer()


def test_the_token_class_is_ascii_digits_and_the_18_french_letters():
    assert len(FRENCH_LETTERS) == 18
    allowed = {chr(c) for c in range(0x20000) if FRENCH_TOKEN.fullmatch(chr(c))}
    assert allowed == ALLOWED


def _preprocess_cases() -> list:
    cases = list(PREPROCESS.edge_cases)
    cases += [c for seed in range(8) for c in PREPROCESS.cases(seed) if c.name.startswith("random")]
    return cases


@pytest.mark.parametrize("case", _preprocess_cases(), ids=lambda c: c.name)
def test_preprocess_matches_sklearn_and_a_hand_scan(case):
    inputs = PREPROCESS.inputs(case.params, 0)
    got = preprocess_reference(**inputs)
    stopwords = inputs.get("stopwords", ())
    assert got == by_hand(inputs["text"], stopwords)
    assert got == sklearn_analyzer(stopwords)(inputs["text"])
    assert all(type(token) is str and token and token not in stopwords for token in got)


def test_preprocess_docstring_examples():
    text = "L'apprentissage profond, c’est génial : 3 modèles en 2024 !"
    assert preprocess_reference(text, stopwords=["l", "c", "est", "en"]) == [
        "apprentissage", "profond", "génial", "3", "modèles", "2024"]
    assert preprocess_reference("Peut-être qu'il ÉTUDIE l'IA") == ["peut", "être", "qu", "il", "étudie", "l", "ia"]


def test_preprocess_rules_one_by_one():
    assert preprocess_reference("l'apprentissage") == ["l", "apprentissage"]
    assert preprocess_reference("l’apprentissage") == ["l", "apprentissage"]
    assert preprocess_reference("arc-en-ciel") == ["arc", "en", "ciel"]
    assert preprocess_reference("3,14 mp3 2024") == ["3", "14", "mp3", "2024"]
    assert preprocess_reference("ÉTÉ ŒUF Ÿ Ç") == ["été", "œuf", "ÿ", "ç"]
    assert preprocess_reference("e\u0301te\u0301") == ["été"]
    assert preprocess_reference("señor straße snake_case") == ["se", "or", "stra", "e", "snake", "case"]
    assert preprocess_reference("") == [] and preprocess_reference(" ,;!? ’ - ") == []
    assert preprocess_reference("le chat et le chien", stopwords={"le", "et"}) == ["chat", "chien"]
    # stop words are compared as given: a capitalised one never matches a lower-cased token
    assert preprocess_reference("Le chat", stopwords=["Le"]) == ["le", "chat"]


def test_preprocess_named_cases_are_what_they_say():
    assert "'" in TEXTS["straight_apostrophes"] and "’" not in TEXTS["straight_apostrophes"]
    assert "’" in TEXTS["curly_apostrophes"] and "'" not in TEXTS["curly_apostrophes"]
    assert unicodedata.normalize("NFC", TEXTS["decomposed_accents"]) != TEXTS["decomposed_accents"]
    assert set(TEXTS["every_accent"].split()) == FRENCH_LETTERS
    upper = TEXTS["uppercase_accents"]
    assert {c.lower() for c in upper if c.isupper() and not c.isascii()} >= {"é", "à", "ô", "ç", "œ", "î", "ë", "ÿ",
                                                                              "æ"}
    assert any(c.isalpha() and c.lower() not in ALLOWED for c in TEXTS["other_letters"])
    assert "\u00a0" in TEXTS["whitespace"] and "\t" in TEXTS["whitespace"]
    # each named text splits differently from str.split() on whitespace, where it is about splitting
    for name in ("straight_apostrophes", "curly_apostrophes", "hyphens", "digits", "punctuation"):
        assert preprocess_reference(TEXTS[name]) != TEXTS[name].lower().split(), name
    # and digits are what a letters-only rule would lose
    assert any(t.isdigit() for t in preprocess_reference(TEXTS["digits"]))


def test_random_preprocess_cases_vary():
    rng = random.Random(0)
    drawn = [PREPROCESS.random_case(rng) for _ in range(200)]
    assert {p.get("stopwords") for p in drawn} == {"fr", "few", "elisions", "digits", "empty", None}
    assert any("corpus_index" in p for p in drawn) and any("n_pieces" in p for p in drawn)


def test_french_stop_words_are_single_lower_case_tokens():
    words = load_stopwords("fr")
    assert len(words) == 131 and words == sorted(set(words))
    for word in words:
        assert unicodedata.normalize("NFC", word) == word == word.lower()
        assert preprocess_reference(word) == [word], word
    # the elided forms stand alone, so "l'école" loses its article
    assert {"l", "d", "j", "m", "n", "s", "t", "c", "qu"} <= set(words)
    assert preprocess_reference("L'école qu'on aime", stopwords=words) == ["école", "aime"]
    # on the French corpus, stop words are a large share of the tokens, and no theme word is one
    tokens = [t for _, text in load_texts() for t in preprocess_reference(text)]
    dropped = sum(t in set(words) for t in tokens)
    assert 0.3 < dropped / len(tokens) < 0.6
    assert not {"four", "farine", "équipe", "match", "concert"} & set(words)


@pytest.mark.parametrize("language", ["../fr", "fr.txt", "FR", ""])
def test_stopword_loader_refuses_other_names(language):
    with pytest.raises(ValueError):
        load_stopwords(language)


def _ngram_cases() -> list:
    return list(NGRAMS.edge_cases) + [c for seed in range(8) for c in NGRAMS.cases(seed) if c.name.startswith("random")]


@pytest.mark.parametrize("case", _ngram_cases(), ids=lambda c: c.name)
def test_ngrams_match_sklearn_and_zip(case):
    inputs = NGRAMS.inputs(case.params, 0)
    tokens, n = inputs["tokens"], inputs["n"]
    if n < 1:
        with pytest.raises(ValueError):
            ngrams_reference(**inputs)
        return
    got = ngrams_reference(**inputs)
    assert type(got) is list and all(type(g) is tuple and len(g) == n for g in got)
    assert got == list(zip(*(tokens[i:] for i in range(n)), strict=False))
    if tokens and all(FRENCH_TOKEN.fullmatch(t) for t in tokens):
        # scikit-learn's word n-grams of the same tokens (they contain no space), joined by a space
        assert [" ".join(g) for g in got] == sklearn_analyzer(n=n)(" ".join(tokens))
    assert len(got) == max(0, len(tokens) - n + 1)


def test_ngrams_docstring_examples():
    assert ngrams_reference(["le", "chat", "dort", "ici"], 2) == [("le", "chat"), ("chat", "dort"), ("dort", "ici")]
    assert ngrams_reference(["le", "chat"], 3) == []
    assert ngrams_reference([], 1) == []
    with pytest.raises(ValueError):
        ngrams_reference(["a"], 0)
