// The org chart on paper: every collapsed unit is opened before printing and closed again after, so
// the printout holds the whole tree (the print style sheet does the same where browsers support
// ::details-content; this covers the others).
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".belette-tree details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
