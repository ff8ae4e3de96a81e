"""``make generate``: one command runs every generator, and ``--check`` names every stale artefact."""

from __future__ import annotations

from pathlib import Path

from autograder.release import regenerate


def test_check_runs_every_step_without_writing_and_names_each_stale_artefact(capsys) -> None:
    calls = []

    def step(stale: list[Path]):
        def run(check: bool) -> list[Path]:
            calls.append(check)
            return stale
        return run

    steps = {"notebooks": step([regenerate.ROOT / "exercises" / "cnn.ipynb"]), "README exercise table": step([]),
             "sample class": step([regenerate.ROOT / "examples" / "sample_class" / "ada" / "cnn.py"])}
    assert regenerate.run(check=True, steps=steps) == 1
    assert calls == [True, True, True]
    out = capsys.readouterr().out
    assert "notebooks: exercises/cnn.ipynb out of date" in out
    assert "README exercise table: up to date" in out
    assert "sample class: examples/sample_class/ada/cnn.py out of date" in out
    assert "make generate" in out
    assert regenerate.run(check=False, steps=steps) == 0
    assert calls[3:] == [False, False, False]
    assert regenerate.run(check=True, steps={"README exercise table": step([])}) == 0


def test_differences_name_changed_missing_and_extra_files(tmp_path: Path) -> None:
    built, shipped = tmp_path / "built", tmp_path / "shipped"
    for folder in (built, shipped):
        (folder / "ada").mkdir(parents=True)
        (folder / "ada" / "same.py").write_text("x = 1\n")
    (built / "ada" / "changed.py").write_text("x = 2\n")
    (shipped / "ada" / "changed.py").write_text("x = 3\n")
    (built / "ada" / "new.py").write_text("")
    (shipped / "ada" / "gone.py").write_text("")
    names = ("changed.py", "gone.py", "new.py")
    assert regenerate.differences(built, shipped) == [shipped / "ada" / name for name in names]
    assert regenerate.differences(built, built) == []
