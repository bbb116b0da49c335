// The Shareloc map: one point per lycée. The page is complete without it (the list holds the same
// information); without network access the points still show, on a plain background.
(function () {
  "use strict";
  var canvas = document.getElementById("shareloc-map");
  var data = document.getElementById("shareloc-map-data");
  if (!canvas || !data || typeof window.L === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  if (!points.length) { return; }
  canvas.hidden = false;
  var map = window.L.map(canvas, { scrollWheelZoom: false });
  window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: "&copy; contributeurs d'OpenStreetMap"
  }).addTo(map);
  var base = canvas.getAttribute("data-base-url") || "/shareloc/";
  var bounds = [];
  var brand = getComputedStyle(document.documentElement).getPropertyValue("--c-brand").trim(); // maregion.css
  points.forEach(function (point) {
    var marker = window.L.circleMarker([point.lat, point.lon], { radius: 7, color: brand, weight: 2, fillOpacity: 0.8 });
    var link = document.createElement("a");
    link.href = base + encodeURIComponent(point.uai) + "/";
    link.textContent = point.name + " (" + point.commune + ")";
    marker.bindPopup(link);
    marker.addTo(map);
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 13); } else { map.fitBounds(bounds, { padding: [20, 20] }); }
})();
