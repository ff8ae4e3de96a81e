"""The French corpus shipped in datasets/, its loader and the tokenizer the exercises share."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
import torch

from autograder import datasets
from autograder.datasets import FRENCH_CORPUS, load_corpus, load_texts, load_tokenized, tokenize
from autograder.keys.embeddings import cbow_pairs_reference
from autograder.keys.nlp import bag_of_words_reference, tfidf_reference

# --- the tokenizer -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, tokens", [
    ("L'école d'été, aujourd'hui à 8 h !", ["l", "école", "d", "été", "aujourd", "hui", "à", "h"]),
    ("l’été", ["l", "été"]),  # the typographic apostrophe splits too
    ("ÉCOLE Œuvre Ça", ["école", "œuvre", "ça"]),  # upper-case accented letters are lower-cased, kept
    ("peut-être", ["peut", "être"]),
    ("2024, 10h30 : H2O", ["h", "h", "o"]),  # digits are not letters
    ("mot_clé", ["mot", "clé"]),  # nor is the underscore
    ("noël maïs garçon crème", ["noël", "maïs", "garçon", "crème"]),
    ("  \t\n", []),
    ("", []),
])
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


def test_tokenize_treats_decomposed_accents_as_their_letter():
    decomposed = unicodedata.normalize("NFD", "Été à l'école")
    assert decomposed != "Été à l'école"
    assert tokenize(decomposed) == ["été", "à", "l", "école"]


# --- the corpus ----------------------------------------------------------------------------------------------


def test_corpus_shape_and_themes():
    texts = load_texts()
    themes = Counter(theme for theme, _ in texts)
    assert 30 <= len(texts) <= 60
    assert len(themes) >= 6 and min(themes.values()) >= 4
    assert {"cuisine", "sport", "sciences", "musique", "voyages", "informatique"} <= set(themes)
    for _, text in texts:
        assert text == text.strip() and "\t" not in text
        assert text.count(". ") >= 2, "each document is a few sentences"
        assert unicodedata.normalize("NFC", text) == text


def test_corpus_is_written_french():
    text = " ".join(t for _, t in load_texts())
    for letter in "éèàçêôœù":
        assert letter in text, letter
    words = Counter(w for d in load_tokenized() for w in d)
    # elision gives the one-letter tokens the tokenizer documents
    assert words["l"] >= 20 and words["d"] >= 20
    assert {"le", "la", "les", "de", "et", "un", "une"} <= set(words)


def test_load_tokenized_is_tokenize_of_each_text():
    assert load_tokenized() == [tokenize(text) for _, text in load_texts(FRENCH_CORPUS)]
    for document in load_tokenized():
        assert all(w.isalpha() and w == w.lower() for w in document)


def test_enough_for_bag_of_words():
    counts, vocabulary = bag_of_words_reference(load_tokenized())
    assert counts.shape == (len(load_texts()), len(vocabulary))
    assert len(vocabulary) >= 800
    document_frequency = (counts > 0).sum(dim=0)
    assert int((document_frequency >= 2).sum()) >= 150, "many words shared between documents"
    assert int((counts >= 2).sum()) >= 100, "words repeated inside documents"
    assert any(w > "z" for w in vocabulary), "accented words that sort after z"


def test_tfidf_finds_each_documents_theme_better_than_raw_counts():
    """The nearest document by cosine similarity mostly shares the theme under tf-idf; raw counts, dominated
    by le / la / de, do much worse: what the TF-IDF lesson shows on this corpus."""
    themes = [theme for theme, _ in load_texts()]
    documents = load_tokenized()

    def same_theme_neighbours(matrix: torch.Tensor) -> int:
        unit = matrix / matrix.norm(dim=1, keepdim=True)
        similarity = unit @ unit.T
        similarity.fill_diagonal_(-1.0)
        return sum(themes[i] == themes[j] for i, j in enumerate(similarity.argmax(dim=1).tolist()))

    tfidf, _ = tfidf_reference(documents)
    counts, _ = bag_of_words_reference(documents)
    with_tfidf = same_theme_neighbours(tfidf)
    with_counts = same_theme_neighbours(counts.to(torch.float64))
    assert with_tfidf >= 0.75 * len(documents)
    assert with_counts <= 0.5 * len(documents) < with_tfidf
    assert (with_tfidf, with_counts) == (40, 18)  # as datasets/README.md says


def test_enough_for_cbow():
    documents = load_tokenized()
    pairs = [pair for document in documents for pair in cbow_pairs_reference(document, 2)]
    assert len(pairs) >= 2000
    centres = Counter(centre for _, centre in pairs)
    # words met in many different contexts: what CBOW learns embeddings from
    assert sum(n >= 5 for n in centres.values()) >= 40
    assert sum(n >= 2 for n in centres.values()) >= 200


# --- the loaders ---------------------------------------------------------------------------------------------


def test_course_reviews_loader_unchanged():
    documents = load_corpus("course_reviews")
    assert len(documents) == 41 and all(w == w.lower() for d in documents for w in d)


@pytest.mark.parametrize("name", ["../secrets", "a/b", "", "x.tsv"])
def test_load_texts_refuses_paths(name):
    with pytest.raises(ValueError):
        load_texts(name)


def test_load_texts_reads_theme_tab_text(tmp_path, monkeypatch):
    (tmp_path / "mini.tsv").write_text("theme\ttexte\ncuisine\tLe pain.\nsport\tUn but !\n", encoding="utf-8")
    monkeypatch.setattr(datasets, "DATASETS", tmp_path)
    assert load_texts("mini") == [("cuisine", "Le pain."), ("sport", "Un but !")]
    assert load_tokenized("mini") == [["le", "pain"], ["un", "but"]]


@pytest.mark.parametrize("content", ["cuisine\tLe pain.\n", "theme\ttexte\ncuisine Le pain.\n",
                                     "theme\ttexte\n\tsans thème\n", "theme\ttexte\na\tb\tc\n"])
def test_load_texts_refuses_malformed_files(tmp_path, monkeypatch, content):
    (tmp_path / "bad.tsv").write_text(content, encoding="utf-8")
    monkeypatch.setattr(datasets, "DATASETS", tmp_path)
    with pytest.raises(ValueError):
        load_texts("bad")


def test_documented_figures():
    """What datasets/README.md and the exercises' docstrings say about the corpus."""
    texts = load_texts()
    assert len(texts) == 48
    assert Counter(theme for theme, _ in texts) == dict.fromkeys(
        ["cuisine", "sport", "sciences", "musique", "voyages", "informatique", "nature", "cinéma"], 6)
    pairs = sum(len(cbow_pairs_reference(document, 2)) for document in load_tokenized())
    assert 2300 <= pairs <= 2500  # "about 2,400"


def test_image_folders_are_read_as_torchvision_s_image_folder_lists_them() -> None:
    from PIL import Image
    from torchvision.datasets import ImageFolder
    from torchvision.transforms.functional import pil_to_tensor

    from autograder.datasets import DATASETS, load_image_folder

    def open_image(path: str) -> Image.Image:
        with open(path, "rb") as file:
            image = Image.open(file)
            return image.convert("L" if image.mode in ("1", "L") else "RGB")

    for split in ("train", "test"):
        images, labels, classes = load_image_folder("digits", split)
        folder = ImageFolder(str(DATASETS / "digits" / split), loader=open_image, transform=pil_to_tensor)
        assert classes == folder.classes and labels.tolist() == folder.targets
        assert images.dtype == torch.uint8 and torch.equal(images, torch.stack([image for image, _ in folder]))
