//! Which Waldur the dev server imitates: the release (`--profile`) and what stands in front of
//! it for CORS (`--cors`). Both can be switched at run time through `/__devserver/settings`.

use crate::store::State;
use serde::{Deserialize, Serialize};

/// The Waldur release whose wire format and URLs the API imitates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum, Serialize, Deserialize)]
pub enum Profile {
    /// Waldur 8.1 (the OpenAPI schema's release): enum states, `set_ok/` and `set_erred/`.
    #[value(name = "8.1")]
    #[serde(rename = "8.1")]
    V8_1,
    /// A 2024 release, as measured: display labels, label-only state filter, no staff state
    /// actions, backup schedules, fewer fields in nested objects, nulls the schema forbids.
    #[value(name = "2024")]
    #[serde(rename = "2024")]
    V2024,
}

impl Profile {
    /// The name used on the command line and in the control API.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::V8_1 => "8.1",
            Profile::V2024 => "2024",
        }
    }

    /// How a state is spelled in bodies and accepted in `?state=` filters.
    pub fn state(self, s: State) -> &'static str {
        match self {
            Profile::V8_1 => s.as_str(),
            Profile::V2024 => s.label(),
        }
    }

    /// The state a `?state=` value names, in this release's spelling only.
    pub fn parse_state(self, v: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| self.state(*s) == v)
    }

    /// Whether `POST …/set_ok/` and `…/set_erred/` exist.
    pub fn has_state_actions(self) -> bool {
        self == Profile::V8_1
    }

    /// Whether the release is the 2024 one.
    pub fn is_2024(self) -> bool {
        self == Profile::V2024
    }
}

/// Who adds CORS headers to API answers, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CorsMode {
    /// django-cors-headers: the request's origin echoed on every status, errors included.
    Django,
    /// Waldur's stock container image: nginx `add_header` lines without `always`, so only
    /// 200, 201, 204, 206, 301, 302, 303, 304, 307 and 308 answers carry CORS headers.
    NginxStock,
    /// Django alone: no CORS headers at all (a same-origin reverse proxy setup).
    None,
}

impl CorsMode {
    /// The name used on the command line and in the control API.
    pub fn as_str(self) -> &'static str {
        match self {
            CorsMode::Django => "django",
            CorsMode::NginxStock => "nginx-stock",
            CorsMode::None => "none",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_release_reads_only_its_own_state_spelling() {
        assert_eq!(Profile::V8_1.parse_state("ERRED"), Some(State::Erred));
        assert_eq!(Profile::V8_1.parse_state("Erred"), None);
        assert_eq!(Profile::V2024.parse_state("Erred"), Some(State::Erred));
        assert_eq!(Profile::V2024.parse_state("ERRED"), None);
        assert_eq!(
            Profile::V2024.parse_state("Creation Scheduled"),
            Some(State::CreationScheduled)
        );
        for p in [Profile::V8_1, Profile::V2024] {
            assert_eq!(p.parse_state("OK"), Some(State::Ok), "{p:?}");
        }
    }
}
