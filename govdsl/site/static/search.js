/* govdsl handbook search: filters the names listed in the page's own JSON index.
   Works offline (no requests), and writes results with textContent only, so no
   name can become markup. Without JavaScript the search box stays hidden and
   the index page's tables list everything. */
(function () {
  "use strict";
  var data = document.getElementById("search-data");
  var form = document.getElementById("search");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!data || !form || !input || !status || !list) {
    return;
  }
  var SAFE_HREF = /^[a-z0-9_\-\/.#]+$/;
  var LIMIT = 30;

  function normalise(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  var entries = JSON.parse(data.textContent).filter(function (entry) {
    return typeof entry.href === "string" && SAFE_HREF.test(entry.href) && entry.href.indexOf("..") === -1;
  });
  entries.forEach(function (entry) {
    entry.key = normalise(entry.name + " " + entry.kind);
  });

  function show() {
    var query = normalise(input.value.trim());
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    if (!query) {
      status.textContent = "";
      return;
    }
    var words = query.split(/\s+/);
    var hits = entries.filter(function (entry) {
      return words.every(function (word) { return entry.key.indexOf(word) !== -1; });
    });
    hits.slice(0, LIMIT).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.setAttribute("href", entry.href);
      link.textContent = entry.name;
      var kind = document.createElement("span");
      kind.className = "search__kind";
      kind.textContent = " (" + entry.kind + ")";
      item.appendChild(link);
      item.appendChild(kind);
      list.appendChild(item);
    });
    if (hits.length === 0) {
      status.textContent = "No matches.";
    } else if (hits.length === 1) {
      status.textContent = "1 match.";
    } else if (hits.length > LIMIT) {
      status.textContent = hits.length + " matches; the first " + LIMIT + " are shown.";
    } else {
      status.textContent = hits.length + " matches.";
    }
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", show);
  form.hidden = false;
})();
