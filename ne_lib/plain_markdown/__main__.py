"""python -m ne_lib.plain_markdown: write the plain-Markdown copies (see ne_lib.plain_markdown.copies)."""
from ne_lib.plain_markdown.copies import main

raise SystemExit(main())
