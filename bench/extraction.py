"""Article extraction quality on the shared dev set, as the set's own scorer measures it.

    .venv/bin/python bench/extraction.py            # HTML pages: Folio's extractor
    .venv/bin/python bench/extraction.py --plain    # pages saved as plain text
    .venv/bin/python bench/extraction.py --limit 50 --worst 20

The pages are third-party content kept outside the repository (../shared/extraction, or
$FOLIO_EXTRACTION_SET); they are read in place and never copied. Extra options go to the scorer
(--ids, --json, --save-pred, --worst, --limit).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HTML_EXTRACTOR = "reader.services.extract:extract_html"
PLAIN_EXTRACTOR = "reader.services.plaintext:clean_plain_text"


def dataset() -> Path:
    override = os.environ.get("FOLIO_EXTRACTION_SET")
    if override:
        return Path(override)
    return REPO.parent / "shared" / "extraction"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plain", action="store_true", help="score plain-text extraction")
    args, rest = parser.parse_known_args(argv)
    root = dataset()
    scorer = root / "score.py"
    if not scorer.is_file():
        print(f"no extraction set at {root} (set FOLIO_EXTRACTION_SET)", file=sys.stderr)
        return 1
    extractor = PLAIN_EXTRACTOR if args.plain else HTML_EXTRACTOR
    command = [sys.executable, str(scorer), extractor, *(["--plain"] if args.plain else []), *rest]
    print("$ " + " ".join(command), flush=True)
    return subprocess.call(command, cwd=REPO)


if __name__ == "__main__":
    sys.exit(main())
