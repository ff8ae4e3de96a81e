"""Splits on whitespace and strips punctuation from the ends of each word: apostrophes and hyphens stay
inside words ("l'école", "peut-être")."""
import string
import unicodedata


def preprocess(text, stopwords=()):
    words = unicodedata.normalize("NFC", text).lower().split()
    words = [word.strip(string.punctuation + "«»—’…") for word in words]
    return [word for word in words if word and word not in set(stopwords)]
