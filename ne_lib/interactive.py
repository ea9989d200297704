"""Interactive figures that work everywhere: live in Jupyter, and on the static website.

This module is the one import figure authors need; the pieces live apart, so a reader of one
does not need the others:

* :mod:`ne_lib.interactive_spec`: what a figure is (:class:`InteractiveFigure`, :class:`Slider`,
  :class:`Choice`, the static grid, :func:`si` for readouts in real units);
* :mod:`ne_lib.interactive_render`: drawing it (view state, blitted updates, phone layout, pixels);
* :mod:`ne_lib.interactive_live`: the ipywidgets view of a kernel;
* :mod:`ne_lib.interactive_static`: the website's flipbook (frames as image files, ``srcset``).

``figure.show()`` displays the live widget in a kernel and the flipbook in the book build
(environment variable ``NE_BOOK_BUILD=1``, set by the build).
"""

from __future__ import annotations

from .interactive_live import BUILD_ENV, in_book_build
from .interactive_render import View, drawn_values_finite, image_bytes, min_text_pt, render
from .interactive_spec import Choice, InteractiveFigure, Slider, all_figures, si

__all__ = ["Slider", "Choice", "InteractiveFigure", "View", "all_figures", "in_book_build", "drawn_values_finite",
           "image_bytes", "render", "min_text_pt", "si", "BUILD_ENV"]
