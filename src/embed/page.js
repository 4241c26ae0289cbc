// The page-wide DOM work of the embedded widgets; see page.rs (this file ships as it is).

let sheet = null;

// The split bundle's stylesheet, beside its module (this file is
// snippets/<crate>/src/embed/page.js there), fetched once. `cargo xtask split` turns
// FETCH_AT_LOAD on in that bundle, so the fetch starts when this module loads, beside the
// wasm's; other builds carry the text and never fetch. If a widget is styled before the
// file is there, it is hidden until then rather than shown unstyled.
const FETCH_AT_LOAD = false;
const STYLESHEET_URL = new URL("../../../../waldur-backups.css", import.meta.url);
const HIDDEN = ".wb-root { visibility: hidden; }";
let fetched = null;

function fetchStyles() {
  if (!fetched) {
    fetched = fetch(STYLESHEET_URL)
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.text();
      })
      .catch((e) => {
        // Shown unstyled rather than not at all; the host can still <link> the file.
        console.warn(`waldur-backups: cannot load ${STYLESHEET_URL} (${e.message || e}); the widget is shown without its styles`);
        return "";
      });
  }
  return fetched;
}
if (FETCH_AT_LOAD) fetchStyles();

export function adopt_styles(root, css) {
  const doc = root.ownerDocument || root;
  const later = css === undefined || css === null;
  if (doc === document && "adoptedStyleSheets" in doc) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      if (later) {
        sheet.replaceSync(HIDDEN);
        fetchStyles().then((text) => sheet.replace(text));
      } else {
        sheet.replaceSync(css);
      }
    }
    if (!root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    return null;
  }
  const id = "waldur-backups-styles";
  if (root === doc && doc.getElementById(id)) return null;
  const style = doc.createElement("style");
  if (later) {
    style.textContent = HIDDEN;
    fetchStyles().then((text) => {
      style.textContent = text;
    });
  } else {
    style.textContent = css;
  }
  if (root !== doc) return root.appendChild(style);
  style.id = id;
  doc.head.append(style);
  return null;
}

const watched = new Map();
let observer = null;
let onGone = null;

const observe = (node) => observer.observe(node, { childList: true, subtree: true });

function observeRoots(container, host) {
  for (let root = container.getRootNode(); root.host; root = root.host.getRootNode()) {
    if (root.host !== host) observe(root);
  }
}

function sweep() {
  for (const [container, entry] of watched) {
    if (container.isConnected) {
      if (!entry.seen) {
        entry.seen = true;
        observeRoots(container, entry.host);
      }
    } else if (entry.seen) {
      watched.delete(container);
      onGone(container);
    }
  }
}

export function watch(container, host, gone) {
  onGone = gone;
  if (!observer) observer = new MutationObserver(sweep);
  const seen = container.isConnected;
  watched.set(container, { host, seen });
  observe(container.ownerDocument);
  if (seen) observeRoots(container, host);
}

export function unwatch(container) {
  watched.delete(container);
  if (!watched.size && observer) observer.disconnect();
}

export function show_crash(container, host, message, onError) {
  const doc = container.ownerDocument;
  const before = container.querySelector(".wb-root");
  const root = doc.createElement("div");
  root.className = "wb-root wb-crashed";
  if (before && before.dataset.theme) root.dataset.theme = before.dataset.theme;
  const text = root.appendChild(doc.createElement("p"));
  text.className = "wb-alert wb-alert--error";
  text.setAttribute("role", "alert");
  text.textContent = message;
  container.replaceChildren(root);
  setTimeout(() => {
    const detail = { message, status: null };
    host.dispatchEvent(new CustomEvent("error", { bubbles: true, composed: true, detail }));
    if (onError) onError(detail);
  });
}
