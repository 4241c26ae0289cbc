//! The standalone page (`www/index.html`): reads `config.json` beside it, asks for the API URL
//! and a token when it has none, and mounts the widget with the view kept in the page URL.
//!
//! The token is kept in `sessionStorage` (gone when the tab closes); only "Remember me on this
//! device" puts it in `localStorage`. Signing out clears both.
//!
//! Unless `config.json` sets `isStaff`, the page asks Waldur who the token belongs to
//! (`/api/users/me/`) so that staff get the staff-only actions (Unlink) and everyone sees who
//! is signed in.

use crate::api::{Auth, BackupQuery, Client, CurrentUser};
use crate::components::lazy::{lazy_part, LazyRegion};
use crate::components::ui::focus::unique_id;
use crate::components::ui::Alert;
use crate::embed::{mount_backups, BackupsHandle};
use crate::state::actions::Notice;
use crate::state::{check_options, RawOptions};
use futures::FutureExt;
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Storage key of the signed-in session (API URL, token and its scheme).
const SESSION_KEY: &str = "waldur-backups.session";

/// How the token is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scheme {
    Token,
    Bearer,
}

/// A signed-in session.
#[derive(Clone, Debug, PartialEq)]
struct Session {
    api_url: String,
    token: String,
    scheme: Scheme,
    remembered: bool,
}

impl Session {
    /// An API client for this session's address and credentials.
    fn client(&self) -> Client {
        let auth = match self.scheme {
            Scheme::Token => Auth::Token(self.token.clone()),
            Scheme::Bearer => Auth::Bearer(self.token.clone()),
        };
        Client::new(self.api_url.clone(), auth)
    }
}

fn storage(local: bool) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    if local {
        window.local_storage().ok().flatten()
    } else {
        window.session_storage().ok().flatten()
    }
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn load_session() -> Option<Session> {
    for local in [false, true] {
        let text = storage(local)?.get_item(SESSION_KEY).ok().flatten();
        let Some(text) = text else { continue };
        let Ok(value) = js_sys::JSON::parse(&text) else {
            continue;
        };
        let (Some(api_url), Some(token)) = (
            get(&value, "apiUrl").as_string(),
            get(&value, "token").as_string(),
        ) else {
            continue;
        };
        let scheme = if get(&value, "scheme").as_string().as_deref() == Some("bearer") {
            Scheme::Bearer
        } else {
            Scheme::Token
        };
        return Some(Session {
            api_url,
            token,
            scheme,
            remembered: local,
        });
    }
    None
}

fn save_session(session: &Session) {
    clear_session();
    let value = Object::new();
    let _ = Reflect::set(&value, &"apiUrl".into(), &session.api_url.as_str().into());
    let _ = Reflect::set(&value, &"token".into(), &session.token.as_str().into());
    let scheme = if session.scheme == Scheme::Bearer {
        "bearer"
    } else {
        "token"
    };
    let _ = Reflect::set(&value, &"scheme".into(), &scheme.into());
    if let (Some(store), Ok(text)) = (storage(session.remembered), js_sys::JSON::stringify(&value))
    {
        let _ = store.set_item(SESSION_KEY, &String::from(text));
    }
}

fn clear_session() {
    for local in [false, true] {
        if let Some(store) = storage(local) {
            let _ = store.remove_item(SESSION_KEY);
        }
    }
}

/// Reads `config.json` beside the page; a missing file is an empty configuration.
async fn load_config() -> Result<Object, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str("config.json"))
        .await
        .map_err(|_| "config.json could not be loaded".to_string())?;
    let response: web_sys::Response = response.unchecked_into();
    if response.status() == 404 {
        return Ok(Object::new());
    }
    if !response.ok() {
        return Err(format!(
            "config.json could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let text = JsFuture::from(response.text().map_err(|_| "config.json is unreadable")?)
        .await
        .map_err(|_| "config.json is unreadable".to_string())?;
    let value = js_sys::JSON::parse(&text.as_string().unwrap_or_default())
        .map_err(|_| "config.json is not valid JSON".to_string())?;
    value
        .dyn_into::<Object>()
        .map_err(|_| "config.json must hold a JSON object".to_string())
}

/// Mounts the standalone page into `root`.
pub fn start(root: web_sys::HtmlElement) {
    let handle = leptos::mount::mount_to(root, || view! { <StandalonePage /> });
    handle.forget();
}

lazy_part! {
    /// The sign-in form: its own chunk, which a signed-in page never fetches.
    fn sign_in_view / __preload_sign_in_view in signin
        (
            config: StoredValue<Object, LocalStorage>,
            notice: RwSignal<Option<String>>,
            session: RwSignal<Option<Session>>,
        ) -> AnyView
    {
        view! { <SignIn config notice session /> }.into_any()
    }
}

#[component]
fn StandalonePage() -> impl IntoView {
    let config = LocalResource::new(load_config);
    let session = RwSignal::new(load_session());
    let notice = RwSignal::new(None::<String>);
    if session.with_untracked(Option::is_none) {
        // Fetched beside config.json rather than after it.
        leptos::task::spawn_local(async {
            let _ = __preload_sign_in_view().await;
        });
    }
    view! {
        <div class="wb-root wb-page" data-theme="auto">
            <Suspense fallback=|| view! { <p class="wb-page__loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let config = config.await;
                    let (config, config_error) = match config {
                        Ok(c) => (c, None),
                        Err(e) => (Object::new(), Some(e)),
                    };
                    let config = StoredValue::new_local(config);
                    view! {
                        {config_error.map(|e| view! { <Alert notice=Notice::warning(e)/> })}
                        {move || match session.get() {
                            Some(s) => view! { <SignedIn session=s config notice signed_out=session /> }.into_any(),
                            None => view! {
                                <LazyRegion
                                    preload=__preload_sign_in_view
                                    content=move || sign_in_view(config, notice, session).now_or_never()?.ok()
                                />
                            }
                            .into_any(),
                        }}
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SignIn(
    config: StoredValue<Object, LocalStorage>,
    notice: RwSignal<Option<String>>,
    session: RwSignal<Option<Session>>,
) -> impl IntoView {
    let configured_url = config
        .with_value(|c| get(c, "apiUrl").as_string())
        .unwrap_or_default();
    let api_url = RwSignal::new(configured_url);
    let token = RwSignal::new(String::new());
    let scheme = RwSignal::new(Scheme::Token);
    let remember = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let title_id = unique_id("wb-signin-title");
    let error_id = unique_id("wb-signin-error");
    let url_id = unique_id("wb-signin-url");
    let token_id = unique_id("wb-signin-token");
    let remember_id = unique_id("wb-signin-remember");
    let (title_ref, error_ref, url_ref, token_ref, remember_ref) = (
        title_id.clone(),
        error_id.clone(),
        url_id.clone(),
        token_id.clone(),
        remember_id.clone(),
    );

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let raw = RawOptions {
            api_url: Some(api_url.get_untracked()),
            token: Some(token.get_untracked()),
            ..RawOptions::default()
        };
        if let Err(e) = check_options(&raw) {
            error.set(Some(if e.option == "apiUrl" {
                "Enter the address of your Waldur API, for example https://waldur.example.com."
                    .into()
            } else {
                e.message
            }));
            return;
        }
        let key = token.get_untracked().trim().to_string();
        if key.is_empty() {
            error.set(Some("Enter your API token.".into()));
            return;
        }
        let candidate = Session {
            api_url: api_url.get_untracked().trim().to_string(),
            token: key.clone(),
            scheme: scheme.get_untracked(),
            remembered: remember.get_untracked(),
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            // One cheap request proves the address and the token before anything is stored.
            let client = candidate.client();
            match client.count_backups(&BackupQuery::default()).await {
                Ok(_) => {
                    save_session(&candidate);
                    notice.set(None);
                    session.set(Some(candidate));
                }
                Err(e) => error.set(Some(if e.is_unauthorized() {
                    "The token was not accepted. Check it and try again.".into()
                } else {
                    e.message()
                })),
            }
            busy.set(false);
        });
    };

    view! {
        <form class="wb-signin" on:submit=submit aria-labelledby=title_ref novalidate>
            <h1 class="wb-signin__title" id=title_id>"Sign in to Waldur backups"</h1>
            {move || notice.get().map(|n| view! { <Alert notice=Notice::warning(n) role="status"/> })}
            <div class="wb-field">
                <label class="wb-field__label" for=url_ref>"API address"</label>
                <input
                    id=url_id
                    class="wb-input"
                    type="url"
                    autocomplete="url"
                    placeholder="https://waldur.example.com"
                    prop:value=move || api_url.get()
                    on:input=move |ev| api_url.set(event_target_value(&ev))
                />
            </div>
            <div class="wb-field">
                <label class="wb-field__label" for=token_ref>"API token"</label>
                <input
                    id=token_id
                    class="wb-input"
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=error_ref
                    prop:value=move || token.get()
                    on:input=move |ev| token.set(event_target_value(&ev))
                />
                <span class="wb-field__hint">"Your token from Waldur's user profile (API token), or an access token."</span>
            </div>
            <fieldset class="wb-field wb-signin__scheme">
                <legend class="wb-field__label">"Token type"</legend>
                <label>
                    <input
                        type="radio"
                        name="wb-scheme"
                        prop:checked=move || scheme.get() == Scheme::Token
                        on:change=move |_| scheme.set(Scheme::Token)
                    />
                    " API token (Token)"
                </label>
                <label>
                    <input
                        type="radio"
                        name="wb-scheme"
                        prop:checked=move || scheme.get() == Scheme::Bearer
                        on:change=move |_| scheme.set(Scheme::Bearer)
                    />
                    " Access token (Bearer)"
                </label>
            </fieldset>
            <div class="wb-field wb-field--inline">
                <input
                    id=remember_ref
                    type="checkbox"
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev))
                />
                <label for=remember_id>
                    "Remember me on this device (keeps the token in this browser until you sign out)"
                </label>
            </div>
            <p class="wb-field__error" id=error_id role="alert">{move || error.get()}</p>
            <button class="wb-button wb-button--primary" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}

#[component]
fn SignedIn(
    session: Session,
    config: StoredValue<Object, LocalStorage>,
    notice: RwSignal<Option<String>>,
    signed_out: RwSignal<Option<Session>>,
) -> impl IntoView {
    let host = NodeRef::<leptos::html::Div>::new();
    let handle: StoredValue<Option<BackupsHandle>, LocalStorage> = StoredValue::new_local(None);
    let mount_error = RwSignal::new(None::<String>);
    let api_host = session.api_url.clone();
    // Who is signed in: `None` while asking. The widget mounts once this is known, so that
    // staff-only actions are there from the start; when the question fails (an older Waldur,
    // a proxy), the page goes on without them and the widget reports any real error itself.
    let user = RwSignal::new(None::<Option<CurrentUser>>);
    if config.with_value(|c| get(c, "isStaff").is_undefined()) {
        let client = session.client();
        leptos::task::spawn_local(async move {
            let me = client.current_user_shared().await;
            user.try_set(Some(me));
        });
    } else {
        user.set(Some(None));
    }

    let sign_out = move |message: Option<String>| {
        clear_session();
        notice.set(message);
        signed_out.set(None);
    };

    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        let Some(me) = user.get() else { return };
        if handle.with_value(Option::is_some) {
            return;
        }
        let options = Object::new();
        config.with_value(|c| Object::assign(&options, c));
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&options, &JsValue::from_str(k), &v);
        };
        set("apiUrl", session.api_url.as_str().into());
        match session.scheme {
            Scheme::Token => set("token", session.token.as_str().into()),
            Scheme::Bearer => set("bearer", session.token.as_str().into()),
        }
        set("urlSync", true.into());
        if let Some(me) = &me {
            set("isStaff", me.staff().into());
        }
        let on_unauthorized = Closure::<dyn Fn(JsValue)>::new(move |_detail: JsValue| {
            sign_out(Some(
                "Your session ended or the token was revoked. Sign in again.".into(),
            ));
        });
        set("onUnauthorized", on_unauthorized.as_ref().clone());
        // The widget lives as long as this page; the closure with it.
        on_unauthorized.forget();
        match mount_backups(el.unchecked_into(), options.into()) {
            Ok(h) => handle.set_value(Some(h)),
            Err(e) => mount_error.set(Some(
                JsValue::from(e)
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| "The widget could not start.".into()),
            )),
        }
    });
    on_cleanup(move || {
        if let Some(h) = handle.try_update_value(Option::take).flatten() {
            h.unmount();
        }
    });

    view! {
        <header class="wb-page__header">
            <h1 class="wb-page__title">"Backups"</h1>
            <span class="wb-page__api" title="Waldur API">{api_host}</span>
            {move || user.get().flatten().map(|u| {
                let name = u.full_name.filter(|n| !n.trim().is_empty()).unwrap_or(u.username);
                view! { <span class="wb-page__user">"Signed in as " {name}</span> }
            })}
            <button class="wb-button" type="button" on:click=move |_| sign_out(None)>"Sign out"</button>
        </header>
        {move || mount_error.get().map(|e| view! { <Alert notice=Notice::error(e)/> })}
        <div class="wb-page__widget" node_ref=host></div>
    }
}
