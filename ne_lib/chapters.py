"""The map of the course, defined once: its chapters, their pages, and the models behind each.

Quizzes, the validation page, the tests and the tools read :data:`CHAPTERS` and
:data:`MODELS`; nothing else lists the chapters. The package docstring of :mod:`ne_lib`
is the table :func:`models_table` prints.

A new chapter: add a :class:`Chapter` here (and its folder, ``_toc.yml`` entry, quiz and
cases); a new model module: add a :class:`Model`. ``tests/test_chapters.py`` checks that
this map and the files agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["Chapter", "Model", "CHAPTERS", "CHAPTER_KEYS", "MODELS", "chapter", "models_table"]


@dataclass(frozen=True)
class Chapter:
    """One chapter: folder ``chapters/<key>/``, an ``index.md`` and its ``pages`` (in reading order)."""

    key: str                       # folder name, quiz name and the chapter of validation cases
    number: int
    title: str                     # short title (validation page, tables); the index page's H1 starts with it
    pages: tuple[str, ...]         # notebook or page stems under chapters/<key>/, in _toc.yml order
    models: tuple[str, ...]        # ne_lib science modules behind the chapter (keys of MODELS)

    @property
    def folder(self) -> str:
        return f"chapters/{self.key}"

    @property
    def docnames(self) -> tuple[str, ...]:
        """Sphinx document names: the index, then the pages."""
        return (f"{self.folder}/index",) + tuple(f"{self.folder}/{p}" for p in self.pages)


@dataclass(frozen=True)
class Model:
    """One science module of ne_lib: what it models and the sources it rests on."""

    module: str                    # under ne_lib
    model: str                     # in a few words
    sources: tuple[str, ...]       # keys in references.bib ("illustrative" where none)


MODELS = MappingProxyType({m.module: m for m in (
    Model("synthesis", "tyrosine to vesicular NE: saturable, feedback-inhibited TH, then first-order steps",
          ("Bailey1989", "Gordon2008", "StrolinBenedetti1983")),
    Model("synthesis_dynamics", "the synthesis model in time: time courses, NE turnover, the time scale fitted to it",
          ("Burack1964",)),
    Model("metabolism", "where NE's metabolites come from: MAO-A in the neuron, COMT outside, liver",
          ("Eisenhofer2004",)),
    Model("projections", "LC targets and conduction delay = path length / velocity", ("Watabe1982",)),
    Model("locus_coeruleus", "LC firing: Poisson tonic rate by behavioural state, phasic bursts and pause",
          ("NitzSiegel1997", "AstonJonesBloom1981")),
    Model("logistic_gain", "NE as the gain of logistic units: signal detection, one unit against a chain",
          ("ServanSchreiber1990",)),
    Model("adaptive_gain", "adaptive gain theory: task performance as an inverted U of tonic LC activity",
          ("AstonJones2005", "YerkesDodson1908")),
    Model("binding", "single-site binding at equilibrium: occupancy C / (C + K), its inverse, competitors",
          ("textbook (mass action)",)),
    Model("receptors", "adrenergic receptor subtypes, NE affinities, competitive antagonism (Schild)",
          ("BesseFurchgott1976", "GtoPdbAdrenoceptors", "Baker2005")),
    Model("signaling", "second messengers: cAMP from Gs against Gi/o, IP3 and Ca2+ from Gq (illustrative)",
          ("RamosArnsten2007",)),
    Model("synapse", "extracellular NE near the terminals and in bulk: store-tied release, NET, diffusion, "
          "alpha2A/2C feedback", ("Abercrombie1988", "Kalen1988", "Palij1994")),
    Model("synapse_steady", "the synapse model at steady state: both spaces, in vivo with LC feedback, fold changes",
          ("Abercrombie1988", "Kalen1988")),
    Model("synapse_dynamics", "the synapse model in time: a burst, repeated trains, periodic firing; calibration",
          ("Palij1994",)),
    Model("drugs", "drug table: transporter affinities (NET, SERT, DAT), receptor actions, occupancy",
          ("Bymaster2001", "Bymaster2002", "Tatsumi1997", "Iversen2006", "Hannestad2010")),
    Model("treatment", "drug concentration -> NET occupancy -> NE -> receptors -> place on the inverted U",
          ("Bymaster2002", "Arnsten2011")),
)})

CHAPTERS: tuple[Chapter, ...] = (
    Chapter("synthesis", 1, "Synthesis and metabolism",
            ("making_ne", "missing_steps", "breaking_down_ne", "metabolites_and_the_brain"),
            ("synthesis", "synthesis_dynamics", "metabolism")),
    Chapter("locus_coeruleus", 2, "The locus coeruleus",
            ("lc_anatomy_and_firing", "lc_firing", "lc_gain_and_performance", "lc_inverted_u_evidence"),
            ("projections", "locus_coeruleus", "logistic_gain", "adaptive_gain")),
    Chapter("receptors", 3, "Receptors and signalling",
            ("receptors_and_signaling", "antagonists_and_second_messengers", "clearing_ne", "ending_the_signal"),
            ("receptors", "binding", "signaling", "synapse", "synapse_steady", "synapse_dynamics")),
    Chapter("disorders", 4, "Disorders and drugs",
            ("drugs_and_disorders", "adhd_and_the_simulator", "depression_anxiety_and_evidence"),
            ("drugs", "binding", "treatment")),
)

#: chapter keys in course order
CHAPTER_KEYS: tuple[str, ...] = tuple(c.key for c in CHAPTERS)

_BY_KEY = MappingProxyType({c.key: c for c in CHAPTERS})


def chapter(key: str) -> Chapter:
    """The chapter ``key`` (one of :data:`CHAPTER_KEYS`)."""
    if not isinstance(key, str) or key not in _BY_KEY:
        raise ValueError(f"chapter must be one of {list(CHAPTER_KEYS)}, got {key!r}")
    return _BY_KEY[key]


def models_table() -> str:
    """The science modules as a reStructuredText/Markdown-readable table: module, model, sources, chapter."""
    rows = [("module", "model", "sources", "chapter")]
    for m in MODELS.values():
        used = ", ".join(c.key for c in CHAPTERS if m.module in c.models)
        rows.append((f"ne_lib.{m.module}", m.model, ", ".join(m.sources), used))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    line = "  ".join("=" * w for w in widths)
    out = [line, "  ".join(v.ljust(w) for v, w in zip(rows[0], widths)).rstrip(), line]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows[1:]]
    out.append(line)
    return "\n".join(out)
