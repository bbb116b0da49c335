// A dispositif's contacts in the admin (belette/widgets/contacts.html). The site's one combobox
// (core/combobox.js, in « choose » mode) suggests agents as one types, with their job title and unit;
// this script adds the chosen agent as a ticked contact. With it the box searches by name, so what is
// typed there is not sent; without JavaScript the box takes matricules.
(function () {
  "use strict";

  function enhance(host) {
    if (host.hasAttribute("data-contact-chooser-ready")) { return; }
    host.setAttribute("data-contact-chooser-ready", "");
    var input = host.querySelector("[role=combobox]");
    var chosen = host.querySelector(".contact-chooser__chosen");
    var empty = host.querySelector(".contact-chooser__empty");
    var status = host.querySelector(".contact-chooser__status");
    var name = host.getAttribute("data-contact-chooser-name");
    input.removeAttribute("name");
    host.querySelector(".contact-chooser__hint").textContent = host.getAttribute("data-contact-chooser-hint");

    host.addEventListener("combobox:choose", function (event) {
      var agent = event.detail;
      var box = chosen.querySelector('input[type=checkbox][value="' + agent.id + '"]');
      if (!box) {
        var item = document.createElement("li");
        var label = document.createElement("label");
        box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = String(agent.id);
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + agent.label));
        item.appendChild(label);
        chosen.appendChild(item);
      }
      box.checked = true;
      empty.hidden = true;
      status.textContent = host.getAttribute("data-contact-chooser-added").replace("%s", agent.name);
      input.focus();
    });
  }

  function enhanceAll() { document.querySelectorAll("[data-contact-chooser]").forEach(enhance); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", enhanceAll); }
  else { enhanceAll(); }
})();
