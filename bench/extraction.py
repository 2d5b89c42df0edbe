"""Article extraction on the shared development sets: every figure the extractor is held to.

    .venv/bin/python bench/extraction.py                  # everything (about half an hour)
    .venv/bin/python bench/extraction.py --limit 100      # the first 100 pages of each set
    .venv/bin/python bench/extraction.py --only plain --no-cv

It prints, for the WCXB set (whole-article truth) and the snippets set (mostly German,
"with" / "without" snippets), from HTML and from pages saved as plain text: the sets' own
scores (shingle or snippet F1 with their ± and per-language figures, title, author, date);
the plain-text extractor's cross-validation grouped by site (each fold's pages extracted
with weights fitted on the other folds, see bench/plaintext_weights.py); and the median time
per HTML page against trafilatura alone, both timed on the same pages in the same run,
taking turns page by page so that both see the same load.

The pages are third-party content kept outside the repository (../shared/extraction, or
$FOLIO_EXTRACTION_SET); they are read in place and never copied.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
HTML_EXTRACTOR = "reader.services.extract:extract_html"
PLAIN_EXTRACTOR = "reader.services.plaintext:clean_plain_text"
# What the issue holds each figure to.
TARGETS = {
    ("plain", "wcxb"): ("shF1", 0.93),
    ("plain", "snippets"): ("snF1", 0.89),
    ("html", "wcxb"): ("date", 0.93),
}
SPEED_TARGET = 1.5
CV_MARGIN = 0.01


def dataset() -> Path:
    override = os.environ.get("FOLIO_EXTRACTION_SET")
    return Path(override) if override else REPO.parent / "shared" / "extraction"


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _extractor(spec: str) -> Any:
    from importlib import import_module

    module, name = spec.split(":")
    return getattr(import_module(module), name)


def _row(kind: str, which: str, result: dict[str, Any]) -> str:
    def figure(key: str) -> str:
        return f"{result[key]:.3f}" if key in result else "–"

    if which == "wcxb":
        text = (
            f"shF1 {figure('shF1')} ± {result.get('shF1_std', 0):.3f}"
            f" (P {figure('shP')}, R {figure('shR')})"
        )
    else:
        text = (
            f"snF1 {figure('snF1')} ± {result.get('snF1_std', 0):.3f}"
            f" (P {figure('snP')}, R {figure('snR')}); de {figure('snF1_de')},"
            f" en {figure('snF1_en')}, other {figure('snF1_other')}"
        )
    extra = f"; title {figure('title')}"
    if kind == "html":
        extra += f", author~ {figure('author')}, date {figure('date')}"
    target = TARGETS.get((kind, which))
    if target is not None:
        key, bar = target
        value = result.get(key)
        verdict = "met" if value is not None and value >= bar else "NOT met"
        extra += f"  [target {key} ≥ {bar:.2f}: {verdict}]"
    if which == "snippets" and kind == "plain":
        value = result.get("snF1_de")
        verdict = "met" if value is not None and value >= 0.89 else "NOT met"
        extra += f" [target de ≥ 0.89: {verdict}]"
    speed = f"; {result['ms_median']:.0f} ms median" if result.get("ms_median") else ""
    errors = f"; {result['errors']} errors" if result.get("errors") else ""
    return f"{kind:5s} {which:8s} {result['pages']:4d} pages  {text}{extra}{speed}{errors}"


def score_sets(
    scorer: ModuleType, root: Path, kinds: list[str], limit: int | None
) -> dict[tuple[str, str], dict[str, Any]]:
    results = {}
    for kind in kinds:
        plain = kind == "plain"
        function = _extractor(PLAIN_EXTRACTOR if plain else HTML_EXTRACTOR)
        for which in ("wcxb", "snippets"):
            folder = scorer.set_root(root, which)
            records = scorer.load_records(folder, plain, which == "snippets")[:limit]
            started = time.monotonic()
            result = scorer.score(function, records, folder, plain, n_boot=200, quiet=True)
            results[(kind, which)] = result
            print(_row(kind, which, result), f"  ({time.monotonic() - started:.0f} s)", flush=True)
    return results


def cross_validate(root: Path, folds: int, limit: int | None, wcxb_figure: float | None) -> None:
    weights = _module(REPO / "bench" / "plaintext_weights.py", "plaintext_weights")
    scorer = weights.load_scorer(root)
    pages = weights._read_pages(root, "wcxb", limit) + weights._read_pages(root, "snippets", limit)
    weights.prepare(pages)
    usable = [p for p in pages if p.reading and p.reading.lines]
    model_of: dict[str, Any] = {}
    for held_out in weights._folds(usable, folds):
        held = {id(p) for p in held_out}
        model = weights.fit_models([p for p in usable if id(p) not in held])
        model_of.update({p.kind + p.id: model for p in held_out})
    print(f"plain, cross-validated by site ({folds} folds, weights fitted on the other folds):")
    figures = weights.score(scorer, usable, model_of)
    if wcxb_figure is not None and figures.get("wcxb") is not None:
        gap = wcxb_figure - figures["wcxb"]
        verdict = "met" if abs(gap) <= CV_MARGIN else "NOT met"
        print(
            f"  WCXB: fitted {wcxb_figure:.3f}, cross-validated {figures['wcxb']:.3f},"
            f" gap {gap:+.3f}  [target within {CV_MARGIN}: {verdict}]"
        )


def time_pages(scorer: ModuleType, root: Path, limit: int | None) -> None:
    """Folio and trafilatura alone on each HTML page of the WCXB set, taking turns."""
    import trafilatura

    function = _extractor(HTML_EXTRACTOR)

    def alone(html: str, url: str | None) -> Any:
        # As the set's trafilatura baseline calls it.
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )

    records = scorer.load_records(root, False)[:limit]
    ours: list[float] = []
    theirs: list[float] = []
    for index, record in enumerate(records):
        html = scorer.read_input(root, record["id"], False)
        first, second = (alone, function) if index % 2 else (function, alone)
        if index == 0:
            first(html, record["url"])  # imports and caches, untimed
            second(html, record["url"])
        for call in (first, second):
            started = time.perf_counter()
            # A page an extractor fails on still took its time.
            with contextlib.suppress(Exception):
                call(html, record["url"])
            (ours if call is function else theirs).append(time.perf_counter() - started)
    folio, baseline = statistics.median(ours), statistics.median(theirs)
    ratio = folio / baseline
    verdict = "met" if ratio <= SPEED_TARGET else "NOT met"
    print(
        f"speed on {len(records)} HTML pages: Folio {1000 * folio:.0f} ms median"
        f" ({1000 * statistics.mean(ours):.0f} mean), trafilatura alone {1000 * baseline:.0f} ms"
        f" ({1000 * statistics.mean(theirs):.0f} mean): ratio {ratio:.2f}"
        f"  [target ≤ {SPEED_TARGET}: {verdict}]"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("html", "plain"), help="one input kind")
    parser.add_argument("--limit", type=int, help="the first N pages of each set")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing")
    args = parser.parse_args(argv)
    root = dataset()
    if not (root / "score.py").is_file():
        print(f"no extraction set at {root} (set FOLIO_EXTRACTION_SET)", file=sys.stderr)
        return 1
    scorer = _module(root / "score.py", "dev_set_score")
    kinds = [args.only] if args.only else ["html", "plain"]
    results = score_sets(scorer, root, kinds, args.limit)
    if "plain" in kinds and not args.no_cv:
        fitted = results.get(("plain", "wcxb"), {}).get("shF1")
        cross_validate(root, args.folds, args.limit, fitted)
    if "html" in kinds and not args.no_speed:
        time_pages(scorer, root, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
