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

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

// ---- filters <-> query string (kept in the address, so a view can be shared) -------------
const TEXT_FILTERS = ["since", "until", "country", "admin1", "event_type", "sub_event_type", "actor", "q", "source", "min_fatalities", "review_status"];
const MODALITIES = ["asserted", "claimed", "denied", "planned", "hypothetical"];

function params() {
  const data = new FormData(form);
  const out = new URLSearchParams();
  for (const name of TEXT_FILTERS) {
    const value = (data.get(name) || "").trim();
    if (value) out.set(name, value);
  }
  const modality = data.get("modality");
  for (const m of modality === "all" ? MODALITIES : modality ? [modality] : []) out.append("modality", m);
  if (data.get("queue")) out.set("review_status", "unreviewed");  // the queue: what no one has looked at
  if (data.get("inview")) {
    const b = map.getBounds();
    const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v));
    out.set("bbox", [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].map((v) => v.toFixed(4)).join(","));
  }
  return out;
}

function restore() {
  const saved = new URLSearchParams(location.hash.slice(1));
  for (const name of TEXT_FILTERS) {
    if (saved.has(name)) form.elements[name].value = saved.get(name);
  }
  const modality = saved.getAll("modality");
  form.elements.modality.value = modality.length > 1 ? "all" : modality[0] || "";
  form.elements.queue.checked = saved.has("queue");
  // the view first: the box it shows is the filter once "in map view" is checked
  const [zoom, lat, lon] = (saved.get("map") || "").split("/").map(Number);
  if ([zoom, lat, lon].every(Number.isFinite)) map.setView([lat, lon], zoom);
  form.elements.inview.checked = saved.has("inview");
  return saved.get("event");
}

function remember() {
  const p = params();
  if (p.has("bbox")) {  // kept as the view (the box depends on the window's size)
    const c = map.getCenter();
    p.set("inview", "1");
    p.set("map", `${map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`);
  }
  p.delete("bbox");
  if (form.elements.queue.checked) {
    p.delete("review_status");
    p.set("queue", "1");
  }
  if (state.current) p.set("event", state.current);
  const hash = p.toString();
  // nothing to keep: no bare "#" left in the address
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
}

// ---- map -------------------------------------------------------------------------------
// a maxZoom: the cluster plugin needs one, and with no tile layer nothing else sets it
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 16 }).setView([15, 20], 2);
// events at one place, or too close to tell apart at this zoom, are one marker with their
// number: a click zooms in until they part, or spreads out those that share a point
const dots = L.markerClusterGroup({
  maxClusterRadius: 30, showCoverageOnHover: false, iconCreateFunction: clusterIcon,
  spiderLegPolylineOptions: { weight: 1.5, color: "#222", opacity: 0.5, interactive: false },
}).addTo(map);
fetch("/static/vendor/world-110m.geojson").then((r) => r.json()).then((world) => {
  L.geoJSON(world, { style: { color: "#8a96a8", weight: 0.7, fillColor: "#fbfbf8", fillOpacity: 1 }, interactive: false }).addTo(map).bringToBack();
});
map.attributionControl.addAttribution("Outline: Natural Earth");

const DEAD = "#c0392b", ALIVE = "#e67e22";
const radius = (dead) => Math.min(14, 3 + Math.sqrt(dead || 0));

function clusterIcon(cluster) {
  const n = cluster.getChildCount();
  const dead = cluster.getAllChildMarkers().reduce((sum, m) => sum + (m.options.dead || 0), 0);
  const label = el("span", n);
  label.title = `${n} events${dead ? `, ${dead} dead` : ""}: click to see them`;
  const size = n < 10 ? 26 : n < 100 ? 32 : 40;
  // an element, not a string: Leaflet would put a string in as HTML
  return L.divIcon({ html: label, className: `cluster${dead ? " fatal" : ""}`, iconSize: L.point(size, size) });
}

function drawPoints(points) {
  dots.clearLayers();
  const markers = points.map(([id, lat, lon, dead, type]) => {
    const dot = L.circleMarker([lat, lon], {
      radius: radius(dead), weight: 1, color: "#7b1d12", fillColor: dead > 0 ? DEAD : ALIVE, fillOpacity: 0.75, dead,
      bubblingMouseEvents: false,  // a click on the map folds events spread out from one point
    });
    dot.bindTooltip(el("span", `${type}${dead ? ` · ${dead} dead` : ""}`));
    dot.on("click", () => show(id));
    return dot;
  });
  dots.addLayers(markers);
}

const legend = L.control({ position: "bottomleft" });
legend.onAdd = () => {
  const swatch = (colour, r) => {
    const dot = el("span", null, "swatch");
    Object.assign(dot.style, { background: colour, width: `${2 * r}px`, height: `${2 * r}px` });
    return dot;
  };
  const row = (...parts) => { const line = el("div"); line.append(...parts); return line; };
  const box = el("div", null, "legend");
  box.append(
    row(swatch(ALIVE, radius(0)), " no deaths reported"),
    row(swatch(DEAD, radius(1)), " ", swatch(DEAD, radius(25)), " deaths: the more, the bigger"),
    row(el("span", "3", "cluster"), " events at one place: click to see them"),
  );
  return box;
};
legend.addTo(map);

// ---- timeline and types over time ------------------------------------------------------
// ACLED's six event types keep their colours whatever the filter; another type gets a grey
const TYPE_COLOURS = {
  Battles: "#d55e00", "Explosions/Remote violence": "#e69f00", "Violence against civilians": "#cc79a7",
  Riots: "#0072b2", Protests: "#56b4e9", "Strategic developments": "#009e73",
};
const colour = (type) => TYPE_COLOURS[type] ?? "#8a8a8a";
const SVG = "http://www.w3.org/2000/svg";
const svgEl = (tag, attrs, text) => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = String(text);
  return node;
};

function periodFor(p) {
  // days for a range of up to three months (a bar's month clicked), months otherwise
  const days = (Date.parse(p.get("until")) - Date.parse(p.get("since"))) / 864e5;
  return days <= 92 ? "day" : "month";
}

function axis(first, last, period) {
  // every period from first to last, the empty ones too: the bars stand on a time axis
  const keys = [];
  if (period === "year") {
    for (let y = Number(first); y <= Number(last); y++) keys.push(String(y));
  } else if (period === "month") {
    const month = (y, m) => `${y}-${String(m).padStart(2, "0")}`;
    for (let [y, m] = first.split("-").map(Number); month(y, m) <= last; [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1]) {
      keys.push(month(y, m));
    }
  } else {
    const day = new Date(`${first}T00:00:00Z`);
    for (let key = first; key <= last; key = day.toISOString().slice(0, 10)) {
      keys.push(key);
      day.setUTCDate(day.getUTCDate() + 1);
    }
  }
  return keys;
}

function typeSeries(p, stats, period) {
  const types = stats.by_type.map((t) => t.key);
  const counts = Object.fromEntries(types.map((t) => [t, new Map()]));
  for (const r of stats.by_period_type) counts[r.event_type]?.set(r.key, r);
  const found = stats.by_period.map((r) => r.key);
  const cut = (day) => (day && period === "month" ? day.slice(0, 7) : day);
  // the dates asked for bound the axis; without them, the first and last period with events
  const first = cut(p.get("since")) || found[0], last = cut(p.get("until")) || found.at(-1);
  let keys = first && last ? axis(first, last, period) : [];
  if (keys.length > 240) {  // twenty years and more of months: years, summed here
    for (const t of types) {
      const years = new Map();
      for (const [key, r] of counts[t]) {
        const y = years.get(key.slice(0, 4)) ?? { events: 0, fatalities: 0 };
        years.set(key.slice(0, 4), { events: y.events + r.events, fatalities: y.fatalities + r.fatalities });
      }
      counts[t] = years;
    }
    period = "year";
    keys = axis(first.slice(0, 4), last.slice(0, 4), period);
  }
  return { period, keys, types, counts, totals: stats.by_type };
}

const tally = (n) => `${count(n.events, "event", "events")}, ${count(n.fatalities, "fatality", "fatalities")}`;

function bar(x, y, width, height, type, tip) {
  const rect = svgEl("rect", { x: x + 0.5, y, width: Math.max(1, width - 1), height, fill: colour(type) });
  rect.appendChild(svgEl("title", {}, tip));
  return rect;
}

function keyItem(type) {
  const item = el("span", null, "key");
  const chip = el("span", null, "chip");
  chip.style.background = colour(type);
  item.append(chip, type);
  return item;
}

function drawTimeline(series, undated) {
  // events nothing dates are in no period: counted apart, never placed on the timeline
  const note = document.getElementById("undated");
  note.textContent = undated ? `${count(undated, "undated event", "undated events")} (not on the timeline)` : "";
  note.hidden = !undated;
  const { keys, types, counts, period } = series;
  document.getElementById("typekey").replaceChildren(...types.map(keyItem));
  const box = document.getElementById("timeline");
  box.replaceChildren();
  if (!keys.length) return;
  // drawn to the box's width in pixels: a stretched viewBox would stretch the labels too
  const width = Math.max(300, box.clientWidth), height = 130, left = 30, base = height - 18;
  const svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}` });
  const slot = (width - left) / keys.length;
  const sums = keys.map((k) => types.reduce((sum, t) => sum + (counts[t].get(k)?.events ?? 0), 0));
  const most = Math.max(1, ...sums);
  const scale = (base - 8) / most;
  for (const v of [0, most]) {  // the scale: zero and the highest bar
    const y = base - v * scale;
    svg.append(svgEl("line", { x1: left, x2: width, y1: y, y2: y, class: "grid" }), svgEl("text", { x: left - 4, y: y + 3, "text-anchor": "end" }, v));
  }
  const every = Math.ceil(keys.length / Math.max(1, Math.floor((width - left) / 60)));  // labels 60 px apart
  keys.forEach((k, i) => {
    const x = left + i * slot, middle = x + slot / 2;
    const group = svgEl("g", { class: "period", "data-key": k });
    group.appendChild(svgEl("title", {}, `${k}: ${count(sums[i], "event", "events")}`));
    let top = base;
    for (const t of types) {  // stacked, in the key's order
      const n = counts[t].get(k);
      if (!n?.events) continue;
      top -= n.events * scale;
      const rect = bar(x, top, slot, n.events * scale, t, `${k} · ${t}: ${tally(n)}`);
      rect.addEventListener("click", () => zoomTo(k, period));
      group.appendChild(rect);
    }
    group.appendChild(svgEl("line", { x1: middle, x2: middle, y1: base, y2: base + 3, class: "tick" }));
    if (i % every === 0) group.appendChild(svgEl("text", { x: middle, y: height - 4, "text-anchor": "middle", class: "label" }, k));
    svg.appendChild(group);
  });
  box.appendChild(svg);
}

function drawByType(series) {
  // a row a type: its events (bars) and fatalities (line) on the timeline's axis, every row
  // on the same two scales, so that the rows compare
  const box = document.getElementById("bytype");
  box.replaceChildren();
  const { keys, types, counts, period, totals } = series;
  if (!keys.length) return;
  const cell = (t, k) => counts[t].get(k) ?? { events: 0, fatalities: 0 };
  const most = (what) => Math.max(1, ...types.flatMap((t) => keys.map((k) => cell(t, k)[what])));
  const [events, dead] = [most("events"), most("fatalities")];
  box.appendChild(el("p", `Events (bars, at most ${events}) and fatalities (line, at most ${dead}) a ${period}, by type`, "caption"));
  const width = Math.max(300, box.clientWidth) - 200, height = 34, slot = width / keys.length;
  const y = (n, top) => height - 1 - ((height - 4) * n) / top;
  for (const t of types) {
    const row = el("div", null, "typerow");
    row.dataset.type = t;
    const name = el("div", null, "name");
    name.append(keyItem(t), el("div", tally(totals.find((x) => x.key === t)), "total"));
    const svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}` });
    keys.forEach((k, i) => {
      const n = cell(t, k);
      if (n.events) svg.appendChild(bar(i * slot, y(n.events, events), slot, height - 1 - y(n.events, events), t, `${k} · ${t}: ${tally(n)}`));
    });
    const line = keys.map((k, i) => `${i * slot + slot / 2},${y(cell(t, k).fatalities, dead)}`);
    svg.appendChild(svgEl("polyline", { points: line.join(" "), class: "dead" }));
    row.append(name, svg);
    box.appendChild(row);
  }
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
// Every column sorts every page: the API orders by it (``order``: [ascending, descending]);
// ``down``: descending at the first click; ``text``: the cell's text where it has no ``cell``.
const place = (e) => [...new Set([e.location, e.admin1, e.country].filter(Boolean))].join(", ");
const COLUMNS = [
  { label: "Date", cell: dateCell, down: true, order: ["oldest", "newest"] },
  { label: "Type", cell: typeCell, order: ["type", "-type"] },
  { label: "Actor 1", text: (e) => e.actor1, order: ["actor1", "-actor1"] },
  { label: "Actor 2", text: (e) => e.actor2, order: ["actor2", "-actor2"] },
  { label: "Location", text: place, order: ["location", "-location"] },
  { label: "Fatalities", text: (e) => e.fatalities, down: true, order: ["fatalities", "-fatalities"] },
  { label: "Modality", text: (e) => e.modality, order: ["modality", "-modality"] },
  { label: "Source", cell: sourceCell, order: ["source", "-source"] },
  { label: "Reports", text: (e) => e.article_ids.length, down: true, title: "articles that report it", order: ["reports", "-reports"] },
  { label: "Review", cell: (e) => el("td", e.review_status ?? "", `status ${e.review_status ?? ""}`), order: ["review", "-review"] },
];
state.sort = { column: 0, down: true };  // newest first
state.rows = [];

function dateCell(e) {
  const cell = el("td", e.event_date ?? "undated");
  if (e.event_date === null) cell.classList.add("undated");
  if (e.background) cell.append(" ", el("span", "background", "flag"));  // an earlier event the article recalls
  return cell;
}

function typeCell(e) {
  const cell = el("td", e.event_type);
  cell.append(el("div", e.sub_event_type, "sub"));
  return cell;
}

function sourceCell(e) {
  const cell = el("td");
  const url = web(e.source_url);
  if (url) {
    const link = el("a", e.source || url.host);
    Object.assign(link, { href: url.href, rel: "noopener noreferrer", target: "_blank", title: url.href });
    link.addEventListener("click", (ev) => ev.stopPropagation());  // the article, not the event
    cell.append(link);
  } else {
    cell.append(e.source || "");
    if (e.source_url) cell.append(el("div", e.source_url, "url"));  // shown, never followed
  }
  return cell;
}

function web(text) {
  // only http(s) becomes a link: javascript:, data: and the like stay text
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

function drawHead() {
  const row = document.querySelector("#events thead tr");
  row.replaceChildren();
  COLUMNS.forEach((c, i) => {
    const th = el("th");
    const sorted = state.sort.column === i;
    if (sorted) th.setAttribute("aria-sort", state.sort.down ? "descending" : "ascending");
    const button = el("button", c.label, "sort");
    if (c.title) button.title = c.title;
    if (sorted) button.append(el("span", state.sort.down ? " ▼" : " ▲", "arrow"));
    button.addEventListener("click", () => sortBy(i));
    th.appendChild(button);
    row.appendChild(th);
  });
}

function sortBy(i) {
  const same = state.sort.column === i;
  state.sort = { column: i, down: same ? !state.sort.down : Boolean(COLUMNS[i].down) };
  drawHead();
  refresh();  // the API orders every page, from the first
}

function serverOrder() {
  // the API's order for the sorted column
  return COLUMNS[state.sort.column].order[state.sort.down ? 1 : 0];
}

function drawRows() {
  const body = document.querySelector("#events tbody");
  body.replaceChildren();
  for (const e of state.rows) {  // in the API's order
    const row = el("tr");
    row.dataset.id = e.event_id;
    if (e.event_id === state.current) row.classList.add("current");
    for (const c of COLUMNS) row.appendChild(c.cell ? c.cell(e) : el("td", c.text(e)));
    row.addEventListener("click", () => show(e.event_id));
    body.appendChild(row);
  }
}

function drawTable(page) {
  state.rows = page.events;
  state.total = page.total;
  drawRows();
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
  showStatus(e);  // its review, and what a reviewer can do (review.js)
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
  document.getElementById("close").focus({ preventScroll: true });  // Enter or Escape closes it
  document.querySelector("mark.evidence")?.scrollIntoView({ block: "center" });
}

function closeDetail() {
  document.getElementById("detail").hidden = true;
  document.querySelectorAll("#events tr.current").forEach((r) => r.classList.remove("current"));
  state.current = null;
  remember();
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
  const asked = state.asked = (state.asked || 0) + 1;
  const p = params();
  remember();
  for (const link of document.querySelectorAll("#downloads a")) {
    const q = new URLSearchParams(p);
    q.set("format", link.dataset.format);
    link.href = `/api/export?${q}`;
  }
  const q = new URLSearchParams(p);
  q.set("limit", PAGE);
  q.set("offset", state.offset);
  q.set("order", form.elements.queue.checked ? "queue" : serverOrder());
  const summary = document.getElementById("summary");
  try {
    const period = periodFor(p);
    const [page, stats, points] = await Promise.all([
      getJSON(`/api/events?${q}`),
      getJSON(`/api/stats?${p}&period=${period}`),
      getJSON(`/api/points?${p}`),
    ]);
    const series = typeSeries(p, stats, period);
    if (asked !== state.asked) return;  // a later refresh is under way: its answers win
    drawTable(page);
    state.series = series;
    state.undated = stats.undated.events;
    drawTimeline(series, state.undated);
    drawByType(series);
    for (const link of document.querySelectorAll("#downloads a.acled")) {  // ACLED needs a date: its form leaves undated events out
      link.title = stats.undated.events ? `leaves out the ${stats.undated.events} undated events (ACLED needs a date)` : "";
    }
    drawPoints(points.points);
    // an event with no coordinates cannot be drawn; the API sends at most its limit of points
    const off = page.total - points.total;
    const most = points.points.length < points.total ? `; the map shows the ${points.points.length} most recent` : "";
    document.getElementById("mapcount").textContent = `${count(page.total, "event", "events")}, ${off} not on the map${most}`;
    summary.textContent = `${count(stats.total, "event", "events")}, ${count(stats.fatalities, "fatality", "fatalities")}`;
  } catch (err) {
    if (asked === state.asked) summary.textContent = `Could not load events: ${err.message}`;
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
  state.vocabulary = await getJSON("/api/vocabulary");
  for (const d of state.vocabulary.downloads) {  // the export registry's formats: a new one needs no change here
    const link = el("a", d.label);
    link.id = `download-${d.format}`;
    link.dataset.format = d.format;
    link.download = "";
    if (d.acled) link.classList.add("acled");
    document.getElementById("downloads").appendChild(link);
  }
  for (const sub of Object.keys(state.vocabulary.sub_event_types).sort()) form.elements.sub_event_type.appendChild(el("option", sub));
  const list = document.getElementById("countries");
  for (const c of stats.by_country) {
    const option = el("option");
    option.value = c.key;
    list.appendChild(option);
  }
}

form.addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
document.getElementById("clear").addEventListener("click", () => {
  // the prototype's reset: a control named "reset" would hide the form's own method
  HTMLFormElement.prototype.reset.call(form);
  closeDetail();
  refresh();
});
document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh(true); });
document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; refresh(true); });
document.getElementById("close").addEventListener("click", closeDetail);
document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && !document.getElementById("detail").hidden) closeDetail();
});
// the view is a filter: applied as soon as it is chosen or the map moves, no Apply needed
form.elements.inview.addEventListener("change", () => refresh());
form.elements.queue.addEventListener("change", () => refresh());
map.on("moveend", () => { if (form.elements.inview.checked) refresh(); });
window.addEventListener("resize", () => {
  // the charts are drawn to the pixel (no stretched text): drawn again at the new width
  if (state.series) { drawTimeline(state.series, state.undated); drawByType(state.series); }
});
window.addEventListener("hashchange", () => {
  // a link to an event (#event=ID) followed from this page
  const id = new URLSearchParams(location.hash.slice(1)).get("event");
  if (id && id !== state.current) show(id);
});

drawHead();
const wanted = restore();
loadFailures().catch((err) => {
  document.querySelector("#inputs summary").textContent = `Inputs that failed: ${err.message}`;
});
loadChoices().then(() => {
  const saved = new URLSearchParams(location.hash.slice(1));
  for (const name of ["event_type", "sub_event_type"]) if (saved.has(name)) form.elements[name].value = saved.get(name);
  return refresh();
}).then(() => { if (wanted) show(wanted); });
