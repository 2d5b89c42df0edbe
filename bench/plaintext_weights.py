"""Fit the weights of reader.services.plaintext on the development sets, and say how well the
whole extractor does on pages of sites it was not fitted on.

    .venv/bin/python bench/plaintext_weights.py            # cross-validation, then the weights
    .venv/bin/python bench/plaintext_weights.py --write    # ... and write plaintext/weights.py
    .venv/bin/python bench/plaintext_weights.py --folds 5 --limit 300

The pages are read in place from ../shared/extraction (or $FOLIO_EXTRACTION_SET): the WCXB
set, whose truth is the whole article, and its snippets/ set, whose truth is a few snippets
that must or must not be in it. A WCXB line is labelled "article" when most of its word
4-grams are in the true text; a snippets line when it holds a "with" snippet, "not article"
when it holds a "without" one, and is left out of the fit otherwise.

Three models are fitted, each on the output of the one before: the line model (a logistic
regression), the end of the article (a conditional logit over the places it could end) and
the title (a conditional logit over each page's candidates). Cross-validation is grouped by
site: pages of one site are all in the same fold, and each fold's pages are extracted with
weights fitted on the other folds, then scored as the sets' own scorer does.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reader.services.encoding import repair_mojibake  # noqa: E402
from reader.services.language import detect_language  # noqa: E402
from reader.services.plaintext import page as plain  # noqa: E402
from reader.services.plaintext.headline import TITLE_FEATURES, title_candidates  # noqa: E402
from reader.services.plaintext.lines import (  # noqa: E402
    LINE_FEATURES,
    line_features,
    split_lines,
)
from reader.services.plaintext.region import (  # noqa: E402
    END_FEATURES,
    LineModel,
    decode,
    end_candidates,
    line_probabilities,
)

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_SHORT = 4


def dataset() -> Path:
    import os

    override = os.environ.get("FOLIO_EXTRACTION_SET")
    return Path(override) if override else REPO.parent / "shared" / "extraction"


def load_scorer(root: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_set_score", root / "score.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    sys.modules["dev_set_score"] = scorer
    spec.loader.exec_module(scorer)
    return scorer


@dataclass
class Page:
    kind: str  # "wcxb" or "snippets"
    id: str
    site: str
    text: str
    url: str | None
    truth: dict[str, Any]
    reading: plain.Reading | None = None
    x: np.ndarray = field(default_factory=lambda: np.zeros((0, len(LINE_FEATURES))))
    y: np.ndarray = field(default_factory=lambda: np.zeros(0))


def _read_pages(root: Path, kind: str, limit: int | None) -> list[Page]:
    folder = root if kind == "wcxb" else root / "snippets"
    pages = []
    for path in sorted((folder / "truth").glob("*.json"))[:limit]:
        truth = json.loads(path.read_text("utf-8"))
        with gzip.open(folder / "plain" / f"{path.stem}.txt.gz", "rt", encoding="utf-8") as f:
            text = f.read()
        url = truth.get("url")
        host = (urlsplit(url).hostname or "") if url else ""
        site = host.removeprefix("www.") or f"{kind}-{path.stem}"
        pages.append(Page(kind, path.stem, site, text, url, truth))
    return pages


def _label_whole(lines: list[Any], truth: str) -> np.ndarray:
    tokens = _TOKEN.findall(truth)
    grams = {tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3))}
    joined = " " + " ".join(tokens) + " "
    labels = []
    for line in lines:
        words = _TOKEN.findall(line.text)
        if len(words) >= _SHORT:
            own = [tuple(words[i : i + 4]) for i in range(len(words) - 3)]
            labels.append(float(sum(g in grams for g in own) / len(own) >= 0.5))
        else:
            labels.append(float(bool(words) and (" " + " ".join(words) + " ") in joined))
    y = np.array(labels)
    # A short line that happens to occur in the article ("Home", "Share") is the article's
    # only between the article's first and last long lines.
    long_ones = [i for i, line in enumerate(lines) if y[i] == 1 and line.words >= _SHORT]
    if long_ones:
        for i, line in enumerate(lines):
            if line.words < _SHORT and not long_ones[0] <= i <= long_ones[-1]:
                y[i] = 0.0
    return y


def _label_snippets(lines: list[Any], truth: dict[str, Any]) -> np.ndarray:
    def norm(text: str) -> str:
        return _SPACE.sub(" ", text).strip()

    with_ = [norm(s) for s in truth.get("with") or [] if s and s.strip()]
    without = [norm(s) for s in truth.get("without") or [] if s and s.strip()]
    y = np.full(len(lines), np.nan)
    for i, line in enumerate(lines):
        own = norm(line.shown.replace("\t", " "))
        long_enough = line.words >= 3
        if any(s in own or (long_enough and own in s) for s in with_):
            y[i] = 1.0
        elif any(s in own for s in without):
            y[i] = 0.0
    return y


def prepare(pages: list[Page]) -> None:
    for page in pages:
        lines = split_lines(repair_mojibake(page.text))
        language = plain.prose_language(lines) or detect_language(page.text)
        reading = plain.Reading(lines, language, [], [])
        page.reading = reading
        page.x = np.array(line_features(reading.lines, reading.language), float).reshape(
            -1, len(LINE_FEATURES)
        )
        if page.kind == "wcxb":
            page.y = _label_whole(reading.lines, page.truth.get("text") or "")
        else:
            page.y = _label_snippets(reading.lines, page.truth)


def fit_logistic(x: np.ndarray, y: np.ndarray, sample: np.ndarray, l2: float = 1.0) -> Any:
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1
    z = np.column_stack([np.ones(len(x)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ ((p - y) * sample) + l2 * w
        hess = (z * (p * (1 - p) * sample)[:, None]).T @ z + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    weights = w[1:] / scale
    return float(w[0] - weights @ mean), weights


def _logsumexp(values: np.ndarray) -> float:
    top = float(values.max())
    return top + float(np.log(np.exp(values - top).sum()))


def fit_choice(groups: list[tuple[np.ndarray, np.ndarray]], l2: float = 1.0) -> np.ndarray:
    """Conditional logit: for each page, the softmax over its candidates should put its mass
    on the right ones. Newton steps with backtracking, so a step never makes the fit worse."""
    usable = [(x, y > 0) for x, y in groups if len(x) and y.any()]
    x_all = np.vstack([x for x, _ in usable])
    mean, scale = x_all.mean(0), x_all.std(0)
    scale[scale == 0] = 1
    zs = [((x - mean) / scale, y) for x, y in usable]

    def loss(w: np.ndarray) -> float:
        total = 0.5 * l2 * float(w @ w)
        for z, y in zs:
            s = z @ w
            total += _logsumexp(s) - _logsumexp(s[y])
        return total

    w = np.zeros(x_all.shape[1])
    current = loss(w)
    for _ in range(40):
        grad, hess = l2 * w, l2 * np.eye(len(w))
        for z, y in zs:
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            s_true = np.where(y, s, -np.inf)
            q = np.exp(s_true - s_true.max())
            q /= q.sum()
            ep = p @ z
            grad += ep - q @ z
            hess += (z * p[:, None]).T @ z - np.outer(ep, ep)
        step = np.linalg.solve(hess, grad)
        size = 1.0
        while size > 1e-4 and loss(w - size * step) > current:
            size /= 2
        if size <= 1e-4:
            break
        w = w - size * step
        previous, current = current, loss(w)
        if previous - current < 1e-7:
            break
    return np.asarray(w / scale)


def _end_target(page: Page, candidates: list[int]) -> np.ndarray | None:
    """Which candidate ends are right: the last article line for the WCXB set; for the
    snippets set, any from the last "with" line to the first "without" line after it."""
    assert page.reading is not None
    lines, y = page.reading.lines, page.y
    if page.kind == "wcxb":
        ends = [i for i, v in enumerate(y) if v == 1 and lines[i].words >= _SHORT]
        if not ends:
            return None
        below = [c for c in candidates if c <= ends[-1]]
        best = below[-1] if below else candidates[0]
        return np.array([float(c == best) for c in candidates])
    found = [i for i, v in enumerate(y) if v == 1]
    if not found:
        return None
    last = found[-1]
    limit = next((i for i, v in enumerate(y) if v == 0 and i > last), len(lines))
    target = np.array([float(last <= c < limit) for c in candidates])
    if not target.any():
        below = [c for c in candidates if c <= last]
        if not below:
            return None
        target = np.array([float(c == below[-1]) for c in candidates])
    return target


def _title_target(page: Page, texts: list[str]) -> np.ndarray:
    title = _SPACE.sub(" ", page.truth.get("title") or "").strip()
    return np.array([float(bool(title) and _SPACE.sub(" ", t).strip() == title) for t in texts])


def fit_models(pages: list[Page]) -> plain.Model:
    x = np.vstack([p.x for p in pages])
    y = np.concatenate([p.y for p in pages])
    words = np.concatenate([[line.words for line in p.reading.lines] for p in pages if p.reading])
    known = ~np.isnan(y)
    intercept, weights = fit_logistic(x[known], y[known], np.sqrt(words[known] + 1.0))
    line_model = LineModel(intercept, tuple(float(w) for w in weights))
    end_groups, title_groups = [], []
    for page in pages:
        assert page.reading is not None
        lines, language = page.reading.lines, page.reading.language
        probabilities = line_probabilities(page.x.tolist(), line_model)
        states = decode(lines, probabilities)
        candidates, rows = end_candidates(lines, probabilities, states, language)
        if len(candidates) > 1:
            target = _end_target(page, candidates)
            if target is not None:
                end_groups.append((np.array(rows, float), target))
        # The snippets set's titles follow trafilatura's conventions (the site's name kept
        # or not, as its annotators chose): the title model learns from the WCXB set's.
        if candidates and page.kind == "wcxb":
            region = (candidates[0], candidates[-1] + 1)
            found = title_candidates(lines, probabilities, region, language=language, url=page.url)
            if found:
                texts = [text for text, _ in found]
                title_groups.append(
                    (np.array([row for _, row in found], float), _title_target(page, texts))
                )
    end = fit_choice(end_groups)
    title = fit_choice(title_groups)
    return plain.Model(line_model, tuple(map(float, end)), tuple(map(float, title)))


def _folds(pages: list[Page], k: int) -> list[list[Page]]:
    sites = sorted({p.site for p in pages}, key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    fold_of = {site: i % k for i, site in enumerate(sites)}
    return [[p for p in pages if fold_of[p.site] == j] for j in range(k)]


def score(
    scorer: ModuleType, pages: list[Page], model_of: dict[str, plain.Model]
) -> dict[str, float]:
    """Extract each page with its model, print the sets' own figures and return the main
    ones ("wcxb", "snippets", "snippets-de")."""
    triples, titles, counts = [], {"wcxb": [0, 0], "snippets": [0, 0]}, {}
    groups: dict[str, list[Any]] = {"all": [], "de": [], "en": [], "other": []}
    for page in pages:
        result, _ = plain.extract_with(page.text, page.url, model_of[page.kind + page.id])
        if page.truth.get("title"):
            titles[page.kind][0] += scorer.title_exact(page.truth["title"], result.title)
            titles[page.kind][1] += 1
        if page.kind == "wcxb":
            if page.truth.get("text"):
                truth = scorer._shingles(page.truth["text"])
                triples.append(scorer._tp_fp_fn(truth, scorer._shingles(result.text)))
        else:
            truth = {
                "with": [s for s in page.truth.get("with") or [] if s and s.strip()],
                "without": [s for s in page.truth.get("without") or [] if s and s.strip()],
            }
            found = scorer.snippet_counts(truth, result.text)
            groups["all"].append(found)
            groups[scorer.lang_group(page.truth.get("lang"))].append(found)
    figures: dict[str, float] = {}
    if triples:
        precision, recall, f1 = scorer.aggregate_prf(triples)
        counts["wcxb"] = len(triples)
        figures["wcxb"] = f1
        t = titles["wcxb"]
        print(
            f"  WCXB      shF1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"
            f"  title {t[0] / max(1, t[1]):.3f}  on {len(triples)} pages"
        )
    if groups["all"]:
        f1s = {name: scorer.snippet_prf(c)[2] for name, c in groups.items() if c}
        precision, recall, _ = scorer.snippet_prf(groups["all"])
        figures["snippets"] = f1s["all"]
        figures["snippets-de"] = f1s.get("de", 0.0)
        t = titles["snippets"]
        print(
            f"  snippets  snF1 {f1s['all']:.3f} (P {precision:.3f}, R {recall:.3f})"
            f"  de {f1s.get('de', 0):.3f}  en {f1s.get('en', 0):.3f}"
            f"  other {f1s.get('other', 0):.3f}  title {t[0] / max(1, t[1]):.3f}"
            f"  on {len(groups['all'])} pages"
        )
    return figures


def weights_source(model: plain.Model) -> str:
    def table(name: str, names: tuple[str, ...], values: Any) -> str:
        rows = "".join(f'    "{n}": {v:.4f},\n' for n, v in zip(names, values, strict=True))
        return f"{name}: dict[str, float] = {{\n{rows}}}\n"

    return (
        '"""Weights of the plain-text models, written by'
        ' ``bench/plaintext_weights.py --write``."""\n\n'
        f"LINE_INTERCEPT = {model.line.intercept:.4f}\n"
        + table("LINE_WEIGHTS", LINE_FEATURES, model.line.weights)
        + table("END_WEIGHTS", END_FEATURES, model.end)
        + table("TITLE_WEIGHTS", TITLE_FEATURES, model.title)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: none)")
    parser.add_argument("--limit", type=int, help="the first N pages of each set")
    parser.add_argument("--write", action="store_true", help="write plaintext/weights.py")
    args = parser.parse_args(argv)
    root = dataset()
    if not (root / "score.py").is_file():
        print(f"no extraction set at {root} (set FOLIO_EXTRACTION_SET)", file=sys.stderr)
        return 1
    scorer = load_scorer(root)
    started = time.monotonic()
    pages = _read_pages(root, "wcxb", args.limit) + _read_pages(root, "snippets", args.limit)
    prepare(pages)
    usable = [p for p in pages if p.reading and p.reading.lines]
    print(f"# {len(usable)} pages read in {time.monotonic() - started:.0f} s", flush=True)
    if args.folds > 1:
        model_of: dict[str, plain.Model] = {}
        for held_out in _folds(usable, args.folds):
            held = {id(p) for p in held_out}
            model = fit_models([p for p in usable if id(p) not in held])
            model_of.update({p.kind + p.id: model for p in held_out})
        print(f"# grouped by site, {args.folds}-fold: each fold extracted with weights fitted on"
              " the others")  # fmt: skip
        score(scorer, usable, model_of)
    model = fit_models(usable)
    print("# fitted on all pages (in-sample)")
    score(scorer, usable, {p.kind + p.id: model for p in usable})
    source = weights_source(model)
    if args.write:
        target = REPO / "reader" / "services" / "plaintext" / "weights.py"
        target.write_text(source, encoding="utf-8")
        print(f"# wrote {target.relative_to(REPO)}")
    else:
        print(source)
    print(f"# {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
