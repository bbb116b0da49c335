// Progressive enhancement only: every page works without this file.
(function () {
  document.documentElement.classList.add("js");
  var toggle = document.querySelector(".main-nav__toggle");
  var nav = document.getElementById("main-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    var small = window.matchMedia("(max-width: 48rem)");
    var sync = function () {
      nav.dataset.collapsed = small.matches && toggle.getAttribute("aria-expanded") !== "true" ? "true" : "false";
    };
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
      sync();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        sync();
        toggle.focus();
      }
    });
    small.addEventListener("change", sync);
    sync();
  }

  // Second level of the main menu: a disclosure button per section; one open at a time; Escape or a
  // click elsewhere closes it and gives the focus back to its button.
  var disclosures = document.querySelectorAll(".main-nav__more");
  var closeAll = function (except) {
    disclosures.forEach(function (button) {
      if (button !== except) { button.setAttribute("aria-expanded", "false"); }
    });
  };
  disclosures.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      closeAll(button);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    button.parentElement.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        event.stopPropagation();
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".main-nav__item--parent")) { closeAll(null); }
  });

  // A form whose button says data-once sends once: a second click would send a second request (the
  // server ignores a repeated form too).
  document.querySelectorAll("form [data-once]").forEach(function (button) {
    button.form.addEventListener("submit", function () { button.disabled = true; });
  });

  // Buttons that print the page, shown only where this script runs.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
