//! Harness of the end-to-end tests: a headless Chromium driven through chromedriver, against
//! the release bundle that the dev server serves (both started by `cargo xtask test`).
//!
//! `E2E_BASE_URL` is the dev server's URL (serving `dist/`); `CHROMEDRIVER` the driver binary.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The dev server serving the release bundle.
pub fn base_url() -> String {
    std::env::var("E2E_BASE_URL")
        .expect("E2E_BASE_URL is set by `cargo xtask test` (the dev server serving dist/)")
}

/// A browser session; the driver and the browser it started stop when this is dropped.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
}

impl Drop for Browser {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

/// Stops chromedriver and everything it started. Killing only the driver left its Chromium
/// running (a test that panicked never closed its session): ten stray browsers after a failing
/// run, each with a renderer busy on the page, skewing whatever ran next. The driver runs in a
/// process group of its own, so the whole group goes.
fn stop(driver: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", driver.id())])
        .stderr(Stdio::null())
        .status();
    let _ = driver.kill();
    let _ = driver.wait();
}

/// The Chromium flags this machine needs (as root, on a closed network).
const CHROMIUM_FLAGS: [&str; 9] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
];

/// Starts chromedriver and a headless Chromium session (flags this machine needs, as root).
pub async fn browser() -> Browser {
    launch(&[]).await.unwrap_or_else(|e| panic!("{e}"))
}

/// Starts chromedriver and a headless Chromium session with `extra_flags` besides the usual
/// ones; the benchmark driver adds the flags of its memory figure.
pub async fn launch(extra_flags: &[&str]) -> Result<Browser, String> {
    let driver_path =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))?;
    let mut driver = Command::new(&driver_path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {driver_path}: {e}"))?;
    let args: Vec<&str> = CHROMIUM_FLAGS.iter().chain(extra_flags).copied().collect();
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), json!({ "args": args }));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let client = loop {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => break c,
            Err(_) if started.elapsed() < Duration::from_secs(20) => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => {
                stop(&mut driver);
                return Err(format!("cannot start a Chromium session: {e}"));
            }
        }
    };
    Ok(Browser { client, driver })
}

impl Browser {
    /// Opens a page of the dev server (`path` like `/` or `/embed.html`).
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{}", base_url(), path))
            .await
            .expect("navigation works");
    }

    /// Runs `script` (with `arguments[0..]`) in the page and returns its result.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .expect("script runs")
    }

    /// Waits until `script` returns a truthy value, or fails naming `what`.
    pub async fn wait_for(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.js(script, vec![]).await;
            let truthy =
                !matches!(v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "timed out waiting for: {what}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Calls the dev server's control endpoint from the page (`/__devserver/<path>`).
    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let script = r#"
            const [url, method, body, done] = arguments;
            fetch(url, { method, headers: {"Content-Type": "application/json"},
                         body: body === null ? undefined : JSON.stringify(body) })
              .then(r => r.text()).then(t => { try { done(JSON.parse(t)); } catch (_) { done(t); } })
              .catch(e => done("error: " + e));
        "#;
        self.client
            .execute_async(
                script,
                vec![
                    json!(format!("{}/__devserver/{}", base_url(), path)),
                    json!(method),
                    body.unwrap_or(Value::Null),
                ],
            )
            .await
            .expect("control request runs")
    }

    /// Clicks the first element matching a CSS selector.
    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Types into the first element matching a CSS selector (after clearing it).
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"));
        el.clear().await.expect("clear works");
        el.send_keys(text).await.expect("typing works");
    }
}
