//! What the host decides about a widget: its scope, columns, page size, who the user is, look.

use super::columns::Column;
use super::scope::Scope;

/// Colour scheme of the widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Light colours.
    #[default]
    Light,
    /// Dark colours.
    Dark,
    /// Follows the user's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// Parses `light`, `dark` or `auto` (case-insensitive).
    pub fn parse(value: &str) -> Option<Theme> {
        match value.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    /// The value of the root's `data-theme` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// Settings the host gives (JS options or Leptos props); they may change while mounted.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Filters the user cannot remove.
    pub scope: Scope,
    /// Rows per page at first (10, 25, 50, 100 or 300).
    pub page_size: u32,
    /// Columns of the table, in order.
    pub columns: Vec<Column>,
    /// Whether the user is staff (shows Unlink).
    pub is_staff: bool,
    /// The host's word on whether the user may change backups (edit, delete, pull, restore,
    /// create); `None` lets the widget decide from `GET /api/users/me/`.
    pub can_manage: Option<bool>,
    /// Pattern turning an instance into a link (`{uuid}`, `{name}`); `None` emits an event instead.
    pub instance_url: Option<String>,
    /// BCP 47 locale for dates and numbers; `None` uses the browser's.
    pub locale: Option<String>,
    /// Keep filters, sort, page and the open backup in the page URL (standalone page).
    pub url_sync: bool,
    /// Colour scheme.
    pub theme: Theme,
    /// The most rows "Export CSV" writes (`exportMaxRows`).
    pub export_max_rows: u32,
    /// Accessible name of the widget's landmarks; `None`: one naming the scope (see
    /// [`super::label::Landmarks`]).
    pub label: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scope: Scope::default(),
            page_size: crate::api::DEFAULT_PAGE_SIZE,
            columns: Column::DEFAULT.to_vec(),
            is_staff: false,
            can_manage: None,
            instance_url: None,
            locale: None,
            url_sync: false,
            theme: Theme::default(),
            export_max_rows: super::export::DEFAULT_EXPORT_MAX_ROWS,
            label: None,
        }
    }
}
