//! Passwords for new accounts: generated from the operating system's random source
//! (`getrandom`), and hashed the way RabbitMQ stores them, so that only the hash is
//! sent to the management API.

use rabbitmq_http_client::password_hashing;

/// URL-safe characters (those of base64url): 64 of them, so one random byte masked to
/// its low six bits picks one with no bias.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Characters of a generated password: 22 × 6 = 132 random bits.
pub const GENERATED_LEN: usize = 22;
// Six random bits per character: at least 128 in all.
const _: () = assert!((GENERATED_LEN - 1) * 6 + 5 >= 128);

/// The hashing algorithm named with every hash sent (RabbitMQ's default one), so that a
/// node configured with another default still checks these passwords correctly.
pub(crate) const HASHING_ALGORITHM: &str = "rabbit_password_hashing_sha256";

/// Why no password could be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot generate a password: the operating system's random source failed ({0})")]
pub struct RandomSourceError(String);

/// A new password of [`GENERATED_LEN`] URL-safe characters, at least 128 bits from the
/// operating system's cryptographically secure random source. It starts with a letter
/// or digit: one starting with `-` would read as an option on a command line
/// (`--api-password -V…`).
pub fn generate_password() -> Result<String, RandomSourceError> {
    let mut bytes = [0u8; GENERATED_LEN];
    let fill =
        |bytes: &mut [u8]| getrandom::fill(bytes).map_err(|e| RandomSourceError(e.to_string()));
    fill(&mut bytes)?;
    // The first character is drawn again until it is one of the 62 letters and digits
    // (rejection keeps it uniform): 21 x 6 + 5.95 bits, more than 128.
    while usize::from(bytes[0] & 0x3f) >= 62 {
        fill(&mut bytes[..1])?;
    }
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 0x3f)]))
        .collect())
}

/// The salted SHA-256 hash of `password`, base64-encoded, as the management API takes it
/// (`password_hash` with [`HASHING_ALGORITHM`]).
pub(crate) fn password_hash(password: &str) -> String {
    let salt = password_hashing::salt();
    password_hashing::base64_encoded_salted_password_hash_sha256(&salt, password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_long_url_safe_and_different() {
        let first = generate_password().expect("a password");
        let second = generate_password().expect("a password");
        assert_eq!(first.len(), GENERATED_LEN);
        assert!(
            first
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'),
            "{first}"
        );
        assert_ne!(first, second);
    }

    #[test]
    fn a_generated_password_never_starts_like_an_option() {
        // 2,000 draws: a leading `-` or `_` would turn up about 62 times without the rule.
        for _ in 0..2_000 {
            let password = generate_password().expect("a password");
            assert!(password.as_bytes()[0].is_ascii_alphanumeric(), "{password}");
        }
    }

    #[test]
    fn every_character_of_the_alphabet_turns_up() {
        // 64 characters, 2,200 draws: each is missed with probability (63/64)^2200 ≈ 1e-15.
        let mut seen = std::collections::HashSet::new();
        for _ in 0..100 {
            seen.extend(generate_password().expect("a password").bytes());
        }
        assert_eq!(seen.len(), 64);
    }

    #[test]
    fn a_hash_is_salted_and_never_the_password() {
        let one = password_hash("s3cret");
        let two = password_hash("s3cret");
        assert_ne!(one, two, "a fresh salt each time");
        assert!(!one.contains("s3cret"));
        // 4 bytes of salt + 32 of SHA-256, base64: 48 characters.
        assert_eq!(one.len(), 48, "{one}");
    }
}
