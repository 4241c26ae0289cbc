//! Checking the options a host passes to `mountBackups` or sets on `<waldur-backups>`: every
//! mistake fails at mount with a message that names the option.

use super::columns::Column;
use super::scope::Scope;
use super::settings::{Settings, Theme};
use crate::i18n::{Msg, Text};

/// Page sizes offered to the user (and accepted from the host).
pub const PAGE_SIZES: [u32; 5] = [10, 25, 50, 100, 300];

/// The largest `exportMaxRows` accepted: the file is built in the page's memory.
pub const MAX_EXPORT_ROWS: u32 = 100_000;

/// Options as the host gave them, before checking (JS values already read into Rust).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawOptions {
    /// `apiUrl`: Waldur's base URL (`https://waldur.example.com` or `…/api`).
    pub api_url: Option<String>,
    /// `token`: a Waldur API token.
    pub token: Option<String>,
    /// `bearer`: an OIDC or personal access token.
    pub bearer: Option<String>,
    /// Whether `getToken` is a function.
    pub has_get_token: bool,
    /// `getToken` given but not a function.
    pub get_token_not_function: bool,
    /// `credentials`: only `"include"` (cookie session) is meaningful.
    pub credentials: Option<String>,
    /// `instanceUuid` scope.
    pub instance_uuid: Option<String>,
    /// `projectUuid` scope.
    pub project_uuid: Option<String>,
    /// `tenantUuid` scope.
    pub tenant_uuid: Option<String>,
    /// `customerUuid` scope.
    pub customer_uuid: Option<String>,
    /// `pageSize` as given (a number or a numeric string).
    pub page_size: Option<String>,
    /// `columns`: column keys in order.
    pub columns: Option<Vec<String>>,
    /// `locale`: a BCP 47 tag.
    pub locale: Option<String>,
    /// `isStaff`.
    pub is_staff: Option<bool>,
    /// `canManage`: whether the user may change backups (the host knows better than the roles).
    pub can_manage: Option<bool>,
    /// `instanceUrl`: a pattern with `{uuid}` (and optionally `{name}`).
    pub instance_url: Option<String>,
    /// `theme`: `light`, `dark` or `auto`.
    pub theme: Option<String>,
    /// `urlSync`: keep the view in the page URL.
    pub url_sync: Option<bool>,
    /// `exportMaxRows` as given (a number or a numeric string).
    pub export_max_rows: Option<String>,
    /// `label`: the accessible name of the widget's landmarks.
    pub label: Option<String>,
}

/// How the widget authenticates, as chosen by the options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthChoice {
    /// No credentials.
    None,
    /// `Authorization: Token <key>`.
    Token(String),
    /// `Authorization: Bearer <token>`.
    Bearer(String),
    /// Ask the host's `getToken` before each request.
    Getter,
    /// Send the portal's session cookie.
    Session,
}

/// Options after checking.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedOptions {
    /// Base URL of the API.
    pub api_url: String,
    /// Authentication.
    pub auth: AuthChoice,
    /// Everything else.
    pub settings: Settings,
}

/// A mistake in the options: which option and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionError {
    /// The option's name as the host wrote it (`apiUrl`, `theme`, …).
    pub option: &'static str,
    /// What is wrong and what is expected (English in the thrown error and the console: the
    /// options are checked before any language is loaded).
    pub message: Text,
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "waldur-backups: option `{}`: {}",
            self.option,
            self.message.english()
        )
    }
}

fn error(option: &'static str, message: impl Into<Text>) -> OptionError {
    OptionError {
        option,
        message: message.into(),
    }
}

fn clean(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// True for an absolute `http(s)://host…` URL or a path on the page's own origin (`/…`).
pub fn is_usable_api_url(url: &str) -> bool {
    if url.chars().any(char::is_whitespace) {
        return false;
    }
    if let Some(path) = url.strip_prefix('/') {
        return !path.starts_with('/');
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Credentials in the URL would end up in logs: the token options exist for them.
    if authority.contains('@') {
        return false;
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((host, after)) => (host, after.strip_prefix(':')),
            None => return false,
        },
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    port_ok
        && !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
}

/// True for a UUID as Waldur writes it (32 hex digits) or the dashed form.
pub fn is_uuid(value: &str) -> bool {
    let hex: String = value.chars().filter(|c| *c != '-').collect();
    hex.len() == 32
        && hex.chars().all(|c| c.is_ascii_hexdigit())
        && (value.len() == 32 || value.len() == 36)
}

/// Checks the options; the first mistake found is returned, naming the option.
pub fn check_options(raw: &RawOptions) -> Result<CheckedOptions, OptionError> {
    let api_url = clean(&raw.api_url).ok_or_else(|| error("apiUrl", Msg::OptApiUrlMissing))?;
    if !is_usable_api_url(&api_url) {
        return Err(error(
            "apiUrl",
            Text::new(Msg::OptApiUrlInvalid).arg("value", api_url.as_str()),
        ));
    }

    if raw.get_token_not_function {
        return Err(error("getToken", Msg::OptGetTokenNotFunction));
    }
    let token = clean(&raw.token);
    let bearer = clean(&raw.bearer);
    let credentials = clean(&raw.credentials);
    if let Some(c) = &credentials {
        if c != "include" && c != "same-origin" && c != "omit" {
            return Err(error(
                "credentials",
                Text::new(Msg::OptCredentialsUnsupported).arg("value", c.as_str()),
            ));
        }
    }
    let session = credentials.as_deref() == Some("include");
    let chosen = [
        token.is_some(),
        bearer.is_some(),
        raw.has_get_token,
        session,
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if chosen > 1 {
        return Err(error("token", Msg::OptOneAuth));
    }
    let auth = if let Some(t) = token {
        AuthChoice::Token(t)
    } else if let Some(b) = bearer {
        AuthChoice::Bearer(b)
    } else if raw.has_get_token {
        AuthChoice::Getter
    } else if session {
        AuthChoice::Session
    } else {
        AuthChoice::None
    };

    let mut scope = Scope::default();
    for (option, value, slot) in [
        ("instanceUuid", &raw.instance_uuid, &mut scope.instance_uuid),
        ("projectUuid", &raw.project_uuid, &mut scope.project_uuid),
        ("tenantUuid", &raw.tenant_uuid, &mut scope.tenant_uuid),
        ("customerUuid", &raw.customer_uuid, &mut scope.customer_uuid),
    ] {
        if let Some(v) = clean(value) {
            if !is_uuid(&v) {
                return Err(error(
                    option,
                    Text::new(Msg::OptNotUuid).arg("value", v.as_str()),
                ));
            }
            *slot = Some(v.replace('-', "").to_ascii_lowercase());
        }
    }

    let page_size = match clean(&raw.page_size) {
        None => crate::api::DEFAULT_PAGE_SIZE,
        Some(v) => {
            let n: u32 = v.parse().map_err(|_| {
                error(
                    "pageSize",
                    Text::new(Msg::OptPageSizeNotNumber).arg("value", v.as_str()),
                )
            })?;
            if !PAGE_SIZES.contains(&n) {
                return Err(error(
                    "pageSize",
                    Text::new(Msg::OptPageSizeNotOffered).arg("value", n.to_string()),
                ));
            }
            n
        }
    };

    let columns = match &raw.columns {
        None => Column::DEFAULT.to_vec(),
        Some(keys) => {
            let list = Column::parse_list(keys.iter().map(String::as_str))
                .map_err(|m| error("columns", m))?;
            if list.is_empty() {
                return Err(error("columns", Msg::OptColumnsEmpty));
            }
            list
        }
    };

    let theme = match clean(&raw.theme) {
        None => Theme::default(),
        Some(v) => Theme::parse(&v).ok_or_else(|| {
            error(
                "theme",
                Text::new(Msg::OptThemeUnknown).arg("value", v.as_str()),
            )
        })?,
    };

    let instance_url = clean(&raw.instance_url);
    if let Some(p) = &instance_url {
        if !p.contains("{uuid}") {
            return Err(error(
                "instanceUrl",
                Text::new(Msg::OptNoUuidPlaceholder).arg("value", p.as_str()),
            ));
        }
    }

    let locale = clean(&raw.locale);
    if let Some(l) = &locale {
        let ok = l.len() <= 35
            && l.split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
        if !ok {
            return Err(error(
                "locale",
                Text::new(Msg::OptNotLanguageTag).arg("value", l.as_str()),
            ));
        }
    }

    let export_max_rows = match clean(&raw.export_max_rows) {
        None => super::export::DEFAULT_EXPORT_MAX_ROWS,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=MAX_EXPORT_ROWS).contains(&n) => n,
            _ => {
                return Err(error(
                    "exportMaxRows",
                    format!("\"{v}\" is not a whole number from 1 to {MAX_EXPORT_ROWS}"),
                ))
            }
        },
    };

    Ok(CheckedOptions {
        api_url,
        auth,
        settings: Settings {
            scope,
            page_size,
            columns,
            is_staff: raw.is_staff.unwrap_or(false),
            can_manage: raw.can_manage,
            instance_url,
            locale,
            url_sync: raw.url_sync.unwrap_or(false),
            theme,
            export_max_rows,
            label: clean(&raw.label),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_url() -> RawOptions {
        RawOptions {
            api_url: Some("https://waldur.example.com".into()),
            ..RawOptions::default()
        }
    }

    #[test]
    fn minimal_options_give_defaults() {
        let checked = check_options(&with_url()).unwrap();
        assert_eq!(checked.api_url, "https://waldur.example.com");
        assert_eq!(checked.auth, AuthChoice::None);
        assert_eq!(checked.settings, Settings::default());
    }

    #[test]
    fn every_mistake_names_its_option() {
        let cases: Vec<(RawOptions, &str)> = vec![
            (RawOptions::default(), "apiUrl"),
            (
                RawOptions {
                    api_url: Some("waldur.example.com".into()),
                    ..Default::default()
                },
                "apiUrl",
            ),
            (
                RawOptions {
                    api_url: Some("http://".into()),
                    ..Default::default()
                },
                "apiUrl",
            ),
            (
                RawOptions {
                    api_url: Some("https://a b".into()),
                    ..Default::default()
                },
                "apiUrl",
            ),
            (
                RawOptions {
                    api_url: Some("//cdn.example".into()),
                    ..Default::default()
                },
                "apiUrl",
            ),
            (
                RawOptions {
                    theme: Some("blue".into()),
                    ..with_url()
                },
                "theme",
            ),
            (
                RawOptions {
                    page_size: Some("7".into()),
                    ..with_url()
                },
                "pageSize",
            ),
            (
                RawOptions {
                    page_size: Some("ten".into()),
                    ..with_url()
                },
                "pageSize",
            ),
            (
                RawOptions {
                    export_max_rows: Some("0".into()),
                    ..with_url()
                },
                "exportMaxRows",
            ),
            (
                RawOptions {
                    export_max_rows: Some("1e9".into()),
                    ..with_url()
                },
                "exportMaxRows",
            ),
            (
                RawOptions {
                    columns: Some(vec!["nope".into()]),
                    ..with_url()
                },
                "columns",
            ),
            (
                RawOptions {
                    columns: Some(vec![]),
                    ..with_url()
                },
                "columns",
            ),
            (
                RawOptions {
                    project_uuid: Some("p1".into()),
                    ..with_url()
                },
                "projectUuid",
            ),
            (
                RawOptions {
                    instance_url: Some("/vm/".into()),
                    ..with_url()
                },
                "instanceUrl",
            ),
            (
                RawOptions {
                    locale: Some("en GB".into()),
                    ..with_url()
                },
                "locale",
            ),
            (
                RawOptions {
                    credentials: Some("always".into()),
                    ..with_url()
                },
                "credentials",
            ),
            (
                RawOptions {
                    get_token_not_function: true,
                    ..with_url()
                },
                "getToken",
            ),
            (
                RawOptions {
                    token: Some("a".into()),
                    bearer: Some("b".into()),
                    ..with_url()
                },
                "token",
            ),
        ];
        for (raw, option) in cases {
            let err = check_options(&raw).unwrap_err();
            assert_eq!(err.option, option, "{raw:?} → {err}");
            assert!(err.to_string().contains(option));
        }
    }

    #[test]
    fn export_max_rows_defaults_to_ten_thousand_and_takes_a_number() {
        let cases = [
            (None, 10_000),
            (Some("500"), 500),
            (Some(" 100000 "), 100_000),
        ];
        for (given, want) in cases {
            let raw = RawOptions {
                export_max_rows: given.map(String::from),
                ..with_url()
            };
            assert_eq!(
                check_options(&raw).unwrap().settings.export_max_rows,
                want,
                "{given:?}"
            );
        }
    }

    #[test]
    fn accepted_values_are_normalised() {
        let raw = RawOptions {
            api_url: Some(" http://127.0.0.1:8080/api ".into()),
            bearer: Some("w_1_x".into()),
            project_uuid: Some("D9688D9B-2F8E-B737-BCC7-D8E8590878FB".into()),
            page_size: Some("25".into()),
            columns: Some(vec!["name".into(), "keptUntil".into()]),
            theme: Some("Auto".into()),
            instance_url: Some("https://portal/vm/{uuid}".into()),
            locale: Some("de-CH".into()),
            is_staff: Some(true),
            label: Some("  Backups of the database VMs ".into()),
            can_manage: Some(false),
            ..RawOptions::default()
        };
        let c = check_options(&raw).unwrap();
        assert_eq!(c.api_url, "http://127.0.0.1:8080/api");
        assert_eq!(c.auth, AuthChoice::Bearer("w_1_x".into()));
        assert_eq!(
            c.settings.scope.project_uuid.as_deref(),
            Some("d9688d9b2f8eb737bcc7d8e8590878fb")
        );
        assert_eq!(c.settings.page_size, 25);
        assert_eq!(c.settings.columns, vec![Column::Name, Column::KeptUntil]);
        assert_eq!(c.settings.theme, Theme::Auto);
        assert!(c.settings.is_staff);
        assert_eq!(c.settings.can_manage, Some(false));
        assert_eq!(
            c.settings.label.as_deref(),
            Some("Backups of the database VMs")
        );
        assert_eq!(
            check_options(&RawOptions {
                label: Some("  ".into()),
                ..with_url()
            })
            .unwrap()
            .settings
            .label,
            None,
            "a blank label is the default one"
        );
        assert_eq!(
            check_options(&RawOptions {
                credentials: Some("include".into()),
                ..with_url()
            })
            .unwrap()
            .auth,
            AuthChoice::Session
        );
        assert_eq!(
            check_options(&RawOptions {
                has_get_token: true,
                ..with_url()
            })
            .unwrap()
            .auth,
            AuthChoice::Getter
        );
        assert!(check_options(&RawOptions {
            api_url: Some("/api".into()),
            ..Default::default()
        })
        .is_ok());
        assert!(is_usable_api_url("http://[::1]:8000"));
    }
}
