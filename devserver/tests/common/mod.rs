//! Test harness: an in-process dev server on port 0 (manual clock), an HTTP client, and
//! validation of every JSON response body against the OpenAPI component schemas.
#![allow(dead_code)]

use devserver::{tokens, Config};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

pub const STAFF: &str = tokens::STAFF;
pub const ADMIN: &str = tokens::ADMIN;
pub const SUPPORT: &str = tokens::SUPPORT;
pub const NOBODY: &str = tokens::NOBODY;

/// A running server and a client for it.
pub struct Server {
    pub base: String,
    pub client: reqwest::Client,
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
    let (addr, _handle, _app) = devserver::serve(config).await.expect("server starts");
    Server {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
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
        if path.starts_with("/api/") && !text.is_empty() {
            let v: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{method} {path}: invalid JSON {e}: {text:.200}"));
            validate_response(&method, path, status, &v);
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

fn schemas() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(|| {
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
        convert(&doc["components"]["schemas"])
    })
}

fn validator(name: &str) -> &'static jsonschema::Validator {
    static V: OnceLock<std::sync::Mutex<HashMap<String, &'static jsonschema::Validator>>> =
        OnceLock::new();
    let mut map = V
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(v) = map.get(name) {
        return v;
    }
    let root = json!({ "$ref": format!("#/components/schemas/{name}"), "components": { "schemas": schemas() } });
    let v = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_format("uuid", |s: &str| {
            s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit())
        })
        .build(&root)
        .unwrap_or_else(|e| panic!("schema {name}: {e}"));
    let leaked: &'static jsonschema::Validator = Box::leak(Box::new(v));
    map.insert(name.to_string(), leaked);
    leaked
}

/// Validates a value against a component schema, panicking with every error.
pub fn validate(name: &str, v: &Value) {
    let val = validator(name);
    let errors: Vec<String> = val
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .take(10)
        .collect();
    assert!(
        errors.is_empty(),
        "{name} schema violations:\n{}\nvalue: {:.2000}",
        errors.join("\n"),
        v.to_string()
    );
}

/// The component schema of a response, from its method, path and status.
pub fn validate_response(method: &Method, path: &str, status: StatusCode, v: &Value) {
    let p = path.split('?').next().unwrap_or(path);
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
