"""A stub's teaching docstring as Markdown for a notebook, its formula blocks as LaTeX.

Docstrings are written for the terminal: ``code`` in double backquotes (a span may run on to the next
line), and formulas as indented blocks of ``lhs = rhs`` lines with a note after a wide gap
(``r  = sigmoid(W_ir x + b_ir)   the reset gate``). Such a block becomes a LaTeX ``aligned`` display (σ,
subscripts, ᵀ, √, ⌊⌋), its words of prose, English or French (``mean of x over``, ``moyenne de x sur``), set
as text; a block that is not made of formulas (a table of shapes, pseudo-code) stays a code block, as
written. Doctest examples are left out: the notebook runs them in a cell of their own.
"""

from __future__ import annotations

import re
from typing import cast

GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
         "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta",
         "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega"}
SYMBOLS = {"eps": r"\varepsilon", "abar": r"\bar{\alpha}", "inf": r"\infty"}
FUNCTIONS = {"sigmoid": r"\sigma", "tanh": r"\tanh", "exp": r"\exp", "log": r"\log", "ln": r"\ln", "cos": r"\cos",
             "sin": r"\sin", "max": r"\max", "min": r"\min", "sum": r"\sum", "prod": r"\prod", "log10": r"\log_{10}",
             "argmax": r"\operatorname*{argmax}", "argmin": r"\operatorname*{argmin}"}
# operators whose subscript names the variable they run over (max_a' Q[s', a']: the prime is the variable's)
BIG_OPERATORS = ("sum", "prod", "max", "min", "argmax", "argmin")
ENGLISH_PROSE = {"of", "over", "the", "for", "if", "otherwise", "and", "or", "each", "every", "with", "where", "when",
                 "in", "at", "by", "not", "is", "to", "all", "same", "as", "a", "an", "then", "else"}
# the French statements' connectives, set as words as the English ones are (``sur S``, ``si bias, sinon 0``)
FRENCH_PROSE = {"de", "du", "des", "pour", "sinon", "si", "et", "ou", "où", "chaque", "avec", "quand", "sur",
                "dans", "tous", "tout", "toutes", "toute", "le", "la", "les", "un", "une", "par", "à", "au",
                "aux", "en", "est", "sans", "puis", "alors", "entre", "selon", "sauf"}
PROSE = ENGLISH_PROSE | FRENCH_PROSE
# one-letter words: "a" is a variable far more often than the English article, "à" never is
_ONE_LETTER_WORDS = {"à"}
# a French elision (l'entrée, d'un, qu'il) is part of the word it comes before: one token, not l ' entrée
_ELISION = r"(?:qu|[cdjlmnst])'(?=[^\W\d_])"
# identifiers are Unicode words (moyenne, éléments), but a modifier letter T is the transpose (Wᵀ), not a letter
_TOKEN = re.compile(r"(?P<num>\d+(?:\.\d+)?(?:e-?\d+)?)|(?P<id>(?:" + _ELISION + r")?[^\W\dᵀ][^\Wᵀ]*)|(?P<space>\s+)"
                    r"|(?P<op>\.\.\.|\.\.|<=|>=|!=|==|->|\*\*|//|[-+*/@^=<>%,;:|&!~.'\"`?$#\\ᵀ‖·×≤≥≠→])"
                    r"|(?P<open>[(\[{])|(?P<close>[)\]}])|(?P<other>.)")
_CLOSE = {"(": ")", "[": "]", "{": "}"}
_OPS = {"*": r"\cdot", "**": "^", "@": r"\mathbin{@}", "//": r"\mathbin{/\!/}", "..": r"\ldots", "...": r"\ldots",
        "<=": r"\le", ">=": r"\ge", "!=": r"\ne", "==": "=", "->": r"\to", "%": r"\bmod", "|": r"\vert ",
        "&": r"\&", "~": r"\sim ", "$": r"\$", "#": r"\#", "\\": r"\backslash ", "`": "", '"': "''", "?": "?",
        "ᵀ": r"^{\top}", "‖": r"\Vert ", "·": r"\cdot", "×": r"\times", "≤": r"\le", "≥": r"\ge", "≠": r"\ne",
        "→": r"\to"}
# a letter of a word, in any language (what [A-Za-z] was for English)
_LETTERS = re.compile(r"[^\W\d_]+")


class NotAFormula(ValueError):
    """The block is not one this translator renders faithfully: it stays a code block."""


# -- the docstring as Markdown ------------------------------------------------------------------------
def to_markdown(doc: str) -> str:
    """Markdown for a cleaned docstring (``inspect.cleandoc``)."""
    out: list[str] = []
    lines = doc.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">>>"):  # a doctest: up to the next blank line
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        indent = len(line) - len(line.lstrip())
        base = _paragraph_indent(lines, i)
        if line.strip() and indent >= base + 4 and not line.lstrip().startswith("- "):
            block = []
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) >= base + 4):
                block.append(lines[i][base + 4:] if lines[i].strip() else "")
                i += 1
            while block and not block[-1]:
                block.pop()
            if any(b.lstrip().startswith(">>>") for b in block):
                continue
            out.append(formula_block(block))
            out.append("")
            continue
        line, i = _with_code_spans_closed(lines, i)
        out.append(_prose(line))
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _paragraph_indent(lines: list[str], i: int) -> int:
    """The indentation of the prose that an indented block belongs to (a list item's text, or 0)."""
    for j in range(i - 1, -1, -1):
        if lines[j].strip():
            previous = lines[j]
            indent = len(previous) - len(previous.lstrip())
            if previous.lstrip().startswith("- "):
                return indent + 2
            if indent < len(lines[i]) - len(lines[i].lstrip()) - 3:
                return indent
    return 0


def _with_code_spans_closed(lines: list[str], i: int) -> tuple[str, int]:
    """The prose line ``lines[i]``, with the lines after it that a ``code`` span opened in it runs on to joined
    to it (Markdown code can't be cut: each line is rendered on its own), and the index of the next line."""
    line = lines[i]
    i += 1
    while line.count("``") % 2 and i < len(lines) and lines[i].strip() and not lines[i].lstrip().startswith("- "):
        line = line.rstrip() + " " + lines[i].strip()
        i += 1
    return line, i


def _prose(line: str) -> str:
    """A line of prose: ``code`` becomes `code`; what Markdown or MathJax would misread is escaped."""
    parts = re.split(r"(``.+?``)", line)
    rendered = []
    for part in parts:
        if part.startswith("``") and part.endswith("``") and len(part) > 4:
            code = part[2:-2]
            fence = "``" if "`" in code else "`"
            rendered.append(f"{fence}{code}{fence}")
        else:
            rendered.append(part.replace("\\", "\\\\").replace("$", "\\$").replace("<", "&lt;"))
    return "".join(rendered)


def formula_block(block: list[str]) -> str:
    """An aligned LaTeX display for a block of formulas, or the block as code when it is something else."""
    try:
        return "$$\n\\begin{aligned}\n" + " \\\\\n".join(_formula_lines(block)) + "\n\\end{aligned}\n$$"
    except NotAFormula:
        return "```text\n" + "\n".join(block) + "\n```"


def _formula_lines(block: list[str]) -> list[str]:
    rows: list[str] = []
    rhs_column = None
    for line in block:
        if not line.strip():
            raise NotAFormula("blank line inside")
        split = _split_at_equals(line)
        if split is None:
            # a continuation: the right-hand side goes on, under the previous one
            if rhs_column is None or len(line) - len(line.lstrip()) < rhs_column - 2:
                raise NotAFormula(f"not a formula: {line!r}")
            formulas, note = _split_note(line.strip())
            rows.append(r"&\hphantom{{}={}} " + _row_math(formulas) + _note(note))
            continue
        lhs, rhs_start = split
        rhs_column = rhs_start
        formulas, note = _split_note(line[rhs_start:].strip())
        if not _is_left_hand_side(lhs):
            raise NotAFormula(f"left-hand side {lhs!r}")
        rows.append(f"{latex(lhs)} &= {_row_math(formulas)}" + _note(note))
    return rows


def _is_left_hand_side(lhs: str) -> bool:
    """What may stand left of ``=`` in a formula: short, and no prose word (``for each batch: loss = ...`` is
    pseudo-code, not a formula)."""
    return len(lhs) <= 30 and not any(_is_prose_word(word) for word in _LETTERS.findall(lhs))


def _is_prose_word(word: str) -> bool:
    return word in PROSE and (len(word) > 1 or word in _ONE_LETTER_WORDS)


def _row_math(formulas: list[str]) -> str:
    """A row's right-hand side, and the formulas it shares its row with, a quad apart."""
    return r",\quad ".join(latex(formula) for formula in formulas)


def _split_at_equals(line: str) -> tuple[str, int] | None:
    """The left-hand side and where the right-hand side starts, at the first ``=`` outside brackets."""
    depth = 0
    for i, c in enumerate(line):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "=" and depth == 0 and line[i - 1:i] not in ("<", ">", "!", "=") and line[i + 1:i + 2] != "=":
            lhs = line[:i].strip()
            return (lhs, i + 1) if lhs else None
    return None


# what a formula, not a note, goes on with after a gap: the gap only lines it up with the rows around it
_CONTINUING = tuple("+-*/@^=<>&|")


def _split_note(rhs: str) -> tuple[list[str], str]:
    """A row's formulas and its note. A note follows the formula after a gap of three spaces or more
    (outside brackets), except that a gap before an operator only lines the formula up with the rows around
    it (``beta1 * exp_avg    + (1 - beta1) * g``), and a gap after a comma may lead to another formula of the
    same row (``m_hat = m / (1 - beta1^t),   v_hat = v / (1 - beta2^t)``)."""
    pieces = _gap_pieces(rhs)
    formulas = [pieces[0][1]]
    for start, piece in pieces[1:]:
        if piece.startswith(_CONTINUING):
            formulas[-1] += " " + piece
        elif formulas[-1].endswith(",") and _is_formula(piece):
            formulas[-1] = formulas[-1][:-1].rstrip()
            formulas.append(piece)
        else:
            formulas[-1] = formulas[-1].rstrip(",")
            return formulas, rhs[start:].strip()
    return formulas, ""


def _gap_pieces(text: str) -> list[tuple[int, str]]:
    """``text`` cut at its gaps of three spaces or more outside brackets: each piece with where it starts."""
    pieces: list[tuple[int, str]] = []
    depth, start, i = 0, 0, 0
    while i < len(text):
        c = text[i]
        depth += (c in "([{") - (c in ")]}")
        if depth == 0 and text[i:i + 3] == "   ":
            pieces.append((start, text[start:i].strip()))
            while i < len(text) and text[i] == " ":
                i += 1
            start = i
            continue
        i += 1
    pieces.append((start, text[start:].strip()))
    return pieces


def _is_formula(text: str) -> bool:
    """Whether ``text`` is one ``lhs = rhs`` formula that renders."""
    split = _split_at_equals(text)
    if split is None or not _is_left_hand_side(split[0]):
        return False
    try:
        latex(text)
    except NotAFormula:
        return False
    return True


def _note(note: str) -> str:
    return r" && " + _text(note) if note else ""


# characters that text mode refuses or reads as commands (MathJax 3 and KaTeX reject ``\text{n_out}``), set
# in math between the pieces of text instead
_TEXT_SPECIALS = {"_": r"\_", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "{": r"\{", "}": r"\}",
                  "~": r"\sim ", "\\": r"\backslash ", "^": r"\hat{}"}


def _text(text: str) -> str:
    """``text`` as LaTeX text; ``x^2`` or ``key^T`` in it as a superscript, as the note means."""
    pieces = []
    for piece in re.split(r"(\^\w+|[_%&#$~{}\\^])", text):
        if piece.startswith("^") and len(piece) > 1:
            pieces.append(rf"^{{\text{{{piece[1:]}}}}}")
        elif piece in _TEXT_SPECIALS:
            pieces.append(_TEXT_SPECIALS[piece])
        elif piece:
            pieces.append(rf"\text{{{piece}}}")
    return "".join(pieces)


# -- one formula ----------------------------------------------------------------------------------------
def latex(formula: str) -> str:
    """LaTeX for one plain-text formula (``sqrt(abar_t) * x0`` -> ``\\sqrt{\\bar{\\alpha}_{t}} \\cdot x_{0}``)."""
    # every alternative of _TOKEN is a named group, so a match's lastgroup is never None
    tokens = [(cast(str, m.lastgroup), m.group()) for m in _TOKEN.finditer(formula)]
    tree, rest = _group(tokens, 0, None)
    if rest != len(tokens):
        raise NotAFormula("unbalanced brackets")
    return _render(tree)


def _group(tokens: list[tuple[str, str]], i: int, closer: str | None) -> tuple[list, int]:
    items: list = []
    while i < len(tokens):
        kind, text = tokens[i]
        if kind == "close":
            if text != closer:
                raise NotAFormula("unbalanced brackets")
            return items, i
        if kind == "open":
            inner, i = _group(tokens, i + 1, _CLOSE[text])
            if i >= len(tokens):
                raise NotAFormula("unbalanced brackets")
            items.append(("group", text, inner))
        else:
            items.append((kind, text))
        i += 1
    if closer is not None:
        return items, len(tokens) + 1
    return items, i


def _render(items: list) -> str:
    """LaTeX for a token tree. A space in the source shows only between two words (``mean of``, ``x``):
    elsewhere TeX's own spacing is right."""
    out: list[str] = []
    i = 0
    while i < len(items):
        kind, text = items[i][0], items[i][1]
        following = items[i + 1] if i + 1 < len(items) else None
        if kind == "id":
            piece, i = _render_name(items, i)
            out.append(piece)
            continue
        if kind == "op" and text in ("^", "**"):
            power, i = _power(items, i + 1)
            out.append(f"^{{{power}}}")
            continue
        if kind == "space":
            if _space_shows(out, following):
                out.append(r"\ ")
        elif kind == "group":
            out.append(_render_group(items[i]))
        elif kind == "op":
            out.append(_OPS.get(text, text))
        elif kind == "num":
            out.append(_number(text))
        else:  # a character with no meaning of its own
            out.append(text)
        i += 1
    return _join(out)


def _number(text: str) -> str:
    """A number; one in scientific notation as a power of ten (``1e-5`` would read as 1e minus 5)."""
    mantissa, _, exponent = text.partition("e")
    if not exponent:
        return text
    power = f"10^{{{int(exponent)}}}"
    return power if float(mantissa) == 1 else rf"{mantissa}\cdot {power}"


def _render_name(items: list, i: int) -> tuple[str, int]:
    """The name at ``items[i]`` with what it takes of the tokens after it (a run of English words,
    ``sqrt(...)`` or ``floor(...)``, a braced subscript ``x_{t-1}``), and where rendering goes on."""
    words, j = _prose_run(items, i)
    if words:
        return r"\text{" + " ".join(words) + "}", j
    name = items[i][1]
    following = items[i + 1] if i + 1 < len(items) else None
    if following and following[0] == "group" and following[1] == "(" and name in ("sqrt", "floor"):
        inner = _render(following[2])
        return (rf"\sqrt{{{inner}}}" if name == "sqrt" else rf"\left\lfloor {inner} \right\rfloor"), i + 2
    if name.endswith("_") and following and following[0] == "group" and following[1] == "{":
        return f"{_identifier(name[:-1])}_{{{_render(following[2])}}}", i + 2
    head, _, last = name.rpartition("_")
    if head in BIG_OPERATORS and following == ("op", "'"):  # max_a' Q[s', a']: the maximum over a'
        return f"{FUNCTIONS[head]}_{{{_identifier(last)}'}}", i + 2
    is_call = bool(following and following[0] == "group" and following[1] == "(")
    return _identifier(name, is_call), i + 1


def _space_shows(out: list[str], following: tuple | None) -> bool:
    """A space is kept between a word and a name, number or bracket after it, and between a name, number
    or closing bracket and a word, or a bracket that opens on words, after it (``w (at least once)`` is not
    a call of w)."""
    if not out or following is None:
        return False
    if _reads_as_word(out[-1]):
        return following[0] in ("id", "num", "group")
    if following[0] in ("id", "num"):
        word = _render([following])
        # a word after a name, or prose after a comma (``mask, over S``; not ``[..., top + i]``)
        return _reads_as_word(word) and _ends_an_atom(out[-1]) or out[-1] == "," and word.startswith(r"\text{")
    return following[0] == "group" and _render(following[2]).startswith(r"\text{") and _ends_an_atom(out[-1])


def _render_group(group: tuple) -> str:
    """A bracket group with its brackets; braces are set as braces, not as TeX's grouping."""
    opening, closing = group[1], _CLOSE[group[1]]
    if opening == "{":
        opening, closing = r"\{", r"\}"
    return f"{opening}{_render(group[2])}{closing}"


def _reads_as_word(piece: str) -> bool:
    return piece.startswith((r"\text{", r"\mathit{", r"\operatorname{", r"\mathop{"))


def _ends_an_atom(piece: str) -> bool:
    """A name, a number or a closing bracket: what a following word must be set apart from."""
    if piece.startswith(r"\mathbin"):
        return False
    return bool(re.search(r"(?:[^\W_]|[')\]}])$", piece)) and not re.search(r"\\(cdot|le|ge|ne|to|ldots)$", piece)


def _join(pieces: list[str]) -> str:
    """Pieces end to end, with a space only where a control word would otherwise run into a letter."""
    text = ""
    for piece in pieces:
        if re.search(r"\\[A-Za-z]+$", text) and re.match(r"[A-Za-z0-9]", piece):
            text += " "
        text += piece
    return text


def _power(items: list, i: int) -> tuple[str, int]:
    """What follows ``^``: ``T`` (transpose), a number, a name, or a bracket group, with an optional minus."""
    sign = ""
    if i < len(items) and items[i] == ("op", "-"):
        sign, i = "-", i + 1
    if i >= len(items):
        raise NotAFormula("nothing after ^")
    item = items[i]
    if item == ("id", "T"):
        return r"\top", i + 1
    if item[0] == "group":
        return sign + _render(item[2]), i + 1
    if item[0] == "id":
        return sign + _identifier(item[1]), i + 1
    if item[0] == "num":
        return sign + item[1], i + 1
    if item[0] == "op" and item[1] == "|" and i + 2 < len(items) and items[i + 2] == ("op", "|"):
        return sign + rf"\vert {_render([items[i + 1]])}\vert", i + 3
    raise NotAFormula("unexpected power")


def _prose_run(items: list, i: int) -> tuple[list[str], int]:
    """Words in a row (``number of documents containing``, ``moyenne des éléments``), or a lone connective
    (``over``, ``sur``)."""
    words: list[str] = []
    j = i
    while j < len(items) and items[j][0] == "id" and _is_word(items, j):
        words.append(items[j][1])
        if j + 2 < len(items) and items[j + 1][0] == "space" and items[j + 2][0] == "id" and _is_word(items, j + 2):
            j += 2
        else:
            j += 1
            break
    if len(words) >= 2 or (words and _is_prose_word(words[0])):
        return words, j
    return [], i


def _is_word(items: list, j: int) -> bool:
    name = items[j][1]
    following = items[j + 1] if j + 1 < len(items) else None
    if following and following[0] in ("group",) and following[1] in "([":
        return False
    body = name.rpartition("'")[2]  # l'entrée is the word entrée
    return (body.isalpha() and body.islower() and (len(name) > 1 or name in _ONE_LETTER_WORDS)
            and name not in GREEK and name not in SYMBOLS and name not in FUNCTIONS)


def _identifier(name: str, is_call: bool = False) -> str:
    if name.startswith("_") and len(name) > 1:  # the subscript of what precedes: sigma^2_c
        return f"_{{{_identifier(name[1:])}}}"
    if name in FUNCTIONS:
        return FUNCTIONS[name]
    if name in GREEK:
        return f"\\{name}"
    if name in SYMBOLS:
        return SYMBOLS[name]
    digits = re.fullmatch(r"([^\W\d_]+?)(\d+)", name)
    if digits and (len(digits[1]) == 1 or digits[1] in GREEK or digits[1] in SYMBOLS):  # x0, beta1
        return f"{_identifier(digits[1])}_{{{digits[2]}}}"
    if "_" in name.strip("_"):
        base, sub = name.split("_", 1)
        if sub.startswith("hat"):
            hat = rf"\hat{{{_identifier(base)}}}"
            rest = sub[3:].lstrip("_")
            return f"{hat}_{{{_identifier(rest)}}}" if rest else hat
        if len(base) == 1 or base in GREEK or base in SYMBOLS:
            return f"{_identifier(base)}_{{{_subscript(sub)}}}"
        head, _, index = name.rpartition("_")
        if len(index) == 1 and index.isalnum():  # a name with an index: sum_j, done_t, mean_t(...), log_prob_t
            return f"{_identifier(head, is_call)}_{{{index}}}"
        return _operator(name) if is_call else r"\mathit{" + name.replace("_", r"\_") + "}"
    if len(name) == 1:
        return name
    if is_call:
        return _operator(name)
    return r"\mathit{" + name + "}"


def _operator(name: str) -> str:
    r"""A function's name, upright. MathJax spaces out what ``\operatorname`` holds besides letters
    (``conv 2d``, ``leaky _ relu``): such a name is set in ``\mathrm``, an operator all the same."""
    if name.isalpha():
        return r"\operatorname{" + name + "}"
    return r"\mathop{\mathrm{" + name.replace("_", r"\_") + "}}"


def _subscript(sub: str) -> str:
    if len(sub) <= 2 and sub.isalnum():
        return sub
    return r"\text{" + sub.replace("_", " ") + "}"
