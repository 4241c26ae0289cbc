//! The accessible names of a widget's landmarks. Two widgets on one page must not share them
//! (axe `landmark-unique`), so each name carries the widget's label: the host's `label`, or
//! one naming the widget's scope ("Backups of project Alpha").

use super::links::same_uuid;
use super::scope::Scope;
use super::table::instance_name_in;
use crate::api::Backup;

/// The names of the table's region, its search landmark and its page navigation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Landmarks {
    /// The region holding the table ("Backups of project Alpha").
    pub region: String,
    /// The filters ("Filter backups of project Alpha").
    pub search: String,
    /// The page navigation ("Pages of backups of project Alpha").
    pub pages: String,
}

/// Which scope filter names the widget, most specific first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// `instanceUuid`.
    Instance,
    /// `tenantUuid`.
    Tenant,
    /// `projectUuid`.
    Project,
    /// `customerUuid`.
    Customer,
}

impl ScopeKind {
    fn noun(self) -> &'static str {
        match self {
            ScopeKind::Instance => "instance",
            ScopeKind::Tenant => "tenant",
            ScopeKind::Project => "project",
            ScopeKind::Customer => "organization",
        }
    }
}

impl Scope {
    /// The most specific filter of the scope and its UUID, if any.
    pub fn naming_filter(&self) -> Option<(ScopeKind, &str)> {
        [
            (ScopeKind::Instance, &self.instance_uuid),
            (ScopeKind::Tenant, &self.tenant_uuid),
            (ScopeKind::Project, &self.project_uuid),
            (ScopeKind::Customer, &self.customer_uuid),
        ]
        .into_iter()
        .find_map(|(kind, uuid)| {
            let uuid = uuid.as_deref()?.trim();
            (!uuid.is_empty()).then_some((kind, uuid))
        })
    }
}

impl Landmarks {
    /// The names for a widget: from the host's `label`, else from the scope, with the scope's
    /// name once known (`scope_name`) or the first 8 characters of its UUID.
    pub fn new(label: Option<&str>, scope: &Scope, scope_name: Option<&str>) -> Landmarks {
        let label = match label.map(str::trim).filter(|l| !l.is_empty()) {
            Some(label) => label.to_string(),
            None => default_label(scope, scope_name),
        };
        let inner = lower_first(&label);
        Landmarks {
            search: format!("Filter {inner}"),
            pages: format!("Pages of {inner}"),
            region: label,
        }
    }
}

/// The name of the scope's most specific filter as the rows tell it (an instance's, project's or
/// organization's; Waldur's backups do not name their tenant).
pub fn scope_name_in(rows: &[Backup], scope: &Scope) -> Option<String> {
    let (kind, uuid) = scope.naming_filter()?;
    let of = |uuid_of: fn(&Backup) -> Option<&String>, name_of: fn(&Backup) -> Option<&String>| {
        rows.iter()
            .find(|b| uuid_of(b).is_some_and(|u| same_uuid(u, uuid)))
            .and_then(name_of)
            .filter(|n| !n.trim().is_empty())
            .cloned()
    };
    match kind {
        ScopeKind::Instance => instance_name_in(rows, uuid),
        ScopeKind::Project => of(|b| b.project_uuid.as_ref(), |b| b.project_name.as_ref()),
        ScopeKind::Customer => of(|b| b.customer_uuid.as_ref(), |b| b.customer_name.as_ref()),
        ScopeKind::Tenant => None,
    }
}

/// "Backups", or "Backups of <kind> <name or short UUID>".
fn default_label(scope: &Scope, scope_name: Option<&str>) -> String {
    let Some((kind, uuid)) = scope.naming_filter() else {
        return "Backups".into();
    };
    let name = scope_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| uuid.chars().take(8).collect());
    format!("Backups of {} {name}", kind.noun())
}

/// "Backups of …" → "backups of …" inside a longer name; "VM backups" keeps its capitals.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return label.to_string();
    };
    if second.is_some_and(char::is_uppercase) {
        return label.to_string();
    }
    first
        .to_lowercase()
        .chain(label[first.len_utf8()..].chars())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backup(project: &str, project_name: &str, instance: &str, instance_name: &str) -> Backup {
        serde_json::from_value(serde_json::json!({
            "url": "https://w.example/api/openstack-backups/b1/",
            "uuid": "b1",
            "name": "daily",
            "state": "OK",
            "project_uuid": project,
            "project_name": project_name,
            "customer_uuid": "c".repeat(32),
            "customer_name": "Université de Lumière",
            "instance": format!("https://w.example/api/openstack-instances/{instance}/"),
            "instance_name": instance_name,
        }))
        .expect("a backup")
    }

    #[test]
    fn the_scope_is_named_after_what_the_rows_say_of_it() {
        let project = "d9688d9b2f8eb737bcc7d8e8590878fb";
        let instance = "546199138f217119cf639a0ceffbf349";
        let rows = vec![
            backup(&"e".repeat(32), "Other", &"f".repeat(32), "other-vm"),
            backup(project, "Alpha", instance, "db-1"),
        ];
        let cases = [
            (scope(None, Some(project)), Some("Alpha")),
            (scope(Some(instance), Some(project)), Some("db-1")),
            (
                Scope {
                    customer_uuid: Some("c".repeat(32)),
                    ..Scope::default()
                },
                Some("Université de Lumière"),
            ),
            (
                Scope {
                    tenant_uuid: Some("a".repeat(32)),
                    ..Scope::default()
                },
                None,
            ),
            (scope(None, Some(&"9".repeat(32))), None),
            (Scope::default(), None),
        ];
        for (scope, name) in cases {
            assert_eq!(scope_name_in(&rows, &scope).as_deref(), name, "{scope:?}");
        }
        let unnamed = vec![backup(project, " ", instance, "")];
        assert_eq!(scope_name_in(&unnamed, &scope(None, Some(project))), None);
    }

    fn scope(instance: Option<&str>, project: Option<&str>) -> Scope {
        Scope {
            instance_uuid: instance.map(str::to_string),
            project_uuid: project.map(str::to_string),
            ..Scope::default()
        }
    }

    /// (label option, scope, scope name known, expected region / search / pages names).
    type Case<'a> = (Option<&'a str>, Scope, Option<&'a str>, [&'a str; 3]);

    #[test]
    fn each_landmark_name_carries_the_widgets_label() {
        let project = "d9688d9b2f8eb737bcc7d8e8590878fb";
        let instance = "546199138f217119cf639a0ceffbf349";
        let cases: Vec<Case> = vec![
            (
                None,
                Scope::default(),
                None,
                ["Backups", "Filter backups", "Pages of backups"],
            ),
            (
                None,
                scope(None, Some(project)),
                None,
                [
                    "Backups of project d9688d9b",
                    "Filter backups of project d9688d9b",
                    "Pages of backups of project d9688d9b",
                ],
            ),
            (
                None,
                scope(None, Some(project)),
                Some(" Alpha "),
                [
                    "Backups of project Alpha",
                    "Filter backups of project Alpha",
                    "Pages of backups of project Alpha",
                ],
            ),
            (
                // The instance is more specific than its project.
                None,
                scope(Some(instance), Some(project)),
                Some("db-1"),
                [
                    "Backups of instance db-1",
                    "Filter backups of instance db-1",
                    "Pages of backups of instance db-1",
                ],
            ),
            (
                None,
                Scope {
                    customer_uuid: Some("c".repeat(32)),
                    ..Scope::default()
                },
                None,
                [
                    "Backups of organization cccccccc",
                    "Filter backups of organization cccccccc",
                    "Pages of backups of organization cccccccc",
                ],
            ),
            (
                Some("VM backups"),
                scope(None, Some(project)),
                Some("Alpha"),
                ["VM backups", "Filter VM backups", "Pages of VM backups"],
            ),
            (
                Some("Éléments sauvegardés"),
                Scope::default(),
                None,
                [
                    "Éléments sauvegardés",
                    "Filter éléments sauvegardés",
                    "Pages of éléments sauvegardés",
                ],
            ),
            (
                Some("   "),
                Scope::default(),
                None,
                ["Backups", "Filter backups", "Pages of backups"],
            ),
        ];
        for (label, scope, name, [region, search, pages]) in cases {
            let got = Landmarks::new(label, &scope, name);
            assert_eq!(
                got,
                Landmarks {
                    region: region.into(),
                    search: search.into(),
                    pages: pages.into(),
                },
                "{label:?} {scope:?} {name:?}"
            );
        }
    }
}
