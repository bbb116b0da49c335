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

  // Filter panels (core/filters_toggle.html): on phones a form marked data-filters-panel folds behind its
  // button (a disclosure: aria-expanded, aria-controls); on wider screens it always shows, button hidden.
  document.querySelectorAll("[data-filters-toggle]").forEach(function (button) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) { return; }
    var small = window.matchMedia("(max-width: 48rem)");
    var sync = function () {
      panel.dataset.collapsed = small.matches && button.getAttribute("aria-expanded") !== "true" ? "true" : "false";
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
      sync();
    });
    small.addEventListener("change", sync);
    sync();
  });

  // Tabs block: the headings become a tab list (ARIA tabs pattern: arrows, Home and End move between tabs,
  // one tab in the Tab order). Without this script every panel shows under its heading.
  document.querySelectorAll("[data-tabs]").forEach(function (container, containerIndex) {
    var panels = Array.prototype.slice.call(container.querySelectorAll(".block-tabs__panel"));
    var list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.className = "block-tabs__list";
    var tabs = panels.map(function (panel, index) {
      var title = panel.querySelector(".block-tabs__title");
      var tab = document.createElement("button");
      var base = "onglets-" + (containerIndex + 1) + "-" + (index + 1);
      tab.type = "button";
      tab.id = base + "-onglet";
      tab.className = "block-tabs__tab";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", base);
      tab.textContent = title.textContent;
      panel.id = base;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      title.classList.add("visually-hidden");
      list.appendChild(tab);
      return tab;
    });
    var select = function (chosen, focus) {
      tabs.forEach(function (tab, index) {
        var on = tab === chosen;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        panels[index].hidden = !on;
      });
      if (focus) { chosen.focus(); }
    };
    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (event) {
        var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (next === undefined) { return; }
        event.preventDefault();
        select(tabs[(next + tabs.length) % tabs.length], true);
      });
    });
    container.insertBefore(list, container.firstChild);
    select(tabs[0], false);
  });

  // A form whose button says data-once sends once: a second click would send a second request (the
  // server ignores a repeated form too).
  document.querySelectorAll("form [data-once]").forEach(function (button) {
    button.form.addEventListener("submit", function () { button.disabled = true; });
  });

  // Another site's video or map loads only when the visitor asks (that site may set cookies): the button
  // puts the content of its <template> in place and gives it the focus.
  document.querySelectorAll("[data-embed-consent]").forEach(function (box) {
    var button = box.querySelector("button");
    var template = box.querySelector("template");
    if (!button || !template) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var content = template.content.cloneNode(true);
      var frame = content.querySelector("iframe");
      box.replaceWith(content);
      if (frame) { frame.focus(); }
    });
  });

  // Buttons that print the page, shown only where this script runs.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
