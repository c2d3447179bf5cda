// burden serve: the page's script. Plain JavaScript, no libraries, nothing from the network.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { scenario: null, name: "", original: {}, lastRun: null, baseline: null, job: null };

async function api(method, url, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const type = response.headers.get("Content-Type") || "";
  const data = type.startsWith("application/json") ? await response.json() : null;
  return { status: response.status, data, response };
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  for (const c of children) e.append(c);
  return e;
}

function num(x) {
  if (!isFinite(x)) return String(x);
  const a = Math.abs(x);
  const s = a >= 1000 ? Math.round(x).toLocaleString("en") : Number(x.toPrecision(a >= 1 ? 4 : 3)).toString();
  return s;
}

function showAlert(box, message) {
  box.textContent = message || "";
  box.hidden = !message;
}

function clearErrors() {
  document.querySelectorAll(".alert").forEach((a) => showAlert(a, ""));
}

function showErrors(errors) {
  clearErrors();
  for (const e of errors) {
    const box = e.key === "iterations" ? $("iterations-error") : $("alert-" + e.key);
    showAlert(box || $("combined-error"), e.message);
  }
}

async function loadList() {
  const { data } = await api("GET", "/api/scenarios");
  const select = $("scenario");
  for (const s of data.scenarios) {
    select.append(el("option", { value: s.id, textContent: s.from === "shipped" ? s.name : `${s.name} (${s.from})` }));
  }
  select.value = data.default;
  select.addEventListener("change", () => loadScenario(Number(select.value)));
  await loadScenario(data.default);
}

async function loadScenario(id) {
  state.scenario = id;
  state.lastRun = null;
  $("keep").disabled = true;
  clearErrors();
  const { status, data } = await api("GET", `/api/scenarios/${id}`);
  $("inputs").replaceChildren();
  $("sweep-key").replaceChildren();
  if (status !== 200) {
    $("scenario-title").textContent = "";
    showAlert($("load-error"), data ? data.error : `the scenario could not be read (HTTP ${status})`);
    $("run").disabled = true;
    return;
  }
  $("run").disabled = false;
  state.name = data.name;
  $("scenario-title").textContent = data.title;
  $("iterations").value = data.iterations;
  state.original = {};
  for (const g of data.groups) {
    const set = el("fieldset", {}, el("legend", { textContent: g.name || "scenario" }));
    for (const f of g.fields) {
      state.original[f.key] = f.text;
      set.append(fieldRow(f));
      $("sweep-key").append(el("option", { value: f.key, textContent: f.key }));
    }
    $("inputs").append(set);
  }
  $("sweep-key").value = "levy.resident_share";
}

function fieldRow(f) {
  const id = "f-" + f.key;
  const input = el("input", { type: "text", id, value: f.text, spellcheck: false });
  input.dataset.key = f.key;
  const row = el("div", { className: "field" }, el("label", { htmlFor: id, textContent: f.key }), input);
  row.dataset.key = f.key;
  if (f.slider) {
    const [min, max, step] = f.slider;
    const slider = el("input", { type: "range", min, max, step, value: Number(f.text) });
    slider.setAttribute("aria-label", f.key + " (slider)");
    slider.addEventListener("input", () => {
      input.value = slider.value;
      edited(input);
    });
    input.addEventListener("input", () => {
      if (input.value.trim() !== "" && isFinite(Number(input.value))) slider.value = input.value;
    });
    row.append(slider);
  }
  const sweep = el("button", { type: "button", className: "sweep-this", textContent: "Sweep" });
  sweep.setAttribute("aria-label", "Sweep " + f.key);
  sweep.addEventListener("click", () => {
    $("sweep-key").value = f.key;
    $("sweep-values").focus();
  });
  row.append(el("div", { className: "stats" }), el("div", { className: "meta" }, sweep));
  row.append(el("div", { className: "alert", id: "alert-" + f.key, hidden: true }));
  row.querySelector(".alert").setAttribute("role", "alert");
  input.addEventListener("input", () => edited(input));
  showStats(row, f);
  return row;
}

function showStats(row, f, statsOnly) {
  const unit = f.unit ? " " + f.unit : "";
  const stats = row.querySelector(".stats");
  const named = f.named !== f.key ? ` (${f.named})` : "";
  if (f.histogram) {
    stats.replaceChildren(`5th ${num(f.p05)} · median ${num(f.p50)} · 95th ${num(f.p95)}${unit} `,
      el("span", { className: "hist", textContent: f.histogram, title: "draws between the 1st and 99th percentiles" }));
  } else {
    stats.replaceChildren(`${num(f.p50)}${unit}, fixed`);
  }
  if (statsOnly) return;
  const meta = row.querySelector(".meta");
  meta.prepend(`${f.meaning ? f.meaning + named + ". " : named}Source: ${f.source}. Grade ${f.grade}; ${f.kind}. `);
}

function edits() {
  const out = [];
  document.querySelectorAll("#inputs input[type=text]").forEach((i) => {
    const value = i.value.trim();
    if (value !== state.original[i.dataset.key]) out.push({ key: i.dataset.key, value });
  });
  return out;
}

function choice() {
  const n = Number($("iterations").value);
  return { scenario: state.scenario, edits: edits(), iterations: n > 0 ? n : null };
}

let checkTimer = null;
function edited(input) {
  input.classList.toggle("changed", input.value.trim() !== state.original[input.dataset.key]);
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, 250);
}

async function check() {
  const { data } = await api("POST", "/api/check", choice());
  if (!data) return;
  showErrors(data.errors);
  if (!data.groups) return;
  for (const g of data.groups) {
    for (const f of g.fields) {
      const row = document.querySelector(`.field[data-key="${CSS.escape(f.key)}"]`);
      // The percentiles follow the edit; the source and grade stay the file's until downloaded.
      if (row) showStats(row, f, true);
    }
  }
}

async function start(url, body, kind) {
  clearErrors();
  const { status, data } = await api("POST", url, body);
  if (status === 202) {
    follow(data.job, kind, body);
  } else if (data && data.errors) {
    showErrors(data.errors);
    if (kind === "sweep") showAlert($("sweep-error"), data.errors.map((e) => e.message).join("\n"));
  } else {
    showAlert($("combined-error"), data ? data.error : `the server answered HTTP ${status}`);
  }
}

function busy(on) {
  for (const b of ["run", "compare", "sweep"]) $(b).disabled = on || (b === "compare" && !state.baseline);
  $("cancel").disabled = !on;
  $("progress-line").hidden = false;
}

function follow(id, kind, body) {
  state.job = id;
  busy(true);
  const tick = async () => {
    const { status, data } = await api("GET", `/api/jobs/${id}`);
    if (status !== 200) {
      busy(false);
      showAlert($("combined-error"), data ? data.error : "the job was lost");
      return;
    }
    $("progress").max = data.total;
    $("progress").value = data.done;
    $("progress-text").textContent = `${data.done.toLocaleString("en")} of ${data.total.toLocaleString("en")} iterations`;
    if (data.state === "running") {
      setTimeout(tick, 150);
      return;
    }
    busy(false);
    if (data.state === "done") {
      finished(id, kind, body, data);
    } else if (data.state === "cancelled") {
      $("progress-text").textContent = `Cancelled after ${data.done.toLocaleString("en")} of ${data.total.toLocaleString("en")} iterations; the results shown are the previous ones.`;
    } else {
      showAlert($("combined-error"), data.error);
    }
  };
  tick();
}

function finished(id, kind, body, data) {
  const results = $("results");
  $("results-body").innerHTML = data.html;
  results.dataset.job = id;
  results.className = kind;
  const base = `/api/jobs/${id}/files/`;
  results.querySelectorAll('a[href^="charts/"]').forEach((a) => { a.href = base + a.getAttribute("href"); });
  $("progress-text").textContent = `Done: ${data.total.toLocaleString("en")} iterations.`;
  const list = el("ul");
  for (const f of data.files.filter((f) => !f.startsWith("charts/"))) {
    list.append(el("li", {}, el("a", { href: base + f, download: f.replace("/", "-"), textContent: f })));
  }
  $("take-away").replaceChildren(
    el("p", { textContent: "The same numbers from the command line:" }),
    el("pre", { id: "command", textContent: data.command }),
    el("p", { textContent: "This result's report and data:" }),
    list);
  if (kind === "run") {
    state.lastRun = body;
    $("keep").disabled = false;
  }
}

function describe(c) {
  const changes = c.edits.map((e) => `${e.key}=${e.value}`).join(", ");
  return `${$("scenario").options[c.scenario].textContent}${changes ? " with " + changes : " as in its file"}`;
}

async function downloadToml() {
  clearErrors();
  const { status, data, response } = await api("POST", "/api/toml", choice());
  if (status !== 200) {
    if (data && data.errors) showErrors(data.errors);
    else showAlert($("combined-error"), data ? data.error : `the server answered HTTP ${status}`);
    return;
  }
  const blob = await response.blob();
  const a = el("a", { href: URL.createObjectURL(blob), download: `${state.name}-edited.toml` });
  document.body.append(a);
  a.click();
  a.remove();
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", () => { const c = choice(); start("/api/run", c, "run"); });
  $("cancel").addEventListener("click", () => { if (state.job) api("POST", `/api/jobs/${state.job}/cancel`); });
  $("keep").addEventListener("click", () => {
    state.baseline = state.lastRun;
    $("baseline-text").textContent = "Baseline: " + describe(state.baseline) + ". Change an input, then compare.";
    $("compare").disabled = false;
  });
  $("compare").addEventListener("click", () => {
    start("/api/compare", { baseline: state.baseline, variant: choice() }, "compare");
  });
  $("sweep").addEventListener("click", () => {
    showAlert($("sweep-error"), "");
    start("/api/sweep", Object.assign(choice(), { key: $("sweep-key").value, values: $("sweep-values").value.trim() }), "sweep");
  });
  $("download-toml").addEventListener("click", downloadToml);
  loadList();
});
