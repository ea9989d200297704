"""Course tooling (not science): the reader-facing text of the book, and its overlap with the seed texts.

The course grew from two short source texts (``../shared/seeds/``). Every fact in them is taught, but in
the course's own words: no run of ``RUN_WORDS`` words of a page, notebook, glossary or quiz may equal a run
of a seed text, after both are lower-cased and stripped of punctuation and MyST markup. So that the check
also runs where the seeds are not present (a fresh clone, CI), the test compares against the SHA-1 hashes
of the seeds' word runs, kept in ``tests/data/seed_runs.sha1`` and regenerated from the seeds when they are
there (``python tools/textcheck.py --write-hashes``).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

__all__ = ["RUN_WORDS", "normalise_words", "word_runs", "run_hashes", "reader_texts", "seed_hashes",
           "overlaps"]

#: Length of a word run that counts as copying (issue 18: 8 or more words).
RUN_WORDS = 8

ROOT = Path(__file__).resolve().parents[1]  # the repository (this file is tools/textcheck.py)
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
HASH_FILE = ROOT / "tests" / "data" / "seed_runs.sha1"

_ROLE = re.compile(r"\{(?:cite:[a-z]+|cite)\}`[^`]*`")                 # citations: drop
_TERM = re.compile(r"\{[a-z:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")         # {term}`text <target>` -> text


def normalise_words(text: str) -> list[str]:
    """Lower-case words of ``text`` with MyST roles reduced to their visible text and punctuation removed."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    text = _ROLE.sub(" ", text)
    text = _TERM.sub(r"\1", text)
    text = text.replace("’", "'").lower()
    text = re.sub(r"(\w)'(\w)", r"\1\2", text)          # don't -> dont, brain's -> brains
    return re.findall(r"[a-z0-9]+", text)


def word_runs(words: list[str], n: int = RUN_WORDS) -> list[tuple[str, ...]]:
    """All runs of ``n`` consecutive words."""
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive int, got {n!r}")
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def _hash(run: tuple[str, ...]) -> str:
    return hashlib.sha1(" ".join(run).encode()).hexdigest()


def run_hashes(text: str, n: int = RUN_WORDS) -> set[str]:
    """SHA-1 hashes of every ``n``-word run of ``text``."""
    return {_hash(r) for r in word_runs(normalise_words(text), n)}


def _quiz_strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() if k not in ("type", "correct") for s in _quiz_strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _quiz_strings(v)]
    return []


def reader_texts(root: Path = ROOT) -> dict[str, list[str]]:
    """The text a reader meets, one list of passages per file: Markdown pages and glossaries, every
    notebook cell (prose and code), and every question, answer and feedback of the quizzes."""
    out: dict[str, list[str]] = {}
    pages = sorted(root.glob("*.md")) + sorted((root / "chapters").rglob("*.md"))
    for p in pages:
        if p.name in ("README.md", "CONTRIBUTING.md"):
            continue
        out[str(p.relative_to(root))] = [p.read_text(encoding="utf-8")]
    for p in sorted((root / "chapters").rglob("*.ipynb")):
        cells = json.loads(p.read_text(encoding="utf-8"))["cells"]
        out[str(p.relative_to(root))] = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                                         for c in cells]
    for p in sorted((root / "ne_lib" / "quizzes").glob("*.json")):
        out[str(p.relative_to(root))] = _quiz_strings(json.loads(p.read_text(encoding="utf-8")))
    return out


def seed_hashes(seeds_dir: Path = SEEDS_DIR, n: int = RUN_WORDS) -> set[str]:
    """Hashes of the seed texts' word runs, from the seeds if present, else from the committed hash file."""
    texts = sorted(Path(seeds_dir).glob("*.txt")) if Path(seeds_dir).is_dir() else []
    if texts:
        return set().union(*(run_hashes(t.read_text(encoding="utf-8"), n) for t in texts))
    return set(HASH_FILE.read_text().split())


def overlaps(root: Path = ROOT, hashes: set[str] | None = None, n: int = RUN_WORDS) -> list[tuple[str, str]]:
    """(file, copied run) for every ``n``-word run of the reader's text that also occurs in a seed."""
    hashes = seed_hashes(n=n) if hashes is None else hashes
    found = []
    for name, passages in reader_texts(root).items():
        for passage in passages:
            for run in word_runs(normalise_words(passage), n):
                if _hash(run) in hashes:
                    found.append((name, " ".join(run)))
    return found


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    import sys
    if "--write-hashes" in sys.argv:
        HASH_FILE.parent.mkdir(parents=True, exist_ok=True)
        HASH_FILE.write_text("\n".join(sorted(seed_hashes())) + "\n")
        print(f"wrote {HASH_FILE}")
    for name, run in overlaps():
        print(f"{name}: {run}")
