//! Test harness: an in-process dev server on port 0 (manual clock), an HTTP client, and
//! validation of every JSON response body against the OpenAPI component schemas: the 8.1
//! schema as published, and for the 2024 profile the same schema with that release's measured
//! deviations patched in, one by one (`patch_2024`), so every other field is still checked.
#![allow(dead_code)]

use devserver::{tokens, Config, CorsMode, Profile};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub const STAFF: &str = tokens::STAFF;
pub const ADMIN: &str = tokens::ADMIN;
pub const SUPPORT: &str = tokens::SUPPORT;
pub const NOBODY: &str = tokens::NOBODY;

/// A running server and a client for it.
pub struct Server {
    pub base: String,
    pub client: reqwest::Client,
    /// The profile responses are validated against (follows `switch`).
    pub profile: Mutex<Profile>,
    /// The server's state, for tests that look inside.
    pub app: devserver::App,
}

/// A response with its parsed body.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn count(&self) -> usize {
        self.header("x-result-count")
            .expect("X-Result-Count")
            .parse()
            .expect("number")
    }
    pub fn items(&self) -> &Vec<Value> {
        self.body.as_array().expect("array body")
    }
    pub fn detail(&self) -> &str {
        self.body["detail"].as_str().expect("detail")
    }
}

pub async fn start() -> Server {
    start_with(Config::for_tests()).await
}

pub async fn start_with(config: Config) -> Server {
    let profile = config.profile;
    let (addr, _handle, app) = devserver::serve(config).await.expect("server starts");
    Server {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        profile: Mutex::new(profile),
        app,
    }
}

/// A server started in a profile.
pub async fn start_profile(profile: Profile) -> Server {
    start_with(Config {
        profile,
        ..Config::for_tests()
    })
    .await
}

/// Both profiles, for table-driven tests.
pub const PROFILES: [Profile; 2] = [Profile::V8_1, Profile::V2024];

/// The state spelling of a profile (`ERRED` / `Erred`).
pub fn spell(profile: Profile, enum_name: &str) -> String {
    let labels = [
        ("CREATION_SCHEDULED", "Creation Scheduled"),
        ("CREATING", "Creating"),
        ("UPDATE_SCHEDULED", "Update Scheduled"),
        ("UPDATING", "Updating"),
        ("DELETION_SCHEDULED", "Deletion Scheduled"),
        ("DELETING", "Deleting"),
        ("OK", "OK"),
        ("ERRED", "Erred"),
    ];
    let (e, l) = labels
        .iter()
        .find(|(e, _)| *e == enum_name)
        .unwrap_or_else(|| panic!("no state {enum_name}"));
    match profile {
        Profile::V8_1 => e.to_string(),
        Profile::V2024 => l.to_string(),
    }
}

impl Server {
    /// Sends a request with `Token <token>` (None = no credentials) and validates the body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let mut rb = self
            .client
            .request(method.clone(), format!("{}{}", self.base, path));
        if let Some(t) = token {
            rb = rb.header("Authorization", format!("Token {t}"));
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.expect("request sent");
        self.finish(method, path, r).await
    }

    pub async fn finish(&self, method: Method, path: &str, r: reqwest::Response) -> Resp {
        let status = r.status();
        let headers = r.headers().clone();
        let text = r.text().await.expect("body read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::Null)
        };
        let html = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
        if path.starts_with("/api/") && !text.is_empty() && !html {
            let v: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{method} {path}: invalid JSON {e}: {text:.200}"));
            let profile = *self.profile.lock().unwrap();
            validate_response(profile, &method, path, status, &v);
        }
        Resp {
            status,
            headers,
            body,
            text,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.call(Method::GET, path, Some(token), None).await
    }
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Resp {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }
    pub async fn put(&self, path: &str, token: &str, body: Value) -> Resp {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }
    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Resp {
        self.call(Method::PATCH, path, Some(token), Some(body))
            .await
    }
    pub async fn delete(&self, path: &str, token: &str) -> Resp {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// A control endpoint call (no auth, no schema).
    pub async fn control(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let mut rb = self
            .client
            .request(method, format!("{}/__devserver/{}", self.base, path));
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.expect("control request");
        assert!(r.status().is_success(), "control {path}: {}", r.status());
        let t = r.text().await.unwrap_or_default();
        serde_json::from_str(&t).unwrap_or(Value::Null)
    }

    /// Switches the server's profile and CORS mode at run time (validation follows).
    pub async fn switch(&self, profile: Profile, cors: CorsMode) {
        let r = self
            .control(
                Method::POST,
                "settings",
                Some(json!({ "profile": profile.as_str(), "cors": cors.as_str() })),
            )
            .await;
        assert_eq!(r["profile"], profile.as_str());
        *self.profile.lock().unwrap() = profile;
    }

    /// Resets the server to its command line's settings (validation follows).
    pub async fn reset(&self) {
        let r = self.control(Method::POST, "reset", None).await;
        let p: Profile = serde_json::from_value(r["settings"]["profile"].clone()).unwrap();
        *self.profile.lock().unwrap() = p;
    }

    pub async fn advance(&self, seconds: f64) {
        self.control(
            Method::POST,
            "clock/advance",
            Some(json!({ "seconds": seconds })),
        )
        .await;
    }

    /// All backups visible to staff matching a query (page_size 300).
    pub async fn backups(&self, query: &str) -> Vec<Value> {
        let r = self
            .get(
                &format!("/api/openstack-backups/?page_size=300&{query}"),
                STAFF,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.items().clone()
    }

    /// The first staff-visible backup matching a query.
    pub async fn backup(&self, query: &str) -> Value {
        self.backups(query)
            .await
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no backup for {query}"))
    }

    pub async fn first(&self, collection: &str, query: &str) -> Value {
        let r = self
            .get(&format!("/api/{collection}/?{query}"), STAFF)
            .await;
        r.items()
            .first()
            .cloned()
            .unwrap_or_else(|| panic!("no {collection} for {query}"))
    }
}

/// The path of an absolute URL.
pub fn path_of(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    rest.find('/')
        .map(|i| rest[i..].to_string())
        .unwrap_or_default()
}

pub fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str()
        .unwrap_or_else(|| panic!("{k} missing in {v}"))
}

// ---- schema validation ----

fn convert(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, val) in m {
                if k == "properties" {
                    // Keys here are property names, not keywords.
                    let props: Map<String, Value> = val
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(n, p)| (n.clone(), convert(p)))
                        .collect();
                    out.insert(k.clone(), Value::Object(props));
                    continue;
                }
                if k == "nullable"
                    || k == "readOnly"
                    || k == "writeOnly"
                    || k == "description"
                    || k == "default"
                {
                    continue;
                }
                out.insert(k.clone(), convert(val));
            }
            // Stricter than the schema: no undeclared keys, so typos in the server show up.
            if out.contains_key("properties") && !out.contains_key("additionalProperties") {
                out.insert("additionalProperties".into(), Value::Bool(false));
            }
            if m.get("nullable") == Some(&Value::Bool(true)) {
                return json!({ "anyOf": [Value::Object(out), { "type": "null" }] });
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(convert).collect()),
        other => other.clone(),
    }
}

fn openapi() -> Value {
    // The official OpenAPI extract lives in `shared/` beside the checkout (as on CI);
    // WALDUR_OPENAPI points elsewhere.
    let path = std::env::var("WALDUR_OPENAPI").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/waldur/openapi-backups.yaml"
        )
        .into()
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_yaml::from_str(&text).expect("yaml");
    doc["components"]["schemas"].clone()
}

/// Fields the 2024 release no longer sends on any structure resource.
const GONE_IN_2024: [&str; 2] = ["customer_uuid", "marketplace_offering_type"];

/// The 8.1 schema with the 2024 release's measured deviations (CONTRACT.md, "Measured on a
/// running Waldur"), each one patched in explicitly: what is not patched here is still
/// validated as 8.1 publishes it.
fn patch_2024(mut sc: Value) -> Value {
    // States are display labels, and only labels.
    sc["CoreStates"]["enum"] = json!([
        "Creation Scheduled",
        "Creating",
        "Update Scheduled",
        "Updating",
        "Deletion Scheduled",
        "Deleting",
        "OK",
        "Erred"
    ]);
    for name in [
        "OpenStackBackup",
        "OpenStackInstance",
        "OpenStackFloatingIP",
        "OpenStackTenant",
        "OpenStackSubNet",
        "OpenStackSecurityGroup",
    ] {
        let props = sc[name]["properties"].as_object_mut().expect(name);
        for gone in GONE_IN_2024 {
            props.remove(gone);
        }
    }
    let nullable = |sc: &mut Value, name: &str, prop: &str| {
        let p = &mut sc[name]["properties"][prop];
        assert!(!p.is_null(), "{name}.{prop}");
        p["nullable"] = json!(true);
    };
    // Backups: a schedule (URL or null) and its UUID (left out when null).
    let backup = sc["OpenStackBackup"]["properties"].as_object_mut().unwrap();
    backup.insert(
        "backup_schedule".into(),
        json!({ "type": "string", "format": "uri", "nullable": true }),
    );
    backup.insert(
        "backup_schedule_uuid".into(),
        json!({ "type": "string", "format": "uuid" }),
    );
    nullable(&mut sc, "OpenStackBackup", "instance_marketplace_uuid");
    // Restorations: only {uuid, instance, created, flavor}; the flavor may be deleted.
    let r = sc["OpenStackBackupRestoration"]["properties"]
        .as_object_mut()
        .unwrap();
    r.retain(|k, _| ["uuid", "instance", "created", "flavor"].contains(&k.as_str()));
    nullable(&mut sc, "OpenStackBackupRestoration", "flavor");
    // Nested ports: no url, no security groups.
    let port = sc["OpenStackNestedPort"]["properties"]
        .as_object_mut()
        .unwrap();
    port.remove("url");
    port.remove("security_groups");
    // Instances: `server_group: null`, and `offering_external_ips`.
    let inst = &mut sc["OpenStackInstance"];
    inst["properties"]["server_group"] = json!({
        "anyOf": [{ "$ref": "#/components/schemas/OpenStackNestedServerGroup" }, { "type": "null" }]
    });
    inst["properties"]["offering_external_ips"] =
        json!({ "type": "array", "items": { "type": "string" } });
    // Floating IPs: `port: null` when unattached.
    nullable(&mut sc, "OpenStackFloatingIP", "port");
    sc
}

fn schemas(profile: Profile) -> &'static Value {
    static S81: OnceLock<Value> = OnceLock::new();
    static S24: OnceLock<Value> = OnceLock::new();
    match profile {
        Profile::V8_1 => S81.get_or_init(|| convert(&openapi())),
        Profile::V2024 => S24.get_or_init(|| convert(&patch_2024(openapi()))),
    }
}

fn validator(profile: Profile, name: &str) -> &'static jsonschema::Validator {
    type Cache = std::sync::Mutex<HashMap<(Profile, String), &'static jsonschema::Validator>>;
    static V: OnceLock<Cache> = OnceLock::new();
    let mut map = V
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(v) = map.get(&(profile, name.to_string())) {
        return v;
    }
    let root = json!({ "$ref": format!("#/components/schemas/{name}"), "components": { "schemas": schemas(profile) } });
    let v = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_format("uuid", |s: &str| {
            s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit())
        })
        .build(&root)
        .unwrap_or_else(|e| panic!("schema {name}: {e}"));
    let leaked: &'static jsonschema::Validator = Box::leak(Box::new(v));
    map.insert((profile, name.to_string()), leaked);
    leaked
}

/// Validates a value against a component schema (8.1), panicking with every error.
pub fn validate(name: &str, v: &Value) {
    validate_in(Profile::V8_1, name, v)
}

/// Validates a value against a component schema of a profile, panicking with every error.
pub fn validate_in(profile: Profile, name: &str, v: &Value) {
    let val = validator(profile, name);
    let errors: Vec<String> = val
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .take(10)
        .collect();
    assert!(
        errors.is_empty(),
        "{name} ({profile:?}) schema violations:\n{}\nvalue: {:.2000}",
        errors.join("\n"),
        v.to_string()
    );
}

/// The component schema of a response, from its method, path and status.
pub fn validate_response(
    profile: Profile,
    method: &Method,
    path: &str,
    status: StatusCode,
    v: &Value,
) {
    let p = path.split('?').next().unwrap_or(path);
    let validate = |name: &str, v: &Value| validate_in(profile, name, v);
    if v.as_object().is_some_and(|o| o.contains_key("detail")) {
        return validate("Detail", v);
    }
    if !status.is_success() {
        return; // 400 validation bodies have no component schema
    }
    let segs: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    let schema = match (segs.get(1).copied(), segs.get(3).copied()) {
        (Some("openstack-backups"), Some("restore")) => "OpenStackInstance",
        (Some("openstack-instances"), Some("backup")) => "OpenStackBackup",
        (Some("openstack-backups"), _) => "OpenStackBackup",
        (Some("openstack-instances"), _) => "OpenStackInstance",
        (Some("openstack-flavors"), _) => "OpenStackFlavor",
        (Some("openstack-subnets"), _) => "OpenStackSubNet",
        (Some("openstack-security-groups"), _) => "OpenStackSecurityGroup",
        (Some("openstack-floating-ips"), _) => "OpenStackFloatingIP",
        (Some("openstack-tenants"), _) => "OpenStackTenant",
        // `users/me` is outside the schema extract; its test checks the fields it relies on.
        (Some("users"), _) => return,
        _ => panic!("{method} {path}: no schema known"),
    };
    match v {
        Value::Array(items) => items.iter().for_each(|i| validate(schema, i)),
        other => validate(schema, other),
    }
}
