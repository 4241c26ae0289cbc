//! The HTTP client: `fetch` through gloo-net, with timeouts, cancellation and typed errors.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use gloo_net::http::{Method, RequestBuilder};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, RequestCredentials};

use super::auth::Auth;
use super::decode::{decode_js, JsonValue};
use super::error::ApiError;
use super::models::{
    Backup, BackupCreate, BackupPatch, BackupUpdate, CurrentUser, Detail, Flavor, FloatingIp,
    Instance, InstanceSummary, RestoreRequest, SecurityGroup, Subnet, Tenant,
};
use super::query::{
    parse_link_header, percent_encode, BackupQuery, ListQuery, Page, MAX_PAGE_SIZE,
};
use super::server::{
    after_list_error, learned_error_replies, may_hide_a_reply, optional_action_failure,
    recheck_verdict, reclassify, ErrorReplies, ListRetry, OptionalAction, Recheck, ServerBook,
    Spelling, ANSWER_CUT, ANSWER_PROBE, ERROR_PROBE,
};

/// Default time a request may take before it fails with [`ApiError::Timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Stops following pages after this many, in case a server keeps sending `next`.
const MAX_PAGES: u32 = 1000;

/// How long the quick second request after a network error may take.
const RECHECK_TIMEOUT: Duration = Duration::from_secs(8);

thread_local! {
    /// What this page has learned about each server, shared by every client of the same address.
    static SERVERS: RefCell<ServerBook> = RefCell::new(ServerBook::new());
    /// `GET /api/users/me/` per server and credentials: asked once, shared by every widget.
    static USERS: RefCell<HashMap<String, UserEntry>> = RefCell::new(HashMap::new());
}

/// Reads or changes what the page knows about servers (one function for every use: small).
fn servers(f: &mut dyn FnMut(&mut ServerBook)) {
    SERVERS.with(|b| f(&mut b.borrow_mut()));
}

/// The signed-in user of one server and credentials: being asked (with who waits), or known.
enum UserEntry {
    Asking(Vec<oneshot::Sender<Option<CurrentUser>>>),
    Known(CurrentUser),
}

/// What a caller of `current_user_shared` does: take the known answer, wait for the one being
/// asked, or ask.
enum Turn {
    Known(CurrentUser),
    Wait(oneshot::Receiver<Option<CurrentUser>>),
    Ask,
}

/// The question under way for one key. If its caller goes away first (its widget unmounted),
/// the question is forgotten: those waiting get no answer (and go on without it), and the next
/// caller asks again.
struct Asking(Option<String>);

impl Asking {
    /// Keeps a successful answer for the page and tells those waiting.
    fn answer(mut self, me: Option<CurrentUser>) {
        let Some(key) = self.0.take() else { return };
        let before = USERS.with(|u| {
            let mut users = u.borrow_mut();
            match &me {
                Some(me) => users.insert(key, UserEntry::Known(me.clone())),
                None => users.remove(&key),
            }
        });
        if let Some(UserEntry::Asking(waiters)) = before {
            for w in waiters {
                let _ = w.send(me.clone());
            }
        }
    }
}

impl Drop for Asking {
    fn drop(&mut self) {
        if let Some(key) = self.0.take() {
            // Dropping the waiters' senders ends their wait.
            let _ = USERS.try_with(|u| u.borrow_mut().remove(&key));
        }
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, timeout: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Holds the in-flight request of one view; starting a new one aborts the previous (latest wins).
#[derive(Clone, Default)]
pub struct AbortSlot(Rc<RefCell<Option<AbortController>>>);

impl AbortSlot {
    /// An empty slot.
    pub fn new() -> Self {
        Self::default()
    }

    /// Aborts the request in flight, if any (it fails with [`ApiError::Aborted`]).
    pub fn abort(&self) {
        if let Some(c) = self.0.borrow_mut().take() {
            c.abort();
        }
    }

    fn replace(&self, controller: &AbortController) {
        if let Some(old) = self.0.borrow_mut().replace(controller.clone()) {
            old.abort();
        }
    }

    fn release(&self, controller: &AbortController) {
        let mut cur = self.0.borrow_mut();
        if cur.as_ref() == Some(controller) {
            *cur = None;
        }
    }
}

/// Cleans up one request: clears its timer, frees its slot and, if the caller dropped the
/// future before the answer came, aborts the fetch.
struct InFlight {
    controller: AbortController,
    timer: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
    timed_out: Rc<Cell<bool>>,
    slot: Option<AbortSlot>,
    finished: bool,
}

impl InFlight {
    fn start(timeout: Duration, slot: Option<&AbortSlot>) -> Result<Self, ApiError> {
        let controller = AbortController::new().map_err(|e| ApiError::Network(js_text(&e)))?;
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), ms);
        if let Some(slot) = slot {
            slot.replace(&controller);
        }
        Ok(InFlight {
            controller,
            timer,
            _on_timeout: on_timeout,
            timed_out,
            slot: slot.cloned(),
            finished: false,
        })
    }

    /// Maps a fetch or body-read failure: our timer → Timeout, any other abort → Aborted.
    fn failure(&self, err: gloo_net::Error) -> ApiError {
        match err {
            gloo_net::Error::JsError(e) if e.name == "AbortError" => {
                if self.timed_out.get() {
                    ApiError::Timeout
                } else {
                    ApiError::Aborted
                }
            }
            gloo_net::Error::JsError(e) => ApiError::Network(format!("{}: {}", e.name, e.message)),
            other => ApiError::Network(other.to_string()),
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if !self.finished {
            self.controller.abort();
        }
        if let Some(slot) = &self.slot {
            slot.release(&self.controller);
        }
    }
}

/// A finished exchange: status, the headers we use, and the body text.
struct Reply {
    status: u16,
    link: Option<String>,
    count: Option<String>,
    text: String,
}

impl Reply {
    /// Fails with the matching [`ApiError`] unless the status is 2xx.
    fn success(self) -> Result<Reply, ApiError> {
        if (200..300).contains(&self.status) {
            return Ok(self);
        }
        let body = parse_json(&self.text)
            .ok()
            .and_then(|v| serde_wasm_bindgen::from_value::<JsonValue>(v).ok());
        Err(ApiError::from_response(self.status, body.as_ref()))
    }

    /// Decodes the body as `T`.
    fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        decode_js(parse_json(&self.text)?)
    }

    fn total(&self) -> Option<u64> {
        self.count.as_deref().and_then(|c| c.trim().parse().ok())
    }

    /// A 404 whose body is not JSON: the server has no such URL at all (Waldur's own 404s for
    /// a missing object are JSON).
    fn is_unknown_url(&self) -> bool {
        self.status == 404 && parse_json(&self.text).is_err()
    }
}

/// The `state` of each object in a parsed answer (a list or one object), as the server wrote it.
fn states_in(value: &JsValue) -> Vec<String> {
    let state = |item: &JsValue| {
        js_sys::Reflect::get(item, &JsValue::from_str("state"))
            .ok()
            .and_then(|s| s.as_string())
    };
    if let Some(list) = value.dyn_ref::<js_sys::Array>() {
        list.iter().filter_map(|item| state(&item)).collect()
    } else {
        state(value).into_iter().collect()
    }
}

/// A short fingerprint of a credential, so the user cache never holds the secret itself.
fn fingerprint(secret: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in secret.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn parse_json(text: &str) -> Result<JsValue, ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::Decode("the body is empty".into()));
    }
    js_sys::JSON::parse(text).map_err(|_| ApiError::Decode("the body is not JSON".into()))
}

fn js_text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}

/// Serializes a request body to JSON text with the browser's `JSON.stringify`.
fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    let js = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| ApiError::Decode(format!("could not encode the request: {e}")))?;
    js_sys::JSON::stringify(&js)
        .map(String::from)
        .map_err(|e| ApiError::Decode(format!("could not encode the request: {}", js_text(&e))))
}

struct Inner {
    base_url: String,
    auth: Auth,
    timeout: Cell<Duration>,
    list_slot: AbortSlot,
    language: Cell<&'static str>,
}

/// A Waldur API client for one base URL and one set of credentials; cheap to clone and
/// `Send + Sync` (for `provide_context`) because it only lives on the browser's main thread.
#[derive(Clone)]
pub struct Client {
    inner: SendWrapper<Rc<Inner>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.auth)
            .finish()
    }
}

impl Client {
    /// A client for the Waldur server at `base_url` (`https://waldur.example.com`; a trailing `/` or `/api` is ignored).
    pub fn new(base_url: impl Into<String>, auth: Auth) -> Self {
        let mut base = base_url.into().trim().trim_end_matches('/').to_owned();
        if let Some(stripped) = base.strip_suffix("/api") {
            base = stripped.to_owned();
        }
        Client {
            inner: SendWrapper::new(Rc::new(Inner {
                base_url: base,
                auth,
                timeout: Cell::new(DEFAULT_TIMEOUT),
                list_slot: AbortSlot::new(),
                language: Cell::new(""),
            })),
        }
    }

    /// Sets how long each request may take (default 30 s); shared by clones.
    pub fn with_timeout(self, timeout: Duration) -> Self {
        self.inner.timeout.set(timeout);
        self
    }

    /// Sends `Accept-Language: <tag>` from now on (the widget's language, so Waldur answers
    /// in it where it can); shared by clones. `""` sends none.
    pub fn set_language(&self, tag: &'static str) {
        self.inner.language.set(tag);
    }

    /// The server root requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// [`exchange_within`](Self::exchange_within) the client's timeout; the same future, not
    /// one wrapped in another (which would carry a second copy of it in the bundle).
    fn exchange<'a>(
        &'a self,
        method: Method,
        path_and_query: &'a str,
        body: Option<String>,
        slot: Option<&'a AbortSlot>,
    ) -> impl std::future::Future<Output = Result<Reply, ApiError>> + 'a {
        self.exchange_within(self.inner.timeout.get(), method, path_and_query, body, slot)
    }

    async fn exchange_within(
        &self,
        timeout: Duration,
        method: Method,
        path_and_query: &str,
        body: Option<String>,
        slot: Option<&AbortSlot>,
    ) -> Result<Reply, ApiError> {
        let mut flight = InFlight::start(timeout, slot)?;
        let auth = self.inner.auth.header().await;
        let is_head = method == Method::HEAD;
        let signal = flight.controller.signal();
        let mut builder =
            RequestBuilder::new(&format!("{}{}", self.inner.base_url, path_and_query))
                .method(method)
                .header("Accept", "application/json")
                .credentials(if self.inner.auth.sends_cookies() {
                    RequestCredentials::Include
                } else {
                    RequestCredentials::SameOrigin
                })
                .abort_signal(Some(&signal));
        if let Some(value) = auth {
            builder = builder.header("Authorization", &value);
        }
        if !self.inner.language.get().is_empty() {
            builder = builder.header("Accept-Language", self.inner.language.get());
        }
        let request = match body {
            Some(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            None => builder.build(),
        }
        .map_err(|e| flight.failure(e))?;
        let response = request.send().await.map_err(|e| flight.failure(e))?;
        let headers = response.headers();
        let text = if is_head {
            String::new()
        } else {
            response.text().await.map_err(|e| match flight.failure(e) {
                // The answer had begun: not a reply the browser hid.
                ApiError::Network(detail) => ApiError::Network(format!("{ANSWER_CUT}{detail}")),
                other => other,
            })?
        };
        flight.finished = true;
        Ok(Reply {
            status: response.status(),
            link: headers.get("link"),
            count: headers.get("x-result-count"),
            text,
        })
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let reply = match self.exchange(Method::GET, path, None, None).await {
            Ok(reply) => reply,
            Err(e) => return Err(self.hidden_or(e).await),
        };
        reply.success()?.json()
    }

    /// A network error that may be a reply the browser hid: checked ([`recheck`](Self::recheck))
    /// and told as [`ApiError::Unreadable`] when the server answers and hides its errors.
    /// Boxed: the generic readers share one copy of the check instead of one each.
    fn hidden_or(&self, error: ApiError) -> LocalBoxFuture<'_, ApiError> {
        Box::pin(async move {
            if may_hide_a_reply(&error) {
                reclassify(error, self.recheck().await)
            } else {
                error
            }
        })
    }

    async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let body = to_json(body)?;
        self.exchange(method, path, Some(body), None)
            .await?
            .success()?
            .json()
    }

    /// Decodes backups (one or a list), first noting how the server spells their states.
    fn read_backups<T: DeserializeOwned>(&self, reply: &Reply) -> Result<T, ApiError> {
        let value = parse_json(&reply.text)?;
        let states = states_in(&value);
        servers(&mut |b| b.learn_states(self.base_url(), states.iter().map(String::as_str)));
        decode_js(value)
    }

    async fn get_page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &str,
        slot: Option<&AbortSlot>,
    ) -> Result<Page<T>, ApiError> {
        let target = if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        };
        let reply = self
            .exchange(Method::GET, &target, None, slot)
            .await?
            .success()?;
        let items = if path == BACKUPS {
            self.read_backups(&reply)?
        } else {
            reply.json()?
        };
        Ok(Page {
            items,
            total: reply.total(),
            links: reply
                .link
                .as_deref()
                .map(parse_link_header)
                .unwrap_or_default(),
        })
    }

    /// One page of backups matching `query`, its states spelled as this server spells them.
    ///
    /// The spelling comes from what the server's answers showed (shared by every client of
    /// this address on the page). If the server refuses it (a 400 on `state`, or, behind a proxy
    /// that hides error replies, a network error while the spelling is still a guess), the list
    /// is asked once more in the other spelling. A network error from a server that answers a
    /// quick check is [`ApiError::Unreadable`].
    pub async fn list_backups(&self, query: &BackupQuery) -> Result<Page<Backup>, ApiError> {
        self.backups_page(query, None).await
    }

    /// Like [`list_backups`](Self::list_backups), but aborts this client's previous
    /// `list_backups_latest` still in flight (it fails with [`ApiError::Aborted`]).
    pub async fn list_backups_latest(&self, query: &BackupQuery) -> Result<Page<Backup>, ApiError> {
        let slot = self.inner.list_slot.clone();
        self.backups_page(query, Some(&slot)).await
    }

    /// Like [`list_backups`](Self::list_backups), aborting whatever `slot` holds first.
    pub async fn list_backups_in(
        &self,
        query: &BackupQuery,
        slot: &AbortSlot,
    ) -> Result<Page<Backup>, ApiError> {
        self.backups_page(query, Some(slot)).await
    }

    async fn backups_page(
        &self,
        query: &BackupQuery,
        slot: Option<&AbortSlot>,
    ) -> Result<Page<Backup>, ApiError> {
        let server = self.base_url();
        let respellable = query.is_respellable();
        let mut found = None;
        servers(&mut |b| found = b.learned(server));
        let learned = found.is_some();
        let mut spelling = found.unwrap_or_default();
        let mut first = true;
        loop {
            let qs = query.to_query_string_spelled(spelling);
            let error = match self.get_page(BACKUPS, &qs, slot).await {
                Ok(page) => {
                    if !first {
                        servers(&mut |b| b.set_spelling(server, spelling));
                    }
                    return Ok(page);
                }
                Err(e) => e,
            };
            match after_list_error(&error, spelling, first, respellable, learned) {
                ListRetry::Respell {
                    spelling: next,
                    certain,
                } => {
                    if certain {
                        servers(&mut |b| b.set_spelling(server, next));
                    }
                    spelling = next;
                    first = false;
                }
                ListRetry::Probe => return Err(reclassify(error, self.recheck().await)),
                ListRetry::GiveUp => return Err(error),
            }
        }
    }

    /// After a request failed like a network error: whether the server answers a request that
    /// cannot fail for its filters, and whether the browser can read its error replies (asked
    /// once per server with a request every release refuses). Tells a refusal the browser hid
    /// from a broken connection.
    pub async fn recheck(&self) -> Recheck {
        let server = self.base_url();
        let mut known = None;
        servers(&mut |b| known = b.error_replies(server));
        if known == Some(ErrorReplies::Readable) {
            return recheck_verdict(known, true, None);
        }
        let get = |path: &'static str| {
            self.exchange_within(RECHECK_TIMEOUT, Method::GET, path, None, None)
        };
        let reachable = get(ANSWER_PROBE).await.is_ok();
        if !reachable || known.is_some() {
            return recheck_verdict(known, reachable, None);
        }
        let probe = get(ERROR_PROBE).await.map(|r| r.status);
        if let Some(learned) = learned_error_replies(&probe) {
            servers(&mut |b| b.set_error_replies(server, learned));
        }
        recheck_verdict(None, reachable, Some(&probe))
    }

    /// The backup as it is now, read through the list (`?uuid=`), whose answer the browser can
    /// always read: `None` when it is gone or no longer visible. Used after an action failed
    /// like a network error, to show what happened.
    pub async fn find_backup(&self, uuid: &str) -> Result<Option<Backup>, ApiError> {
        let target = format!("{BACKUPS}?uuid={}", percent_encode(uuid.trim()));
        let reply = self
            .exchange_within(RECHECK_TIMEOUT, Method::GET, &target, None, None)
            .await?
            .success()?;
        let found: Vec<Backup> = self.read_backups(&reply)?;
        Ok(found.into_iter().next())
    }

    /// How many backups match `query` (a `HEAD` request reading `X-Result-Count`).
    pub async fn count_backups(&self, query: &BackupQuery) -> Result<u64, ApiError> {
        let mut spelling = Spelling::Enum;
        servers(&mut |b| spelling = b.spelling(self.base_url()));
        let qs = query.without_paging().to_query_string_spelled(spelling);
        let target = if qs.is_empty() {
            BACKUPS.to_owned()
        } else {
            format!("{BACKUPS}?{qs}")
        };
        let reply = self
            .exchange(Method::HEAD, &target, None, None)
            .await?
            .success()?;
        reply.total().ok_or_else(|| {
            ApiError::Decode(
                "no X-Result-Count header; the server must expose it to the browser".into(),
            )
        })
    }

    /// One backup.
    ///
    /// Behind a proxy that hides error replies, a 404 arrives as a network error: then the
    /// backup is looked up through the list, and is either there or gone
    /// ([`ApiError::NotFound`]).
    pub async fn get_backup(&self, uuid: &str) -> Result<Backup, ApiError> {
        let reply = match self
            .exchange(Method::GET, &item(BACKUPS, uuid, ""), None, None)
            .await
        {
            Ok(reply) => reply,
            Err(e) => {
                return match self.hidden_or(e).await {
                    ApiError::Unreadable => match self.find_backup(uuid).await {
                        Ok(Some(b)) => Ok(b),
                        Ok(None) => Err(ApiError::NotFound("Not found.".into())),
                        Err(_) => Err(ApiError::Unreadable),
                    },
                    other => Err(other),
                };
            }
        };
        self.read_backups(&reply.success()?)
    }

    /// Replaces name, description and retention (`PUT`); only when the backup is OK.
    pub async fn update_backup(
        &self,
        uuid: &str,
        update: &BackupUpdate,
    ) -> Result<Backup, ApiError> {
        self.send_json(Method::PUT, &item(BACKUPS, uuid, ""), update)
            .await
    }

    /// Changes only the given fields (`PATCH`); only when the backup is OK.
    pub async fn patch_backup(&self, uuid: &str, patch: &BackupPatch) -> Result<Backup, ApiError> {
        self.send_json(Method::PATCH, &item(BACKUPS, uuid, ""), patch)
            .await
    }

    /// Schedules deletion (the backup goes through "Deletion scheduled" and "Deleting", then disappears).
    pub async fn delete_backup(&self, uuid: &str) -> Result<(), ApiError> {
        self.exchange(Method::DELETE, &item(BACKUPS, uuid, ""), None, None)
            .await?
            .success()?;
        Ok(())
    }

    /// Asks the server to re-read the backup from OpenStack; returns the server's message, if
    /// it sent one (the widget then says "Pull operation was scheduled." in its own language).
    pub async fn pull_backup(&self, uuid: &str) -> Result<Option<String>, ApiError> {
        let reply = self
            .exchange(Method::POST, &item(BACKUPS, uuid, "pull/"), None, None)
            .await?
            .success()?;
        let detail: Option<Detail> = reply.json().ok();
        Ok(detail.and_then(|d| d.detail))
    }

    /// Marks a stuck backup OK (`set_ok/`, staff only); returns the server's message. A release
    /// without the action (an HTML 404) gives [`ApiError::NotSupported`], and the client of every
    /// widget on the page knows it from then on ([`offers`](Self::offers)).
    pub async fn set_backup_ok(&self, uuid: &str) -> Result<String, ApiError> {
        self.state_action(uuid, OptionalAction::SetOk, None).await
    }

    /// Marks a stuck backup erred (`set_erred/`, staff only), with an optional message saying
    /// why; returns the server's message. See [`set_backup_ok`](Self::set_backup_ok).
    pub async fn set_backup_erred(
        &self,
        uuid: &str,
        error_message: Option<&str>,
    ) -> Result<String, ApiError> {
        let message = error_message.map(str::trim).filter(|m| !m.is_empty());
        self.state_action(uuid, OptionalAction::SetErred, Some(message))
            .await
    }

    async fn state_action(
        &self,
        uuid: &str,
        action: OptionalAction,
        erred: Option<Option<&str>>,
    ) -> Result<String, ApiError> {
        let body = erred.map(|message| match message {
            // The message as a JSON string (quoted and escaped by the browser).
            Some(m) => match js_sys::JSON::stringify(&JsValue::from_str(m)) {
                Ok(text) => format!("{{\"error_message\":{}}}", String::from(text)),
                Err(_) => "{}".into(),
            },
            None => "{}".into(),
        });
        let path = item(BACKUPS, uuid, &format!("{}/", action.path()));
        let reply = match self.exchange(Method::POST, &path, body, None).await {
            Ok(reply) => reply,
            Err(error) if may_hide_a_reply(&error) => {
                let recheck = self.recheck().await;
                let mut learned = None;
                servers(&mut |b| learned = b.learned(self.base_url()));
                let error = optional_action_failure(error, recheck, learned);
                if error == ApiError::NotSupported {
                    servers(&mut |b| b.mark_missing(self.base_url(), action));
                }
                return Err(error);
            }
            Err(error) => return Err(error),
        };
        if reply.is_unknown_url() {
            servers(&mut |b| b.mark_missing(self.base_url(), action));
            return Err(ApiError::NotSupported);
        }
        let reply = reply.success()?;
        let detail: Option<Detail> = reply.json().ok();
        Ok(detail
            .and_then(|d| d.detail)
            .unwrap_or_else(|| match action {
                OptionalAction::SetOk => "Resource has been marked as OK.".into(),
                OptionalAction::SetErred => "Resource has been marked as erred.".into(),
            }))
    }

    /// Whether this server may have `action` (every server does until it answered it with an
    /// HTML 404; then no client of that address on the page offers it again).
    pub fn offers(&self, action: OptionalAction) -> bool {
        let mut offers = true;
        servers(&mut |b| offers = b.offers(self.base_url(), action));
        offers
    }

    /// Whether this server was seen to be a release before 2025 (its states came as labels),
    /// which ignores the `can_manage` filter (8.1 has it).
    pub fn ignores_can_manage(&self) -> bool {
        let mut learned = None;
        servers(&mut |b| learned = b.learned(self.base_url()));
        learned == Some(Spelling::Label)
    }

    /// Removes the backup from Waldur only, leaving OpenStack untouched (staff only).
    pub async fn unlink_backup(&self, uuid: &str) -> Result<(), ApiError> {
        self.exchange(Method::POST, &item(BACKUPS, uuid, "unlink/"), None, None)
            .await?
            .success()?;
        Ok(())
    }

    /// Creates a new instance from the backup; returns it (state "Creation scheduled").
    pub async fn restore_backup(
        &self,
        uuid: &str,
        request: &RestoreRequest,
    ) -> Result<Instance, ApiError> {
        self.send_json(Method::POST, &item(BACKUPS, uuid, "restore/"), request)
            .await
    }

    /// Starts a new backup of an instance.
    pub async fn create_backup(
        &self,
        instance_uuid: &str,
        request: &BackupCreate,
    ) -> Result<Backup, ApiError> {
        self.send_json(
            Method::POST,
            &item(INSTANCES, instance_uuid, "backup/"),
            request,
        )
        .await
    }

    /// One instance (for example the one a restore created).
    pub async fn get_instance(&self, uuid: &str) -> Result<Instance, ApiError> {
        self.get_json(&item(INSTANCES, uuid, "")).await
    }

    /// One instance's state, place and name (the same request as
    /// [`get_instance`](Self::get_instance), decoded as an [`InstanceSummary`]).
    pub async fn get_instance_summary(&self, uuid: &str) -> Result<InstanceSummary, ApiError> {
        self.get_json(&item(INSTANCES, uuid, "")).await
    }

    /// The user the credentials belong to (`GET /api/users/me/`), for example to know whether
    /// staff-only actions apply.
    pub async fn current_user(&self) -> Result<CurrentUser, ApiError> {
        self.get_json("/api/users/me/").await
    }

    /// [`current_user`](Self::current_user), asked once per page for each server and
    /// credentials: every widget with the same ones shares the answer (and the request while it
    /// is under way). `None` when it failed; a later call asks again.
    pub async fn current_user_shared(&self) -> Option<CurrentUser> {
        let credential = match &self.inner.auth {
            Auth::None => "none".to_owned(),
            Auth::Session => "session".to_owned(),
            auth => match auth.header().await {
                Some(h) => fingerprint(&h),
                None => "none".to_owned(),
            },
        };
        let key = format!("{}\u{1f}{credential}", self.base_url());
        let turn = USERS.with(|u| {
            let mut users = u.borrow_mut();
            match users.get_mut(&key) {
                Some(UserEntry::Known(me)) => Turn::Known(me.clone()),
                Some(UserEntry::Asking(waiters)) => {
                    let (tx, rx) = oneshot::channel();
                    waiters.push(tx);
                    Turn::Wait(rx)
                }
                None => {
                    users.insert(key.clone(), UserEntry::Asking(Vec::new()));
                    Turn::Ask
                }
            }
        });
        match turn {
            Turn::Known(me) => Some(me),
            Turn::Wait(rx) => rx.await.ok().flatten(),
            Turn::Ask => {
                let asking = Asking(Some(key));
                let me = self.current_user().await.ok();
                asking.answer(me.clone());
                me
            }
        }
    }

    /// One tenant, with its quotas.
    pub async fn get_tenant(&self, uuid: &str) -> Result<Tenant, ApiError> {
        self.get_json(&item("/api/openstack-tenants/", uuid, ""))
            .await
    }

    /// Every item of a list endpoint (`/api/openstack-flavors/`), following all pages.
    pub async fn list_all<T: DeserializeOwned>(
        &self,
        path: &str,
        mut query: ListQuery,
    ) -> Result<Vec<T>, ApiError> {
        query.page_size = Some(query.page_size.unwrap_or(MAX_PAGE_SIZE));
        let mut page = 1;
        let mut all = Vec::new();
        for _ in 0..MAX_PAGES {
            query.page = Some(page);
            let p: Page<T> = match self.get_page(path, &query.to_query_string(), None).await {
                Ok(p) => p,
                Err(e) => return Err(self.hidden_or(e).await),
            };
            let next = p.next_page_number(page, (all.len() + p.items.len()) as u64);
            all.extend(p.items);
            match next {
                Some(n) => page = n,
                None => break,
            }
        }
        Ok(all)
    }

    /// All flavors of a tenant (only `fields` if not empty).
    pub async fn list_flavors(
        &self,
        tenant_uuid: &str,
        fields: &[&str],
    ) -> Result<Vec<Flavor>, ApiError> {
        self.list_all(
            "/api/openstack-flavors/",
            related(tenant_uuid, fields, None),
        )
        .await
    }

    /// All subnets of a tenant.
    pub async fn list_subnets(
        &self,
        tenant_uuid: &str,
        fields: &[&str],
    ) -> Result<Vec<Subnet>, ApiError> {
        self.list_all(
            "/api/openstack-subnets/",
            related(tenant_uuid, fields, None),
        )
        .await
    }

    /// All security groups of a tenant.
    pub async fn list_security_groups(
        &self,
        tenant_uuid: &str,
        fields: &[&str],
    ) -> Result<Vec<SecurityGroup>, ApiError> {
        self.list_all(
            "/api/openstack-security-groups/",
            related(tenant_uuid, fields, None),
        )
        .await
    }

    /// All floating IPs of a tenant.
    pub async fn list_floating_ips(
        &self,
        tenant_uuid: &str,
        fields: &[&str],
    ) -> Result<Vec<FloatingIp>, ApiError> {
        self.list_all(
            "/api/openstack-floating-ips/",
            related(tenant_uuid, fields, None),
        )
        .await
    }

    /// The unattached floating IPs of a tenant (`free=true`), the ones a restore can use.
    pub async fn list_free_floating_ips(
        &self,
        tenant_uuid: &str,
        fields: &[&str],
    ) -> Result<Vec<FloatingIp>, ApiError> {
        self.list_all(
            "/api/openstack-floating-ips/",
            related(tenant_uuid, fields, Some(true)),
        )
        .await
    }
}

const BACKUPS: &str = "/api/openstack-backups/";
const INSTANCES: &str = "/api/openstack-instances/";

/// `/api/…/{uuid}/{action}` with the UUID percent-encoded.
fn item(collection: &str, uuid: &str, action: &str) -> String {
    format!("{collection}{}/{action}", percent_encode(uuid.trim()))
}

fn related(tenant_uuid: &str, fields: &[&str], free: Option<bool>) -> ListQuery {
    ListQuery {
        tenant_uuid: Some(tenant_uuid.to_owned()),
        free,
        field: fields.iter().map(|f| (*f).to_owned()).collect(),
        ..Default::default()
    }
}
