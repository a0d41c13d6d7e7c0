/* Dyad page: the weekly chart for each direction and the event list, from the JSON API. */
"use strict";
(() => {
  const head = document.getElementById("dyad-title");
  const A = head.dataset.a, B = head.dataset.b, level = head.dataset.level;
  const form = document.getElementById("dyad-filters");
  const charts = document.getElementById("charts");
  const list = document.getElementById("event-list");
  const total = document.getElementById("event-total");
  const more = document.getElementById("more-events");
  let page = 1;

  function filters() {
    const f = new FormData(form);
    const status = f.get("status") || "occurred";
    return {type: f.get("type"), status: status === "any" ? "" : status, statusChoice: status,
            direction: f.get("direction")};
  }

  function remember() {
    /* The filters in the page's address, so that a reload or a copied link keeps them. */
    const f = filters();
    const query = R.params({level: level === "code" ? "code" : "", type: f.type,
      status: f.statusChoice === "occurred" ? "" : f.statusChoice,
      direction: f.direction === "both" ? "" : f.direction});
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  async function loadSeries() {
    const f = filters();
    try {
      const data = await R.json(`/api/dyads/${R.q(A)}/${R.q(B)}?` + R.params({level, type: f.type, status: f.status}));
      charts.replaceChildren();
      const weeks = weekRange(data.directions);
      let yMax = 1;
      for (const d of data.directions) for (const w of d.weeks) yMax = Math.max(yMax, w.n);
      const which = f.statusChoice === "any" ? "" : f.statusChoice + " ";
      for (const d of data.directions) {
        const name = k => data.names[k] && data.names[k] !== k ? `${data.names[k]} (${k})` : k;
        const title = `${name(d.source)} → ${name(d.target)}: ${d.n_events} ${which}event(s)` +
          (d.mean_goldstein === null ? "" : `, mean Goldstein ${R.fmt(d.mean_goldstein, 2)}`);
        const box = R.el("div", {class: "chart-box", "data-source": d.source, "data-target": d.target});
        charts.append(box);
        if (!weeks.length || !d.n_dated) box.append(R.el("p", {class: "muted"}, title + " (no dated events)"));
        else drawWeekChart(box, d, weeks, yMax, title);
        if (d.n_undated) {
          box.append(R.el("p", {class: "undated muted", "data-n": d.n_undated},
            `${d.n_undated} of ${d.n_events} event(s) have no date of their own and are not plotted ` +
            "(they are in the list below)."));
        }
      }
    } catch (e) { R.error(charts, e); }
  }

  function eventRow(e) {
    const actor = (name, country) => name
      ? R.el("a", {href: `/actors/${R.q(name)}?by=name`}, name)
      : R.el("span", {class: "muted"}, country || "?");
    return R.el("tr", {class: "event-row", "data-event-id": e.id},
      e.date_start
        ? R.el("td", {class: "date", title: e.date_end && e.date_end !== e.date_start
                 ? `${e.date_start} … ${e.date_end} (${e.date_precision || "range"})` : null}, e.date_start)
        : R.el("td", {class: "date undated muted", title: "no date of its own; the article was published " + (e.published || "on an unknown day")},
               "undated"),
      R.el("td", {}, R.el("a", {class: "event-link", href: `/events/${R.q(e.linked_event_id || e.id)}`}, e.type || "?"),
           " ", R.el("span", {class: "muted"}, e.cameo || "")),
      R.el("td", {}, actor(e.source_name, e.source_country), " ", R.el("span", {class: "tag"}, e.source_country || "")),
      R.el("td", {}, actor(e.target_name, e.target_country), " ", R.el("span", {class: "tag"}, e.target_country || "")),
      R.el("td", {}, R.el("span", {class: "status s-" + e.status}, e.status || "")),
      R.el("td", {class: "num"}, R.fmt(e.goldstein, 1)),
      R.el("td", {class: "evidence"}, R.markTrigger(e.evidence || "", e.trigger)),
      R.el("td", {}, R.el("a", {class: "article-link", href: `/articles/${R.q(e.article_id)}`}, e.article_title || e.article_id)));
  }

  async function loadEvents(append) {
    const f = filters();
    const [src, tgt] = f.direction === "ba" ? [B, A] : [A, B];
    const url = "/api/events?" + R.params({source: src, target: tgt, by: level,
      both_directions: f.direction === "both" ? "true" : "", type: f.type, status: f.status,
      page, page_size: 50});
    try {
      const data = await R.json(url);
      total.textContent = data.total;
      let body = list.querySelector("tbody");
      if (!append || !body) {
        body = R.el("tbody");
        list.replaceChildren(R.el("table", {class: "events", id: "dyad-events"},
          R.el("thead", {}, R.el("tr", {}, ["date", "type", "source", "target", "status", "Goldstein", "evidence", "article"]
            .map(h => R.el("th", {}, h)))), body));
      }
      data.items.forEach(e => body.append(eventRow(e)));
      more.hidden = data.page * data.page_size >= data.total;
    } catch (e) { R.error(list, e); }
  }

  form.addEventListener("change", () => { page = 1; remember(); loadSeries(); loadEvents(false); });
  more.addEventListener("click", () => { page += 1; loadEvents(true); });
  loadSeries();
  loadEvents(false);
})();
