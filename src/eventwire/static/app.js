// The dashboard: filters -> map, timeline and table; an event -> its fields and the article
// text with the evidence marked. Every stored string is put in the page as text (textContent,
// text nodes), never as HTML: an article may contain anything.
"use strict";

const PAGE = 50;
const form = document.getElementById("filters");
const state = { offset: 0, total: 0, current: null };
const el = (tag, text, cls) => {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
};

async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

// ---- filters <-> query string (kept in the address, so a view can be shared) -------------
function params() {
  const data = new FormData(form);
  const out = new URLSearchParams();
  for (const name of ["since", "until", "country", "event_type", "actor", "q"]) {
    const value = (data.get(name) || "").trim();
    if (value) out.set(name, value);
  }
  if (data.get("all")) {
    for (const m of ["asserted", "claimed", "denied", "planned", "hypothetical"]) out.append("modality", m);
  }
  if (data.get("inview")) {
    const b = map.getBounds();
    const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v));
    out.set("bbox", [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].map((v) => v.toFixed(4)).join(","));
  }
  return out;
}

function restore() {
  const saved = new URLSearchParams(location.hash.slice(1));
  for (const name of ["since", "until", "country", "event_type", "actor", "q"]) {
    if (saved.has(name)) form.elements[name].value = saved.get(name);
  }
  form.elements.all.checked = saved.getAll("modality").length > 0;
  return saved.get("event");
}

function remember() {
  const p = params();
  p.delete("bbox");
  if (state.current) p.set("event", state.current);
  history.replaceState(null, "", "#" + p.toString());
}

// ---- map -------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true, minZoom: 1 }).setView([15, 20], 2);
const dots = L.layerGroup().addTo(map);
fetch("/static/vendor/world-110m.geojson").then((r) => r.json()).then((world) => {
  L.geoJSON(world, { style: { color: "#8a96a8", weight: 0.7, fillColor: "#fbfbf8", fillOpacity: 1 }, interactive: false }).addTo(map).bringToBack();
});
map.attributionControl.addAttribution("Outline: Natural Earth");

function drawPoints(points) {
  dots.clearLayers();
  for (const [id, lat, lon, dead, type] of points) {
    const dot = L.circleMarker([lat, lon], {
      radius: Math.min(14, 3 + Math.sqrt(dead || 0)), weight: 1, color: "#7b1d12",
      fillColor: dead > 0 ? "#c0392b" : "#e67e22", fillOpacity: 0.75,
    });
    // an element, not a string: Leaflet would put a string in as HTML
    dot.bindTooltip(el("span", `${type}${dead ? ` · ${dead} dead` : ""}`));
    dot.on("click", () => show(id));
    dot.addTo(dots);
  }
}

// ---- timeline --------------------------------------------------------------------------
function drawTimeline(stats) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  // events nothing dates are in no period: counted apart, never placed on the timeline
  const undated = stats.undated.events;
  const note = document.getElementById("undated");
  note.textContent = undated ? `${undated} undated ${undated === 1 ? "event" : "events"} (not on the timeline)` : "";
  note.hidden = !undated;
  const rows = stats.by_period;
  if (!rows.length) return;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const width = 1000, height = 110, bottom = 16;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("preserveAspectRatio", "none");
  const most = Math.max(...rows.map((r) => r.events));
  const w = width / rows.length;
  rows.forEach((r, i) => {
    const h = ((height - bottom - 4) * r.events) / most;
    const bar = document.createElementNS(ns, "rect");
    bar.setAttribute("x", i * w + 0.5);
    bar.setAttribute("y", height - bottom - h);
    bar.setAttribute("width", Math.max(1, w - 1));
    bar.setAttribute("height", h);
    const tip = document.createElementNS(ns, "title");
    tip.textContent = `${r.key}: ${r.events} events, ${r.fatalities} fatalities`;
    bar.appendChild(tip);
    bar.addEventListener("click", () => zoomTo(r.key, stats.period));
    svg.appendChild(bar);
  });
  for (const i of [0, rows.length - 1]) {
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", i === 0 ? 2 : width - 2);
    label.setAttribute("y", height - 3);
    label.setAttribute("text-anchor", i === 0 ? "start" : "end");
    label.textContent = rows[i].key;
    svg.appendChild(label);
  }
  box.appendChild(svg);
}

function zoomTo(key, period) {
  // a bar's period becomes the date filter
  const first = period === "month" ? `${key}-01` : period === "year" ? `${key}-01-01` : key;
  const start = new Date(first + "T00:00:00Z");
  const end = new Date(start);
  if (period === "day") end.setUTCDate(end.getUTCDate());
  if (period === "week") end.setUTCDate(end.getUTCDate() + 6);
  if (period === "month") end.setUTCMonth(end.getUTCMonth() + 1, 0);
  if (period === "year") end.setUTCFullYear(end.getUTCFullYear(), 11, 31);
  form.elements.since.value = first;
  form.elements.until.value = end.toISOString().slice(0, 10);
  refresh();
}

// ---- table -----------------------------------------------------------------------------
function drawTable(page) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren();
  for (const e of page.events) {
    const row = el("tr");
    row.dataset.id = e.event_id;
    const where = [...new Set([e.location, e.admin1, e.country].filter(Boolean))].join(", ");
    const when = el("td", e.event_date ?? "undated");
    if (e.event_date === null) when.classList.add("undated");
    if (e.background) when.append(" ", el("span", "background", "flag"));  // an earlier event the article recalls
    row.appendChild(when);
    for (const cell of [e.sub_event_type, e.actor1, e.actor2, where, e.fatalities, e.modality]) {
      row.appendChild(el("td", cell));
    }
    row.addEventListener("click", () => show(e.event_id));
    body.appendChild(row);
  }
  state.total = page.total;
  const last = Math.min(page.offset + page.events.length, page.total);
  document.getElementById("page").textContent = page.total ? `${page.offset + 1}-${last} of ${page.total}` : "no events";
  document.getElementById("prev").disabled = page.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
}

// ---- one event -------------------------------------------------------------------------
const FIELDS = [
  ["event_date", "Date"], ["background", "Background"], ["time_precision", "Time precision"],
  ["disorder_type", "Disorder type"],
  ["event_type", "Event type"], ["sub_event_type", "Sub-event type"], ["actor1", "Actor 1"],
  ["assoc_actor_1", "Associated actor 1"], ["inter1", "Inter 1"], ["actor2", "Actor 2"],
  ["assoc_actor_2", "Associated actor 2"], ["inter2", "Inter 2"], ["interaction", "Interaction"],
  ["civilian_targeting", "Civilian targeting"], ["country", "Country"], ["admin1", "Admin 1"],
  ["admin2", "Admin 2"], ["location", "Location"], ["latitude", "Latitude"], ["longitude", "Longitude"],
  ["geo_precision", "Geo precision"], ["fatalities", "Fatalities"], ["modality", "Modality"],
  ["plover_type", "PLOVER type"], ["plover_mode", "PLOVER mode"], ["plover_context", "PLOVER context"],
  ["confidence", "Confidence"], ["notes", "Notes"], ["event_id", "Event id"],
];

async function show(id) {
  const detail = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  const e = detail.event;
  state.current = e.event_id;
  remember();
  const when = e.event_date ?? "undated";
  document.getElementById("detail-title").textContent = `${e.sub_event_type} · ${when}${e.background ? " · background" : ""}`;
  const fields = document.getElementById("fields");
  fields.replaceChildren();
  for (const [key, label] of FIELDS) {
    let value = Array.isArray(e[key]) ? e[key].join(", ") : e[key];
    if (key === "event_date") value = when;  // null: neither the article nor its metadata dates it
    if (key === "background") value = e.background ? "yes: an earlier event the article recalls" : "";
    if (key === "time_precision" && e.event_date === null) value = "";  // no date, no precision of it
    if (value === "" || value === null || value === undefined) continue;
    fields.append(el("dt", label), el("dd", value));
  }
  const box = document.getElementById("articles");
  box.replaceChildren();
  for (const article of detail.articles) {
    const part = el("section", null, "article");
    part.appendChild(el("h4", article.title || article.id));
    const meta = [article.source, article.published].filter(Boolean).join(" · ");
    if (meta) part.appendChild(el("p", meta, "meta"));
    if (article.url) part.appendChild(el("p", article.url, "url"));  // shown, never followed from here
    const spans = detail.evidence.filter((s) => s.article_id === article.id);
    part.appendChild(marked(article.text, spans));
    box.appendChild(part);
  }
  document.querySelectorAll("#events tr.current").forEach((r) => r.classList.remove("current"));
  document.querySelector(`#events tr[data-id="${CSS.escape(e.event_id)}"]`)?.classList.add("current");
  document.getElementById("detail").hidden = false;
  document.querySelector("mark.evidence")?.scrollIntoView({ block: "center" });
}

function marked(text, spans) {
  // offsets count Unicode code points (as Python does), not UTF-16 units
  const chars = Array.from(text);
  const out = el("div", null, "text");
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;  // overlapping spans: the first one is marked
    out.appendChild(document.createTextNode(chars.slice(at, s.start).join("")));
    out.appendChild(el("mark", chars.slice(s.start, s.end).join(""), "evidence"));
    at = s.end;
  }
  out.appendChild(document.createTextNode(chars.slice(at).join("")));
  return out;
}

// ---- loading ---------------------------------------------------------------------------
async function refresh(keepOffset) {
  if (!keepOffset) state.offset = 0;
  const p = params();
  remember();
  for (const [id, format] of [["csv", "acled-csv"], ["geojson", "geojson"]]) {
    const q = new URLSearchParams(p);
    q.set("format", format);
    document.getElementById(id).href = `/api/export?${q}`;
  }
  const q = new URLSearchParams(p);
  q.set("limit", PAGE);
  q.set("offset", state.offset);
  const summary = document.getElementById("summary");
  try {
    const [page, stats, points] = await Promise.all([
      getJSON(`/api/events?${q}`),
      getJSON(`/api/stats?${p}&period=${p.get("since") && p.get("until") ? "day" : "month"}`),
      getJSON(`/api/points?${p}`),
    ]);
    drawTable(page);
    drawTimeline(stats);
    const csv = document.getElementById("csv");  // ACLED needs a date: the CSV leaves undated events out
    csv.title = stats.undated.events ? `leaves out the ${stats.undated.events} undated events (ACLED needs a date)` : "";
    drawPoints(points.points);
    const shown = points.points.length < points.total ? ` (map: the ${points.points.length} most recent with a place)` : "";
    summary.textContent = `${stats.total} events, ${stats.fatalities} fatalities${shown}`;
  } catch (err) {
    summary.textContent = `Could not load events: ${err.message}`;
  }
}

async function loadFailures() {
  // inputs that never became events: unreadable files, feeds that are down, paywalls ...
  const page = await getJSON("/api/articles?status=failed&limit=100");
  document.querySelector("#inputs summary").textContent = `Inputs that failed (${page.total})`;
  const body = document.querySelector("#inputs tbody");
  body.replaceChildren();
  for (const a of page.articles) {
    const row = el("tr");
    for (const cell of [a.url || a.origin, a.reason, a.stored_at]) row.appendChild(el("td", cell));
    body.appendChild(row);
  }
}

async function loadChoices() {
  const stats = await getJSON("/api/stats?period=year&modality=asserted&modality=claimed&modality=denied&modality=planned&modality=hypothetical");
  const select = form.elements.event_type;
  for (const t of stats.by_type) select.appendChild(el("option", t.key));
  const list = document.getElementById("countries");
  for (const c of stats.by_country) {
    const option = el("option");
    option.value = c.key;
    list.appendChild(option);
  }
}

form.addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
document.getElementById("reset").addEventListener("click", () => { form.reset(); refresh(); });
document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh(true); });
document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; refresh(true); });
document.getElementById("close").addEventListener("click", () => {
  document.getElementById("detail").hidden = true;
  state.current = null;
  remember();
});
map.on("moveend", () => { if (form.elements.inview.checked) refresh(); });
window.addEventListener("hashchange", () => {
  // a link to an event (#event=ID) followed from this page
  const id = new URLSearchParams(location.hash.slice(1)).get("event");
  if (id && id !== state.current) show(id);
});

const wanted = restore();
loadFailures().catch((err) => {
  document.querySelector("#inputs summary").textContent = `Inputs that failed: ${err.message}`;
});
loadChoices().then(() => {
  const saved = new URLSearchParams(location.hash.slice(1));
  if (saved.has("event_type")) form.elements.event_type.value = saved.get("event_type");
  return refresh();
}).then(() => { if (wanted) show(wanted); });
