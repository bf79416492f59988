// /map: Leaflet without any tile server. Country outlines come from the bundled world-atlas
// TopoJSON; cities and pairings from /api/network/pairings?format=geojson (same filters as
// the network page). Lines carry the class "pairing-line", city circles "city-marker".
(function () {
  "use strict";
  const form = document.getElementById("map-form");
  const status = document.getElementById("map-status");
  const message = document.getElementById("message");
  const list = document.getElementById("pairing-list");
  const download = document.getElementById("map-download");
  const FILTERS = ["theme", "sdg", "region", "year"];
  const state = { lines: 0, cities: 0, features: 0, ready: false };
  window.IUCMap = state;

  // An SVG renderer drawing well beyond the view, so that outlines stay whole while panning.
  const map = L.map("map", { renderer: L.svg({ padding: 1 }), minZoom: 1, maxZoom: 10 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
  map.setView([35, 60], 2);
  const countries = L.layerGroup().addTo(map);
  const overlay = L.layerGroup().addTo(map);

  async function drawCountries() {
    const resp = await fetch("/static/vendor/world-atlas/countries-50m.json");
    if (!resp.ok) throw new Error("the world atlas is missing (run tools/vendor_assets.py)");
    const topo = await resp.json();
    const geo = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(geo, {
      interactive: false,
      style: () => ({ className: "country", color: "#9aa5b1", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }),
    }).addTo(countries);
  }

  function params() {
    const data = new FormData(form);
    const p = new URLSearchParams();
    for (const name of FILTERS) {
      const v = data.get(name);
      if (v) p.set(name, v);
    }
    return p;
  }

  function cityLink(props) {
    const a = document.createElement("a");
    const href = IUC.safeHref(IUC.localHref(props.iri || props.id || ""));
    if (href) a.href = href;
    a.textContent = props.label || props.id;
    return a;
  }

  async function drawPairings() {
    const p = params();
    history.replaceState(null, "", "/map" + (p.toString() ? "?" + p : ""));
    const g = new URLSearchParams(p);
    g.set("format", "geojson");
    download.href = "/api/network/pairings?" + g;
    state.ready = false;
    message.hidden = true;
    status.textContent = "Loading the pairings…";
    const resp = await fetch("/api/network/pairings?" + g, { headers: { Accept: "application/geo+json, application/json" } });
    if (!resp.ok) throw new Error(await IUC.errorMessage(resp));
    const data = await resp.json();
    overlay.clearLayers();
    list.replaceChildren();
    const names = new Map();
    let lines = 0;
    let cities = 0;
    for (const f of data.features) {
      if (f.geometry.type === "Point") names.set(f.id, f.properties.label || f.id);
    }
    for (const f of data.features) {
      if (f.geometry.type !== "LineString") continue;
      const latlngs = f.geometry.coordinates.map(([lon, lat]) => [lat, lon]);
      const label = f.properties.label || `${names.get(f.properties.from)} – ${names.get(f.properties.to)}`;
      L.polyline(latlngs, { className: "pairing-line", color: "#c0392b", weight: 2, opacity: 0.75 })
        .bindTooltip(label)
        .addTo(overlay);
      const li = document.createElement("li");
      const pairing = f.properties.pairing || f.properties.iri || f.id;
      const href = IUC.safeHref(IUC.localHref(String(pairing)));
      const a = document.createElement(href ? "a" : "span");
      if (href) a.href = href;
      a.textContent = label;
      li.appendChild(a);
      list.appendChild(li);
      lines += 1;
    }
    for (const f of data.features) {
      if (f.geometry.type !== "Point") continue;
      const [lon, lat] = f.geometry.coordinates;
      const marker = L.circleMarker([lat, lon], {
        className: "city-marker",
        radius: 5,
        color: "#1f3a5f",
        weight: 1,
        fillColor: f.properties.colour || "#2e86de",
        fillOpacity: 0.9,
      });
      marker.bindTooltip(String(f.properties.label || f.id));
      marker.on("click", () => {
        const href = IUC.safeHref(IUC.localHref(f.properties.iri || f.id));
        if (href) window.location.href = href;
      });
      marker.addTo(overlay);
      cities += 1;
    }
    state.lines = lines;
    state.cities = cities;
    state.features = data.features.length;
    status.textContent = `${lines} pairings drawn between ${cities} cities.`;
    state.ready = true;
  }

  function fail(e) {
    status.textContent = "The map could not be drawn.";
    message.hidden = false;
    message.className = "error";
    message.textContent = e.message;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    drawPairings().catch(fail);
  });
  drawCountries()
    .then(drawPairings)
    .catch(fail);
})();
