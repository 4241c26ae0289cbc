//! `cargo xtask package`: the npm package portal developers install, in `target/package/`.
//!
//! It holds `package.json`, every file the ES module loads (found by reading the release
//! bundle's modules, so split chunks and their loader come along), `waldur-backups.css` (from
//! `dist/`, where the build writes it),
//! `README.md` (the project README's introduction and Embedding section) and
//! `waldur-backups.d.ts` (from `package/`), and `npm pack` of it gives
//! `waldur-backups-<version>.tgz` beside them. The release bundle is built first when `dist/`
//! is missing or older than the sources.

mod declarations;
mod modules;

use crate::stylesheet::STYLESHEET;
use crate::tools::{self, command};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The ES module Trunk writes (with `filehash = false`).
const MODULE: &str = "waldur-backups.js";
/// The wasm file the module loads by default.
const WASM: &str = "waldur-backups_bg.wasm";
/// The declarations, a committed source file.
const DECLARATIONS: &str = "waldur-backups.d.ts";

/// What `build` made.
pub struct Package {
    /// `target/package/`.
    pub dir: PathBuf,
    /// The `npm pack` tarball in it.
    pub tarball: PathBuf,
    /// Every file of the package (paths relative to `dir`), `package.json` included.
    pub files: Vec<String>,
}

pub fn run(_args: &[String]) -> Result<(), String> {
    let package = build()?;
    println!("\n{}:", package.dir.display());
    let mut total = 0;
    for file in &package.files {
        let size = std::fs::metadata(package.dir.join(file)).map_or(0, |m| m.len());
        total += size;
        println!("  {size:>9}  {file}");
    }
    println!("  {total:>9}  (total)");
    let size = std::fs::metadata(&package.tarball).map_or(0, |m| m.len());
    println!("\n{} ({size} bytes)", package.tarball.display());
    Ok(())
}

/// Builds the bundle if needed, writes `target/package/` and packs it.
pub fn build() -> Result<Package, String> {
    let root = tools::root();
    let dist = root.join("dist");
    let version = cargo_field(&root, "version")?;
    let dir = tools::target_dir().join("package");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;

    let readme = std::fs::read_to_string(root.join("README.md"))
        .map_err(|e| format!("cannot read README.md: {e}"))?;
    let declarations = root.join("package").join(DECLARATIONS);
    let dts = std::fs::read_to_string(&declarations)
        .map_err(|e| format!("cannot read {}: {e}", declarations.display()))?;
    let differences = declarations::differences(&readme, &dts);
    if !differences.is_empty() {
        return Err(format!(
            "README.md and package/{DECLARATIONS} disagree; update both:\n  - {}",
            differences.join("\n  - ")
        ));
    }

    if let Some(reason) = dist_needs_build(&root, &dist) {
        println!("== building the release bundle ({reason}): trunk build --release");
        tools::run(command("trunk").args(["build", "--release"]))?;
    }

    let mut files = modules::files_loaded_by(&dist, MODULE)?;
    if !files.iter().any(|f| f == WASM) {
        return Err(format!("dist/{MODULE} does not load {WASM}"));
    }
    for file in &files {
        copy(&dist.join(file), &dir.join(file))?;
    }

    // The split bundle's page.js fetches it (found above); hosts may also `<link>` it.
    if !files.iter().any(|f| f == STYLESHEET) {
        copy(&dist.join(STYLESHEET), &dir.join(STYLESHEET))?;
        files.push(STYLESHEET.into());
    }
    // The languages, fetched beside the module when chosen (en.json carries the keys).
    let locales = dist.join("locales");
    let mut languages: Vec<String> = std::fs::read_dir(&locales)
        .map_err(|e| format!("cannot read {}: {e}", locales.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    if !languages.iter().any(|name| name == "en.json") {
        return Err(format!("{} has no en.json", locales.display()));
    }
    languages.sort();
    for name in languages {
        let file = format!("locales/{name}");
        copy(&dist.join(&file), &dir.join(&file))?;
        files.push(file);
    }
    copy(&declarations, &dir.join(DECLARATIONS))?;
    files.push(DECLARATIONS.into());
    write(&dir.join("README.md"), &package_readme(&readme)?)?;
    files.push("README.md".into());
    files.sort();

    let description = cargo_field(&root, "description")?;
    let license = workspace_license(&root)?;
    write(
        &dir.join("package.json"),
        &package_json(&version, &description, &license, &files),
    )?;
    files.insert(0, "package.json".into());

    let name = format!("waldur-backups-{version}.tgz");
    tools::run(
        command("npm")
            .current_dir(&dir)
            .args(["pack", "--ignore-scripts", "--silent"]),
    )?;
    let tarball = dir.join(&name);
    if !tarball.is_file() {
        return Err(format!("npm pack wrote no {name} in {}", dir.display()));
    }
    Ok(Package {
        dir,
        tarball,
        files,
    })
}

/// Why `dist/` must be built first, or None when it is up to date.
fn dist_needs_build(root: &Path, dist: &Path) -> Option<String> {
    let built = [MODULE, WASM, STYLESHEET]
        .iter()
        .map(|f| {
            std::fs::metadata(dist.join(f))
                .and_then(|m| m.modified())
                .ok()
        })
        .try_fold(SystemTime::now(), |oldest, t| t.map(|t| oldest.min(t)));
    let Some(built) = built else {
        return Some("dist/ has no bundle".into());
    };
    let inputs = ["src", "www", "Cargo.toml", "Cargo.lock", "Trunk.toml"];
    inputs
        .iter()
        .find_map(|input| newer_than(&root.join(input), built))
        .map(|path| {
            let shown = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            format!("{shown} changed since the last build")
        })
}

/// The first file under `path` changed after `time`.
fn newer_than(path: &Path, time: SystemTime) -> Option<PathBuf> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).ok()?;
        return entries
            .filter_map(Result::ok)
            .find_map(|e| newer_than(&e.path(), time));
    }
    meta.modified()
        .ok()
        .filter(|m| *m > time)
        .map(|_| path.to_path_buf())
}

/// The package's README: the project README's introduction and its Embedding section.
fn package_readme(readme: &str) -> Result<String, String> {
    let intro_end = readme
        .find("\n## ")
        .ok_or("README.md has no `## ` section")?;
    let start = readme
        .find("\n## Embedding\n")
        .ok_or("README.md has no `## Embedding` section")?;
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    Ok(format!(
        "{}\n\n{}",
        readme[..intro_end].trim_end(),
        rest[..end].trim_end()
    ) + "\n")
}

/// A `key = "value"` of the root Cargo.toml's `[package]` table.
fn cargo_field(root: &Path, key: &str) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    table_field(&manifest, "[package]", key)
        .ok_or_else(|| format!("Cargo.toml's [package] has no `{key} = \"…\"`"))
}

/// The workspace's license (`license.workspace = true` in the library's manifest).
fn workspace_license(root: &Path) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    table_field(&manifest, "[package]", "license")
        .or_else(|| table_field(&manifest, "[workspace.package]", "license"))
        .ok_or_else(|| "Cargo.toml names no license".into())
}

fn table_field(manifest: &str, table: &str, key: &str) -> Option<String> {
    let mut inside = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == table;
            continue;
        }
        if !inside {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim() == key {
            let v = v.trim();
            if let Some(value) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                return Some(value.to_string());
            }
        }
    }
    None
}

/// package.json: the module, the wasm and the stylesheet as exports, the types, no
/// dependencies (so installing the tarball needs no registry).
fn package_json(version: &str, description: &str, license: &str, files: &[String]) -> String {
    let files = files
        .iter()
        .map(|f| format!("    {}", json_string(f)))
        .collect::<Vec<_>>()
        .join(",\n");
    format!(
        r#"{{
  "name": "waldur-backups",
  "version": {version},
  "description": {description},
  "license": {license},
  "keywords": ["waldur", "openstack", "backups", "web-component", "webassembly", "leptos"],
  "type": "module",
  "main": "./{MODULE}",
  "module": "./{MODULE}",
  "types": "./{DECLARATIONS}",
  "exports": {{
    ".": {{
      "types": "./{DECLARATIONS}",
      "default": "./{MODULE}"
    }},
    "./{WASM}": "./{WASM}",
    "./{STYLESHEET}": "./{STYLESHEET}",
    "./locales/*": "./locales/*",
    "./package.json": "./package.json"
  }},
  "sideEffects": true,
  "files": [
{files}
  ]
}}
"#,
        version = json_string(version),
        description = json_string(description),
        license = json_string(license),
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The `package` step of `cargo xtask test`: each check's name and its result.
pub fn test_step() -> Vec<(&'static str, Result<(), String>)> {
    let package = match build() {
        Ok(p) => p,
        Err(e) => return vec![("package_builds_and_packs", Err(e))],
    };
    // The two tsc runs take a few seconds each: side by side on the two cores.
    let (plain, react) = std::thread::scope(|s| {
        let plain = s.spawn(|| typecheck(&package, "plain", false));
        let react = typecheck(&package, "react", true);
        (plain.join().expect("the tsc thread"), react)
    });
    vec![
        (
            "tarball_holds_every_file_the_module_loads",
            tarball_holds(&package),
        ),
        ("typescript_accepts_the_example_without_react_types", plain),
        (
            "typescript_accepts_the_react_example_and_rejects_wrong_uses",
            react,
        ),
    ]
}

/// `tar -tzf` of the tarball lists exactly the package's files.
fn tarball_holds(package: &Package) -> Result<(), String> {
    let listing = tools::output_of(
        "tar",
        &["-tzf", package.tarball.to_str().expect("utf-8 path")],
    )
    .ok_or("tar cannot list the tarball")?;
    let mut packed: Vec<&str> = listing
        .lines()
        .filter_map(|l| l.strip_prefix("package/"))
        .collect();
    packed.sort_unstable();
    let mut wanted: Vec<&str> = package.files.iter().map(String::as_str).collect();
    wanted.sort_unstable();
    if packed == wanted {
        Ok(())
    } else {
        Err(format!(
            "the tarball holds {packed:?}, the package {wanted:?}"
        ))
    }
}

/// `tsc --strict --noEmit` of `package/typecheck/` against the packed package, installed as a
/// portal would have it (`node_modules/waldur-backups`), with or without React's types. Every
/// `@ts-expect-error` line must be an error, or tsc fails (TS2578).
fn typecheck(package: &Package, flavour: &str, react: bool) -> Result<(), String> {
    let dir = tools::target_dir().join("package-typecheck").join(flavour);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    let installed = dir.join("node_modules").join("waldur-backups");
    std::fs::create_dir_all(&installed)
        .map_err(|e| format!("cannot create {}: {e}", installed.display()))?;
    tools::run(
        command("tar")
            .arg("-xzf")
            .arg(&package.tarball)
            .arg("-C")
            .arg(&installed)
            .arg("--strip-components=1"),
    )?;
    let sources = tools::root().join("package").join("typecheck");
    for entry in std::fs::read_dir(&sources)
        .map_err(|e| format!("cannot read {}: {e}", sources.display()))?
        .filter_map(Result::ok)
    {
        copy(&entry.path(), &dir.join(entry.file_name()))?;
    }
    write(
        &dir.join("package.json"),
        "{ \"private\": true, \"type\": \"module\" }\n",
    )?;
    if react {
        let types = tools::tools_dir().join("node_modules").join("@types");
        let link = dir.join("node_modules").join("@types");
        std::os::unix::fs::symlink(&types, &link)
            .map_err(|e| format!("cannot link {}: {e}", link.display()))?;
    }
    let config = format!("tsconfig.{flavour}.json");
    let out = command("tsc")
        .current_dir(&dir)
        .args(["-p", &config, "--strict", "--noEmit"])
        .output()
        .map_err(|e| format!("cannot run tsc (cargo xtask setup installs it): {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "tsc -p {config} in {} failed:\n{}{}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_json_names_the_module_wasm_stylesheet_and_types() {
        let json = package_json(
            "1.2.3",
            "Widgets \"for\" Waldur",
            "MIT",
            &["a.js".into(), "snippets/x/inline0.js".into()],
        );
        for needle in [
            "\"name\": \"waldur-backups\"",
            "\"version\": \"1.2.3\"",
            "\"description\": \"Widgets \\\"for\\\" Waldur\"",
            "\"type\": \"module\"",
            "\"types\": \"./waldur-backups.d.ts\"",
            "\"default\": \"./waldur-backups.js\"",
            "\"./waldur-backups_bg.wasm\": \"./waldur-backups_bg.wasm\"",
            "\"./waldur-backups.css\": \"./waldur-backups.css\"",
            "\"sideEffects\": true",
            "\"license\": \"MIT\"",
            "    \"snippets/x/inline0.js\"",
        ] {
            assert!(json.contains(needle), "{needle} missing from\n{json}");
        }
        assert!(!json.contains("dependencies"), "no dependencies: {json}");
    }

    #[test]
    fn the_package_readme_is_the_introduction_and_the_embedding_section() {
        let readme = "# t\n\nIntro.\n\n## Two commands\n\nx\n\n## Embedding\n\nE.\n\n### Install\n\nI.\n\n## Map\n\nm\n";
        assert_eq!(
            package_readme(readme).unwrap(),
            "# t\n\nIntro.\n\n## Embedding\n\nE.\n\n### Install\n\nI.\n"
        );
    }

    #[test]
    fn version_and_license_come_from_the_manifests() {
        let manifest = "[workspace.package]\nlicense = \"MIT\"\n\n[package]\nname = \"w\"\nversion = \"0.4.0\"\nlicense.workspace = true\n";
        assert_eq!(
            table_field(manifest, "[package]", "version").as_deref(),
            Some("0.4.0")
        );
        assert_eq!(table_field(manifest, "[package]", "license"), None);
        assert_eq!(
            table_field(manifest, "[workspace.package]", "license").as_deref(),
            Some("MIT")
        );
    }
}
