//! The npm package as a portal developer gets it: `npm install` of the packed tarball
//! (`cargo xtask package`, the `package` step of `cargo xtask test`) into a throwaway folder,
//! with no registry, then a page that imports it by its package name through an import map.
//!
//! The folder is served by a dev server of its own (`--static` on it), so the page, the
//! package's files and the API share one origin.

use e2e::browser;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Cargo's target folder (`CARGO_TARGET_TMPDIR` is `<target>/tmp`, wherever the target is).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target folder")
        .to_path_buf()
}

/// The tarball `cargo xtask package` wrote.
fn tarball() -> PathBuf {
    let dir = target_dir().join("package");
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries.filter_map(Result::ok).map(|e| e.path()).find(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("waldur-backups-") && name.ends_with(".tgz")
        })
    });
    found.unwrap_or_else(|| {
        panic!(
            "no waldur-backups-<version>.tgz in {}: run `cargo xtask package` first \
             (`cargo xtask test` does, in its `package` step)",
            dir.display()
        )
    })
}

/// A fresh folder holding `node_modules/waldur-backups`, installed from the tarball by npm
/// with `--offline`: an install that needed the registry fails here.
fn install_package(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("package-e2e-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a throwaway folder");
    std::fs::write(
        dir.join("package.json"),
        "{ \"name\": \"portal\", \"private\": true, \"type\": \"module\" }\n",
    )
    .expect("package.json written");
    let out = Command::new("npm")
        .current_dir(&dir)
        .args([
            "install",
            "--offline",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
        ])
        .arg(tarball())
        .output()
        .expect("npm runs");
    assert!(
        out.status.success(),
        "npm install of the tarball failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.join("node_modules/waldur-backups/package.json")
            .is_file(),
        "npm installed no node_modules/waldur-backups"
    );
    dir
}

/// A dev server with `--static` on `dir`; stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(dir: &Path) -> Server {
        // The binary of the suite's own dev server (`cargo xtask test` sets it), else a
        // release build.
        let binary = std::env::var_os("E2E_DEVSERVER_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| target_dir().join("release").join("devserver"));
        assert!(
            binary.is_file(),
            "no {}: run through `cargo xtask test`, which sets E2E_DEVSERVER_BIN, or `cargo build --release -p devserver` first",
            binary.display()
        );
        let mut child = Command::new(&binary)
            .args(["--port", "0", "--clock", "real", "--static"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the dev server starts");
        let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut first = String::new();
        reader.read_line(&mut first).expect("the dev server prints");
        let url = first
            .trim()
            .strip_prefix("DEVSERVER_URL=")
            .unwrap_or_else(|| panic!("the dev server announced no URL: {first:?}"))
            .to_string();
        // Keep reading its output, so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in reader.lines().map_while(Result::ok) {});
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A portal page that knows the package only by name: the import map says where npm put it.
const PORTAL_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Portal using the waldur-backups package</title>
    <link rel="icon" href="data:," />
    <script type="importmap">
      {
        "imports": {
          "waldur-backups": "./node_modules/waldur-backups/waldur-backups.js",
          "waldur-backups/": "./node_modules/waldur-backups/"
        }
      }
    </script>
    <link id="package-css" rel="stylesheet" href="./node_modules/waldur-backups/waldur-backups.css" />
  </head>
  <body>
    <h1>Portal</h1>
    <div id="mounted"></div>
    <waldur-backups id="element" page-size="10"></waldur-backups>
    <script type="module">
      import init, { mountBackups } from "waldur-backups";
      import * as everything from "waldur-backups";
      window.moduleExports = Object.keys(everything);
      // As a bundler would: the wasm's URL from the package path, handed to init.
      await init({ module_or_path: import.meta.resolve("waldur-backups/waldur-backups_bg.wasm") });
      window.events = [];
      const mounted = document.getElementById("mounted");
      mounted.addEventListener("error", (e) => window.events.push(e.type));
      window.handle = mountBackups(mounted, { apiUrl: location.origin, token: "demo-staff-token" });
      const element = document.getElementById("element");
      element.setAttribute("api-url", location.origin);
      element.token = "demo-staff-token";
      window.started = true;
    </script>
  </body>
</html>
"#;

#[tokio::test]
async fn the_installed_package_imported_by_name_shows_rows_both_ways() {
    let dir = install_package("page");
    std::fs::write(dir.join("index.html"), PORTAL_PAGE).expect("the page written");
    let server = Server::start(&dir);
    let b = browser().await;
    b.client
        .goto(&format!("{}/index.html", server.url))
        .await
        .expect("the page opens");

    b.wait_for("the module to start", "return window.started === true;")
        .await;
    b.wait_for(
        "rows from mountBackups",
        "return document.querySelectorAll('#mounted tr.wb-row').length > 0;",
    )
    .await;
    b.wait_for(
        "rows in <waldur-backups>",
        "const r = document.getElementById('element').shadowRoot;
         return r && r.querySelectorAll('tr.wb-row').length > 0;",
    )
    .await;

    let loaded = b
        .js(
            "return [
               performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
               document.getElementById('package-css').sheet.cssRules.length,
               window.handle.mounted,
               window.events,
             ];",
            vec![],
        )
        .await;
    let paths: Vec<&str> = loaded[0]
        .as_array()
        .expect("resource paths")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for file in [
        "/node_modules/waldur-backups/waldur-backups.js",
        "/node_modules/waldur-backups/waldur-backups_bg.wasm",
    ] {
        assert!(
            paths.contains(&file),
            "{file} was not loaded from the package: {paths:?}"
        );
    }
    assert!(
        loaded[1].as_u64().unwrap_or(0) > 0,
        "the package's stylesheet has no rules: {loaded}"
    );
    assert_eq!(loaded[2], json!(true), "the handle reports it is mounted");
    assert_eq!(loaded[3], json!([]), "no error event: {loaded}");

    // What the declarations say the module exports, it exports.
    let exported = b.js("return window.moduleExports;", vec![]).await;
    let dts = std::fs::read_to_string(dir.join("node_modules/waldur-backups/waldur-backups.d.ts"))
        .expect("the installed declarations");
    let declared = declared_values(&dts);
    assert!(declared.contains(&"default".to_string()) && declared.len() > 2);
    for name in &declared {
        assert!(
            exported.as_array().unwrap().contains(&json!(name)),
            "waldur-backups.d.ts declares the value `{name}`, the module exports {exported}"
        );
    }
    drop(b);
    drop(server);
}

/// The values (not types) the declarations say the module exports.
fn declared_values(dts: &str) -> Vec<String> {
    dts.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("export ")?;
            if rest.starts_with("default ") {
                return Some("default".to_string());
            }
            let rest = rest.strip_prefix("declare ").unwrap_or(rest);
            let rest = ["function ", "class ", "const "]
                .iter()
                .find_map(|k| rest.strip_prefix(k))?;
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                .collect();
            Some(name)
        })
        .collect()
}

#[tokio::test]
async fn the_installed_package_exports_its_module_wasm_and_stylesheet() {
    let dir = install_package("exports");
    // Node resolves through package.json's `exports` as bundlers do.
    let script = r#"
        const names = ["waldur-backups", "waldur-backups/waldur-backups_bg.wasm",
                       "waldur-backups/waldur-backups.css", "waldur-backups/package.json",
                       "waldur-backups/locales/de.json"];
        const resolved = names.map((n) => new URL(import.meta.resolve(n)).pathname);
        let hidden = "resolved";
        try { import.meta.resolve("waldur-backups/Cargo.toml"); } catch (e) { hidden = e.code; }
        console.log(JSON.stringify({ resolved, hidden }));
    "#;
    let out = Command::new("node")
        .current_dir(&dir)
        .args(["--input-type=module", "-e", script])
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: Value = serde_json::from_slice(&out.stdout).expect("JSON from node");
    let installed = dir.join("node_modules/waldur-backups");
    let installed = installed.to_str().expect("utf-8 path");
    assert_eq!(
        answer["resolved"],
        json!([
            format!("{installed}/waldur-backups.js"),
            format!("{installed}/waldur-backups_bg.wasm"),
            format!("{installed}/waldur-backups.css"),
            format!("{installed}/package.json"),
            format!("{installed}/locales/de.json"),
        ])
    );
    for file in [
        "waldur-backups.js",
        "waldur-backups_bg.wasm",
        "waldur-backups.css",
        "locales/en.json",
        "locales/de.json",
        "locales/es.json",
        "locales/et.json",
        "locales/fr.json",
        "locales/nl.json",
    ] {
        assert!(
            Path::new(installed).join(file).is_file(),
            "{file} exported but not installed"
        );
    }
    assert_eq!(
        answer["hidden"],
        json!("ERR_PACKAGE_PATH_NOT_EXPORTED"),
        "only the exported paths resolve"
    );
}
