//! The standalone page (`www/index.html`): reads `config.json` beside it, asks for the API URL
//! and a token when it has none, and mounts the widget with the view kept in the page URL.
//!
//! The token is kept in `sessionStorage` (gone when the tab closes); only "Remember me on this
//! device" puts it in `localStorage`. Signing out clears both.
//!
//! The page speaks the widget's languages and offers a switch: it changes the page and the
//! widget in place. The first language is the one remembered on this device, else
//! `config.json`'s `locale`, else the page's `<html lang>`, else `navigator.languages`
//! ([`choose_language`]). The choice is kept (in `localStorage`) only when the user ticks
//! "Remember the language on this device"; unticking forgets it.
//!
//! Unless `config.json` sets `isStaff`, the page asks Waldur who the token belongs to
//! (`/api/users/me/`) so that staff get the staff-only actions (Unlink) and everyone sees who
//! is signed in.

use crate::api::{Auth, BackupQuery, Client, CurrentUser};
use crate::components::lazy::{lazy_part, preload, LazyRegion};
use crate::components::ui::focus::{focus_lost, unique_id};
use crate::components::ui::Alert;
use crate::embed::{mount_backups, BackupsHandle};
use crate::i18n::{
    best_match, choose_language, navigator_languages, page_language, I18n, Language, Msg, Text,
    LANGUAGES,
};
use crate::state::actions::Notice;
use crate::state::{check_options, RawOptions};
use futures::FutureExt;
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long the page waits to learn who signed in before going on without staff actions.
const WHO_AM_I_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(4);

/// Storage key of the signed-in session (API URL, token and its scheme).
const SESSION_KEY: &str = "waldur-backups.session";

/// Storage key (`localStorage`) of the language the user asked this device to remember.
const LANGUAGE_KEY: &str = "waldur-backups.language";

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
async fn load_config() -> Result<Object, Text> {
    let window = web_sys::window().ok_or(Text::new(Msg::ConfigUnreachable))?;
    let response = JsFuture::from(window.fetch_with_str("config.json"))
        .await
        .map_err(|_| Text::new(Msg::ConfigUnreachable))?;
    let response: web_sys::Response = response.unchecked_into();
    if response.status() == 404 {
        return Ok(Object::new());
    }
    if !response.ok() {
        return Err(Text::new(Msg::ConfigStatus).arg("status", response.status()));
    }
    let unreadable = || Text::new(Msg::ConfigUnreadable);
    let text = JsFuture::from(response.text().map_err(|_| unreadable())?)
        .await
        .map_err(|_| unreadable())?;
    let value = js_sys::JSON::parse(&text.as_string().unwrap_or_default())
        .map_err(|_| Text::new(Msg::ConfigNotJson))?;
    value
        .dyn_into::<Object>()
        .map_err(|_| Text::new(Msg::ConfigNotObject))
}

/// The language this device was asked to remember, if any.
fn remembered_language() -> Option<&'static Language> {
    let tag = storage(true)?.get_item(LANGUAGE_KEY).ok().flatten()?;
    best_match(&tag)
}

/// Remembers `language` on this device, or (`None`) forgets the choice.
fn remember_language(language: Option<&'static Language>) {
    if let Some(store) = storage(true) {
        let _ = match language {
            Some(l) => store.set_item(LANGUAGE_KEY, l.tag),
            None => store.remove_item(LANGUAGE_KEY),
        };
    }
}

/// The page's language and what the user chose about it.
#[derive(Clone, Copy)]
struct PageLanguage {
    /// The language asked for (shown once its messages are loaded).
    chosen: RwSignal<&'static Language>,
    /// Whether the user asked this device to remember it.
    remember: RwSignal<bool>,
    /// Whether the user (or a remembered choice) picked it, so `config.json` no longer decides.
    picked: RwSignal<bool>,
    /// The page's `<html lang>` as served, read before the page writes its own.
    served_lang: StoredValue<Option<String>>,
}

impl PageLanguage {
    fn new() -> Self {
        let remembered = remembered_language();
        let served_lang = page_language();
        let first = remembered.unwrap_or_else(|| {
            choose_language(None, served_lang.as_deref(), &navigator_languages())
        });
        PageLanguage {
            chosen: RwSignal::new(first),
            remember: RwSignal::new(remembered.is_some()),
            picked: RwSignal::new(remembered.is_some()),
            served_lang: StoredValue::new(served_lang),
        }
    }

    /// `config.json`'s `locale` decides, unless the user picked a language already.
    fn configured(&self, locale: Option<String>) {
        if self.picked.get_untracked() {
            return;
        }
        let language = choose_language(
            locale.as_deref(),
            self.served_lang.get_value().as_deref(),
            &navigator_languages(),
        );
        self.chosen.set(language);
    }

    /// The user picked `language` in the switch.
    fn pick(&self, language: &'static Language) {
        self.picked.set(true);
        self.chosen.set(language);
        if self.remember.get_untracked() {
            remember_language(Some(language));
        }
    }

    /// The user ticked or unticked "Remember the language on this device".
    fn set_remember(&self, remember: bool) {
        self.remember.set(remember);
        remember_language(remember.then(|| self.chosen.get_untracked()));
    }
}

/// The `locale` the widget gets for `language`: `config.json`'s when it is that language
/// (`de-CH` keeps its number format), else the user's own variant of it from
/// `navigator.languages` (`en-GB` keeps British dates), else the language's tag.
fn widget_locale(language: &'static Language, configured: Option<&str>) -> String {
    let same = |tag: &&str| best_match(tag).is_some_and(|l| l.tag == language.tag);
    configured
        .filter(same)
        .map(str::to_owned)
        .or_else(|| {
            navigator_languages()
                .split(',')
                .map(str::trim)
                .find(same)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| language.tag.to_owned())
}

/// The page's language switch: a list of the languages in their own names, and whether to
/// remember the choice on this device.
#[component]
fn LanguageSwitch(language: PageLanguage) -> impl IntoView {
    let i18n = I18n::expect();
    let select_id = unique_id("wb-page-language");
    let remember_id = unique_id("wb-page-language-remember");
    let (select_for, remember_for) = (select_id.clone(), remember_id.clone());
    view! {
        <div class="wb-page__language">
            <label class="wb-field__label" for=select_for>{i18n.t(Msg::Language)}</label>
            <select
                id=select_id
                class="wb-select wb-select--small"
                on:change=move |ev| {
                    if let Some(l) = best_match(&event_target_value(&ev)) {
                        language.pick(l);
                    }
                }
            >
                {LANGUAGES
                    .iter()
                    .map(|l| {
                        view! {
                            <option value=l.tag lang=l.tag prop:selected=move || language.chosen.get().tag == l.tag>
                                {l.name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <span class="wb-page__remember">
                <input
                    id=remember_id
                    type="checkbox"
                    prop:checked=move || language.remember.get()
                    on:change=move |ev| language.set_remember(event_target_checked(&ev))
                />
                <label for=remember_for>{i18n.t(Msg::RememberLanguage)}</label>
            </span>
        </div>
    }
}

/// Mounts the standalone page into `root` (what `www/index.html`'s element gets when the bundle
/// loads): the language switch, then the sign-in form or, signed in, the widget.
pub fn start(root: web_sys::HtmlElement) {
    let handle = leptos::mount::mount_to(root, || view! { <StandalonePage /> });
    handle.forget();
}

lazy_part! {
    /// The sign-in form: its own chunk, which a signed-in page never fetches.
    fn sign_in_view / __preload_sign_in_view in signin
        (
            config: StoredValue<Object, LocalStorage>,
            notice: RwSignal<Option<Text>>,
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
    let notice = RwSignal::new(None::<Text>);
    let i18n = I18n::new();
    i18n.provide();
    let language = PageLanguage::new();
    Effect::new(move |_| i18n.set_language(language.chosen.get()));
    // The document says which language it is in (screen readers, spelling, hyphenation) and
    // its tab's title follows.
    Effect::new(move |_| {
        let tag = i18n.language().tag;
        let title = i18n.text(Msg::PageTitle);
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = document.document_element() {
                let _ = html.set_attribute("lang", tag);
            }
            document.set_title(&title);
        }
    });
    if session.with_untracked(Option::is_none) {
        // Fetched beside config.json rather than after it.
        leptos::task::spawn_local(async {
            let _ = __preload_sign_in_view().await;
        });
    }
    view! {
        <div class="wb-root wb-page" data-theme="auto">
            <LanguageSwitch language />
            <Suspense fallback=move || view! { <p class="wb-page__loading">{i18n.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let config = config.await;
                    let (config, config_error) = match config {
                        Ok(c) => (c, None),
                        Err(e) => (Object::new(), Some(e)),
                    };
                    language.configured(get(&config, "locale").as_string());
                    let config = StoredValue::new_local(config);
                    view! {
                        {config_error.map(|e| view! { <Alert notice=Notice::warning(e)/> })}
                        {move || match session.get() {
                            Some(s) => view! { <SignedIn session=s config notice signed_out=session language /> }.into_any(),
                            None => view! {
                                <LazyRegion
                                    preload=preload!(__preload_sign_in_view)
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
    notice: RwSignal<Option<Text>>,
    session: RwSignal<Option<Session>>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let configured_url = config
        .with_value(|c| get(c, "apiUrl").as_string())
        .unwrap_or_default();
    let api_url = RwSignal::new(configured_url);
    let token = RwSignal::new(String::new());
    let scheme = RwSignal::new(Scheme::Token);
    let remember = RwSignal::new(false);
    let error = RwSignal::new(None::<Text>);
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
                Text::new(Msg::EnterApiAddress)
            } else {
                e.message
            }));
            return;
        }
        let key = token.get_untracked().trim().to_string();
        if key.is_empty() {
            error.set(Some(Text::new(Msg::EnterToken)));
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
            // One cheap request proves the address and the token before anything is stored: a
            // one-row page, read to its end (a HEAD left an aborted request in the console).
            let client = candidate.client();
            let probe = BackupQuery {
                page_size: Some(1),
                field: vec!["uuid".into()],
                ..BackupQuery::default()
            };
            match client.list_backups(&probe).await {
                Ok(_) => {
                    save_session(&candidate);
                    notice.set(None);
                    session.set(Some(candidate));
                }
                Err(e) => error.set(Some(if e.is_unauthorized() {
                    Text::new(Msg::TokenRefused)
                } else {
                    e.message()
                })),
            }
            busy.set(false);
        });
    };

    // The form is what the page is for now (first visit, or just signed out): its first field
    // to fill in takes focus, unless the person is already somewhere else.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        let Some(form) = form_ref.get() else { return };
        request_animation_frame(move || {
            if !focus_lost() {
                return;
            }
            let empty = form
                .query_selector_all("input.wb-input")
                .ok()
                .and_then(|list| {
                    (0..list.length())
                        .filter_map(|i| list.item(i))
                        .filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .find(|i| i.value().trim().is_empty())
                });
            if let Some(input) = empty {
                let _ = input.focus();
            }
        });
    });

    view! {
        <form class="wb-signin" on:submit=submit aria-labelledby=title_ref novalidate node_ref=form_ref>
            <h1 class="wb-signin__title" id=title_id>{i18n.t(Msg::SignInTitle)}</h1>
            {move || notice.get().map(|n| view! { <Alert notice=Notice::warning(n) role="status"/> })}
            <div class="wb-field">
                <label class="wb-field__label" for=url_ref>{i18n.t(Msg::ApiAddress)}</label>
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
                <label class="wb-field__label" for=token_ref>{i18n.t(Msg::ApiToken)}</label>
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
                <span class="wb-field__hint">{i18n.t(Msg::TokenHint)}</span>
            </div>
            <fieldset class="wb-field wb-signin__scheme">
                <legend class="wb-field__label">{i18n.t(Msg::TokenType)}</legend>
                <label>
                    <input
                        type="radio"
                        name="wb-scheme"
                        prop:checked=move || scheme.get() == Scheme::Token
                        on:change=move |_| scheme.set(Scheme::Token)
                    />
                    " "{i18n.t(Msg::TokenTypeToken)}
                </label>
                <label>
                    <input
                        type="radio"
                        name="wb-scheme"
                        prop:checked=move || scheme.get() == Scheme::Bearer
                        on:change=move |_| scheme.set(Scheme::Bearer)
                    />
                    " "{i18n.t(Msg::TokenTypeBearer)}
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
                    {i18n.t(Msg::RememberMe)}
                </label>
            </div>
            <p class="wb-field__error" id=error_id role="alert">
                {move || error.with(|e| e.as_ref().map(|e| i18n.show(e)))}
            </p>
            <button class="wb-button wb-button--primary" type="submit" disabled=move || busy.get()>
                {move || i18n.text(if busy.get() { Msg::SigningIn } else { Msg::SignIn })}
            </button>
        </form>
    }
}

#[component]
fn SignedIn(
    session: Session,
    config: StoredValue<Object, LocalStorage>,
    notice: RwSignal<Option<Text>>,
    signed_out: RwSignal<Option<Session>>,
    language: PageLanguage,
) -> impl IntoView {
    let i18n = I18n::expect();
    let host = NodeRef::<leptos::html::Div>::new();
    let handle: StoredValue<Option<BackupsHandle>, LocalStorage> = StoredValue::new_local(None);
    let mount_error = RwSignal::new(None::<Text>);
    let api_host = session.api_url.clone();
    // Who is signed in, for the header: `None` while asking. The widget does not wait for it: it
    // mounts at once and shares this answer (`current_user_shared`), adding staff actions when
    // it says staff. An answer that has not come within a few seconds (a hanging proxy) is given
    // up, and so is a failed one (an older Waldur): the page goes on without them, and the
    // widget reports real errors itself.
    let user = RwSignal::new(None::<Option<CurrentUser>>);
    if config.with_value(|c| get(c, "isStaff").is_undefined()) {
        let client = session.client().with_timeout(WHO_AM_I_TIMEOUT);
        leptos::task::spawn_local(async move {
            let me = client.current_user_shared().await;
            user.try_set(Some(me));
        });
    } else {
        user.set(Some(None));
    }
    let heading = NodeRef::<leptos::html::H1>::new();

    let sign_out = move |message: Option<Text>| {
        clear_session();
        notice.set(message);
        signed_out.set(None);
    };

    // Signed in just now, the form that had focus is gone: focus goes to the page's heading.
    Effect::new(move |_| {
        if heading.get().is_some() {
            request_animation_frame(move || {
                if focus_lost() {
                    if let Some(h) = heading.try_get_untracked().flatten() {
                        let _ = h.focus();
                    }
                }
            });
        }
    });

    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
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
        // The widget speaks the page's language (the switch changes both).
        let configured = get(&options, "locale").as_string();
        let locale = widget_locale(language.chosen.get_untracked(), configured.as_deref());
        set("locale", locale.as_str().into());
        // The page follows the system's light or dark setting (styles.css); so does the widget
        // on it, unless config.json chose a theme.
        if get(&options, "theme").is_undefined() {
            set("theme", "auto".into());
        }
        let on_unauthorized = Closure::<dyn Fn(JsValue)>::new(move |_detail: JsValue| {
            sign_out(Some(Text::new(Msg::SessionEnded)));
        });
        set("onUnauthorized", on_unauthorized.as_ref().clone());
        // The widget lives as long as this page; the closure with it.
        on_unauthorized.forget();
        match mount_backups(el.unchecked_into(), options.into()) {
            Ok(h) => handle.set_value(Some(h)),
            // An option of config.json the widget refused: its message names the option
            // (in English, as it is thrown for the page's developer).
            Err(e) => mount_error.set(Some(
                JsValue::from(e)
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| Text::verbatim(String::from(e.message())))
                    .unwrap_or_else(|| Text::new(Msg::WidgetNotStarted)),
            )),
        }
    });
    // A language picked in the switch goes to the mounted widget too.
    Effect::new(move |before: Option<&'static str>| {
        let chosen = language.chosen.get();
        if before.is_some_and(|b| b != chosen.tag) {
            let configured = config.with_value(|c| get(c, "locale").as_string());
            let locale = widget_locale(chosen, configured.as_deref());
            handle.with_value(|h| {
                if let Some(h) = h {
                    let _ = h.update(object_with("locale", &locale));
                }
            });
        }
        chosen.tag
    });
    on_cleanup(move || {
        if let Some(h) = handle.try_update_value(Option::take).flatten() {
            h.unmount();
        }
    });

    view! {
        <header class="wb-page__header">
            <h1 class="wb-page__title" tabindex="-1" node_ref=heading>{i18n.t(Msg::BackupsLabel)}</h1>
            <span class="wb-page__api" title=i18n.t(Msg::WaldurApi)>{api_host}</span>
            {move || user.get().flatten().map(|u| {
                let name = u.full_name.filter(|n| !n.trim().is_empty()).unwrap_or(u.username);
                view! {
                    <span class="wb-page__user">
                        {i18n.t_with(Msg::SignedInAs, move || vec![("name", name.clone().into())])}
                    </span>
                }
            })}
            <button class="wb-button" type="button" on:click=move |_| sign_out(None)>{i18n.t(Msg::SignOut)}</button>
        </header>
        {move || mount_error.get().map(|e| view! { <Alert notice=Notice::error(e)/> })}
        <div class="wb-page__widget" node_ref=host></div>
    }
}

/// `{key: value}` as a JS object.
fn object_with(key: &str, value: &str) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str(key), &JsValue::from_str(value));
    o.into()
}
