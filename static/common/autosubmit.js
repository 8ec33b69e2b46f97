/* A <select data-autosubmit> sends its form as soon as it changes (the language, the dashboard's month). */
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    // requestSubmit, not submit(): the form's submit listeners run (page.js puts the current CSRF token in).
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
})();
