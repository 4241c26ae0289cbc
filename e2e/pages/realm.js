import { ready } from "./host.js";
import init, * as bindings from "../waldur-backups.js";

window.__host.frameErrors = [];
window.__host.frameUpdates = [];
const frame = document.getElementById("frame");
if (!frame.contentWindow.makeOptions) {
  await new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
}
await init();
window.waldurBackups = bindings;
ready();
