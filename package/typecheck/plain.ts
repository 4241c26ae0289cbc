// Uses every declaration of the package the way a portal written in TypeScript would; the lines
// after `@ts-expect-error` are mistakes the declarations must reject. `cargo xtask test` (step
// `package`) compiles this with `tsc --strict --noEmit` against the packed package.
import init, {
  initSync,
  mountBackups,
  BackupsHandle,
  type Backup,
  type BackupsColumn,
  type BackupsOptions,
  type BackupsOptionsUpdate,
  type BackupsTheme,
  type ErrorDetail,
  type InitOutput,
  type RestoreStartedDetail,
  type WaldurBackupsAttributes,
  type WaldurBackupsElement,
  type WaldurBackupsElementConstructor,
  type WaldurBackupsEventMap,
} from "waldur-backups";

declare const portal: {
  freshToken(): Promise<string>;
  goTo(url: string): void;
  toast(text: string): void;
};

export async function start(wasmUrl: string, bytes: ArrayBuffer): Promise<void> {
  const output: InitOutput = await init({ module_or_path: wasmUrl });
  console.info(output.memory.buffer.byteLength);
  await init();
  await init({ module_or_path: new URL("waldur-backups_bg.wasm", import.meta.url) });
  await init({ module_or_path: fetch(wasmUrl) });
  initSync({ module: bytes });

  const columns: BackupsColumn[] = ["name", "state", "created", "kept_until", "size", "actions"];
  const theme: BackupsTheme = "auto";
  const options: BackupsOptions = {
    apiUrl: "https://waldur.example.com",
    bearer: "oidc-access-token",
    instanceUuid: "546199138f217119cf639a0ceffbf349",
    projectUuid: "d9688d9b2f8eb737bcc7d8e8590878fb",
    tenantUuid: "0a8f6b0d7e1c4e6b9d3c2b1a09f8e7d6",
    customerUuid: "1b2c3d4e5f60718293a4b5c6d7e8f901",
    pageSize: 25,
    columns,
    locale: "de-DE",
    isStaff: false,
    instanceUrl: "/resources/instances/{uuid}",
    theme,
    urlSync: true,
    onBackupUpdated: ({ backup }) => show(backup),
    onBackupCreated: ({ backup }) => show(backup),
    onBackupDeleted: ({ uuid, name }) => portal.toast(`${name} (${uuid}) will be deleted`),
    onBackupUnlinked: ({ uuid, name }) => portal.toast(`${name} (${uuid}) unlinked`),
    onRestoreStarted: (detail: RestoreStartedDetail) => portal.goTo(detail.instance.url),
    onInstanceSelected: ({ uuid, url, name }) => portal.toast(`${name} ${uuid} ${url}`),
    onUnauthorized: ({ message }) => portal.toast(message),
    onError: ({ message, status }: ErrorDetail) => portal.toast(`${status ?? "network"}: ${message}`),
  };
  const target = document.getElementById("backups")!;
  const handle: BackupsHandle = mountBackups(target, options);
  handle.update({ theme: "dark", pageSize: 50 });
  const switchToGetter: BackupsOptionsUpdate = {
    getToken: () => portal.freshToken(),
    bearer: undefined,
  };
  handle.update(switchToGetter);
  if (handle.mounted && handle instanceof BackupsHandle) handle.unmount();

  // Every credential kind alone, and none.
  mountBackups(target, { apiUrl: "/", token: "api-token" });
  mountBackups(target, { apiUrl: "/", getToken: () => "Token api-token" });
  mountBackups(target, { apiUrl: "/", getToken: async () => portal.freshToken() });
  mountBackups(target, { apiUrl: "/", credentials: "include" });
  mountBackups(target, { apiUrl: "/" });

  // The events bubble: the mount's element (or any ancestor) hears them.
  target.addEventListener("restore-started", (event) => portal.goTo(event.detail.instance.url));
  target.addEventListener("backup-deleted", (event) => portal.toast(event.detail.name));
  document.body.addEventListener("unauthorized", (event) => portal.toast(event.detail.message));

  // The custom element.
  const element = document.createElement("waldur-backups");
  const same: WaldurBackupsElement | null = document.querySelector("waldur-backups");
  const defined: WaldurBackupsElementConstructor = await customElements.whenDefined("waldur-backups");
  const made: WaldurBackupsElement = new defined();
  const looked = customElements.get("waldur-backups");
  console.info(same === element, made, looked, defined.observedAttributes.includes("api-url"));
  const attributes: WaldurBackupsAttributes = {
    "api-url": "https://waldur.example.com",
    "instance-uuid": "546199138f217119cf639a0ceffbf349",
    "project-uuid": "d9688d9b2f8eb737bcc7d8e8590878fb",
    "tenant-uuid": "0a8f6b0d7e1c4e6b9d3c2b1a09f8e7d6",
    "customer-uuid": "1b2c3d4e5f60718293a4b5c6d7e8f901",
    "page-size": "25",
    columns: "name,state,created",
    locale: "en-GB",
    "is-staff": "true",
    "instance-url": "/instances/{uuid}",
    theme: "dark",
    credentials: "include",
  };
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.token = "api-token";
  const readBack: undefined = element.token;
  element.bearer = undefined;
  const noBearer: undefined = element.bearer;
  element.getToken = () => portal.freshToken();
  element.onBackupUpdated = ({ backup }) => show(backup);
  element.onBackupCreated = ({ backup }) => show(backup);
  element.onBackupDeleted = ({ uuid }) => portal.toast(uuid);
  element.onBackupUnlinked = ({ name }) => portal.toast(name);
  element.onRestoreStarted = ({ backupUuid }) => portal.toast(backupUuid);
  element.onInstanceSelected = ({ url }) => portal.goTo(url);
  element.onUnauthorized = ({ message }) => portal.toast(message + String(readBack ?? noBearer));
  element.onError = ({ status }) => portal.toast(String(status));
  element.addEventListener("backup-updated", (e) => show(e.detail.backup));
  element.addEventListener("backup-created", (e) => show(e.detail.backup));
  element.addEventListener("backup-deleted", (e) => portal.toast(e.detail.uuid));
  element.addEventListener("backup-unlinked", (e) => portal.toast(e.detail.name));
  element.addEventListener("restore-started", (e) => portal.toast(e.detail.backupUuid));
  element.addEventListener("instance-selected", (e) => portal.goTo(e.detail.url));
  element.addEventListener("unauthorized", (e) => portal.toast(e.detail.message));
  element.addEventListener("error", (e) => portal.toast(`${e.detail.status}: ${e.detail.message}`));
  element.addEventListener("click", (e) => portal.toast(String(e.clientX)));
  const onError = (e: WaldurBackupsEventMap["error"]) => portal.toast(e.detail.message);
  element.addEventListener("error", onError);
  element.removeEventListener("error", onError);
  document.body.append(element);

  // --- Mistakes the declarations reject ---

  // @ts-expect-error: a token and a bearer together (only one kind of credentials)
  mountBackups(target, { apiUrl: "/", token: "a", bearer: "b" });
  // @ts-expect-error: a token and a getter together
  mountBackups(target, { apiUrl: "/", token: "a", getToken: () => "b" });
  // @ts-expect-error: a bearer and the session cookie together
  handle.update({ bearer: "b", credentials: "include" });
  // @ts-expect-error: apiUrl is required
  mountBackups(target, { token: "a" });
  // @ts-expect-error: not a theme
  mountBackups(target, { apiUrl: "/", theme: "blue" });
  // @ts-expect-error: not a theme (updates too)
  handle.update({ theme: "night" });
  // @ts-expect-error: a number where a string is required
  mountBackups(target, { apiUrl: 443 });
  // @ts-expect-error: a number where a string is required (a scope UUID)
  mountBackups(target, { apiUrl: "/", projectUuid: 12 });
  // @ts-expect-error: a page size the table does not offer
  mountBackups(target, { apiUrl: "/", pageSize: 20 });
  // @ts-expect-error: not a column
  mountBackups(target, { apiUrl: "/", columns: ["name", "owner"] });
  // @ts-expect-error: credentials take only "include"
  mountBackups(target, { apiUrl: "/", credentials: "omit" });
  // @ts-expect-error: a wrong event detail field (restore-started has backupUuid)
  target.addEventListener("restore-started", (e) => portal.toast(e.detail.uuid));
  // @ts-expect-error: a wrong detail field in a callback (backup-deleted has uuid and name)
  mountBackups(target, { apiUrl: "/", onBackupDeleted: ({ backup }) => show(backup) });
  // @ts-expect-error: a wrong event detail field on the element (error has message and status)
  element.addEventListener("error", (e) => portal.toast(e.detail.reason));
  // @ts-expect-error: a number where a string is required (a token property)
  element.token = 42;
  // @ts-expect-error: a token cannot be read back
  const leaked: string = element.token;
  // @ts-expect-error: not an attribute of the element
  const wrongAttribute: WaldurBackupsAttributes = { "api-uri": "/" };
  // @ts-expect-error: the handle has no such method
  handle.destroy();
  console.info(leaked, wrongAttribute);
}

function show(backup: Backup): void {
  const state: string = backup.state;
  const kept: string | null = backup.kept_until;
  console.info(backup.uuid, backup.url, backup.name, backup.description, state, kept);
  console.info(backup.instance, backup.instance_name, backup.project_uuid, backup.tenant_uuid);
  console.info(backup.restorations + 1);
}
