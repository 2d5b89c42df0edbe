"""The window's modal questions answered from a script, for tests.

A test says what the user will answer (``prompts.answer("Tech", True)``); each question the
window asks takes the next answer, in order, and is kept in ``asked``. A question with no
answer left fails the test, and so does an answer no question took.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Asked:
    kind: str  # confirm, ask_text, pick_colour, pick_open_file, pick_save_file, show_error
    title: str
    # The question, the label over the text field, the first colour, the file filters, or
    # the error shown.
    text: str


class ScriptedPrompts:
    def __init__(self) -> None:
        self._answers: deque[object] = deque()
        self.asked: list[Asked] = []

    def answer(self, *answers: object) -> None:
        """Answers for the next questions: True/False, a text, "#rrggbb", a Path, a
        (Path, filter) pair; None cancels a text, colour or file question."""
        self._answers.extend(answers)

    def take(self) -> list[Asked]:
        """The questions asked since the last call."""
        asked, self.asked = self.asked, []
        return asked

    def unused(self) -> list[object]:
        return list(self._answers)

    def _next(self, kind: str, title: str, text: str) -> object:
        question = Asked(kind, title, text)
        self.asked.append(question)
        if not self._answers:
            raise AssertionError(f"the window asked {question} and the test gave no answer")
        return self._answers.popleft()

    def confirm(self, title: str, question: str) -> bool:
        answer = self._next("confirm", title, question)
        assert isinstance(answer, bool), answer
        return answer

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        answer = self._next("ask_text", title, label)
        assert answer is None or isinstance(answer, str), answer
        return answer

    def ask_long_text(self, title: str, label: str, text: str = "") -> str | None:
        answer = self._next("ask_long_text", title, label)
        assert answer is None or isinstance(answer, str), answer
        return answer

    def pick_colour(self, title: str, initial: str) -> str | None:
        answer = self._next("pick_colour", title, initial)
        assert answer is None or isinstance(answer, str), answer
        return answer

    def pick_open_file(self, title: str, filters: str) -> Path | None:
        answer = self._next("pick_open_file", title, filters)
        assert answer is None or isinstance(answer, Path), answer
        return answer

    def pick_save_file(self, title: str, filters: Sequence[str]) -> tuple[Path, str] | None:
        answer = self._next("pick_save_file", title, ";;".join(filters))
        if answer is None:
            return None
        assert isinstance(answer, tuple) and len(answer) == 2, answer
        path, chosen = answer
        assert isinstance(path, Path) and chosen in filters, answer
        return path, chosen

    def show_error(self, title: str, message: str) -> None:
        self.asked.append(Asked("show_error", title, message))
