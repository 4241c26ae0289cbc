//! `cargo xtask stylesheet [--out FILE]`: writes `waldur-backups.css`, the widget's stylesheet
//! as a file, for hosts that prefer a `<link>` to the sheet the bundle adopts itself. Trunk runs
//! it after each build (Trunk.toml's `post_build` hook), into the folder that becomes `dist/`.

use std::path::{Path, PathBuf};

/// The file's name in `dist/` and in the npm package.
pub const STYLESHEET: &str = "waldur-backups.css";

pub fn run(args: &[String]) -> Result<(), String> {
    let out = match args.iter().position(|a| a == "--out") {
        Some(i) => PathBuf::from(args.get(i + 1).ok_or("--out needs a file name")?),
        // Trunk's hooks run with the folder being built in `TRUNK_STAGING_DIR`.
        None => match std::env::var_os("TRUNK_STAGING_DIR") {
            Some(dir) => PathBuf::from(dir).join(STYLESHEET),
            None => crate::tools::root().join("dist").join(STYLESHEET),
        },
    };
    let css = widget_css(&crate::tools::root())?;
    std::fs::write(&out, css).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// The widget's stylesheet from the component CSS files `src/components/styles.rs` embeds, in
/// its order: the same text the bundle adopts.
pub fn widget_css(root: &Path) -> Result<String, String> {
    let components = root.join("src").join("components");
    let styles = std::fs::read_to_string(components.join("styles.rs"))
        .map_err(|e| format!("cannot read src/components/styles.rs: {e}"))?;
    let mut css = String::from(
        "/* waldur-backups: the widget's stylesheet (the bundle also adopts it itself). */\n",
    );
    let mut found = 0;
    for part in styles.split("include_str!(\"").skip(1) {
        let file = part.split('"').next().unwrap_or_default();
        let text = std::fs::read_to_string(components.join(file))
            .map_err(|e| format!("cannot read src/components/{file}: {e}"))?;
        css.push_str(&text);
        if !text.ends_with('\n') {
            css.push('\n');
        }
        found += 1;
    }
    if found == 0 {
        return Err("src/components/styles.rs embeds no CSS file (include_str!)".into());
    }
    Ok(css)
}

#[cfg(test)]
mod tests {
    use super::widget_css;
    use crate::tools;

    #[test]
    fn the_stylesheet_holds_every_component_css_file_the_bundle_embeds() {
        let root = tools::root();
        let css = widget_css(&root).unwrap();
        let styles = std::fs::read_to_string(root.join("src/components/styles.rs")).unwrap();
        let embedded = styles.matches("include_str!(\"").count();
        assert!(embedded > 0);
        for part in styles.split("include_str!(\"").skip(1) {
            let file = part.split('"').next().unwrap();
            let text = std::fs::read_to_string(root.join("src/components").join(file)).unwrap();
            assert!(css.contains(&text), "{file} is missing from the stylesheet");
        }
    }
}
