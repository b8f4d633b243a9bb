//! Paged lists: one page, and a stream of the items of every page.

use std::future::Future;

use futures_core::Stream;

use crate::error::Error;

/// One page of a list.
///
/// The paging members are optional because the documented replies differ: all carry
/// `total` and `totalpage` (sometimes as strings), only some echo `page` and `limit`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// The number of items on all pages (`total`).
    pub total: Option<i64>,
    /// The number of pages (`totalpage`).
    pub total_pages: Option<i64>,
    /// This page's number, from 1, when the reply says (`page`).
    pub page: Option<i64>,
    /// The page size, when the reply says (`limit`).
    pub limit: Option<i64>,
}

impl<T> Page<T> {
    /// The items of every page from `first_page` on, each page fetched by `fetch` as the
    /// stream reaches it: the walk every generated `*_stream` method makes, for a caller that
    /// fetches the pages itself, to see each page as it arrives (a progress bar, say).
    ///
    /// The stream ends as those methods' streams end: after the last page (the first page's
    /// `totalpage`), on an empty page, when the server reports a page number it reported
    /// before, and after the first error, which it yields. It is `Unpin`.
    ///
    /// ```
    /// use futures_util::StreamExt as _; // futures-util = "0.3": `next()` on streams
    /// use verycloud::Page;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), verycloud::Error> {
    /// // Three pages of two items, as a list call returns them (here made up on the spot).
    /// let fetch = |number: i64| async move {
    ///     eprintln!("fetching page {number}");
    ///     Ok(Page {
    ///         items: vec![number * 10, number * 10 + 1],
    ///         total: Some(6),
    ///         total_pages: Some(3),
    ///         page: Some(number),
    ///         limit: Some(2),
    ///     })
    /// };
    /// let mut items = Page::walk(1, fetch);
    /// let mut seen = Vec::new();
    /// while let Some(item) = items.next().await {
    ///     seen.push(item?);
    /// }
    /// assert_eq!(seen, [10, 11, 20, 21, 30, 31]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn walk<F, Fut>(first_page: i64, fetch: F) -> impl Stream<Item = Result<T, Error>> + Unpin
    where
        F: FnMut(i64) -> Fut,
        Fut: Future<Output = Result<Page<T>, Error>>,
    {
        stream(first_page, fetch)
    }
}

/// The number of the last page, judged from the first page fetched (`first_page`).
///
/// `totalpage` when the reply has it; else `total` divided by the page size; else the first
/// page is taken to be the only one, since nothing else bounds the walk.
fn last_page<T>(page: &Page<T>, first_page: i64) -> i64 {
    if let Some(total_pages) = page.total_pages {
        return total_pages;
    }
    let page_size = page
        .limit
        .filter(|limit| *limit > 0)
        .or_else(|| i64::try_from(page.items.len()).ok())
        .filter(|size| *size > 0);
    match (page.total, page_size) {
        (Some(total), Some(size)) => {
            total.div_euclid(size) + i64::from(total.rem_euclid(size) != 0)
        }
        _ => first_page,
    }
}

struct Walk<T, F> {
    fetch: F,
    next_page: Option<i64>,
    last_page: Option<i64>,
    previous_reported: Option<i64>,
    buffered: std::vec::IntoIter<T>,
}

/// The items of every page from `first_page` on, fetched one page at a time by `fetch`.
///
/// Stops after the last page (the first page's `totalpage`, fixed then so a server that keeps
/// raising it cannot prolong the walk), on an empty page, when the server reports a page
/// number it already reported (it ignored the page asked for), and after the first error,
/// which it yields. It therefore always ends.
///
/// The stream is `Unpin` (its state is boxed), so callers can use `StreamExt::next` on it
/// without pinning it first.
pub(crate) fn stream<T, F, Fut>(
    first_page: i64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + Unpin
where
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error>>,
{
    let walk = Walk {
        fetch,
        next_page: Some(first_page),
        last_page: None,
        previous_reported: None,
        buffered: Vec::new().into_iter(),
    };
    Box::pin(futures_util::stream::unfold(walk, |mut walk| async move {
        loop {
            if let Some(item) = walk.buffered.next() {
                return Some((Ok(item), walk));
            }
            let requested = walk.next_page.take()?;
            let page = match (walk.fetch)(requested).await {
                Ok(page) => page,
                Err(error) => return Some((Err(error), walk)),
            };
            let reported = page.page.unwrap_or(requested);
            if walk
                .previous_reported
                .is_some_and(|previous| reported <= previous)
            {
                return None;
            }
            walk.previous_reported = Some(reported);
            if page.items.is_empty() {
                return None;
            }
            let last = *walk
                .last_page
                .get_or_insert_with(|| last_page(&page, requested));
            if requested < last && reported < last {
                walk.next_page = requested.checked_add(1);
            }
            walk.buffered = page.items.into_iter();
        }
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use futures_util::StreamExt as _;
    use std::cell::RefCell;

    fn page(items: Vec<i64>, total_pages: Option<i64>, page: Option<i64>) -> Page<i64> {
        Page {
            items,
            total: None,
            total_pages,
            page,
            limit: None,
        }
    }

    /// Runs the stream over `pages` (index = requested page number − 1) and returns the
    /// items it yielded and the page numbers it asked for.
    async fn walk(
        first_page: i64,
        pages: impl Fn(i64) -> Result<Page<i64>, Error>,
    ) -> (Vec<Result<i64, Error>>, Vec<i64>) {
        let requested = RefCell::new(Vec::new());
        let items = stream(first_page, |number| {
            requested.borrow_mut().push(number);
            std::future::ready(pages(number))
        })
        .collect::<Vec<_>>()
        .await;
        (items, requested.into_inner())
    }

    fn values(items: Vec<Result<i64, Error>>) -> Vec<i64> {
        items.into_iter().map(|item| item.unwrap()).collect()
    }

    #[tokio::test]
    async fn stops_after_the_last_page() {
        let (items, requested) =
            walk(1, |n| Ok(page(vec![n * 10, n * 10 + 1], Some(3), Some(n)))).await;
        assert_eq!(values(items), vec![10, 11, 20, 21, 30, 31]);
        assert_eq!(requested, vec![1, 2, 3]);
    }

    #[tokio::test]
    async fn stops_on_an_empty_page() {
        let (items, requested) = walk(1, |n| {
            let items = if n < 3 { vec![n] } else { Vec::new() };
            Ok(page(items, Some(10), Some(n)))
        })
        .await;
        assert_eq!(values(items), vec![1, 2]);
        assert_eq!(requested, vec![1, 2, 3]);
    }

    #[tokio::test]
    async fn stops_when_the_server_repeats_a_page_number() {
        // The server ignores `page` and always answers with page 1 of 5.
        let (items, requested) = walk(1, |_| Ok(page(vec![7, 8], Some(5), Some(1)))).await;
        assert_eq!(values(items), vec![7, 8]);
        assert_eq!(requested, vec![1, 2]);
    }

    #[tokio::test]
    async fn is_bounded_by_the_first_pages_total_even_if_it_grows() {
        let (items, requested) = walk(1, |n| Ok(page(vec![n], Some(n + 1), None))).await;
        assert_eq!(values(items), vec![1, 2]);
        assert_eq!(requested, vec![1, 2]);
    }

    #[tokio::test]
    async fn derives_the_last_page_from_total_or_stops_after_one() {
        let (items, _) = walk(1, |n| {
            Ok(Page {
                items: vec![n; 2],
                total: Some(5),
                total_pages: None,
                page: None,
                limit: None,
            })
        })
        .await;
        // 5 items, 2 a page: 3 pages.
        assert_eq!(values(items), vec![1, 1, 2, 2, 3, 3]);

        let (items, requested) = walk(1, |n| Ok(page(vec![n], None, None))).await;
        assert_eq!(values(items), vec![1]);
        assert_eq!(requested, vec![1]);
    }

    #[tokio::test]
    async fn yields_an_error_then_ends() {
        let (items, requested) = walk(1, |n| {
            if n == 2 {
                Err(Error::Timeout { endpoint: "list" })
            } else {
                Ok(page(vec![n], Some(3), Some(n)))
            }
        })
        .await;
        assert_eq!(items.len(), 2);
        assert!(matches!(items.first(), Some(Ok(1))));
        assert!(matches!(items.get(1), Some(Err(Error::Timeout { .. }))));
        assert_eq!(requested, vec![1, 2]);
    }

    #[tokio::test]
    async fn starts_at_the_given_page() {
        let (items, requested) = walk(2, |n| Ok(page(vec![n], Some(3), Some(n)))).await;
        assert_eq!(values(items), vec![2, 3]);
        assert_eq!(requested, vec![2, 3]);
    }

    #[test]
    fn last_page_arithmetic() {
        let with = |total: Option<i64>, limit: Option<i64>, len: usize| Page {
            items: vec![0; len],
            total,
            total_pages: None,
            page: None,
            limit,
        };
        assert_eq!(last_page(&with(Some(130_667), Some(30), 30), 1), 4356);
        assert_eq!(last_page(&with(Some(60), None, 30), 1), 2);
        assert_eq!(last_page(&with(Some(0), Some(0), 0), 1), 1);
        assert_eq!(last_page(&with(None, Some(30), 30), 1), 1);
    }
}
