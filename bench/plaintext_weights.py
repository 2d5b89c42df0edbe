"""Fit the weights of reader.services.plaintext on the article dev set and print them.

    .venv/bin/python bench/plaintext_weights.py [DEV_SET_DIR]

DEV_SET_DIR defaults to ../shared/extraction (pages are read in place, never copied). A line
is labelled "article" when most of its word 4-grams occur in the page's true text. The line
model is a logistic regression, the title model a conditional logit over each page's title
candidates; both are reported with two-fold cross-validation (even/odd page ids) before the
final fit on all pages, and printed as Python to paste into the module.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from reader.services import plaintext as pt
from reader.services.language import detect_language

_TOKEN = re.compile(r"\w+")


def _label_lines(lines: list[pt._Line], truth: str) -> np.ndarray:
    tokens = _TOKEN.findall(truth)
    grams = {tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3))}
    joined = " " + " ".join(tokens) + " "
    labels = []
    for line in lines:
        words = _TOKEN.findall(line.text)
        if len(words) >= 4:
            own = [tuple(words[i : i + 4]) for i in range(len(words) - 3)]
            labels.append(sum(gram in grams for gram in own) / len(own) >= 0.5)
        else:
            labels.append(bool(words) and (" " + " ".join(words) + " ") in joined)
    return np.array(labels, float)


def _matrix(rows: list[dict[str, float]], names: tuple[str, ...]) -> np.ndarray:
    return np.array([[row[name] for name in names] for row in rows], float).reshape(-1, len(names))


def _fit_logistic(x: np.ndarray, y: np.ndarray, sample: np.ndarray, l2: float = 1.0) -> Any:
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1
    z = np.column_stack([np.ones(len(x)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-(z @ w)))
        grad = z.T @ ((p - y) * sample) + l2 * w
        hess = (z * (p * (1 - p) * sample)[:, None]).T @ z + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    weights = w[1:] / scale
    return float(w[0] - weights @ mean), weights


def _logsumexp(values: np.ndarray) -> float:
    top = float(values.max())
    return top + float(np.log(np.exp(values - top).sum()))


def _fit_choice(groups: list[tuple[np.ndarray, np.ndarray]], l2: float = 1.0) -> np.ndarray:
    """Conditional logit: for each page, the softmax over its candidates should put its mass
    on the true titles. Newton steps with backtracking, so a step never makes the fit worse."""
    x = np.vstack([g[0] for g in groups])
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1
    zs = [((g[0] - mean) / scale, g[1] > 0) for g in groups if g[1].any()]

    def loss(w: np.ndarray) -> float:
        total = 0.5 * l2 * float(w @ w)
        for z, y in zs:
            s = z @ w
            total += _logsumexp(s) - _logsumexp(s[y])
        return total

    w = np.zeros(x.shape[1])
    current = loss(w)
    for _ in range(40):
        grad, hess = l2 * w, l2 * np.eye(len(w))
        for z, y in zs:
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            # The posterior over the true titles, computed apart so it cannot underflow.
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
        if previous - current < 1e-6:
            break
    return np.asarray(w / scale)


def _probabilities(x: np.ndarray, model: Any) -> np.ndarray:
    intercept, weights = model
    return np.asarray(1 / (1 + np.exp(-(intercept + x @ weights))))


def _held_out_scores(root: Path, folds: list[list[dict[str, Any]]], models: list[Any]) -> None:
    """The whole extractor on each half of the pages with weights fitted on the other half,
    scored as the dev set's scorer does: what to expect on pages the weights have not seen."""
    spec = importlib.util.spec_from_file_location("dev_set_score", root / "score.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    saved = pt._LINE_INTERCEPT, pt._LINE_WEIGHTS, pt._TITLE_WEIGHTS
    triples, titles = [], 0
    try:
        for k, ((intercept, weights), title_weights) in enumerate(models):
            pt._LINE_INTERCEPT = intercept
            pt._LINE_WEIGHTS = dict(zip(pt._LINE_FEATURES, map(float, weights), strict=True))
            pt._TITLE_WEIGHTS = dict(
                zip(pt._TITLE_FEATURES, map(float, title_weights), strict=True)
            )
            for page in folds[k]:
                result = pt.clean_plain_text(page["text"], page["url"])
                truth = page["truth"]
                triples.append(
                    scorer._tp_fp_fn(
                        scorer._shingles(truth["text"]), scorer._shingles(result["text"])
                    )
                )
                titles += scorer.title_exact(truth["title"], result["title"])
    finally:
        pt._LINE_INTERCEPT, pt._LINE_WEIGHTS, pt._TITLE_WEIGHTS = saved
    precision, recall, f1 = scorer.aggregate_prf(triples)
    print(
        f"# held-out (two-fold): shF1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}), "
        f"title {titles / len(triples):.3f} on {len(triples)} pages with text"
    )


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/extraction")
    pages: list[dict[str, Any]] = []
    for truth_path in sorted((root / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text("utf-8"))
        with gzip.open(root / "plain" / f"{truth_path.stem}.txt.gz", "rt", encoding="utf-8") as f:
            text = f.read()
        lines = pt._split_lines(text)
        if not lines or not truth.get("text"):
            continue
        language = detect_language(text)
        x = _matrix(pt._line_features(lines, language), pt._LINE_FEATURES)
        pages.append(
            {
                "id": int(truth_path.stem),
                "lines": lines,
                "language": language,
                "x": x,
                "y": _label_lines(lines, truth["text"]),
                "title": " ".join(truth["title"].split()),
                "url": truth.get("url"),
                "text": text,
                "truth": truth,
            }
        )

    def fit_lines(subset: list[dict[str, Any]]) -> Any:
        x = np.vstack([p["x"] for p in subset])
        y = np.concatenate([p["y"] for p in subset])
        sample = np.sqrt(np.expm1(x[:, pt._LINE_FEATURES.index("lw")]) + 1)
        return _fit_logistic(x, y, sample)

    folds = [[p for p in pages if p["id"] % 2 == k] for k in (0, 1)]
    for k in (0, 1):
        model = fit_lines(folds[1 - k])
        for page in folds[k]:
            page["p"] = _probabilities(page["x"], model)

    def title_groups(subset: list[dict[str, Any]]) -> list[tuple[np.ndarray, np.ndarray]]:
        groups = []
        for page in subset:
            probabilities = list(page["p"])
            start, end = pt._main_region(page["lines"], probabilities)
            end = pt._cut_at_article_end(page["lines"], start, end)
            candidates = pt._title_candidates(
                page["lines"],
                probabilities,
                (start, end),
                language=page["language"],
                url=page["url"],
            )
            page["candidates"] = [text for text, _ in candidates]
            x = _matrix([features for _, features in candidates], pt._TITLE_FEATURES)
            y = np.array([text == page["title"] for text, _ in candidates], float)
            groups.append((x, y))
        return groups

    correct = 0
    fold_models = []
    for k in (0, 1):
        weights = _fit_choice(title_groups(folds[1 - k]))
        fold_models.append((fit_lines(folds[1 - k]), weights))
        for x, y in title_groups(folds[k]):
            correct += bool(len(y)) and y[int(np.argmax(x @ weights))] > 0
    print(f"# title candidates, two-fold cross-validated: {correct / len(pages):.3f}")
    _held_out_scores(root, folds, fold_models)

    line_model = fit_lines(pages)
    title_weights = _fit_choice(title_groups(pages))
    print(f"_LINE_INTERCEPT = {line_model[0]:.4f}")
    print("_LINE_WEIGHTS = {")
    for name, value in zip(pt._LINE_FEATURES, line_model[1], strict=True):
        print(f'    "{name}": {value:.4f},')
    print("}")
    print("_TITLE_WEIGHTS = {")
    for name, value in zip(pt._TITLE_FEATURES, title_weights, strict=True):
        print(f'    "{name}": {value:.4f},')
    print("}")


if __name__ == "__main__":
    main()
