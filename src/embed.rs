//! The JavaScript-facing API: `mountBackups(element, options)` and the `<waldur-backups>`
//! custom element, both from the one ES module Trunk builds.
//!
//! Each mount owns its DOM nodes, listeners, timers and requests; `unmount()` removes exactly
//! those, so several widgets on a page stay independent. A mounted widget is kept by the
//! page-wide list in [`lifetime`], not by the handle the host got: it lives until
//! `unmount()` or until its element leaves the document, whoever holds (or drops) the handle.

mod crash;
mod lifetime;
mod page;

pub use crash::install_panic_hook;
#[cfg(feature = "test-hooks")]
pub use crash::test_panic;

use crate::api::{Auth, Backup, Client, Instance, TokenGetter};
use crate::components::export::{ExportOutcome, ExportReply, ExportRequest};
use crate::components::lazy::lazy_part;
use crate::components::widget::BackupsWidget;
use crate::components::{EventHandler, HostEvent, WidgetContext};
use crate::i18n::{choose_language, navigator_languages, page_language, I18n, Msg, Text};
use crate::state::{check_options, AuthChoice, CheckedOptions, OptionError, RawOptions};
use js_sys::{Function, Object, Reflect};
use leptos::prelude::*;
use lifetime::Mount;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, Node};

/// Event names dispatched on the host element, with the option naming their callback.
const EVENTS: [(&str, &str); 8] = [
    ("backup-updated", "onBackupUpdated"),
    ("backup-created", "onBackupCreated"),
    ("backup-deleted", "onBackupDeleted"),
    ("backup-unlinked", "onBackupUnlinked"),
    ("restore-started", "onRestoreStarted"),
    ("instance-selected", "onInstanceSelected"),
    ("unauthorized", "onUnauthorized"),
    ("error", "onError"),
];

/// A mounted widget, returned by `mountBackups`: change its options or remove it. Dropping
/// it (or its garbage collection) leaves the widget mounted.
#[wasm_bindgen]
pub struct BackupsHandle {
    mount: Rc<Mount>,
}

/// What a mounted widget holds; gone (`None` in its [`Mount`]) once unmounted.
struct Mounted {
    /// Dropping this removes the Leptos view from the DOM.
    view: Box<dyn Any>,
    /// The widget's root owner: cleaning it up stops effects, timers and pending requests even
    /// where a component keeps a handle to its own owner (which would keep it alive otherwise).
    owner: Option<Owner>,
    context: WidgetContext,
    /// The `<style>` added to a shadow root where constructed stylesheets are missing.
    shadow_style: Option<web_sys::Element>,
    /// The options as last given (updates merge into them).
    options: Object,
    /// The API address and credentials in use: a change builds a new client and reloads.
    api_url: String,
    auth: AuthChoice,
    /// Callbacks and token getter read from the options; shared with the event handler.
    hooks: Rc<RefCell<Hooks>>,
    /// The crash message in the widget's language, kept up to date for the panic hook (which
    /// must not touch the reactive system a panic may have left half-way).
    crash_text: Rc<RefCell<String>>,
}

impl Mounted {
    /// Removes the view and stops everything the widget started.
    fn tear_down(self) {
        drop(self.view);
        if let Some(owner) = self.owner {
            owner.cleanup();
        }
        if let Some(style) = self.shadow_style {
            style.remove();
        }
    }
}

/// The context and root owner of a freshly mounted widget.
type RootParts = (WidgetContext, Option<Owner>);

#[derive(Default)]
struct Hooks {
    get_token: Option<Function>,
    callbacks: Vec<(&'static str, Function)>,
}

#[wasm_bindgen]
impl BackupsHandle {
    /// Changes options while mounted, merged into the current ones (an option set to
    /// `undefined` or `null` returns to its default); throws on an invalid option.
    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        crash::refuse_after_crash()?;
        let mut guard = self.mount.state.borrow_mut();
        let Some(mounted) = guard.as_mut() else {
            return Err(JsError::new("waldur-backups: this widget was unmounted"));
        };
        let merged = Object::new();
        Object::assign(&merged, &mounted.options);
        // `is_object`, not `instanceof Object`: options from another realm (an iframe, or a
        // WebDriver script in Firefox) are objects too.
        if options.is_object() {
            Object::assign(&merged, options.unchecked_ref());
        } else if !options.is_undefined() && !options.is_null() {
            return Err(js_error(&OptionError {
                option: "options",
                message: Msg::OptMustBeObject.into(),
            }));
        }
        let (checked, hooks) = read_options(&merged).map_err(|e| js_error(&e))?;
        // Only new credentials or a new address reload: a theme or a column change does not.
        let getter_changed = match (&mounted.hooks.borrow().get_token, &hooks.get_token) {
            (Some(old), Some(new)) => !Object::is(old, new),
            (old, new) => old.is_some() != new.is_some(),
        };
        let reconnect =
            checked.api_url != mounted.api_url || checked.auth != mounted.auth || getter_changed;
        *mounted.hooks.borrow_mut() = hooks;
        let context = mounted.context;
        if reconnect {
            context.set_client(build_client(&checked, &mounted.hooks));
        }
        context.settings.maybe_update(|s| {
            let changed = *s != checked.settings;
            if changed {
                *s = checked.settings;
            }
            changed
        });
        mounted.api_url = checked.api_url;
        mounted.auth = checked.auth;
        mounted.options = merged;
        Ok(())
    }

    /// Removes the widget: its DOM nodes, listeners, timers and pending requests.
    pub fn unmount(&self) {
        self.mount.unmount();
    }

    /// Exports every backup that matches the table's filters and sort as a CSV file, as the
    /// "Export CSV" button does (progress and Cancel in the widget, then the browser saves
    /// `backups-<date>.csv`). Resolves to `{filename, rows, total, truncated, csv}`; rejects
    /// with an `AbortError` when cancelled, and with an `Error` when a request failed, an
    /// export is already running or the widget was unmounted.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> js_sys::Promise {
        let store = self.mount.state.borrow().as_ref().map(|m| m.context.store);
        js_sys::Promise::new(&mut |resolve: Function, reject: Function| {
            let Some(store) = store else {
                let _ = reject.call1(
                    &JsValue::NULL,
                    &js_sys::Error::new("waldur-backups: this widget was unmounted"),
                );
                return;
            };
            let settle = send_wrapper::SendWrapper::new((resolve, reject.clone()));
            let reply = ExportReply(std::sync::Arc::new(move |outcome| {
                let (resolve, reject) = &*settle;
                let _ = match outcome {
                    ExportOutcome::Saved(s) => resolve.call1(
                        &JsValue::NULL,
                        &object(&[
                            ("filename", JsValue::from_str(&s.filename)),
                            ("rows", JsValue::from_f64(s.rows as f64)),
                            (
                                "total",
                                s.total
                                    .map_or(JsValue::NULL, |t| JsValue::from_f64(t as f64)),
                            ),
                            ("truncated", JsValue::from_bool(s.truncated)),
                            ("csv", JsValue::from_str(&s.csv)),
                        ]),
                    ),
                    ExportOutcome::Cancelled => {
                        let error = js_sys::Error::new("waldur-backups: the export was cancelled");
                        error.set_name("AbortError");
                        reject.call1(&JsValue::NULL, &error)
                    }
                    ExportOutcome::Failed(message) => reject.call1(
                        &JsValue::NULL,
                        &js_sys::Error::new(&format!("waldur-backups: {message}")),
                    ),
                };
            }));
            let request = ExportRequest { reply: Some(reply) };
            if !ExportRequest::start(store, request) {
                let _ = reject.call1(
                    &JsValue::NULL,
                    &js_sys::Error::new("waldur-backups: an export is already running"),
                );
            }
        })
    }

    /// Whether the widget is still mounted (`false` after `unmount()`, or once its element
    /// left the document).
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        self.mount.is_mounted()
    }
}

/// Mounts the backups widget into `element`; throws an `Error` naming the option when one is invalid.
///
/// The widget stays until `handle.unmount()` or until `element` leaves the document (checked
/// when the page's DOM changes; moving it within one task keeps it), whether or not the
/// handle is kept.
///
/// ```js
/// const handle = mountBackups(document.getElementById("backups"), {
///   apiUrl: "https://waldur.example.com", token: "…", projectUuid: "…",
/// });
/// ```
#[wasm_bindgen(js_name = mountBackups)]
pub fn mount_backups(element: HtmlElement, options: JsValue) -> Result<BackupsHandle, JsError> {
    crash::refuse_after_crash()?;
    if let Some(document) = element.owner_document() {
        page::style_document(&document);
    }
    mount_in(&element, &element, options, None)
}

/// Mounts `<waldur-backups>`'s widget into its shadow root, styled by the shared sheet.
fn mount_element(
    shadow: &web_sys::ShadowRoot,
    host: &HtmlElement,
    options: JsValue,
) -> Result<BackupsHandle, JsValue> {
    crash::refuse_after_crash()?;
    // Before mounting, so that a message about an invalid option is styled too.
    let style = page::style_shadow_root(shadow);
    let locale = options
        .is_object()
        .then(|| Reflect::get(&options, &JsValue::from_str("locale")).ok())
        .flatten()
        .and_then(|l| l.as_string());
    let checked = options
        .is_object()
        .then(|| read_options(options.unchecked_ref::<Object>()).err())
        .flatten();
    mount_in(shadow, host, options, style.clone()).map_err(|error| {
        if let Some(style) = style {
            style.remove();
        }
        // The element shows the thrown (English) message at once; in the user's language
        // once its messages are there.
        if let Some(e) = checked {
            let english = e.to_string();
            let text = Text::new(Msg::OptionErrorBox)
                .arg("option", e.option)
                .arg("problem", e.message);
            let shadow = shadow.clone();
            say_in_language(
                move || shadow.query_selector(".wb-options-error").ok().flatten(),
                locale,
                english,
                text,
            );
        }
        error.into()
    })
}

/// Replaces the English text of the element `target` finds with `text` in the language
/// `locale`, the page's `<html lang>` or `navigator.languages` name, once its messages are
/// loaded (for messages shown where no widget runs: an option error, a chunk that could not be
/// loaded). Nothing changes when the language is English, when its messages cannot be loaded,
/// or when the element says something else by then.
fn say_in_language(
    target: impl Fn() -> Option<web_sys::Element> + 'static,
    locale: Option<String>,
    english: String,
    text: Text,
) {
    let language = choose_language(
        locale.as_deref(),
        page_language().as_deref(),
        &navigator_languages(),
    );
    if language.is_english() {
        return;
    }
    // The handle loads through Leptos's spawner, which no mount may have set up yet.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    wasm_bindgen_futures::spawn_local(async move {
        let i18n = I18n::new();
        i18n.set_language(language);
        for _ in 0..100 {
            if !i18n.is_loading() {
                break;
            }
            crate::components::lazy::sleep_ms(50).await;
        }
        if i18n.language().tag != language.tag {
            return;
        }
        let said = i18n.show(&text);
        if let Some(el) = target() {
            if el.text_content().as_deref() == Some(english.as_str()) {
                el.set_text_content(Some(&said));
                let _ = el.set_attribute("lang", language.tag);
            }
        }
    });
}

/// Mounts into `parent` (the element itself or a shadow root), dispatching events on `host`.
fn mount_in(
    parent: &Node,
    host: &HtmlElement,
    options: JsValue,
    shadow_style: Option<web_sys::Element>,
) -> Result<BackupsHandle, JsError> {
    // Realm-safe checks throughout (`is_object`, `is_function`): see `BackupsHandle::update`.
    let Some(options) = options
        .is_object()
        .then(|| options.unchecked_into::<Object>())
    else {
        return Err(js_error(&OptionError {
            option: "options",
            message: Msg::OptMustBeOptions.into(),
        }));
    };
    let (checked, hooks) = read_options(&options).map_err(|e| js_error(&e))?;
    let hooks = Rc::new(RefCell::new(hooks));
    let client = build_client(&checked, &hooks);

    let document = parent
        .owner_document()
        .ok_or_else(|| JsError::new("waldur-backups: no document"))?;
    let container: HtmlElement = document
        .create_element("div")
        .map_err(|_| JsError::new("waldur-backups: cannot create an element"))?
        .unchecked_into();
    container.set_class_name("wb-mount");
    parent
        .append_child(&container)
        .map_err(|_| JsError::new("waldur-backups: cannot append to the element"))?;

    let handler = event_handler(host.clone(), hooks.clone());
    let crash_text = Rc::new(RefCell::new(Msg::WidgetCrashed.english().to_owned()));
    // Filled by the mount closure, which runs synchronously under the widget's root owner.
    let context_slot: Rc<RefCell<Option<RootParts>>> = Rc::default();
    let slot = context_slot.clone();
    let settings = checked.settings;
    // The widget is a reactive root of its own, whoever mounts it. Mounted from inside another
    // Leptos view (the standalone page mounts it from an effect) it would be that view's child,
    // inherit its contexts and register its pending loads with the page's `<Suspense>`, which
    // then showed its fallback and rebuilt the page, the widget and the field being typed in.
    let caller = Owner::current();
    let root = Owner::new_root(None);
    let crash_slot = crash_text.clone();
    let view = root.with(|| {
        leptos::mount::mount_to(container.clone(), move || {
            let context = WidgetContext::new(client, settings, Some(handler));
            context.provide();
            *slot.borrow_mut() = Some((context, Owner::current()));
            let i18n = context.i18n;
            Effect::new(move |_| {
                let text = i18n.text(Msg::WidgetCrashed);
                *crash_slot.borrow_mut() = text;
            });
            view! { <BackupsWidget /> }
        })
    });
    match caller {
        Some(caller) => caller.set(),
        None => root.clone().unset(),
    }
    let (context, _mount_owner) = context_slot
        .borrow_mut()
        .take()
        .expect("the mount closure runs synchronously");
    // Cleaning up the root cleans up the mount's owner under it; holding it keeps both alive.
    let owner = Some(root);
    let mounted = Mounted {
        view: Box::new(view),
        owner,
        context,
        shadow_style,
        options,
        api_url: checked.api_url,
        auth: checked.auth,
        hooks,
        crash_text,
    };
    Ok(BackupsHandle {
        mount: lifetime::add(container, host.clone(), mounted),
    })
}

fn js_error(error: &OptionError) -> JsError {
    JsError::new(&error.to_string())
}

/// Styles light-DOM widgets (and the standalone page) in this document.
pub(crate) fn ensure_document_styles() {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        page::style_document(&document);
    }
}

/// Reads the JS options object into checked options and the host's functions.
fn read_options(options: &Object) -> Result<(CheckedOptions, Hooks), OptionError> {
    let value =
        |key: &str| Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let text = |key: &'static str| -> Result<Option<String>, OptionError> {
        let v = value(key);
        if v.is_undefined() || v.is_null() {
            Ok(None)
        } else if let Some(s) = v.as_string() {
            Ok(Some(s))
        } else {
            Err(OptionError {
                option: key,
                message: Msg::OptMustBeString.into(),
            })
        }
    };
    let flag = |key: &'static str| -> Result<Option<bool>, OptionError> {
        let v = value(key);
        if v.is_undefined() || v.is_null() {
            Ok(None)
        } else if let Some(b) = v.as_bool() {
            Ok(Some(b))
        } else if let Some(s) = v.as_string() {
            // Attributes arrive as strings: `is-staff`, `is-staff="true"`, `is-staff="false"`.
            Ok(Some(!matches!(s.trim(), "false" | "0" | "no")))
        } else {
            Err(OptionError {
                option: key,
                message: Msg::OptMustBeBoolean.into(),
            })
        }
    };
    // A number option, as a string for the shared checks (attributes arrive as strings).
    let number = |key: &'static str| -> Result<Option<String>, OptionError> {
        let v = value(key);
        if v.is_undefined() || v.is_null() {
            Ok(None)
        } else if v.as_f64().is_some() {
            // Written by JavaScript ("25", "2.5"): Rust's float formatting stays out of the bundle.
            Ok(v.unchecked_ref::<js_sys::Number>()
                .to_string_with_radix(10)
                .ok()
                .map(String::from))
        } else if let Some(s) = v.as_string() {
            Ok(Some(s))
        } else {
            Err(OptionError {
                option: key,
                message: Msg::OptMustBeNumber.into(),
            })
        }
    };
    let page_size = number("pageSize")?;
    let export_max_rows = number("exportMaxRows")?;
    let columns = {
        let v = value("columns");
        if v.is_undefined() || v.is_null() {
            None
        } else if let Some(s) = v.as_string() {
            Some(
                s.split(',')
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect(),
            )
        } else if js_sys::Array::is_array(&v) {
            let array: js_sys::Array = v.unchecked_into();
            let mut keys = Vec::new();
            for item in array.iter() {
                keys.push(item.as_string().ok_or(OptionError {
                    option: "columns",
                    message: Msg::OptMustBeColumnList.into(),
                })?);
            }
            Some(keys)
        } else {
            return Err(OptionError {
                option: "columns",
                message: Msg::OptMustBeColumnList.into(),
            });
        }
    };
    let get_token = value("getToken");
    let raw = RawOptions {
        api_url: text("apiUrl")?,
        token: text("token")?,
        bearer: text("bearer")?,
        has_get_token: get_token.is_function(),
        get_token_not_function: !get_token.is_undefined()
            && !get_token.is_null()
            && !get_token.is_function(),
        credentials: text("credentials")?,
        instance_uuid: text("instanceUuid")?,
        project_uuid: text("projectUuid")?,
        tenant_uuid: text("tenantUuid")?,
        customer_uuid: text("customerUuid")?,
        page_size,
        columns,
        locale: text("locale")?,
        is_staff: flag("isStaff")?,
        can_manage: flag("canManage")?,
        instance_url: text("instanceUrl")?,
        theme: text("theme")?,
        url_sync: flag("urlSync")?,
        export_max_rows,
        label: text("label")?,
    };
    let checked = check_options(&raw)?;
    let mut hooks = Hooks {
        get_token: get_token
            .is_function()
            .then(|| get_token.unchecked_into::<Function>()),
        callbacks: Vec::new(),
    };
    for (event, option) in EVENTS {
        let v = value(option);
        if v.is_function() {
            hooks.callbacks.push((event, v.unchecked_into()));
        } else if !v.is_undefined() && !v.is_null() {
            let option: &'static str = option;
            return Err(OptionError {
                option,
                message: Msg::OptMustBeFunction.into(),
            });
        }
    }
    Ok((checked, hooks))
}

/// The API client for checked options; `getToken` is asked (and awaited) before each request.
fn build_client(checked: &CheckedOptions, hooks: &Rc<RefCell<Hooks>>) -> Client {
    let auth = match &checked.auth {
        AuthChoice::None => Auth::None,
        AuthChoice::Token(t) => Auth::Token(t.clone()),
        AuthChoice::Bearer(b) => Auth::Bearer(b.clone()),
        AuthChoice::Session => Auth::Session,
        AuthChoice::Getter => {
            let hooks = hooks.clone();
            Auth::Getter(TokenGetter::new(move || {
                let getter = hooks.borrow().get_token.clone();
                async move {
                    let f = getter?;
                    let result = f.call0(&JsValue::NULL).ok()?;
                    // `Promise.resolve` adopts a promise of any realm and passes a plain
                    // value through (`instanceof Promise` misses another realm's promises).
                    let value =
                        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&result))
                            .await
                            .ok()?;
                    value.as_string()
                }
            }))
        }
    };
    Client::new(checked.api_url.clone(), auth)
}

/// Turns widget events into DOM `CustomEvent`s on `host` and calls the matching callbacks.
fn event_handler(host: HtmlElement, hooks: Rc<RefCell<Hooks>>) -> EventHandler {
    Rc::new(move |event: HostEvent| {
        let (name, detail) = event_detail(&event);
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(dom_event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&dom_event);
        }
        let callback = hooks
            .borrow()
            .callbacks
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| f.clone());
        if let Some(f) = callback {
            let _ = f.call1(&JsValue::NULL, &detail);
        }
    })
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in entries {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

fn text_or_null(value: Option<&str>) -> JsValue {
    value.map(JsValue::from_str).unwrap_or(JsValue::NULL)
}

/// The backup as events carry it (API field names).
fn backup_js(b: &Backup) -> JsValue {
    object(&[
        ("uuid", b.uuid.as_str().into()),
        ("url", b.url.as_str().into()),
        ("name", b.name.as_str().into()),
        ("description", text_or_null(b.description.as_deref())),
        ("state", b.state.as_api_str().into()),
        ("kept_until", text_or_null(b.kept_until.as_deref())),
        ("instance", text_or_null(b.instance.as_deref())),
        ("instance_name", text_or_null(b.instance_name.as_deref())),
        ("project_uuid", text_or_null(b.project_uuid.as_deref())),
        ("tenant_uuid", text_or_null(b.tenant_uuid.as_deref())),
        ("restorations", (b.restorations.len() as f64).into()),
    ])
}

/// The instance as events carry it.
fn instance_js(i: &Instance) -> JsValue {
    object(&[
        ("uuid", i.uuid.as_str().into()),
        ("url", i.url.as_str().into()),
        ("name", i.name.as_str().into()),
        ("state", i.state.as_api_str().into()),
    ])
}

/// The DOM event name and `detail` of a widget event.
fn event_detail(event: &HostEvent) -> (&'static str, JsValue) {
    match event {
        HostEvent::BackupUpdated(b) => ("backup-updated", object(&[("backup", backup_js(b))])),
        HostEvent::BackupCreated(b) => ("backup-created", object(&[("backup", backup_js(b))])),
        HostEvent::BackupDeleted { uuid, name } => (
            "backup-deleted",
            object(&[
                ("uuid", uuid.as_str().into()),
                ("name", name.as_str().into()),
            ]),
        ),
        HostEvent::BackupUnlinked { uuid, name } => (
            "backup-unlinked",
            object(&[
                ("uuid", uuid.as_str().into()),
                ("name", name.as_str().into()),
            ]),
        ),
        HostEvent::RestoreStarted {
            backup_uuid,
            instance,
        } => (
            "restore-started",
            object(&[
                ("backupUuid", backup_uuid.as_str().into()),
                ("instance", instance_js(instance)),
            ]),
        ),
        HostEvent::InstanceSelected { uuid, url, name } => (
            "instance-selected",
            object(&[
                ("uuid", uuid.as_str().into()),
                ("url", url.as_str().into()),
                ("name", name.as_str().into()),
            ]),
        ),
        HostEvent::Unauthorized { message } => (
            "unauthorized",
            object(&[("message", message.as_str().into())]),
        ),
        HostEvent::Error { message, status } => (
            "error",
            object(&[
                ("message", message.as_str().into()),
                (
                    "status",
                    status
                        .map(|s| JsValue::from(s as f64))
                        .unwrap_or(JsValue::NULL),
                ),
            ]),
        ),
    }
}

// The element, in JavaScript (it ships as written, so its reasons are here):
// - the token is given as a property only, never an attribute (it would show in the DOM), and
//   reads back as undefined; properties set before the element was upgraded are kept;
// - `_options()` gives every option, an absent one as undefined: the update replaces them all,
//   so a removed attribute or property returns its option to the default;
// - the first mount waits for the end of the task (`setTimeout`), so that what the page sets
//   after connecting the element, also after an `await` in that task, is there: no false
//   "apiUrl is required"; later changes in one task give one update (a microtask);
// - an invalid or missing option replaces the widget with a message naming it (it comes back
//   once the option is valid);
// - removed, it unmounts; moved (removed and inserted again in one task) it keeps its state.
#[wasm_bindgen(inline_js = r#"
const ATTRIBUTES = {
  "api-url": "apiUrl", "instance-uuid": "instanceUuid", "project-uuid": "projectUuid",
  "tenant-uuid": "tenantUuid", "customer-uuid": "customerUuid", "page-size": "pageSize",
  "columns": "columns", "locale": "locale", "is-staff": "isStaff", "can-manage": "canManage",
  "instance-url": "instanceUrl",
  "theme": "theme", "credentials": "credentials", "label": "label",
  "export-max-rows": "exportMaxRows",
};
const PROPERTIES = ["token", "bearer", "getToken", "onBackupUpdated", "onBackupCreated",
  "onBackupDeleted", "onBackupUnlinked", "onRestoreStarted", "onInstanceSelected",
  "onUnauthorized", "onError"];

export function define_element(mount) {
  if (customElements.get("waldur-backups")) return;
  class WaldurBackupsElement extends HTMLElement {
    static get observedAttributes() { return Object.keys(ATTRIBUTES); }
    constructor() {
      super();
      this._properties = {};
      this._handle = null;
      this._scheduled = false;
      this.attachShadow({ mode: "open" });
      for (const name of PROPERTIES) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this._properties[name] = value;
        }
        Object.defineProperty(this, name, {
          get: () => (name === "token" || name === "bearer") ? undefined : this._properties[name],
          set: (value) => { this._properties[name] = value; this._schedule(); },
        });
      }
    }
    _options() {
      const options = {};
      for (const [attribute, option] of Object.entries(ATTRIBUTES)) {
        options[option] = this.hasAttribute(attribute) ? this.getAttribute(attribute) : undefined;
      }
      for (const name of PROPERTIES) options[name] = this._properties[name];
      return options;
    }
    _schedule() {
      if (this._scheduled || !this.isConnected) return;
      this._scheduled = true;
      const run = () => { this._scheduled = false; this._apply(); };
      if (this._handle) queueMicrotask(run); else setTimeout(run, 0);
    }
    _apply() {
      if (!this.isConnected) return;
      try {
        if (this._handle && this._handle.mounted) {
          this._handle.update(this._options());
        } else {
          this._handle = mount(this.shadowRoot, this, this._options());
        }
        this._showError(null);
      } catch (error) {
        if (this._handle) { this._handle.unmount(); this._handle = null; }
        this._showError(error);
      }
    }
    _showError(error) {
      let box = this.shadowRoot.querySelector(".wb-options-error");
      if (!error) { if (box) box.remove(); return; }
      if (!box) {
        box = document.createElement("p");
        box.className = "wb-root wb-alert wb-alert--error wb-options-error";
        box.setAttribute("role", "alert");
        this.shadowRoot.prepend(box);
      }
      box.textContent = String(error && error.message ? error.message : error);
      this.dispatchEvent(new CustomEvent("error", {
        bubbles: true, composed: true, detail: { message: box.textContent, status: null },
      }));
    }
    connectedCallback() {
      if (!(this._handle && this._handle.mounted)) this._schedule();
    }
    disconnectedCallback() {
      queueMicrotask(() => {
        if (!this.isConnected && this._handle) { this._handle.unmount(); this._handle = null; }
      });
    }
    attributeChangedCallback() { this._schedule(); }
    exportCsv() {
      if (!this._handle || !this._handle.mounted) {
        return Promise.reject(new Error("waldur-backups: the element is not mounted"));
      }
      return this._handle.exportCsv();
    }
  }
  customElements.define("waldur-backups", WaldurBackupsElement);
}
"#)]
extern "C" {
    fn define_element(mount: &Function);
}

lazy_part! {
    /// Registers `<waldur-backups>` once (from its own chunk: pages that only call
    /// `mountBackups`, and the standalone page, need none of it before their first rows).
    pub fn register_custom_element / __preload_register_custom_element in element () -> () {
        let mount =
            Closure::<dyn Fn(JsValue, HtmlElement, JsValue) -> Result<BackupsHandle, JsValue>>::new(
                |shadow: JsValue, host: HtmlElement, options: JsValue| {
                    mount_element(shadow.unchecked_ref(), &host, options)
                },
            );
        define_element(mount.as_ref().unchecked_ref());
        // Registered once for the page's lifetime.
        mount.forget();
    }
}

/// Defines `<waldur-backups>` when the module loads: at once when the page already has one
/// (elements upgrade when the definition arrives, keeping properties set before), else when
/// the page is idle. If its chunk cannot be fetched, each element says so.
pub fn define_custom_element_soon(document: &web_sys::Document) {
    let present = document
        .query_selector("waldur-backups")
        .ok()
        .flatten()
        .is_some();
    // Not Leptos's spawner: it is set up by the first mount, and there may be none yet.
    let define = || {
        wasm_bindgen_futures::spawn_local(async {
            if register_custom_element().await.is_err() {
                show_element_load_error();
            }
        })
    };
    if present {
        define();
    } else {
        crate::components::lazy::when_idle(define);
    }
}

/// Tells the user, inside each not upgraded `<waldur-backups>`, that the widget could not load.
fn show_element_load_error() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(elements) = document.query_selector_all("waldur-backups") else {
        return;
    };
    for i in 0..elements.length() {
        let Some(el) = elements.item(i) else { continue };
        if let Ok(p) = document.create_element("p") {
            p.set_attribute("role", "alert").ok();
            let text = Text::new(Msg::WidgetNotLoaded);
            let english = text.english();
            p.set_text_content(Some(&english));
            let _ = el.append_child(&p);
            let locale = el
                .dyn_ref::<web_sys::Element>()
                .and_then(|e| e.get_attribute("locale"));
            say_in_language(move || Some(p.clone()), locale, english, text);
        }
    }
    web_sys::console::error_1(
        &"waldur-backups: the custom element's code could not be loaded".into(),
    );
}
