// Suggestions as one types, for every search box drawn by core/forms/combobox.html: the WAI-ARIA
// combobox pattern with a listbox popup. Down and Up move through the suggestions (and wrap), Enter
// opens the active one, Escape closes the list, a click opens one. Without JavaScript the form is a
// plain search form.
//
// The settings are data attributes of an element around the box (usually its form):
//   data-combobox-source       the JSON address; it gets ?q=<text> and answers {"results": [...]}
//   data-combobox-min-chars    characters typed before asking (default 2)
//   data-combobox-text         the result's fields that make its text, in order, joined by " — " (default "title")
//   data-combobox-kind         the result's field shown after the text as its kind (optional)
//   data-combobox-kind-VALUE   the words shown for the kind VALUE (default: VALUE itself)
//   data-combobox-href-VALUE   the address of a result of kind VALUE, where ":name" stands for the
//                              result's field `name`; without it, the result's own "url" is opened
//   data-combobox-choose       present: choosing a result opens nothing; the host receives a
//                              "combobox:choose" event whose detail is the result, and the box is emptied
//                              (a chooser in a form, such as La Belette's contacts)
//   data-combobox-fill         a field of the result: choosing a suggestion puts that field's value in
//                              the box (a form field to complete, e.g. a commune) instead of opening it
(function () {
  "use strict";
  var DELAY_MS = 150;

  function setting(host, name) {
    return host.getAttribute("data-combobox-" + name);
  }

  function enhance(host) {
    if (host.hasAttribute("data-combobox-ready")) { return; } // the script may be loaded twice
    host.setAttribute("data-combobox-ready", "");
    var input = host.querySelector("[role=combobox]");
    var list = input && document.getElementById(input.getAttribute("aria-controls"));
    if (!list) { return; }
    var status = document.getElementById(list.id + "-status");
    var source = setting(host, "source");
    var minChars = parseInt(setting(host, "min-chars"), 10) || 2;
    var textFields = (setting(host, "text") || "title").split(/\s+/);
    var kindField = setting(host, "kind");
    var fillField = setting(host, "fill");
    var results = [], options = [], active = -1, timer = null, request = 0, lastQuery = null;

    function announce(message) { if (status) { status.textContent = message; } }

    function addressOf(result) {
      var template = kindField && setting(host, "href-" + result[kindField]);
      if (!template) { return result.url; }
      return template.replace(/:(\w+)/g, function (whole, name) {
        return name in result ? encodeURIComponent(result[name]) : whole;
      });
    }

    var choosing = host.hasAttribute("data-combobox-choose");

    function open(index) {
      var result = results[index];
      if (fillField) {
        input.value = result[fillField];
        close();
        lastQuery = input.value.trim(); // the chosen value is not asked for again
        announce(input.value);
        return;
      }
      if (!choosing) { window.location.assign(addressOf(result)); return; }
      input.value = "";
      close();
      host.dispatchEvent(new CustomEvent("combobox:choose", {detail: result, bubbles: true}));
    }

    function empty() {
      list.hidden = true;
      list.innerHTML = "";
      results = []; options = []; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function close() {
      empty();
      lastQuery = null; // typing again asks again
    }

    function setActive(index) {
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function optionFor(result, index) {
      var option = document.createElement("li");
      option.id = list.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var text = document.createElement("span");
      text.className = "combobox__text";
      text.textContent = textFields.map(function (name) { return result[name]; }).filter(Boolean).join(" — ");
      option.appendChild(text);
      if (kindField && result[kindField]) {
        var kind = document.createElement("span");
        kind.className = "combobox__kind";
        kind.textContent = setting(host, "kind-" + result[kindField]) || result[kindField];
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
      }
      option.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the focus in the box
      option.addEventListener("click", function () { open(index); });
      return option;
    }

    function render(found) {
      empty();
      results = found;
      options = found.map(optionFor);
      options.forEach(function (option) { list.appendChild(option); });
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      if (!options.length) { announce("Aucune suggestion."); return; }
      announce((options.length === 1 ? "1 suggestion disponible." : options.length + " suggestions disponibles.") +
        " Flèches haut et bas pour les parcourir, Entrée pour " + (choosing || fillField ? "choisir." : "ouvrir."));
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (query.length < minChars) { close(); announce(""); return; }
      var mine = ++request;
      var address = source + (source.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(address, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) { if (mine === request) { render(data.results || []); } })
        .catch(function () { if (mine === request) { close(); } }); // offline: the plain search still works
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      var count = options.length;
      if (event.key === "ArrowDown") {
        if (list.hidden) { fetchSuggestions(); return; }
        event.preventDefault();
        setActive(active < count - 1 ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (list.hidden) { return; }
        event.preventDefault();
        setActive(active > 0 ? active - 1 : count - 1);
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        open(active);
      } else if (event.key === "Enter" && choosing) {
        event.preventDefault(); // a chooser's box never sends its form
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function enhanceAll() { document.querySelectorAll("[data-combobox-source]").forEach(enhance); }
  // Deferred on the site's pages; the admin may load it from a form's media, before the form.
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", enhanceAll); }
  else { enhanceAll(); }
})();
