//! `cargo xtask split`: Trunk's `post_build` hook (Trunk.toml), so `trunk build --release` ships
//! a split bundle. It cuts the wasm cargo built (with the feature `split`, see www/index.html) at
//! its `lazy_part!` split points (src/components/lazy.rs) into a main module and lazily loaded
//! chunks (wasm_split_cli_support), runs this project's wasm-bindgen on the main module, then
//! `wasm-opt -Oz` on the main module and on every chunk and terser on the JavaScript (the glue,
//! the chunk loader, the snippets), gives the main module's imports from its glue short names
//! (`glue_names.rs`), and writes the result over what Trunk
//! staged (`$TRUNK_STAGING_DIR`): `waldur-backups.js`, `waldur-backups_bg.wasm`, `snippets/`,
//! plus `__wasm_split.js` (the chunk loader) and the chunks.
//!
//! The page's preload hints follow: Trunk wrote `<link rel="modulepreload">` for the snippets of
//! its own (unsplit) output, which are not those of the split one.
//!
//! Trunk's own wasm-bindgen output of the unsplit wasm is replaced: a wasm built with split points
//! imports its loaders from `__wasm_split_placeholder__` and cannot start until it is split.
//! Trunk's wasm-opt is off for this link (`data-wasm-opt="0"`), since it would run on the unsplit
//! module, and so is its integrity hash (`data-integrity="none"`), which would name the old files.

use crate::tools::{self, command};
use std::path::{Path, PathBuf};

/// The name Trunk gives the JS glue and wasm (the package name; Trunk.toml sets `filehash = false`).
const OUT_NAME: &str = "waldur-backups";
/// The wasm file cargo writes for the library crate.
const CARGO_WASM: &str = "waldur_backups.wasm";
/// The chunk loader the main module imports, written beside the JS glue.
const LINK_MODULE: &str = "__wasm_split.js";
/// How the main module names it (an ES module specifier relative to the glue).
const LINK_SPECIFIER: &str = "./__wasm_split.js";
/// wasm-opt's flags for the main module and every chunk. `--low-memory-unused`: Rust never puts
/// data in the first KB of memory, so offsets can fold into loads (-1.1 KB gzip on the main
/// module); `--converge` repeats -Oz while it still shrinks (-1.0 KB).
///
/// Not `--ignore-implicit-traps` (-0.6 KB): it lets wasm-opt run a load before the check that
/// guards it, and `--low-memory-unused` folds `ptr - 12` into a load's offset. Comparing an
/// empty `Vec` (whose dangling pointer is 4) then read from 4 - 12 wrapped to near 4 GiB:
/// "memory access out of bounds" in a memo's comparison on the standalone page, which left the
/// task executor's RefCell borrowed, so the page stopped updating.
const WASM_OPT: [&str; 3] = ["-Oz", "--low-memory-unused", "--converge"];
/// The module the wasm imports its chunk loaders from before it is split.
const PLACEHOLDER: &str = "__wasm_split_placeholder__";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut staging = std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from);
    let mut profile = std::env::var("TRUNK_PROFILE").unwrap_or_else(|_| "release".into());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--staging" => staging = it.next().map(PathBuf::from),
            "--profile" => profile = it.next().cloned().ok_or("--profile needs a name")?,
            "--help" | "-h" => {
                println!(
                    "usage: cargo xtask split [--staging DIR] [--profile release|debug]\n\n\
                     Trunk runs this after its build (Trunk.toml, post_build), with\n\
                     TRUNK_STAGING_DIR and TRUNK_PROFILE set."
                );
                return Ok(());
            }
            other => return Err(format!("unknown split option `{other}`")),
        }
    }
    let staging = staging.ok_or("no staging folder: run from Trunk or pass --staging DIR")?;
    let input = tools::target_dir()
        .join("wasm32-unknown-unknown")
        .join(&profile)
        .join(CARGO_WASM);
    let work = tools::target_dir().join("wasm-split").join(&profile);
    let out = work.join("out");
    let stamp = work.join("stamp");
    let key = build_key(&input, profile == "release")?;
    if out.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(key.as_str()) {
        // Trunk runs its hooks on every build, also when cargo had nothing to do: the same
        // input through the same pipeline gives the same files (wasm-opt alone takes a minute).
        println!(
            "split: {} unchanged since the last split, its output reused",
            input.display()
        );
    } else {
        let _ = std::fs::remove_file(&stamp);
        split_and_bind(&input, &work, profile == "release")?;
        std::fs::write(&stamp, &key)
            .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    }
    stage(&out, &staging)?;
    let page = staging.join("index.html");
    if page.exists() {
        let html = std::fs::read_to_string(&page)
            .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        let html = preload_split_scripts(&html, &script_files(&out)?);
        std::fs::write(&page, html).map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    }
    println!(
        "split: {} chunks written to {}",
        list_chunks(&out)?.len(),
        staging.display()
    );
    Ok(())
}

/// What the split's output depends on: the input module, whether it is optimized, and this
/// program (its pipeline and the tools' flags are compiled into it).
fn build_key(input: &Path, optimize: bool) -> Result<String, String> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let wasm = std::fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    wasm.hash(&mut hasher);
    optimize.hash(&mut hasher);
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let program = std::fs::read(&exe).map_err(|e| format!("cannot read {}: {e}", exe.display()))?;
    program.hash(&mut hasher);
    Ok(format!("{:016x} {} bytes", hasher.finish(), wasm.len()))
}

/// Splits `input` in `work/split`, runs wasm-bindgen into `work/out` and (when `optimize`)
/// wasm-opt on every module there; returns `work/out`.
fn split_and_bind(input: &Path, work: &Path, optimize: bool) -> Result<PathBuf, String> {
    let wasm = std::fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let split_dir = work.join("split");
    let out = work.join("out");
    for dir in [&split_dir, &out] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let main = split_dir.join("main.wasm");
    let main_module = format!("./{OUT_NAME}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = &split_dir;
    options.main_out_path = &main;
    options.link_name = LINK_SPECIFIER;
    options.main_module = &main_module;
    wasm_split_cli_support::transform(options)
        .map_err(|e| format!("splitting {} failed: {e:?}", input.display()))?;

    let bindgen = tools::wasm_bindgen_root().join("bin").join("wasm-bindgen");
    tools::run(
        command(bindgen.to_str().expect("utf-8 path"))
            .arg(&main)
            .arg("--out-dir")
            .arg(&out)
            .args(["--out-name", OUT_NAME, "--target", "web"])
            // The chunks import the main module's functions by their linker names.
            .args(["--keep-lld-exports", "--no-demangle", "--no-typescript"]),
    )?;
    for entry in read_dir(&split_dir)? {
        let name = entry.file_name().unwrap_or_default().to_string_lossy();
        if name == LINK_MODULE || (name.ends_with(".wasm") && name != "main.wasm") {
            copy(&entry, &out.join(&*name))?;
        }
    }
    let glue = std::fs::read_to_string(out.join(format!("{OUT_NAME}.js")))
        .map_err(|e| format!("wasm-bindgen wrote no JS glue: {e}"))?;
    if glue.contains(PLACEHOLDER) {
        return Err(format!(
            "the split module still imports from {PLACEHOLDER}: the split did not happen"
        ));
    }
    if !out.join(LINK_MODULE).exists() {
        return Err(format!("the split wrote no {LINK_MODULE}"));
    }
    quiet_failed_loads(&out.join(LINK_MODULE))?;
    fetch_stylesheet_at_load(&out)?;
    if optimize {
        // The glue, the chunk loader and the snippets: wasm-bindgen writes them readable.
        for script in script_files(&out)?
            .into_iter()
            .chain([format!("{OUT_NAME}.js")])
        {
            let path = out.join(&script);
            let tmp = path.with_extension("min.js");
            tools::run(
                command("terser")
                    .arg(&path)
                    .args(["--module", "--compress", "--mangle", "--output"])
                    .arg(&tmp),
            )?;
            std::fs::rename(&tmp, &path)
                .map_err(|e| format!("cannot replace {}: {e}", path.display()))?;
        }
        optimize_modules(
            &out.join(format!("{OUT_NAME}_bg.wasm")),
            &list_chunks(&out)?,
        )?;
        shorten_glue_imports(&out)?;
    }
    // wasm-opt once wrote a truncated module and exited 0 when the disk was full.
    let mut modules = vec![out.join(format!("{OUT_NAME}_bg.wasm"))];
    modules.extend(list_chunks(&out)?);
    for module in modules {
        let bytes =
            std::fs::read(&module).map_err(|e| format!("cannot read {}: {e}", module.display()))?;
        if !is_complete_module(&bytes) {
            return Err(format!(
                "{} is not a complete wasm module ({} bytes): was the disk full?",
                module.display(),
                bytes.len()
            ));
        }
    }
    Ok(out)
}

/// The main module's imports from its glue renamed to short names, in the wasm and the glue
/// (`glue_names.rs`).
fn shorten_glue_imports(out: &Path) -> Result<(), String> {
    let wasm_path = out.join(format!("{OUT_NAME}_bg.wasm"));
    let js_path = out.join(format!("{OUT_NAME}.js"));
    let wasm = std::fs::read(&wasm_path)
        .map_err(|e| format!("cannot read {}: {e}", wasm_path.display()))?;
    let js = std::fs::read_to_string(&js_path)
        .map_err(|e| format!("cannot read {}: {e}", js_path.display()))?;
    let done = crate::glue_names::shorten(&wasm, &js, &format!("./{OUT_NAME}_bg.js"))?;
    println!(
        "xtask split: {} glue imports renamed, main module {} → {} bytes",
        done.renamed,
        wasm.len(),
        done.wasm.len()
    );
    std::fs::write(&wasm_path, &done.wasm)
        .map_err(|e| format!("cannot write {}: {e}", wasm_path.display()))?;
    std::fs::write(&js_path, &done.js)
        .map_err(|e| format!("cannot write {}: {e}", js_path.display()))
}

/// Whether `bytes` is a whole wasm module: the header, then sections whose sizes add up to
/// exactly the file's length.
fn is_complete_module(bytes: &[u8]) -> bool {
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        return false;
    }
    let mut at = 8;
    while at < bytes.len() {
        // section id, then its size as unsigned LEB128
        at += 1;
        let (mut size, mut shift) = (0usize, 0);
        loop {
            let Some(&b) = bytes.get(at) else {
                return false;
            };
            at += 1;
            size |= usize::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
            if shift > 28 {
                return false;
            }
        }
        at += size;
    }
    at == bytes.len()
}

/// The chunk files in a split output folder (every `.wasm` but the main module), sorted.
fn list_chunks(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let main = format!("{OUT_NAME}_bg.wasm");
    let mut chunks: Vec<PathBuf> = read_dir(dir)?
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|x| x == "wasm")
                && p.file_name()
                    .is_some_and(|n| n != main.as_str() && n != "main.wasm")
        })
        .collect();
    chunks.sort();
    Ok(chunks)
}

/// Replaces Trunk's staged glue, wasm and snippets with the split output in `from`: the glue,
/// main wasm, snippets, chunk loader and chunks. Chunks left from an earlier build go.
fn stage(from: &Path, staging: &Path) -> Result<(), String> {
    for old in read_dir(staging)? {
        let name = old
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let ours = name == "snippets"
            || name == LINK_MODULE
            || (name.ends_with(".wasm") && name.starts_with(OUT_NAME))
            || (name.ends_with(".wasm") && is_chunk_name(&name));
        if ours {
            let result = if old.is_dir() {
                std::fs::remove_dir_all(&old)
            } else {
                std::fs::remove_file(&old)
            };
            result.map_err(|e| format!("cannot remove {}: {e}", old.display()))?;
        }
    }
    copy_tree(from, staging)
}

/// The scripts the glue imports at once: its snippets and the chunk loader (paths relative to
/// `dir`, `/`-separated, sorted).
fn script_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut files = vec![LINK_MODULE.to_string()];
    let mut stack = vec![dir.join("snippets")];
    while let Some(d) = stack.pop() {
        if !d.exists() {
            continue;
        }
        for p in read_dir(&d)? {
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "js") {
                let rel = p.strip_prefix(dir).expect("under dir");
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect();
                files.push(parts.join("/"));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Replaces the page's `modulepreload` hints for snippets (Trunk's, of the unsplit output) with
/// hints for `scripts`, placed after the glue's own hint and with its base URL and attributes.
fn preload_split_scripts(html: &str, scripts: &[String]) -> String {
    // Trunk writes each hint as one tag: `<link rel="modulepreload" href="…" crossorigin=…>`.
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut glue_hint = None;
    while let Some(start) = rest.find("<link rel=\"modulepreload\"") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..=start + len];
        out.push_str(&rest[..start]);
        if tag.contains("snippets/") || tag.contains(LINK_MODULE) {
            // dropped: written anew below
        } else {
            out.push_str(tag);
            if tag.contains(&format!("{OUT_NAME}.js\"")) {
                glue_hint = Some((out.len(), tag.to_string()));
            }
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    let Some((at, glue)) = glue_hint else {
        return out;
    };
    let glue_file = format!("{OUT_NAME}.js\"");
    let hints: String = scripts
        .iter()
        .map(|s| glue.replacen(&glue_file, &format!("{s}\""), 1))
        .collect();
    out.insert_str(at, &hints);
    out
}

/// `wasm-opt` on the main module and, at the same time, on the chunks one after the other.
/// npm's binaryen runs under node on one core: the main module takes about as long as all the
/// chunks together, so two lines of work halve the wait on 2 cores (about 40 s of the bundle).
fn optimize_modules(main: &Path, chunks: &[PathBuf]) -> Result<(), String> {
    let optimize = |module: &Path| {
        let path = module.to_str().expect("utf-8 path");
        tools::run(command("wasm-opt").args(WASM_OPT).args([path, "-o", path]))
    };
    std::thread::scope(|scope| {
        let chunks = scope.spawn(|| chunks.iter().try_for_each(|chunk| optimize(chunk)));
        let main = optimize(main);
        let chunks = chunks
            .join()
            .unwrap_or_else(|_| Err("the wasm-opt thread for the chunks panicked".into()));
        main.and(chunks)
    })
}

/// Whether a file name is one wasm_split_cli_support gives a chunk: `split_<name>.wasm` (one
/// split point's code) or `chunk_<n>.wasm` (code several split points share).
fn is_chunk_name(name: &str) -> bool {
    name.starts_with("split_") || name.starts_with("chunk_")
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in read_dir(from)? {
        let target = to.join(entry.file_name().expect("entries have names"));
        if entry.is_dir() {
            copy_tree(&entry, &target)?;
        } else {
            copy(&entry, &target)?;
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect())
}

/// wasm-split's loader reports a chunk it could not fetch with `console.error`; the widget
/// already says so in place with Retry (and a page that navigates away aborts a prefetch),
/// so the loader warns instead: a console error is what a host treats as a fault.
fn quiet_failed_loads(loader: &Path) -> Result<(), String> {
    const LOUD: &str = "console.error(e);";
    const QUIET: &str =
        "console.warn(\"waldur-backups: a part of the widget could not be fetched:\", e);";
    let text = std::fs::read_to_string(loader)
        .map_err(|e| format!("cannot read {}: {e}", loader.display()))?;
    if !text.contains(LOUD) {
        return Err(format!(
            "{} has no `{LOUD}` to turn into a warning: wasm-split's loader changed",
            loader.display()
        ));
    }
    std::fs::write(loader, text.replace(LOUD, QUIET))
        .map_err(|e| format!("cannot write {}: {e}", loader.display()))
}

/// The line of `src/embed/page.js` that the split bundle turns on: the main module does not
/// carry the stylesheet's text there, so `page.js` fetches `waldur-backups.css` as soon as it
/// loads, beside the wasm, rather than when the first widget is mounted.
const FETCH_AT_LOAD_OFF: &str = "const FETCH_AT_LOAD = false;";
const FETCH_AT_LOAD_ON: &str = "const FETCH_AT_LOAD = true;";

/// Turns [`FETCH_AT_LOAD_OFF`] on in the one snippet that has it.
fn fetch_stylesheet_at_load(out: &Path) -> Result<(), String> {
    let mut found = 0;
    for script in script_files(out)? {
        let path = out.join(&script);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if text.contains(FETCH_AT_LOAD_OFF) {
            std::fs::write(&path, text.replace(FETCH_AT_LOAD_OFF, FETCH_AT_LOAD_ON))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            found += 1;
        }
    }
    match found {
        1 => Ok(()),
        n => Err(format!(
            "{n} scripts have `{FETCH_AT_LOAD_OFF}` (expected page.js alone): the split bundle would not fetch its stylesheet early"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_bundle_fetches_its_stylesheet_as_soon_as_page_js_loads() {
        let out = scratch("fetch-at-load");
        write(
            &out.join("snippets/x/src/embed/page.js"),
            "let a = 1;\nconst FETCH_AT_LOAD = false;\n",
        );
        write(&out.join("snippets/x/inline0.js"), "export const b = 2;\n");
        write(&out.join(LINK_MODULE), "export function load() {}\n");
        fetch_stylesheet_at_load(&out).unwrap();
        let page = std::fs::read_to_string(out.join("snippets/x/src/embed/page.js")).unwrap();
        assert!(page.contains(FETCH_AT_LOAD_ON) && !page.contains(FETCH_AT_LOAD_OFF));
        // Run again (the line is gone): the split stops rather than ship a late fetch.
        assert!(fetch_stylesheet_at_load(&out).is_err());
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-split-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = read_dir(dir)
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_page_preloads_the_split_outputs_scripts_instead_of_trunks_snippets() {
        let html = concat!(
            "<head><link rel=\"modulepreload\" href=\"./waldur-backups.js\" crossorigin=\"anonymous\">",
            "<link rel=\"modulepreload\" href=\"./snippets/w-1/inline0.js\" crossorigin=\"anonymous\">",
            "<link rel=\"modulepreload\" href=\"./snippets/w-1/inline3.js\" crossorigin=\"anonymous\">",
            "<link rel=\"preload\" href=\"./waldur-backups_bg.wasm\" as=\"fetch\"></head>",
        );
        let scripts = [
            "__wasm_split.js".to_string(),
            "snippets/w-1/inline0.js".to_string(),
        ];
        assert_eq!(
            preload_split_scripts(html, &scripts),
            concat!(
                "<head><link rel=\"modulepreload\" href=\"./waldur-backups.js\" crossorigin=\"anonymous\">",
                "<link rel=\"modulepreload\" href=\"./__wasm_split.js\" crossorigin=\"anonymous\">",
                "<link rel=\"modulepreload\" href=\"./snippets/w-1/inline0.js\" crossorigin=\"anonymous\">",
                "<link rel=\"preload\" href=\"./waldur-backups_bg.wasm\" as=\"fetch\"></head>",
            )
        );
        // Built again over its own output: the same page.
        let once = preload_split_scripts(html, &scripts);
        assert_eq!(preload_split_scripts(&once, &scripts), once);
    }

    #[test]
    fn a_truncated_module_is_told_from_a_whole_one() {
        // header, a type section of 4 bytes, a custom section of 3 bytes
        let whole = b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0\0\x03\x01a\x01";
        assert!(is_complete_module(whole));
        assert!(
            is_complete_module(&whole[..14]),
            "a module may end after any section"
        );
        for cut in [0, 4, 9, 12, 15, whole.len() - 1] {
            assert!(!is_complete_module(&whole[..cut]), "cut at {cut}");
        }
        assert!(!is_complete_module(b"\0wasm\x01\0\0\0"));
    }

    #[test]
    fn the_scripts_to_preload_are_the_loader_and_every_snippet() {
        let out = scratch("scripts");
        write(&out.join("snippets/w-1/inline0.js"), "a");
        write(&out.join("snippets/w-1/inline1.js"), "b");
        write(&out.join("waldur-backups_bg.wasm"), "main");
        assert_eq!(
            script_files(&out).unwrap(),
            [
                "__wasm_split.js",
                "snippets/w-1/inline0.js",
                "snippets/w-1/inline1.js"
            ]
        );
    }

    #[test]
    fn staging_replaces_trunks_glue_wasm_snippets_and_old_chunks_and_keeps_the_rest() {
        let staging = scratch("staging");
        write(&staging.join("index.html"), "page");
        write(&staging.join("styles.css"), "css");
        write(&staging.join("waldur-backups.js"), "unsplit glue");
        write(&staging.join("waldur-backups_bg.wasm"), "unsplit wasm");
        write(
            &staging.join("snippets/waldur-backups-old/inline0.js"),
            "old",
        );
        write(&staging.join("split_gone.wasm"), "stale chunk");
        let out = scratch("out");
        write(&out.join("waldur-backups.js"), "split glue");
        write(&out.join("waldur-backups_bg.wasm"), "main");
        write(&out.join("snippets/waldur-backups-new/inline0.js"), "new");
        write(&out.join("__wasm_split.js"), "loader");
        write(&out.join("split_drawer.wasm"), "drawer");
        write(&out.join("chunk_2.wasm"), "shared");

        stage(&out, &staging).unwrap();

        assert_eq!(
            names(&staging),
            [
                "__wasm_split.js",
                "chunk_2.wasm",
                "index.html",
                "snippets",
                "split_drawer.wasm",
                "styles.css",
                "waldur-backups.js",
                "waldur-backups_bg.wasm",
            ]
        );
        assert_eq!(names(&staging.join("snippets")), ["waldur-backups-new"]);
        assert_eq!(
            std::fs::read_to_string(staging.join("waldur-backups.js")).unwrap(),
            "split glue"
        );
        assert_eq!(
            list_chunks(&out).unwrap(),
            [out.join("chunk_2.wasm"), out.join("split_drawer.wasm")]
        );
    }
}
