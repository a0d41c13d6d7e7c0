/* A weekly chart in plain SVG: stacked bars of events by quad class, a mean Goldstein line,
   and, below the bars, a band over the whole period of each event dated only to a month,
   a season or longer (never a spike on the period's first day). */
"use strict";
const QUAD_COLOURS = {"1": "#7fbf7b", "2": "#1b7837", "3": "#f1a340", "4": "#b2182b", "none": "#bbbbbb"};
const DAY_MS = 86400000;

function mondayOf(iso) {
  const t = Date.parse(iso + "T00:00:00Z");
  const dow = (new Date(t).getUTCDay() + 6) % 7;      // Monday 0 … Sunday 6
  return new Date(t - dow * DAY_MS).toISOString().slice(0, 10);
}

function weekRange(directions) {
  /* Every Monday from the first to the last week any direction has (its weeks and the
     weeks its spans cover), so both charts share an axis. */
  const all = directions.flatMap(d => d.weeks.map(w => w.week)
    .concat((d.spans || []).flatMap(s => [mondayOf(s.start), mondayOf(s.end)]))).sort();
  if (!all.length) return [];
  const out = [];
  for (let t = Date.parse(all[0] + "T00:00:00Z"); t <= Date.parse(all[all.length - 1] + "T00:00:00Z"); t += 7 * DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
    if (out.length > 5000) break;
  }
  return out;
}

function spanRows(spans) {
  /* Greedy rows for the bands, so that no two bands in a row overlap in time. */
  const ends = [], rows = [];
  for (const s of spans) {
    let r = ends.findIndex(e => e < s.start);
    if (r < 0) { r = ends.length; ends.push(""); }
    ends[r] = s.end;
    rows.push(r);
  }
  return rows;
}

function spanLabel(s) {
  const months = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"];
  const [y, m] = s.start.split("-").map(Number);
  if (s.precision === "month") return `${months[m - 1]} ${y}`;
  return `${s.start} … ${s.end} (${s.precision})`;
}

function drawWeekChart(container, direction, weeks, yMax, title) {
  const W = Math.max(600, container.clientWidth || 800);
  const spans = direction.spans || [];
  const rows = spanRows(spans), nRows = spans.length ? Math.max(...rows) + 1 : 0;
  const ROW = 16, laneTop = 204, H = 220 + (nRows ? 18 + nRows * ROW : 0);
  const m = {l: 56, r: 58, t: 24, b: 36};
  const iw = W - m.l - m.r, ih = 220 - m.t - m.b;
  const byWeek = new Map(direction.weeks.map(w => [w.week, w]));
  const n = Math.max(weeks.length, 1);
  const step = iw / n, bw = Math.max(1, Math.min(40, step * 0.8));
  const t0 = weeks.length ? Date.parse(weeks[0] + "T00:00:00Z") : 0;
  const xDay = iso => m.l + (Date.parse(iso + "T00:00:00Z") - t0) / (7 * DAY_MS) * step;
  const y = v => m.t + ih - (v / yMax) * ih;
  const yg = g => m.t + ih / 2 - (g / 10) * (ih / 2);
  const svg = R.el("svg", {viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", role: "img",
                           "aria-label": title, "data-source": direction.source, "data-target": direction.target});
  svg.append(R.el("text", {x: m.l, y: 14, class: "chart-title", text: title}));
  // axes, each with its label
  svg.append(R.el("line", {x1: m.l, y1: m.t + ih, x2: m.l + iw, y2: m.t + ih, class: "axis"}));
  svg.append(R.el("line", {x1: m.l, y1: m.t, x2: m.l, y2: m.t + ih, class: "axis"}));
  const cy = m.t + ih / 2;
  svg.append(R.el("text", {x: 14, y: cy, class: "axis-label y-left", "text-anchor": "middle",
                           transform: `rotate(-90 14 ${cy})`, text: "events per week"}));
  svg.append(R.el("text", {x: W - 10, y: cy, class: "axis-label y-right", "text-anchor": "middle",
                           transform: `rotate(90 ${W - 10} ${cy})`, text: "mean Goldstein"}));
  for (const v of [...new Set([0, Math.ceil(yMax / 2), yMax])]) {
    svg.append(R.el("text", {x: m.l - 6, y: y(v) + 4, class: "tick y", "text-anchor": "end", text: v}));
  }
  for (const g of [-10, 0, 10]) {
    svg.append(R.el("text", {x: m.l + iw + 6, y: yg(g) + 4, class: "tick g", text: (g > 0 ? "+" : "") + g}));
  }
  svg.append(R.el("line", {x1: m.l, y1: yg(0), x2: m.l + iw, y2: yg(0), class: "zero"}));
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const points = [];
  weeks.forEach((wk, i) => {
    const x = m.l + i * step + (step - bw) / 2;
    if (i % labelEvery === 0) svg.append(R.el("text", {x: x + bw / 2, y: 220 - 18, class: "tick x", "text-anchor": "middle", text: wk}));
    const w = byWeek.get(wk);
    if (!w) return;
    let acc = 0;
    for (const q of ["1", "2", "3", "4", "none"]) {
      const v = w.by_quad[q] || 0;
      if (!v) continue;
      svg.append(R.el("rect", {x, y: y(acc + v), width: bw, height: Math.max(0.5, y(acc) - y(acc + v)),
                               fill: QUAD_COLOURS[q], class: "bar q" + q, "data-week": wk, "data-n": v},
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
  if (nRows) {
    svg.append(R.el("text", {x: m.l, y: laneTop + 26, class: "lane-label",
                             text: "dated only to a month, a season or longer (band: the whole period)"}));
    spans.forEach((s, i) => {
      const x0 = xDay(s.start), x1 = xDay(new Date(Date.parse(s.end + "T00:00:00Z") + DAY_MS).toISOString().slice(0, 10));
      const top = laneTop + 32 + rows[i] * ROW;
      const q = Object.entries(s.by_quad).sort((p, r) => r[1] - p[1])[0][0];
      const parts = Object.entries(s.by_quad).map(([k, v]) => `${v} quad class ${k}`).join(", ");
      const g = R.el("g", {class: "span", "data-start": s.start, "data-end": s.end,
                           "data-precision": s.precision, "data-n": s.n},
        R.el("rect", {x: x0, y: top, width: Math.max(2, x1 - x0), height: ROW - 3, fill: QUAD_COLOURS[q], class: "span-band"}),
        R.el("title", {text: `${spanLabel(s)}: ${s.n} event(s) (${parts})` +
                             (s.goldstein === null ? "" : `, mean Goldstein ${R.fmt(s.goldstein, 2)}`)}));
      if (x1 - x0 > 14) g.append(R.el("text", {x: (x0 + x1) / 2, y: top + ROW - 6, class: "span-n", "text-anchor": "middle", text: s.n}));
      svg.append(g);
    });
  }
  container.append(svg);
  return svg;
}
