/* A <select data-autosubmit> sends its form as soon as it changes (the language, the dashboard's month). */
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
