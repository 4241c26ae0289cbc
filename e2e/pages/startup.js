import { API, TOKEN, ready } from "./host.js";
import init from "../waldur-backups.js";

await init();
// In the task that defined the element (init's continuation): not an error yet.
const late = document.getElementById("late");
late.setAttribute("api-url", API);
late.token = TOKEN;
// #missing never gets one: after the task it says what is missing.
ready();
