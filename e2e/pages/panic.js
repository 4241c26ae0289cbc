// Loads the test bundle (built with the cargo feature `test-hooks`), which exports testPanic;
// the release bundle beside this folder does not.
import { API, TOKEN, ready } from "./host.js";
import init, * as bindings from "../test-bundle/waldur-backups.js";

window.__host.callbackErrors = [];
const element = document.getElementById("element");
element.setAttribute("api-url", API);
element.token = TOKEN;
await init();
window.waldurBackups = bindings;
window.__host.handle = bindings.mountBackups(document.getElementById("mounted"), {
  apiUrl: API,
  token: TOKEN,
  onError: (detail) => window.__host.callbackErrors.push(detail.message),
});
ready();
