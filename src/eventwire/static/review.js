// Review: accept, reject or correct the open event, and go through a queue of them by
// keyboard (a, r, e, n, p, Esc). Writes need the server's token, kept for this tab only
// (sessionStorage). Uses app.js: state, el, show, refresh, closeDetail.
"use strict";

const said = document.getElementById("review-said");
const tokenForm = document.getElementById("token-form");
const correctForm = document.getElementById("correct-form");
const KEEP = "eventwire-reviewer";
let pending = null;  // what waits for a token: [verdict, changes, note]

function reviewer() {
  try { return JSON.parse(sessionStorage.getItem(KEEP)) || {}; } catch { return {}; }
}

function showStatus(e) {
  const status = document.getElementById("review-status");
  status.textContent = e.review_status || "unreviewed";
  status.className = `status ${e.review_status || "unreviewed"}`;
  said.textContent = "";
  correctForm.hidden = true;
  state.record = e;
  drawStale();
}

// ---- reviews to look at again: their records changed when the article was coded again --
let stale = [];

async function loadStale() {
  stale = await getJSON("/api/reviews/stale");
  drawStale();
}

function drawStale() {
  // every stale review, those of the open event's articles first and marked
  const box = document.getElementById("stale");
  const mine = new Set(state.record?.article_ids ?? []);
  const list = box.querySelector("ul");
  list.replaceChildren();
  box.hidden = stale.length === 0;
  box.querySelector("summary").textContent = `To look at again (${stale.length})`;
  if (stale.some((s) => mine.has(s.article_id))) box.open = true;
  const first = [...stale].sort((a, b) => mine.has(b.article_id) - mine.has(a.article_id));
  for (const s of first) {
    const changes = Object.entries(s.changes).map(([k, v]) => `${k}=${v}`).join(", ");
    const what = `${s.verdict}${changes ? ` (${changes})` : ""} by ${s.reviewer || "someone"} on ${s.reviewed_at.slice(0, 10)}`;
    const item = el("li", `article ${s.article_id}: ${what}${s.note ? `: "${s.note}"` : ""}; its records changed since`);
    item.dataset.article = s.article_id;
    if (mine.has(s.article_id)) item.classList.add("here");
    for (const id of s.events) {
      const open = el("button", id);
      open.type = "button";
      open.title = "open this event of the article, as now coded";
      open.addEventListener("click", () => show(id));
      item.append(open);
    }
    if (!s.events.length) item.append(" (it has no records now)");
    list.appendChild(item);
  }
}

async function review(verdict, changes = {}, note = "") {
  const id = state.current;
  if (!id) return;
  const who = reviewer();
  if (!who.token) {
    pending = [verdict, changes, note];
    tokenForm.hidden = false;
    tokenForm.elements.token.focus();
    said.textContent = "A reviewer's token is needed (the server's --token-file gives one).";
    return;
  }
  const next = neighbour(1);  // the one after it now: a queue may drop this one once reviewed
  const headers = { "Content-Type": "application/json", Authorization: `Bearer ${who.token}` };
  // percent-encoded: a header holds Latin-1 only, a name may not ("Łukasz")
  if (who.name) headers["X-Reviewer"] = encodeURIComponent(who.name);
  let response;
  try {
    response = await fetch(`/api/events/${encodeURIComponent(id)}/review`, {
      method: "POST", headers, body: JSON.stringify({ verdict, changes, note }),
    });
  } catch (err) {
    said.textContent = `Not sent: ${err.message}`;  // the server is down, the token unusable ...
    return;
  }
  if (response.status === 401 || response.status === 403) {
    sessionStorage.removeItem(KEEP);
    pending = [verdict, changes, note];
    tokenForm.hidden = false;
    const body = await response.json().catch(() => ({}));
    said.textContent = `Refused (${response.status}): ${body.detail || "the token was not accepted"}`;
    return;
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const why = Array.isArray(body.detail) ? body.detail.map((d) => d.msg).join("; ") : body.detail;
    said.textContent = `Not kept: ${why || response.status}`;
    return;
  }
  const { event } = await response.json();
  loadStale().catch(() => {});  // the list as the store now has it (another reviewer's work too)
  await refresh(true);
  if (verdict === "corrected") {
    await show(id);  // its fields as corrected, for the reviewer to check
  } else if (next) {
    await show(next);  // on to the next one
    return;
  } else {
    showStatus(event);
  }
  said.textContent = next ? `${event.review_status}.` : `${event.review_status}: the last of this page.`;
}

function neighbour(step) {
  // the event before or after the open one, as the table lists them
  const ids = state.rows.map((e) => e.event_id);
  const at = ids.indexOf(state.current);
  return at < 0 ? ids[0] : ids[at + step];
}

async function go(step) {
  const id = neighbour(step);
  if (id) return show(id);
  // past the page's end or start: the next or previous page
  const offset = state.offset + step * PAGE;
  if (offset < 0 || offset >= state.total) return;
  state.offset = offset;
  await refresh(true);
  const ids = state.rows.map((e) => e.event_id);
  const first = step > 0 ? ids[0] : ids.at(-1);
  if (first) await show(first);
}

// ---- a correction: a form of the fields a reviewer may set -----------------------------
const CHOICES = {
  time_precision: ["1", "2", "3"], geo_precision: ["1", "2", "3", "4"],  // 4: the country only
};
const NUMBERS = new Set(["time_precision", "geo_precision", "inter1", "inter2", "fatalities", "latitude", "longitude"]);

function editForm() {
  const e = state.record;
  const vocabulary = state.vocabulary;
  if (!e || !vocabulary) return;
  const box = document.getElementById("correct-fields");
  box.replaceChildren();
  for (const name of vocabulary.editable) {
    const label = el("label", name.replaceAll("_", " "));
    let input;
    const options = name === "sub_event_type" ? Object.keys(vocabulary.sub_event_types).sort()
      : name === "modality" ? vocabulary.modalities : CHOICES[name];
    if (options) {
      input = el("select");
      for (const o of options) input.appendChild(el("option", o));
    } else if (name === "background") {
      input = el("input");
      input.type = "checkbox";
      input.checked = Boolean(e.background);
    } else {
      input = el(name === "notes" ? "textarea" : "input");
      if (name === "event_date") input.type = "date";
      else if (NUMBERS.has(name)) { input.type = "number"; input.step = "any"; }
    }
    input.name = name;
    if (name !== "background") input.value = e[name] === null || e[name] === undefined ? "" : String(e[name]);
    label.appendChild(input);
    box.appendChild(label);
  }
  correctForm.hidden = false;
  correctForm.elements.sub_event_type.focus();
}

function changed() {
  // the fields whose value the reviewer changed, typed as the record types them
  const e = state.record;
  const out = {};
  for (const name of state.vocabulary.editable) {
    const input = correctForm.elements[name];
    let value = name === "background" ? input.checked : input.value.trim();
    if (NUMBERS.has(name)) value = value === "" ? null : Number(value);
    if (name === "event_date" && value === "") value = null;
    const was = e[name] === undefined ? null : e[name];
    if (value !== was && !(value === "" && was === null)) out[name] = value;
  }
  // a point is corrected whole
  if ("latitude" in out || "longitude" in out) {
    out.latitude = correctForm.elements.latitude.value === "" ? null : Number(correctForm.elements.latitude.value);
    out.longitude = correctForm.elements.longitude.value === "" ? null : Number(correctForm.elements.longitude.value);
  }
  return out;
}

correctForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const changes = changed();
  if (!Object.keys(changes).length) { said.textContent = "Nothing changed: Accept keeps it as coded."; return; }
  review("corrected", changes, correctForm.elements.note.value.trim());
});
tokenForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const token = tokenForm.elements.token.value.trim();
  if (!token) return;
  sessionStorage.setItem(KEEP, JSON.stringify({ token, name: tokenForm.elements.name.value.trim() }));
  tokenForm.hidden = true;
  tokenForm.elements.token.value = "";
  if (pending) { const [verdict, changes, note] = pending; pending = null; review(verdict, changes, note); }
});
document.getElementById("cancel-edit").addEventListener("click", () => { correctForm.hidden = true; });
document.getElementById("accept").addEventListener("click", () => review("accepted"));
document.getElementById("reject").addEventListener("click", () => review("rejected"));
document.getElementById("edit").addEventListener("click", editForm);
document.getElementById("next-event").addEventListener("click", () => go(1));
document.getElementById("prev-event").addEventListener("click", () => go(-1));
document.addEventListener("keydown", (ev) => {
  if (document.getElementById("detail").hidden || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.target.closest("input, textarea, select")) return;  // typing, not a command
  const act = { a: () => review("accepted"), r: () => review("rejected"), e: editForm, n: () => go(1), p: () => go(-1) }[ev.key];
  if (act) { ev.preventDefault(); act(); }
});
loadStale().catch((err) => { said.textContent = `Could not load the reviews to look at again: ${err.message}`; });
