// Small repairs to the self-check quizzes (jupyterquiz creates their inputs at page load):
// an accessible name for each answer box, and pasting allowed (jupyterquiz blocks it, which
// stops students who use assistive input or paste from their notes).
(function () {
  function repairQuizInputs(root) {
    root.querySelectorAll('div[data-shufflequestions] input.Input-text').forEach(function (input) {
      if (!input.hasAttribute('aria-label')) input.setAttribute('aria-label', 'Your answer');
      input.onpaste = null;
    });
  }
  function start() {
    repairQuizInputs(document);
    new MutationObserver(function () { repairQuizInputs(document); })
      .observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();

// A block that scrolls sideways (code, a wide table on a phone, a long formula) must be reachable by
// keyboard (WCAG 2.1.1). The theme gives some such blocks a tab stop when the page loads, but not
// tables or formulas, and a block inside a solution or dropdown is hidden then and only becomes
// scrollable when the reader opens it; so watch each block's size.
(function () {
  if (!('ResizeObserver' in window)) return;
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var el = entry.target;
      var scrolls = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
      if (scrolls && el.tabIndex < 0) el.tabIndex = 0;
      else if (!scrolls && el.getAttribute('tabindex') === '0') el.tabIndex = -1;
    });
  });
  var SCROLLERS = 'pre, table.table, .pst-scrollable-table-container, mjx-container[display="true"], div.math, .cell_output .output';
  function start() { document.querySelectorAll(SCROLLERS).forEach(function (el) { observer.observe(el); }); }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
