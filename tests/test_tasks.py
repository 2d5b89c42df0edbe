"""tasks.py: ``run`` installs what running needs, ``test`` adds the test tools, and the stamp
says which of the two .venv holds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import tasks


@pytest.fixture
def venv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    python = tmp_path / "bin" / "python"
    python.parent.mkdir()
    python.write_text("")
    monkeypatch.setattr(tasks, "PYTHON", python)
    monkeypatch.setattr(tasks, "STAMP", tmp_path / ".folio-installed")
    return tmp_path


def test_a_run_install_serves_run_but_not_test(venv: Path) -> None:
    tasks.STAMP.write_text(tasks._wanted_stamp("run"))
    assert tasks._installed(with_tests=False)
    assert not tasks._installed(with_tests=True)


def test_a_test_install_serves_both(venv: Path) -> None:
    tasks.STAMP.write_text(tasks._wanted_stamp("test"))
    assert tasks._installed(with_tests=False)
    assert tasks._installed(with_tests=True)


def test_a_changed_pyproject_or_python_means_installing_again(venv: Path) -> None:
    stamp = tasks._wanted_stamp("test")
    digest, rest = stamp.split(" ", 1)
    tasks.STAMP.write_text(f"{'0' * len(digest)} {rest}")
    assert not tasks._installed(with_tests=False)
    tasks.STAMP.write_text(stamp.replace(str(sys.version_info[:2]), "(3, 99)"))
    assert not tasks._installed(with_tests=False)
    # The stamp of the tasks.py before this one names no extras: it is installed again.
    tasks.STAMP.write_text(stamp.rsplit(" ", 1)[0])
    assert not tasks._installed(with_tests=False)


def test_no_stamp_or_no_python_means_installing(venv: Path) -> None:
    assert not tasks._installed(with_tests=False)
    tasks.STAMP.write_text(tasks._wanted_stamp("test"))
    tasks.PYTHON.unlink()
    assert not tasks._installed(with_tests=False)


def test_each_command_asks_for_what_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []
    ran: list[tuple[str, ...]] = []
    monkeypatch.setattr(tasks, "ensure_venv", lambda *, with_tests: asked.append(with_tests))

    def run(*args: str, **_kw: object) -> int:
        ran.append(args)
        return 0

    monkeypatch.setattr(tasks, "_run", run)
    tasks.run_app(["--demo"])
    assert asked == [False]
    assert ran == [(str(tasks.FOLIO), "gui", "--demo")]
    tasks.run_tests(["-q"])
    assert asked == [False, True]


def test_a_whole_run_measures_coverage_and_holds_each_package_to_its_floor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ran: list[tuple[str, ...]] = []

    def run(*args: str, **_kw: object) -> int:
        ran.append(args)
        return 0

    monkeypatch.setattr(tasks, "ensure_venv", lambda *, with_tests: None)
    monkeypatch.setattr(tasks, "ensure_system_packages", lambda: None)
    monkeypatch.setattr(tasks, "_run", run)
    figures = {package: floor + 0.5 for package, floor in tasks.COVERAGE_FLOORS.items()}
    monkeypatch.setattr(tasks, "coverage_figures", lambda: figures)
    assert tasks.run_tests([]) == 0
    [pytest_run] = [args for args in ran if "pytest" in args]
    assert "--cov=reader" in pytest_run
    # One package a tenth of a point under its floor fails the run, and says which.
    figures["store"] = tasks.COVERAGE_FLOORS["store"] - 0.1
    assert tasks.run_tests([]) == 1
    out = capsys.readouterr().out
    assert "Coverage of reader/store:" in out and "below its floor" in out
    assert "Failed checks: coverage" in out


def test_a_run_of_some_tests_neither_measures_nor_holds_coverage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[tuple[str, ...]] = []

    def run(*args: str, **_kw: object) -> int:
        ran.append(args)
        return 0

    def no_figures() -> dict[str, float]:
        raise AssertionError("coverage read after a partial run")

    monkeypatch.setattr(tasks, "ensure_venv", lambda *, with_tests: None)
    monkeypatch.setattr(tasks, "ensure_system_packages", lambda: None)
    monkeypatch.setattr(tasks, "_run", run)
    monkeypatch.setattr(tasks, "coverage_figures", no_figures)
    assert tasks.run_tests(["tests/core"]) == 0
    [pytest_run] = [args for args in ran if "pytest" in args]
    assert "--cov=reader" not in pytest_run
