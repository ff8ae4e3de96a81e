"""The seeds that random cases are drawn from, and what each kind of seed may be trusted with.

- The public seed (``PUBLIC_SEED``) is practice: ``check``, the student CI and ``grade`` by default. Its
  cases are no secret (a student release records the hand-written references' answers on them).
- Final grading (``grade-all`` without ``--seed``) draws a secret of 128 bits, kept in the gradebook.

Every case derives from the seed through HMAC-SHA256 (:func:`keyed`), so nothing a submission sees (its
inputs, even the state of the generator that drew them) tells it the seed or any other case's inputs. A
seed chosen by hand is only as secret as it is large: a small one can be found by trying seeds against the
inputs a case receives (:func:`guessable`).
"""

from __future__ import annotations

import hashlib
import hmac

from autograder.core.messages import say

PUBLIC_SEED = 0


def keyed(seed: int, text: str) -> bytes:
    """HMAC-SHA256 of ``text``, keyed by the seed."""
    return hmac.new(str(seed).encode(), text.encode(), hashlib.sha256).digest()


def guessable(seed: int) -> bool:
    """A seed a submission could find by trying seeds against the inputs it is given (one chosen by hand)."""
    return abs(seed) < 2**64


def caution(seed: int) -> str | None:
    """What a grading command says of the seed it was given: that the public one is practice, that a small
    one can be guessed; ``None`` for a seed too large to guess."""
    if seed == PUBLIC_SEED:
        return f"note: {say('practice_seed', seed=PUBLIC_SEED)}"
    if guessable(seed):
        return f"warning: {say('guessable_seed', seed=seed)}"
    return None
