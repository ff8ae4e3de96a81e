"""Traitement du texte.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elles donnent.
"""

import torch


def tfidf(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    r"""Le poids tf-idf de chaque terme dans chaque document d'un corpus jetonisé.

    ``documents`` est une liste de N documents, chacun étant une liste de jetons (des chaînes, prises telles
    quelles : pas de passage en minuscules, ``"The"`` et ``"the"`` sont des termes différents). Avec
    ``count(w, d)`` le nombre d'occurrences du terme w dans d :

        tf(w, d)     = count(w, d) / len(d)             (0 pour tout w quand d est vide)
        df(w)        = nombre de documents contenant w (au moins une fois)
        idf(w)       = ln(N / df(w))                    (logarithme népérien, sans lissage, sans +1)
        tfidf(w, d)  = tf(w, d) * idf(w)

    Renvoie ``(matrix, vocabulary)`` :

    - ``vocabulary`` : tous les termes distincts, dans l'ordre de ``sorted()`` (donc les majuscules avant les
      minuscules) ;
    - ``matrix`` : un tenseur float64 de forme ``(N, len(vocabulary))``, la ligne i pour ``documents[i]``, la
      colonne j pour ``vocabulary[j]``.

    Un terme présent dans tous les documents reçoit l'idf ln(1) = 0. Si tous les documents sont vides, le
    vocabulaire est vide et la matrice a la forme ``(N, 0)``. Levez ``ValueError`` pour une liste de documents
    vide (N = 0).

    Exemple : ``[["the", "cat", "sat"], ["the", "dog", "the", "end"], []]``, N = 3.
    Vocabulaire ``["cat", "dog", "end", "sat", "the"]`` ; idf = ln 3 = 1.0986 pour les quatre premiers,
    ln 1.5 = 0.4055 pour "the" (df 2). Ligne 0 : 1/3 * 1.0986 = 0.3662 pour cat et sat, 1/3 * 0.4055 = 0.1352
    pour the. Ligne 1 : 1/4 * 1.0986 = 0.2747 pour dog et end, 2/4 * 0.4055 = 0.2027 pour the. Ligne 2 : des
    zéros.
    """
    raise NotImplementedError("tfidf : compter les termes par document, puis appliquer les formules de la docstring")


def bag_of_words(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    r"""La matrice de comptage du sac de mots d'un corpus jetonisé.

    ``documents`` est une liste de N documents, chacun étant une liste de jetons pris tels quels (pas de
    passage en minuscules : ``"Le"`` et ``"le"`` sont des termes différents). Pour obtenir des jetons à partir
    d'un texte, utilisez la jetonisation du kit : ``from autograder.datasets import load_tokenized, tokenize``.

    Renvoie ``(counts, vocabulary)`` :

    - ``vocabulary`` : tous les jetons distincts, dans l'ordre de ``sorted()``, qui compare les points de code
      Unicode : les majuscules passent avant les minuscules, et les lettres accentuées après ``"z"``
      (``sorted(["été", "eau", "zèbre"])`` vaut ``["eau", "zèbre", "été"]``) ;
    - ``counts`` : un tenseur **int64** de forme ``(N, len(vocabulary))`` ; ``counts[i, j]`` est le nombre
      d'occurrences de ``vocabulary[j]`` dans ``documents[i]``.

    Un document vide donne une ligne de zéros. Si tous les documents sont vides, le vocabulaire est vide et la
    forme est ``(N, 0)`` ; une liste de documents vide donne un tenseur ``(0, 0)`` et ``[]`` (ce n'est pas une
    erreur).

    Exemple : ``[["le", "chat", "dort"], ["le", "chien", "et", "le", "chat"], []]`` donne le vocabulaire
    ``["chat", "chien", "dort", "et", "le"]`` et les comptes
    ``[[1, 0, 1, 0, 1], [1, 1, 0, 1, 2], [0, 0, 0, 0, 0]]``.
    Sur le corpus français du kit, ``counts, vocabulary = bag_of_words(load_tokenized())`` a une ligne par
    texte.
    """
    raise NotImplementedError("bag_of_words : trier les jetons distincts, puis compter chacun dans chaque document")


def cosine_similarity(a: torch.Tensor, b: torch.Tensor, dim: int = -1, eps: float = 1e-8) -> torch.Tensor:
    r"""La similarité cosinus de ``a`` et ``b`` selon ``dim``, comme ``torch.nn.functional.cosine_similarity``.

    Avec ``‖x‖`` la norme euclidienne selon ``dim`` :

        cos(a, b) = somme sur dim de  a / max(‖a‖, eps)  *  b / max(‖b‖, eps)

    Chaque norme est ramenée à eps au minimum séparément (et non leur produit) : un vecteur nul a donc une
    similarité 0 avec n'importe quel vecteur, jamais NaN, et un vecteur de norme inférieure à ``eps`` est
    divisé par ``eps``.

    Formes : ``a`` et ``b`` sont diffusés (broadcasting) l'un contre l'autre, comme dans ``a * b`` ; ``dim``
    (un indice négatif compte à partir de la fin) est une dimension de cette forme diffusée, et le résultat a
    cette forme privée de ``dim``. Diffusez d'abord, calculez les normes ensuite : pour ``a`` de forme
    ``(3, 1)`` et ``b`` de forme ``(3, 4)`` avec ``dim=-1``, chaque valeur de ``a`` est répétée 4 fois avant
    que sa norme soit calculée. Le dtype du résultat est la promotion des dtypes de ``a`` et ``b`` (float32
    avec float64 donne float64). Ici, ``dim`` vaut par défaut la dernière dimension (la valeur par défaut de
    PyTorch lui-même est ``dim=1``).

    Exemple : ``a = [[1., 0.], [0., 0.]]`` et ``b = [[1., 1.], [3., 4.]]`` donnent ``[0.7071, 0.]``
    (1 / ‖(1, 1)‖ = 1 / √2 ; la ligne nulle donne 0). Avec diffusion, ``a = [3., 4.]`` et
    ``b = [[3., 4.], [-4., 3.], [-6., -8.]]`` donnent ``[1., 0., -1.]``.

    N'appelez ni ``F.cosine_similarity`` ni ``nn.CosineSimilarity`` : c'est précisément l'exercice.
    """
    raise NotImplementedError("cosine_similarity : diffuser a et b, diviser chacun par sa norme bornée, puis sommer")


def preprocess(text: str, stopwords=()) -> list[str]:
    r"""Du texte aux jetons : normaliser, passer en minuscules, découper, retirer les mots vides.

    1. Mettez le texte en forme normale Unicode NFC, ``unicodedata.normalize("NFC", text)``, pour qu'un « é »
       saisi comme un « e » suivi d'un accent combinant (U+0301) devienne la lettre unique « é ».
    2. Passez-le en minuscules avec ``str.lower()`` (« É » donne « é », « Œ » donne « œ »).
    3. Un jeton est une suite maximale de ces caractères, et d'eux seuls :

           a … z,  0 … 9,  à â ä ç é è ê ë î ï ô ö ù û ü ÿ æ œ

       c'est-à-dire l'expression régulière ``[0-9a-zàâäçéèêëîïôöùûüÿæœ]+``. Tout autre caractère sépare les
       jetons et disparaît : les espaces (tabulations, retours à la ligne, espace insécable), la ponctuation,
       les apostrophes (' et ’), les traits d'union, les tirets bas, et les lettres absentes de la liste
       (ñ, ß, á ...). Ainsi l'élision sépare (« l'apprentissage » donne « l », « apprentissage »), les mots
       composés aussi (« peut-être » donne « peut », « être »), de même que les nombres décimaux (« 3,14 »
       donne « 3 », « 14 ») ; les chiffres sont gardés, seuls ou à l'intérieur d'un mot (« 2024 », « mp3 »).
    4. Retirez chaque jeton présent dans ``stopwords`` (n'importe quelle collection de chaînes, comparées
       telles quelles aux jetons passés en minuscules : donnez-les en minuscules). Gardez les autres, avec
       leurs répétitions, dans l'ordre du texte.

    Renvoie une liste de chaînes (``[]`` pour un texte vide). Contrairement à ``autograder.datasets.tokenize``
    du kit, cette jetonisation garde les chiffres et ne connaît que les accents du français. Le kit fournit
    une liste de mots vides français : dans un notebook, ``from autograder.datasets import load_stopwords``
    puis ``load_stopwords("fr")`` (le code rendu, lui, ne peut pas importer le kit).

    >>> preprocess("L'apprentissage profond, c’est génial : 3 modèles en 2024 !", stopwords=["l", "c", "est", "en"])
    ['apprentissage', 'profond', 'génial', '3', 'modèles', '2024']
    >>> preprocess("Peut-être qu'il ÉTUDIE l'IA")
    ['peut', 'être', 'qu', 'il', 'étudie', 'l', 'ia']
    """
    raise NotImplementedError("preprocess : NFC, lower(), suites de caractères autorisés, puis retirer les mots vides")


def ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    r"""Les n-grammes d'une liste de jetons : chaque suite de ``n`` jetons consécutifs, dans l'ordre.

    Une liste ``tokens`` de longueur L donne L - n + 1 n-grammes, le i-ième étant ``tuple(tokens[i:i + n])`` :
    des tuples, pour qu'on puisse les compter (``collections.Counter(ngrams(tokens, 2))``) ou s'en servir
    comme clés de dictionnaire. Les n-grammes répétés sont tous gardés. Moins de ``n`` jetons donnent ``[]``
    (aucun n-gramme) ; ``n = 1`` donne les jetons sous forme de tuples à un élément. Levez ``ValueError`` si
    ``n < 1``.

    >>> ngrams(["le", "chat", "dort", "ici"], 2)
    [('le', 'chat'), ('chat', 'dort'), ('dort', 'ici')]
    >>> ngrams(["le", "chat"], 3)
    []
    """
    raise NotImplementedError("ngrams : un tuple par position de départ, len(tokens) - n + 1 en tout")
