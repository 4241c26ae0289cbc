//! The three browser engines the tests run in (Chromium, Firefox, WebKit): where each one's
//! WebDriver is, how each test runner is told to use it, and the X display WebKit needs.

use crate::tools;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A browser engine, each driven through its own WebDriver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Chromium through chromedriver.
    Chromium,
    /// Firefox ESR through geckodriver.
    Firefox,
    /// WebKitGTK's MiniBrowser through WebKitWebDriver, under Xvfb.
    Webkit,
}

/// Every engine, in the order the suite runs them.
pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

/// The variables wasm-bindgen-test-runner reads to pick a browser. It takes the first it finds
/// in this order, so exactly one may be set per run.
const RUNNER_VARIABLES: [&str; 6] = [
    "GECKODRIVER_REMOTE",
    "SAFARIDRIVER_REMOTE",
    "CHROMEDRIVER_REMOTE",
    "GECKODRIVER",
    "SAFARIDRIVER",
    "CHROMEDRIVER",
];

impl Engine {
    /// The name used in step names and in `--browsers`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    /// The engine called `name`.
    pub fn parse(name: &str) -> Option<Engine> {
        ALL.into_iter().find(|e| e.name() == name)
    }

    /// The WebDriver binary of this engine.
    pub fn driver(self) -> PathBuf {
        match self {
            Engine::Chromium => PathBuf::from(tools::CHROMEDRIVER),
            Engine::Firefox => tools::geckodriver(),
            Engine::Webkit => PathBuf::from(tools::WEBKIT_DRIVER),
        }
    }

    /// Whether the browser needs an X display (MiniBrowser has no headless mode).
    pub fn needs_display(self) -> bool {
        self == Engine::Webkit
    }

    /// Points wasm-bindgen-test-runner at this engine's driver, and only at it.
    pub fn for_browser_tests(self, cmd: &mut Command) {
        for var in RUNNER_VARIABLES {
            cmd.env_remove(var);
        }
        let var = match self {
            Engine::Chromium => "CHROMEDRIVER",
            Engine::Firefox => "GECKODRIVER",
            Engine::Webkit => "SAFARIDRIVER",
        };
        cmd.env(var, self.driver());
    }

    /// Tells the end-to-end harness (`e2e/src/lib.rs`) which engine to start, with which driver.
    pub fn for_e2e_tests(self, cmd: &mut Command) {
        cmd.env("E2E_ENGINE", self.name())
            .env("E2E_DRIVER", self.driver());
    }
}

/// Parses `chromium,firefox` into engines, in the suite's order, without repeats.
pub fn parse_list(list: &str) -> Result<Vec<Engine>, String> {
    let mut picked = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let engine = Engine::parse(name).ok_or_else(|| {
            let names: Vec<&str> = ALL.iter().map(|e| e.name()).collect();
            format!("unknown browser `{name}` (browsers: {})", names.join(", "))
        })?;
        if !picked.contains(&engine) {
            picked.push(engine);
        }
    }
    if picked.is_empty() {
        return Err("--browsers needs at least one browser".into());
    }
    Ok(ALL.into_iter().filter(|e| picked.contains(e)).collect())
}

/// A virtual X display for WebKit; dropping it stops the server.
pub struct Display {
    child: Child,
    /// The value for `DISPLAY`, for example `:99`.
    pub name: String,
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Display {
    /// Starts Xvfb on a display number it picks itself (`-displayfd`), so that runs started
    /// side by side on one machine never share or fight over a display.
    pub fn start() -> Result<Display, String> {
        let mut child = Command::new(tools::XVFB)
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x1024x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", tools::XVFB))?;
        // Xvfb writes the display number and a newline once it accepts connections.
        let mut stdout = child.stdout.take().expect("piped stdout");
        let mut number = String::new();
        let mut byte = [0u8; 1];
        while !number.ends_with('\n') {
            match stdout.read(&mut byte) {
                Ok(1) => number.push(byte[0] as char),
                _ => break,
            }
        }
        let number = number.trim();
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{} did not report a display number (got {number:?})",
                tools::XVFB
            ));
        }
        Ok(Display {
            name: format!(":{number}"),
            child,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_list_keeps_the_suites_order_and_drops_repeats() {
        assert_eq!(
            parse_list("webkit,chromium,webkit").unwrap(),
            vec![Engine::Chromium, Engine::Webkit]
        );
        assert_eq!(parse_list("firefox").unwrap(), vec![Engine::Firefox]);
    }

    #[test]
    fn an_unknown_or_empty_browser_list_is_refused_with_the_known_names() {
        let err = parse_list("chromium,safari").unwrap_err();
        assert!(err.contains("safari") && err.contains("webkit"), "{err}");
        assert!(parse_list(",").is_err());
    }

    #[test]
    fn browser_tests_see_exactly_one_driver_variable() {
        for engine in ALL {
            let mut cmd = Command::new("true");
            cmd.env("CHROMEDRIVER", "/elsewhere")
                .env("GECKODRIVER_REMOTE", "http://x");
            engine.for_browser_tests(&mut cmd);
            let set: Vec<String> = cmd
                .get_envs()
                .filter(|(_, v)| v.is_some())
                .map(|(k, _)| k.to_string_lossy().into_owned())
                .filter(|k| RUNNER_VARIABLES.contains(&k.as_str()))
                .collect();
            assert_eq!(set.len(), 1, "{engine:?}: {set:?}");
        }
    }
}
