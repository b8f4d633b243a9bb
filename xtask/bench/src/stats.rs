//! Summaries of repeated timings.

use std::time::{Duration, Instant};

/// Durations of repeated runs of one thing.
#[derive(Debug, Clone, Default)]
pub struct Samples(Vec<Duration>);

impl Samples {
    pub fn push(&mut self, sample: Duration) {
        self.0.push(sample);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The median (the mean of the middle two for an even count); zero when empty.
    pub fn median(&self) -> Duration {
        let mut sorted = self.0.clone();
        sorted.sort_unstable();
        let middle = sorted.len() / 2;
        match (sorted.get(middle.wrapping_sub(1)), sorted.get(middle)) {
            (Some(low), Some(high)) if sorted.len().is_multiple_of(2) => (*low + *high) / 2,
            (_, Some(middle)) => *middle,
            _ => Duration::ZERO,
        }
    }

    pub fn mean(&self) -> Duration {
        match u32::try_from(self.0.len()) {
            Ok(0) | Err(_) => Duration::ZERO,
            Ok(count) => self.0.iter().sum::<Duration>() / count,
        }
    }

    pub fn min(&self) -> Duration {
        self.0.iter().copied().min().unwrap_or_default()
    }
}

/// Runs `job` and returns its result with the wall time it took.
pub fn timed<T>(job: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let result = job();
    (result, start.elapsed())
}

/// Milliseconds with a precision that suits the magnitude.
pub fn millis(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1e3;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// Seconds or milliseconds, whichever reads better.
pub fn human(duration: Duration) -> String {
    if duration >= Duration::from_secs(1) {
        format!("{:.2} s", duration.as_secs_f64())
    } else {
        millis(duration)
    }
}

/// Microseconds with one decimal.
pub fn micros(duration: Duration) -> String {
    format!("{:.1} µs", duration.as_secs_f64() * 1e6)
}

/// `numerator / denominator` as a plain number; zero when the denominator is.
pub fn ratio(numerator: Duration, denominator: Duration) -> f64 {
    if denominator.is_zero() {
        0.0
    } else {
        numerator.as_secs_f64() / denominator.as_secs_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(millis: &[u64]) -> Samples {
        Samples(millis.iter().map(|&ms| Duration::from_millis(ms)).collect())
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(samples(&[5, 1, 3]).median(), Duration::from_millis(3));
        assert_eq!(samples(&[4, 1, 3, 2]).median(), Duration::from_micros(2500));
        assert_eq!(samples(&[]).median(), Duration::ZERO);
    }

    #[test]
    fn mean_and_min() {
        let samples = samples(&[2, 4, 9]);
        assert_eq!(samples.mean(), Duration::from_millis(5));
        assert_eq!(samples.min(), Duration::from_millis(2));
    }
}
