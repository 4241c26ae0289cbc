import { API, TOKEN, ready } from "./host.js";
import init, { mountBackups } from "../waldur-backups.js";

// Show that the policy is enforced: an injected <style> and a style attribute are refused.
const probe = document.getElementById("probe");
const style = document.createElement("style");
style.textContent = "#probe { color: rgb(255, 0, 0); }";
document.head.append(style);
probe.setAttribute("style", "background: rgb(0, 255, 0)");
// Violations are reported in a later task.
await new Promise((resolve) => setTimeout(resolve, 100));
window.__host.probeViolations = window.__host.violations.splice(0);

// `?css=link`: the host also links the stylesheet file the bundle ships.
if (new URLSearchParams(location.search).get("css") === "link") {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.id = "widget-css";
  link.href = new URL("../waldur-backups.css", import.meta.url).href;
  const loaded = new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
  document.head.append(link);
  await loaded;
}

const element = document.getElementById("element");
element.setAttribute("api-url", API);
element.token = TOKEN;
await init();
mountBackups(document.getElementById("mounted"), { apiUrl: API, token: TOKEN, label: "Backups mounted" });
ready();
