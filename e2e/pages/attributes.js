import { API, TOKEN, ready } from "./host.js";
import init, * as bindings from "../waldur-backups.js";

window.API = API;
window.TOKEN = TOKEN;
const element = document.getElementById("element");
element.setAttribute("api-url", API);
element.token = TOKEN;
await init();
window.waldurBackups = bindings;
ready();
