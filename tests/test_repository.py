"""What the repository holds: sources, not environments or build output (a clean clone stays small)."""
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_environment_or_build_output_is_tracked():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    if not tracked:  # not a git checkout (an sdist): nothing to check
        return
    bad = [p for p in tracked if p.split("/")[0].startswith((".venv", "_build", "node_modules"))
           or "/site-packages/" in p or "__pycache__" in p]
    assert not bad, f"{len(bad)} files of an environment or build tracked, e.g. {bad[:3]}"
