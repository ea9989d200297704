"""python -m ne_lib.diagrams [--check]: rewrite (or check) images/diagrams/*.svg."""
import sys

from . import OUT_DIR, stale, write_all

if "--check" in sys.argv[1:]:
    bad = stale()
    if bad:
        print("out of date:", ", ".join(bad), "(run: python -m ne_lib.diagrams)")
        sys.exit(1)
    print("diagrams up to date")
else:
    for path in write_all():
        print("wrote", path.relative_to(OUT_DIR.parents[1]))
