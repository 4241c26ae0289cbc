//! Harness of the end-to-end tests: a browser driven through its own WebDriver (fantoccini),
//! against the release bundle that the dev server serves (both started by `cargo xtask test`).
//!
//! `E2E_BASE_URL` is the dev server's URL (serving `dist/`); `E2E_ENGINE` the engine
//! (`chromium`, the default, `firefox` or `webkit`) and `E2E_DRIVER` its WebDriver binary
//! (chromedriver, geckodriver or WebKitWebDriver). WebKit needs `DISPLAY` (an Xvfb).
//!
//! The engines' drivers differ in what they do for a test; the harness evens that out:
//! reloads go through WebDriver (geckodriver and WebKitWebDriver do not wait for a
//! `location.reload()` from a script), clicks in WebKit scroll the target to the centre first
//! (its driver neither scrolls nested scroll boxes nor says so, and a click at the viewport's
//! edge can be lost), screenshots in WebKit wait two animation frames (one taken right after a
//! DOM change can show the page before it), and the console is read from the driver where it
//! can report it (Chromium's log, Firefox's output) and from a collector injected into each
//! page where it cannot (WebKit).

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The dev server serving the release bundle.
pub fn base_url() -> String {
    std::env::var("E2E_BASE_URL")
        .expect("E2E_BASE_URL is set by `cargo xtask test` (the dev server serving dist/)")
}

/// A browser engine, each driven through its own WebDriver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Headless Chromium through chromedriver.
    Chromium,
    /// Headless Firefox ESR through geckodriver.
    Firefox,
    /// WebKitGTK's MiniBrowser through WebKitWebDriver (needs an X display).
    Webkit,
}

impl Engine {
    /// The engine `E2E_ENGINE` names (Chromium when it is not set).
    pub fn from_env() -> Engine {
        match std::env::var("E2E_ENGINE").as_deref() {
            Err(_) | Ok("") | Ok("chromium") => Engine::Chromium,
            Ok("firefox") => Engine::Firefox,
            Ok("webkit") => Engine::Webkit,
            Ok(other) => panic!("E2E_ENGINE={other}: expected chromium, firefox or webkit"),
        }
    }

    fn default_driver(self) -> &'static str {
        match self {
            Engine::Chromium => "/usr/bin/chromedriver",
            Engine::Firefox => "geckodriver",
            Engine::Webkit => "/usr/bin/WebKitWebDriver",
        }
    }
}

/// A browser session; the driver and the browser it started stop when this is dropped.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    /// The engine this session runs in.
    pub engine: Engine,
    driver: Child,
    /// What the driver printed (Firefox's console goes there).
    driver_output: Arc<Mutex<Vec<String>>>,
    /// Lines of `driver_output` already returned by [`Browser::console_errors`].
    driver_output_read: Mutex<usize>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

/// Stops the driver and everything it started. Killing only the driver left its browser
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

/// The Chromium flags this machine needs (as root, on a closed network). The browser's language
/// is fixed (the standalone page follows `navigator.languages`), whatever the machine's locale.
const CHROMIUM_FLAGS: [&str; 10] = [
    "--lang=en-US",
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

/// The window every session starts with.
const WINDOW: (u32, u32) = (1280, 900);

/// Firefox ESR as Debian installs it.
const FIREFOX: &str = "/usr/bin/firefox-esr";

/// WebKitGTK's MiniBrowser, which WebKitWebDriver starts.
fn minibrowser() -> String {
    format!(
        "/usr/lib/{}-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        std::env::consts::ARCH
    )
}

/// Starts the engine `E2E_ENGINE` names, through its driver (`E2E_DRIVER`), at 1280×900.
pub async fn browser() -> Browser {
    let engine = Engine::from_env();
    let driver = std::env::var("E2E_DRIVER").unwrap_or_else(|_| engine.default_driver().into());
    start(engine, &driver, &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Starts the engine `E2E_ENGINE` names with a dark system setting, as a person whose desktop
/// is dark: Chromium with `--force-dark-mode`, Firefox with `ui.systemUsesDarkTheme`, WebKit's
/// MiniBrowser with `--dark-mode` (GTK's dark variant). Pages see `prefers-color-scheme: dark`.
pub async fn browser_in_dark() -> Browser {
    let engine = Engine::from_env();
    let driver = std::env::var("E2E_DRIVER").unwrap_or_else(|_| engine.default_driver().into());
    start(engine, &driver, &[DARK])
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The flag that asks [`start`] for a dark system; Chromium takes it as is.
const DARK: &str = "--force-dark-mode";

/// Starts chromedriver (`CHROMEDRIVER`) and a headless Chromium session with `extra_flags`
/// besides the usual ones; the benchmark driver adds the flags of its memory figure.
pub async fn launch(extra_flags: &[&str]) -> Result<Browser, String> {
    let driver =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| Engine::Chromium.default_driver().into());
    start(Engine::Chromium, &driver, extra_flags).await
}

/// The capabilities of a new session in `engine`. `extra_flags` are Chromium's; the other engines
/// understand one of them, [`DARK`], in their own way.
fn capabilities(engine: Engine, extra_flags: &[&str]) -> serde_json::Map<String, Value> {
    let dark = extra_flags.contains(&DARK);
    let caps = match engine {
        Engine::Chromium => {
            let args: Vec<&str> = CHROMIUM_FLAGS.iter().chain(extra_flags).copied().collect();
            json!({
                "goog:chromeOptions": { "args": args },
                "goog:loggingPrefs": { "browser": "ALL" },
            })
        }
        Engine::Firefox => json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": FIREFOX,
                "args": ["-headless"],
                // The page's console goes to the browser's output, which the driver passes on;
                // the browser's own (its favicon and settings loaders) does not.
                "prefs": {
                    "intl.accept_languages": "en-US",
                    "devtools.console.stdout.content": true,
                    "devtools.console.stdout.chrome": false,
                    // 1: the system is dark, 0: light (Firefox's own setting for its tests).
                    "ui.systemUsesDarkTheme": i32::from(dark),
                },
            },
        }),
        Engine::Webkit => json!({
            "browserName": "MiniBrowser",
            "webkitgtk:browserOptions": {
                "binary": minibrowser(),
                "args": if dark { vec!["--automation", "--dark-mode"] } else { vec!["--automation"] },
            },
        }),
    };
    match caps {
        Value::Object(map) => map,
        _ => unreachable!("capabilities are an object"),
    }
}

async fn start(engine: Engine, driver_path: &str, extra_flags: &[&str]) -> Result<Browser, String> {
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))?;
    let mut driver = Command::new(driver_path)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {driver_path}: {e}"))?;
    let driver_output = Arc::new(Mutex::new(Vec::new()));
    collect_lines(driver.stdout.take(), &driver_output);
    collect_lines(driver.stderr.take(), &driver_output);
    let caps = capabilities(engine, extra_flags);
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
            Err(_) if started.elapsed() < Duration::from_secs(30) => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => {
                stop(&mut driver);
                let output = driver_output.lock().unwrap().join("\n");
                return Err(format!(
                    "cannot start a {engine:?} session through {driver_path}: {e}\n{output}"
                ));
            }
        }
    };
    // Only Chromium takes the size as a flag.
    if engine != Engine::Chromium {
        if let Err(e) = client.set_window_size(WINDOW.0, WINDOW.1).await {
            stop(&mut driver);
            return Err(format!("cannot size the {engine:?} window: {e}"));
        }
    }
    Ok(Browser {
        client,
        engine,
        driver,
        driver_output,
        driver_output_read: Mutex::new(0),
    })
}

/// Keeps every line `stream` prints, so that a driver never blocks on a full pipe and its
/// output can be read (Firefox's console) or shown when a session does not start.
fn collect_lines(stream: Option<impl Read + Send + 'static>, into: &Arc<Mutex<Vec<String>>>) {
    let Some(stream) = stream else { return };
    let into = into.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            into.lock().unwrap().push(line);
        }
    });
}

/// Chromium's browser log (`goog:loggingPrefs`), read through chromedriver's log endpoint.
#[derive(Debug)]
struct ChromiumLog;

impl WebDriverCompatibleCommand for ChromiumLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type": "browser"}"#.into()))
    }
}

/// Whether a line of Firefox's output is an error of the page: its `console.error` calls (strings
/// printed quoted) and uncaught errors (with the page's URL). Firefox's own code writes to the
/// same output: errors located in `resource://` or `chrome://` files, and its module loggers
/// (`console.error: RSLoader: `, unquoted), are not the page's.
fn is_firefox_page_error(line: &str) -> bool {
    if let Some(message) = line.strip_prefix("JavaScript error: ") {
        return message.starts_with("http://") || message.starts_with("https://");
    }
    let Some(message) = line.strip_prefix("console.error: ") else {
        return false;
    };
    let privileged = message.contains("resource://") || message.contains("chrome://");
    let module_logger = message.split_once(": ").is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric())
            && !message.starts_with('"')
    });
    !privileged && !module_logger
}

/// Installed into each page in WebKit, whose driver cannot report the console: keeps every
/// `console.error`, uncaught error and unhandled rejection in `window.__e2eConsoleErrors`.
const CONSOLE_COLLECTOR: &str = r#"
    if (!window.__e2eConsoleErrors) {
        const errors = [];
        window.__e2eConsoleErrors = errors;
        const original = console.error.bind(console);
        console.error = (...args) => { errors.push(args.map(String).join(' ')); original(...args); };
        // Only script errors: the widget's own `error` events bubble up here too.
        window.addEventListener('error', (e) => {
            if (e instanceof ErrorEvent) errors.push('uncaught: ' + (e.message || e.error));
        });
        window.addEventListener('unhandledrejection', (e) => errors.push('unhandled rejection: ' + e.reason));
    }
"#;

impl Browser {
    /// Opens a page of the dev server (`path` like `/` or `/embed.html`).
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{}", base_url(), path))
            .await
            .expect("navigation works");
        self.after_navigation().await;
    }

    /// Reloads the page through WebDriver, which waits for the new page in every engine (a
    /// script's `location.reload()` is not waited for by geckodriver or WebKitWebDriver).
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload works");
        self.after_navigation().await;
    }

    /// Empties both storages of the page's origin and reloads: a fresh visit.
    pub async fn forget_and_reload(&self) {
        self.js("sessionStorage.clear(); localStorage.clear();", vec![])
            .await;
        self.reload().await;
    }

    async fn after_navigation(&self) {
        if self.engine == Engine::Webkit {
            self.js(CONSOLE_COLLECTOR, vec![]).await;
        }
    }

    /// Runs `script` (with `arguments[0..]`) in the page and returns its result.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .expect("script runs")
    }

    /// Waits until `script` returns a truthy value, or fails naming `what`. A returned node (of
    /// any frame) counts as `true`: WebKitWebDriver now and then fails to pass an element back
    /// ("Could not parse script result") when the page redraws it in the meantime.
    pub async fn wait_for(&self, what: &str, script: &str) -> Value {
        let script = format!(
            "const value = (function () {{ {script} }}).apply(this, arguments);\n\
             return value !== null && typeof value === 'object' && typeof value.nodeType === 'number' ? true : value;"
        );
        let started = Instant::now();
        loop {
            let v = self.js(&script, vec![]).await;
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
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"));
        if self.engine == Engine::Webkit {
            self.js(
                "arguments[0].scrollIntoView({block: 'center', inline: 'center'});",
                vec![serde_json::to_value(&el).expect("an element is JSON")],
            )
            .await;
        }
        el.click()
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

    /// Returns after two animation frames of the page: style, layout (container queries
    /// included) and paint have caught up with its last change.
    pub async fn after_two_frames(&self) {
        self.client
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await
            .expect("animation frames run");
    }

    /// A PNG of the viewport as painted, after the page's pending changes (WebKit can return
    /// the frame before the last DOM change unless two animation frames pass first).
    pub async fn screenshot(&self) -> Vec<u8> {
        self.after_two_frames().await;
        self.client.screenshot().await.expect("a screenshot")
    }

    /// The painted pixels of `element` (a value from [`Browser::js`]), scrolled to the centre
    /// of the viewport first, without its outermost `inset` CSS pixels (a border).
    pub async fn pixels_of(&self, element: &Value, inset: f64) -> Pixels {
        let rect = self
            .js(
                "const el = arguments[0];
                 el.scrollIntoView({block: 'center', inline: 'center'});
                 const r = el.getBoundingClientRect();
                 return [r.left, r.top, r.width, r.height, window.devicePixelRatio];",
                vec![element.clone()],
            )
            .await;
        let n = |i: usize| rect[i].as_f64().expect("a number");
        let (left, top, width, height, ratio) = (n(0), n(1), n(2), n(3), n(4));
        let png = self.screenshot().await;
        let whole = Pixels::decode(&png);
        let px = |css: f64| (css * ratio).round().max(0.0) as usize;
        whole.crop(
            px(left + inset),
            px(top + inset),
            px(width - 2.0 * inset),
            px(height - 2.0 * inset),
            png,
        )
    }

    /// Fails naming the page's console errors, if it logged any since the last check: a widget
    /// never fails silently, nor throws where the page cannot see it.
    pub async fn assert_no_console_errors(&self, during: &str) {
        let errors = self.console_errors().await;
        assert!(
            errors.is_empty(),
            "{:?} logged errors {during}: {errors:#?}",
            self.engine
        );
    }

    /// The page's console errors (`console.error`, uncaught errors) since the last call, in
    /// whatever form the engine reports them.
    pub async fn console_errors(&self) -> Vec<String> {
        match self.engine {
            Engine::Chromium => {
                let log = self
                    .client
                    .issue_cmd(ChromiumLog)
                    .await
                    .expect("chromedriver returns the browser log");
                log.as_array()
                    .into_iter()
                    .flatten()
                    .filter(|entry| entry["level"] == "SEVERE")
                    // Failed requests are logged as errors too; they are the tests' own doing
                    // (a refused token, a 404 asked for) and show in no other engine's console.
                    .filter(|entry| entry["source"] != "network")
                    .filter_map(|entry| entry["message"].as_str().map(str::to_string))
                    .collect()
            }
            Engine::Firefox => {
                let output = self.driver_output.lock().unwrap();
                let mut read = self.driver_output_read.lock().unwrap();
                let new = output[*read..]
                    .iter()
                    .filter(|line| is_firefox_page_error(line))
                    .cloned()
                    .collect();
                *read = output.len();
                new
            }
            Engine::Webkit => {
                let errors = self
                    .js(
                        "const e = window.__e2eConsoleErrors || []; return e.splice(0, e.length);",
                        vec![],
                    )
                    .await;
                serde_json::from_value(errors).unwrap_or_default()
            }
        }
    }
}

/// Part of a screenshot: 8-bit RGB pixels, row by row, and the PNG it was cut from.
pub struct Pixels {
    /// Width in device pixels.
    pub width: usize,
    /// Height in device pixels.
    pub height: usize,
    rgb: Vec<[u8; 3]>,
    /// The whole screenshot, to save when a check fails.
    pub png: Vec<u8>,
}

impl Pixels {
    fn decode(png_bytes: &[u8]) -> Pixels {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().expect("a PNG screenshot");
        let mut buf = vec![0; reader.output_buffer_size().expect("a PNG size")];
        let frame = reader.next_frame(&mut buf).expect("a PNG frame");
        let channels = frame.color_type.samples();
        let rgb = buf[..frame.buffer_size()]
            .chunks(channels)
            .map(|p| match channels {
                1 | 2 => [p[0], p[0], p[0]],
                _ => [p[0], p[1], p[2]],
            })
            .collect();
        Pixels {
            width: frame.width as usize,
            height: frame.height as usize,
            rgb,
            png: Vec::new(),
        }
    }

    fn crop(self, x: usize, y: usize, width: usize, height: usize, png: Vec<u8>) -> Pixels {
        let (x_end, y_end) = ((x + width).min(self.width), (y + height).min(self.height));
        let mut rgb = Vec::new();
        for row in y.min(y_end)..y_end {
            rgb.extend_from_slice(
                &self.rgb[row * self.width + x.min(x_end)..row * self.width + x_end],
            );
        }
        Pixels {
            width: x_end.saturating_sub(x),
            height: y_end.saturating_sub(y),
            rgb,
            png,
        }
    }

    /// Each pixel's relative luminance (0 black … 1 white), sorted from darkest to lightest.
    pub fn luminances(&self) -> Vec<f64> {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let mut l: Vec<f64> = self
            .rgb
            .iter()
            .map(|[r, g, b]| 0.2126 * linear(*r) + 0.7152 * linear(*g) + 0.0722 * linear(*b))
            .collect();
        l.sort_by(f64::total_cmp);
        l
    }

    /// Saves the whole screenshot under the e2e test's target folder; returns where.
    pub fn save(&self, name: &str) -> String {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .parent()
                    .expect("e2e/ is in the workspace")
                    .join("target")
            });
        let dir = target.join("e2e");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        let _ = std::fs::write(&path, &self.png);
        path.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::is_firefox_page_error;

    #[test]
    fn firefox_output_counts_only_the_pages_own_errors() {
        for (line, page) in [
            ("console.error: \"probe-error-1\"", true),
            ("JavaScript error: http://127.0.0.1:1/, line 2: Error: boom", true),
            ("console.error: RSLoader: ", false),
            ("JavaScript error: resource://gre/actors/FormHandlerChild.sys.mjs, line 103: x", false),
            ("console.error: [Exception... \"x\" location: \"JS frame :: resource:///modules/FaviconLoader.sys.mjs\"]", false),
            ("console.log: \"hello\"", false),
            ("1700000000000\tgeckodriver\tINFO\tListening on 127.0.0.1:4444", false),
        ] {
            assert_eq!(is_firefox_page_error(line), page, "{line}");
        }
    }
}
