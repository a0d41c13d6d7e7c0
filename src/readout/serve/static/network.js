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
      const r = 5 + 14 * Math.sqrt(d.n_events / maxN);
      const g = R.el("g", {class: "node", transform: `translate(${d.x},${d.y})`, "data-id": d.id, tabindex: 0},
        R.el("circle", {r}), R.el("text", {x: r + 3, y: 4, text: d.label !== d.id ? `${d.label} (${d.id})` : d.id}),
        R.el("title", {text: `${d.label}: ${d.n_events} event(s)`}));
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
  form.addEventListener("change", load);
  load();
})();
