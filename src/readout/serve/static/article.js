/* Article page: click a highlight to see its records; toggle layers of highlights. */
"use strict";
(() => {
  const records = JSON.parse(document.getElementById("records").textContent);
  const text = document.getElementById("article-text");
  const panel = document.getElementById("record-panel");
  const hidden = new Set();
  const LINKS = {
    event: r => `/events/${R.q(r.linked_event_id || r.id)}`,
    actor: r => r.name ? `/actors/${R.q(r.name)}?by=name` : null,
  };
  const FIELDS = {
    event: ["type", "cameo", "mode", "status", "source_name", "source_country", "target_name", "target_country",
            "date_start", "date_end", "date_precision", "place_name", "goldstein", "quad_class", "confidence", "trigger", "evidence"],
    quote: ["speaker_name", "speaker_text", "kind", "cue", "via_name", "text"],
    figure: ["text", "value", "unit", "measure", "period_start", "period_end", "claimant_name"],
    actor: ["name", "country", "code", "sector", "kind", "n_mentions"],
    time: ["text", "start_date", "end_date", "precision", "anchor", "method"],
  };

  const LABELS = {
    type: "type", cameo: "CAMEO code", mode: "mode", status: "status", source_name: "source",
    source_country: "source country", target_name: "target", target_country: "target country",
    date_start: "date from", date_end: "date to", date_precision: "date precision",
    place_name: "place", goldstein: "Goldstein", quad_class: "quad class", confidence: "confidence",
    trigger: "trigger word", evidence: "sentence", speaker_name: "speaker", speaker_text: "speaker as written",
    kind: "kind", cue: "cue", via_name: "via", text: "text", value: "value", unit: "unit",
    measure: "measured", period_start: "period from", period_end: "period to", claimant_name: "claimed by",
    name: "name", country: "country", code: "CAMEO code", sector: "sector", n_mentions: "mentions",
    start_date: "from", end_date: "to", precision: "precision", anchor: "resolved against", method: "method",
  };
  const label = f => LABELS[f] || f.replace(/_/g, " ");

  function card(kind, r) {
    const rows = FIELDS[kind].filter(f => r[f] !== null && r[f] !== undefined && r[f] !== "")
      .map(f => R.el("tr", {}, R.el("th", {}, label(f)), R.el("td", {}, String(r[f]))));
    const link = LINKS[kind] && LINKS[kind](r);
    return R.el("div", {class: "record k-" + kind, "data-kind": kind, "data-id": r.id},
      R.el("h3", {}, kind, link ? [" · ", R.el("a", {href: link}, kind === "event" ? "event page" : "actor page")] : null),
      R.el("table", {}, rows));
  }

  function show(span) {
    const refs = span.dataset.refs.split(" ").map(s => s.split(":"))
      .filter(([k]) => k !== "trigger" && !hidden.has(k));     // a trigger's record is its event
    text.querySelectorAll(".selected").forEach(n => n.classList.remove("selected"));
    for (const [k, id] of refs) {
      text.querySelectorAll(".hl").forEach(n => {
        if (n.dataset.refs.split(" ").includes(k + ":" + id)) n.classList.add("selected");
      });
    }
    panel.replaceChildren(...(refs.length ? refs.map(([k, id]) => card(k, records[k][id] || {id}))
      : [R.el("p", {class: "muted"}, "All layers under this text are hidden.")]));
  }

  text.addEventListener("click", ev => { const s = ev.target.closest(".hl"); if (s) show(s); });
  text.addEventListener("keydown", ev => {
    if (ev.key === "Enter" || ev.key === " ") { const s = ev.target.closest(".hl"); if (s) { ev.preventDefault(); show(s); } }
  });
  document.querySelectorAll("#layers input").forEach(box => box.addEventListener("change", () => {
    const k = box.dataset.kind;
    if (box.checked) hidden.delete(k); else hidden.add(k);
    text.classList.toggle("hide-" + k, !box.checked);
  }));
})();
