//! The HTTP client: `fetch` through gloo-net, with timeouts, cancellation and typed errors.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

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
    Instance, RestoreRequest, SecurityGroup, Subnet, Tenant,
};
use super::query::{
    parse_link_header, percent_encode, BackupQuery, ListQuery, Page, MAX_PAGE_SIZE,
};

/// Default time a request may take before it fails with [`ApiError::Timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Stops following pages after this many, in case a server keeps sending `next`.
const MAX_PAGES: u32 = 1000;

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

    async fn exchange(
        &self,
        method: Method,
        path_and_query: &str,
        body: Option<String>,
        slot: Option<&AbortSlot>,
    ) -> Result<Reply, ApiError> {
        let mut flight = InFlight::start(self.inner.timeout.get(), slot)?;
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
            response.text().await.map_err(|e| flight.failure(e))?
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
        self.exchange(Method::GET, path, None, None)
            .await?
            .success()?
            .json()
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
        Ok(Page {
            items: reply.json()?,
            total: reply.total(),
            links: reply
                .link
                .as_deref()
                .map(parse_link_header)
                .unwrap_or_default(),
        })
    }

    /// One page of backups matching `query`.
    pub async fn list_backups(&self, query: &BackupQuery) -> Result<Page<Backup>, ApiError> {
        self.get_page(BACKUPS, &query.to_query_string(), None).await
    }

    /// Like [`list_backups`](Self::list_backups), but aborts this client's previous
    /// `list_backups_latest` still in flight (it fails with [`ApiError::Aborted`]).
    pub async fn list_backups_latest(&self, query: &BackupQuery) -> Result<Page<Backup>, ApiError> {
        let slot = self.inner.list_slot.clone();
        self.get_page(BACKUPS, &query.to_query_string(), Some(&slot))
            .await
    }

    /// Like [`list_backups`](Self::list_backups), aborting whatever `slot` holds first.
    pub async fn list_backups_in(
        &self,
        query: &BackupQuery,
        slot: &AbortSlot,
    ) -> Result<Page<Backup>, ApiError> {
        self.get_page(BACKUPS, &query.to_query_string(), Some(slot))
            .await
    }

    /// How many backups match `query` (a `HEAD` request reading `X-Result-Count`).
    pub async fn count_backups(&self, query: &BackupQuery) -> Result<u64, ApiError> {
        let qs = query.without_paging().to_query_string();
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
    pub async fn get_backup(&self, uuid: &str) -> Result<Backup, ApiError> {
        self.get_json(&item(BACKUPS, uuid, "")).await
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

    /// Asks the server to re-read the backup from OpenStack; returns the server's message.
    pub async fn pull_backup(&self, uuid: &str) -> Result<String, ApiError> {
        let reply = self
            .exchange(Method::POST, &item(BACKUPS, uuid, "pull/"), None, None)
            .await?
            .success()?;
        let detail: Option<Detail> = reply.json().ok();
        Ok(detail
            .and_then(|d| d.detail)
            .unwrap_or_else(|| "Pull operation was scheduled.".into()))
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

    /// The user the credentials belong to (`GET /api/users/me/`), for example to know whether
    /// staff-only actions apply.
    pub async fn current_user(&self) -> Result<CurrentUser, ApiError> {
        self.get_json("/api/users/me/").await
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
            let p: Page<T> = self.get_page(path, &query.to_query_string(), None).await?;
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
