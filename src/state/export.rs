//! Exporting the filtered list as CSV: which columns, how each cell is written (RFC 4180
//! quoting, formula neutralisation), which request pages through the list, and when to stop.
//!
//! The file is UTF-8 with a byte-order mark, so spreadsheet programs read accents, with CRLF
//! line ends and every field quoted (RFC 4180 allows quoting any field; OWASP's CSV-injection
//! guidance asks for it).

use super::columns::Column;
use super::datetime::{iso_utc, parse_timestamp_ms, LocalDate};
use super::links::uuid_from_url;
use super::scope::Scope;
use super::table::{TableView, TABLE_FIELDS};
use crate::api::{Backup, BackupQuery, Page};

/// Rows per request while exporting (the API's largest page).
pub const EXPORT_PAGE_SIZE: u32 = 300;

/// How many rows an export holds at most unless the host says otherwise (`exportMaxRows`).
pub const DEFAULT_EXPORT_MAX_ROWS: u32 = 10_000;

/// The byte-order mark that starts the file.
pub const BOM: char = '\u{feff}';

/// A column of the exported file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvColumn {
    /// Backup name.
    Name,
    /// Description (the Name column's second line in the table).
    Description,
    /// State label (`OK`, `Erred`, …).
    State,
    /// Name of the backed-up instance.
    Instance,
    /// Project name.
    Project,
    /// Organisation name.
    Organization,
    /// Service provider name.
    ServiceProvider,
    /// Creation time, ISO 8601 UTC.
    Created,
    /// Retention, ISO 8601 UTC; empty when kept forever.
    KeptUntil,
    /// Size in bytes (from `metadata.size`, which is in MiB).
    SizeBytes,
    /// Number of restorations.
    Restorations,
    /// Backup UUID.
    Uuid,
    /// Instance UUID.
    InstanceUuid,
    /// Project UUID.
    ProjectUuid,
    /// Organisation UUID.
    OrganizationUuid,
}

impl CsvColumn {
    /// The header cell.
    pub fn header(self) -> &'static str {
        match self {
            CsvColumn::Name => "Name",
            CsvColumn::Description => "Description",
            CsvColumn::State => "State",
            CsvColumn::Instance => "Instance",
            CsvColumn::Project => "Project",
            CsvColumn::Organization => "Organization",
            CsvColumn::ServiceProvider => "Service provider",
            CsvColumn::Created => "Created (UTC)",
            CsvColumn::KeptUntil => "Kept until (UTC)",
            CsvColumn::SizeBytes => "Size (bytes)",
            CsvColumn::Restorations => "Restorations",
            CsvColumn::Uuid => "UUID",
            CsvColumn::InstanceUuid => "Instance UUID",
            CsvColumn::ProjectUuid => "Project UUID",
            CsvColumn::OrganizationUuid => "Organization UUID",
        }
    }

    /// The cell of `b` in this column, before quoting.
    pub fn value(self, b: &Backup) -> String {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let time = |v: &Option<String>| match v.as_deref().map(str::trim) {
            None | Some("") => String::new(),
            Some(s) => parse_timestamp_ms(s).map_or_else(|| s.to_string(), iso_utc),
        };
        match self {
            CsvColumn::Name => b.name.clone(),
            CsvColumn::Description => text(&b.description),
            CsvColumn::State => b.state.label().english(),
            CsvColumn::Instance => text(&b.instance_name),
            CsvColumn::Project => text(&b.project_name),
            CsvColumn::Organization => text(&b.customer_name),
            CsvColumn::ServiceProvider => text(&b.service_name),
            CsvColumn::Created => time(&b.created),
            CsvColumn::KeptUntil => time(&b.kept_until),
            CsvColumn::SizeBytes => b
                .metadata
                .size()
                .map(|mib| (u128::from(mib) * 1024 * 1024).to_string())
                .unwrap_or_default(),
            CsvColumn::Restorations => b.restorations.len().to_string(),
            CsvColumn::Uuid => b.uuid.clone(),
            CsvColumn::InstanceUuid => b
                .instance
                .as_deref()
                .and_then(uuid_from_url)
                .unwrap_or_default()
                .to_string(),
            CsvColumn::ProjectUuid => text(&b.project_uuid),
            CsvColumn::OrganizationUuid => text(&b.customer_uuid),
        }
    }
}

/// The file's columns for the table's visible `columns`: those (in their order, without the
/// action menu), then whichever of created, kept-until and size is not among them, then the
/// UUIDs of the backup, its instance, project and organisation.
pub fn csv_columns(columns: &[Column]) -> Vec<CsvColumn> {
    let mut out = Vec::new();
    for c in columns {
        let mapped: &[CsvColumn] = match c {
            Column::Name => &[CsvColumn::Name, CsvColumn::Description],
            Column::State => &[CsvColumn::State],
            Column::Instance => &[CsvColumn::Instance],
            Column::Project => &[CsvColumn::Project],
            Column::Customer => &[CsvColumn::Organization],
            Column::Service => &[CsvColumn::ServiceProvider],
            Column::Created => &[CsvColumn::Created],
            Column::KeptUntil => &[CsvColumn::KeptUntil],
            Column::Size => &[CsvColumn::SizeBytes],
            Column::Restorations => &[CsvColumn::Restorations],
            Column::Actions => &[],
        };
        for m in mapped {
            if !out.contains(m) {
                out.push(*m);
            }
        }
    }
    for always in [
        CsvColumn::Created,
        CsvColumn::KeptUntil,
        CsvColumn::SizeBytes,
        CsvColumn::Uuid,
        CsvColumn::InstanceUuid,
        CsvColumn::ProjectUuid,
        CsvColumn::OrganizationUuid,
    ] {
        if !out.contains(&always) {
            out.push(always);
        }
    }
    out
}

/// A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`, as OWASP's CSV-injection guidance describes; any
/// other cell is unchanged.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// One field as written: neutralised, in double quotes, with inner quotes doubled (RFC 4180).
pub fn csv_field(cell: &str) -> String {
    let safe = neutralise(cell);
    let mut out = String::with_capacity(safe.len() + 2);
    out.push('"');
    for ch in safe.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    out.push('"');
    out
}

/// One record: its fields separated by commas, ending in CRLF.
pub fn csv_record<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = cells
        .into_iter()
        .map(csv_field)
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The whole file: BOM, header record and one record per backup.
pub fn csv_document(columns: &[CsvColumn], backups: &[Backup]) -> String {
    let mut out = String::new();
    out.push(BOM);
    out.push_str(&csv_record(columns.iter().map(|c| c.header())));
    for b in backups {
        let values: Vec<String> = columns.iter().map(|c| c.value(b)).collect();
        out.push_str(&csv_record(values.iter().map(String::as_str)));
    }
    out
}

/// The file's name for the day it is saved: `backups-2026-12-01.csv`.
pub fn export_filename(day: LocalDate) -> String {
    format!(
        "backups-{:04}-{:02}-{:02}.csv",
        day.year, day.month, day.day
    )
}

/// The first request of an export: the table's filters, scope and sort, page 1 of
/// [`EXPORT_PAGE_SIZE`], with the fields the columns need.
pub fn export_query(view: &TableView, scope: &Scope) -> BackupQuery {
    let mut q = view.to_query(scope);
    q.page = Some(1);
    q.page_size = Some(EXPORT_PAGE_SIZE);
    q.field = TABLE_FIELDS.iter().map(|f| f.to_string()).collect();
    q
}

/// An export on its way: the rows collected so far and when to stop.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRun {
    /// The most rows the file may hold.
    pub cap: u32,
    /// The rows collected, in server order, each backup once.
    pub rows: Vec<Backup>,
    /// How many backups match, as the server last said.
    pub total: Option<u64>,
}

impl ExportRun {
    /// A new export holding at most `cap` rows (at least one).
    pub fn new(cap: u32) -> Self {
        ExportRun {
            cap: cap.max(1),
            rows: Vec::new(),
            total: None,
        }
    }

    /// Takes in page `current`; returns the page to fetch next, or `None` when done. A backup
    /// seen on an earlier page (the list moved while paging) is not added twice.
    pub fn add_page(&mut self, current: u32, page: Page<Backup>) -> Option<u32> {
        if page.total.is_some() {
            self.total = page.total;
        }
        let next = page.next_page_number(current, (current as u64) * u64::from(EXPORT_PAGE_SIZE));
        for b in page.items {
            if self.rows.len() >= self.cap as usize {
                break;
            }
            if !self.rows.iter().any(|r| r.uuid == b.uuid) {
                self.rows.push(b);
            }
        }
        if self.rows.len() >= self.cap as usize {
            return None;
        }
        next
    }

    /// How many rows the file will hold: the total, or the cap when there are more.
    pub fn target(&self) -> Option<u64> {
        self.total.map(|t| t.min(u64::from(self.cap)))
    }

    /// True when more backups match than the cap lets the file hold.
    pub fn capped(&self) -> bool {
        self.total.is_some_and(|t| t > u64::from(self.cap))
            || (self.total.is_none() && self.rows.len() >= self.cap as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{LinkRelations, ResourceState};

    fn backup(uuid: &str, name: &str) -> Backup {
        serde_json::from_value(serde_json::json!({
            "uuid": uuid,
            "name": name,
            "state": "OK",
        }))
        .unwrap()
    }

    #[test]
    fn fields_are_quoted_with_inner_quotes_doubled() {
        let cases = [
            ("plain", "\"plain\""),
            ("", "\"\""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\r\nlines", "\"two\r\nlines\""),
            ("line\nfeed", "\"line\nfeed\""),
            ("Zürich – 备份 🙂", "\"Zürich – 备份 🙂\""),
        ];
        for (cell, want) in cases {
            assert_eq!(csv_field(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        let cases = [
            (
                "=HYPERLINK(\"http://evil\")",
                "\"'=HYPERLINK(\"\"http://evil\"\")\"",
            ),
            ("+1+1", "\"'+1+1\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
            ("a=1", "\"a=1\""),
            (" =1", "\" =1\""),
            ("'quoted", "\"'quoted\""),
        ];
        for (cell, want) in cases {
            assert_eq!(csv_field(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn a_record_ends_in_crlf() {
        assert_eq!(csv_record(["a", "b,c"]), "\"a\",\"b,c\"\r\n");
    }

    #[test]
    fn columns_follow_the_table_and_add_times_size_and_uuids() {
        let cases: [(&[Column], &[CsvColumn]); 3] = [
            (
                &Column::DEFAULT,
                &[
                    CsvColumn::Name,
                    CsvColumn::Description,
                    CsvColumn::State,
                    CsvColumn::Instance,
                    CsvColumn::Project,
                    CsvColumn::Organization,
                    CsvColumn::Created,
                    CsvColumn::KeptUntil,
                    CsvColumn::SizeBytes,
                    CsvColumn::Restorations,
                    CsvColumn::Uuid,
                    CsvColumn::InstanceUuid,
                    CsvColumn::ProjectUuid,
                    CsvColumn::OrganizationUuid,
                ],
            ),
            (
                &[Column::Service, Column::State],
                &[
                    CsvColumn::ServiceProvider,
                    CsvColumn::State,
                    CsvColumn::Created,
                    CsvColumn::KeptUntil,
                    CsvColumn::SizeBytes,
                    CsvColumn::Uuid,
                    CsvColumn::InstanceUuid,
                    CsvColumn::ProjectUuid,
                    CsvColumn::OrganizationUuid,
                ],
            ),
            (
                &[Column::Actions, Column::Size],
                &[
                    CsvColumn::SizeBytes,
                    CsvColumn::Created,
                    CsvColumn::KeptUntil,
                    CsvColumn::Uuid,
                    CsvColumn::InstanceUuid,
                    CsvColumn::ProjectUuid,
                    CsvColumn::OrganizationUuid,
                ],
            ),
        ];
        for (table, want) in cases {
            assert_eq!(csv_columns(table), want, "{table:?}");
        }
    }

    #[test]
    fn values_are_iso_utc_bytes_and_uuids() {
        let b: Backup = serde_json::from_value(serde_json::json!({
            "uuid": "b1",
            "name": "db",
            "state": "Erred",
            "instance": "https://w.example/api/openstack-instances/0a1b2c/",
            "instance_name": "vm",
            "project_uuid": "p1",
            "customer_uuid": "c1",
            "created": "2024-05-01T12:30:00.123456+02:00",
            "kept_until": null,
            "metadata": {"size": 3},
            "restorations": [{"uuid": "r1"}, {"uuid": "r2"}],
        }))
        .unwrap();
        let cases = [
            (CsvColumn::State, "Erred"),
            (CsvColumn::Created, "2024-05-01T10:30:00Z"),
            (CsvColumn::KeptUntil, ""),
            (CsvColumn::SizeBytes, "3145728"),
            (CsvColumn::Restorations, "2"),
            (CsvColumn::InstanceUuid, "0a1b2c"),
            (CsvColumn::ProjectUuid, "p1"),
            (CsvColumn::OrganizationUuid, "c1"),
            (CsvColumn::Description, ""),
        ];
        for (column, want) in cases {
            assert_eq!(column.value(&b), want, "{column:?}");
        }
        let kept: Backup = serde_json::from_value(serde_json::json!({
            "uuid": "b2", "name": "x", "state": "OK", "kept_until": "2030-01-01T00:00:00Z",
        }))
        .unwrap();
        assert_eq!(CsvColumn::KeptUntil.value(&kept), "2030-01-01T00:00:00Z");
        assert_eq!(CsvColumn::SizeBytes.value(&kept), "");
    }

    #[test]
    fn the_document_starts_with_a_bom_and_a_header() {
        let doc = csv_document(
            &[CsvColumn::Name, CsvColumn::State],
            &[backup("u1", "=cmd|' /C calc'!A0")],
        );
        assert_eq!(
            doc,
            "\u{feff}\"Name\",\"State\"\r\n\"'=cmd|' /C calc'!A0\",\"OK\"\r\n"
        );
        assert_eq!(doc.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
    }

    #[test]
    fn the_file_is_named_for_the_day() {
        let day = LocalDate {
            year: 2026,
            month: 3,
            day: 9,
        };
        assert_eq!(export_filename(day), "backups-2026-03-09.csv");
    }

    #[test]
    fn the_export_asks_for_the_tables_query_in_pages_of_300() {
        let mut view = TableView::new(25);
        view.page = 4;
        view.filters.name = "db".into();
        view.filters.states = vec![ResourceState::Erred];
        view.sort = crate::api::Ordering::parse("-created");
        let scope = Scope {
            project_uuid: Some("p1".into()),
            ..Scope::default()
        };
        let q = export_query(&view, &scope);
        let table = view.to_query(&scope);
        assert_eq!(q.page, Some(1));
        assert_eq!(q.page_size, Some(300));
        assert_eq!(
            BackupQuery {
                page: None,
                page_size: None,
                ..q.clone()
            },
            BackupQuery {
                page: None,
                page_size: None,
                ..table
            }
        );
        assert!(q.to_query_string().contains("o=-created"));
    }

    fn page(range: std::ops::Range<u32>, total: Option<u64>, next: bool) -> Page<Backup> {
        Page {
            items: range
                .map(|i| backup(&format!("u{i}"), &format!("b{i}")))
                .collect(),
            total,
            links: LinkRelations {
                next: next.then(|| "https://w/api/openstack-backups/?page=9".into()),
                ..LinkRelations::default()
            },
        }
    }

    #[test]
    fn paging_follows_the_list_until_it_ends_or_the_cap() {
        struct Case {
            cap: u32,
            pages: Vec<Page<Backup>>,
            want_rows: usize,
            want_capped: bool,
            want_requests: usize,
        }
        let cases = [
            // Two full pages and a short one, told by the total.
            Case {
                cap: 10_000,
                pages: vec![
                    page(0..300, Some(650), false),
                    page(300..600, Some(650), false),
                    page(600..650, Some(650), false),
                ],
                want_rows: 650,
                want_capped: false,
                want_requests: 3,
            },
            // No total: the `next` link leads, and its absence ends.
            Case {
                cap: 10_000,
                pages: vec![page(0..300, None, true), page(300..310, None, false)],
                want_rows: 310,
                want_capped: false,
                want_requests: 2,
            },
            // The cap stops the paging mid-page.
            Case {
                cap: 450,
                pages: vec![
                    page(0..300, Some(900), false),
                    page(300..600, Some(900), false),
                ],
                want_rows: 450,
                want_capped: true,
                want_requests: 2,
            },
            // A backup the list moved onto the next page is kept once.
            Case {
                cap: 10_000,
                pages: vec![
                    page(0..300, Some(400), false),
                    page(299..400, Some(400), false),
                ],
                want_rows: 400,
                want_capped: false,
                want_requests: 2,
            },
            // Nothing matches.
            Case {
                cap: 10_000,
                pages: vec![page(0..0, Some(0), false)],
                want_rows: 0,
                want_capped: false,
                want_requests: 1,
            },
        ];
        for (i, case) in cases.into_iter().enumerate() {
            let mut run = ExportRun::new(case.cap);
            let mut current = 1;
            let mut requests = 0;
            for p in case.pages {
                requests += 1;
                match run.add_page(current, p) {
                    Some(n) => current = n,
                    None => break,
                }
            }
            assert_eq!(run.rows.len(), case.want_rows, "case {i}");
            assert_eq!(run.capped(), case.want_capped, "case {i}");
            assert_eq!(requests, case.want_requests, "case {i}");
        }
    }
}
