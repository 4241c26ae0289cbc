//! Where things are and how to run them: the project root, the tool folder, PATH.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (the folder holding the workspace Cargo.toml).
pub fn root() -> PathBuf {
    // `cargo run` (the `cargo xtask` alias) sets it for the running binary too: that one is
    // right even when a binary built in another checkout is reused from a copied target/.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    Path::new(&manifest_dir)
        .parent()
        .expect("xtask lives one level below the root")
        .to_path_buf()
}

/// The git-ignored folder where npm tools (binaryen's wasm-opt, axe-core) are installed.
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// Cargo's install folder, where `cargo install` puts trunk and the wasm-bindgen CLI.
pub fn cargo_bin_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home).join("bin");
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
    PathBuf::from(home).join(".cargo").join("bin")
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set (relative to the workspace root),
/// else `target/` in it, so the binaries tasks build are the ones they run.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// Where `cargo xtask setup` installs the wasm-bindgen CLI (`wasm-bindgen` for Trunk,
/// `wasm-bindgen-test-runner` for the browser tests): its own root, not cargo's bin folder,
/// because its test runner is built with a fixed tiny_http (see `setup::wasm_bindgen_cli`).
/// `.cargo/config.toml` names the runner in here.
pub fn wasm_bindgen_root() -> PathBuf {
    tools_dir().join("wasm-bindgen-cli")
}

/// PATH with the wasm-bindgen CLI, cargo's bin folder and the npm tools' `.bin` first, so Trunk
/// finds wasm-opt and this project's wasm-bindgen.
pub fn path_env() -> std::ffi::OsString {
    let mut parts = vec![
        wasm_bindgen_root().join("bin"),
        tools_dir().join("node_modules").join(".bin"),
        cargo_bin_dir(),
    ];
    if let Some(path) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(parts).expect("PATH entries are valid")
}

/// A command run from the root with the project's PATH.
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root()).env("PATH", path_env());
    cmd
}

/// Runs a command, returning its trimmed stdout when it succeeds.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = command(program).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Runs a command with inherited output; Err names the command when it fails.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(cmd)))
    }
}

/// The command as a person would type it, for error messages.
pub fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().to_string();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// The wasm-bindgen version recorded in Cargo.lock (the CLI must match it exactly).
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// Chromium and its driver as Debian installs them.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The chromedriver that wasm-bindgen-test-runner and the end-to-end tests drive.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Firefox ESR as Debian installs it (`firefox-esr`).
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
/// WebKitGTK's WebDriver (`webkit2gtk-driver`); it starts MiniBrowser.
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// The X server WebKit runs under (`xvfb`): MiniBrowser has no headless mode.
pub const XVFB: &str = "/usr/bin/Xvfb";

/// geckodriver version `cargo xtask setup` installs from crates.io.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

/// Where `cargo xtask setup` installs geckodriver (`cargo install --root`).
pub fn geckodriver_root() -> PathBuf {
    tools_dir().join("geckodriver")
}

/// The geckodriver binary that drives Firefox.
pub fn geckodriver() -> PathBuf {
    geckodriver_root().join("bin").join("geckodriver")
}
