// Shared instrumentation of the benchmark pages (a classic script in <head>, so it runs before
// any page code): list-response marks, "painted" marks, a controllable document.hidden and,
// with ?virtual=1, virtual timers so minutes of page time pass in seconds.
(function () {
  "use strict";
  const B = (window.__bench = { marks: {}, listCount: 0, hiddenListCount: 0, inflight: 0, lastListAt: 0 });
  const params = new URLSearchParams(location.search);
  const realSetTimeout = window.setTimeout.bind(window);
  const realClearTimeout = window.clearTimeout.bind(window);
  B.sleep = (ms) => new Promise((r) => realSetTimeout(r, ms));

  // The widget's CSS, handed to the baseline page so both lay out the same styles: the file the
  // split bundle fetches and adopts (read from the adopted sheet it would be only the
  // "hidden until loaded" rule while the file is on its way), else the sheet the widget adopts.
  B.saveStyles = async () => {
    let css = "";
    try {
      const r = await fetch(new URL("../waldur-backups.css", location.href));
      if (r.ok) css = await r.text();
    } catch (_) {}
    if (!css) {
      const s = document.getElementById("waldur-backups-styles");
      css = s ? s.textContent : [...document.adoptedStyleSheets]
        .map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join("\n")).join("\n");
    }
    if (css) try { localStorage.setItem("bench-css", css); } catch (_) {}
  };
  B.loadStyles = () => {
    let css = null;
    try { css = localStorage.getItem("bench-css"); } catch (_) {}
    if (css) { const s = document.createElement("style"); s.textContent = css; document.head.appendChild(s); }
  };

  // document.hidden under our control.
  let hidden = false;
  Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
  B.setHidden = (h) => { hidden = !!h; document.dispatchEvent(new Event("visibilitychange")); };

  // fetch: list responses are read completely, then marked, then handed on; both pages pay the
  // same, and "data to DOM" starts at the mark.
  const realFetch = window.fetch.bind(window);
  const isList = (url) => {
    try { return new URL(url, location.href).pathname === "/api/openstack-backups/"; } catch (_) { return false; }
  };
  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!isList(url)) return realFetch(input, init);
    B.listCount++;
    if (hidden) B.hiddenListCount++;
    B.inflight++;
    return realFetch(input, init).then(
      (r) => r.arrayBuffer().then((buf) => {
        B.inflight--;
        B.lastListAt = performance.now();
        B.listDone = (B.listDone || 0) + 1;
        return new Response(buf, { status: r.status, statusText: r.statusText, headers: r.headers });
      }),
      (e) => { B.inflight--; throw e; }
    );
  };

  // Resolves with performance.now() after the first paint following `pred()` turning true.
  B.whenPainted = (pred) => new Promise((resolve) => {
    let done = false;
    const check = () => {
      if (done || !pred()) return;
      done = true;
      obs.disconnect();
      requestAnimationFrame(() => realSetTimeout(() => resolve(performance.now()), 0));
    };
    const obs = new MutationObserver(check);
    obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
    check();
  });
  // The same, failing after `ms` with what the page shows (so a broken step names itself).
  // The timer is cleared once the step is done: 50 pending timers (and their closures) would
  // otherwise count as the page's memory.
  B.within = (what, promise, ms = 15000) => {
    let timer;
    const timeout = new Promise((_, reject) => { timer = realSetTimeout(
      () => reject(new Error(`${what}: nothing painted after ${ms} ms (rows ${B.rows().length}, list requests ${B.listCount}, answered ${B.listDone || 0})`)), ms); });
    return Promise.race([promise, timeout]).finally(() => realClearTimeout(timer));
  };
  B.rows = () => document.querySelectorAll("section.wb-table tr.wb-row");
  B.firstUuid = () => { const r = document.querySelector("section.wb-table tr.wb-row"); return r ? r.getAttribute("data-uuid") : null; };

  // Big page and re-sort, the same code on both pages.
  B.measureRows = async (want) => {
    const painted = await B.whenPainted(() => B.listDone > 0 && B.rows().length >= want);
    return { painted, response: B.lastListAt, ms: painted - B.lastListAt, rows: B.rows().length };
  };
  B.measureSort = async () => {
    const before = B.firstUuid();
    const done = B.listDone || 0;
    const wait = B.within("re-sort", B.whenPainted(() => (B.listDone || 0) > done && B.firstUuid() !== before));
    document.querySelector('section.wb-table button[data-sort="name"]').click();
    const painted = await wait;
    return { ms: painted - B.lastListAt, rows: B.rows().length };
  };
  B.nextPage = async () => {
    const before = B.firstUuid();
    const done = B.listDone || 0;
    const wait = B.within("next page", B.whenPainted(() => (B.listDone || 0) > done && B.firstUuid() !== before));
    const next = [...document.querySelectorAll("button.wb-page-nav")].find((b) => /next/i.test(b.getAttribute("aria-label") || ""));
    next.click();
    await wait;
  };
  // The browser's resource-timing buffer (one entry per request, up to 250) is the browser's,
  // not the page's: emptied before each reading.
  B.memory = () => (performance.clearResourceTimings(), {
    js: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: B.wasmMemory ? B.wasmMemory() : 0,
  });

  // Virtual timers: setTimeout only runs when B.advance(ms) moves the page's clock.
  if (params.get("virtual") === "1") {
    let vnow = 0, seq = 1000000;
    const timers = new Map();
    window.setTimeout = function (fn, ms, ...args) {
      const id = ++seq;
      timers.set(id, { at: vnow + Math.max(0, Number(ms) || 0), fn, args, id });
      return id;
    };
    window.clearTimeout = function (id) { timers.delete(id); };
    // Lets requests that timers started finish (and their answers apply) before time moves on:
    // quiet = no list request in flight for three checks in a row.
    const settle = async () => {
      let quiet = 0;
      for (let i = 0; i < 1000 && quiet < 3; i++) {
        await B.sleep(5);
        quiet = B.inflight > 0 ? 0 : quiet + 1;
      }
    };
    B.advance = async (ms) => {
      const end = vnow + ms;
      for (;;) {
        await settle();
        let next = null;
        for (const t of timers.values()) if (t.at <= end && (!next || t.at < next.at || (t.at === next.at && t.id < next.id))) next = t;
        if (!next) break;
        timers.delete(next.id);
        vnow = next.at;
        try { typeof next.fn === "function" ? next.fn(...next.args) : 0; } catch (e) { console.error(e); }
      }
      vnow = end;
      await settle();
      return vnow;
    };
  }
})();
