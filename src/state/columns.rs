//! The backup table's columns, which the host can choose and order.

/// A column of the backup table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// Name, with the description as a second line.
    Name,
    /// State badge.
    State,
    /// Source instance.
    Instance,
    /// Project.
    Project,
    /// Organisation (customer).
    Customer,
    /// Service provider (the OpenStack tenant's service settings); not shown unless chosen.
    Service,
    /// Creation time, relative.
    Created,
    /// Retention ("Keep forever" when none).
    KeptUntil,
    /// Size from `metadata.size`.
    Size,
    /// Number of restorations.
    Restorations,
    /// Row action menu.
    Actions,
}

impl Column {
    /// Every column a host can choose.
    pub const ALL: [Column; 11] = [
        Column::Name,
        Column::State,
        Column::Instance,
        Column::Project,
        Column::Customer,
        Column::Service,
        Column::Created,
        Column::KeptUntil,
        Column::Size,
        Column::Restorations,
        Column::Actions,
    ];

    /// The columns shown when the host chooses none, in order.
    pub const DEFAULT: [Column; 10] = [
        Column::Name,
        Column::State,
        Column::Instance,
        Column::Project,
        Column::Customer,
        Column::Created,
        Column::KeptUntil,
        Column::Size,
        Column::Restorations,
        Column::Actions,
    ];

    /// The name a host uses in the `columns` option.
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::State => "state",
            Column::Instance => "instance",
            Column::Project => "project",
            Column::Customer => "customer",
            Column::Service => "service",
            Column::Created => "created",
            Column::KeptUntil => "kept_until",
            Column::Size => "size",
            Column::Restorations => "restorations",
            Column::Actions => "actions",
        }
    }

    /// The column header.
    pub fn title(self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Column::Name => Msg::ColumnName,
            Column::State => Msg::ColumnState,
            Column::Instance => Msg::ColumnInstance,
            Column::Project => Msg::ColumnProject,
            Column::Customer => Msg::ColumnOrganization,
            Column::Service => Msg::ColumnService,
            Column::Created => Msg::ColumnCreated,
            Column::KeptUntil => Msg::ColumnKeptUntil,
            Column::Size => Msg::ColumnSize,
            Column::Restorations => Msg::ColumnRestorations,
            Column::Actions => Msg::ColumnActions,
        }
    }

    /// Parses a column key (`"kept_until"`, also `"keptUntil"`).
    pub fn parse(key: &str) -> Option<Column> {
        let normal: String = key
            .trim()
            .chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        Column::ALL
            .into_iter()
            .find(|c| c.key().replace('_', "") == normal)
    }

    /// Parses the host's column list; unknown keys are an error naming them. Duplicates are dropped.
    pub fn parse_list<'a>(
        keys: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<Column>, crate::i18n::Text> {
        let mut out = Vec::new();
        for key in keys {
            let column = Column::parse(key).ok_or_else(|| {
                let known: Vec<&str> = Column::ALL.iter().map(|c| c.key()).collect();
                crate::i18n::Text::new(crate::i18n::Msg::OptUnknownColumn)
                    .arg("key", key)
                    .arg("known", known.join(", "))
            })?;
            if !out.contains(&column) {
                out.push(column);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_in_either_spelling_and_keeps_the_hosts_order() {
        assert_eq!(
            Column::parse_list(["size", "keptUntil", "name", "size"]).unwrap(),
            vec![Column::Size, Column::KeptUntil, Column::Name]
        );
        assert!(Column::parse_list(["nope"])
            .unwrap_err()
            .english()
            .contains("\"nope\""));
        for c in Column::ALL {
            assert_eq!(Column::parse(c.key()), Some(c));
        }
    }
}
