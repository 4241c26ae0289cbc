//! Keeping credentials out of what the widget writes where others read it (the console).

/// What stands in for a secret.
const REDACTED: &str = "[redacted]";

/// Shortest credential after `Token ` or `Bearer ` taken out by its shape (Waldur tokens have
/// 40 hex digits, access tokens more); shorter words ("Token expired") stay readable.
const MIN_SECRET_LEN: usize = 8;

/// `message` with each of `secrets` taken out, and any credential written the way an
/// `Authorization` header writes it (`Token …`, `Bearer …`, any case).
pub fn redact_secrets(message: &str, secrets: &[&str]) -> String {
    let mut text = message.to_string();
    for secret in secrets {
        let secret = secret.trim();
        if !secret.is_empty() {
            text = text.replace(secret, REDACTED);
        }
    }
    redact_schemes(&text)
}

/// Replaces the word after each `token` / `bearer` scheme name.
fn redact_schemes(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while at < text.len() {
        let scheme = ["token ", "bearer "]
            .into_iter()
            .find(|s| lower[at..].starts_with(s));
        let starts_word = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        let Some(scheme) = scheme.filter(|_| starts_word) else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let value_start = at + scheme.len();
        let value_len = text[value_start..]
            .find(|c: char| !is_credential_char(c))
            .unwrap_or(text.len() - value_start);
        if value_len >= MIN_SECRET_LEN {
            out.push_str(&text[copied..value_start]);
            out.push_str(REDACTED);
            copied = value_start + value_len;
        }
        // Past the scheme name at least, on a character boundary.
        at = value_start + value_len;
    }
    out.push_str(&text[copied..]);
    out
}

/// Characters of tokens: base64url, JWT dots, hex, dashes.
fn is_credential_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '+' | '/' | '=')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_secrets_and_authorization_values_are_taken_out() {
        let cases: [(&str, &[&str], &str); 8] = [
            (
                "request failed: key 0123456789abcdef was refused",
                &["0123456789abcdef"],
                "request failed: key [redacted] was refused",
            ),
            (
                "sending Authorization: Token demo-staff-token",
                &[],
                "sending Authorization: Token [redacted]",
            ),
            (
                "header bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl, then more",
                &[],
                "header bearer [redacted], then more",
            ),
            ("BEARER abcdefghij", &[], "BEARER [redacted]"),
            ("Token expired", &[], "Token expired"),
            ("the token is invalid", &[], "the token is invalid"),
            (
                "mytoken abcdefghijkl stays",
                &[],
                "mytoken abcdefghijkl stays",
            ),
            (
                "index out of bounds: the len is 3 but the index is 7",
                &["", "  "],
                "index out of bounds: the len is 3 but the index is 7",
            ),
        ];
        for (message, secrets, expected) in cases {
            assert_eq!(redact_secrets(message, secrets), expected, "{message}");
        }
    }

    #[test]
    fn text_around_secrets_survives_in_any_script() {
        assert_eq!(
            redact_secrets("Größe: Token ÄÖÜ-kein-Geheimnis · ok", &[]),
            "Größe: Token ÄÖÜ-kein-Geheimnis · ok"
        );
        assert_eq!(
            redact_secrets("at end: Token abcdefgh", &[]),
            "at end: Token [redacted]"
        );
        assert_eq!(redact_secrets("Token ", &[]), "Token ");
    }
}
