// A dispositif's contacts in the admin (belette/widgets/contacts.html): the box suggests agents as one
// types (name, job title and unit, so homonyms are told apart), as a WAI-ARIA combobox: Down/Up move
// through the suggestions, Enter adds the active one as a ticked contact, Escape closes the list.
// Without this script the box takes matricules and the ticked boxes are the contacts.
(function () {
  "use strict";
  var DELAY_MS = 200;

  function enhance(host) {
    if (host.hasAttribute("data-contact-chooser-ready")) { return; }
    host.setAttribute("data-contact-chooser-ready", "");
    var input = host.querySelector(".contact-chooser__add input");
    var list = host.querySelector(".contact-chooser__suggestions");
    var chosen = host.querySelector(".contact-chooser__chosen");
    var empty = host.querySelector(".contact-chooser__empty");
    var hint = host.querySelector(".contact-chooser__hint");
    var status = host.querySelector("[role=status]");
    var source = host.getAttribute("data-contact-chooser-source");
    var name = host.getAttribute("data-contact-chooser-name");
    var words = function (key, value) {
      return (host.getAttribute("data-contact-chooser-" + key) || "%s").replace("%s", value);
    };
    var results = [], active = -1, timer = null, request = 0;

    // The box now searches by name: what is typed is not sent with the form.
    input.removeAttribute("name");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    hint.textContent = words("hint", "");

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      results = []; active = -1;
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

    function isChosen(id) {
      return Array.prototype.some.call(chosen.querySelectorAll("input[type=checkbox]"), function (box) {
        return box.value === String(id);
      });
    }

    function choose(index) {
      var agent = results[index];
      if (!agent) { return; }
      var existing = chosen.querySelector('input[type=checkbox][value="' + agent.id + '"]');
      if (existing) {
        existing.checked = true;
      } else {
        var item = document.createElement("li");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = String(agent.id);
        box.checked = true;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + agent.label));
        item.appendChild(label);
        chosen.appendChild(item);
      }
      empty.hidden = true;
      status.textContent = words("added", agent.name);
      input.value = "";
      close();
      input.focus();
    }

    function show(found) {
      close();
      results = found.filter(function (agent) { return !isChosen(agent.id); });
      results.forEach(function (agent, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = agent.label;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(index); });
        list.appendChild(option);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      status.textContent = results.length ? words("count", results.length) : words("none", "");
    }

    function ask() {
      var query = input.value.trim();
      if (query.length < 2) { close(); return; }
      var mine = ++request;
      fetch(source + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (mine === request) { show(data.results || []); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && results.length) {
        event.preventDefault();
        highlight((active + 1) % results.length);
      } else if (event.key === "ArrowUp" && results.length) {
        event.preventDefault();
        highlight(active <= 0 ? results.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        event.preventDefault(); // never send the form from the search box
        if (active >= 0) { choose(active); } else if (results.length === 1) { choose(0); }
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function enhanceAll() { document.querySelectorAll("[data-contact-chooser]").forEach(enhance); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", enhanceAll); }
  else { enhanceAll(); }
})();
