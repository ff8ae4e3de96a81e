"""Writes examples/sample_class/: five students' submissions assembled from the graded fixtures.

Each student's module is the concatenation of fixtures from tests/variants/ (or the untouched stubs), so
every answer in the sample class is one the test suite already grades; ``tests/test_sample_class.py``
checks the verdicts the demo shows. ``make generate`` runs it again (with the notebooks and the README's
exercise table), or alone: ``.venv/bin/python examples/build_sample_class.py``.
"""

from __future__ import annotations

import ast
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ROOT / "tests" / "variants"
OUT = ROOT / "examples" / "sample_class"

# student -> module -> fixtures (exercise/fixture), or "stub" for the untouched exercise file
MODULES = sorted(p.stem for p in (ROOT / "exercises").glob("*.py"))


def _everything_right() -> dict[str, list[str]]:
    """For every exercise of every module, a correct fixture other than the key (the first by name)."""
    sys.path.insert(0, str(ROOT))
    from autograder.specs import all_exercises

    chosen: dict[str, list[str]] = {}
    for exercise in all_exercises():
        first = sorted((VARIANTS / exercise.id).glob("correct_*.py"))[0]
        chosen.setdefault(exercise.module, []).append(f"{exercise.id}/{first.stem}")
    return chosen


STUDENTS: dict[str, dict[str, list[str] | str]] = {
    "ada": _everything_right(),  # everything right, each answer written in another way than the key
    "alan": dict.fromkeys(MODULES, "stub"),  # not started
    "grace": {  # solid on shapes, tripped by conventions; has not reached diffusion yet
        "cnn": ["conv_output_size/correct_loop"],
        "rnn": ["gru_step/wrong_update_convention_swapped"],
        "nlp": ["tfidf/wrong_log10"],
        "attention": ["scaled_dot_product_attention/correct_additive_mask",
                      "multi_head_self_attention/wrong_no_out_projection"],
    },
    "john": {  # reaches for PyTorch's own modules, and loops over elements
        "cnn": ["conv_output_size/forbidden_runs_a_convolution"],
        "rnn": ["gru_step/forbidden_grucell_module"],
        "nlp": ["tfidf/correct_loops"],
        "attention": ["scaled_dot_product_attention/slow_python_loops", "multi_head_self_attention/forbidden_module"],
        "diffusion": ["linear_beta_schedule/wrong_end_exclusive", "cosine_beta_schedule/correct_numpy_alpha_bar",
                      "q_sample/wrong_images_only"],
    },
    "katherine": {  # careful with numbers, forgets validation and batch-free inputs
        "cnn": ["conv_output_size/wrong_no_validation"],
        "rnn": ["gru_step/wrong_crashes_on_unbatched"],
        "nlp": ["tfidf/correct_numpy"],
        "attention": ["scaled_dot_product_attention/wrong_causal_bottom_right",
                      "multi_head_self_attention/correct_loop_over_heads"],
        "diffusion": ["linear_beta_schedule/correct_loop", "cosine_beta_schedule/wrong_no_clipping",
                      "q_sample/correct_einsum"],
    },
}


def body(path: Path) -> tuple[str, str]:
    """A fixture's docstring and its code without the docstring or ``from __future__`` imports."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    doc = ast.get_docstring(tree) or ""
    lines = source.splitlines()
    start = tree.body[0].end_lineno if doc else 0
    kept = [line for line in lines[start:] if not line.startswith("from __future__")]
    return doc, "\n".join(kept).strip() + "\n"


def main() -> None:
    build(OUT)
    print(f"wrote {len(STUDENTS)} submissions to {OUT}")


def build(out: Path) -> None:
    """Write the sample class into ``out``, replacing whatever is there (``make generate`` builds it into a
    temporary folder first, to compare)."""
    shutil.rmtree(out, ignore_errors=True)
    for student, modules in STUDENTS.items():
        folder = out / student
        folder.mkdir(parents=True)
        for module, fixtures in modules.items():
            if fixtures == "stub":
                shutil.copy(ROOT / "exercises" / f"{module}.py", folder / f"{module}.py")
                continue
            parts = [f'"""{student}\'s {module}.py (sample submission, built by examples/build_sample_class.py)."""\n'
                     "from __future__ import annotations\n"]
            for fixture in fixtures:
                doc, code = body(VARIANTS / f"{fixture}.py")
                parts.append(f"# {fixture}: {doc.splitlines()[0] if doc else ''}\n{code}")
            (folder / f"{module}.py").write_text("\n\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
