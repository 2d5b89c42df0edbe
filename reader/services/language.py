"""Which language a text is written in (ISO 639-1), and that language's stopwords.

Detection uses py3langid's naive Bayes model with normalised probabilities, so a text too
short or too mixed to tell gives ``None`` instead of a confident guess; nothing here assumes
English.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

# Below this many letters a guess is mostly noise ("OK", "Home", a name).
_MIN_LETTERS = 12
# Normalised probability the best language must reach before we name it.
_MIN_CONFIDENCE = 0.5
# Long texts say no more about their language than their first pages do; capping the
# sample keeps detection fast on a 50 MB file.
_SAMPLE_CHARS = 20_000

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_URLISH = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _get_identifier() -> Any:
    # Loading the model takes a moment; one thread does it while the others wait.
    with _lock:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, or ``None`` when unsure."""
    sample = _URLISH.sub(" ", text[:_SAMPLE_CHARS])
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return None
    language, confidence = _get_identifier().classify(sample)
    if confidence < _MIN_CONFIDENCE or not language or language == "und":
        return None
    return str(language)


# jusText ships stopword lists named by language; these are the ones worth telling apart.
_STOPLIST_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean",
    "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "ms": "Malay", "mt": "Maltese", "nb": "Norwegian_Bokmal",
    "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese",
}  # fmt: skip


@lru_cache(maxsize=16)
def stopwords(language: str | None) -> frozenset[str]:
    """Lower-case stopwords of ``language`` (ISO 639-1); empty when we have no list."""
    name = _STOPLIST_NAMES.get((language or "").lower())
    if name is None:
        return frozenset()
    import justext

    return frozenset(word.lower() for word in justext.get_stoplist(name))
