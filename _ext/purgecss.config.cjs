// PurgeCSS settings for _ext/ne_pagespeed.py: keep the theme's rules that a built page or one of the
// site's scripts can use. NE_SITE is the built site's folder (set by the extension).
const site = process.env.NE_SITE;
module.exports = {
  content: [`${site}/**/*.html`, `${site}/_static/**/*.js`, `!${site}/_static/mathjax/**`],
  // Colour modes are switched by attributes the theme's script sets on <html>; keep every rule for them.
  safelist: { greedy: [/data-theme/, /data-mode/, /data-bs-theme/] },
  // Custom properties, @keyframes and @font-face are kept whole (the theme reads its variables at run time).
  variables: false,
  keyframes: false,
  fontFace: false,
};
