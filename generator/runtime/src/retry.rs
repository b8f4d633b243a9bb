//! When and how long to wait before trying a call again.

use std::time::{Duration, SystemTime};

/// How the client retries failed calls.
///
/// Only operations that change nothing (the spec's `read_only`) are retried, and only after
/// errors a second try may fix: transport errors, timeouts, HTTP 429 and 5xx
/// ([`Error::is_retryable`](crate::Error::is_retryable)). Writes, API errors and other 4xx
/// replies are returned at once, since repeating them could apply a change twice or cannot
/// succeed.
///
/// The wait before retry `k` (0-based) is drawn uniformly from
/// `0..=min(max_backoff, initial_backoff * 2^k)` ("full jitter"), so clients that failed
/// together do not retry together.
///
/// When the failed reply carries `Retry-After` (seconds or an HTTP date), the client waits
/// exactly that long instead, if that is at most `max_backoff`; if the server asks for longer,
/// the client does not retry at all and returns the error, whose
/// [`Error::retry_after`](crate::Error::retry_after) says how long the server asked for. It
/// never tries again sooner than the server asked, and never waits longer than the policy
/// allows. See [`delay`](Self::delay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; `0` disables retrying.
    pub max_retries: u32,
    /// The ceiling of the first wait.
    pub initial_backoff: Duration,
    /// No wait is longer than this.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// Two retries, waits capped at 100 ms then 200 ms, never above 2 s.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The longest wait before retry `retry` (0-based): `initial_backoff * 2^retry`, capped
    /// at `max_backoff`.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
        self.initial_backoff
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_backoff)
    }

    /// A random wait before retry `retry` (0-based), between zero and
    /// [`backoff_ceiling`](Self::backoff_ceiling).
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self.backoff_ceiling(retry);
        let ceiling_nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=ceiling_nanos))
    }
}

impl RetryPolicy {
    /// The wait before retry `retry` (0-based) after a failure whose reply asked for
    /// `retry_after`, or `None` when the client should not retry: the server's delay when it
    /// gave one no longer than `max_backoff`, `None` when it gave a longer one, and a jittered
    /// [`backoff`](Self::backoff) when it gave none.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        match retry_after {
            Some(asked) if asked > self.max_backoff => None,
            Some(asked) => Some(asked),
            None => Some(self.backoff(retry)),
        }
    }
}

/// The delay a `Retry-After` header value asks for, read at `now`: a number of seconds, or an
/// HTTP date (a date in the past is no delay). `None` for anything else.
pub(crate) fn retry_after(value: &[u8], now: SystemTime) -> Option<Duration> {
    let text = std::str::from_utf8(value).ok()?.trim();
    if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
        // More seconds than a u64 holds is "a very long time", which no policy waits.
        return Some(Duration::from_secs(text.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(text).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_two_retries_from_100ms_capped_at_2s() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.max_retries, 2);
        assert_eq!(policy.backoff_ceiling(0), Duration::from_millis(100));
        assert_eq!(policy.backoff_ceiling(1), Duration::from_millis(200));
        assert_eq!(policy.backoff_ceiling(4), Duration::from_millis(1600));
        assert_eq!(policy.backoff_ceiling(5), Duration::from_secs(2));
        assert_eq!(policy.backoff_ceiling(40), Duration::from_secs(2));
        assert_eq!(policy.backoff_ceiling(u32::MAX), Duration::from_secs(2));
    }

    #[test]
    fn none_never_retries() {
        assert_eq!(RetryPolicy::none().max_retries, 0);
    }

    #[test]
    fn backoff_stays_within_its_ceiling() {
        let policy = RetryPolicy::default();
        for retry in 0..8 {
            let ceiling = policy.backoff_ceiling(retry);
            for _ in 0..200 {
                assert!(policy.backoff(retry) <= ceiling);
            }
        }
    }

    #[test]
    fn backoff_is_jittered() {
        let policy = RetryPolicy::default();
        let waits: std::collections::BTreeSet<Duration> =
            (0..50).map(|_| policy.backoff(3)).collect();
        assert!(waits.len() > 1, "50 draws gave one value: {waits:?}");
    }

    #[test]
    fn huge_settings_do_not_overflow() {
        let policy = RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
        };
        assert_eq!(policy.backoff_ceiling(10), Duration::MAX);
        assert!(policy.backoff(10) <= Duration::MAX);
    }

    #[test]
    fn retry_after_honoured_up_to_the_policys_ceiling() {
        let policy = RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
        };
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(3))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(5))),
            Some(Duration::from_secs(5))
        );
        assert_eq!(policy.delay(0, Some(Duration::from_secs(6))), None);
        assert_eq!(policy.delay(0, Some(Duration::ZERO)), Some(Duration::ZERO));
        let jittered = policy.delay(1, None).unwrap_or(Duration::MAX);
        assert!(jittered <= policy.backoff_ceiling(1), "{jittered:?}");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(retry_after(b"3", now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(b" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(b"0", now), Some(Duration::ZERO));
        assert_eq!(
            retry_after(b"99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        // 1445412480 is Wed, 21 Oct 2015 07:28:00 GMT.
        assert_eq!(
            retry_after(b"Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after(b"Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        for bad in [&b""[..], b"-1", b"1.5", b"soon", b"\xff"] {
            assert_eq!(retry_after(bad, now), None, "{bad:?}");
        }
    }
}
