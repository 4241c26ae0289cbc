// The page-wide DOM work of the embedded widgets; see page.rs (this file ships as it is).

let sheet = null;

export function adopt_styles(root, css) {
  const doc = root.ownerDocument || root;
  if (doc === document && "adoptedStyleSheets" in doc) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    return null;
  }
  const id = "waldur-backups-styles";
  if (root === doc && doc.getElementById(id)) return null;
  const style = doc.createElement("style");
  style.textContent = css;
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
