/* Network page: actors as nodes, dyads as edges, laid out by a small force simulation in SVG. */
"use strict";
(() => {
  const box = document.getElementById("network");
  const form = document.getElementById("network-filters");
  const edgeBody = document.querySelector("#edge-table tbody");

  function layout(nodes, edges, W, H) {
    /* Spring-electric layout: nodes repel, edges pull; a fixed number of cooling steps. */
    const n = nodes.length, idx = new Map(nodes.map((d, i) => [d.id, i]));
    nodes.forEach((d, i) => {
      const a = 2 * Math.PI * i / Math.max(1, n);
      d.x = W / 2 + (W / 3) * Math.cos(a); d.y = H / 2 + (H / 3) * Math.sin(a);
    });
    const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
    const steps = 300;
    for (let s = 0; s < steps; s++) {
      const t = (W / 10) * (1 - s / steps) + 1;
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        const d2 = Math.max(x * x + y * y, 0.01), f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
      for (const e of edges) {
        const i = idx.get(e.source), j = idx.get(e.target);
        const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        const d = Math.max(Math.sqrt(x * x + y * y), 0.1), f = d / k;
        dx[i] -= x * f; dy[i] -= y * f; dx[j] += x * f; dy[j] += y * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] += (W / 2 - nodes[i].x) * 0.02 * k / 10; dy[i] += (H / 2 - nodes[i].y) * 0.02 * k / 10;
        const len = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.01);
        nodes[i].x = Math.min(W - 30, Math.max(30, nodes[i].x + dx[i] / len * Math.min(len, t)));
        nodes[i].y = Math.min(H - 20, Math.max(20, nodes[i].y + dy[i] / len * Math.min(len, t)));
      }
    }
  }

  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  function placeLabels(nodes, W, H) {
    /* Every node's label where it overlaps no other label (and, where it can, no node):
       the busiest nodes first, each trying spots around its node from near to far (a leader
       line joins a label set apart); a label that finds no free spot is shortened to the code. */
    const PAD = 2;
    const circles = nodes.map(d => ({x0: d.x - d.r, y0: d.y - d.r, x1: d.x + d.r, y1: d.y + d.r, id: d.id}));
    const placed = [];
    const angles = [0, 180, -30, 30, 150, -150, -60, 60, -120, 120, -90, 90].map(a => a * Math.PI / 180);
    const dists = [3, 8, 14, 22, 32, 44, 58, 76, 100, 130, 170, 220];
    const order = [...nodes].sort((a, b) => b.n_events - a.n_events || (a.id < b.id ? -1 : 1));
    for (const d of order) {
      const text = R.el("text", {class: "node-label", "data-id": d.id, text: d.text});
      d.g.append(text);
      let best = null, bb = null;
      for (const label of d.text === d.id ? [d.text] : [d.text, d.id]) {
        text.textContent = label;
        bb = text.getBBox();
        const w = bb.width + 2 * PAD, h = bb.height + PAD;
        let fallback = null;
        search:
        for (const dist of dists) for (const a of angles) {
          const cx = d.x + Math.cos(a) * (d.r + dist), cy = d.y + Math.sin(a) * (d.r + dist);
          const c = Math.cos(a), sn = Math.sin(a);
          const x0 = c > 0.2 ? cx : c < -0.2 ? cx - w : cx - w / 2;
          const y0 = sn > 0.2 ? cy : sn < -0.2 ? cy - h : cy - h / 2;
          const b = {x0, y0, x1: x0 + w, y1: y0 + h};
          if (b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H) continue;
          if (placed.some(p => overlaps(p, b))) continue;
          const free = !circles.some(o => overlaps(o, b));
          if (free) { best = {b, dist, a, label}; break search; }
          if (!fallback) fallback = {b, dist, a, label};
        }
        best = best || fallback;
        if (best) break;
      }
      if (!best) { text.remove(); continue; }            // no spot at all: the title still names it
      const {b, dist, label} = best;
      placed.push(b);
      text.textContent = label;
      if (label !== d.text) text.append(R.el("title", {text: d.text}));
      text.setAttribute("x", b.x0 + PAD - bb.x - d.x);
      text.setAttribute("y", b.y0 + PAD / 2 - bb.y - d.y);
      if (dist > 14) {
        const lx = Math.max(b.x0, Math.min(b.x1, d.x)), ly = Math.max(b.y0, Math.min(b.y1, d.y));
        d.g.insertBefore(R.el("line", {class: "leader", x1: 0, y1: 0, x2: lx - d.x, y2: ly - d.y}), d.g.firstChild);
      }
    }
  }

  function draw(data) {
    const W = Math.max(600, box.clientWidth || 900), H = 560;
    const nodes = data.nodes.map(d => ({...d})), byId = new Map(nodes.map(d => [d.id, d]));
    const edges = data.edges.filter(e => byId.has(e.source) && byId.has(e.target));
    layout(nodes, edges, W, H);
    const maxE = Math.max(1, ...edges.map(e => e.n_events)), maxN = Math.max(1, ...nodes.map(d => d.n_events));
    const svg = R.el("svg", {viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "network-svg", role: "img",
                             "aria-label": `network of ${nodes.length} actors and ${edges.length} dyads`});
    const lines = edges.map(e => {
      const a = byId.get(e.source), b = byId.get(e.target);
      const href = `/dyads/${R.q(e.source)}/${R.q(e.target)}` + (data.level === "code" ? "?level=code" : "");
      const line = R.el("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge",
        "stroke-width": 1 + 9 * Math.sqrt(e.n_events / maxE), stroke: R.goldsteinColour(e.mean_goldstein),
        "data-source": e.source, "data-target": e.target, onclick: () => { location.href = href; }},
        R.el("title", {text: `${e.source}–${e.target}: ${e.n_events} event(s), mean Goldstein ${R.fmt(e.mean_goldstein, 2)}`}));
      return [e, line];
    });
    lines.forEach(([, l]) => svg.append(l));
    const groups = nodes.map(d => {
      const r = d.r = 5 + 14 * Math.sqrt(d.n_events / maxN);
      d.text = d.label !== d.id ? `${d.label} (${d.id})` : d.id;
      const g = R.el("g", {class: "node", transform: `translate(${d.x},${d.y})`, "data-id": d.id, tabindex: 0},
        R.el("circle", {r}), R.el("title", {text: `${d.label}: ${d.n_events} event(s)`}));
      d.g = g;
      let dragging = false, moved = false;
      g.addEventListener("pointerdown", ev => { dragging = true; moved = false; g.setPointerCapture(ev.pointerId); });
      g.addEventListener("pointermove", ev => {
        if (!dragging) return;
        const pt = svg.getScreenCTM().inverse().multiply(new DOMMatrix([1, 0, 0, 1, ev.clientX, ev.clientY]));
        d.x = pt.e; d.y = pt.f; moved = true;
        g.setAttribute("transform", `translate(${d.x},${d.y})`);
        for (const [e, l] of lines) {
          if (e.source === d.id) { l.setAttribute("x1", d.x); l.setAttribute("y1", d.y); }
          if (e.target === d.id) { l.setAttribute("x2", d.x); l.setAttribute("y2", d.y); }
        }
      });
      g.addEventListener("pointerup", () => {
        dragging = false;
        if (!moved) location.href = `/actors/${R.q(d.id)}?by=${data.level}`;
      });
      g.addEventListener("keydown", ev => { if (ev.key === "Enter") location.href = `/actors/${R.q(d.id)}?by=${data.level}`; });
      return g;
    });
    groups.forEach(g => svg.append(g));
    box.replaceChildren(nodes.length ? svg : R.el("p", {class: "muted"}, "No events between two actors yet."));
    if (nodes.length) placeLabels(nodes, W, H);
    edgeBody.replaceChildren(...edges.map(e => R.el("tr", {},
      R.el("td", {}, R.el("a", {class: "dyad-link", href: `/dyads/${R.q(e.source)}/${R.q(e.target)}` + (data.level === "code" ? "?level=code" : "")},
        `${e.source}–${e.target}`)),
      R.el("td", {class: "num"}, e.n_events), R.el("td", {class: "num"}, R.fmt(e.mean_goldstein, 2)))));
  }

  async function load() {
    const f = new FormData(form);
    try {
      draw(await R.json("/api/network?" + R.params({level: f.get("level"), min_events: f.get("min_events") || 1})));
    } catch (e) { R.error(box, e); }
  }
  form.addEventListener("change", () => {
    // the filters in the page's address, so that a reload or a copied link keeps them
    const f = new FormData(form);
    const query = R.params({level: f.get("level") === "code" ? "code" : "",
                            min_events: +f.get("min_events") > 1 ? f.get("min_events") : ""});
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    load();
  });
  load();
})();
