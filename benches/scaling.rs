//! How the cost of the whole analysis grows with the size of the text: plain
//! texts of 1 KB to 4 MB, built from the seed article's paragraphs, analyzed
//! in-process on one thread. A linear analysis keeps the time per KB flat.
//!
//!     cargo bench --bench scaling
//!     cargo bench --bench scaling -- --max-kb 1024      # stop at 1 MB
//!
//! Each size runs until it has taken about a second (at least 3 runs); the
//! median run is reported, with the time of each stage in it.

use lede::analysis::{self, Budget, Content, Document, Features, Format, Options};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const SEED: &str = include_str!("../tests/fixtures/seed.txt");
const SIZES_KB: [usize; 13] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
const RUN_FOR: Duration = Duration::from_secs(1);

/// About `bytes` of text, whole paragraphs of the seed in a rotating order,
/// so that long texts are not one block repeated.
fn text_of(bytes: usize) -> String {
    let paragraphs: Vec<&str> = SEED.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut text = String::with_capacity(bytes + 1024);
    let mut round = 0;
    while text.len() < bytes {
        for k in 0..paragraphs.len() {
            let p = paragraphs[(k + round) % paragraphs.len()];
            if text.len() + p.len() > bytes && !text.is_empty() {
                return text;
            }
            text.push_str(p);
            text.push_str("\n\n");
        }
        round += 1;
    }
    text
}

/// The median run's total time and its stage times.
fn measure(text: &str) -> (Duration, Vec<(&'static str, Duration)>, usize) {
    let doc = Document { content: Content::Text(text), format: Format::PlainText, url: "", language: "" };
    let run = || analysis::analyze(&doc, Features::ALL, &Options::default(), &Budget::default());
    let words = run().map_or(0, |a| a.segmentation.word_count());
    let mut runs = Vec::new();
    let started = Instant::now();
    while runs.len() < 3 || started.elapsed() < RUN_FOR {
        let t = Instant::now();
        let timings = run().map(|a| a.timings).unwrap_or_default();
        runs.push((t.elapsed(), timings));
    }
    runs.sort_by_key(|(total, _)| *total);
    let (total, stages) = runs.swap_remove(runs.len() / 2);
    (total, stages, words)
}

fn main() {
    let mut max_kb = *SIZES_KB.last().unwrap_or(&4096);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--max-kb" {
            max_kb = args.next().and_then(|v| v.parse().ok()).unwrap_or(max_kb);
        }
    }
    let (seed_time, _, seed_words) = measure(SEED);
    println!("seed: {} bytes, {seed_words} words, {:.3} ms", SEED.len(), seed_time.as_secs_f64() * 1e3);
    println!();
    println!(
        "| size | words | time ms | µs per KB | × seed time | stages ms (text/segment/metadata/entities/quotes/summary) |"
    );
    println!("|---|---|---|---|---|---|");
    for kb in SIZES_KB.into_iter().filter(|&kb| kb <= max_kb) {
        let text = text_of(kb * 1024);
        let (total, stages, words) = measure(&text);
        let ms = total.as_secs_f64() * 1e3;
        let by_stage: BTreeMap<_, _> = stages.into_iter().collect();
        let stage_ms = ["text", "segment", "metadata", "entities", "quotes", "summary"]
            .map(|s| by_stage.get(s).map_or("-".to_owned(), |d| format!("{:.2}", d.as_secs_f64() * 1e3)))
            .join(" / ");
        println!(
            "| {} KB | {words} | {ms:.2} | {:.0} | {:.1} | {stage_ms} |",
            kb,
            ms * 1e3 / (text.len() as f64 / 1024.0),
            total.as_secs_f64() / seed_time.as_secs_f64(),
        );
    }
}
