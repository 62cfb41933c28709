// Shared by every page. Article text and every field of a record is untrusted data: it only
// ever reaches the page through textContent / createTextNode, never through innerHTML.
"use strict";

const EW = {};

EW.TYPE_COLORS = {
  battle: "#d62728",
  explosion_remote_violence: "#ff7f0e",
  violence_against_civilians: "#9467bd",
  protest: "#2ca02c",
  riot: "#8c564b",
  strategic_development: "#1f77b4",
};

EW.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

EW.api = async function (path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || {});
    throw new Error(`${response.status}: ${detail || response.statusText}`);
  }
  return body;
};

EW.session = {
  get token() { return sessionStorage.getItem("ew-token") || ""; },
  get reviewer() { return sessionStorage.getItem("ew-reviewer") || ""; },
  save(reviewer, token) {
    sessionStorage.setItem("ew-reviewer", reviewer);
    sessionStorage.setItem("ew-token", token);
  },
  clear() { sessionStorage.removeItem("ew-token"); sessionStorage.removeItem("ew-reviewer"); },
};

EW.post = function (path, body) {
  const headers = { "Content-Type": "application/json" };
  if (EW.session.token) headers.Authorization = `Bearer ${EW.session.token}`;
  return EW.api(path, { method: "POST", headers, body: JSON.stringify(body) });
};

EW.cssName = (field) => String(field).toLowerCase().replace(/[^a-z0-9_]/g, "");

// The article with every span highlighted; overlapping spans split the text into segments.
EW.renderArticle = function (container, text, highlights) {
  container.replaceChildren();
  const marks = (highlights || []).filter(
    (m) => Array.isArray(m.span) && m.span[0] >= 0 && m.span[1] <= text.length && m.span[0] < m.span[1]);
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(m.span[0]); cuts.add(m.span[1]); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    for (const m of marks) {
      if (m.span[0] === from) {
        container.append(EW.el("span", { class: `hl-label hl-${EW.cssName(m.field)}`, text: m.field }));
      }
    }
    const covering = marks.filter((m) => m.span[0] <= from && m.span[1] >= to);
    const piece = text.slice(from, to);
    if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
    const fields = [...new Set(covering.map((m) => m.field))];
    container.append(EW.el("mark", {
      class: `hl hl-${EW.cssName(fields[0])}`, "data-fields": fields.join(" "), title: fields.join(", "),
    }, piece));
  }
};

EW.count = (c) => {
  if (!c) return "not reported";
  if (c.min === c.max) return String(c.min);
  return c.max === null || c.max === undefined ? `at least ${c.min}` : `${c.min}–${c.max}`;
};

EW.place = (loc) => {
  if (!loc) return "unknown place";
  return [loc.name, loc.admin1, loc.country].filter(Boolean).join(", ");
};

EW.dateText = (d) => {
  if (!d || !d.start) return "undated";
  return d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start;
};

// The record as a definition list; fields a reviewer corrected carry a "corrected" badge.
EW.renderRecord = function (container, event, corrected) {
  container.replaceChildren();
  const fixed = new Set(corrected || []);
  const rows = [
    ["status", event.status],
    ["type", `${event.type}${event.subtype ? " / " + event.subtype : ""}`],
    ["date", EW.dateText(event.date)],
    ["location", EW.place(event.location) + (event.location && event.location.lat != null
      ? ` (${event.location.lat}, ${event.location.lon})` : "")],
    ["actors", (event.actors || []).map((a) =>
      `${a.role}: ${a.name}${a.attribution ? " (" + a.attribution + ")" : ""}`).join("; ") || "none"],
    ["weapons", (event.weapons || []).map((w) => w.name).join(", ") || "none"],
    ["killed", EW.count(event.killed)],
    ["injured", EW.count(event.injured)],
    ["casualties", (event.casualties || []).map((c) =>
      `${c.effect} ${EW.count(c.count)}${c.who ? " " + c.who : ""}`).join("; ") || "none"],
    ["confidence", event.confidence],
  ];
  const list = EW.el("dl", { class: "record" });
  for (const [name, value] of rows) {
    const field = name === "type" && fixed.has("subtype") ? "subtype" : name;
    const isFixed = fixed.has(field) || (name === "type" && fixed.has("type"));
    list.append(EW.el("dt", { "data-field": name }, name,
      isFixed ? EW.el("span", { class: "badge", text: "corrected" }) : null));
    list.append(EW.el("dd", { "data-field": name, class: isFixed ? "corrected" : null }, String(value)));
  }
  container.append(list);
};
