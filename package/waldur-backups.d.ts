// Type declarations of the waldur-backups package (`cargo xtask package` ships this file).
//
// Keep in step with README.md's Embedding section: `cargo test -p xtask` compares the README's
// options table, events table, attribute and property lists and handle table with
// `BackupsOptions`, `WaldurBackupsEventMap` (and each event's detail), `WaldurBackupsAttributes`,
// `WaldurBackupsProperties` and `BackupsHandle` below, and fails naming what is missing where.
// `package/typecheck/` uses every item with `tsc --strict`.

/** What `init` accepts: the wasm file's URL, a `Response` or its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** What `initSync` accepts: the wasm bytes or a compiled module. */
export type SyncInitInput = BufferSource | WebAssembly.Module;

/** The instantiated WebAssembly module's exports (internal: only `memory` is of use outside). */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}

/**
 * Loads and starts the WebAssembly module; call (and await) it once before anything else.
 * Then `<waldur-backups>` is defined at once, or (a split build, whose element lives in a
 * chunk) soon after: `await customElements.whenDefined("waldur-backups")` waits for it.
 * Without an argument the wasm file is fetched from beside the module
 * (`new URL("waldur-backups_bg.wasm", import.meta.url)`); a bundler that moves or renames it
 * passes its URL: `await init({ module_or_path: wasmUrl })`. Calling it again returns the same
 * promise.
 */
export default function init(
  module_or_path?:
    | { module_or_path: InitInput | Promise<InitInput> }
    | InitInput
    | Promise<InitInput>,
): Promise<InitOutput>;

/** Starts the module from bytes already at hand (no fetch); `init` is the usual way. */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/** A column of the backup table, by its key. */
export type BackupsColumn =
  | "name"
  | "state"
  | "instance"
  | "project"
  | "customer"
  | "service"
  | "created"
  | "kept_until"
  | "size"
  | "restorations"
  | "actions";

/** Rows per page the table offers. */
export type BackupsPageSize = 10 | 25 | 50 | 100 | 300;

/** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
export type BackupsTheme = "light" | "dark" | "auto";

/** A backup's state as the API spells it; states unknown to this release come through as is. */
export type BackupState =
  | "CREATION_SCHEDULED"
  | "CREATING"
  | "UPDATE_SCHEDULED"
  | "UPDATING"
  | "DELETION_SCHEDULED"
  | "DELETING"
  | "OK"
  | "ERRED"
  | (string & {});

/** A backup as events carry it (the API's field names; `restorations` is a count). */
export interface Backup {
  uuid: string;
  url: string;
  name: string;
  description: string | null;
  state: BackupState;
  kept_until: string | null;
  /** The source instance's API URL. */
  instance: string | null;
  instance_name: string | null;
  project_uuid: string | null;
  tenant_uuid: string | null;
  restorations: number;
}

/** The instance a restoration creates. */
export interface RestoredInstance {
  uuid: string;
  url: string;
  name: string;
  state: string;
}

/** `detail` of `backup-updated`. */
export interface BackupUpdatedDetail {
  backup: Backup;
}

/** `detail` of `backup-created`. */
export interface BackupCreatedDetail {
  backup: Backup;
}

/** `detail` of `backup-deleted` (the deletion is scheduled). */
export interface BackupDeletedDetail {
  uuid: string;
  name: string;
}

/** `detail` of `backup-unlinked`. */
export interface BackupUnlinkedDetail {
  uuid: string;
  name: string;
}

/** `detail` of `restore-started`. */
export interface RestoreStartedDetail {
  backupUuid: string;
  instance: RestoredInstance;
}

/** `detail` of `instance-selected` (only without `instanceUrl`). */
export interface InstanceSelectedDetail {
  uuid: string;
  url: string;
  name: string;
}

/** `detail` of `unauthorized`: the API answered 401, the session ended. */
export interface UnauthorizedDetail {
  message: string;
}

/** `detail` of `error`: a request failed (`status` is null for network errors). */
export interface ErrorDetail {
  message: string;
  status: number | null;
}

/**
 * The events dispatched on the element given to `mountBackups` (or on `<waldur-backups>`):
 * bubbling, composed `CustomEvent`s.
 */
export interface WaldurBackupsEventMap {
  "backup-updated": CustomEvent<BackupUpdatedDetail>;
  "backup-created": CustomEvent<BackupCreatedDetail>;
  "backup-deleted": CustomEvent<BackupDeletedDetail>;
  "backup-unlinked": CustomEvent<BackupUnlinkedDetail>;
  "restore-started": CustomEvent<RestoreStartedDetail>;
  "instance-selected": CustomEvent<InstanceSelectedDetail>;
  unauthorized: CustomEvent<UnauthorizedDetail>;
  error: CustomEvent<ErrorDetail>;
}

/** The callback options: each gets the `detail` of its event. */
export interface BackupsCallbacks {
  onBackupUpdated?: (detail: BackupUpdatedDetail) => void;
  onBackupCreated?: (detail: BackupCreatedDetail) => void;
  onBackupDeleted?: (detail: BackupDeletedDetail) => void;
  onBackupUnlinked?: (detail: BackupUnlinkedDetail) => void;
  onRestoreStarted?: (detail: RestoreStartedDetail) => void;
  onInstanceSelected?: (detail: InstanceSelectedDetail) => void;
  onUnauthorized?: (detail: UnauthorizedDetail) => void;
  onError?: (detail: ErrorDetail) => void;
}

/** Asked before each request; `"Token …"` is sent as is, anything else as Bearer. */
export type TokenGetter = () => string | Promise<string>;

/** Every option but the credentials. */
export interface BackupsSettings extends BackupsCallbacks {
  /** Waldur's address (`https://waldur.example.com`, with or without `/api`), or a same-origin path such as `/`. */
  apiUrl: string;
  /** Fixed scope: sent with every list; also shows "Create backup". */
  instanceUuid?: string;
  /** Fixed scope: sent with every list, shown as a filter the user cannot remove. */
  projectUuid?: string;
  /** Fixed scope: sent with every list, shown as a filter the user cannot remove. */
  tenantUuid?: string;
  /** Fixed scope: sent with every list, shown as a filter the user cannot remove. */
  customerUuid?: string;
  /** Rows per page at first (default 10). */
  pageSize?: BackupsPageSize;
  /** Which columns, in this order (default: all but `service`). */
  columns?: BackupsColumn[];
  /** BCP 47 tag for dates and numbers (default: the browser's). */
  locale?: string;
  /**
   * `true` treats the user as staff without asking: Unlink, Set OK and Set erred (staff only on
   * the server). Default `false`: the widget asks `GET /api/users/me/`.
   */
  isStaff?: boolean;
  /**
   * Whether the user may change backups (edit, delete, pull, restore, create). Default: decided
   * from the user's roles (`GET /api/users/me/`); until that answers, the server decides.
   */
  canManage?: boolean;
  /** Pattern with `{uuid}` (and `{name}`) that turns instances into links. */
  instanceUrl?: string;
  /** Default `light`. */
  theme?: BackupsTheme;
  /** Keep filters, sort, page and the open backup in the page URL; default `false`. */
  urlSync?: boolean;
  /** Accessible name of the widget's landmarks (default: one naming the scope, "Backups of project …"). */
  label?: string;
  /** The most rows "Export CSV" and `exportCsv()` write, 1 to 100000; default 10000. */
  exportMaxRows?: number;
}

/** An API token, sent as `Authorization: Token <key>`. */
export interface TokenCredentials {
  token: string;
  bearer?: undefined;
  getToken?: undefined;
  credentials?: undefined;
}

/** An OIDC access token or personal access token, sent as `Authorization: Bearer <token>`. */
export interface BearerCredentials {
  token?: undefined;
  bearer: string;
  getToken?: undefined;
  credentials?: undefined;
}

/** A token asked for before each request (for portals that refresh tokens). */
export interface TokenGetterCredentials {
  token?: undefined;
  bearer?: undefined;
  getToken: TokenGetter;
  credentials?: undefined;
}

/** The portal's `sessionid` cookie instead of a token. */
export interface SessionCredentials {
  token?: undefined;
  bearer?: undefined;
  getToken?: undefined;
  credentials: "include";
}

/** No credentials (an API that needs none). */
export interface NoCredentials {
  token?: undefined;
  bearer?: undefined;
  getToken?: undefined;
  credentials?: undefined;
}

/** Only one of `token`, `bearer`, `getToken`, `credentials: "include"` may be given. */
export type BackupsCredentials =
  | TokenCredentials
  | BearerCredentials
  | TokenGetterCredentials
  | SessionCredentials
  | NoCredentials;

/** The options of `mountBackups` (see the README's Options table). */
export type BackupsOptions = BackupsSettings & BackupsCredentials;

/**
 * Options given to `update`: merged into the current ones. To change the kind of credentials,
 * clear the old one: `handle.update({ bearer: fresh, token: undefined })`.
 */
export type BackupsOptionsUpdate = Partial<BackupsSettings> & BackupsCredentials;

/** A mounted widget, returned by `mountBackups`. */
export declare class BackupsHandle {
  private constructor();
  /**
   * Changes options while mounted (merged into the current ones; an option set to `undefined`
   * returns to its default); throws on an invalid option.
   */
  update(options: BackupsOptionsUpdate): void;
  /** Removes the widget: its DOM nodes, listeners, timers and pending requests. */
  unmount(): void;
  /** Whether the widget is still mounted (until `unmount()`, or until its element left the document). */
  readonly mounted: boolean;
  /**
   * Exports every backup matching the table's filters and sort as CSV, as the "Export CSV"
   * button does (the browser saves `backups-<date>.csv`). Rejects with an `AbortError` when
   * cancelled, an `Error` when a request fails or an export is already running.
   */
  exportCsv(): Promise<BackupsExport>;
}

/** A finished CSV export. */
export interface BackupsExport {
  /** `backups-<date>.csv`. */
  filename: string;
  /** Rows in the file (without the header). */
  rows: number;
  /** Backups that matched, as the server said (`null` if it did not say). */
  total: number | null;
  /** `true` when more backups matched than `exportMaxRows` let the file hold. */
  truncated: boolean;
  /** The file's text: UTF-8 with a byte-order mark, CRLF line ends. */
  csv: string;
}

/**
 * Mounts the backups widget into `element` (light DOM, classes prefixed `wb-`); events are
 * dispatched on `element`. Throws an `Error` naming the option when one is invalid.
 */
export function mountBackups(element: HTMLElement, options: BackupsOptions): BackupsHandle;

/** The attributes of `<waldur-backups>` (all strings in HTML); changes take effect live. */
export interface WaldurBackupsAttributes {
  "api-url"?: string;
  "instance-uuid"?: string;
  "project-uuid"?: string;
  "tenant-uuid"?: string;
  "customer-uuid"?: string;
  "page-size"?: `${BackupsPageSize}` | BackupsPageSize;
  /** Comma-separated column keys. */
  columns?: string;
  locale?: string;
  /** Present (or `"true"`) for staff; `"false"` or absent otherwise. */
  "is-staff"?: "" | "true" | "false" | boolean;
  /** Present (or `"true"`) when the user may change backups; `"false"` for read only. */
  "can-manage"?: "" | "true" | "false" | boolean;
  "instance-url"?: string;
  theme?: BackupsTheme;
  credentials?: "include";
  /** Accessible name of the widget's landmarks. */
  label?: string;
  "export-max-rows"?: string | number;
}

/**
 * The properties of `<waldur-backups>` that are not attributes: the credentials (a token never
 * goes in an attribute, and reads back as `undefined`) and the callbacks.
 */
export interface WaldurBackupsProperties extends BackupsCallbacks {
  token?: string;
  bearer?: string;
  getToken?: TokenGetter;
}

/** The events of `<waldur-backups>`: its own and every `HTMLElement` event. */
export interface WaldurBackupsElementEventMap
  extends Omit<HTMLElementEventMap, keyof WaldurBackupsEventMap>,
    WaldurBackupsEventMap {}

/**
 * `<waldur-backups>`: the widget in a shadow root. Attributes (see `WaldurBackupsAttributes`)
 * configure it; the credentials and callbacks are properties. Removing it unmounts the widget.
 */
export interface WaldurBackupsElement extends HTMLElement, WaldurBackupsProperties {
  /** The same as the handle's `exportCsv()`; rejects while the element is not mounted. */
  exportCsv(): Promise<BackupsExport>;
  get token(): undefined;
  set token(value: string | undefined);
  get bearer(): undefined;
  set bearer(value: string | undefined);
  addEventListener<K extends keyof WaldurBackupsElementEventMap>(
    type: K,
    listener: (this: WaldurBackupsElement, event: WaldurBackupsElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof WaldurBackupsElementEventMap>(
    type: K,
    listener: (this: WaldurBackupsElement, event: WaldurBackupsElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * The element's class (the module does not export it): `customElements.get("waldur-backups")`,
 * once defined (`customElements.whenDefined("waldur-backups")`).
 */
export interface WaldurBackupsElementConstructor {
  prototype: WaldurBackupsElement;
  new (): WaldurBackupsElement;
  readonly observedAttributes: readonly (keyof WaldurBackupsAttributes)[];
}

/**
 * The props of `<waldur-backups>` in React 19 JSX: attributes, the credential properties
 * (React sets them as properties once the element is defined, so render after
 * `customElements.whenDefined("waldur-backups")`) and one `on<event>` prop per event, as
 * React 19 passes `on…` props of a custom element to `addEventListener` with the
 * name that follows `on` (so `onrestore-started`, not `onRestoreStarted`).
 */
export type WaldurBackupsJsxProps = WaldurBackupsAttributes &
  Pick<WaldurBackupsProperties, "token" | "bearer" | "getToken"> & {
    [K in keyof WaldurBackupsEventMap as `on${K}`]?: (event: WaldurBackupsEventMap[K]) => void;
  };

declare global {
  interface HTMLElementTagNameMap {
    "waldur-backups": WaldurBackupsElement;
  }
  interface CustomElementRegistry {
    get(name: "waldur-backups"): WaldurBackupsElementConstructor | undefined;
    whenDefined(name: "waldur-backups"): Promise<WaldurBackupsElementConstructor>;
  }
  // The widget's events bubble (and are composed): any ancestor of a widget can listen. `error`
  // stays the DOM's `ErrorEvent` here; on `WaldurBackupsElement` it is the widget's.
  interface HTMLElementEventMap extends Omit<WaldurBackupsEventMap, "error"> {}
}

// React 19's JSX. Without @types/react this declares an unused module; with it, these
// interfaces merge into React's (`HTMLAttributes` and `RefAttributes` add nothing of their own).
declare module "react" {
  interface HTMLAttributes<T> {}
  interface RefAttributes<T> {}
  namespace JSX {
    interface IntrinsicElements {
      "waldur-backups": WaldurBackupsJsxProps &
        HTMLAttributes<WaldurBackupsElement> &
        RefAttributes<WaldurBackupsElement>;
    }
  }
}
