//! What the client tells `tracing`: a span per call and per attempt, and events for retries,
//! re-logins and give-ups. With the `tracing` feature off (it is on by default) every item
//! here compiles to nothing, so the rest of the runtime calls it without `cfg`.
//!
//! | what | kind, level | fields |
//! | --- | --- | --- |
//! | one call of an endpoint, retries included | span `call`, INFO | `operation`, `path`; at the end `attempts`, `status`, `code`, `duration_ms` |
//! | one HTTP exchange of a call | span `attempt`, DEBUG | `attempt` (from 1); at the end `status`, `code`, `duration_ms` |
//! | an attempt ended | event, DEBUG | `status`, `code`, `duration_ms`, `error` if it failed |
//! | a retry is due | event, INFO | `attempt` (the one that failed), `wait_ms`, `error` |
//! | the client stops retrying a retryable failure | event, WARN | `attempts`, `error`, `reason` |
//! | the call ended | event, DEBUG | `attempts`, `duration_ms`, `error` if it failed |
//! | the token is due and the client logs in again | event, INFO | `operation` (the call that needs it) |
//! | logging in again failed | event, WARN | `operation`, `error` |
//!
//! `status` is the HTTP status, `code` the envelope's `code`. Nothing here ever records a
//! request or reply body, a header, a token, a user name or a password; `error` is the
//! error's `Display`, from which the client has already removed every secret it knows.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::Error;

/// Milliseconds, for a field.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The span of one call: every attempt, its retries and the waits between them.
pub(crate) struct Call {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    started: Instant,
}

/// The span of one attempt of a call.
pub(crate) struct Attempt {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    started: Instant,
}

impl Call {
    /// Opens the span of a call of `operation` at `path`.
    pub(crate) fn start(operation: &'static str, path: &'static str) -> Call {
        #[cfg(not(feature = "tracing"))]
        let _ = (operation, path);
        Call {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                "call",
                operation,
                path,
                attempts = tracing::field::Empty,
                status = tracing::field::Empty,
                code = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            ),
            started: Instant::now(),
        }
    }

    /// Runs `future` inside the call's span.
    pub(crate) fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        #[cfg(feature = "tracing")]
        {
            tracing::Instrument::instrument(future, self.span.clone())
        }
        #[cfg(not(feature = "tracing"))]
        {
            future
        }
    }

    /// Opens the span of attempt `number` (from 1), inside the call's.
    pub(crate) fn attempt(&self, number: u32) -> Attempt {
        #[cfg(not(feature = "tracing"))]
        let _ = number;
        Attempt {
            #[cfg(feature = "tracing")]
            span: tracing::debug_span!(
                parent: &self.span,
                "attempt",
                attempt = number,
                status = tracing::field::Empty,
                code = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            ),
            started: Instant::now(),
        }
    }

    /// A retry of the failed attempt `attempt` is due after `wait`.
    pub(crate) fn retrying(&self, attempt: u32, wait: Duration, error: &Error) {
        #[cfg(feature = "tracing")]
        self.span.in_scope(|| {
            tracing::info!(
                attempt,
                wait_ms = millis(wait),
                error = %error,
                "retrying after a failed attempt"
            );
        });
        #[cfg(not(feature = "tracing"))]
        let _ = (attempt, wait, error);
    }

    /// The client stops retrying a failure that a retry might have fixed, for `reason`.
    pub(crate) fn giving_up(&self, attempts: u32, error: &Error, reason: &'static str) {
        #[cfg(feature = "tracing")]
        self.span.in_scope(|| {
            tracing::warn!(attempts, error = %error, reason, "giving up");
        });
        #[cfg(not(feature = "tracing"))]
        let _ = (attempts, error, reason);
    }

    /// The call ended after `attempts` attempts with `outcome`; the status and code are the
    /// last attempt's.
    pub(crate) fn finish<T>(
        &self,
        attempts: u32,
        status: Option<u16>,
        code: Option<i64>,
        outcome: &Result<T, Error>,
    ) {
        let duration_ms = millis(self.started.elapsed());
        #[cfg(feature = "tracing")]
        {
            self.span.record("attempts", attempts);
            if let Some(status) = status {
                self.span.record("status", status);
            }
            if let Some(code) = code {
                self.span.record("code", code);
            }
            self.span.record("duration_ms", duration_ms);
            self.span.in_scope(|| match outcome {
                Ok(_) => tracing::debug!(attempts, duration_ms, "call succeeded"),
                Err(error) => tracing::debug!(attempts, duration_ms, error = %error, "call failed"),
            });
        }
        #[cfg(not(feature = "tracing"))]
        let _ = (attempts, status, code, outcome, duration_ms);
    }
}

impl Attempt {
    /// Runs `future` inside the attempt's span.
    pub(crate) fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        #[cfg(feature = "tracing")]
        {
            tracing::Instrument::instrument(future, self.span.clone())
        }
        #[cfg(not(feature = "tracing"))]
        {
            future
        }
    }

    /// The attempt ended: the HTTP status if a reply came, the envelope code if it was read.
    pub(crate) fn finish<T>(
        &self,
        status: Option<u16>,
        code: Option<i64>,
        outcome: &Result<T, Error>,
    ) {
        let duration_ms = millis(self.started.elapsed());
        #[cfg(feature = "tracing")]
        {
            if let Some(status) = status {
                self.span.record("status", status);
            }
            if let Some(code) = code {
                self.span.record("code", code);
            }
            self.span.record("duration_ms", duration_ms);
            self.span.in_scope(|| match outcome {
                Ok(_) => tracing::debug!(status, code, duration_ms, "attempt succeeded"),
                Err(error) => {
                    tracing::debug!(status, code, duration_ms, error = %error, "attempt failed")
                }
            });
        }
        #[cfg(not(feature = "tracing"))]
        let _ = (status, code, outcome, duration_ms);
    }
}

/// The token `operation` needs is due (or missing) and the client logs in again first.
pub(crate) fn logging_in_again(operation: &'static str) {
    #[cfg(feature = "tracing")]
    tracing::info!(
        operation,
        "the access token is due for renewal: logging in again"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = operation;
}

/// Logging in again for `operation` failed with `error`.
pub(crate) fn login_again_failed(operation: &'static str, error: &Error) {
    #[cfg(feature = "tracing")]
    tracing::warn!(operation, error = %error, "logging in again failed");
    #[cfg(not(feature = "tracing"))]
    let _ = (operation, error);
}
