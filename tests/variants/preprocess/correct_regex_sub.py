"""Right: every character outside the allowed set becomes a space, then str.split()."""
import re
import unicodedata

_OUTSIDE = re.compile(r"[^a-z0-9àâäçéèêëîïôöùûüÿæœ]")


def preprocess(text, stopwords=()):
    cleaned = _OUTSIDE.sub(" ", unicodedata.normalize("NFC", text).lower())
    stop = set(stopwords)
    return [word for word in cleaned.split() if word not in stop]
