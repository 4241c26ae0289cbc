//! `cargo xtask setup`: installs what is missing, each step skipped when the right
//! version is already there, from the package registries only (crates.io, npm, Debian).

use crate::tools::{self, command, output_of};
use std::path::{Path, PathBuf};

/// Trunk version known to build on this toolchain (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// npm packages installed into `.tools/` (wasm-opt for Trunk, axe-core for accessibility checks,
/// terser for the release bundle's JavaScript (see `split`), TypeScript and React's types to
/// check the npm package's declarations).
pub const NPM_PACKAGES: &[(&str, &str)] = &[
    ("binaryen", "132.0.0"),
    ("axe-core", "4.14.1"),
    ("terser", "5.51.4"),
    ("typescript", "5.9.3"),
    ("@types/react", "19.2.7"),
];

/// One install step: what it found or did, or why it could not.
type Step = dyn Fn() -> Result<String, String>;

/// Runs every step; a step that cannot run says so in one line with the command to run by hand.
///
/// The Debian packages and geckodriver install in the background meanwhile: apt waits on the
/// network and the disk, and a second `cargo install` fills the core the first leaves idle
/// while it links or builds one large crate, so a fresh machine gets through sooner.
pub fn run() -> Result<(), String> {
    println!("== setup");
    let wasm_bindgen = tools::locked_wasm_bindgen_version()?;
    let background: Vec<(&str, std::thread::JoinHandle<Result<String, String>>)> = [
        ("browsers", browsers as fn() -> Result<String, String>),
        ("geckodriver", geckodriver),
    ]
    .into_iter()
    .map(|(name, step)| (name, std::thread::spawn(step)))
    .collect();
    let steps: [(&str, Box<Step>); 4] = [
        ("wasm32 target", Box::new(wasm_target)),
        ("trunk", Box::new(trunk)),
        ("wasm-bindgen CLI", {
            let v = wasm_bindgen.clone();
            Box::new(move || wasm_bindgen_cli(&v))
        }),
        ("npm tools", Box::new(npm_tools)),
    ];
    let mut results: Vec<(&str, Result<String, String>)> =
        steps.iter().map(|(name, step)| (*name, step())).collect();
    for (name, handle) in background {
        let result = handle
            .join()
            .unwrap_or_else(|_| Err("the install thread panicked".into()));
        results.push((name, result));
    }
    let mut failures = Vec::new();
    for (name, result) in results {
        match result {
            Ok(note) => println!("  ok   {name}: {note}"),
            Err(message) => {
                println!("  FAIL {name}: {message}");
                failures.push(name);
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
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
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

/// The tiny_http that wasm-bindgen-test-runner's HTTP server (rouille) runs on.
const TINY_HTTP_VERSION: &str = "0.12.0";

/// tiny_http 0.12.0 serves each connection on a thread of its `TaskPool`. `spawn` queues a new
/// connection instead of starting a thread whenever one worker counts as waiting, but a worker
/// that was already woken for an earlier queued connection still counts until it takes it. A
/// burst of new connections (the test page importing its JS snippets: five or six connections
/// at once from Chromium) can so leave one connection queued behind workers that each stay on
/// a keep-alive connection until Chromium closes it (minutes): that request is never answered,
/// the page never runs its module script and the test run stalls at "Loading scripts...".
/// The fix queues a task only while more workers wait than tasks are already queued.
const TINY_HTTP_POOL_BUG: &str =
    "        if self.sharing.waiting_tasks.load(Ordering::Acquire) == 0 {";
const TINY_HTTP_POOL_FIX: &str = "        // Fixed by waldur-backups' `cargo xtask setup`: a waiting worker may already have\n        // been woken for a task queued earlier; queue only while waiting workers outnumber\n        // queued tasks, or this task may wait for a keep-alive connection to close.\n        if self.sharing.waiting_tasks.load(Ordering::Acquire) <= queue.len() {";

/// Installs the wasm-bindgen CLI matching Cargo.lock into `.tools/wasm-bindgen-cli/`, built
/// with tiny_http's connection pool fixed (see [`TINY_HTTP_POOL_BUG`]).
fn wasm_bindgen_cli(version: &str) -> Result<String, String> {
    let want = format!("wasm-bindgen {version}");
    let root = tools::wasm_bindgen_root();
    let bin = root.join("bin");
    // Written after a successful install: the version alone does not tell a fixed runner.
    let stamp = root.join(format!(
        "installed-{version}-tiny_http-{TINY_HTTP_VERSION}-fixed"
    ));
    let installed = output_of(
        bin.join("wasm-bindgen").to_str().expect("utf-8 path"),
        &["--version"],
    );
    if installed.as_deref() == Some(want.as_str())
        && bin.join("wasm-bindgen-test-runner").exists()
        && stamp.exists()
    {
        return Ok(format!(
            "{version} already installed (tiny_http pool fixed)"
        ));
    }
    let tiny_http = fixed_tiny_http()?;
    println!("  ..   installing wasm-bindgen-cli {version} (about 4 minutes)");
    // Without --locked: with it, the CLI's lock file fails to resolve webpki-roots.
    let pinned = format!("={version}");
    let patch = format!(
        "patch.crates-io.tiny_http.path={:?}",
        tiny_http.to_str().expect("utf-8 path")
    );
    let mut cmd = command("cargo");
    cmd.args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &pinned,
        "--force",
        // Without its default `rustls-tls`: the test runner only talks plain HTTP to a local
        // WebDriver, and rustls with its crypto is about 30 s of the build.
        "--no-default-features",
    ])
    .arg("--root")
    .arg(&root)
    .args(["--config", &patch]);
    let hint = tools::describe(&cmd);
    tools::run(&mut cmd).map_err(|e| format!("{e}; run by hand: {hint}"))?;
    std::fs::write(&stamp, "").map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(format!("{version} installed (tiny_http pool fixed)"))
}

/// A copy of tiny_http's source from cargo's registry with [`TINY_HTTP_POOL_FIX`] applied,
/// in `.tools/`, for `cargo install --config patch...`. Fails if the source is not the one
/// the fix was written for.
fn fixed_tiny_http() -> Result<PathBuf, String> {
    let tools_dir = tools::tools_dir();
    let fixed = tools_dir.join(format!("tiny_http-{TINY_HTTP_VERSION}-fixed"));
    let pool = Path::new("src").join("util").join("task_pool.rs");
    if std::fs::read_to_string(fixed.join(&pool)).is_ok_and(|t| t.contains(TINY_HTTP_POOL_FIX)) {
        return Ok(fixed);
    }
    // A throwaway package depending on exactly that tiny_http: `cargo metadata` downloads and
    // unpacks it through the registry and tells where.
    let scratch = tools_dir.join("tiny_http-source");
    std::fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let manifest = format!(
        "[package]\nname = \"tiny-http-source\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[lib]\npath = \"lib.rs\"\n\n[dependencies]\n\
         tiny_http = \"={TINY_HTTP_VERSION}\"\n\n[workspace]\n"
    );
    std::fs::write(scratch.join("Cargo.toml"), manifest)
        .and_then(|_| std::fs::write(scratch.join("lib.rs"), ""))
        .map_err(|e| format!("cannot write {}: {e}", scratch.display()))?;
    let metadata = command("cargo")
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(scratch.join("Cargo.toml"))
        .output()
        .map_err(|e| format!("could not run cargo metadata: {e}"))?;
    if !metadata.status.success() {
        return Err(format!(
            "cargo metadata for tiny_http {TINY_HTTP_VERSION} failed: {}",
            String::from_utf8_lossy(&metadata.stderr).trim()
        ));
    }
    let json = String::from_utf8_lossy(&metadata.stdout);
    let wanted = format!("/tiny_http-{TINY_HTTP_VERSION}/Cargo.toml");
    let source = json
        .split("\"manifest_path\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|path| path.ends_with(&wanted))
        .and_then(|manifest| Path::new(manifest).parent().map(Path::to_path_buf))
        .ok_or_else(|| format!("cargo metadata did not name tiny_http {TINY_HTTP_VERSION}"))?;
    let _ = std::fs::remove_dir_all(&fixed);
    copy_dir(&source, &fixed)?;
    let text = std::fs::read_to_string(fixed.join(&pool))
        .map_err(|e| format!("cannot read tiny_http's {}: {e}", pool.display()))?;
    if text.matches(TINY_HTTP_POOL_BUG).count() != 1 {
        return Err(format!(
            "tiny_http {TINY_HTTP_VERSION}'s {} is not the one the fix was written for",
            pool.display()
        ));
    }
    std::fs::write(
        fixed.join(&pool),
        text.replace(TINY_HTTP_POOL_BUG, TINY_HTTP_POOL_FIX),
    )
    .map_err(|e| format!("cannot write {}: {e}", fixed.join(&pool).display()))?;
    Ok(fixed)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("cannot copy {}: {e}", src.display()))?;
        }
    }
    Ok(())
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
        return Err(format!(
            "npm installed binaryen but {} is missing",
            wasm_opt.display()
        ));
    }
    Ok(format!("{} installed", missing.join(", ")))
}

/// Debian packages the browser and end-to-end tests need, each with a file it installs.
const DEBIAN_PACKAGES: &[(&str, &str)] = &[
    ("chromium", tools::CHROMIUM),
    ("chromium-driver", tools::CHROMEDRIVER),
    ("firefox-esr", tools::FIREFOX),
    ("webkit2gtk-driver", tools::WEBKIT_DRIVER),
    ("xvfb", tools::XVFB),
];

/// Installs, in one `apt-get install`, whichever of [`DEBIAN_PACKAGES`] is missing.
fn browsers() -> Result<String, String> {
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(format!("{} already installed", browser_versions()));
    }
    let hint = format!(
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {}",
        missing.join(" ")
    );
    let is_root = output_of("id", &["-u"]).as_deref() == Some("0");
    if !is_root {
        return Err(format!(
            "not root, cannot apt-get; run by hand (as root): {hint}"
        ));
    }
    println!(
        "  ..   installing Debian's {} (about a minute)",
        missing.join(", ")
    );
    // Another setup on this machine may hold dpkg's lock: wait for it rather than fail.
    let lock_wait = ["-o", "DPkg::Lock::Timeout=600"];
    tools::run(command("apt-get").args(lock_wait).args(["update", "-qq"]))
        .and_then(|_| {
            tools::run(
                command("apt-get")
                    .env("DEBIAN_FRONTEND", "noninteractive")
                    .args(lock_wait)
                    .args(["install", "-y", "-qq"])
                    .args(&missing),
            )
        })
        .map_err(|e| format!("{e}; run by hand: {hint}"))?;
    Ok(format!("installed; {}", browser_versions()))
}

/// "Chromium 1.2.3 …, Mozilla Firefox 4.5.6esr, WebKitGTK 7.8.9-1" for the setup summary.
fn browser_versions() -> String {
    let chromium = output_of(tools::CHROMIUM, &["--version"]).unwrap_or_default();
    let firefox = output_of(tools::FIREFOX, &["--version"]).unwrap_or_default();
    // WebKitWebDriver has no `--version`: Debian knows the package's.
    let webkit = output_of("dpkg-query", &["-W", "-f=${Version}", "webkit2gtk-driver"])
        .map(|v| format!("WebKitGTK {v}"))
        .unwrap_or_default();
    [chromium, firefox, webkit]
        .into_iter()
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Installs geckodriver (the Firefox WebDriver) from crates.io into `.tools/geckodriver/`,
/// unless that version is there.
fn geckodriver() -> Result<String, String> {
    let version = tools::GECKODRIVER_VERSION;
    let bin = tools::geckodriver();
    let installed = output_of(bin.to_str().expect("utf-8 path"), &["--version"]);
    let want = format!("geckodriver {version}");
    if installed
        .as_deref()
        .and_then(|v| v.lines().next())
        .is_some_and(|first| first == want || first.starts_with(&format!("{want} ")))
    {
        return Ok(format!("{version} already installed"));
    }
    println!("  ..   installing geckodriver {version} (about 2 minutes on 2 cores)");
    let pinned = format!("={version}");
    let mut cmd = command("cargo");
    // `--debug`: half the build (1m17 s of CPU against 2m39 s) on a fresh machine, and the
    // e2e tests take as long with it (28 s against 29 s): the driver only relays commands.
    cmd.args([
        "install",
        "geckodriver",
        "--version",
        &pinned,
        "--locked",
        "--debug",
    ])
    .arg("--root")
    .arg(tools::geckodriver_root());
    let hint = tools::describe(&cmd);
    tools::run(&mut cmd)
        .map(|_| format!("{version} installed"))
        .map_err(|e| format!("{e}; run by hand: {hint}"))
}
