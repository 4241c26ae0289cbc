//! Filters the host fixes for a widget (for example one project): the user cannot remove them.

use crate::api::BackupQuery;

/// Fixed scope of a widget: every list request carries these filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only backups of this instance (also enables "Create backup").
    pub instance_uuid: Option<String>,
    /// Only backups of this project.
    pub project_uuid: Option<String>,
    /// Only backups of this tenant.
    pub tenant_uuid: Option<String>,
    /// Only backups of this organisation.
    pub customer_uuid: Option<String>,
}

impl Scope {
    /// Writes the scope into a query, overriding whatever the user chose for these keys.
    pub fn apply(&self, query: &mut BackupQuery) {
        query.instance_uuid = non_empty(&self.instance_uuid);
        query.project_uuid = non_empty(&self.project_uuid);
        query.tenant_uuid = non_empty(&self.tenant_uuid);
        query.customer_uuid = non_empty(&self.customer_uuid);
    }

    /// True when no scope filter is set.
    pub fn is_empty(&self) -> bool {
        [
            &self.instance_uuid,
            &self.project_uuid,
            &self.tenant_uuid,
            &self.customer_uuid,
        ]
        .iter()
        .all(|v| non_empty(v).is_none())
    }
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_overrides_the_users_choice_for_its_keys() {
        let scope = Scope {
            project_uuid: Some("p1".into()),
            ..Scope::default()
        };
        let mut q = BackupQuery {
            project_uuid: Some("other".into()),
            name: Some("db".into()),
            ..BackupQuery::default()
        };
        scope.apply(&mut q);
        assert_eq!(q.project_uuid.as_deref(), Some("p1"));
        assert_eq!(q.name.as_deref(), Some("db"));
        assert!(!scope.is_empty());
        assert!(Scope::default().is_empty());
        assert!(Scope {
            tenant_uuid: Some("  ".into()),
            ..Scope::default()
        }
        .is_empty());
    }
}
