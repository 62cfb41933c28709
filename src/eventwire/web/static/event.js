// The event page: highlighted article, the record, other reports, review and its audit log.
"use strict";

const key = decodeURIComponent(location.pathname.split("/").pop());
const $ = (id) => document.getElementById(id);
let current = null;

function show(body) {
  current = body;
  const a = body.article;
  $("title").textContent = a.title || a.id;
  $("meta").textContent = [a.source, a.published && `published ${a.published}`, `article ${a.id}`,
    `event ${body.id}`, `incident ${body.incident}`].filter(Boolean).join(" · ");
  document.title = `eventwire — ${a.title || a.id}`;
  EW.renderArticle($("article"), a.text, body.highlights);
  EW.renderRecord($("record"), body.event, body.corrected);
  const sources = $("sources");
  sources.replaceChildren();
  for (const s of body.sources) {
    sources.append(EW.el("li", {},
      EW.el("a", { href: `/events/${encodeURIComponent(s.id)}` }, s.title || s.article_id),
      ` — ${s.source || "unknown outlet"}, ${EW.dateText(s.date)}`));
  }
  if (!body.sources.length) sources.append(EW.el("li", { text: "none: this is the only report" }));
  const audit = $("audit");
  audit.replaceChildren();
  for (const c of body.corrections) {
    audit.append(EW.el("tr", {},
      EW.el("td", { text: c.at || "" }), EW.el("td", { text: c.reviewer || "" }),
      EW.el("td", { text: c.field }), EW.el("td", { text: JSON.stringify(c.before) }),
      EW.el("td", { text: JSON.stringify(c.after) })));
  }
  fillValue();
  nearby(body.event).catch(() => {});
  document.body.dataset.loaded = "true";
}

// Candidates to merge with: other reports in the same country within three days.
async function nearby(event) {
  const list = $("nearby");
  list.replaceChildren();
  const day = event.date && event.date.start;
  if (!day) return;
  const shift = (n) => new Date(Date.parse(day) + n * 86400000).toISOString().slice(0, 10);
  const params = new URLSearchParams({ start: shift(-3), end: shift(3), limit: "200", status: "all" });
  if (event.location && event.location.country) params.set("country", event.location.country);
  const found = await EW.api(`/api/events?${params}`);
  for (const item of found.items) {
    if (item.id === current.id || item.incident === current.incident) continue;
    const e = item.event;
    list.append(EW.el("option", { value: item.id,
      label: `${EW.dateText(e.date)} · ${e.type} · ${EW.place(e.location)} · ${item.title || item.article_id}` }));
  }
}

function fillValue() {
  if (!current) return;
  const field = $("field").value;
  if (field) $("value").value = JSON.stringify(current.event[field] ?? null, null, 1);
}

async function load() {
  try {
    show(await EW.api(`/api/events/${encodeURIComponent(key)}`));
  } catch (err) {
    $("error").textContent = `Could not load this event: ${err.message}`;
  }
}

function signedIn() {
  const yes = Boolean(EW.session.token);
  $("login").classList.toggle("hidden", yes);
  $("signed").classList.toggle("hidden", !yes);
  $("who").textContent = EW.session.reviewer;
}

async function act(path, body) {
  $("review-message").textContent = "";
  try {
    show(await EW.post(path, { reviewer: EW.session.reviewer, ...body }));
    $("review-message").textContent = "Saved.";
  } catch (err) {
    $("review-message").textContent = `Not saved: ${err.message}`;
  }
}

async function setup() {
  const config = await EW.api("/api/config");
  for (const field of config.fields) $("field").append(EW.el("option", { value: field, text: field }));
  $("field").value = "killed";
  if (!config.writable) {
    $("readonly").classList.remove("hidden");
  } else {
    signedIn();
  }
  $("field").addEventListener("change", fillValue);
  $("login").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = new FormData(ev.target);
    EW.session.save(String(form.get("reviewer")).trim(), String(form.get("token")));
    signedIn();
  });
  $("logout").addEventListener("click", () => { EW.session.clear(); signedIn(); });
  $("correct").addEventListener("submit", (ev) => {
    ev.preventDefault();
    let value;
    try {
      value = JSON.parse($("value").value);
    } catch (err) {
      $("review-message").textContent = `The value is not JSON: ${err.message}`;
      return;
    }
    act(`/api/events/${encodeURIComponent(key)}/corrections`,
      { field: $("field").value, value, note: $("note").value || null });
  });
  $("not-event").addEventListener("click", () =>
    act(`/api/events/${encodeURIComponent(key)}/not-event`, { note: $("note").value || null }));
  $("split").addEventListener("click", () => act("/api/incidents/split", { events: [key] }));
  $("merge").addEventListener("submit", (ev) => {
    ev.preventDefault();
    act("/api/incidents/merge", { events: [key, $("other").value.trim()] });
  });
  await load();
}

setup();
