//! How the client proves who the user is.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// The future a [`TokenGetter`] returns: the current token, or `None` to send no credentials.
pub type TokenFuture = Pin<Box<dyn Future<Output = Option<String>>>>;

/// An async callback asked before every request, for portals that refresh their tokens.
#[derive(Clone)]
pub struct TokenGetter(Rc<dyn Fn() -> TokenFuture>);

impl TokenGetter {
    /// Wraps an async function returning the current token (`"Token <key>"`, or a bare Bearer token).
    pub fn new<F, Fut>(f: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Option<String>> + 'static,
    {
        TokenGetter(Rc::new(move || Box::pin(f()) as TokenFuture))
    }

    /// Asks for the current token.
    pub fn get(&self) -> TokenFuture {
        (self.0)()
    }
}

/// Credentials sent with every request. Tokens go only in the `Authorization` header, never in a URL or log.
#[derive(Clone, Default)]
pub enum Auth {
    /// No credentials (public or cookie-less access).
    #[default]
    None,
    /// A Waldur API token: `Authorization: Token <key>`.
    Token(String),
    /// An OIDC access token or personal access token: `Authorization: Bearer <token>`.
    Bearer(String),
    /// The portal's `sessionid` cookie (`credentials: include`).
    Session,
    /// A token fetched before each request; Bearer unless it starts with `Token `.
    Getter(TokenGetter),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print a token.
        f.write_str(match self {
            Auth::None => "Auth::None",
            Auth::Token(_) => "Auth::Token(<redacted>)",
            Auth::Bearer(_) => "Auth::Bearer(<redacted>)",
            Auth::Session => "Auth::Session",
            Auth::Getter(_) => "Auth::Getter(..)",
        })
    }
}

impl Auth {
    /// The `Authorization` header value, asking the getter if there is one.
    pub async fn header(&self) -> Option<String> {
        match self {
            Auth::None | Auth::Session => None,
            Auth::Token(key) => with_scheme(key, "Token"),
            Auth::Bearer(token) => with_scheme(token, "Bearer"),
            Auth::Getter(getter) => getter.get().await.and_then(|t| with_scheme(&t, "Bearer")),
        }
    }

    /// Whether cookies go with the request (only for [`Auth::Session`]).
    pub fn sends_cookies(&self) -> bool {
        matches!(self, Auth::Session)
    }
}

/// Prefixes `default_scheme` unless the value already names its scheme; empty means no header.
pub fn with_scheme(raw: &str, default_scheme: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let has_scheme = ["Token ", "Bearer "]
        .iter()
        .any(|s| raw.len() > s.len() && raw[..s.len()].eq_ignore_ascii_case(s));
    if has_scheme {
        Some(raw.to_owned())
    } else {
        Some(format!("{default_scheme} {raw}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_is_added_once() {
        assert_eq!(with_scheme("abc", "Token").as_deref(), Some("Token abc"));
        assert_eq!(
            with_scheme("Token abc", "Bearer").as_deref(),
            Some("Token abc")
        );
        assert_eq!(
            with_scheme("w_1_x", "Bearer").as_deref(),
            Some("Bearer w_1_x")
        );
        assert_eq!(
            with_scheme("Bearer eyJ", "Bearer").as_deref(),
            Some("Bearer eyJ")
        );
        assert_eq!(with_scheme("  ", "Bearer"), None);
    }

    #[test]
    fn debug_never_shows_the_token() {
        let shown = format!(
            "{:?} {:?}",
            Auth::Token("secret".into()),
            Auth::Bearer("secret".into())
        );
        assert!(!shown.contains("secret"));
    }
}
