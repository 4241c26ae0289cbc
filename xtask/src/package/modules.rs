//! Which files of `dist/` the ES module loads: found by reading the module and every module it
//! imports (static and dynamic imports, re-exports, and `new URL("…", import.meta.url)` for
//! wasm files and chunks), so the package follows whatever the build emits.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The files (paths relative to `dir`, with `/`) that `entry` loads, `entry` included, sorted.
/// Fails when a referenced file is missing or when a module imports another package (the
/// package has no dependencies, so an install needs no registry).
pub fn files_loaded_by(dir: &Path, entry: &str) -> Result<Vec<String>, String> {
    let mut found = BTreeSet::new();
    let mut queue = vec![entry.to_string()];
    while let Some(file) = queue.pop() {
        if !found.insert(file.clone()) {
            continue;
        }
        let path = dir.join(&file);
        if !path.is_file() {
            return Err(format!("{} is missing from {}", file, dir.display()));
        }
        if !(file.ends_with(".js") || file.ends_with(".mjs")) {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for reference in references(&text) {
            let target = match reference {
                Reference::Module(spec) if !is_relative(&spec) => {
                    let why = "another package: the package would need a dependency";
                    return Err(format!("{file} imports `{spec}`, {why}"));
                }
                Reference::Module(spec) | Reference::Asset(spec) => spec,
            };
            if target.contains("://") || target.starts_with('/') || target.starts_with("data:") {
                continue;
            }
            let resolved = resolve(&file, &target).ok_or_else(|| {
                format!("{file} refers to `{target}`, outside the bundle's folder")
            })?;
            queue.push(resolved);
        }
    }
    Ok(found.into_iter().collect())
}

/// One thing a module refers to.
#[derive(Debug, PartialEq, Eq)]
pub enum Reference {
    /// An `import`/`export … from` specifier or a dynamic `import("…")`.
    Module(String),
    /// The first argument of `new URL("…", import.meta.url)`: a file fetched at run time.
    Asset(String),
}

/// The references in a module's text, in order.
pub fn references(js: &str) -> Vec<Reference> {
    let bytes = js.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &js[i..];
        let boundary = i == 0 || !is_ident_byte(bytes[i - 1]);
        if boundary && starts_word(rest, "from") {
            // `import x from "…"`, `export { x } from "…"`; minified, `from"…"`.
            if let Some((spec, _)) = string_after(&rest[4..]) {
                out.push(Reference::Module(spec));
            }
        } else if boundary && starts_word(rest, "import") {
            let after = &rest[6..];
            let trimmed = after.trim_start();
            if let Some(call) = trimmed.strip_prefix('(') {
                // `import("…")`
                if let Some((spec, _)) = string_after(call) {
                    out.push(Reference::Module(spec));
                }
            } else if let Some((spec, _)) = string_after(after) {
                // `import "…"` (for its side effects; minified, `import"…"`)
                out.push(Reference::Module(spec));
            }
        } else if boundary && rest.starts_with("new URL(") {
            if let Some((spec, tail)) = string_after(&rest[8..]) {
                let tail = tail.trim_start();
                if let Some(base) = tail.strip_prefix(',') {
                    if base.trim_start().starts_with("import.meta.url") {
                        out.push(Reference::Asset(spec));
                    }
                }
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'.'
}

/// `word` at the start of `text`, not followed by an identifier character.
fn starts_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && !text[word.len()..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// A quoted string right after optional whitespace, and the text after its closing quote.
fn string_after(text: &str) -> Option<(String, &str)> {
    let trimmed = text.trim_start();
    let quote = trimmed.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &trimmed[1..];
    let end = body.find(quote)?;
    let value = &body[..end];
    if value.contains('\n') || value.contains('\\') {
        return None;
    }
    Some((value.to_string(), &body[end + 1..]))
}

fn is_relative(spec: &str) -> bool {
    spec.starts_with("./") || spec.starts_with("../")
}

/// `target` relative to the folder of `from` (both relative to the bundle's root); None when
/// it leaves the root.
fn resolve(from: &str, target: &str) -> Option<String> {
    let base = Path::new(from).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for component in base.join(target).components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            _ => return None,
        }
    }
    let path: PathBuf = parts.iter().collect();
    Some(path.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_from_every_kind_of_import_and_asset_url() {
        let cases: &[(&str, &[Reference])] = &[
            (
                "import { a } from './snippets/x/inline0.js';",
                &[Reference::Module("./snippets/x/inline0.js".into())],
            ),
            (
                "import * as import3 from \"./__wasm_split.js\"",
                &[Reference::Module("./__wasm_split.js".into())],
            ),
            (
                "export { b } from './b.js'; import './side.js';",
                &[
                    Reference::Module("./b.js".into()),
                    Reference::Module("./side.js".into()),
                ],
            ),
            (
                "const m = await import( './lazy.js' );",
                &[Reference::Module("./lazy.js".into())],
            ),
            (
                "module_or_path = new URL('waldur-backups_bg.wasm', import.meta.url);",
                &[Reference::Asset("waldur-backups_bg.wasm".into())],
            ),
            (
                "fetch(new URL(\"./chunk_4.wasm\", import.meta.url));",
                &[Reference::Asset("./chunk_4.wasm".into())],
            ),
            // Minified (the release bundle's JavaScript goes through terser).
            (
                "import{initSync as e}from\"./waldur-backups.js\";import*as t from\"./__wasm_split.js\";import\"./side.js\";",
                &[
                    Reference::Module("./waldur-backups.js".into()),
                    Reference::Module("./__wasm_split.js".into()),
                    Reference::Module("./side.js".into()),
                ],
            ),
            (
                "const s=fetch(new URL(\"./split_dialogs.wasm\",import.meta.url));",
                &[Reference::Asset("./split_dialogs.wasm".into())],
            ),
            // wasm-bindgen's import object names the wasm module's imports, not files.
            (
                "const imports = { \"./waldur-backups_bg.js\": import0 };",
                &[],
            ),
            // Neither a URL relative to the module nor an import.
            (
                "new URL(getStringFromWasm0(arg0, arg1)); Array.from('abc'); x.import('y')",
                &[],
            ),
            ("new URL('https://example.com/', location.href)", &[]),
        ];
        for (js, want) in cases {
            assert_eq!(&references(js), want, "in {js:?}");
        }
    }

    #[test]
    fn files_loaded_follow_imports_and_chunks_but_not_stale_files() {
        let dir = std::env::temp_dir().join(format!("xtask-modules-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("snippets/s")).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        write(
            "main.js",
            "import { f } from './snippets/s/inline0.js';\nimport * as i from \"./split.js\"\n\
             const u = new URL('main_bg.wasm', import.meta.url);",
        );
        write("snippets/s/inline0.js", "export function f() {}");
        write(
            "split.js",
            "import { initSync } from \"./main.js\";\nfetch(new URL(\"./chunk_1.wasm\", import.meta.url));",
        );
        write("main_bg.wasm", "");
        write("chunk_1.wasm", "");
        write("chunk_9.wasm", "");
        write("index.html", "");
        assert_eq!(
            files_loaded_by(&dir, "main.js").unwrap(),
            [
                "chunk_1.wasm",
                "main.js",
                "main_bg.wasm",
                "snippets/s/inline0.js",
                "split.js"
            ]
        );

        std::fs::remove_file(dir.join("chunk_1.wasm")).unwrap();
        let error = files_loaded_by(&dir, "main.js").unwrap_err();
        assert!(error.starts_with("chunk_1.wasm is missing"), "{error}");

        write("main.js", "import React from 'react';");
        let error = files_loaded_by(&dir, "main.js").unwrap_err();
        assert!(
            error.contains("imports `react`, another package"),
            "{error}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
