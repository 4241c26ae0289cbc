// The host portal's own script: it loads the widget module (as any portal would), then embeds
// two widgets. Importing the module registers <waldur-backups>.
import init, * as bindings from "./waldur-backups.js";
// The demo dev server accepts demo-staff-token; a real portal gets its token from its session.
const params = new URLSearchParams(location.search);
const apiUrl = params.get("api") || location.origin;
const token = params.get("token") || "demo-staff-token";

function log(source, event) {
  const item = document.createElement("li");
  item.textContent = `${new Date().toLocaleTimeString()} · ${source} · ${event.type} · ${JSON.stringify(event.detail)}`;
  item.dataset.event = event.type;
  item.dataset.source = source;
  document.getElementById("event-log").prepend(item);
}
const EVENTS = ["backup-updated", "backup-created", "backup-deleted", "backup-unlinked",
  "restore-started", "instance-selected", "unauthorized", "error"];

async function start() {
  // What the page needs from Waldur first (plain requests of its own; the widget is not needed).
  const headers = { Authorization: `Token ${token}` };
  const [projects, firstBackup] = await Promise.all([
    fetch(`${apiUrl}/api/openstack-backups/?page_size=1&o=project_name`, { headers })
      .then((r) => r.json()).catch(() => []),
    fetch(`${apiUrl}/api/openstack-backups/?page_size=1&state=OK`, { headers })
      .then((r) => r.json()).catch(() => []),
  ]);

  // 1. The custom element: its attributes and its token (a property, never an attribute) are
  // set before the module defines the element, so it starts with all of them: no "apiUrl is
  // required" error in between.
  const element = document.getElementById("project-backups");
  element.setAttribute("api-url", apiUrl);
  if (projects[0]) element.setAttribute("project-uuid", projects[0].project_uuid);
  element.token = token;
  for (const name of EVENTS) element.addEventListener(name, (e) => log("element", e));

  await init();
  window.waldurBackups = bindings;

  document.getElementById("element-theme").onclick = () =>
    element.setAttribute("theme", element.getAttribute("theme") === "dark" ? "light" : "dark");
  document.getElementById("element-page-size").onclick = () => element.setAttribute("page-size", "25");
  document.getElementById("element-remove").onclick = () => element.remove();

  // 2. The JS API, scoped to one instance.
  const target = document.getElementById("instance-backups");
  for (const name of EVENTS) target.addEventListener(name, (e) => log("mount", e));
  const instanceUuid = firstBackup[0] && firstBackup[0].instance
    ? firstBackup[0].instance.replace(/\/$/, "").split("/").pop() : undefined;
  const options = {
    apiUrl, instanceUuid, pageSize: 10, theme: "light", isStaff: true,
    getToken: async () => `Token ${token}`,
    instanceUrl: `${location.pathname}#instance-{uuid}`,
    onRestoreStarted: (detail) => console.info("restore started", detail),
  };
  let handle = bindings.mountBackups(target, options);
  window.demoHandle = () => handle;
  document.getElementById("mount-update").onclick = () =>
    handle.update({ theme: "dark", columns: ["name", "state", "created", "actions"] });
  document.getElementById("mount-unmount").onclick = () => handle.unmount();
  document.getElementById("mount-again").onclick = () => {
    if (!handle.mounted) handle = bindings.mountBackups(target, options);
  };
  document.getElementById("log-clear").onclick = () => { document.getElementById("event-log").textContent = ""; };
}
start();
