"""Apprentissage par renforcement : retours actualisés, Q-learning tabulaire, actions ε-gloutonnes, REINFORCE.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elles donnent.
"""

import torch


def discounted_returns(rewards: torch.Tensor, gamma: float, dones: torch.Tensor | None = None) -> torch.Tensor:
    r"""Le retour actualisé de chaque pas de temps d'une trajectoire (ou de B trajectoires côte à côte).

        G_t = r_t + gamma G_{t+1} (1 - done_t)        pour t allant de T - 1 à 0
        G_T = 0                                      (rien après le dernier pas de temps)

    ``rewards`` a la forme ``(T,)`` ou ``(T, B)`` : le temps d'abord, B environnements exécutés côte à côte.
    ``dones`` (``None``, ou un tenseur de même forme : des booléens, ou des flottants 0. / 1.) marque les pas
    de temps qui terminent un épisode : là où done_t est vrai, G_t = r_t, et le retour de l'épisode suivant
    n'est pas propagé en arrière à travers la frontière. ``None`` signifie qu'aucun épisode ne se termine à
    l'intérieur de la trajectoire. ``gamma``, le facteur d'actualisation, est un flottant de [0, 1].

    Renvoie un tenseur de la forme et du dtype de ``rewards`` (``T = 0`` donne un tenseur vide). La
    récurrence remonte le temps : la bonne méthode est une seule boucle sur T dont chaque pas traite les B
    environnements à la fois (pas de boucle sur B : le budget de temps est 10 fois celui de la référence, qui
    ne boucle que sur T). Les valeurs sont comparées avec rtol et atol 1e-5 (une somme en float32 accumule
    les erreurs d'arrondi sur de longs horizons).

    >>> discounted_returns(torch.tensor([1.0, 1.0, 1.0]), 0.9)
    tensor([2.7100, 1.9000, 1.0000])
    >>> discounted_returns(torch.tensor([1.0, 1.0, 1.0]), 0.9, dones=torch.tensor([False, True, False]))
    tensor([1.9000, 1.0000, 1.0000])
    """
    raise NotImplementedError("discounted_returns : boucler sur t de T - 1 à 0, G = r_t + gamma G (1 - done_t)")


def q_learning_update(q: torch.Tensor, state: torch.Tensor, action: torch.Tensor, reward: torch.Tensor,
                      next_state: torch.Tensor, done: torch.Tensor, alpha: float, gamma: float) -> torch.Tensor:
    r"""Q-learning tabulaire : appliquer N transitions à une table Q, l'une après l'autre, dans l'ordre.

    Pour la transition i = 0 .. N - 1, avec s = state[i], a = action[i], r = reward[i], s' = next_state[i] :

        target  = r + gamma max_a' Q[s', a'] (1 - done[i])       (pas d'amorçage après un pas terminal)
        Q[s, a] = Q[s, a] + alpha (target - Q[s, a])

    Chaque transition voit la table telle que les précédentes l'ont laissée : le même couple (s, a) présent
    deux fois est mis à jour deux fois, et un max sur une ligne qu'une transition antérieure a modifiée
    utilise la nouvelle valeur. Les N mises à jour ne peuvent donc pas être faites toutes à la fois par une
    seule opération d'indexation ; on attend une boucle sur les transitions (pas de budget de temps).

    Formes : ``q`` est ``(S, A)`` (float32 ou float64) ; ``state``, ``action``, ``next_state`` sont des int64
    de forme ``(N,)`` ; ``reward`` ``(N,)`` dans le dtype de q ; ``done`` booléen ``(N,)``. N peut valoir 0.
    ``alpha`` (le taux d'apprentissage) et ``gamma`` (le facteur d'actualisation) sont des flottants. Renvoie
    la nouvelle table, un nouveau tenseur de la forme et du dtype de q : ``q`` lui-même ne doit pas être
    modifié (travaillez sur ``q.clone()`` ; le correcteur ne compare que la table renvoyée). Les valeurs sont
    comparées avec rtol et atol 1e-5.

    Exemple : Q = 0 (2 états, 2 actions), alpha = 0.5, gamma = 0.9. Transition (0, 1, r = 1, s' = 1) :
    Q[0, 1] = 0.5 (1 + 0.9 * 0) = 0.5. Puis (1, 0, r = 2, s' = 0), non terminale : le max de la ligne 0 vaut
    maintenant 0.5, donc Q[1, 0] = 0.5 (2 + 0.9 * 0.5) = 1.225.

    >>> q_learning_update(torch.zeros(2, 2), torch.tensor([0, 1]), torch.tensor([1, 0]), torch.tensor([1.0, 2.0]),
    ...                   torch.tensor([1, 0]), torch.tensor([False, False]), alpha=0.5, gamma=0.9)
    tensor([[0.0000, 0.5000],
            [1.2250, 0.0000]])
    """
    raise NotImplementedError("q_learning_update : cloner q, puis rapprocher Q[s, a] de sa cible, dans l'ordre")


def epsilon_greedy(q_values: torch.Tensor, epsilon: float, u: torch.Tensor,
                   random_action: torch.Tensor) -> torch.Tensor:
    r"""Les actions d'une politique ε-gloutonne, l'aléa étant fourni : exploration là où u < epsilon,
    exploitation sinon.

        action = argmax_a q_values[a]      si u >= epsilon     (exploitation)
        action = random_action             si u <  epsilon     (exploration)

    ``u`` contient des tirages uniformes dans [0, 1) et ``random_action`` des actions tirées uniformément,
    les deux fournis par l'appelant (le résultat est ainsi reproductible). En cas d'égalité,
    l'indice le plus petit l'emporte, comme avec ``torch.argmax``. epsilon = 0 exploite toujours, epsilon = 1
    explore toujours ; u égal à epsilon exploite.

    Formes : ``q_values`` est ``(B, A)`` (un lot d'états, une ligne par état), ``u`` flottant ``(B,)``,
    ``random_action`` int64 ``(B,)`` ; renvoie un int64 ``(B,)``. Un seul état : ``q_values`` ``(A,)`` avec
    ``u`` et ``random_action`` de dimension 0 donne un tenseur int64 de dimension 0.

    >>> epsilon_greedy(torch.tensor([[1.0, 3.0, 3.0], [0.0, -1.0, 2.0]]), 0.1, torch.tensor([0.5, 0.05]),
    ...                torch.tensor([2, 0]))
    tensor([1, 0])

    La ligne 0 exploite (0.5 >= 0.1) : les actions 1 et 2 sont à égalité à 3, la première l'emporte. La
    ligne 1 explore (0.05 < 0.1).
    """
    raise NotImplementedError("epsilon_greedy : argmax de chaque ligne, remplacé par random_action là où u < epsilon")


def reinforce_loss(log_probs: torch.Tensor, returns: torch.Tensor, baseline=None,
                   normalize: bool = False) -> torch.Tensor:
    r"""La fonction de perte de REINFORCE (gradient de la politique) : l'opposé de la moyenne des
    log pi(a_t | s_t), chacun pondéré par son avantage.

        A_t  = G_t - b_t                                 (b = 0 sans ligne de base)
        A_t  = (A_t - mean(A)) / (std(A) + eps)         (seulement avec normalize=True)
        loss = -mean_t(log_prob_t A_t)

    Dans cet ordre : soustraire la ligne de base, puis normaliser. ``std`` est l'écart type non biaisé (divisé
    par n - 1, le comportement par défaut de ``Tensor.std()``) sur tous les éléments, et eps = 1.1920929e-07
    (l'epsilon machine de float32, ``torch.finfo(torch.float32).eps``, quel que soit le dtype), comme dans
    l'exemple REINFORCE de PyTorch : quand tous les A_t sont égaux, std vaut 0 et les avantages normalisés
    sont tous nuls, et non NaN. Avec ``normalize=True`` et moins de deux éléments, levez ``ValueError``
    (l'écart type non biaisé d'une seule valeur n'est pas défini).

    ``log_probs`` et ``returns`` ont la même forme (``(T,)``, ou ``(T, B)`` : la moyenne porte sur tous les
    éléments) ; ``baseline`` est ``None``, un flottant, ou un tenseur de cette forme (une estimation de la
    valeur à chaque pas de temps). Renvoie un tenseur de dimension 0 du dtype de log_probs. Les avantages
    sont des poids, ils ne font pas partie du graphe de calcul : seuls les ``log_probs`` doivent porter un
    gradient (appliquez ``.detach()`` aux avantages quand la ligne de base vient d'un réseau ; le correcteur
    compare les valeurs).

    Exemple : log_probs = [-1, -2], returns = [3, 1] : loss = -mean(-3, -2) = 2.5. Avec la ligne de base 2,
    A = [1, -1] et loss = -mean(-1, 2) = -0.5. Avec normalize=True (sans ligne de base), A = [3, 1] a pour
    moyenne 2 et pour écart type √2, donc A = [0.7071, -0.7071] et loss = -mean(-0.7071, 1.4142) = -0.3536.

    >>> reinforce_loss(torch.tensor([-1.0, -2.0]), torch.tensor([3.0, 1.0]), baseline=2.0)
    tensor(-0.5000)
    """
    raise NotImplementedError("reinforce_loss : A = G - b, normalisé si demandé, puis -mean(log_prob * A)")
