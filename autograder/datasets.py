"""Small data sets shipped with the kit, in ``datasets/`` at the repository root: text corpora, image folders."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
# what stays with the grader: the held-out images with their labels, which score train_lenet and
# train_autoencoder (a student release leaves them out and checks on a split of the training images instead)
HELD_OUT = ("digits/test",)


def has_split(name: str, split: str) -> bool:
    """``datasets/<name>/<split>/`` is here (a student release has no held-out split)."""
    return (DATASETS / name / split).is_dir()


def load_corpus(name: str) -> list[list[str]]:
    """Read ``datasets/<name>.txt``: one document per line, lower-cased and split on whitespace.

    A blank line is an empty document (``[]``); the newline that ends the file does not start one.
    """
    # a plain file name only: the name comes from a spec's parameters, never a path to wander with
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ValueError(f"not a corpus name: {name!r}")
    text = (DATASETS / f"{name}.txt").read_text(encoding="utf-8")
    return [line.lower().split() for line in text.splitlines()]


FRENCH_CORPUS = "corpus_fr"
# a run of letters, any script, accented or not: \w without digits and underscore
_WORD = re.compile(r"[^\W\d_]+")


def tokenize(text: str) -> list[str]:
    """Lower-case ``text`` and split it on everything that is not a letter.

    Accented letters are letters (é, è, à, ç, œ stay inside their word); apostrophes (' and ’), hyphens,
    digits, spaces and punctuation separate words and are dropped. So elision splits:
    ``tokenize("L'école d'été, aujourd'hui à 8 h !")`` is
    ``["l", "école", "d", "été", "aujourd", "hui", "à", "h"]``. The text is put in Unicode NFC form first,
    so an "é" typed as "e" plus a combining accent is the same word as a precomposed "é".
    """
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def load_texts(name: str = FRENCH_CORPUS) -> list[tuple[str, str]]:
    """Read ``datasets/<name>.tsv``: a header line, then one ``theme<TAB>text`` document per line.

    Returns ``(theme, text)`` pairs in file order; the text is untouched (see :func:`tokenize`).
    """
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ValueError(f"not a corpus name: {name!r}")
    header, *lines = (DATASETS / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    if header.split("\t") != ["theme", "texte"]:
        raise ValueError(f"{name}.tsv does not start with the header 'theme<TAB>texte'")
    pairs = []
    for number, line in enumerate(lines, start=2):
        theme, tab, text = line.partition("\t")
        if not tab or not theme or "\t" in text:
            raise ValueError(f"{name}.tsv line {number}: expected 'theme<TAB>text'")
        pairs.append((theme, text))
    return pairs


def load_tokenized(name: str = FRENCH_CORPUS) -> list[list[str]]:
    """The documents of ``datasets/<name>.tsv``, each as :func:`tokenize` splits it."""
    return [tokenize(text) for _, text in load_texts(name)]


def load_stopwords(language: str = "fr") -> list[str]:
    """Read ``datasets/stopwords/<language>.txt``: one stop word per line, in the file's (sorted) order.

    The words are lower-case and in NFC form, each a single token of the ``nlp`` exercise ``preprocess``
    (elided forms such as ``l``, ``d``, ``qu`` stand alone); blank lines are skipped.
    """
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise ValueError(f"not a language code: {language!r}")
    text = (DATASETS / "stopwords" / f"{language}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def load_image_folder(name: str, split: str) -> tuple[torch.Tensor, torch.Tensor, list[str]]:
    """Read ``datasets/<name>/<split>/<class>/*.png`` as torchvision's ``ImageFolder`` lists it.

    Returns the images as one ``(N, C, H, W)`` uint8 tensor (grayscale files keep one channel: ImageFolder's
    default loader would convert them to RGB), their labels as ``(N,)`` int64 indices into the sorted class
    names, and those names; in ImageFolder's order (by class, then file name). Read once per process; the
    tensors returned are private copies.
    """
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name) or not re.fullmatch(r"[A-Za-z0-9_-]+", split):
        raise ValueError(f"not an image folder: {name!r}/{split!r}")
    images, labels, classes = _read_image_folder(name, split)
    return images.clone(), labels.clone(), list(classes)


@cache
def _read_image_folder(name: str, split: str) -> tuple[torch.Tensor, torch.Tensor, tuple[str, ...]]:
    # ImageFolder's listing, read with PIL alone: importing torchvision costs seconds (its models import
    # TorchDynamo), in every grading process; tests/test_datasets.py checks that ImageFolder agrees
    import numpy as np
    import torch
    from PIL import Image

    root = DATASETS / name / split
    if not root.is_dir():
        raise FileNotFoundError(f"no image folder {root}")
    classes = tuple(sorted(entry.name for entry in root.iterdir() if entry.is_dir()))
    images, labels = [], []
    for label, class_name in enumerate(classes):
        for path in sorted((root / class_name).rglob("*"), key=str):
            if path.is_file() and path.suffix.lower() in _IMAGE_EXTENSIONS:
                with Image.open(path) as image:
                    pixels = np.asarray(image.convert("L" if image.mode in ("1", "L") else "RGB"))
                images.append(torch.from_numpy(pixels.copy()).reshape(*pixels.shape[:2], -1).permute(2, 0, 1))
                labels.append(label)
    return torch.stack(images), torch.tensor(labels, dtype=torch.int64), classes


# the extensions ImageFolder accepts (torchvision.datasets.folder.IMG_EXTENSIONS)
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp")
