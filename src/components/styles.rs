//! The widget's stylesheet, shipped inside the bundle. The document (JS mount) and every shadow
//! root (custom element) adopt it as one constructed `CSSStyleSheet` (`src/embed/page.js`),
//! which a strict Content-Security-Policy allows where it refuses a `<style>`. The same text is
//! `waldur-backups.css` in `dist/` (`cargo xtask stylesheet`, run by Trunk) for hosts that
//! prefer a `<link>`.

/// Every rule of every component, concatenated; all classes are prefixed `wb-`.
pub const WIDGET_CSS: &str = concat!(
    include_str!("ui/ui.css"),
    include_str!("backup_table/table.css"),
    include_str!("backup_table/more_filters.css"),
    include_str!("detail_drawer/drawer.css"),
    include_str!("create_backup/create.css"),
    include_str!("restore_dialog/restore.css"),
    include_str!("restore_dialog/quota.css"),
    include_str!("export/export.css"),
    include_str!("bulk_retention/bulk_retention.css"),
);
