// TeX -> SVG at build time, for _ext/ne_pagespeed.py: the pages' mathematics arrives drawn, with
// MathML beside it for screen readers, and no page loads MathJax (260 KB of script, 1-3 s of a
// phone's processor) just to draw a few formulas.
// stdin: JSON [{"tex": "...", "display": true|false}, ...]
// stdout: JSON {"html": ["<mjx-container ...>", ...], "css": "<the SVG output's stylesheet>"}
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const tex = new TeX({ packages: AllPackages.filter((p) => p !== "bussproofs"), formatError: (jax, err) => { throw err; } });
const svg = new SVG({ fontCache: "local" });
const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });

const items = JSON.parse(require("fs").readFileSync(0, "utf8"));
const html = items.map(({ tex: source, display }) => adaptor.outerHTML(doc.convert(source, { display })));
process.stdout.write(JSON.stringify({ html, css: adaptor.textContent(svg.styleSheet(doc)) }));
