// Suggestions as one types, following the ARIA 1.2 combobox pattern (list popup):
// arrows move through the suggestions, Enter opens the highlighted one, Escape closes the list.
// Without JavaScript the form is a plain search form.
(function () {
  var form = document.querySelector("form[data-suggestions-url]");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("search-suggestions");
  var status = document.getElementById("search-suggestions-status");
  var url = form.getAttribute("data-suggestions-url");
  var active = -1, items = [], timer = null, lastQuery = null, request = 0;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function setActive(index) {
    items.forEach(function (item, position) { item.setAttribute("aria-selected", position === index ? "true" : "false"); });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(results) {
    list.innerHTML = "";
    items = results.map(function (result, index) {
      var option = document.createElement("li");
      option.id = "search-suggestion-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = result.url;
      var title = document.createElement("span");
      title.className = "search-suggestions__title";
      title.textContent = result.meta ? result.title + " — " + result.meta : result.title;
      var kind = document.createElement("span");
      kind.className = "search-suggestions__kind";
      kind.textContent = result.label;
      option.appendChild(title);
      option.appendChild(document.createTextNode(" "));
      option.appendChild(kind);
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      option.addEventListener("click", function () { window.location.assign(result.url); });
      list.appendChild(option);
      return option;
    });
    active = -1;
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
    status.textContent = items.length === 0 ? "" :
      (items.length === 1 ? "1 suggestion disponible." : items.length + " suggestions disponibles.") +
      " Flèches haut et bas pour les parcourir.";
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (query.length < 2) { close(); status.textContent = ""; return; }
    var mine = ++request;
    fetch(url + "?q=" + encodeURIComponent(query), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : {results: []}; })
      .then(function (data) { if (mine === request) { render(data.results || []); } })
      .catch(function () { if (mine === request) { close(); } });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      if (list.hidden) { lastQuery = null; fetchSuggestions(); return; }
      event.preventDefault();
      setActive(active < items.length - 1 ? active + 1 : 0);
    } else if (event.key === "ArrowUp") {
      if (list.hidden) { return; }
      event.preventDefault();
      setActive(active > 0 ? active - 1 : items.length - 1);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.assign(items[active].dataset.url);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
