// What every host page shares: where the API is, the demo token, and a record of what the page
// saw (CSP violations, console errors, `error` events), read by the end-to-end tests.
export const TOKEN = "demo-staff-token";
export const API = new URLSearchParams(location.search).get("api") || location.origin;

const record = (window.__host = { violations: [], consoleErrors: [], errors: [], ready: false });
document.addEventListener("securitypolicyviolation", (e) => {
  record.violations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
const consoleError = console.error.bind(console);
console.error = (...args) => {
  record.consoleErrors.push(args.map(String).join(" "));
  consoleError(...args);
};
// The widgets' `error` events bubble (and are composed) up to the document.
document.addEventListener("error", (e) => {
  if (e instanceof CustomEvent) {
    const host = e.target.id || e.target.tagName.toLowerCase();
    record.errors.push(`${host}: ${e.detail && e.detail.message}`);
  }
}, true);

/** Marks the page ready for the test (after its widgets were set up). */
export function ready() {
  record.ready = true;
}
