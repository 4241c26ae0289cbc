//! Short names for the functions the main module imports from its JavaScript glue.
//!
//! wasm-bindgen names each import it generates after the Rust item and a 16-digit hash
//! (`__wbg_getAttribute_8f2a…`), and the name is stored twice: in the wasm's import section and
//! as a key of the glue's import object. The release's main module imports about 290 of them,
//! about 17 KB of names in the wasm (5.6 KB gzip, the hashes do not compress) and as many in
//! the glue. Both are rewritten here to names of one or two characters (`a`, `b`, … `Z9`),
//! after wasm-opt and terser, so nothing later sees the old names.
//!
//! Only imports from the glue itself (module `./<out-name>_bg.js`) are renamed: the snippets
//! and the chunk loader export their functions by name. A name must occur exactly once in the
//! glue, as an object key (`name:`); anything else stops the build with a message instead of
//! writing a bundle that would fail to link.

use wasm_encoder::{EntityType, ImportSection, Module, RawSection};
use wasmparser::{Imports, Parser, Payload};

/// The renamed module and glue, and how many imports were renamed.
pub struct Shortened {
    pub wasm: Vec<u8>,
    pub js: String,
    pub renamed: usize,
}

/// Renames every import of `wasm` from `glue_module` to a short name, and its key in `js`.
/// Every other section is copied as it is.
pub fn shorten(wasm: &[u8], js: &str, glue_module: &str) -> Result<Shortened, String> {
    let mut module = Module::new();
    let mut js = js.to_string();
    let mut renamed = 0;
    let mut names = short_names();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("reading the main module: {e}"))?;
        if let Payload::ImportSection(reader) = payload {
            let mut section = ImportSection::new();
            for group in reader {
                let group = group.map_err(|e| format!("reading an import: {e}"))?;
                let Imports::Single(_, import) = group else {
                    return Err(
                        "the main module uses compact imports, which are not renamed".into(),
                    );
                };
                let ty = EntityType::try_from(import.ty)
                    .map_err(|e| format!("import {}: {e:?}", import.name))?;
                if import.module == glue_module {
                    let short = names.next().ok_or(
                        "the main module imports more functions than there are short names",
                    )?;
                    js = rename_key(&js, import.name, &short)?;
                    renamed += 1;
                    section.import(import.module, &short, ty);
                } else {
                    section.import(import.module, import.name, ty);
                }
            }
            module.section(&section);
        } else if let Some((id, range)) = payload.as_section() {
            let data = &wasm[range.start as usize..range.end as usize];
            module.section(&RawSection { id, data });
        }
    }
    Ok(Shortened {
        wasm: module.finish(),
        js,
        renamed,
    })
}

/// Short JavaScript identifiers in order: `a`…`Z`, then `aa`…`Z9` (52 + 3,224 names, more
/// than any module imports). `do`, `if` and `in` are left out: valid as object keys since
/// ES5, but a name nobody has to think about is better.
fn short_names() -> impl Iterator<Item = String> {
    const FIRST: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const NEXT: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let one = FIRST.chars().map(String::from);
    let two = FIRST
        .chars()
        .flat_map(|a| NEXT.chars().map(move |b| format!("{a}{b}")));
    one.chain(two)
        .filter(|n| !matches!(n.as_str(), "do" | "if" | "in"))
}

/// `js` with the one object key `name:` renamed to `short:`.
fn rename_key(js: &str, name: &str, short: &str) -> Result<String, String> {
    let mut found = js.match_indices(name).filter(|(at, _)| {
        let before = js[..*at].chars().next_back();
        let after = js[at + name.len()..].chars().next();
        !before.is_some_and(is_ident_char) && !after.is_some_and(is_ident_char)
    });
    let Some((at, _)) = found.next() else {
        return Err(format!("the glue has no import `{name}`"));
    };
    if found.next().is_some() {
        return Err(format!("the glue names `{name}` more than once"));
    }
    let key_end = at + name.len();
    if !js[key_end..].starts_with(':') || !matches!(js[..at].chars().next_back(), Some('{' | ',')) {
        return Err(format!("the glue's `{name}` is not an object key"));
    }
    Ok(format!("{}{short}{}", &js[..at], &js[key_end..]))
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, ExportKind, ExportSection, Function, FunctionSection, Instruction, TypeSection,
    };

    /// A module importing two functions from the glue and one from a snippet, calling them all.
    fn module() -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut imports = ImportSection::new();
        imports.import(
            "./w_bg.js",
            "__wbg_alert_0123456789abcdef",
            EntityType::Function(0),
        );
        imports.import(
            "./snippets/x/inline0.js",
            "copy_text",
            EntityType::Function(0),
        );
        imports.import(
            "./w_bg.js",
            "__wbg_log_fedcba9876543210",
            EntityType::Function(0),
        );
        let mut functions = FunctionSection::new();
        functions.function(0);
        let mut exports = ExportSection::new();
        exports.export("run", ExportKind::Func, 3);
        let mut code = CodeSection::new();
        let mut body = Function::new([]);
        for f in 0..3 {
            body.instruction(&Instruction::Call(f));
        }
        body.instruction(&Instruction::End);
        code.function(&body);
        let mut m = Module::new();
        m.section(&types)
            .section(&imports)
            .section(&functions)
            .section(&exports)
            .section(&code);
        m.finish()
    }

    fn imports_of(wasm: &[u8]) -> Vec<(String, String)> {
        let mut names = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Payload::ImportSection(reader) = payload.unwrap() {
                for group in reader {
                    if let Imports::Single(_, i) = group.unwrap() {
                        names.push((i.module.to_string(), i.name.to_string()));
                    }
                }
            }
        }
        names
    }

    const GLUE: &str =
        "function g(){return{\"./w_bg.js\":{__wbg_alert_0123456789abcdef:function(){},\
        __wbg_log_fedcba9876543210:function(){}}}}import{copy_text as c}from\"./x.js\";";

    #[test]
    fn glue_imports_get_short_names_in_the_module_and_the_glue_and_the_module_stays_valid() {
        let done = shorten(&module(), GLUE, "./w_bg.js").unwrap();
        assert_eq!(done.renamed, 2);
        assert_eq!(
            imports_of(&done.wasm),
            [
                ("./w_bg.js".into(), "a".into()),
                ("./snippets/x/inline0.js".into(), "copy_text".into()),
                ("./w_bg.js".into(), "b".into())
            ]
        );
        assert!(
            done.js.contains("{a:function(){},b:function(){}}"),
            "{}",
            done.js
        );
        assert!(done.js.contains("copy_text as c"), "snippet names stay");
        wasmparser::validate(&done.wasm).expect("a valid module");
        assert!(done.wasm.len() < module().len());
    }

    #[test]
    fn a_glue_that_does_not_name_an_import_once_as_a_key_stops_the_build() {
        let missing = GLUE.replace("__wbg_log_fedcba9876543210:", "other:");
        assert!(shorten(&module(), &missing, "./w_bg.js")
            .err()
            .unwrap()
            .contains("__wbg_log_fedcba9876543210"));
        let twice = format!("{GLUE}x.__wbg_alert_0123456789abcdef();");
        assert!(shorten(&module(), &twice, "./w_bg.js")
            .err()
            .unwrap()
            .contains("more than once"));
    }

    #[test]
    fn short_names_are_distinct_identifiers_and_never_reserved_words() {
        let names: Vec<String> = short_names().collect();
        assert!(names.len() > 3000);
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        for name in &names {
            assert!(!matches!(name.as_str(), "do" | "if" | "in"), "{name}");
            let first = name.chars().next().unwrap();
            assert!(first.is_ascii_alphabetic() || first == '_', "{name}");
            assert!(name.chars().all(is_ident_char), "{name}");
        }
        assert_eq!(names[0], "a");
        assert!(names[51].len() == 1 && names[52].len() == 2);
    }
}
