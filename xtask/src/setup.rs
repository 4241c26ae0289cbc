//! `cargo xtask setup`: installs what is missing, each step skipped when the right
//! version is already there, from the package registries only (crates.io, npm, Debian).

use crate::tools::{self, command, output_of};
use std::path::Path;

/// Trunk version known to build on this toolchain (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// npm packages installed into `.tools/` (wasm-opt for Trunk, axe-core for accessibility checks).
pub const NPM_PACKAGES: &[(&str, &str)] = &[("binaryen", "132.0.0"), ("axe-core", "4.14.1")];

/// Runs every step; a step that cannot run says so in one line with the command to run by hand.
pub fn run() -> Result<(), String> {
    println!("== setup");
    let wasm_bindgen = tools::locked_wasm_bindgen_version()?;
    let mut failures = Vec::new();
    let steps: [(&str, Box<dyn Fn() -> Result<String, String>>); 5] = [
        ("wasm32 target", Box::new(wasm_target)),
        ("trunk", Box::new(trunk)),
        ("wasm-bindgen CLI", {
            let v = wasm_bindgen.clone();
            Box::new(move || wasm_bindgen_cli(&v))
        }),
        ("npm tools", Box::new(npm_tools)),
        ("chromium", Box::new(chromium)),
    ];
    for (name, step) in steps.iter() {
        match step() {
            Ok(note) => println!("  ok   {name}: {note}"),
            Err(message) => {
                println!("  FAIL {name}: {message}");
                failures.push(*name);
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("setup could not install: {}", failures.join(", ")))
    }
}

fn wasm_target() -> Result<String, String> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok("installed".into());
    }
    let hint = "rustup target add wasm32-unknown-unknown";
    tools::run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
        .map(|_| "added".into())
        .map_err(|e| format!("{e}; run by hand: {hint}"))
}

fn trunk() -> Result<String, String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if output_of("trunk", &["--version"]).as_deref() == Some(want.as_str()) {
        return Ok(format!("{TRUNK_VERSION} already installed"));
    }
    println!("  ..   installing trunk {TRUNK_VERSION} (about 8 minutes on 2 cores)");
    let version = format!("={TRUNK_VERSION}");
    let mut cmd = command("cargo");
    cmd.args(["install", "trunk", "--version", &version, "--locked"]);
    let hint = tools::describe(&cmd);
    tools::run(&mut cmd)
        .map(|_| format!("{TRUNK_VERSION} installed"))
        .map_err(|e| format!("{e}; run by hand: {hint}"))
}

fn wasm_bindgen_cli(version: &str) -> Result<String, String> {
    let want = format!("wasm-bindgen {version}");
    let runner = tools::cargo_bin_dir().join("wasm-bindgen-test-runner");
    if output_of("wasm-bindgen", &["--version"]).as_deref() == Some(want.as_str())
        && runner.exists()
    {
        return Ok(format!("{version} already installed"));
    }
    println!("  ..   installing wasm-bindgen-cli {version} (about 4 minutes)");
    // Without --locked: with it, the CLI's lock file fails to resolve webpki-roots.
    let pinned = format!("={version}");
    let mut cmd = command("cargo");
    cmd.args(["install", "wasm-bindgen-cli", "--version", &pinned, "--force"]);
    let hint = tools::describe(&cmd);
    tools::run(&mut cmd)
        .map(|_| format!("{version} installed"))
        .map_err(|e| format!("{e}; run by hand: {hint}"))
}

fn installed_npm_version(package: &str) -> Option<String> {
    let manifest = tools::tools_dir()
        .join("node_modules")
        .join(package)
        .join("package.json");
    let text = std::fs::read_to_string(manifest).ok()?;
    // A full JSON parser is not worth a dependency here: the version line is stable.
    let start = text.find("\"version\"")?;
    let rest = &text[start + "\"version\"".len()..];
    let value = rest.split('"').nth(1)?;
    Some(value.to_string())
}

fn npm_tools() -> Result<String, String> {
    let missing: Vec<String> = NPM_PACKAGES
        .iter()
        .filter(|(name, version)| installed_npm_version(name).as_deref() != Some(*version))
        .map(|(name, version)| format!("{name}@{version}"))
        .collect();
    let all: Vec<String> = NPM_PACKAGES
        .iter()
        .map(|(n, v)| format!("{n}@{v}"))
        .collect();
    if missing.is_empty() {
        return Ok(format!("{} already installed", all.join(", ")));
    }
    let dir = tools::tools_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut cmd = command("npm");
    cmd.arg("install")
        .arg("--prefix")
        .arg(&dir)
        .args(["--no-audit", "--no-fund", "--save-exact"])
        .args(&all);
    let hint = tools::describe(&cmd);
    tools::run(&mut cmd).map_err(|e| format!("{e}; run by hand: {hint}"))?;
    let wasm_opt = dir.join("node_modules").join(".bin").join("wasm-opt");
    if !wasm_opt.exists() {
        return Err(format!("npm installed binaryen but {} is missing", wasm_opt.display()));
    }
    Ok(format!("{} installed", missing.join(", ")))
}

fn chromium() -> Result<String, String> {
    if Path::new(tools::CHROMIUM).exists() && Path::new(tools::CHROMEDRIVER).exists() {
        let version = output_of(tools::CHROMIUM, &["--version"]).unwrap_or_default();
        return Ok(format!("{version} already installed"));
    }
    let hint = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver";
    let is_root = output_of("id", &["-u"]).as_deref() == Some("0");
    if !is_root {
        return Err(format!("not root, cannot apt-get; run by hand (as root): {hint}"));
    }
    println!("  ..   installing Debian's chromium and chromium-driver");
    tools::run(command("apt-get").args(["update", "-qq"]))
        .and_then(|_| {
            tools::run(
                command("apt-get")
                    .env("DEBIAN_FRONTEND", "noninteractive")
                    .args(["install", "-y", "-qq", "chromium", "chromium-driver"]),
            )
        })
        .map(|_| "installed".into())
        .map_err(|e| format!("{e}; run by hand: {hint}"))
}
