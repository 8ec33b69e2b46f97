/* A file input hidden behind its own button (the browser's says "Choose File" in the browser's language): says
   what was chosen, in the page's words, next to it (data-chosen: the id of the line; data-chosen-text: "…:", then the names). */
(function () {
  "use strict";
  document.querySelectorAll("input[type=file][data-chosen]").forEach(function (input) {
    input.addEventListener("change", function () {
      var line = document.getElementById(input.dataset.chosen);
      var names = Array.from(input.files).map(function (file) { return file.name; }).join(", ");
      line.textContent = names ? input.dataset.chosenText + " " + names : "";
    });
  });
})();
