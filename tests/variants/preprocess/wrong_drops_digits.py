"""Reuses the kit's tokenize rule (runs of letters of any script): digits are dropped, ñ and ß kept."""
import re
import unicodedata


def preprocess(text, stopwords=()):
    tokens = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text).lower())
    return [token for token in tokens if token not in stopwords]
