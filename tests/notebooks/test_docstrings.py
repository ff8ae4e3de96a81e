"""A statement's docstring as the notebook's Markdown: ``code`` spans, and formula blocks as LaTeX, in the
English statements and the French ones alike (autograder/notebooks/docstrings.py). Each test gives the
docstring text and the exact Markdown or LaTeX it must become."""

from __future__ import annotations

from autograder.notebooks.docstrings import formula_block, latex, to_markdown


def display(*rows: str) -> str:
    """The aligned display that ``formula_block`` makes of these LaTeX rows."""
    return "$$\n\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}\n$$"


# -- accented words: French formulas render as the English ones do --------------------------------------
def test_accented_words_are_words_in_a_formula() -> None:
    assert latex("moyenne des éléments de x") == r"\text{moyenne des éléments de}\ x"
    assert latex("somme sur l'ensemble des valeurs de x") == r"\text{somme sur l'ensemble des valeurs de}\ x"
    assert formula_block(["var = moyenne de (x - mean)^2 sur ces dimensions   biaisée : divisée par N"]) == display(
        r"\mathit{var} &= \text{moyenne de}\ (x-\mathit{mean})^{2}\ \text{sur ces dimensions}"
        r" && \text{biaisée : divisée par N}")


def test_french_connectives_are_set_as_text_as_the_english_ones_are() -> None:
    assert latex("softmax(scores + mask, over S)") == (
        r"\operatorname{softmax}(\mathit{scores}+\mathit{mask},\ \text{over}\ S)")
    assert latex("softmax(scores + mask, sur S)") == (
        r"\operatorname{softmax}(\mathit{scores}+\mathit{mask},\ \text{sur}\ S)")
    assert latex("x_i pour i de 0 à N") == r"x_{i}\ \text{pour}\ i\ \text{de}\ 0\ \text{à}\ N"
    assert latex("(out_channels si bias, sinon 0)") == (
        r"(\mathit{out\_channels}\ \text{si bias},\ \text{sinon}\ 0)")
    assert latex("a / max(x, a)") == r"a/\max(x,a)"  # a one-letter English word is a variable
    # a space after a comma shows before prose only, not before the next argument
    assert latex("images[..., top + i, left + j]") == r"\mathit{images}[\ldots,\mathit{top}+i,\mathit{left}+j]"


def test_a_french_line_of_pseudo_code_stays_code() -> None:
    assert formula_block(["si momentum != 0 : b = g"]) == "```text\nsi momentum != 0 : b = g\n```"


# -- ``code`` spans over two lines -------------------------------------------------------------------------
def test_a_code_span_cut_by_a_line_break_is_joined() -> None:
    doc = "exactly as ``torch.optim.SGD(params, lr,\nweight_decay).step()``. For each ``p``:"
    assert to_markdown(doc) == "exactly as `torch.optim.SGD(params, lr, weight_decay).step()`. For each `p`:\n"


def test_a_code_span_over_three_lines_of_a_list_item_is_joined() -> None:
    doc = ("- Draw from ``generator`` (``torch.rand(x.shape,\n  generator=generator, dtype=x.dtype)``, or"
           " ``Tensor.bernoulli_(1 - p,\n  generator=generator)``), else from torch's.\n- next")
    assert to_markdown(doc) == (
        "- Draw from `generator` (`torch.rand(x.shape, generator=generator, dtype=x.dtype)`, or "
        "`Tensor.bernoulli_(1 - p, generator=generator)`), else from torch's.\n- next\n")


# -- formulas lined up with spaces -----------------------------------------------------------------------
def test_adams_lined_up_formulas() -> None:
    block = ["g     = grad + weight_decay * param              (L2 decay joins the gradient; AdamW decays apart)",
             "m     = beta1 * exp_avg    + (1 - beta1) * g      (running mean of the gradients)",
             "v     = beta2 * exp_avg_sq + (1 - beta2) * g^2    (running mean of their squares)",
             "m_hat = m / (1 - beta1^t),   v_hat = v / (1 - beta2^t)      (bias correction)",
             "param' = param - lr * m_hat / (sqrt(v_hat) + eps)           (eps outside the square root)"]
    assert formula_block(block) == display(
        r"g &= \mathit{grad}+\mathit{weight\_decay}\cdot\mathit{param}"
        r" && \text{(L2 decay joins the gradient; AdamW decays apart)}",
        r"m &= \beta_{1}\cdot\mathit{exp\_avg}+(1-\beta_{1})\cdot g && \text{(running mean of the gradients)}",
        r"v &= \beta_{2}\cdot\mathit{exp\_avg\_sq}+(1-\beta_{2})\cdot g^{2} && \text{(running mean of their squares)}",
        r"\hat{m} &= m/(1-\beta_{1}^{t}),\quad \hat{v}=v/(1-\beta_{2}^{t}) && \text{(bias correction)}",
        r"\mathit{param}' &= \mathit{param}-\mathit{lr}\cdot\hat{m}/(\sqrt{\hat{v}}+\varepsilon)"
        r" && \text{(eps outside the square root)}")


def test_a_formula_after_a_comma_shares_the_row_and_a_note_does_not() -> None:
    assert formula_block(["w' = w - lr * dL/dw,   b' = b - lr * dL/db"]) == display(
        r"w' &= w-\mathit{lr}\cdot\mathit{dL}/\mathit{dw},\quad b'=b-\mathit{lr}\cdot\mathit{dL}/\mathit{db}")
    assert formula_block(["y = x,   for every x"]) == display(r"y &= x && \text{for every x}")


# -- other slips seen in the notebooks ------------------------------------------------------------------
def test_unicode_transpose_and_norm() -> None:
    assert latex("h @ output_weightᵀ + b") == r"h\mathbin{@}\mathit{output\_weight}^{\top}+b"
    assert latex("a / max(‖a‖, eps)") == r"a/\max(\Vert a\Vert ,\varepsilon)"


def test_names_with_an_index() -> None:
    assert latex("r + gamma max_a' Q[s', a']") == r"r+\gamma\max_{a'}Q[s',a']"
    assert latex("r_t + gamma G_{t+1} (1 - done_t)") == r"r_{t}+\gamma\ G_{t+1}(1-\mathit{done}_{t})"
    assert latex("-mean_t(log_prob_t A_t)") == r"-\operatorname{mean}_{t}(\mathit{log\_prob}_{t}\ A_{t})"
    assert latex("argmax_a q_values[a]") == r"\operatorname*{argmax}_{a}q_{\text{values}}[a]"
    assert latex("C_in_g + x0") == r"C_{\text{in g}}+x_{0}"


def test_a_bracket_of_words_is_not_a_call() -> None:
    assert latex("number of documents containing w (at least once)") == (
        r"\text{number of documents containing}\ w\ (\text{at least once})")
    assert latex("alpha (target - Q)") == r"\alpha(\mathit{target}-Q)"
    assert latex("2595 log10(1 + f / 700)") == r"2595\log_{10}(1+f/700)"


def test_a_note_sets_what_text_mode_refuses_in_math() -> None:
    # MathJax 3 and KaTeX refuse _ and ^ in \text: the whole display would show as an error
    assert formula_block(["D[k, n] = s_k   k = 0 .. n_out - 1"]) == display(
        r"D[k,n] &= s_{k} && \text{k = 0 .. n}\_\text{out - 1}")
    assert formula_block(["s = q k^T   (L, S); key^T swaps the last two dims, 5 % & #1"]) == display(
        r"s &= qk^{\top} && \text{(L, S); key}^{\text{T}}\text{ swaps the last two dims, 5 }"
        r"\%\text{ }\&\text{ }\#\text{1}")


def test_a_function_name_with_digits_or_underscores_is_one_upright_name() -> None:
    # MathJax would space out \operatorname{conv2d} as "conv 2d" and \operatorname{leaky\_relu} as "leaky _ relu"
    assert latex("F.conv2d(x, w)") == r"F.\mathop{\mathrm{conv2d}}(x,w)"
    assert latex("leaky_relu(x)") == r"\mathop{\mathrm{leaky\_relu}}(x)"
    assert latex("softmax(x)") == r"\operatorname{softmax}(x)"


def test_a_number_in_scientific_notation_is_a_power_of_ten() -> None:
    assert latex("layer_norm(x, eps=1e-5)") == r"\mathop{\mathrm{layer\_norm}}(x,\varepsilon=10^{-5})"
    assert latex("2.5e-3 + 1e6") == r"2.5\cdot 10^{-3}+10^{6}"
