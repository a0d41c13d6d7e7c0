/* A weekly chart in plain SVG: stacked bars of events by quad class, and a mean Goldstein line. */
"use strict";
const QUAD_COLOURS = {"1": "#7fbf7b", "2": "#1b7837", "3": "#f1a340", "4": "#b2182b", "none": "#bbbbbb"};

function weekRange(directions) {
  /* Every Monday from the first to the last week any direction has, so both charts share an axis. */
  const all = directions.flatMap(d => d.weeks.map(w => w.week)).sort();
  if (!all.length) return [];
  const out = [];
  const day = 86400000;
  for (let t = Date.parse(all[0] + "T00:00:00Z"); t <= Date.parse(all[all.length - 1] + "T00:00:00Z"); t += 7 * day) {
    out.push(new Date(t).toISOString().slice(0, 10));
    if (out.length > 5000) break;
  }
  return out;
}

function drawWeekChart(container, direction, weeks, yMax, title) {
  const W = Math.max(600, container.clientWidth || 800), H = 220;
  const m = {l: 40, r: 44, t: 24, b: 36};
  const iw = W - m.l - m.r, ih = H - m.t - m.b;
  const byWeek = new Map(direction.weeks.map(w => [w.week, w]));
  const n = Math.max(weeks.length, 1);
  const step = iw / n, bw = Math.max(1, Math.min(40, step * 0.8));
  const y = v => m.t + ih - (v / yMax) * ih;
  const yg = g => m.t + ih / 2 - (g / 10) * (ih / 2);
  const svg = R.el("svg", {viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", role: "img",
                           "aria-label": title, "data-source": direction.source, "data-target": direction.target});
  svg.append(R.el("text", {x: m.l, y: 14, class: "chart-title", text: title}));
  // axes
  svg.append(R.el("line", {x1: m.l, y1: m.t + ih, x2: m.l + iw, y2: m.t + ih, class: "axis"}));
  svg.append(R.el("line", {x1: m.l, y1: m.t, x2: m.l, y2: m.t + ih, class: "axis"}));
  for (const v of [0, Math.ceil(yMax / 2), yMax]) {
    svg.append(R.el("text", {x: m.l - 6, y: y(v) + 4, class: "tick", "text-anchor": "end", text: v}));
  }
  for (const g of [-10, 0, 10]) {
    svg.append(R.el("text", {x: m.l + iw + 6, y: yg(g) + 4, class: "tick g", text: (g > 0 ? "+" : "") + g}));
  }
  svg.append(R.el("line", {x1: m.l, y1: yg(0), x2: m.l + iw, y2: yg(0), class: "zero"}));
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const points = [];
  weeks.forEach((wk, i) => {
    const x = m.l + i * step + (step - bw) / 2;
    if (i % labelEvery === 0) svg.append(R.el("text", {x: x + bw / 2, y: H - 18, class: "tick", "text-anchor": "middle", text: wk}));
    const w = byWeek.get(wk);
    if (!w) return;
    let acc = 0;
    for (const q of ["1", "2", "3", "4", "none"]) {
      const v = w.by_quad[q] || 0;
      if (!v) continue;
      svg.append(R.el("rect", {x, y: y(acc + v), width: bw, height: Math.max(0.5, y(acc) - y(acc + v)),
                               fill: QUAD_COLOURS[q], class: "bar q" + q},
                      R.el("title", {text: `week of ${wk}: ${v} event(s), quad class ${q}`})));
      acc += v;
    }
    if (w.goldstein !== null) points.push([x + bw / 2, yg(w.goldstein), w]);
  });
  if (points.length) {
    svg.append(R.el("polyline", {points: points.map(p => p[0] + "," + p[1]).join(" "), class: "gline"}));
    for (const [px, py, w] of points) {
      svg.append(R.el("circle", {cx: px, cy: py, r: 3, class: "gpoint"},
                      R.el("title", {text: `week of ${w.week}: mean Goldstein ${R.fmt(w.goldstein, 2)}`})));
    }
  }
  container.append(svg);
  return svg;
}
