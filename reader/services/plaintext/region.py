"""Where the article lies among the lines: a region, not a set of lines.

1. A logistic model gives each line the probability that it belongs to the article.
2. A Viterbi pass over four states — before the article, in it, in a box inside it, after
   it — finds the best region. A line in the article adds its evidence (log-odds against a
   threshold, weighted by the square root of its length, so one paragraph outweighs a few
   menu entries); opening a box costs a little and each line in it a little more, so a
   short run of doubtful lines between paragraphs of the same article (a caption, an
   advertisement, a "read more" box) leaves the article open.
3. Where the article ends is then chosen among the region's lines by a conditional logit:
   for each place it could end, how much text, prose and vocabulary of the article would
   follow. A trailing promotion, newsletter box, consent notice, teaser list or comment
   thread reads as prose but shares little of the article's words and follows a break of
   short lines; more of the same article after a box does not. The decision uses no
   vocabulary of any language.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.services.plaintext.lines import (
    CLOCK,
    DATEISH,
    PROSE_WORDS,
    SENTENCE_END,
    Line,
    content_words,
    stopwords,
)

BEFORE, ARTICLE, BOX, AFTER = 0, 1, 2, 3

END_FEATURES = (
    "after_words", "before_words", "after_share", "after_prose", "after_prose_share",
    "after_logit", "after_coherence", "next_coherence", "next_short", "next_titleish",
    "next_date", "ends_sentence", "is_prose", "no_cut", "next_short_run", "after_repeated",
    "next_logit", "own_logit", "following_logit",
)  # fmt: skip

# A line is in the article when its log-odds beat this, in the balance of the region.
_THRESHOLD = -0.25
# Leaving the article for a box inside it, and each line of the box.
_BOX_OPEN = 3.0
_BOX_LINE = 0.3
# When no line beats the threshold, lines are judged against the page's best one.
_RELATIVE_MARGIN = 1.0
# How many lines after a possible end are "next" to it.
_NEXT_LINES = 3
_SHORT_WORDS = 5


@dataclass(frozen=True, slots=True)
class LineModel:
    intercept: float
    weights: Sequence[float]


def logit(probability: float) -> float:
    p = min(max(probability, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(value: float) -> float:
    if value < -30:
        return 0.0
    if value > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-value))


def line_probabilities(rows: Sequence[Sequence[float]], model: LineModel) -> list[float]:
    weights = model.weights
    return [
        _sigmoid(model.intercept + sum(w * x for w, x in zip(weights, row, strict=True)))
        for row in rows
    ]


def decode(
    lines: Sequence[Line], probabilities: Sequence[float], threshold: float = _THRESHOLD
) -> list[int]:
    """The state of each line (BEFORE, ARTICLE, BOX or AFTER), by Viterbi."""
    never = -1e18
    before, article, box, after = 0.0, never, never, never
    back: list[tuple[int, int, int, int]] = []
    for line, probability in zip(lines, probabilities, strict=True):
        if line.words:
            gain = math.sqrt(line.words + 1) * (logit(probability) - threshold)
            cost = -_BOX_LINE
        else:
            gain = cost = 0.0
        into_article = max((before, BEFORE), (article, ARTICLE), (box, BOX))
        into_box = max((article - _BOX_OPEN, ARTICLE), (box, BOX))
        into_after = max((article, ARTICLE), (after, AFTER))
        back.append((BEFORE, into_article[1], into_box[1], into_after[1]))
        article, box, after = into_article[0] + gain, into_box[0] + cost, into_after[0]
    state = max((article, ARTICLE), (after, AFTER), (before, BEFORE))[1]
    states = [BEFORE] * len(lines)
    for index in range(len(lines) - 1, -1, -1):
        states[index] = state
        state = back[index][state]
    if ARTICLE not in states and threshold == _THRESHOLD:
        best = max(
            (p for p, line in zip(probabilities, lines, strict=True) if line.words), default=0
        )
        if best > 0:
            # Nothing reads like an article: a short post, a list. Its best lines are it.
            return decode(lines, probabilities, logit(best) - _RELATIVE_MARGIN)
    return states


def end_candidates(
    lines: Sequence[Line],
    probabilities: Sequence[float],
    states: Sequence[int],
    language: str | None,
) -> tuple[list[int], list[list[float]]]:
    """The lines after which the article could end, with one row of :data:`END_FEATURES`
    each. The last is the end the region found ("no_cut")."""
    stop = stopwords(language)
    members = [i for i, s in enumerate(states) if s == ARTICLE and lines[i].words]
    if not members:
        return [], []
    repeats = Counter(line.text for line in lines)
    words = [lines[i].words for i in members]
    logits = [logit(probabilities[i]) for i in members]
    ends = [bool(SENTENCE_END.search(lines[i].text)) for i in members]
    prose = [w if w >= PROSE_WORDS and e else 0 for w, e in zip(words, ends, strict=True)]
    topics = [content_words(lines[i].text, stop) for i in members]
    count = len(members)
    # Sums over what follows each line.
    after_words = [0] * (count + 1)
    after_prose = [0] * (count + 1)
    after_weighted = [0.0] * (count + 1)
    after_weight = [0.0] * (count + 1)
    after_repeated = [0] * (count + 1)
    short_run = [0] * (count + 1)
    for k in range(count - 1, -1, -1):
        weight = math.sqrt(words[k] + 1)
        after_words[k] = after_words[k + 1] + words[k]
        after_prose[k] = after_prose[k + 1] + prose[k]
        after_weighted[k] = after_weighted[k + 1] + weight * logits[k]
        after_weight[k] = after_weight[k + 1] + weight
        after_repeated[k] = after_repeated[k + 1] + (repeats[lines[members[k]].text] > 1)
        short_run[k] = short_run[k + 1] + 1 if words[k] <= _SHORT_WORDS else 0
    total = after_words[0]
    # Topic words of what follows, and how many of them came before.
    following: Counter[str] = Counter()
    for topic in topics:
        following.update(topic)
    seen: set[str] = set()
    shared = 0
    before_words = 0
    rows: list[list[float]] = []
    for k in range(count):
        for word in topics[k]:
            following[word] -= 1
            if following[word] == 0:
                del following[word]
                if word in seen:
                    shared -= 1
        for word in topics[k]:
            if word not in seen:
                seen.add(word)
                if word in following:
                    shared += 1
        before_words += words[k]
        values = dict.fromkeys(END_FEATURES, 0.0)
        values["before_words"] = math.log1p(before_words)
        values["ends_sentence"] = 1.0 if ends[k] else 0.0
        values["is_prose"] = 1.0 if prose[k] else 0.0
        values["own_logit"] = logits[k]
        if k == count - 1:
            values["no_cut"] = 1.0
        else:
            nxt = range(k + 1, min(count, k + 1 + _NEXT_LINES))
            near: set[str] = set().union(*(topics[j] for j in nxt))
            following_line = lines[members[k + 1]]
            values.update(
                after_words=math.log1p(after_words[k + 1]),
                after_share=after_words[k + 1] / max(1, total),
                after_prose=math.log1p(after_prose[k + 1]),
                after_prose_share=after_prose[k + 1] / max(1, after_words[k + 1]),
                after_logit=after_weighted[k + 1] / after_weight[k + 1],
                after_coherence=shared / len(following) if following else 1.0,
                next_coherence=len(near & seen) / len(near) if near else 1.0,
                next_short=1.0 if following_line.words <= 4 else 0.0,
                next_titleish=1.0 if 3 <= following_line.words <= 15 and not ends[k + 1] else 0.0,
                next_date=1.0
                if any(
                    words[j] <= 8
                    and (
                        CLOCK.search(lines[members[j]].text)
                        or DATEISH.search(lines[members[j]].text)
                    )
                    for j in nxt
                )
                else 0.0,
                next_short_run=math.log1p(short_run[k + 1]),
                after_repeated=after_repeated[k + 1] / (count - k - 1),
                next_logit=sum(logits[j] for j in nxt) / len(nxt),
                following_logit=logits[k + 1],
            )
        rows.append([values[name] for name in END_FEATURES])
    return members, rows


def choose_end(
    candidates: Sequence[int], rows: Sequence[Sequence[float]], weights: Sequence[float]
) -> int | None:
    """The line the article ends with: the candidate the model scores highest."""
    if not candidates:
        return None
    scores = [sum(w * x for w, x in zip(weights, row, strict=True)) for row in rows]
    return candidates[max(range(len(scores)), key=scores.__getitem__)]
