/* Map page: events by geocoded place as circles on a world outline (Natural Earth 110m from the
   vendored world-atlas TopoJSON; plain SVG, equirectangular, nothing fetched from outside). */
"use strict";
const MAP = {
  W: 960, LAT_TOP: 85, LAT_BOTTOM: -60,
  get H() { return this.W * (this.LAT_TOP - this.LAT_BOTTOM) / 360; },
  /* [lon, lat] → [x, y] in the SVG's user units (latitudes outside the frame are clamped). */
  project(lon, lat) {
    const la = Math.max(this.LAT_BOTTOM, Math.min(this.LAT_TOP, lat));
    return [(lon + 180) / 360 * this.W, (this.LAT_TOP - la) / (this.LAT_TOP - this.LAT_BOTTOM) * this.H];
  },
  /* TopoJSON arcs (quantized, delta-encoded) → arrays of [lon, lat]. */
  decodeArcs(topo) {
    const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
    return topo.arcs.map(arc => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
    });
  },
  ring(arcs, indices) {
    const pts = [];
    for (const i of indices) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    return pts;
  },
  /* An SVG path for a Polygon or MultiPolygon (a ring jumping across the antimeridian is broken). */
  path(arcs, geom) {
    const polys = geom.type === "Polygon" ? [geom.arcs] : geom.type === "MultiPolygon" ? geom.arcs : [];
    let d = "";
    for (const poly of polys) for (const r of poly) {
      let prev = null;
      for (const [lon, lat] of this.ring(arcs, r)) {
        const [x, y] = this.project(lon, lat);
        d += (prev === null || Math.abs(lon - prev) > 180 ? "M" : "L") + x.toFixed(1) + "," + y.toFixed(1);
        prev = lon;
      }
      d += "Z";
    }
    return d;
  },
};

(() => {
  const box = document.getElementById("map");
  const form = document.getElementById("map-filters");
  const tableBody = document.querySelector("#place-table tbody");
  const totalEl = document.getElementById("place-total");
  const section = document.getElementById("place-events");
  const title = document.getElementById("place-title");
  const list = document.getElementById("place-event-list");
  const more = document.getElementById("place-more");
  let svg = null, circles = null, selected = new URLSearchParams(location.search).get("place"), page = 1;
  let places = [];

  function filters() {
    const f = new FormData(form), out = {};
    for (const k of ["actor", "type", "status", "quad_class", "date_from", "date_to"]) out[k] = (f.get(k) || "").trim();
    return out;
  }

  function dominant(quad) {
    let best = null;
    for (const q of ["1", "2", "3", "4"]) if ((quad[q] || 0) > 0 && (best === null || quad[q] > quad[best])) best = q;
    return best || "0";
  }

  async function basemap() {
    const topo = await R.json("/static/vendor/world-atlas/countries-110m.json");
    const arcs = MAP.decodeArcs(topo);
    svg = R.el("svg", {viewBox: `0 0 ${MAP.W} ${MAP.H.toFixed(2)}`, class: "map-svg", role: "img",
                       "data-projection": "equirectangular", "data-lat-top": MAP.LAT_TOP,
                       "data-lat-bottom": MAP.LAT_BOTTOM, "aria-label": "world map of event places"});
    svg.append(R.el("rect", {x: 0, y: 0, width: MAP.W, height: MAP.H.toFixed(2), class: "sea"}));
    const land = R.el("g", {class: "countries"});
    for (const g of topo.objects.countries.geometries) {
      const d = MAP.path(arcs, g);
      if (d) land.append(R.el("path", {d, class: "country", "data-name": g.properties.name, "data-id": g.id},
                              R.el("title", {text: g.properties.name})));
    }
    svg.append(land);
    circles = R.el("g", {class: "places"});
    svg.append(circles);
    box.replaceChildren(svg);
  }

  function label(p) { return p.name + (p.country ? ` (${p.country})` : ""); }

  function quadText(p) {
    return ["1", "2", "3", "4"].filter(q => p.quad[q]).map(q => `Q${q} ${p.quad[q]}`).join(", ");
  }

  function drawPlaces(data) {
    places = data.items;
    totalEl.textContent = data.total;
    const maxN = Math.max(1, ...places.map(p => p.n));
    // largest first, so small circles stay on top and clickable
    const order = places.slice().sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
    circles.replaceChildren(...order.map(p => {
      const [x, y] = MAP.project(p.lon, p.lat), q = dominant(p.quad);
      const c = R.el("circle", {cx: x.toFixed(2), cy: y.toFixed(2), r: (3 + 15 * Math.sqrt(p.n / maxN)).toFixed(2),
        class: `place q${q}` + (p.key === selected ? " selected" : ""), tabindex: 0,
        "data-key": p.key, "data-name": p.name, "data-country": p.country || "", "data-n": p.n, "data-quad": q,
        "data-lat": p.lat, "data-lon": p.lon, onclick: () => select(p.key)},
        R.el("title", {text: `${label(p)}: ${p.n} event(s) — ${quadText(p)}`}));
      c.addEventListener("keydown", ev => { if (ev.key === "Enter") select(p.key); });
      return c;
    }));
    tableBody.replaceChildren(...places.map(p => R.el("tr", {"data-key": p.key, class: p.key === selected ? "selected" : ""},
      R.el("td", {}, R.el("a", {href: "#place-events", class: "place-link", onclick: ev => { ev.preventDefault(); select(p.key); }}, p.name)),
      R.el("td", {}, p.country || ""), R.el("td", {}, p.precision || ""), R.el("td", {class: "num"}, p.n),
      ...["1", "2", "3", "4"].map(q => R.el("td", {class: "num"}, p.quad[q] || "")))));
    if (!places.length) circles.append(R.el("text", {x: MAP.W / 2, y: MAP.H / 2, class: "empty", "text-anchor": "middle",
                                                      text: "No geocoded events match these filters."}));
    if (selected && !places.some(p => p.key === selected)) select(null);
    else if (selected) loadEvents(false);
  }

  function eventRow(e) {
    const actor = (name, country) => name ? R.el("a", {href: `/actors/${R.q(name)}?by=name`}, name)
      : R.el("span", {class: "muted"}, country || "?");
    return R.el("tr", {class: "event-row", "data-event-id": e.id},
      R.el("td", {class: "date"}, e.date_start || e.published || ""),
      R.el("td", {}, R.el("a", {class: "event-link", href: `/events/${R.q(e.linked_event_id || e.id)}`}, e.type || "?"),
           " ", R.el("span", {class: "muted"}, e.cameo || "")),
      R.el("td", {}, actor(e.source_name, e.source_country)),
      R.el("td", {}, actor(e.target_name, e.target_country)),
      R.el("td", {}, R.el("span", {class: "status s-" + e.status}, e.status || "")),
      R.el("td", {}, e.place_name || "", e.place_source ? R.el("span", {class: "tag", title: "where the place came from"}, e.place_source) : ""),
      R.el("td", {class: "evidence"}, R.markTrigger(e.evidence || "", e.trigger)),
      R.el("td", {}, R.el("a", {class: "article-link", href: `/articles/${R.q(e.article_id)}`}, e.article_title || e.article_id)));
  }

  async function loadEvents(append) {
    const p = places.find(x => x.key === selected);
    if (!p) return;
    section.hidden = false;
    title.textContent = `${p.n} event(s) at ${label(p)}`;
    try {
      const data = await R.json("/api/events?" + R.params({...filters(), place: p.key, page, page_size: 50}));
      let body = list.querySelector("tbody");
      if (!append || !body) {
        body = R.el("tbody");
        list.replaceChildren(R.el("div", {class: "scroll"}, R.el("table", {class: "events", id: "place-events-table"},
          R.el("thead", {}, R.el("tr", {}, ["date", "type", "source", "target", "status", "place", "evidence", "article"]
            .map(h => R.el("th", {}, h)))), body)));
      }
      data.items.forEach(e => body.append(eventRow(e)));
      more.hidden = data.page * data.page_size >= data.total;
    } catch (e) { R.error(list, e); }
  }

  function select(key) {
    selected = key;
    page = 1;
    if (circles) for (const c of circles.querySelectorAll("circle")) c.classList.toggle("selected", c.dataset.key === key);
    for (const tr of tableBody.querySelectorAll("tr")) tr.classList.toggle("selected", tr.dataset.key === key);
    syncUrl();
    if (!key) { section.hidden = true; list.replaceChildren(); return; }
    loadEvents(false);
  }

  function syncUrl() {
    const q = R.params({...filters(), place: selected || ""});
    history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
  }

  async function loadPlaces() {
    try {
      drawPlaces(await R.json("/api/places?" + R.params({...filters(), limit: 500})));
      syncUrl();
    } catch (e) { R.error(box, e); }
  }

  form.addEventListener("change", loadPlaces);
  form.addEventListener("submit", ev => { ev.preventDefault(); loadPlaces(); });
  more.addEventListener("click", () => { page += 1; loadEvents(true); });
  basemap().then(loadPlaces).catch(e => R.error(box, e));
})();
