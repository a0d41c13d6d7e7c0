/* readout: small helpers shared by the pages (no external libraries). */
"use strict";
const R = {
  /* An element with attributes (on* keys become listeners) and children. */
  el(tag, attrs, ...children) {
    const svg = ["svg", "g", "rect", "line", "path", "circle", "text", "title", "polyline"].includes(tag);
    const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  },
  async json(url) {
    const res = await fetch(url, {headers: {Accept: "application/json"}});
    if (!res.ok) {
      let msg = res.status + " " + res.statusText;
      try { const body = await res.json(); msg += ": " + JSON.stringify(body.detail); } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return res.json();
  },
  q(s) { return encodeURIComponent(s); },
  params(obj) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(obj)) if (v !== "" && v !== null && v !== undefined) p.set(k, v);
    return p.toString();
  },
  /* Goldstein −10 … +10 → red … grey … green. */
  goldsteinColour(g) {
    if (g === null || g === undefined) return "#999";
    const t = Math.max(-1, Math.min(1, g / 10));
    const grey = [150, 150, 150], red = [200, 40, 40], green = [30, 150, 60];
    const to = t < 0 ? red : green, a = Math.abs(t);
    const c = grey.map((v, i) => Math.round(v + (to[i] - v) * a));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  },
  /* An event's sentence with its trigger word in <mark class="trigger"> (first whole-word match). */
  markTrigger(text, trigger) {
    if (!trigger) return text;
    const esc = trigger.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const m = new RegExp(`(^|[^\\w])(${esc})(?![\\w])`, "i").exec(text);
    if (!m) return text;
    const at = m.index + m[1].length;
    return [text.slice(0, at), R.el("mark", {class: "trigger", title: "trigger word"}, m[2]),
            text.slice(at + m[2].length)];
  },
  fmt(v, d) { return v === null || v === undefined ? "" : Number(v).toFixed(d === undefined ? 1 : d); },
  error(container, err) {
    container.replaceChildren(R.el("p", {class: "error"}, "Could not load: " + err.message));
  },
};
