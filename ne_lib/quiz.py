"""Self-check quizzes: each chapter's questions, shipped inside ne_lib.

The questions live in ``ne_lib/quizzes/<chapter>.json`` (jupyterquiz's format; each
chapter folder has a ``quiz.json`` link to its file), so a notebook opened alone, as in
Colab, still finds its quiz. jupyterquiz (a dependency of ne_lib) renders inline HTML and
JavaScript.

One fault is fixed here, at the boundary: jupyterquiz's JavaScript looks for a global
``MathJax``. JupyterLab and Notebook 7 have one without ``typeset`` (their MathJax is a
bundled module), so the quiz replaces it with a configuration object and loads MathJax
from a CDN, then reads ``MathJax.version[0]`` of that object: a request to another host
and a ``TypeError`` (offline, the quiz's feedback breaks too). :func:`show_quiz` runs the
quiz's script with a local ``MathJax`` that hands typesetting to the page's own MathJax
when there is one (the website's MathJax 3, or a MathJax 2 ``Hub``) and does nothing
otherwise. The course's questions hold no TeX, so nothing is lost where the page has none.
"""

from __future__ import annotations

import json
from importlib import resources

from ne_lib import chapters as chapters_map
from ne_lib.chapters import CHAPTER_KEYS as CHAPTERS  # the course map (ne_lib.chapters)

__all__ = ["CHAPTERS", "load_quiz", "show_quiz", "quiz_outputs"]

# Runs before jupyterquiz's script, in the same function scope: every ``MathJax`` the quiz
# reads is this object, never the page's global (which the quiz would overwrite).
MATHJAX_SHIM = """\
const MathJax = {
  version: "3-ne_lib",
  typeset(elements) {
    const page = window.MathJax;
    try {
      if (page && typeof page.typesetPromise === "function") {
        page.typesetPromise(elements).catch(() => {});
      } else if (page && typeof page.typeset === "function") {
        page.typeset(elements);
      } else if (page && page.Hub && typeof page.Hub.Queue === "function") {
        (elements || [undefined]).forEach((el) => page.Hub.Queue(["Typeset", page.Hub, el]));
      }
    } catch (err) {
      console.warn("ne_lib quiz: MathJax typesetting skipped", err);
    }
  },
};
MathJax.Hub = {Queue() { MathJax.typeset(); }};
"""


def load_quiz(chapter: str) -> list[dict]:
    """The list of question dicts of ``chapter`` (one of :data:`CHAPTERS`)."""
    key = chapters_map.chapter(chapter).key
    text = resources.files("ne_lib").joinpath("quizzes", f"{key}.json").read_text(encoding="utf-8")
    return json.loads(text)


def quiz_outputs(chapter: str) -> list:
    """The display objects of the chapter's quiz (an HTML container, then its script)."""
    from IPython.display import Javascript
    from jupyterquiz.dynamic import display as jq_display  # jupyterquiz 2.9.6: builds, then displays

    questions = load_quiz(chapter)
    captured: list = []
    real_display = jq_display.display
    jq_display.display = lambda *objs, **kwargs: captured.extend(objs)
    try:
        jq_display.display_quiz(questions)
    finally:
        jq_display.display = real_display
    scripts = [o for o in captured if isinstance(o, Javascript)]
    if len(scripts) != 1 or len(captured) != 2:
        raise RuntimeError(f"jupyterquiz displayed {len(captured)} objects ({len(scripts)} scripts); "
                           "ne_lib.quiz expects one HTML container and one script: check its version")
    html_part = next(o for o in captured if o is not scripts[0])
    wrapped = "(function () {\n" + MATHJAX_SHIM + scripts[0].data + "\n})();\n"
    return [html_part, Javascript(wrapped)]


def show_quiz(chapter: str) -> None:
    """Display the chapter's self-check quiz (works offline in Jupyter, Colab and the website)."""
    from IPython.display import display

    try:
        outputs = quiz_outputs(chapter)
    except (ImportError, AttributeError, RuntimeError) as exc:
        if isinstance(exc, ImportError) and exc.name == "jupyterquiz":
            raise
        # a jupyterquiz whose internals moved: show its quiz as it comes rather than none at all
        import warnings

        from jupyterquiz import display_quiz

        warnings.warn(f"ne_lib.quiz could not wrap this jupyterquiz ({exc}); its MathJax loading is unpatched",
                      RuntimeWarning, stacklevel=2)
        display_quiz(load_quiz(chapter))
        return
    display(*outputs)
