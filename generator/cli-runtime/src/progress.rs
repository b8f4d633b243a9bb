//! The progress bar of `--all` on standard error: shown only on a terminal, and only once the
//! walk has taken a moment, so a quick walk never flickers a bar.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use verycloud::Page;

/// How long a walk runs before its bar appears.
pub const REVEAL_AFTER: Duration = Duration::from_millis(500);

/// How often a shown bar redraws (its spinner and elapsed time) while a page is on its way.
const TICK: Duration = Duration::from_millis(120);

/// The progress of one walk over the pages of a list.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    reveal: Option<tokio::task::JoinHandle<()>>,
    items: AtomicU64,
}

impl Progress {
    /// No progress shown (standard error is not a terminal, or nothing is walked).
    pub fn off() -> Progress {
        Progress {
            bar: None,
            reveal: None,
            items: AtomicU64::new(0),
        }
    }

    /// A bar for a walk, shown on standard error after [`REVEAL_AFTER`] when `terminal` says
    /// standard error is a terminal; [`Progress::off`] otherwise. Must be called inside the
    /// tokio runtime, which times the reveal.
    pub fn start(terminal: bool) -> Progress {
        if !terminal {
            return Progress::off();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(waiting_style());
        bar.set_message("fetching the first page");
        let revealed = bar.clone();
        let reveal = tokio::spawn(async move {
            tokio::time::sleep(REVEAL_AFTER).await;
            if !revealed.is_finished() {
                revealed.set_draw_target(ProgressDrawTarget::stderr());
                revealed.enable_steady_tick(TICK);
            }
        });
        Progress {
            bar: Some(bar),
            reveal: Some(reveal),
            items: AtomicU64::new(0),
        }
    }

    /// Whether a bar is kept (it may not be shown yet).
    pub fn is_on(&self) -> bool {
        self.bar.is_some()
    }

    /// Page `number` arrived.
    pub fn page<T>(&self, number: i64, page: &Page<T>) {
        let items = u64::try_from(page.items.len()).unwrap_or(u64::MAX);
        let items = self
            .items
            .fetch_add(items, Ordering::Relaxed)
            .saturating_add(items);
        let Some(bar) = &self.bar else {
            return;
        };
        if bar.length().is_none()
            && let Some(pages) = page.total_pages.and_then(|pages| u64::try_from(pages).ok())
        {
            bar.set_length(pages);
            bar.set_style(bar_style());
        }
        let number = u64::try_from(number).unwrap_or(0);
        bar.set_position(bar.length().map_or(number, |pages| number.min(pages)));
        bar.set_message(match items {
            1 => "1 item".to_owned(),
            n => format!("{n} items"),
        });
    }

    /// The number of items the pages so far held.
    pub fn items(&self) -> u64 {
        self.items.load(Ordering::Relaxed)
    }

    /// The walk is over: the bar goes, leaving the terminal as it was.
    pub fn finish(&self) {
        if let Some(reveal) = &self.reveal {
            reveal.abort();
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// What the bar shows now (`page 2 of 3 · 60 items`), for tests.
    pub fn shown(&self) -> Option<String> {
        let bar = self.bar.as_ref()?;
        Some(match bar.length() {
            Some(pages) => format!("page {} of {pages} · {}", bar.position(), bar.message()),
            None => bar.message(),
        })
    }
}

/// Before the first page: a spinner and the time so far.
fn waiting_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// Once the number of pages is known: a bar of pages.
fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} [{bar:30}] page {pos} of {len} · {msg} · {elapsed}")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    fn page(items: usize, total_pages: Option<i64>) -> Page<u8> {
        Page {
            items: vec![0; items],
            total: None,
            total_pages,
            page: None,
            limit: None,
        }
    }

    #[tokio::test]
    async fn off_the_terminal_there_is_no_bar_but_items_are_counted() {
        let progress = Progress::start(false);
        assert!(!progress.is_on());
        progress.page(1, &page(30, Some(3)));
        assert_eq!(progress.items(), 30);
        assert_eq!(progress.shown(), None);
        progress.finish();
    }

    #[tokio::test]
    async fn on_a_terminal_the_bar_counts_pages_and_items() {
        let progress = Progress::start(true);
        assert!(progress.is_on());
        assert_eq!(progress.shown().as_deref(), Some("fetching the first page"));
        progress.page(1, &page(30, Some(3)));
        assert_eq!(progress.shown().as_deref(), Some("page 1 of 3 · 30 items"));
        progress.page(2, &page(1, Some(99)));
        assert_eq!(progress.shown().as_deref(), Some("page 2 of 3 · 31 items"));
        progress.finish();
    }

    #[tokio::test]
    async fn a_list_of_unknown_length_counts_items() {
        let progress = Progress::start(true);
        progress.page(1, &page(1, None));
        assert_eq!(progress.shown().as_deref(), Some("1 item"));
        progress.finish();
    }
}
