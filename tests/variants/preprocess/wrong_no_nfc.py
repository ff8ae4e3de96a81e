"""Skips the NFC step: an "é" written as "e" plus a combining accent splits the word in two."""
import re


def preprocess(text, stopwords=()):
    tokens = re.findall("[0-9a-zàâäçéèêëîïôöùûüÿæœ]+", text.lower())
    return [token for token in tokens if token not in stopwords]
