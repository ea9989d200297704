"""The live view of an interactive figure, in a kernel (JupyterLab, Notebook 7, Binder, Colab).

Real ipywidgets controls, a reset button and one image updated in place; the text description
(alt text) below it. ``show(spec)`` displays it; in the book build it shows the static flipbook
instead (:mod:`ne_lib.interactive_static`), and outside the build the widget's display bundle also
carries a ``text/html`` still frame, so a notebook opened without a kernel still shows the figure.
"""

from __future__ import annotations

import html
import time

from .contract import BUILD_ENV, in_book_build  # the build flag and its one rule
from .interactive_render import image_bytes, render
from .interactive_spec import Choice

__all__ = ["show", "widget", "in_book_build", "BUILD_ENV"]

SLOW_UPDATE_S = 0.15         # slower first update: sliders update on release, not while dragging


def show(spec) -> None:
    """Display ``spec``: live widgets in a kernel, a flipbook in the book build."""
    from IPython.display import display

    from .interactive_static import flipbook_html

    if in_book_build():
        display({"text/html": flipbook_html(spec), "text/plain": f"<interactive figure {spec.name}>"}, raw=True)
        return None
    box = widget(spec)
    bundle = {
        "application/vnd.jupyter.widget-view+json": {
            "version_major": 2, "version_minor": 0, "model_id": box.model_id},
        "text/html": flipbook_html(spec, frames=False),
        "text/plain": f"<interactive figure {spec.name}: run the notebook in Jupyter to move it>",
    }
    display(bundle, raw=True)
    return None


def widget(spec):
    """The live view: controls, reset button, one image updated in place, caption."""
    import ipywidgets as w

    view = spec.new_view()
    image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
    description = w.HTML()  # the alt text: widgets.Image has no alt attribute (and no tooltip)
    status = w.HTML()
    controls, readouts, rows = {}, {}, []
    for c in spec.controls:
        # The label sits on its own line, so a long label never squeezes the control.
        label = w.HTML(f'<span style="font-weight:600">{html.escape(c.label)}</span>')
        label.add_class("ne-control-label")
        if isinstance(c, Choice):
            control = w.Dropdown(options=[(text, v) for v, text in c.options.items()], value=c.default,
                                 layout=w.Layout(width="auto", max_width="100%"))
            rows.append(w.VBox([label, control]).add_class("ne-control"))
        else:
            control = w.FloatSlider(value=c.default, min=c.min, max=c.max, step=c.step, readout=False,
                                    layout=w.Layout(flex="1 1 auto", min_width="12em"))
            readouts[c.name] = w.Label(c.value_text(c.default), layout=w.Layout(min_width="6em"))
            readouts[c.name].add_class("ne-readout")
            rows.append(w.VBox([label, w.HBox([control, readouts[c.name]],
                                               layout=w.Layout(width="100%", align_items="center"))])
                        .add_class("ne-control"))
        controls[c.name] = control
    reset = w.Button(description="Reset", tooltip="Back to the default values", icon="undo",
                     layout=w.Layout(width="max-content"))

    def update(*_):
        values = {name: ctl.value for name, ctl in controls.items()}
        try:
            for c in spec.controls:
                if c.name in readouts:
                    readouts[c.name].value = c.value_text(values[c.name])
            render(spec, view, **values)
            image.value = image_bytes(view)
            description.value = ('<details style="font-size:0.85em"><summary>Text description of the '
                                 f'figure</summary>{html.escape(spec.alt_text(values, view.result))}</details>')
            status.value = ""
        except Exception as exc:  # keep the figure alive; say what went wrong
            status.value = f'<span style="color:#a3300b">Could not update: {html.escape(str(exc))}</span>'
            raise

    t0 = time.perf_counter()
    update()
    slow = (time.perf_counter() - t0) > SLOW_UPDATE_S
    continuous = spec.continuous_update if spec.continuous_update is not None else not slow
    for ctl in controls.values():
        if isinstance(ctl, w.FloatSlider):
            ctl.continuous_update = continuous
        ctl.observe(update, names="value")

    def do_reset(_):
        for c in spec.controls:
            controls[c.name].value = c.default

    reset.on_click(do_reset)
    title = w.HTML(f"<strong>{html.escape(spec.title)}</strong>")
    caption = w.HTML(f'<div style="font-size:0.92em;line-height:1.45;max-width:44em;white-space:normal">'
                     f"{spec.caption}</div>")
    box = w.VBox([title, image, description, *rows, reset, status, caption],
                 layout=w.Layout(max_width="48em"))
    box.ne_view = view  # keep the figure alive with the widget
    return box
