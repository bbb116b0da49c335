// Suggestions as you type on La Belette's search box: an ARIA 1.2 combobox with a listbox.
// Arrows move through the suggestions, Enter opens the chosen entry, Escape closes the list;
// without JavaScript the form still works as a plain search.
(function () {
  "use strict";
  var form = document.querySelector(".belette-search[data-autocomplete-url]");
  if (!form) return;
  var input = form.querySelector("#belette-q");
  var list = form.querySelector("#belette-suggestions");
  var status = form.querySelector("#belette-suggestions-status");
  var kinds = { agent: "Agent", unit: "Unité", dispositif: "Dispositif" };
  var items = [], active = -1, timer = null, controller = null;

  function urlFor(item) {
    return form.getAttribute("data-url-" + item.kind).replace("KEY", encodeURIComponent(item.id));
  }
  function close() {
    list.hidden = true; list.innerHTML = ""; items = []; active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function render(results) {
    list.innerHTML = ""; items = results;
    if (!results.length) { close(); status.textContent = "Aucune suggestion."; return; }
    results.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = "belette-suggestion-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var label = document.createElement("span");
      label.textContent = item.label;
      var kind = document.createElement("span");
      kind.className = "belette-suggestions__kind";
      kind.textContent = kinds[item.kind] || item.kind;
      option.appendChild(label); option.appendChild(kind);
      option.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = urlFor(item); });
      list.appendChild(option);
    });
    list.hidden = false; active = -1;
    input.setAttribute("aria-expanded", "true");
    status.textContent = results.length + (results.length > 1 ? " suggestions disponibles." : " suggestion disponible.");
  }
  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < 2) { close(); return; }
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(form.getAttribute("data-autocomplete-url") + "?q=" + encodeURIComponent(query),
          { credentials: "same-origin", headers: { Accept: "application/json" }, signal: controller.signal })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (input.value.trim() === query) render(data.results || []); })
      .catch(function () { /* aborted or offline: the plain search still works */ });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 120); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      if (list.hidden) { fetchSuggestions(); return; }
      event.preventDefault(); highlight(Math.min(active + 1, items.length - 1));
    } else if (event.key === "ArrowUp") {
      if (list.hidden) return;
      event.preventDefault(); highlight(Math.max(active - 1, -1));
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault(); window.location.href = urlFor(items[active]);
    } else if (event.key === "Escape") {
      if (!list.hidden) { event.preventDefault(); close(); }
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
