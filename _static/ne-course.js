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
