// Give the quizzes' answer boxes an accessible name (jupyterquiz creates them without a label).
(function () {
  function labelQuizInputs(root) {
    root.querySelectorAll('div[data-shufflequestions] input.Input-text:not([aria-label])').forEach(function (input) {
      input.setAttribute('aria-label', 'Your answer');
    });
  }
  function start() {
    labelQuizInputs(document);
    new MutationObserver(function () { labelQuizInputs(document); })
      .observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
