//! The folder a dev server serves for the demo or the end-to-end tests: a copy of the release
//! bundle (`dist/`, left as built) with what belongs to that use only beside it. The bundle
//! ships no `config.json` (a dev address would be pre-filled on every host that copies it):
//! the demo and the tests each write their own, pointing at their own dev server.

use crate::tools::{self, command};
use std::path::{Path, PathBuf};

/// `target/site-<name>/`, filled with a fresh copy of `dist/`.
pub fn from_dist(name: &str) -> Result<PathBuf, String> {
    let dist = tools::root().join("dist");
    if !dist.join("waldur-backups_bg.wasm").is_file() {
        return Err("dist/ has no release bundle (run `trunk build --release`)".into());
    }
    let site = tools::target_dir().join(format!("site-{name}"));
    if site.exists() {
        std::fs::remove_dir_all(&site)
            .map_err(|e| format!("cannot clear {}: {e}", site.display()))?;
    }
    copy_dir(&dist, &site)?;
    Ok(site)
}

/// Writes the standalone page's `config.json` into `site`, pointing at `api_url`.
pub fn write_config(site: &Path, api_url: &str) -> Result<(), String> {
    let config = format!("{{\n  \"apiUrl\": \"{api_url}\"\n}}\n");
    let path = site.join("config.json");
    std::fs::write(&path, config).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Adds the e2e suite's host pages (`e2e/pages/` as `/pages/`, with axe-core beside them) and
/// its test bundle.
pub fn add_e2e_pages(site: &Path) -> Result<(), String> {
    let pages = site.join("pages");
    copy_dir(&tools::root().join("e2e").join("pages"), &pages)?;
    let axe = tools::tools_dir().join("node_modules/axe-core/axe.min.js");
    std::fs::copy(&axe, pages.join("axe.min.js"))
        .map_err(|e| format!("cannot copy {}: {e}", axe.display()))?;
    test_bundle(&site.join("test-bundle"))
}

/// The widget built with the cargo feature `test-hooks` (its `testPanic` export panics on
/// purpose), bound by wasm-bindgen into `out`: the forced-panic page loads it instead of the
/// release bundle, which never has the hook. A debug build: it shares the dependencies the
/// browser tests build, and panics abort in wasm32 as in the release profile.
fn test_bundle(out: &Path) -> Result<(), String> {
    println!("== building the test bundle (feature test-hooks)");
    tools::run(command("cargo").args([
        "build",
        "--quiet",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "waldur-backups",
        "--lib",
        "--features",
        "test-hooks",
    ]))?;
    let wasm = tools::target_dir()
        .join("wasm32-unknown-unknown")
        .join("debug")
        .join("waldur_backups.wasm");
    let bindgen = tools::wasm_bindgen_root().join("bin").join("wasm-bindgen");
    tools::run(
        command(bindgen.to_str().expect("utf-8 path"))
            .args([
                "--target",
                "web",
                "--out-name",
                "waldur-backups",
                "--out-dir",
            ])
            .arg(out)
            .arg(&wasm),
    )
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| {
                format!(
                    "cannot copy {} to {}: {e}",
                    path.display(),
                    target.display()
                )
            })?;
        }
    }
    Ok(())
}
