//! Lifecycle states of Waldur resources (backups and instances share them; which actions each state allows is in [`crate::state::actions`]).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{Msg, Text};

/// Where a backup (or an instance) is in its lifecycle, as reported by Waldur (`state` field).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResourceState {
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

impl Default for ResourceState {
    /// An absent state (for example when the list was asked for other `field`s only).
    fn default() -> Self {
        ResourceState::Other(String::new())
    }
}

impl ResourceState {
    /// The eight states Waldur documents, in lifecycle order.
    pub const ALL: [ResourceState; 8] = [
        ResourceState::CreationScheduled,
        ResourceState::Creating,
        ResourceState::UpdateScheduled,
        ResourceState::Updating,
        ResourceState::DeletionScheduled,
        ResourceState::Deleting,
        ResourceState::Ok,
        ResourceState::Erred,
    ];

    /// The canonical API spelling (`CREATION_SCHEDULED`, `OK`, …), as used in `?state=` filters.
    pub fn as_api_str(&self) -> &str {
        match self {
            ResourceState::CreationScheduled => "CREATION_SCHEDULED",
            ResourceState::Creating => "CREATING",
            ResourceState::UpdateScheduled => "UPDATE_SCHEDULED",
            ResourceState::Updating => "UPDATING",
            ResourceState::DeletionScheduled => "DELETION_SCHEDULED",
            ResourceState::Deleting => "DELETING",
            ResourceState::Ok => "OK",
            ResourceState::Erred => "ERRED",
            ResourceState::Other(s) => s,
        }
    }

    /// A short label for people ("Creation scheduled", "OK", "Erred"); a state this widget
    /// does not know is shown as the server spelled it.
    pub fn label(&self) -> Text {
        let msg = match self {
            ResourceState::CreationScheduled => Msg::StateCreationScheduled,
            ResourceState::Creating => Msg::StateCreating,
            ResourceState::UpdateScheduled => Msg::StateUpdateScheduled,
            ResourceState::Updating => Msg::StateUpdating,
            ResourceState::DeletionScheduled => Msg::StateDeletionScheduled,
            ResourceState::Deleting => Msg::StateDeleting,
            ResourceState::Ok => Msg::StateOk,
            ResourceState::Erred => Msg::StateErred,
            ResourceState::Other(s) if s.is_empty() => Msg::StateUnknown,
            ResourceState::Other(s) => return Text::verbatim(s.as_str()),
        };
        Text::new(msg)
    }

    /// True for the six states that change on their own (neither OK nor erred); worth polling.
    pub fn is_transitional(&self) -> bool {
        !matches!(
            self,
            ResourceState::Ok | ResourceState::Erred | ResourceState::Other(_)
        )
    }

    /// Reads either spelling (`CREATION_SCHEDULED` or `Creation Scheduled`); unknown text becomes `Other`.
    pub fn parse(s: &str) -> ResourceState {
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
            "CREATION_SCHEDULED" => ResourceState::CreationScheduled,
            "CREATING" => ResourceState::Creating,
            "UPDATE_SCHEDULED" => ResourceState::UpdateScheduled,
            "UPDATING" => ResourceState::Updating,
            "DELETION_SCHEDULED" => ResourceState::DeletionScheduled,
            "DELETING" => ResourceState::Deleting,
            "OK" => ResourceState::Ok,
            "ERRED" => ResourceState::Erred,
            _ => ResourceState::Other(s.to_owned()),
        }
    }
}

impl fmt::Display for ResourceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label().english())
    }
}

impl<'de> Deserialize<'de> for ResourceState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Option::<String>::deserialize(deserializer)?;
        Ok(s.map(|s| ResourceState::parse(&s)).unwrap_or_default())
    }
}

impl Serialize for ResourceState {
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
                ResourceState::CreationScheduled,
            ),
            ("CREATING", "Creating", ResourceState::Creating),
            (
                "UPDATE_SCHEDULED",
                "Update Scheduled",
                ResourceState::UpdateScheduled,
            ),
            ("UPDATING", "Updating", ResourceState::Updating),
            (
                "DELETION_SCHEDULED",
                "Deletion Scheduled",
                ResourceState::DeletionScheduled,
            ),
            ("DELETING", "Deleting", ResourceState::Deleting),
            ("OK", "OK", ResourceState::Ok),
            ("ERRED", "Erred", ResourceState::Erred),
        ];
        for (api, label, state) in pairs {
            assert_eq!(ResourceState::parse(api), state);
            assert_eq!(ResourceState::parse(label), state);
            assert_eq!(state.as_api_str(), api);
        }
    }

    #[test]
    fn unknown_state_is_kept_verbatim() {
        let s = ResourceState::parse("Restoring Soon");
        assert_eq!(s, ResourceState::Other("Restoring Soon".into()));
        assert_eq!(s.as_api_str(), "Restoring Soon");
        assert_eq!(s.label().english(), "Restoring Soon");
        assert!(!s.is_transitional());
    }

    #[test]
    fn labels_are_sentence_case() {
        assert_eq!(
            ResourceState::CreationScheduled.label().english(),
            "Creation scheduled"
        );
        assert_eq!(ResourceState::Ok.label().english(), "OK");
        assert_eq!(ResourceState::Erred.label().english(), "Erred");
        assert_eq!(ResourceState::default().label().english(), "Unknown");
    }

    #[test]
    fn exactly_six_states_are_transitional() {
        let n = ResourceState::ALL
            .iter()
            .filter(|s| s.is_transitional())
            .count();
        assert_eq!(n, 6);
        assert!(!ResourceState::Ok.is_transitional());
        assert!(!ResourceState::Erred.is_transitional());
    }
}
