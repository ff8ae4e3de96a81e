"""The warm grading service: a private folder, its own user only, reused only when it matches, replaced
when dead or stale, two checks at once, idle exit; and the doors that must not use it."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from autograder.core.grader import Grader
from autograder.service import client, key, paths, server, wire

ROOT = Path(__file__).resolve().parents[2]
WRONG = ROOT / "tests/variants/gru_step/wrong_update_convention_swapped.py"


# -- the private folder and the peer ------------------------------------------------------------------
def test_the_folder_is_made_private_and_refused_when_it_is_not_ours(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "svc"
    monkeypatch.setenv("AUTOGRADER_SERVICE_DIR", str(folder))
    assert paths.private_dir() == folder and stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o755)  # opened by hand: closed again
    paths.private_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    link = tmp_path / "link"
    link.symlink_to(folder)
    monkeypatch.setenv("AUTOGRADER_SERVICE_DIR", str(link))
    with pytest.raises(paths.UnsafeFolder, match="not a folder"):
        paths.private_dir()
    if os.getuid() == 0:  # another user's folder (root can make one)
        other = tmp_path / "other"
        other.mkdir(mode=0o700)
        os.chown(other, 65534, 65534)
        monkeypatch.setenv("AUTOGRADER_SERVICE_DIR", str(other))
        with pytest.raises(paths.UnsafeFolder, match="another user"):
            paths.private_dir()
        with pytest.raises(client.ServiceUnavailable):
            client.check("cpu", 0, False, path=tmp_path)


def test_the_default_folder_is_per_user(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AUTOGRADER_SERVICE_DIR", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert paths.private_dir(create=False) == tmp_path / f"autograder-{os.getuid()}"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    assert paths.private_dir(create=False).name == f"autograder-{os.getuid()}"
    assert paths.private_dir(create=False).parent != tmp_path / "missing"


def test_only_the_services_own_user_is_served() -> None:
    assert paths.peer_allowed(1000, own_uid=1000)
    assert not paths.peer_allowed(0, own_uid=1000)  # root is another user too
    assert not paths.peer_allowed(1000, own_uid=0)
    left, right = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with left, right:
        assert paths.peer_uid(left) == os.getuid()  # what the kernel says of the other end


@pytest.mark.skipif(os.getuid() != 0 or not shutil.which("setpriv") or not Path("/usr/bin/python3").exists(),
                    reason="needs root, setpriv and a system python to run a client as another user")
def test_a_client_of_another_user_gets_nothing() -> None:
    """A service whose socket another user could reach (as if its folder were opened) answers that user
    nothing: the server checks the peer's uid before it reads a request."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="autograder-open-"))  # under /tmp: reachable by nobody
    folder.chmod(0o777)
    service = server.Service(folder, {"version": "test"}, idle=60.0)
    service.bind()
    (folder / paths.SOCKET).chmod(0o777)
    thread = threading.Thread(target=service.serve, daemon=True)
    thread.start()
    try:
        ask = ("import socket, struct, sys\ns = socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\n"
               "b = b'{\"op\": \"hello\"}'\ntry:\n    s.sendall(struct.pack('<Q', len(b)) + b)\n"
               "    got = s.recv(100)\nexcept OSError:\n    got = b''\nprint(repr(got))\n")
        done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3",
                               "-c", ask, str(folder / paths.SOCKET)], capture_output=True, text=True, timeout=60)
        assert done.stdout.strip() == "b''", done.stdout + done.stderr  # connected, and told nothing
        assert client._ask(folder / paths.SOCKET, {"op": "hello"}, 10)["key"] == {"version": "test"}  # its own user
        assert "refused a connection from uid 65534" in "".join(service.refused)
    finally:
        service.stopping.set()
        thread.join(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_wire_carries_objects_and_refuses_what_is_not_one() -> None:
    left, right = socket.socketpair()
    with left, right:
        wire.send(left, {"op": "hello", "files": {"rnn.py": "é" * 10}})
        assert wire.receive(right) == {"op": "hello", "files": {"rnn.py": "é" * 10}}
        left.sendall((2).to_bytes(8, "little") + b"[]")
        with pytest.raises(wire.WireError, match="not an object"):
            wire.receive(right)
        left.sendall((wire.MAX_MESSAGE_BYTES + 1).to_bytes(8, "little"))
        with pytest.raises(wire.WireError, match="refused"):
            wire.receive(right)
        left.close()
        with pytest.raises(wire.WireError, match="closed"):
            wire.receive(right)


def test_the_key_follows_the_engine_and_the_grading_environment(tmp_path: Path, monkeypatch) -> None:
    package, data = tmp_path / "autograder", tmp_path / "datasets"
    (package / "specs").mkdir(parents=True)
    (data / "digits").mkdir(parents=True)
    (package / "specs" / "rnn.py").write_text("x = 1\n")
    first = key.signature(package, data)
    (data / "digits" / "new.png").write_bytes(b"")
    second = key.signature(package, data)
    (package / "specs" / "rnn.py").write_text("x = 22\n")
    assert len({first, second, key.signature(package, data)}) == 3
    monkeypatch.delenv("AUTOGRADER_ISOLATION", raising=False)
    plain = key.service_key("auto", "f" * 16)
    monkeypatch.setenv("AUTOGRADER_ISOLATION", "process")
    monkeypatch.setenv("AUTOGRADER_SERVICE_IDLE", "5")  # the service's own setting: not part of the key
    assert key.service_key("auto", "f" * 16) != plain
    assert key.service_key("auto", "f" * 16)["environment"] == {**plain["environment"],
                                                                  "AUTOGRADER_ISOLATION": "process"}
    assert key.service_key("cpu", "f" * 16) != key.service_key("auto", "f" * 16)


def test_the_fingerprint_is_computed_once_per_signature(tmp_path: Path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(key, "kit_fingerprint", lambda: calls.append(1) or "abc")
    assert key.fingerprint(tmp_path) == "abc" and key.fingerprint(tmp_path) == "abc"
    assert calls == [1]
    assert json.loads((tmp_path / paths.FINGERPRINTS).read_text()) == {key.signature(): "abc"}


def test_idle_limit_comes_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("AUTOGRADER_SERVICE_IDLE", "30")
    assert server.idle_seconds() == 30
    monkeypatch.setenv("AUTOGRADER_SERVICE_IDLE", "soon")
    assert server.idle_seconds() == server.IDLE_SECONDS


def test_without_peer_credentials_the_service_is_not_used(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUTOGRADER_SERVICE_DIR", str(tmp_path / "svc"))
    monkeypatch.delattr(socket, "SO_PEERCRED")
    with pytest.raises(client.ServiceUnavailable, match="peer"):
        client.check("cpu", 0, False, path=tmp_path)
    assert not (tmp_path / "svc").exists()


def test_the_log_is_kept_short(tmp_path: Path) -> None:
    log = tmp_path / "service.log"
    log.write_bytes(b"x" * 3000 + b"last line\n")
    client._trim_log(log, keep=1000)
    assert log.read_bytes().endswith(b"last line\n") and len(log.read_bytes()) == 500


def test_off_switch(monkeypatch) -> None:
    monkeypatch.setenv("AUTOGRADER_SERVICE", "off")
    assert client.disabled()
    monkeypatch.setenv("AUTOGRADER_SERVICE", "")
    assert not client.disabled()


# -- real services ------------------------------------------------------------------------------------
def _alive(pid: int) -> bool:
    return client._is_service(pid)


def _submission(folder: Path, source: Path, name: str = "rnn.py") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / name)
    return folder


def _exercises(data: dict) -> list[dict]:
    """The verdicts, but the timing measured and what grading each exercise took: no two runs share them."""
    return [{k: v for k, v in e.items() if k not in ("timing", "seconds")} for e in data["exercises"]]


@pytest.mark.slow(seconds=90)
@pytest.mark.grading
class TestService:
    """One private folder for the class; each test leaves a service running for the next, or none."""

    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path_factory, monkeypatch):
        folder = tmp_path_factory.getbasetemp() / "service"
        monkeypatch.setenv("AUTOGRADER_SERVICE_DIR", str(folder))
        monkeypatch.delenv("AUTOGRADER_SERVICE", raising=False)
        monkeypatch.delenv("AUTOGRADER_SERVICE_IDLE", raising=False)
        self.folder = paths.private_dir()
        yield
        if "idle" in os.environ.get("PYTEST_CURRENT_TEST", ""):
            client.stop(self.folder)

    @classmethod
    def teardown_class(cls) -> None:
        folder = getattr(cls, "last_folder", None)
        if folder is not None:
            client.stop(folder)

    def test_a_warm_check_gives_what_a_check_without_the_service_gives(self, tmp_path: Path) -> None:
        type(self).last_folder = self.folder
        key_folder = _submission(tmp_path / "key", ROOT / "solutions" / "rnn.py")
        wrong_folder = _submission(tmp_path / "wrong", WRONG)
        with Grader(seed=0, device="cpu", timing_enabled=False) as grader:
            expected = {name: grader.grade(folder, only=["gru_step"]).to_dict()
                        for name, folder in (("key", key_folder), ("wrong", wrong_folder))}
        for name, folder in (("key", key_folder), ("wrong", wrong_folder)):
            got = client.check("cpu", 0, False, ["gru_step"], path=folder)
            assert _exercises(got) == _exercises(expected[name])
            assert (got["score"], got["isolation"], got["bounds"]) == \
                (expected[name]["score"], expected[name]["isolation"], expected[name]["bounds"])
        assert expected["key"]["score"] == 10 and expected["wrong"]["score"] < 10
        # a notebook's cells arrive as text, graded the same way
        text = WRONG.read_text()
        got = client.check("cpu", 0, False, ["gru_step"], files={"rnn.py": text})
        assert _exercises(got) == _exercises(expected["wrong"])
        # the student's mistakes come back as the command says them without the service
        with pytest.raises(FileNotFoundError):
            client.check("cpu", 0, False, ["gru_step"], path=tmp_path / "nowhere")
        with pytest.raises(KeyError, match="unknown exercise"):
            client.check("cpu", 0, False, ["no_such"], path=key_folder)
        status = client.status()
        assert status is not None and status["served"] >= 3 and stat.S_IMODE(
            (self.folder / paths.SOCKET).stat().st_mode) & 0o077 == 0

    def test_two_checks_at_once_are_both_answered(self, tmp_path: Path) -> None:
        folders = {"key": _submission(tmp_path / "key", ROOT / "solutions" / "rnn.py"),
                   "wrong": _submission(tmp_path / "wrong", WRONG)}
        pid = client.status()["pid"]
        results: dict[str, dict] = {}

        def one(name: str) -> None:
            results[name] = client.check("cpu", 0, False, ["gru_step"], path=folders[name])

        threads = [threading.Thread(target=one, args=(name,)) for name in folders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert results["key"]["score"] == 10 and results["wrong"]["score"] < 10
        assert results["wrong"]["exercises"][0]["status"] == "failed"
        assert client.status()["pid"] == pid  # the same warm service answered both

    def test_the_command_checks_with_the_warm_service_from_inside_the_folder(self, tmp_path: Path) -> None:
        before = client.status()
        folder = _submission(tmp_path / "exercises", WRONG)
        done = subprocess.run([sys.executable, "-m", "autograder.cli", "check", "--only", "gru_step", "--device",
                               "cpu", "--no-timing"], capture_output=True, text=True, timeout=600, cwd=folder,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 1, done.stdout + done.stderr
        assert "gru_step" in done.stdout and "failed" in done.stdout and "smallest failing case" in done.stdout
        after = client.status()
        assert after["pid"] == before["pid"] and after["served"] == before["served"] + 1

    def test_a_notebook_check_runs_only_what_the_exercise_needs(self, monkeypatch) -> None:
        """A kernel whose history holds the key, a 30-second 'training' cell and a failing cell: the check
        is answered by the warm service without running either again."""
        from types import SimpleNamespace

        from autograder.notebooks import check

        history = ["", (ROOT / "solutions" / "rnn.py").read_text(),
                   "import time\nfor epoch in range(30):\n    time.sleep(1)\n", "1 / 0\n",
                   "from autograder import check\ncheck('gru_step', device='cpu', timing=False)\n"]
        shell = SimpleNamespace(history_manager=SimpleNamespace(input_hist_raw=history))
        monkeypatch.setitem(sys.modules, "IPython", SimpleNamespace(get_ipython=lambda: shell))
        served = client.status()["served"]
        start = time.monotonic()
        feedback = check.check("gru_step", device="cpu", timing=False)
        assert (feedback.score, feedback.status) == (10, "passed"), feedback
        assert time.monotonic() - start < 20
        assert "raised" not in feedback.exercise["feedback"]  # the 1 / 0 cell was not run either
        assert client.status()["served"] == served + 1

    def test_a_dead_service_and_its_stale_socket_are_replaced(self, tmp_path: Path) -> None:
        pid = client.status()["pid"]
        os.killpg(os.getpgid(pid), 9)
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (self.folder / paths.SOCKET).exists()  # left behind
        folder = _submission(tmp_path / "key", ROOT / "solutions" / "rnn.py")
        assert client.check("cpu", 0, False, ["gru_step"], path=folder)["score"] == 10
        assert client.status()["pid"] != pid

    def test_a_hung_service_is_killed_and_replaced(self, tmp_path: Path) -> None:
        pid = client.status()["pid"]
        os.kill(pid, 19)  # SIGSTOP: it accepts nothing any more
        folder = _submission(tmp_path / "key", ROOT / "solutions" / "rnn.py")
        start = time.monotonic()
        assert client.check("cpu", 0, False, ["gru_step"], path=folder)["score"] == 10
        assert time.monotonic() - start < client.HELLO_SECONDS + 60  # one hello's wait, then a fresh start
        assert not _alive(pid) and client.status()["pid"] != pid

    def test_a_service_of_another_engine_is_replaced(self, tmp_path: Path) -> None:
        old = client.status()
        cache = self.folder / paths.FINGERPRINTS
        cache.write_text(json.dumps({key.signature(): "0" * 16}))  # as if the kit had changed since it started
        folder = _submission(tmp_path / "key", ROOT / "solutions" / "rnn.py")
        assert client.check("cpu", 0, False, ["gru_step"], path=folder)["score"] == 10
        new = client.status()
        assert new["pid"] != old["pid"] and new["key"]["fingerprint"] == "0" * 16
        assert not _alive(old["pid"])
        cache.unlink()

    def test_two_first_checks_start_one_service_which_ends_when_idle(self, tmp_path: Path, monkeypatch) -> None:
        client.stop(self.folder)
        monkeypatch.setenv("AUTOGRADER_SERVICE_IDLE", "4")
        folder = _submission(tmp_path / "key", ROOT / "solutions" / "rnn.py")
        scores: list[float] = []
        # two checks find no service at once: one starts it, the other waits for it and uses it
        threads = [threading.Thread(target=lambda: scores.append(
            client.check("cpu", 0, False, ["gru_step"], path=folder)["score"])) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert scores == [10, 10]
        status = client.status()
        pid = status["pid"]
        assert status["served"] == 2
        deadline = time.monotonic() + 30
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(pid)
        assert client.status() is None and not (self.folder / paths.SOCKET).exists()


@pytest.mark.slow(seconds=30)
@pytest.mark.grading
def test_check_without_the_service_and_grade_start_none(tmp_path: Path) -> None:
    folder = tmp_path / "svc"
    env = {**os.environ, "AUTOGRADER_SERVICE_DIR": str(folder), "PYTHONPATH": str(ROOT)}
    env.pop("AUTOGRADER_SERVICE", None)
    submission = _submission(tmp_path / "key", ROOT / "solutions" / "cnn.py", "cnn.py")
    for command in (["check", str(submission), "--only", "conv_output_size", "--no-service"],
                    ["grade", str(submission), "--only", "conv_output_size", "--json", str(tmp_path / "r.json")]):
        # no timing verdict: what is checked is that no service starts, not the clock
        done = subprocess.run([sys.executable, "-m", "autograder.cli", *command, "--device", "cpu", "--no-timing"],
                              env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert not (folder / paths.SOCKET).exists() and not (folder / paths.PIDFILE).exists()
