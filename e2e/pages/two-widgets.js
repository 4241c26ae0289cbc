import { API, TOKEN, ready } from "./host.js";
import init, { mountBackups } from "../waldur-backups.js";

// Two projects that have backups, asked the way a portal would.
const headers = { Authorization: `Token ${TOKEN}` };
const page = await fetch(`${API}/api/openstack-backups/?page_size=100&o=project_name`, { headers })
  .then((r) => r.json());
const projects = [...new Set(page.map((b) => b.project_uuid))];
window.__host.projects = projects;

const element = document.getElementById("element");
element.setAttribute("api-url", API);
element.token = TOKEN;
await init();
window.__host.handles = [
  mountBackups(document.getElementById("first"), { apiUrl: API, token: TOKEN, projectUuid: projects[0] }),
  mountBackups(document.getElementById("second"), { apiUrl: API, token: TOKEN, projectUuid: projects[1] }),
];
ready();
