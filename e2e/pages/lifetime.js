import { API, TOKEN, ready } from "./host.js";
import init, * as bindings from "../waldur-backups.js";

await init();
window.waldurBackups = bindings;
window.options = (extra) => Object.assign({ apiUrl: API, token: TOKEN }, extra);
// The way a careless portal mounts: the handle is not kept anywhere.
window.mountAndDrop = (element, extra) => {
  try {
    const handle = bindings.mountBackups(element, window.options(extra));
    void handle;
  } catch (error) {
    console.error(error);
  }
};
// An element no script holds on to: only the page's DOM does.
window.appendElement = (parent) => {
  const element = document.createElement("waldur-backups");
  element.setAttribute("api-url", API);
  element.token = TOKEN;
  parent.append(element);
};
ready();
