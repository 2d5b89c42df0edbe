"""Every command of the window, as one QAction each: menus, toolbar, context menus and the
shortcut list all use these same objects.

A command is declared on the method that carries it out, with :func:`command`; the window
makes one QAction per declared command of its controllers and binds each to its method::

    class ArticleCommandsController(QObject):
        @command("toggle_star", "S&tar / Unstar", "Article", ("S",), icon="star")
        def toggle_star(self) -> None: ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.ui.icons import icon

# The shortcut list shows its groups in this order. A command's text and tip are marked for
# translation where it is declared (context "Action") and translated when its action is made.
GROUPS = (
    QT_TRANSLATE_NOOP("Action", "Library"),
    QT_TRANSLATE_NOOP("Action", "Reading"),
    QT_TRANSLATE_NOOP("Action", "Article"),
    QT_TRANSLATE_NOOP("Action", "Feeds"),
    QT_TRANSLATE_NOOP("Action", "View"),
    QT_TRANSLATE_NOOP("Action", "Help"),
)


def translated(text: str) -> str:
    """A command's text, tip or group in the window's language."""
    return QCoreApplication.translate("Action", text)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    group: str
    shortcuts: tuple[str, ...] = ()
    icon: str | None = None
    tip: str | None = None
    checkable: bool = False
    # The icon while the action is checked (a starred article's star), when it differs.
    icon_on: str | None = None


class Command(NamedTuple):
    """A command declared on a controller's method (see :func:`command`)."""

    spec: ActionSpec
    method: str
    # The method takes the action's checked state and runs whenever it changes (from a click
    # or from code), instead of running on a click only.
    follows_check: bool = False


Handler = TypeVar("Handler", bound=Callable[..., Any])
_COMMAND = "_folio_command"


def command(
    name: str,
    text: str,
    group: str,
    shortcuts: tuple[str, ...] = (),
    *,
    icon: str | None = None,
    tip: str | None = None,
    checkable: bool = False,
    follows_check: bool = False,
    icon_on: str | None = None,
) -> Callable[[Handler], Handler]:
    """Declare the window command ``name`` as carried out by the decorated method."""
    assert group in GROUPS, group
    spec = ActionSpec(name, text, group, shortcuts, icon, tip, checkable, icon_on)

    def declare(method: Handler) -> Handler:
        setattr(method, _COMMAND, Command(spec, method.__name__, follows_check))
        return method

    return declare


def commands_of(cls: type) -> Iterator[Command]:
    """The commands declared on ``cls`` (and the classes it derives from), in their order."""
    seen: set[str] = set()
    for klass in reversed(cls.__mro__):
        for member in vars(klass).values():
            found = getattr(member, _COMMAND, None)
            if isinstance(found, Command) and found.spec.name not in seen:
                seen.add(found.spec.name)
                yield found


class WindowActions:
    """The window's actions by name: ``actions["toggle_star"]`` or ``actions.toggle_star``.

    Made from the commands the controller classes declare, in the order given; each is bound
    to its controller with :meth:`bind` once that exists."""

    def __init__(self, parent: QWidget, controllers: Sequence[type]) -> None:
        self._actions: dict[str, QAction] = {}
        self._commands: dict[str, Command] = {}
        self._owners: dict[str, type] = {}
        self._bound: set[str] = set()
        for cls in controllers:
            for found in commands_of(cls):
                spec = found.spec
                assert spec.name not in self._actions, f"{spec.name} is declared twice"
                self._actions[spec.name] = _make_action(spec, parent)
                self._commands[spec.name] = found
                self._owners[spec.name] = cls

    def bind(self, controller: object) -> None:
        """Connect the actions ``controller`` declares to its methods."""
        for name, found in self._commands.items():
            if not isinstance(controller, self._owners[name]) or name in self._bound:
                continue
            method: Callable[..., Any] = getattr(controller, found.method)
            action = self._actions[name]
            if found.follows_check:
                action.toggled.connect(method)
            else:
                action.triggered.connect(lambda _checked=False, method=method: method())
            self._bound.add(name)

    def unbound(self) -> list[str]:
        """Actions whose controller was never bound (none, once the window is built)."""
        return [name for name in self._actions if name not in self._bound]

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["_actions"][name]  # type: ignore[no-any-return]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def all(self) -> dict[str, QAction]:
        return dict(self._actions)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(group, what it does, keys) for every action that has a shortcut, by group."""
        rows = []
        specs = sorted(
            (found.spec for found in self._commands.values()),
            key=lambda spec: GROUPS.index(spec.group),
        )
        for spec in specs:
            if spec.shortcuts:
                keys = ", ".join(_native(s) for s in spec.shortcuts)
                text = translated(spec.text).replace("&", "").rstrip("…")
                rows.append((spec.group, text, keys))
        return rows


def _make_action(spec: ActionSpec, parent: QWidget) -> QAction:
    text = translated(spec.text)
    action = QAction(text, parent)
    action.setObjectName(spec.name)
    if spec.shortcuts:
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        typed = _native(spec.shortcuts[0])
        if typed != QKeySequence(spec.shortcuts[0]).toString(
            QKeySequence.SequenceFormat.NativeText
        ):
            # Menus would show the key as Qt names it ("J"); after a tab, the text shows it
            # as it is typed instead ("j"). Buttons showing text still show the name alone.
            action.setText(f"{text}\t{typed}")
            action.setIconText(text.replace("&", "").rstrip("…"))
    if spec.icon:
        action.setIcon(icon(spec.icon, on=spec.icon_on))
    tip = translated(spec.tip) if spec.tip else text.replace("&", "").rstrip("…")
    if spec.shortcuts:
        tip = f"{tip} ({_native(spec.shortcuts[0])})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setCheckable(spec.checkable)
    parent.addAction(action)
    return action


def _native(shortcut: str) -> str:
    text = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    # A plain letter is typed without Shift: show it as typed.
    return text.lower() if len(text) == 1 and text.isalpha() else text
