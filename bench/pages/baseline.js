// The plain-JavaScript baseline: fetch the same page and render the same rows (same columns,
// classes and formatting work) as fast as plain DOM code can: one <template> cloned per row,
// textContent only, everything built in a DocumentFragment and inserted in one go.
(function () {
  "use strict";
  const B = window.__bench;
  const p = new URLSearchParams(location.search);
  const pageSize = Number(p.get("pageSize") || 10);
  B.loadStyles();

  const COLS = ["name", "state", "instance", "project", "customer", "created", "kept_until", "size", "restorations"];
  const root = document.getElementById("mount");
  root.innerHTML =
    '<div class="wb-root"><section class="wb-table" aria-label="Backups"><div class="wb-table__scroll"><table class="wb-grid"><thead><tr>' +
    '<th scope="col" class="wb-col-select"><input type="checkbox" class="wb-select-all" aria-label="Select all on this page"></th>' +
    COLS.map((c) => `<th scope="col" class="wb-th wb-col-${c}"><button type="button" class="wb-sort" data-sort="${c}">${c}</button></th>`).join("") +
    '<th scope="col" class="wb-th wb-col-actions"></th></tr></thead><tbody></tbody></table></div></section></div>';
  const tbody = root.querySelector("tbody");

  const tpl = document.createElement("template");
  tpl.innerHTML =
    '<tr class="wb-row" tabindex="-1" aria-selected="false">' +
    '<td class="wb-col-select"><input type="checkbox" class="wb-row-check"></td>' +
    '<td class="wb-col-name"><div class="wb-name"></div></td>' +
    '<td class="wb-col-state"><span class="wb-state"><span class="wb-badge"></span></span></td>' +
    '<td class="wb-col-instance"><button type="button" class="wb-button wb-button--link wb-instance"></button></td>' +
    '<td class="wb-col-project"></td><td class="wb-col-customer"></td>' +
    '<td class="wb-col-created"><time class="wb-time" tabindex="0"></time></td>' +
    '<td class="wb-col-kept_until"><span class="wb-kept"></span></td>' +
    '<td class="wb-col-size"></td><td class="wb-col-restorations"></td>' +
    '<td class="wb-col-actions"><div class="wb-menu"><button type="button" class="wb-button wb-button--icon wb-menu__button" aria-haspopup="menu" aria-expanded="false">⋯</button></div></td></tr>';
  const rowTpl = tpl.content.firstChild;
  const descTpl = document.createElement("div");
  descTpl.className = "wb-desc";
  // What the widget shows beyond plain text, so both pages draw the same rows: a spinner in the
  // badge of a changing backup, an erred backup's message as a tooltip, retention warnings.
  const BUSY = new Set(["CREATION_SCHEDULED", "CREATING", "UPDATE_SCHEDULED", "UPDATING", "DELETION_SCHEDULED", "DELETING"]);
  const spinTpl = document.createElement("span");
  spinTpl.className = "wb-spinner";
  spinTpl.setAttribute("aria-hidden", "true");
  const tipTpl = document.createElement("span");
  tipTpl.className = "wb-tip";
  tipTpl.setAttribute("role", "tooltip");
  let tipSeq = 0;

  const dtf = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const nf = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const UNITS = [["year", 31536e6], ["month", 2592e6], ["day", 864e5], ["hour", 36e5], ["minute", 6e4], ["second", 1e3]];
  const relative = (ms, now) => {
    const d = ms - now;
    for (const [u, len] of UNITS) if (Math.abs(d) >= len || u === "second") return rtf.format(Math.round(d / len), u);
  };
  const label = (s) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, " ");
  const size = (mib) => (mib == null ? "—" : mib >= 1024 ? nf.format(mib / 1024) + " GiB" : nf.format(mib) + " MiB");

  function render(items) {
    const now = Date.now();
    const frag = document.createDocumentFragment();
    for (const b of items) {
      const tr = rowTpl.cloneNode(true);
      tr.setAttribute("data-uuid", b.uuid);
      tr.setAttribute("data-state", b.state);
      const td = tr.children;
      td[0].firstChild.setAttribute("aria-label", "Select " + b.name);
      td[10].firstChild.firstChild.setAttribute("aria-label", "Actions for " + b.name);
      td[1].firstChild.textContent = b.name;
      if (b.description && b.description.trim()) {
        const d = descTpl.cloneNode(false);
        d.textContent = b.description;
        d.title = b.description;
        td[1].appendChild(d);
      }
      const badge = td[2].firstChild.firstChild;
      const busy = BUSY.has(b.state);
      badge.setAttribute("data-state", b.state);
      badge.className = busy ? "wb-badge wb-badge--busy" : b.state === "OK" ? "wb-badge wb-badge--ok" : b.state === "ERRED" ? "wb-badge wb-badge--erred" : "wb-badge";
      if (busy) badge.appendChild(spinTpl.cloneNode(false));
      badge.append(label(b.state));
      if (b.state === "ERRED" && b.error_message && b.error_message.trim()) {
        const tip = tipTpl.cloneNode(false);
        tip.id = "tip-" + ++tipSeq;
        tip.textContent = b.error_message;
        badge.tabIndex = 0;
        badge.setAttribute("aria-describedby", tip.id);
        td[2].firstChild.appendChild(tip);
      }
      td[3].firstChild.textContent = b.instance_name || (b.instance || "").split("/").filter(Boolean).pop() || "—";
      td[4].textContent = b.project_name || "";
      td[5].textContent = b.customer_name || "";
      const created = Date.parse(b.created);
      const t = td[6].firstChild;
      t.setAttribute("datetime", b.created);
      const exact = dtf.format(created);
      t.title = exact;
      t.setAttribute("aria-label", exact);
      t.textContent = relative(created, now);
      const kept = td[7].firstChild;
      if (b.kept_until) {
        const at = Date.parse(b.kept_until);
        kept.textContent = dtf.format(at);
        if (at - now < 864e5) {
          const expired = at <= now;
          const why = expired ? "Expired: the server deletes this backup within about ten minutes" : "Expires within 24 hours, then the server deletes it";
          kept.className = "wb-kept wb-kept--warning";
          const w = document.createElement("span");
          w.className = "wb-kept__warning";
          w.title = why;
          w.append(expired ? " Expired" : " Expires soon");
          const hidden = document.createElement("span");
          hidden.className = "wb-visually-hidden";
          hidden.textContent = ": " + why;
          w.appendChild(hidden);
          kept.appendChild(w);
        }
      } else {
        kept.textContent = "Keep forever";
      }
      td[8].textContent = size(b.metadata && b.metadata.size);
      td[9].textContent = String((b.restorations || []).length);
      frag.appendChild(tr);
    }
    tbody.replaceChildren(frag);
  }

  const FIELDS = ["url", "uuid", "name", "description", "state", "error_message", "instance", "instance_name",
    "project_name", "project_uuid", "customer_name", "customer_uuid", "service_name", "tenant_uuid", "created",
    "kept_until", "metadata", "restorations"];
  let order = "";
  async function load() {
    // The fields the rows show, as the widget asks (a fast page does not fetch what it ignores).
    const q = FIELDS.map((f) => `field=${f}`).join("&") + `&page_size=${pageSize}` + (order ? `&o=${order}` : "");
    const r = await fetch(`${location.origin}/api/openstack-backups/?${q}`, {
      headers: { Authorization: "Token demo-staff-token", Accept: "application/json" },
    });
    render(await r.json());
  }
  root.querySelector("thead").addEventListener("click", (e) => {
    const btn = e.target.closest("button.wb-sort");
    if (!btn) return;
    const f = btn.getAttribute("data-sort");
    // As the widget: the server's default order is by name, so the first click on Name flips it.
    order = order === f ? "-" + f : order === "-" + f ? f : !order && f === "name" ? "-name" : f;
    load();
  });
  const first = B.whenPainted(() => B.rows().length > 0);
  load();
  first.then((t) => { B.marks.firstRows = t; B.ready = true; });
})();
