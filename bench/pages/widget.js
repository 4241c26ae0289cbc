// The widget as a portal embeds it: import the module, mountBackups, nothing else.
import init, { mountBackups } from "../waldur-backups.js";

const B = window.__bench;
const p = new URLSearchParams(location.search);
const wasm = await init();
B.wasmMemory = () => wasm.memory.buffer.byteLength;
const first = B.whenPainted(() => B.rows().length > 0);
try {
  B.handle = mountBackups(document.getElementById("mount"), {
  apiUrl: location.origin,
  token: "demo-staff-token",
  pageSize: Number(p.get("pageSize") || 10),
  urlSync: p.get("urlSync") === "1",
  isStaff: true,
  });
} catch (e) {
  B.error = String(e);
  throw e;
}
B.marks.firstRows = await first;
// Before `ready`: the baseline page, loaded next, lays out the same styles.
await B.saveStyles();
B.ready = true;
