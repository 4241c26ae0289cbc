//! Backup lifecycle states (which actions each state allows is in [`crate::state::actions`]).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{Msg, Text};

/// Where a backup is in its lifecycle, as reported by Waldur (`state` field).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BackupState {
    /// Waiting to be created in OpenStack.
    CreationScheduled,
    /// Being created in OpenStack.
    Creating,
    /// Waiting for an update to be applied.
    UpdateScheduled,
    /// An update is being applied.
    Updating,
    /// Waiting to be deleted.
    DeletionScheduled,
    /// Being deleted.
    Deleting,
    /// Ready: can be restored, edited and deleted.
    Ok,
    /// The last operation failed; see the backup's `error_message`.
    Erred,
    /// A state this widget does not know, kept exactly as the server sent it.
    Other(String),
}

impl Default for BackupState {
    /// An absent state (for example when the list was asked for other `field`s only).
    fn default() -> Self {
        BackupState::Other(String::new())
    }
}

impl BackupState {
    /// The eight states Waldur documents, in lifecycle order.
    pub const ALL: [BackupState; 8] = [
        BackupState::CreationScheduled,
        BackupState::Creating,
        BackupState::UpdateScheduled,
        BackupState::Updating,
        BackupState::DeletionScheduled,
        BackupState::Deleting,
        BackupState::Ok,
        BackupState::Erred,
    ];

    /// The canonical API spelling (`CREATION_SCHEDULED`, `OK`, …), as used in `?state=` filters.
    pub fn as_api_str(&self) -> &str {
        match self {
            BackupState::CreationScheduled => "CREATION_SCHEDULED",
            BackupState::Creating => "CREATING",
            BackupState::UpdateScheduled => "UPDATE_SCHEDULED",
            BackupState::Updating => "UPDATING",
            BackupState::DeletionScheduled => "DELETION_SCHEDULED",
            BackupState::Deleting => "DELETING",
            BackupState::Ok => "OK",
            BackupState::Erred => "ERRED",
            BackupState::Other(s) => s,
        }
    }

    /// A short label for people ("Creation scheduled", "OK", "Erred"); a state this widget
    /// does not know is shown as the server spelled it.
    pub fn label(&self) -> Text {
        let msg = match self {
            BackupState::CreationScheduled => Msg::StateCreationScheduled,
            BackupState::Creating => Msg::StateCreating,
            BackupState::UpdateScheduled => Msg::StateUpdateScheduled,
            BackupState::Updating => Msg::StateUpdating,
            BackupState::DeletionScheduled => Msg::StateDeletionScheduled,
            BackupState::Deleting => Msg::StateDeleting,
            BackupState::Ok => Msg::StateOk,
            BackupState::Erred => Msg::StateErred,
            BackupState::Other(s) if s.is_empty() => Msg::StateUnknown,
            BackupState::Other(s) => return Text::verbatim(s.as_str()),
        };
        Text::new(msg)
    }

    /// True for the six states that change on their own (neither OK nor erred); worth polling.
    pub fn is_transitional(&self) -> bool {
        !matches!(
            self,
            BackupState::Ok | BackupState::Erred | BackupState::Other(_)
        )
    }

    /// Reads either spelling (`CREATION_SCHEDULED` or `Creation Scheduled`); unknown text becomes `Other`.
    pub fn parse(s: &str) -> BackupState {
        let key: String = s
            .trim()
            .chars()
            .map(|c| {
                if c == ' ' || c == '-' {
                    '_'
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect();
        match key.as_str() {
            "CREATION_SCHEDULED" => BackupState::CreationScheduled,
            "CREATING" => BackupState::Creating,
            "UPDATE_SCHEDULED" => BackupState::UpdateScheduled,
            "UPDATING" => BackupState::Updating,
            "DELETION_SCHEDULED" => BackupState::DeletionScheduled,
            "DELETING" => BackupState::Deleting,
            "OK" => BackupState::Ok,
            "ERRED" => BackupState::Erred,
            _ => BackupState::Other(s.to_owned()),
        }
    }
}

impl fmt::Display for BackupState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label().english())
    }
}

impl<'de> Deserialize<'de> for BackupState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Option::<String>::deserialize(deserializer)?;
        Ok(s.map(|s| BackupState::parse(&s)).unwrap_or_default())
    }
}

impl Serialize for BackupState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_api_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_parse_to_the_same_state() {
        let pairs = [
            (
                "CREATION_SCHEDULED",
                "Creation Scheduled",
                BackupState::CreationScheduled,
            ),
            ("CREATING", "Creating", BackupState::Creating),
            (
                "UPDATE_SCHEDULED",
                "Update Scheduled",
                BackupState::UpdateScheduled,
            ),
            ("UPDATING", "Updating", BackupState::Updating),
            (
                "DELETION_SCHEDULED",
                "Deletion Scheduled",
                BackupState::DeletionScheduled,
            ),
            ("DELETING", "Deleting", BackupState::Deleting),
            ("OK", "OK", BackupState::Ok),
            ("ERRED", "Erred", BackupState::Erred),
        ];
        for (api, label, state) in pairs {
            assert_eq!(BackupState::parse(api), state);
            assert_eq!(BackupState::parse(label), state);
            assert_eq!(state.as_api_str(), api);
        }
    }

    #[test]
    fn unknown_state_is_kept_verbatim() {
        let s = BackupState::parse("Restoring Soon");
        assert_eq!(s, BackupState::Other("Restoring Soon".into()));
        assert_eq!(s.as_api_str(), "Restoring Soon");
        assert_eq!(s.label().english(), "Restoring Soon");
        assert!(!s.is_transitional());
    }

    #[test]
    fn labels_are_sentence_case() {
        assert_eq!(
            BackupState::CreationScheduled.label().english(),
            "Creation scheduled"
        );
        assert_eq!(BackupState::Ok.label().english(), "OK");
        assert_eq!(BackupState::Erred.label().english(), "Erred");
        assert_eq!(BackupState::default().label().english(), "Unknown");
    }

    #[test]
    fn exactly_six_states_are_transitional() {
        let n = BackupState::ALL
            .iter()
            .filter(|s| s.is_transitional())
            .count();
        assert_eq!(n, 6);
        assert!(!BackupState::Ok.is_transitional());
        assert!(!BackupState::Erred.is_transitional());
    }
}
