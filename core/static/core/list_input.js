// Chips for the list fields drawn by core/widgets/list_input.html (core/list_input.py). The textarea
// stays the form's value, hidden and kept in step; the person sees each value as a chip with a
// « Retirer » button, and a text input that adds a value on Enter or a comma (a pasted list is split
// too). A live region says what was added or removed. Without this script the textarea works alone:
// one value per line.
(function () {
  "use strict";

  // The same reading as core.list_input.split_values: several lines are one value each; one line is
  // split at its commas, a value in double quotes keeping its commas.
  function splitLine(line) {
    var values = [], current = "", quoted = false, i, c;
    for (i = 0; i < line.length; i += 1) {
      c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { current += '"'; i += 1; }
        else if (c === '"') { quoted = false; }
        else { current += c; }
      } else if (c === '"' && current.trim() === "") { quoted = true; current = ""; }
      else if (c === ",") { values.push(current); current = ""; }
      else { current += c; }
    }
    values.push(current);
    return values;
  }

  function splitValues(text) {
    var lines = text.split(/\r?\n/).filter(function (line) { return line.trim() !== ""; });
    return lines.length === 1 ? splitLine(lines[0]) : lines;
  }

  function joinValues(values) {
    if (values.length !== 1) { return values.join("\n"); }
    var value = values[0];
    return /[",]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function tidy(value) { return value.replace(/\s+/g, " ").trim(); }

  function enhance(host) {
    if (host.hasAttribute("data-list-input-ready")) { return; }
    host.setAttribute("data-list-input-ready", "");
    var textarea = host.querySelector("textarea");
    if (!textarea) { return; }
    var words = function (name, value) {
      return (host.getAttribute("data-list-input-" + name) || "%s").replace("%s", value);
    };
    var values = [];
    var chips = document.createElement("ul");
    var input = document.createElement("input");
    var hint = document.createElement("p");
    var status = document.createElement("p");
    var id = textarea.id;

    chips.className = "list-input__chips";
    chips.setAttribute("aria-label", words("values", ""));
    input.type = "text";
    input.className = "list-input__entry";
    input.autocomplete = "off";
    hint.className = "list-input__hint";
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    // The field's <label for> now names the text input; the textarea keeps the value, out of sight.
    textarea.id = id + "-valeurs";
    input.id = id;
    hint.id = id + "-aide-saisie";
    hint.textContent = words("hint", "");
    var described = (textarea.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    input.setAttribute("aria-describedby", described.concat([hint.id]).join(" "));
    if (textarea.getAttribute("aria-invalid")) { input.setAttribute("aria-invalid", textarea.getAttribute("aria-invalid")); }
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;
    host.insertBefore(chips, textarea);
    host.insertBefore(input, textarea);
    host.insertBefore(hint, textarea);
    host.appendChild(status);

    function sync() { textarea.value = joinValues(values); }

    function draw(focusIndex) {
      chips.innerHTML = "";
      values.forEach(function (value, index) {
        var item = document.createElement("li");
        var text = document.createElement("span");
        var remove = document.createElement("button");
        item.className = "list-input__chip";
        text.textContent = value;
        remove.type = "button";
        remove.className = "list-input__remove";
        remove.setAttribute("aria-label", words("remove", value));
        remove.textContent = "×";
        remove.addEventListener("click", function () {
          values.splice(index, 1);
          sync();
          draw(index);
          status.textContent = words("removed", value);
        });
        item.appendChild(text);
        item.appendChild(remove);
        chips.appendChild(item);
      });
      chips.hidden = values.length === 0;
      if (focusIndex !== undefined) {
        var buttons = chips.querySelectorAll("button");
        (buttons[Math.min(focusIndex, buttons.length - 1)] || input).focus();
      }
    }

    function add(text) {
      var added = [];
      splitValues(text).forEach(function (raw) {
        var value = tidy(raw);
        var known = values.some(function (other) { return other.toLowerCase() === value.toLowerCase(); });
        if (value && !known) { values.push(value); added.push(value); }
      });
      if (added.length) {
        sync();
        draw();
        status.textContent = added.map(function (value) { return words("added", value); }).join(", ");
      }
    }

    values = splitValues(textarea.value).map(tidy).filter(Boolean);
    draw();

    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === ",") {
        event.preventDefault(); // Enter would send the form before the value is in it
        add(input.value);
        input.value = "";
      }
    });
    input.addEventListener("input", function () {
      if (/[,\n]/.test(input.value)) { add(input.value); input.value = ""; } // a pasted list
    });
    input.addEventListener("blur", function () {
      if (input.value.trim()) { add(input.value); input.value = ""; }
    });
    if (textarea.form) {
      textarea.form.addEventListener("submit", function () {
        if (input.value.trim()) { add(input.value); input.value = ""; }
      });
    }
  }

  function enhanceAll() { document.querySelectorAll("[data-list-input]").forEach(enhance); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", enhanceAll); }
  else { enhanceAll(); }
})();
