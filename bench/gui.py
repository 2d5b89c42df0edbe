"""How the window copes with a big library: 100,000 articles in 2,000 feeds, with tags.

    .venv/bin/python bench/gui.py [--db PATH] [--rebuild]

Builds the library once (bulk inserts straight through the store, cached in the file given),
then starts the window in a fresh process, as ``folio --db PATH`` does (settings, logs and locks
in a private home, so each run is a first run), and prints:

- where the start goes, step by step, and process start to window shown with the first page of
  articles listed,
- the time to select the next article, switch views, open a feed, open a tag and run a search,
- the peak resident memory of the window process.

Targets on a 2-core machine: window ready <= 0.45 s (RSS Guard: 0.39 s), opening a feed or a
tag <= 30 ms median and <= 50 ms worst, other actions <= 50 ms, peak RSS <= 150 MB.
It runs on the display in $DISPLAY, else offscreen.
"""

from __future__ import annotations

# The measured window process imports this file too: it imports little at the top, so the
# window is not charged for the benchmark's own modules.
import sys
import time
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    import random
    from collections.abc import Callable

    from reader.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLES = 100_000
FEEDS = 2_000
FOLDERS = 40
TAGS = 60
SAVED = 2_000
# Bump when the generated library changes shape, so a stale cached file is rebuilt.
BUILD_VERSION = "6"

READY_TARGET_S = 0.45
RSS_TARGET_MB = 150
# Median and worst, in ms; other actions: 50 ms each.
ACTION_TARGETS = {"open feed": (30.0, 50.0), "open tag": (30.0, 50.0)}

# Named words: tag names, feed titles and the searched terms. They sit among thousands of
# made-up words drawn with a Zipf-like spread, so searches meet realistic match counts.
WORDS = [
    *[
        "harbour",
        "lantern",
        "meadow",
        "orchard",
        "river",
        "valley",
        "summit",
        "glacier",
        "delta",
        "canyon",
        "prairie",
    ],
    *[
        "forest",
        "island",
        "coast",
        "reef",
        "tundra",
        "marsh",
        "quarry",
        "bridge",
        "tunnel",
        "railway",
        "station",
        "market",
    ],
    *[
        "square",
        "garden",
        "library",
        "museum",
        "theatre",
        "archive",
        "gallery",
        "workshop",
        "studio",
        "kitchen",
    ],
    *[
        "bakery",
        "brewery",
        "vineyard",
        "engine",
        "turbine",
        "battery",
        "circuit",
        "sensor",
        "network",
        "protocol",
    ],
    *[
        "compiler",
        "kernel",
        "database",
        "index",
        "query",
        "cache",
        "server",
        "client",
        "browser",
        "window",
        "thread",
    ],
    *[
        "process",
        "memory",
        "storage",
        "packet",
        "router",
        "election",
        "council",
        "budget",
        "policy",
        "treaty",
    ],
    *[
        "harvest",
        "drought",
        "monsoon",
        "climate",
        "carbon",
        "energy",
        "solar",
        "wind",
        "tide",
        "ocean",
        "current",
    ],
    *[
        "planet",
        "orbit",
        "comet",
        "nebula",
        "galaxy",
        "telescope",
        "satellite",
        "novel",
        "poem",
        "essay",
        "letter",
    ],
]
_SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "or")]


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    made_up = {
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(6000)
    }
    vocab = sorted(made_up - set(WORDS))
    rng.shuffle(vocab)
    # The named words take ranks from the tenth to the few-thousandth.
    for i, word in enumerate(WORDS):
        vocab.insert(10 + i * 40, word)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return vocab, cumulative


def _sentence(rng: random.Random, vocab: list[str], cumulative: list[float], words: int) -> str:
    chosen = rng.choices(vocab, cum_weights=cumulative, k=words)
    return " ".join(chosen).capitalize() + "."


def build_library(path: Path) -> None:
    """Fill a new library file with the benchmark's articles, fast."""
    from reader.core.urls import host_key
    from reader.store import database
    from reader.store import models as m
    from reader.store.search_index import FTS_TABLE

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    import random
    from datetime import UTC, datetime, timedelta

    rng = random.Random(20240601)
    vocab, cumulative = _vocabulary(rng)
    db = database.open_database(path)
    now = datetime.now(UTC)
    started = time.perf_counter()
    with db.atomic():
        m.Folder.insert_many(
            [{"name": f"{rng.choice(WORDS).title()} {i}", "position": i} for i in range(FOLDERS)]
        ).execute()
        m.Feed.insert_many(
            [
                {
                    "url": f"https://feeds.example.org/{i}/feed.xml",
                    "title": f"The {rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}",
                    "site_url": f"https://feeds.example.org/{i}/",
                    "folder": (i % (FOLDERS + 5)) + 1 if i % (FOLDERS + 5) < FOLDERS else None,
                    "position": i,
                    "added": now,
                    "error_count": 1 if i % 97 == 0 else 0,
                    "last_error": "HTTP 404 Not Found" if i % 97 == 0 else None,
                }
                for i in range(FEEDS)
            ]
        ).execute()
        m.Tag.insert_many([{"name": f"{WORDS[i]}"} for i in range(TAGS)]).execute()
    # Every article lives on one site, so its site key is worked out once.
    host_rev = host_key("https://articles.example.org/")
    article_rows: list[dict[str, object]] = []
    content_rows: list[tuple[int, str, str]] = []
    tag_rows: list[tuple[int, int]] = []
    fts_rows: list[tuple[int, str, str, str, str]] = []

    def flush() -> None:
        with db.atomic():
            m.Article.insert_many(article_rows).execute()
            m.ArticleContent.insert_many(
                content_rows,
                fields=[m.ArticleContent.article, m.ArticleContent.html, m.ArticleContent.text],
            ).execute()
            if tag_rows:
                m.ArticleTag.insert_many(
                    tag_rows, fields=[m.ArticleTag.article, m.ArticleTag.tag]
                ).execute()
            db.cursor().executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, author, text, tags) VALUES (?,?,?,?,?)",
                fts_rows,
            )
        article_rows.clear()
        content_rows.clear()
        tag_rows.clear()
        fts_rows.clear()

    for article_id in range(1, ARTICLES + 1):
        saved = article_id <= SAVED
        feed_id = None if saved else rng.randrange(1, FEEDS + 1)
        published = now - timedelta(seconds=rng.randrange(0, 730 * 86400))
        title = _sentence(rng, vocab, cumulative, rng.randint(4, 10))[:-1]
        paragraphs = [
            _sentence(rng, vocab, cumulative, rng.randint(12, 30)) for _ in range(rng.randint(2, 5))
        ]
        text = "\n\n".join(paragraphs)
        html = "".join(f"<p>{p}</p>" for p in paragraphs)
        author = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}"
        tags: list[int] = []
        if rng.random() < 0.2:
            tags = rng.sample(range(1, TAGS + 1), rng.randint(1, 3))
        read = rng.random() < 0.7 or published < now - timedelta(days=400)
        article_rows.append(
            {
                "id": article_id,
                "feed": feed_id,
                "source_kind": "url" if saved else "feed",
                "entry_key": None if saved else f"urn:bench:{article_id}",
                "guid": None if saved else f"urn:bench:{article_id}",
                "url": f"https://articles.example.org/{article_id}",
                "canonical_url": f"https://articles.example.org/{article_id}",
                "host_rev": host_rev,
                "title": title,
                "author": author,
                "published": published,
                "added": published,
                "sort_date": published,
                "summary": paragraphs[0][:200],
                "language": "en",
                "word_count": len(text.split()),
                "read": read,
                "starred": rng.random() < 0.02,
                "archived": rng.random() < 0.05,
                "fetch_status": "ok",
            }
        )
        content_rows.append((article_id, html, text))
        tag_rows.extend((article_id, t) for t in tags)
        fts_rows.append((article_id, title, author, text, " ".join(WORDS[t - 1] for t in tags)))
        if len(article_rows) >= 2_000:
            flush()
    if article_rows:
        flush()
    db.execute_sql("ANALYZE")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    (path.parent / (path.name + ".built")).write_text(BUILD_VERSION)
    print(
        f"built {ARTICLES:,} articles in {FEEDS:,} feeds in {time.perf_counter() - started:.1f} s"
    )


def ensure_library(path: Path, rebuild: bool) -> None:
    stamp = path.parent / (path.name + ".built")
    if rebuild or not path.exists() or not stamp.exists() or stamp.read_text() != BUILD_VERSION:
        build_library(path)


# -- the measured process ------------------------------------------------------------------------


# Packages in the development venv that only the test tools need (import-linter brings them);
# httpx imports its command-line module when they are there, which an installed Folio without
# the test extra does not pay for. --as-installed keeps them out of the measured process.
DEV_ONLY = ("click", "rich")


class _DevOnlyBlocker:
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".", maxsplit=1)[0] in DEV_ONLY:
            raise ImportError(f"{name} is left out, as in an installed Folio")


# Steps of the start, timed by wrapping the functions that do them: (module, attribute path,
# label). A step inside another (the window's parts) is shown indented under it.
STEPS = (
    ("reader.app.single_instance", "InstanceGuard.__init__", "one window per library: lock"),
    ("reader.app.single_instance", "InstanceGuard.claim", "one window per library: claim"),
    ("reader.app.application", "platform_problem", "X11 libraries checked"),
    ("reader.app.application", "create_application", "QApplication made"),
    ("reader.app.crash", "setup_logging", "log file opened"),
    ("reader.app.crash", "CrashHandler.install", "crash handler installed"),
    ("reader.app.single_instance", "InstanceGuard.listen", "one window per library: listen"),
    ("reader.library", "Library.__init__", "library opened"),
    ("reader.ui.main_window", "MainWindow.__init__", "window built"),
    ("reader.ui.main_window", "MainWindow._build_panes", "panes"),
    ("reader.ui.main_window", "MainWindow._build_toolbar", "toolbar"),
    ("reader.ui.main_window", "MainWindow._build_controllers", "controllers"),
    ("reader.ui.main_window", "MainWindow._build_menus", "menus"),
    ("reader.ui.theme", "ThemeManager.apply", "theme and style sheet"),
    ("reader.ui.main_window", "MainWindow._restore_state", "window state restored"),
    ("reader.ui.sidebar_controller", "SidebarController.restore", "views and the first page"),
    ("reader.ui.article_list_model", "ArticleListModel.set_source", "first page read"),
    ("reader.ui.main_window", "MainWindow._update_empty_state", "is the library empty"),
    ("reader.ui.main_window", "MainWindow.show", "window shown"),
    ("reader.app.refresh_controller", "RefreshController.start_schedule", "refresh schedule"),
    ("reader.app.sync_controller", "SyncController.start_schedule", "sync schedule"),
    ("reader.main", "_attach_inbox", "inbox folder watched"),
    ("reader.main", "_attach_opener", "file opener attached"),
)

# What the window's start imports, imported first and timed on their own.
IMPORTS = (
    ("imports: reader.main and the command line", ("reader.main", "reader.cli")),
    ("imports: PySide6 (QtCore, QtGui, QtWidgets)", (
        "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets",
    )),
    ("imports: Folio's window and library modules", (
        "reader.app.single_instance", "reader.app.application", "reader.app.crash",
        "reader.library", "reader.ui.main_window",
    )),
)  # fmt: skip


# The benchmark's own work in the measured process, left out of the window's figures.
SETUP = "the benchmark's own set-up (not counted)"

# Steps are timed until the window is ready; the actions after it call some of them again.
_timing = [True]


def _mark(label: str, begun: float, ended: float) -> None:
    if _timing[0]:
        print(f"STEP {begun:.6f} {ended:.6f} {label}", flush=True)


def _wrap_steps() -> None:
    import importlib

    for module_name, path, label in STEPS:
        owner: object = importlib.import_module(module_name)
        *parents, name = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        setattr(owner, name, _timed_step(getattr(owner, name), label))


def _timed_step(original: Callable[..., object], label: str) -> Callable[..., object]:
    import functools

    @functools.wraps(original)
    def wrapper(*args: object, **kwargs: object) -> object:
        begun = time.time()
        try:
            return original(*args, **kwargs)
        finally:
            _mark(label, begun, time.time())

    return wrapper


def child(db_path: Path) -> None:
    """Runs in a fresh process: start the window as ``folio --db PATH`` does, wait for it,
    then time the actions.

    The start is timed step by step (see STEPS). Each action is timed from the call to the list
    and the article pane repainted; between actions the window's background work (counting,
    reading the sidebar) is let finish, as it would be between a reader's key presses."""
    print(f"STEP 0 {time.time():.6f} python started, this file read", flush=True)
    import importlib

    for label, modules in IMPORTS:
        begun = time.time()
        for module in modules:
            importlib.import_module(module)
        _mark(label, begun, time.time())
    begun = time.time()
    _wrap_steps()

    from PySide6.QtWidgets import QApplication

    import reader.main
    from reader.ui.main_window import MainWindow

    windows: list[MainWindow] = []
    original_init = MainWindow.__init__

    def keep_window(self: MainWindow, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        windows.append(self)

    MainWindow.__init__ = keep_window  # type: ignore[method-assign]

    def run_actions(_app: QApplication) -> int:
        (window,) = windows
        begun = time.time()
        window.wait_until_ready()
        _mark("first events: the window painted", begun, time.time())
        print(
            f"READY {time.time():.6f} {time.process_time():.6f}"
            f" rows={window.article_list_model.rowCount()}",
            flush=True,
        )
        _timing[0] = False
        _actions(window)
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"RSS {peak:.1f}", flush=True)
        window.close()
        return 0

    QApplication.exec = run_actions  # type: ignore[method-assign, assignment]
    open_window = reader.main.open_window

    def command_line_read(args: argparse.Namespace) -> int:
        _mark("command line read", run_begun, time.time())
        return open_window(args)

    reader.main.open_window = command_line_read
    run_begun = time.time()
    _mark(SETUP, begun, run_begun)
    reader.main.run(["--db", str(db_path)])


def _actions(window: MainWindow) -> None:
    import statistics

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.library.views import SmartView
    from reader.ui.sidebar_keys import FeedKey, TagKey, ViewKey

    started = time.perf_counter()
    while not window.sidebar_controller.loaded:
        QApplication.processEvents()
    window.wait_for_counts()
    print(
        f"INFO sidebar with 2,000 feeds and every count, after the window: "
        f"{(time.perf_counter() - started) * 1000:.0f}",
        flush=True,
    )

    def settle() -> None:
        window.wait_for_counts()
        QApplication.processEvents()

    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(0)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def timed(name: str, actions: list[object]) -> None:
        """Time from the call until the list and pane are repainted with the result, and the
        longest stretch the GUI thread was busy meanwhile (a zero timer's gaps)."""
        totals: list[float] = []
        stalls: list[float] = []
        reads: list[float] = []
        cpu: list[float] = []
        for action in actions:
            settle()
            ticks.clear()
            started = time.perf_counter()
            cpu_started = time.thread_time()
            heartbeat.start()
            action()  # type: ignore[operator]
            while window.article_list_model.loading:
                QApplication.processEvents()
            # The list's own work (its first page read and put in the model); what follows
            # is painting the window.
            reads.append((time.perf_counter() - started) * 1000)
            window.article_view.viewport().repaint()
            window.article_pane.browser.viewport().repaint()
            QApplication.processEvents()
            ended = time.perf_counter()
            cpu.append((time.thread_time() - cpu_started) * 1000)
            heartbeat.stop()
            marks = [started, *ticks, ended]
            totals.append((ended - started) * 1000)
            stalls.append(max(b - a for a, b in pairwise(marks)) * 1000)
        print(
            f"ACTION {name} {statistics.median(totals):.1f} {max(totals):.1f} {max(stalls):.1f}",
            flush=True,
        )
        print(
            f"READ {name} {statistics.median(reads):.1f} {max(reads):.1f}"
            f" {statistics.median(cpu):.1f} {max(cpu):.1f}",
            flush=True,
        )

    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.article_view.setFocus()
    window.list_controller.select_first()
    timed("next article", [window.reading_controller.next_article] * 30)
    views = ["unread", "starred", "today", "all", "archive", "saved"] * 2
    timed(
        "switch view",
        [lambda v=v: window.sidebar_controller.open_key(ViewKey(SmartView(v))) for v in views],
    )
    feeds = (1, 250, 500, 1000, 1500, 1999)
    timed("open feed", [lambda f=f: window.sidebar_controller.open_key(FeedKey(f)) for f in feeds])
    tags = WORDS[:6]
    timed("open tag", [lambda t=t: window.sidebar_controller.open_key(TagKey(t)) for t in tags])

    # The first page of results is read in the background: timed until it is listed.
    words = ("harbour", "lantern meadow", "telescope", "zzzznothing", "kern*", "is:unread orbit")
    timed("search", [lambda w=w: window.search_controller.run_search(w) for w in words])
    window.search_controller.clear_search()


def _private_home(folder: Path) -> dict[str, str]:
    """Settings, logs and locks of a user of their own, so each run starts as a first run."""
    env: dict[str, str] = {}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        path = folder / name.lower()
        path.mkdir(parents=True)
        env[name] = str(path)
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    return env


def _steps_table(runs: list[list[tuple[float, float, str]]], ready: list[float]) -> list[str]:
    """The steps of the start with their median times, in the order they ran; steps inside
    another indented under it, and the time between steps said."""
    import statistics

    durations: dict[str, list[float]] = {}
    depth: dict[str, int] = {}
    order: list[str] = []
    gaps: list[float] = []
    for steps in runs:
        outer: list[tuple[float, float]] = []
        covered = 0.0
        for begun, ended, label in steps:
            while outer and begun >= outer[-1][1]:
                outer.pop()
            if label not in depth:
                depth[label] = len(outer)
                order.append(label)
            durations.setdefault(label, []).append(ended - begun)
            if not outer:
                covered += ended - begun
            outer.append((begun, ended))
        span = max(ended for _begun, ended, _label in steps) - steps[0][0]
        gaps.append(span - covered)
    lines = []
    for label in order:
        values = durations[label]
        median = statistics.median(values) * 1000
        indent = "  " * depth[label]
        lines.append(f"  {indent}{label + ' ':.<{60 - len(indent)}} {median:6.0f} ms")
    lines.append(
        f"  {'between the steps (imports made on the way, small work) ':.<60}"
        f" {statistics.median(gaps) * 1000:6.0f} ms"
    )
    lines.append(
        f"  {'total, to the first page shown ':.<60} {statistics.median(ready) * 1000:6.0f} ms"
    )
    return lines


def measure(db_path: Path, runs: int, *, as_installed: bool = False) -> None:
    import compileall
    import os
    import statistics
    import subprocess
    import tempfile

    # An installed Folio has its modules compiled to bytecode; a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile them again in every process and time that too.
    compileall.compile_dir(str(ROOT / "reader"), quiet=1)

    base_env = dict(os.environ)
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not base_env.get("DISPLAY") and not base_env.get("WAYLAND_DISPLAY"):
        base_env.setdefault("QT_QPA_PLATFORM", "offscreen")
    ready: list[float] = []
    ready_cpu: list[float] = []
    steps: list[list[tuple[float, float, str]]] = []
    actions: dict[str, list[tuple[float, float, float]]] = {}
    reads: dict[str, list[tuple[float, float, float, float]]] = {}
    rss: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            env = {**base_env, **_private_home(Path(tmp) / f"home-{run}")}
            started = time.time()
            proc = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(db_path),
                    *(["--as-installed"] if as_installed else []),
                ],
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            assert proc.stdout is not None
            run_steps: list[tuple[float, float, str]] = []
            setup = 0.0
            for line in proc.stdout:
                parts = line.split()
                if parts[0] == "STEP":
                    begun = float(parts[1]) or started
                    label = " ".join(parts[3:])
                    if label == SETUP:
                        setup = float(parts[2]) - begun
                    run_steps.append((begun, float(parts[2]), label))
                elif parts[0] == "READY":
                    ready.append(float(parts[1]) - started - setup)
                    # Processor time is what a busy machine inflates least (the set-up's is
                    # left in: it is small, and mostly waiting).
                    ready_cpu.append(float(parts[2]))
                elif parts[0] == "ACTION":
                    name = " ".join(parts[1:-3])
                    actions.setdefault(name, []).append(
                        (float(parts[-3]), float(parts[-2]), float(parts[-1]))
                    )
                elif parts[0] == "READ":
                    reads.setdefault(" ".join(parts[1:-4]), []).append(
                        (float(parts[-4]), float(parts[-3]), float(parts[-2]), float(parts[-1]))
                    )
                elif parts[0] == "RSS":
                    rss.append(float(parts[1]))
                elif parts[0] == "INFO":
                    print("  " + " ".join(parts[1:]) + " ms (in the background)")
            if proc.wait() != 0:
                sys.exit(f"the window process failed with exit code {proc.returncode}")
            # Steps end in the order they are printed; the table wants them by their start.
            steps.append(sorted(run_steps, key=lambda step: (step[0], -step[1])))
    print("where the window's start goes (median of each step over the runs):")
    for line in _steps_table(steps, ready):
        print(line)
    median_ready = statistics.median(ready)
    verdict = "met" if median_ready <= READY_TARGET_S else "NOT met"
    print(
        "window ready (process start to first page shown):"
        f" median {median_ready:.2f} s, worst {max(ready):.2f} s over {runs} runs"
        f"  (target <= {READY_TARGET_S} s: {verdict}; RSS Guard 4.0.4: 0.39 s to a visible window)"
    )
    print(
        f"  processor time of the window process until then: median"
        f" {statistics.median(ready_cpu):.2f} s (a busy machine stretches the wall time above)"
    )
    for name, values in actions.items():
        med = statistics.median(v[0] for v in values)
        worst = max(v[1] for v in values)
        stall = max(v[2] for v in values)
        target = ACTION_TARGETS.get(name, (50.0, 50.0))
        print(
            f"{name}: median {med:.1f} ms, worst {worst:.1f} ms until shown;"
            f" longest GUI-thread step {stall:.1f} ms  (target median <= {target[0]:.0f} ms,"
            f" worst <= {target[1]:.0f} ms)"
        )
        read = reads.get(name)
        if read:
            print(
                f"  of which the list's own work (the first page read, the model reset):"
                f" median {statistics.median(v[0] for v in read):.1f} ms,"
                f" worst {max(v[1] for v in read):.1f} ms; the rest is painting"
            )
            print(
                f"  GUI thread's processor time (what a busy machine stretches least):"
                f" median {statistics.median(v[2] for v in read):.1f} ms,"
                f" worst {max(v[3] for v in read):.1f} ms"
            )
    peak = max(rss)
    print(
        f"peak RSS: {peak:.0f} MB  (target <= {RSS_TARGET_MB} MB: "
        f"{'met' if peak <= RSS_TARGET_MB else 'NOT met'}; RSS Guard 470 MB)"
    )


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        if "--as-installed" in sys.argv:
            sys.meta_path.insert(0, _DevOnlyBlocker())
        child(Path(sys.argv[2]))
        return
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "folio-bench-gui.sqlite"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the library again")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--as-installed",
        action="store_true",
        help="leave out packages only the development tools bring (click, rich)",
    )
    args = parser.parse_args()
    ensure_library(args.db, args.rebuild)
    measure(args.db, args.runs, as_installed=args.as_installed)


if __name__ == "__main__":
    main()
