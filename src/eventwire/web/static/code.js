// "Code an article": paste a text, see its events and their evidence at once.
"use strict";

const $ = (id) => document.getElementById(id);
$("token").value = EW.session.token;

$("code").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const save = $("save").checked;
  if (save && $("token").value) EW.session.save(EW.session.reviewer || "coder", $("token").value);
  $("status").textContent = "Coding…";
  try {
    const body = await EW.post("/api/code", {
      text: $("text").value, published: $("published").value || null,
      title: $("article-title").value || null, save,
    });
    const all = body.events.flatMap((e) => e.highlights);
    EW.renderArticle($("article"), body.article.text, all);
    const box = $("events");
    box.replaceChildren();
    body.events.forEach((item, i) => {
      const part = EW.el("section", { class: "box" }, EW.el("h2", { text: `Event ${i + 1}` }));
      const record = EW.el("div");
      EW.renderRecord(record, item.event, []);
      part.append(record);
      box.append(part);
    });
    $("status").textContent = `${body.events.length} event(s)` + (save ? `, ${body.saved} saved` : "");
  } catch (err) {
    $("status").textContent = `Could not code it: ${err.message}`;
  }
});
