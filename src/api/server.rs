//! What the page has learned about each Waldur server it talks to: how it spells backup states,
//! which actions it lacks, and how to read a failure that looks like a network error.
//!
//! Waldur releases differ: 8.1 and later speak the enum spelling (`?state=ERRED`), a 2024
//! release only display labels (`?state=Erred`, anything else is a 400). A widget learns the
//! spelling from the states in the server's own answers, or from that 400, and every client of
//! the same API address on the page shares what was learned ([`ServerBook`]). Everything here is
//! plain Rust; the client keeps one book per page.

use std::collections::BTreeMap;

use super::error::ApiError;
use super::state::ResourceState;

/// How a server writes backup states in its answers and accepts them in `?state=` filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Spelling {
    /// `CREATION_SCHEDULED`, `ERRED` (Waldur 8.1 and later; sent until a server shows otherwise).
    #[default]
    Enum,
    /// `Creation Scheduled`, `Erred` (releases before 2025).
    Label,
}

impl Spelling {
    /// What one state received from a server says about its spelling: `None` for `OK` (the same
    /// in both), an empty or unknown state.
    pub fn of(received: &str) -> Option<Spelling> {
        let raw = received.trim();
        let state = ResourceState::parse(raw);
        if !spelled_differently(&state) {
            return None;
        }
        Some(if raw == state.as_api_str() {
            Spelling::Enum
        } else {
            Spelling::Label
        })
    }

    /// The other spelling.
    pub fn other(self) -> Spelling {
        match self {
            Spelling::Enum => Spelling::Label,
            Spelling::Label => Spelling::Enum,
        }
    }

    /// `state` as this spelling writes it; an unknown state is sent exactly as it was received.
    pub fn write(self, state: &ResourceState) -> &str {
        match self {
            Spelling::Enum => state.as_api_str(),
            Spelling::Label => server_label(state),
        }
    }
}

/// The display label a pre-2025 Waldur uses (`Creation Scheduled`, `Erred`): title case, unlike
/// the widget's own sentence-case [`ResourceState::label`].
pub fn server_label(state: &ResourceState) -> &str {
    match state {
        ResourceState::CreationScheduled => "Creation Scheduled",
        ResourceState::Creating => "Creating",
        ResourceState::UpdateScheduled => "Update Scheduled",
        ResourceState::Updating => "Updating",
        ResourceState::DeletionScheduled => "Deletion Scheduled",
        ResourceState::Deleting => "Deleting",
        ResourceState::Ok => "OK",
        ResourceState::Erred => "Erred",
        ResourceState::Other(s) => s,
    }
}

/// Whether the two spellings of `state` differ (every known state but `OK`).
pub fn spelled_differently(state: &ResourceState) -> bool {
    !matches!(state, ResourceState::Ok | ResourceState::Other(_))
}

/// Whether `error` is the 400 a server gives for a `?state=` value it does not spell that way:
/// `{"state": ["Select a valid choice. ERRED is not one of the available choices."]}`.
pub fn is_state_choice_error(error: &ApiError) -> bool {
    error
        .field_errors("state")
        .iter()
        .any(|m| m.contains("is not one of the available choices") || m.contains("valid choice"))
}

/// An action some Waldur releases lack (they answer it with an HTML 404).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OptionalAction {
    /// `POST …/set_ok/` (staff): mark a stuck backup OK.
    SetOk,
    /// `POST …/set_erred/` (staff): mark a stuck backup erred.
    SetErred,
}

impl OptionalAction {
    /// The last path segment of the action (`set_ok`).
    pub fn path(self) -> &'static str {
        match self {
            OptionalAction::SetOk => "set_ok",
            OptionalAction::SetErred => "set_erred",
        }
    }
}

/// What is known about one server.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerFacts {
    /// The spelling its answers showed, or that a 400 taught; `None` while nothing told.
    pub spelling: Option<Spelling>,
    /// Actions it answered with a non-JSON 404.
    pub missing: Vec<OptionalAction>,
    /// Whether its error replies are readable, once checked.
    pub error_replies: Option<ErrorReplies>,
}

/// What the page knows about each API address (a client's base URL).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerBook {
    servers: BTreeMap<String, ServerFacts>,
}

impl ServerBook {
    /// An empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// What is known about `server` (nothing yet: the default).
    pub fn facts(&self, server: &str) -> ServerFacts {
        self.servers.get(server).cloned().unwrap_or_default()
    }

    /// The spelling to send to `server`: what it was seen to use, else the enum.
    pub fn spelling(&self, server: &str) -> Spelling {
        self.learned(server).unwrap_or_default()
    }

    /// The spelling `server` was seen to use, if it showed one.
    pub fn learned(&self, server: &str) -> Option<Spelling> {
        self.servers.get(server).and_then(|f| f.spelling)
    }

    /// Records the spelling of states the server sent (the latest evidence wins); `OK` and
    /// unknown states tell nothing.
    pub fn learn_states<'a>(&mut self, server: &str, received: impl IntoIterator<Item = &'a str>) {
        if let Some(found) = received.into_iter().filter_map(Spelling::of).last() {
            self.set_spelling(server, found);
        }
    }

    /// Records that `server` speaks `spelling`.
    pub fn set_spelling(&mut self, server: &str, spelling: Spelling) {
        self.servers.entry(server.to_owned()).or_default().spelling = Some(spelling);
    }

    /// Records that `server` lacks `action`.
    pub fn mark_missing(&mut self, server: &str, action: OptionalAction) {
        let facts = self.servers.entry(server.to_owned()).or_default();
        if !facts.missing.contains(&action) {
            facts.missing.push(action);
        }
    }

    /// Whether the browser can read `server`'s error replies, once checked.
    pub fn error_replies(&self, server: &str) -> Option<ErrorReplies> {
        self.servers.get(server).and_then(|f| f.error_replies)
    }

    /// Records whether `server`'s error replies are readable.
    pub fn set_error_replies(&mut self, server: &str, replies: ErrorReplies) {
        self.servers
            .entry(server.to_owned())
            .or_default()
            .error_replies = Some(replies);
    }

    /// Whether `server` may offer `action` (until it answered it with a non-JSON 404).
    pub fn offers(&self, server: &str, action: OptionalAction) -> bool {
        self.servers
            .get(server)
            .is_none_or(|f| !f.missing.contains(&action))
    }
}

/// What to do after a backup list request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListRetry {
    /// Nothing more: the error stands.
    GiveUp,
    /// Send the same list once more with this spelling of its states.
    Respell {
        /// The spelling to try.
        spelling: Spelling,
        /// Whether the server has said so (record it now) or it is only a guess (record it
        /// only when the second answer is readable).
        certain: bool,
    },
    /// Check with a request that cannot fail for its filters whether the server is answering:
    /// if it is, the list was refused and the browser could not read why.
    Probe,
}

/// The next step after a list request sent with `sent` failed with `error`.
///
/// `first` is true for the first attempt, `respellable` when the query filters by a state
/// whose spellings differ, `learned` when the server's spelling was seen in its answers (then
/// it is not second-guessed). One retry at most, never a loop: behind a proxy that strips CORS
/// headers from errors the 400 arrives as a network error, so an unconfirmed spelling is also
/// tried the other way once before the server is probed.
pub fn after_list_error(
    error: &ApiError,
    sent: Spelling,
    first: bool,
    respellable: bool,
    learned: bool,
) -> ListRetry {
    if first && respellable && is_state_choice_error(error) {
        ListRetry::Respell {
            spelling: sent.other(),
            certain: true,
        }
    } else if !may_hide_a_reply(error) {
        ListRetry::GiveUp
    } else if first && respellable && !learned {
        ListRetry::Respell {
            spelling: sent.other(),
            certain: false,
        }
    } else {
        ListRetry::Probe
    }
}

/// How the detail of [`ApiError::Network`] starts when the server's answer had begun (status
/// and headers read) and the connection broke while its body was read: a real network failure,
/// which a browser never reports for a reply it hides for want of CORS headers.
pub const ANSWER_CUT: &str = "the connection closed while the answer was read: ";

/// Whether `error` may be a reply the browser hid (a network error before any answer was read).
pub fn may_hide_a_reply(error: &ApiError) -> bool {
    matches!(error, ApiError::Network(detail) if !detail.starts_with(ANSWER_CUT))
}

/// Whether the browser can read a server's error replies (4xx, 5xx), as seen by asking for one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorReplies {
    /// They carry CORS headers (django-cors-headers, nginx with `always`).
    Readable,
    /// They do not (Waldur's stock nginx): the browser reports them as network errors.
    Hidden,
}

/// What quick second requests showed after a request failed like a network error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recheck {
    /// The server answers, and the browser cannot read its error replies: the failure was most
    /// likely a refusal it hid.
    HidesErrors,
    /// The server answers, and its error replies are readable: the failure was the network's.
    ShowsErrors,
    /// The server does not answer now.
    Unreachable,
}

/// The request a check sends to learn whether error replies are readable: an invalid UUID in
/// a filter, which every Waldur release refuses with a 400 (`Enter a valid UUID.`).
pub const ERROR_PROBE: &str = "/api/openstack-backups/?project_uuid=cors-check&page_size=1";

/// The request a check sends to learn whether the server answers at all: one backup UUID of the
/// user's list, which cannot fail for its filters.
pub const ANSWER_PROBE: &str = "/api/openstack-backups/?field=uuid&page_size=1";

/// Reads the two checks: `reachable` is whether [`ANSWER_PROBE`] got any answer, `error_probe`
/// the status [`ERROR_PROBE`] got, or its error (`None` when it was not sent because `known`
/// told already).
pub fn recheck_verdict(
    known: Option<ErrorReplies>,
    reachable: bool,
    error_probe: Option<&Result<u16, ApiError>>,
) -> Recheck {
    if known == Some(ErrorReplies::Readable) {
        // A network error from a server whose errors are readable is the network's.
        return Recheck::ShowsErrors;
    }
    if !reachable {
        return Recheck::Unreachable;
    }
    match (known, error_probe) {
        (Some(ErrorReplies::Hidden), _) => Recheck::HidesErrors,
        (_, Some(Ok(_))) => Recheck::ShowsErrors,
        (_, Some(Err(e))) if may_hide_a_reply(e) => Recheck::HidesErrors,
        // A timeout or an abort tells nothing: keep the error as it came.
        _ => Recheck::Unreachable,
    }
}

/// What the error check teaches about the server's error replies, to remember.
pub fn learned_error_replies(error_probe: &Result<u16, ApiError>) -> Option<ErrorReplies> {
    match error_probe {
        Ok(_) => Some(ErrorReplies::Readable),
        Err(e) if may_hide_a_reply(e) => Some(ErrorReplies::Hidden),
        Err(_) => None,
    }
}

/// A network failure from a server that answers the next moment, and whose error replies the
/// browser cannot read, was most likely not a network failure: the server refused (or failed)
/// and the browser hid why. Other errors are kept.
pub fn reclassify(error: ApiError, recheck: Recheck) -> ApiError {
    match recheck {
        Recheck::HidesErrors if may_hide_a_reply(&error) => ApiError::Unreadable,
        _ => error,
    }
}

/// Reads the failure of an optional action (`set_ok/`, `set_erred/`) after the quick check:
/// behind a proxy that hides error replies, the HTML 404 of a release without the action arrives
/// as a network error. A server that answers the check and spells states as labels is such a
/// release (before 2025), so the action is taken as missing there; elsewhere the refusal stays
/// unreadable.
pub fn optional_action_failure(
    error: ApiError,
    recheck: Recheck,
    learned: Option<Spelling>,
) -> ApiError {
    match reclassify(error, recheck) {
        ApiError::Unreadable if learned == Some(Spelling::Label) => ApiError::NotSupported,
        other => other,
    }
}

/// What an action on a backup was meant to do, for reading a hidden reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Delete: the backup goes to "Deletion scheduled", "Deleting", then away.
    Delete,
    /// Unlink: the record disappears at once.
    Remove,
    /// Anything else (edit, pull, restore, set OK / erred): the backup stays.
    Change,
}

/// What happened to an action whose reply the browser hid, told by the backup as it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// It took effect (the backup is being deleted, or gone).
    Done,
    /// The backup is unchanged by it: the server refused, for a reason the browser hid.
    Refused,
    /// The backup is gone, though the action would not remove it (someone deleted it).
    Gone,
}

/// Reads a hidden reply: `now` is the backup's state as re-read, `None` when it is gone.
pub fn after_hidden_reply(intent: Intent, now: Option<&ResourceState>) -> Hidden {
    match (intent, now) {
        (Intent::Delete, Some(ResourceState::DeletionScheduled | ResourceState::Deleting)) => {
            Hidden::Done
        }
        (Intent::Delete | Intent::Remove, None) => Hidden::Done,
        (Intent::Change, None) => Hidden::Gone,
        (_, Some(_)) => Hidden::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn state_400(value: &str) -> ApiError {
        ApiError::BadRequest {
            fields: BTreeMap::from([(
                "state".to_owned(),
                vec![format!(
                    "Select a valid choice. {value} is not one of the available choices."
                )],
            )]),
            non_field: Vec::new(),
        }
    }

    #[test]
    fn a_received_state_tells_its_spelling_except_ok_and_unknown() {
        let cases = [
            ("ERRED", Some(Spelling::Enum)),
            ("CREATION_SCHEDULED", Some(Spelling::Enum)),
            ("DELETING", Some(Spelling::Enum)),
            ("Erred", Some(Spelling::Label)),
            ("Creation Scheduled", Some(Spelling::Label)),
            ("Deletion Scheduled", Some(Spelling::Label)),
            ("Deleting", Some(Spelling::Label)),
            ("OK", None),
            ("", None),
            ("Restoring Soon", None),
        ];
        for (received, spelling) in cases {
            assert_eq!(Spelling::of(received), spelling, "{received}");
        }
    }

    #[test]
    fn each_spelling_writes_what_its_release_accepts() {
        let labels = [
            "Creation Scheduled",
            "Creating",
            "Update Scheduled",
            "Updating",
            "Deletion Scheduled",
            "Deleting",
            "OK",
            "Erred",
        ];
        for (state, label) in ResourceState::ALL.iter().zip(labels) {
            assert_eq!(Spelling::Label.write(state), label);
            assert_eq!(Spelling::Enum.write(state), state.as_api_str());
            // What is written reads back as the same state, and as the same spelling.
            assert_eq!(ResourceState::parse(label), *state);
            if spelled_differently(state) {
                assert_eq!(Spelling::of(label), Some(Spelling::Label));
                assert_eq!(
                    Spelling::of(state.as_api_str()),
                    Some(Spelling::Enum),
                    "{state:?}"
                );
            }
        }
        let other = ResourceState::Other("Paused".into());
        assert_eq!(Spelling::Label.write(&other), "Paused");
        assert_eq!(Spelling::Enum.write(&other), "Paused");
        assert_eq!(Spelling::Enum.other(), Spelling::Label);
        assert_eq!(Spelling::Label.other(), Spelling::Enum);
    }

    #[test]
    fn the_book_remembers_each_address_apart_and_starts_with_the_enum() {
        let mut book = ServerBook::new();
        let old = "https://old.example.org";
        let new = "https://new.example.org";
        assert_eq!(book.spelling(old), Spelling::Enum);
        assert_eq!(book.learned(old), None);
        book.learn_states(old, ["OK", "OK"]);
        assert_eq!(book.learned(old), None, "OK tells nothing");
        book.learn_states(old, ["OK", "Erred", "Creating"]);
        assert_eq!(book.spelling(old), Spelling::Label);
        assert_eq!(book.spelling(new), Spelling::Enum);
        book.learn_states(new, ["ERRED"]);
        assert_eq!(book.spelling(new), Spelling::Enum);
        assert_eq!(book.learned(new), Some(Spelling::Enum));
        // An upgraded server: the latest answer wins.
        book.learn_states(old, ["DELETING"]);
        assert_eq!(book.spelling(old), Spelling::Enum);
    }

    #[test]
    fn a_missing_action_is_hidden_for_that_server_only() {
        let mut book = ServerBook::new();
        assert!(book.offers("a", OptionalAction::SetOk));
        book.mark_missing("a", OptionalAction::SetOk);
        book.mark_missing("a", OptionalAction::SetOk);
        assert!(!book.offers("a", OptionalAction::SetOk));
        assert!(book.offers("a", OptionalAction::SetErred));
        assert!(book.offers("b", OptionalAction::SetOk));
        assert_eq!(book.facts("a").missing, [OptionalAction::SetOk]);
        assert_eq!(OptionalAction::SetErred.path(), "set_erred");
    }

    #[test]
    fn only_the_state_choice_400_counts_as_a_spelling_error() {
        assert!(is_state_choice_error(&state_400("ERRED")));
        assert!(is_state_choice_error(&state_400("Erred")));
        let other_field = ApiError::BadRequest {
            fields: BTreeMap::from([("project_uuid".into(), vec!["Enter a valid UUID.".into()])]),
            non_field: Vec::new(),
        };
        assert!(!is_state_choice_error(&other_field));
        assert!(!is_state_choice_error(&ApiError::Conflict("x".into())));
        assert!(!is_state_choice_error(&ApiError::Network("x".into())));
    }

    #[test]
    fn a_list_error_is_retried_once_at_most() {
        use ListRetry::*;
        let network = ApiError::Network("TypeError: Failed to fetch".into());
        let e = Spelling::Enum;
        let cases = [
            // (error, first, respellable, learned) → step
            (
                state_400("ERRED"),
                true,
                true,
                false,
                Respell {
                    spelling: Spelling::Label,
                    certain: true,
                },
            ),
            // Even a learned spelling yields to the server's own 400.
            (
                state_400("ERRED"),
                true,
                true,
                true,
                Respell {
                    spelling: Spelling::Label,
                    certain: true,
                },
            ),
            // The retry failed the same way: shown once, no loop.
            (state_400("Erred"), false, true, false, GiveUp),
            // A 400 hidden by missing CORS headers: one guess, then the probe.
            (
                network.clone(),
                true,
                true,
                false,
                Respell {
                    spelling: Spelling::Label,
                    certain: false,
                },
            ),
            (network.clone(), false, true, false, Probe),
            (network.clone(), true, true, true, Probe),
            (network.clone(), true, false, false, Probe),
            (ApiError::Timeout, true, true, false, GiveUp),
            (ApiError::Conflict("x".into()), true, true, false, GiveUp),
        ];
        for (error, first, respellable, learned, step) in cases {
            assert_eq!(
                after_list_error(&error, e, first, respellable, learned),
                step,
                "{error:?} first={first} respellable={respellable} learned={learned}"
            );
        }
        assert_eq!(
            after_list_error(&state_400("Erred"), Spelling::Label, true, true, true),
            Respell {
                spelling: Spelling::Enum,
                certain: true
            }
        );
    }

    #[test]
    fn a_hidden_reply_to_set_ok_on_a_label_speaking_server_means_it_lacks_the_action() {
        let network = || ApiError::Network("TypeError: Failed to fetch".into());
        let cases = [
            (
                Recheck::HidesErrors,
                Some(Spelling::Label),
                ApiError::NotSupported,
            ),
            (
                Recheck::HidesErrors,
                Some(Spelling::Enum),
                ApiError::Unreadable,
            ),
            (Recheck::HidesErrors, None, ApiError::Unreadable),
            (Recheck::ShowsErrors, Some(Spelling::Label), network()),
            (Recheck::Unreachable, Some(Spelling::Label), network()),
        ];
        for (recheck, learned, expected) in cases {
            assert_eq!(
                optional_action_failure(network(), recheck, learned),
                expected
            );
        }
        assert_eq!(
            optional_action_failure(
                ApiError::Forbidden("x".into()),
                Recheck::HidesErrors,
                Some(Spelling::Label)
            ),
            ApiError::Forbidden("x".into())
        );
    }

    #[test]
    fn the_checks_tell_a_hidden_refusal_from_a_broken_connection() {
        use ErrorReplies::*;
        use Recheck::*;
        let network = || ApiError::Network("TypeError: Failed to fetch".into());
        let readable_400: Result<u16, ApiError> = Ok(400);
        let hidden_400: Result<u16, ApiError> = Err(network());
        let timeout: Result<u16, ApiError> = Err(ApiError::Timeout);
        let cases = [
            // Nothing known yet: both checks decide.
            (None, true, Some(&hidden_400), HidesErrors),
            (None, true, Some(&readable_400), ShowsErrors),
            (None, false, None, Unreachable),
            (None, true, Some(&timeout), Unreachable),
            // Known: the error check is not needed.
            (Some(Hidden), true, None, HidesErrors),
            (Some(Hidden), false, None, Unreachable),
            (Some(Readable), false, None, ShowsErrors),
            (Some(Readable), true, None, ShowsErrors),
        ];
        for (known, reachable, probe, verdict) in cases {
            assert_eq!(
                recheck_verdict(known, reachable, probe),
                verdict,
                "{known:?} {reachable} {probe:?}"
            );
        }
        assert_eq!(learned_error_replies(&readable_400), Some(Readable));
        assert_eq!(learned_error_replies(&hidden_400), Some(Hidden));
        assert_eq!(learned_error_replies(&timeout), None);
        let mut book = ServerBook::new();
        assert_eq!(book.error_replies("a"), None);
        book.set_error_replies("a", Hidden);
        assert_eq!(book.error_replies("a"), Some(Hidden));
        assert_eq!(book.error_replies("b"), None);
    }

    #[test]
    fn a_hidden_reply_is_read_from_the_backup_as_it_is_now() {
        use ResourceState as S;
        let cases = [
            (Intent::Delete, Some(S::DeletionScheduled), Hidden::Done),
            (Intent::Delete, Some(S::Deleting), Hidden::Done),
            (Intent::Delete, None, Hidden::Done),
            (Intent::Delete, Some(S::Ok), Hidden::Refused),
            (Intent::Delete, Some(S::Erred), Hidden::Refused),
            (Intent::Remove, None, Hidden::Done),
            (Intent::Remove, Some(S::Ok), Hidden::Refused),
            (Intent::Change, Some(S::Ok), Hidden::Refused),
            (Intent::Change, Some(S::Erred), Hidden::Refused),
            (Intent::Change, None, Hidden::Gone),
        ];
        for (intent, now, verdict) in cases {
            assert_eq!(
                after_hidden_reply(intent, now.as_ref()),
                verdict,
                "{intent:?} {now:?}"
            );
        }
    }

    #[test]
    fn a_network_error_from_a_server_that_answers_and_hides_errors_is_an_unreadable_refusal() {
        let network = ApiError::Network("TypeError: Failed to fetch".into());
        assert_eq!(
            reclassify(network.clone(), Recheck::HidesErrors),
            ApiError::Unreadable
        );
        assert_eq!(reclassify(network.clone(), Recheck::ShowsErrors), network);
        assert_eq!(reclassify(network.clone(), Recheck::Unreachable), network);
        // The answer had begun and the connection broke: a real network failure.
        let cut = ApiError::Network(format!("{ANSWER_CUT}TypeError: network error"));
        assert_eq!(reclassify(cut.clone(), Recheck::HidesErrors), cut);
        assert!(!may_hide_a_reply(&cut));
        assert!(may_hide_a_reply(&network));
        assert!(!may_hide_a_reply(&ApiError::Unreadable));
        assert_eq!(
            after_list_error(&cut, Spelling::Enum, true, true, false),
            ListRetry::GiveUp
        );
        assert_eq!(
            reclassify(ApiError::Timeout, Recheck::HidesErrors),
            ApiError::Timeout
        );
        assert!(ApiError::Unreadable.message().english().contains("CORS"));
        assert!(ApiError::Unreadable
            .message()
            .english()
            .contains("Deployment"));
        assert_ne!(ApiError::Unreadable.message(), network.message());
    }
}
