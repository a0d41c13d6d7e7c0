/* Overview: fill the actor box's suggestions from the API. */
"use strict";
(async () => {
  const list = document.getElementById("actor-list");
  if (!list) return;
  try {
    const data = await R.json("/api/actors?page_size=200");
    const seen = new Set();
    for (const a of data.items) {
      for (const v of [a.country, a.code, a.name]) {
        if (v && !seen.has(v)) { seen.add(v); list.append(R.el("option", {value: v})); }
      }
    }
  } catch (e) { /* suggestions are optional */ }
})();
