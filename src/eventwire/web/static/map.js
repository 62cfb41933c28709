// The map page: an offline world basemap, grid-clustered markers, a brushable timeline.
"use strict";

const state = { events: [], range: null };
const map = L.map("map", { worldCopyJump: true, minZoom: 1 }).setView([25, 20], 2);
map.attributionControl.addAttribution("Countries: Natural Earth via world-atlas");
const markers = L.layerGroup().addTo(map);
const DAY = 86400000;

async function drawBasemap() {
  const world = await EW.api("/vendor/world-atlas/countries-110m.json");
  const countries = topojson.feature(world, world.objects.countries);
  // Antarctica (ISO 3166 numeric 010) is a band along the map's bottom edge in Web Mercator
  countries.features = countries.features.filter((f) => f.id !== "010");
  countries.features.forEach(unwrap);
  L.geoJSON(countries, {
    interactive: false,
    style: { color: "#8d8d8d", weight: 0.6, fillColor: "#f1eee4", fillOpacity: 1 },
  }).addTo(map);
  markers.eachLayer((layer) => layer.bringToFront());
}

// Rings that cross the antimeridian (Fiji, Chukotka) would be drawn as lines across the world:
// move their western points one turn east so that each ring stays in one piece.
function unwrap(feature) {
  const g = feature.geometry;
  if (!g) return;
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const lons = ring.map((p) => p[0]);
      if (Math.max(...lons) - Math.min(...lons) > 180) {
        for (const p of ring) if (p[0] < 0) p[0] += 360;
      }
    }
  }
}

function casualties(event) {
  return ((event.killed && event.killed.min) || 0) + ((event.injured && event.injured.min) || 0);
}

function located(item) {
  const loc = item.event.location;
  return loc && typeof loc.lat === "number" && typeof loc.lon === "number";
}

function inRange(item) {
  if (!state.range) return true;
  const start = item.event.date && item.event.date.start;
  if (!start) return false;
  const t = Date.parse(start);
  return t >= state.range[0] && t <= state.range[1];
}

function visible() { return state.events.filter(inRange); }

function popupFor(group) {
  const box = EW.el("div", { class: "popup" });
  box.append(EW.el("strong", { text: `${group.length} report${group.length > 1 ? "s" : ""}` }));
  const list = EW.el("ul", { class: "popup-list" });
  for (const item of group.slice(0, 30)) {
    const e = item.event;
    list.append(EW.el("li", {},
      EW.el("a", { class: "event-link", href: `/events/${encodeURIComponent(item.id)}` },
        `${EW.dateText(e.date)} · ${e.type} · ${EW.place(e.location)}`),
      ` — killed ${EW.count(e.killed)}`));
  }
  box.append(list);
  return box;
}

// Our own clustering: events whose points fall in the same 48-pixel cell share one marker,
// coloured by the cell's commonest type and sized by its casualties.
function drawMarkers() {
  markers.clearLayers();
  const cells = new Map();
  for (const item of visible().filter(located)) {
    const p = map.project([item.event.location.lat, item.event.location.lon], map.getZoom());
    const key = `${Math.floor(p.x / 48)}:${Math.floor(p.y / 48)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(item);
  }
  for (const group of cells.values()) {
    const lat = group.reduce((s, i) => s + i.event.location.lat, 0) / group.length;
    const lon = group.reduce((s, i) => s + i.event.location.lon, 0) / group.length;
    const types = {};
    for (const i of group) types[i.event.type] = (types[i.event.type] || 0) + 1;
    const type = Object.entries(types).sort((a, b) => b[1] - a[1])[0][0];
    const hurt = group.reduce((s, i) => s + casualties(i.event), 0);
    const radius = 6 + 3 * Math.log2(1 + hurt) + (group.length > 1 ? 2 * Math.log2(group.length) : 0);
    const marker = L.circleMarker([lat, lon], {
      radius, color: "#263238", weight: 1, fillColor: EW.TYPE_COLORS[type] || "#777",
      fillOpacity: 0.85, className: "ew-marker",
    });
    marker.bindPopup(popupFor(group));
    if (group.length > 1) {
      marker.bindTooltip(EW.el("span", { text: String(group.length) }),
        { permanent: true, direction: "center", className: "ew-count" });
    }
    markers.addLayer(marker);
  }
}

function drawTable() {
  const rows = document.getElementById("event-rows");
  rows.replaceChildren();
  const shown = visible();
  for (const item of shown.slice(0, 500)) {
    const e = item.event;
    rows.append(EW.el("tr", {},
      EW.el("td", { text: EW.dateText(e.date) }),
      EW.el("td", {}, EW.el("span", { class: "swatch", "data-type": e.type }), e.type),
      EW.el("td", { text: EW.place(e.location) }),
      EW.el("td", { text: EW.count(e.killed) }),
      EW.el("td", {}, EW.el("a", { class: "event-link", href: `/events/${encodeURIComponent(item.id)}` },
        item.title || item.article_id))));
  }
  for (const swatch of rows.querySelectorAll(".swatch")) {
    swatch.style.background = EW.TYPE_COLORS[swatch.dataset.type] || "#777";
  }
  document.getElementById("summary").textContent =
    `${shown.length} of ${state.events.length} reports shown` + (shown.length > 500 ? " (first 500 listed)" : "") +
    (state.total > state.events.length ? `; ${state.total} match, narrow the filters to load them all` : "");
}

// The timeline: events per day (or per week or month on long spans); drag to brush a period.
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function drawTimeline() {
  const box = document.getElementById("histogram");
  box.replaceChildren();
  const days = state.events.map((i) => i.event.date && i.event.date.start).filter(Boolean).map(Date.parse);
  if (!days.length) return;
  const rect = box.getBoundingClientRect();
  const width = rect.width || 800, height = rect.height || 90;
  const first = Math.min(...days), last = Math.max(...days) + DAY;
  const span = last - first;
  const bins = Math.max(1, Math.min(150, Math.round(span / DAY)));
  const size = span / bins;
  const counts = new Array(bins).fill(0);
  for (const t of days) counts[Math.min(bins - 1, Math.floor((t - first) / size))] += 1;
  const top = Math.max(...counts);
  const scale = (t) => ((t - first) / span) * width;
  counts.forEach((n, i) => {
    const from = first + i * size, to = from + size;
    const h = n ? Math.max(2, (n / top) * (height - 16)) : 0;
    const out = state.range && (to <= state.range[0] || from > state.range[1]);
    box.append(svg("rect", { class: out ? "bar out" : "bar", x: scale(from) + 0.5,
      y: height - 12 - h, width: Math.max(1, width / bins - 1), height: h }));
  });
  const label = (t, anchor, x) => {
    const text = svg("text", { x, y: height - 2, "text-anchor": anchor });
    text.textContent = new Date(t).toISOString().slice(0, 10);
    box.append(text);
  };
  label(first, "start", 2);
  label(last - DAY, "end", width - 2);
  if (state.range) {
    const x0 = scale(Math.max(first, state.range[0])), x1 = scale(Math.min(last, state.range[1] + DAY));
    box.append(svg("rect", { class: "brush", x: x0, y: 0, width: Math.max(1, x1 - x0), height: height - 12 }));
  }
  box.dataset.first = first;
  box.dataset.span = span;
}

function brushing() {
  const box = document.getElementById("histogram");
  let from = null, band = null;
  const width = () => box.getBoundingClientRect().width;
  const toTime = (x) => Number(box.dataset.first) + (x / width()) * Number(box.dataset.span);
  const xOf = (ev) => Math.max(0, Math.min(width(), ev.clientX - box.getBoundingClientRect().left));
  box.addEventListener("mousedown", (ev) => {
    from = xOf(ev);
    band = svg("rect", { class: "brush", x: from, y: 0, width: 1, height: box.getBoundingClientRect().height - 12 });
    box.append(band);
  });
  window.addEventListener("mousemove", (ev) => {
    if (from === null) return;
    const x = xOf(ev);
    band.setAttribute("x", Math.min(from, x));
    band.setAttribute("width", Math.max(1, Math.abs(x - from)));
  });
  window.addEventListener("mouseup", (ev) => {
    if (from === null) return;
    const to = xOf(ev);
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    if (b - a < 3) setRange(null);
    else setRange([Math.floor(toTime(a) / DAY) * DAY, Math.floor(toTime(b) / DAY) * DAY]);
  });
  document.getElementById("brush-clear").addEventListener("click", () => setRange(null));
}

function setRange(range) {
  state.range = range;
  const label = document.getElementById("brush-label");
  const clear = document.getElementById("brush-clear");
  if (range) {
    const day = (t) => new Date(t).toISOString().slice(0, 10);
    label.textContent = `Showing ${day(range[0])} to ${day(range[1])}.`;
    clear.classList.remove("hidden");
  } else {
    label.textContent = "Drag across the timeline to show a period only.";
    clear.classList.add("hidden");
  }
  drawTable();
  drawMarkers();
  drawTimeline();
}

function query() {
  const form = new FormData(document.getElementById("filters"));
  const params = new URLSearchParams({ limit: "5000" });
  for (const name of ["start", "end", "country", "type", "actor", "q", "status"]) {
    const value = (form.get(name) || "").trim();
    if (value) params.set(name, value);
  }
  if (form.get("inview")) {
    const b = map.getBounds();
    params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(4)).join(","));
  }
  return params;
}

async function load() {
  try {
    const body = await EW.api(`/api/events?${query()}`);
    state.events = body.items;
    state.total = body.total;
    state.range = null;
    setRange(null);
    document.body.dataset.loaded = "true";
  } catch (err) {
    document.getElementById("summary").textContent = `Could not load events: ${err.message}`;
  }
}

function legend() {
  const box = document.getElementById("legend");
  for (const [type, color] of Object.entries(EW.TYPE_COLORS)) {
    const swatch = EW.el("span", { class: "swatch" });
    swatch.style.background = color;
    box.append(EW.el("span", {}, swatch, type.replaceAll("_", " ")));
  }
  box.append(EW.el("span", { text: "· size: killed + injured" }));
}

document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
document.getElementById("reset").addEventListener("click", () => setTimeout(load, 0));
map.on("zoomend", drawMarkers);
new ResizeObserver(() => drawTimeline()).observe(document.getElementById("histogram"));
legend();
brushing();
drawBasemap().catch((err) => {
  document.getElementById("summary").textContent = `No basemap (${err.message}): run make install.`;
});
load();
