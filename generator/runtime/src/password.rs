//! The password encoding the login endpoint expects.
//!
//! The documentation only says to ask VeryCloud for it; it is `EncryptUtil.encrypt` of
//! VeryCloud's official Java SDK with the key `verycloud#cryptpass`. The output is a shifted
//! Base64 of the password followed by one character naming the shift table used (the "lock").

use base64::Engine as _;
use md5::{Digest as _, Md5};

/// The 66-character alphabet both sides index into. It has every Base64 character except `+`.
const LOCK_TABLE: &[u8; 66] = b"st=lDEFABCNOPyzghi_jQRST-UwxkVWXYZabcdefIJK6/7nopqr89LMmGH012345uv";

/// The SDK's fixed key.
const KEY: &[u8] = b"verycloud#cryptpass";

/// The largest lock index the SDK picks (its random index is drawn from `0..=64`).
pub const MAX_LOCK_INDEX: usize = 64;

/// Encodes `password` for the login endpoint with a random lock index, as the Java SDK does.
///
/// [`Client::login`](crate::Client::login) calls this; use it directly only to pass the result
/// to [`Client::login_encoded`](crate::Client::login_encoded) later.
pub fn encrypt(password: &str) -> String {
    let lock = fastrand::usize(0..=MAX_LOCK_INDEX);
    // `lock` is in range, so the fallback is never taken; it only keeps this free of panics.
    encrypt_with_lock(password, lock).unwrap_or_default()
}

/// Encodes `password` with the given lock index `n` (the SDK draws it at random from
/// `0..=64`). The same password and index always give the same output, which is what makes
/// this testable; the server accepts any index.
///
/// Returns `None` when `n` is not an index of the 66-character lock table (`n > 65`).
pub fn encrypt_with_lock(password: &str, n: usize) -> Option<String> {
    let lock_char = *LOCK_TABLE.get(n)?;
    let shift_key = md5_hex(KEY, lock_char);
    let encoded = base64::engine::general_purpose::STANDARD.encode(password.as_bytes());

    let table_len = LOCK_TABLE.len() as i64;
    let mut out = String::with_capacity(encoded.len() + 1);
    for (position, character) in encoded.bytes().enumerate() {
        // The SDK's indexOf gives -1 for `+`, which the table lacks; the arithmetic keeps that.
        let index = LOCK_TABLE
            .iter()
            .position(|&entry| entry == character)
            .map_or(-1, |index| index as i64);
        let key_byte = i64::from(*shift_key.get(position % shift_key.len())?);
        let shifted = (index + n as i64 + key_byte).rem_euclid(table_len);
        out.push(char::from(*LOCK_TABLE.get(usize::try_from(shifted).ok()?)?));
    }
    out.push(char::from(lock_char));
    Some(out)
}

/// Lowercase hex MD5 of `key` followed by `last`, as ASCII bytes.
fn md5_hex(key: &[u8], last: u8) -> [u8; 32] {
    fn hex_digit(nibble: u8) -> u8 {
        if nibble < 10 {
            b'0' + nibble
        } else {
            b'a' + (nibble - 10)
        }
    }
    let mut hasher = Md5::new();
    hasher.update(key);
    hasher.update([last]);
    let digest = hasher.finalize();
    let mut hex = [0u8; 32];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(digest.iter()) {
        if let [high, low] = pair {
            *high = hex_digit(byte >> 4);
            *low = hex_digit(byte & 0x0f);
        }
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_table_is_66_distinct_characters_without_plus() {
        assert_eq!(LOCK_TABLE.len(), 66);
        let mut seen = std::collections::BTreeSet::new();
        assert!(LOCK_TABLE.iter().all(|c| seen.insert(*c)));
        assert!(!LOCK_TABLE.contains(&b'+'));
    }

    #[test]
    fn known_answers() {
        assert_eq!(
            encrypt_with_lock("S3cret-pass!", 7).as_deref(),
            Some("SB8iW8x9wFF1WMoEA")
        );
        assert_eq!(
            encrypt_with_lock("12345678", 0).as_deref(),
            Some("6MB=5IgV7DqLs")
        );
    }

    #[test]
    fn output_ends_with_the_lock_character() {
        for n in 0..=65 {
            let encoded = encrypt_with_lock("pässwörd", n).unwrap_or_default();
            assert_eq!(encoded.as_bytes().last(), LOCK_TABLE.get(n));
        }
    }

    #[test]
    fn plus_in_base64_is_encoded_without_panicking() {
        // ">>>" encodes to "Pj4+", so the table lookup of `+` takes the -1 path.
        let encoded = encrypt_with_lock(">>>", 3).unwrap_or_default();
        assert_eq!(encoded.len(), 5);
        assert!(encoded.bytes().all(|c| LOCK_TABLE.contains(&c)));
    }

    #[test]
    fn out_of_range_lock_is_rejected() {
        assert_eq!(encrypt_with_lock("x", 66), None);
        assert!(encrypt_with_lock("x", 65).is_some());
    }

    #[test]
    fn random_lock_output_is_one_of_the_lock_variants() {
        let encoded = encrypt("S3cret-pass!");
        let candidates: Vec<String> = (0..=MAX_LOCK_INDEX)
            .filter_map(|n| encrypt_with_lock("S3cret-pass!", n))
            .collect();
        assert!(candidates.contains(&encoded));
    }

    #[test]
    fn md5_hex_matches_a_known_digest() {
        // md5("abc") = 900150983cd24fb0d6963f7d28e17f72
        let hex = md5_hex(b"ab", b'c');
        assert_eq!(&hex, b"900150983cd24fb0d6963f7d28e17f72");
    }
}
