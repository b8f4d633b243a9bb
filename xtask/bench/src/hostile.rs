//! How long the loader takes to refuse hostile input, at growing sizes: something the loader
//! refuses (nesting thousands of levels deep, in flow and in block style, or an alias bomb),
//! alone and at the end of a plain document of a given size (one short mapping entry a line).
//! The scan reads up to the hostile part and stops where the bound is met; serde_yaml, whose
//! work grows with the square of the nesting depth, never sees the input. So the time grows
//! linearly with the size, which the tests cannot check without a clock, and this section
//! measures.

use std::time::Duration;

use anyhow::{Result, bail};
use spec::load;

use crate::stats::{Samples, timed};

/// The plain part's sizes, smallest first (none: the hostile part alone); the growth is judged
/// from the second to the last.
pub const SIZES: [usize; 4] = [0, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024];

/// One kind of hostile ending at one size.
pub struct Refusal {
    pub ending: &'static str,
    pub bytes: usize,
    pub times: Samples,
}

/// Every kind at every size.
pub struct Hostile {
    pub refusals: Vec<Refusal>,
}

impl Hostile {
    /// The kinds measured, in order.
    pub fn endings(&self) -> Vec<&'static str> {
        let mut endings: Vec<&'static str> = Vec::new();
        for refusal in &self.refusals {
            if !endings.contains(&refusal.ending) {
                endings.push(refusal.ending);
            }
        }
        endings
    }

    /// The median time of `ending` at `bytes`.
    pub fn median(&self, ending: &str, bytes: usize) -> Option<Duration> {
        self.refusals
            .iter()
            .find(|refusal| refusal.ending == ending && refusal.bytes == bytes)
            .map(|refusal| refusal.times.median())
    }

    /// The largest growth of time from the second size to the largest, over the endings.
    pub fn worst_growth(&self) -> Option<f64> {
        let (smallest, largest) = (SIZES[1], SIZES[SIZES.len() - 1]);
        self.endings()
            .into_iter()
            .filter_map(|ending| {
                let small = self.median(ending, smallest)?.as_secs_f64();
                let large = self.median(ending, largest)?.as_secs_f64();
                (small > 0.0).then_some(large / small)
            })
            .reduce(f64::max)
    }
}

/// The endings: a label, the text, and what the refusal must say.
fn endings() -> [(&'static str, String, &'static str); 3] {
    let block: String = (0..1_000)
        .map(|depth| format!("{}a:\n", " ".repeat(depth)))
        .collect();
    let mut bomb = String::from("bomb0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let items = vec![format!("*l{}", level - 1); 10].join(", ");
        bomb.push_str(&format!("bomb{level}: &l{level} [{items}]\n"));
    }
    [
        (
            "flow nesting, 10,000 deep",
            format!("deep: {}\n", "[".repeat(10_000)),
            "nesting deeper than",
        ),
        ("block nesting, 1,000 deep", block, "nesting deeper than"),
        ("alias bomb, 10 levels of 10", bomb, "over the limit of"),
    ]
}

/// A plain document of `bytes` bytes, then `ending`.
fn input(bytes: usize, ending: &str) -> String {
    let mut text = String::with_capacity(bytes + ending.len());
    let mut line = 0;
    while text.len() < bytes {
        text.push_str(&format!("key{line}: [1, two, 3]\n"));
        line += 1;
    }
    text.push_str(ending);
    text
}

/// Times `runs` refusals of each ending at each size.
pub fn measure(runs: usize) -> Result<Hostile> {
    let mut refusals = Vec::new();
    for (ending, text, says) in endings() {
        for bytes in SIZES {
            let document = input(bytes, &text);
            let mut times = Samples::default();
            for _ in 0..runs.max(1) {
                let (result, took) = timed(|| load::load_str("hostile.yaml", &document));
                match result {
                    Err(diagnostics) if diagnostics.to_string().contains(says) => {}
                    Err(diagnostics) => bail!("{ending} at {bytes} bytes: {diagnostics}"),
                    Ok(_) => bail!("{ending} at {bytes} bytes was not refused"),
                }
                times.push(took);
            }
            refusals.push(Refusal {
                ending,
                bytes,
                times,
            });
        }
    }
    Ok(Hostile { refusals })
}
