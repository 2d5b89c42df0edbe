"""What the doubt check of HTML extraction wins or costs: the check decides which pages also
get readability and trafilatura's recall setting (each about as slow as trafilatura itself).

    nice .venv/bin/python bench/extraction_gate.py             # both sets (about 20 minutes)
    nice .venv/bin/python bench/extraction_gate.py --limit 100

Each HTML page of both shared sets is extracted twice, once never doubting trafilatura's
article and once always doubting it, and the check is asked what it would do. It prints,
per set, the body figure (shingle F1 on the WCXB set, snippet F1 on the snippets set) with
the check as it is, never doubting, always doubting, and with the better of the two on each
page: the most any check could reach with these extractors. The share of pages doubted is
what the check costs in time. The pages are read in place from ../shared/extraction (or
$FOLIO_EXTRACTION_SET) and never copied.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

Counts = tuple[float, ...]


def dataset() -> Path:
    override = os.environ.get("FOLIO_EXTRACTION_SET")
    return Path(override) if override else REPO.parent / "shared" / "extraction"


def _scorer(root: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_set_score", root / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dev_set_score"] = module
    spec.loader.exec_module(module)
    return module


def _texts(html: str, url: str | None) -> tuple[str, str, bool]:
    """The page's article never doubting and always doubting, and whether the check
    doubts it."""
    from reader.services.extract import body, page

    checked = body.doubts
    asked: list[bool] = []

    def forced(value: bool) -> Callable[..., body.Doubts]:
        def check(tree: Any, main: body.Body | None) -> body.Doubts:
            if not value:
                verdict = checked(tree, main)
                asked.append(verdict.readability or verdict.recall)
            return body.Doubts(readability=value, recall=value)

        return check

    texts = []
    try:
        for value in (False, True):
            page.doubts = forced(value)  # type: ignore[attr-defined]
            try:
                texts.append(page.extract_page(html, url).text)
            except Exception:
                texts.append("")  # scored as an empty result, as the set's scorer does
    finally:
        page.doubts = checked  # type: ignore[attr-defined]
    return texts[0], texts[1], bool(asked and asked[0])


def gate(scorer: ModuleType, root: Path, which: str, limit: int | None) -> None:
    folder = scorer.set_root(root, which)
    snippets = which == "snippets"
    records = scorer.load_records(folder, False, snippets)[:limit]
    never: list[Counts] = []
    always: list[Counts] = []
    doubted: list[bool] = []
    for record in records:
        truth = record["gt"]
        if not snippets and "text" not in truth:
            continue
        off, on, doubt = _texts(scorer.read_input(folder, record["id"], False), record["url"])
        for text, into in ((off, never), (on, always)):
            if snippets:
                into.append(scorer.snippet_counts(truth, text))
            else:
                expected = scorer._shingles(truth["text"])
                into.append(scorer._tp_fp_fn(expected, scorer._shingles(text)))
        doubted.append(doubt)

    def figure(counts: list[Counts]) -> float:
        if snippets:
            return float(scorer.snippet_prf(counts)[2])
        return float(scorer.aggregate_prf(counts)[2])

    def page_f1(counts: Counts) -> float:
        return figure([counts])

    as_is = [b if d else a for a, b, d in zip(never, always, doubted, strict=True)]
    best = [max(a, b, key=page_f1) for a, b in zip(never, always, strict=True)]
    name = "snF1" if snippets else "shF1"
    print(
        f"{which:8s} {len(doubted):4d} pages  {name}: check {figure(as_is):.4f}"
        f" ({sum(doubted) / max(1, len(doubted)):.0%} of pages doubted),"
        f" never {figure(never):.4f}, always {figure(always):.4f},"
        f" better of the two per page {figure(best):.4f}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="the first N pages of each set")
    args = parser.parse_args(argv)
    root = dataset()
    if not (root / "score.py").is_file():
        print(f"no extraction set at {root} (set FOLIO_EXTRACTION_SET)", file=sys.stderr)
        return 1
    scorer = _scorer(root)
    for which in ("wcxb", "snippets"):
        gate(scorer, root, which, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
