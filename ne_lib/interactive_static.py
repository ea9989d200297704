"""The static view of an interactive figure: a flipbook of frames pre-rendered on the static grid.

In the book build (no kernel on the website) every figure becomes a ``<figure>`` with the same
controls over frames rendered from the model at every point of the static grid, swapped by a few
lines of inline JavaScript: no widget JavaScript, no CDN, works offline from the folder.

Two renditions of every frame: ``wide`` (laptop) and ``phone`` (narrower, panels stacked, so that
figure text is at least 11 CSS px on a laptop and 9 on a phone), chosen by a ``<picture>`` media
query. The kernel embeds the frames at 2x pixel density; the build (:func:`externalise`, called by
``_ext/ne_flipbook.py``) moves them out of the page into image files, adds a 1x copy of each for
``srcset``, and leaves in the HTML only the default frame's ``<img>`` (with width and height) and
the list of file names: the other frames are fetched when the reader reaches for the figure.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import os
import re
from pathlib import Path
from typing import Callable

from .contract import FIGURE_ATTRIBUTE, FRAME_CACHE_ENV, figure_anchor
from .interactive_frames import frame_data
from .interactive_render import LIVE_DPI, View, image_bytes, render
from .interactive_spec import Choice

__all__ = ["flipbook_html", "externalise", "PIXELS_1X"]

#: width in device pixels of a 1x frame: about the CSS width each rendition is shown at
PIXELS_1X = {"wide": 720, "phone": 360}
PHONE_MEDIA = "(max-width: 40em)"
#: lossless WebP, fastest setting (quality 0 = least effort): 3x faster than the default effort for
#: about twice the bytes, and still smaller than PNG; text edges stay exact
WEBP = {"lossless": True, "quality": 0, "method": 0}


def _frame_dpi(view: View, layout: str) -> float:
    return 2 * PIXELS_1X[layout] / view.figure.get_figwidth()


def _webp(view: View, layout: str) -> bytes:
    return image_bytes(view, fmt="webp", dpi=_frame_dpi(view, layout), webp=WEBP)


def flipbook_html(spec, frames: bool = True) -> str:
    """The flipbook over the static grid (``frames=False``: the default frame only, inline PNG)."""
    uid = figure_anchor(spec.name)
    if not frames:
        view = render(spec)
        png = base64.b64encode(image_bytes(view, dpi=LIVE_DPI)).decode("ascii")
        w, h = (int(round(d * LIVE_DPI)) for d in view.figure.get_size_inches())
        note = "Still frame at the default values; run the notebook in Jupyter or Binder to move the sliders."
        return "\n".join([
            f'<figure class="ne-flipbook" id="{uid}" {FIGURE_ATTRIBUTE}="{html.escape(spec.name)}">',
            f'<figcaption class="ne-flipbook-title"><strong>{html.escape(spec.title)}</strong></figcaption>',
            f'<img class="ne-flipbook-img" src="data:image/png;base64,{png}" alt="{html.escape(spec.alt_text({}, view.result))}"'
            f' width="{w}" height="{h}">',
            f'<div class="ne-flipbook-caption">{spec.caption}</div>',
            f'<p class="ne-flipbook-note"><em>{note}</em></p></figure>'])

    grid = spec.static_grid()
    data = frame_data(spec)   # in a process pool, cached by the code that draws them (interactive_frames)
    images: dict[str, list[str]] = data["images"]
    text: dict[str, dict[str, float]] = data["text"]
    alts = data["alts"]
    start = [g.index(c.default) for c, g in zip(spec.controls, grid)]
    flat = _flat_index(start, [len(g) for g in grid])
    size = {layout: [PIXELS_1X[layout], int(round(PIXELS_1X[layout] * data["aspect"][layout]))]
            for layout in PIXELS_1X}
    parts = [f'<figure class="ne-flipbook" id="{uid}" {FIGURE_ATTRIBUTE}="{html.escape(spec.name)}" '
             f'data-ne-text="{html.escape(json.dumps(text))}">',
             f'<figcaption class="ne-flipbook-title"><strong>{html.escape(spec.title)}</strong></figcaption>',
             "<picture>",
             f'<source media="{PHONE_MEDIA}" srcset="data:image/webp;base64,{images["phone"][flat]}" '
             f'width="{size["phone"][0]}" height="{size["phone"][1]}">',
             f'<img class="ne-flipbook-img" src="data:image/webp;base64,{images["wide"][flat]}" '
             f'alt="{html.escape(alts[flat])}" width="{size["wide"][0]}" height="{size["wide"][1]}" decoding="async">',
             "</picture>",
             '<div class="ne-flipbook-controls">']
    for i, (c, g) in enumerate(zip(spec.controls, grid)):
        cid = f"{uid}-{c.name}"
        texts = [c.value_text(v) for v in g]
        if isinstance(c, Choice):
            opts = "".join(f'<option value="{k}"{" selected" if k == start[i] else ""}>{html.escape(t)}</option>'
                           for k, t in enumerate(texts))
            parts.append(f'<div class="ne-flipbook-control"><label for="{cid}">{html.escape(c.label)}</label>'
                         f'<select id="{cid}" data-axis="{i}">{opts}</select></div>')
        else:
            parts.append(
                f'<div class="ne-flipbook-control"><label for="{cid}">{html.escape(c.label)}</label>'
                f'<input type="range" id="{cid}" data-axis="{i}" min="0" max="{len(g) - 1}" step="1" '
                f'value="{start[i]}" aria-valuetext="{html.escape(texts[start[i]])}" '
                f'data-texts="{html.escape(json.dumps(texts))}">'
                f'<output for="{cid}">{html.escape(texts[start[i]])}</output></div>')
    parts.append("</div>")
    payload = {"shape": [len(g) for g in grid], "start": flat, "alts": alts,
               "frames": {layout: [f"data:image/webp;base64,{b}" for b in imgs] for layout, imgs in images.items()}}
    parts.append(f'<script type="application/json" class="ne-flipbook-data">{_json_in_html(payload)}</script>')
    parts.append(f"<script>{FLIPBOOK_JS}</script>")
    parts.append(f'<div class="ne-flipbook-caption">{spec.caption}</div>')
    parts.append('<p class="ne-flipbook-note"><em>Frames pre-rendered from the model on a grid of slider values. '
                 "Launch this page in Binder (rocket icon at the top) to run the full model live.</em></p></figure>")
    return "\n".join(parts)


def _json_in_html(payload) -> str:
    return json.dumps(payload).replace("<", "\\u003c").replace(">", "\\u003e")


def _flat_index(idx, shape) -> int:
    flat = 0
    for i, n in zip(idx, shape):
        flat = flat * n + i
    return flat


# ------------------------------------------------------------------ the build: frames out of the page
_DATA = re.compile(r'<script type="application/json" class="ne-flipbook-data">(.*?)</script>', re.S)
_FIGURE = re.compile(r'<figure class="ne-flipbook"[^>]*>.*?</figure>', re.S)


def externalise(body: str, write: Callable[[str, bytes], str], *, first_eager: bool = True) -> tuple[str, int]:
    """Move every flipbook's frames out of ``body`` (a page's HTML) into image files.

    ``write(filename, data)`` stores a file and returns its URL relative to the page. Each 2x frame
    is stored as is and as a 1x copy (half size); names are content hashes (a frame shared by two
    figures is stored once). Returns the new body and the number of flipbooks changed."""
    count = 0
    one_x = _one_x_copies(body)

    def one(match: re.Match) -> str:
        nonlocal count
        block = match.group(0)
        data_match = _DATA.search(block)
        if not data_match:
            return block
        data = json.loads(data_match.group(1))
        if not any(str(u).startswith("data:") for urls in data["frames"].values() for u in urls):
            return block
        urls = {layout: [_store(u, write, one_x) for u in frames] for layout, frames in data["frames"].items()}
        data["frames"] = urls
        start = data["start"]
        wide, phone = urls["wide"][start], urls["phone"][start]
        block = _DATA.sub(lambda _: f'<script type="application/json" class="ne-flipbook-data">'
                                    f"{_json_in_html(data)}</script>", block, count=1)
        block = re.sub(r'(<source media="[^"]*" )srcset="data:[^"]*"',
                       lambda m: f'{m.group(1)}srcset="{phone[0]} 1x, {phone[1]} 2x"', block, count=1)
        lazy = "" if (first_eager and count == 0) else ' loading="lazy"'
        block = re.sub(r'(<img class="ne-flipbook-img" )src="data:[^"]*"',
                       lambda m: f'{m.group(1)}src="{wide[0]}" srcset="{wide[0]} 1x, {wide[1]} 2x"{lazy}',
                       block, count=1)
        count += 1
        return block

    return _FIGURE.sub(one, body), count


def _store(data_url: str, write: Callable[[str, bytes], str], one_x: dict[str, bytes]) -> list[str]:
    raw = base64.b64decode(data_url.split(",", 1)[1])
    digest = hashlib.sha256(raw).hexdigest()[:20]
    return [write(f"{digest}.webp", one_x.get(digest) or _one_x(raw)), write(f"{digest}@2x.webp", raw)]


def _one_x_copies(body: str) -> dict[str, bytes]:
    """The 1x copy of every embedded frame of a page, by the frame's digest, made in a process pool of
    :func:`ne_lib.interactive_frames` size (a page's frames take seconds to resize one after another)."""
    raws: dict[str, bytes] = {}
    for match in _DATA.finditer(body):
        for frames in json.loads(match.group(1))["frames"].values():
            for url in frames:
                if str(url).startswith("data:"):
                    raw = base64.b64decode(str(url).split(",", 1)[1])
                    raws.setdefault(hashlib.sha256(raw).hexdigest()[:20], raw)
    if not raws:
        return {}
    from .interactive_frames import _workers

    workers = _workers(None, len(raws))
    if workers == 1:
        return {digest: _one_x(raw) for digest, raw in raws.items()}
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        copies = pool.map(_one_x, list(raws.values()), chunksize=max(1, min(8, len(raws) // (2 * workers))))
    return dict(zip(raws, copies))


def _one_x(raw: bytes) -> bytes:
    """The 1x copy of a 2x frame; kept in the build's frame cache (``FRAME_CACHE_ENV``) by a hash of
    the frame, this module's source and Pillow's version, so a rebuild that rewrites a page does not
    resize its frames again (a pure function of those three: never stale)."""
    from PIL import Image

    folder = os.environ.get(FRAME_CACHE_ENV, "").strip()
    path = None
    if folder:
        import PIL

        salt = f"{PIL.__version__}\0{json.dumps(WEBP, sort_keys=True)}\0".encode() + Path(__file__).read_bytes()
        path = Path(folder) / "1x" / f"{hashlib.sha256(salt + raw).hexdigest()}.webp"
        if path.is_file():
            return path.read_bytes()
    image = Image.open(io.BytesIO(raw))
    half = image.resize((max(1, image.width // 2), max(1, image.height // 2)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    half.save(buf, format="WEBP", **WEBP)
    data = buf.getvalue()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return data


# Inline, dependency-free: each flipbook carries it; it initialises every flipbook once. The other
# frames are fetched when the reader reaches for the figure (pointer, touch or keyboard focus).
FLIPBOOK_JS = """(function(){
if(!window.neFlipbookInit){var phone=window.matchMedia('""" + PHONE_MEDIA + """');
window.neFlipbookInit=function(){
document.querySelectorAll('figure[data-ne-flipbook]:not([data-ne-ready])').forEach(function(fig){
var dataEl=fig.querySelector('script.ne-flipbook-data');if(!dataEl)return;
var d=JSON.parse(dataEl.textContent),img=fig.querySelector('img.ne-flipbook-img'),src=fig.querySelector('picture source');
var ctls=Array.prototype.slice.call(fig.querySelectorAll('[data-axis]')),flat=d.start,fetched=false;
function pair(u){return u[0]+' 1x, '+u[1]+' 2x';}
function mark(){img.dataset.rendition=phone.matches?'phone':'wide';}
function show(){var w=d.frames.wide[flat],p=d.frames.phone[flat];
if(typeof w==='string'){img.removeAttribute('srcset');img.src=w;if(src)src.srcset=p;}
else{img.srcset=pair(w);img.src=w[0];if(src)src.srcset=pair(p);}
img.alt=d.alts[flat];mark();}
function prefetch(){if(fetched)return;fetched=true;var k=phone.matches?'phone':'wide',i=(window.devicePixelRatio||1)>1.25?1:0;
d.frames[k].forEach(function(u){if(typeof u!=='string'){var im=new Image();im.decoding='async';im.src=u[i];}});}
function update(){flat=0;ctls.forEach(function(c){var i=parseInt(c.value,10);flat=flat*d.shape[+c.dataset.axis]+i;
if(c.tagName==='INPUT'){var t=JSON.parse(c.dataset.texts)[i];c.setAttribute('aria-valuetext',t);
var o=fig.querySelector('output[for="'+c.id+'"]');if(o)o.textContent=t;}});show();}
ctls.forEach(function(c){c.addEventListener('input',update);c.addEventListener('change',update);});
['pointerenter','touchstart','focusin'].forEach(function(e){fig.addEventListener(e,prefetch,{passive:true});});
if(phone.addEventListener)phone.addEventListener('change',mark);mark();
fig.setAttribute('data-ne-ready','1');});};}
if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded',window.neFlipbookInit);}
else{window.neFlipbookInit();}})();"""
