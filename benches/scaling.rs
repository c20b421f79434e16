//! The whole analysis, in-process on one thread: first over the corpus of
//! distinct articles (`benches/corpus/`, plus any `docs.jsonl` in
//! `LEDE_BENCH_DOCS`), as documents and words per second with each stage's
//! share of the time, beside the seed article analyzed again and again; then
//! how the cost grows with size, on plain texts of 1 KB to 4 MB made of the
//! corpus' paragraphs. A linear analysis keeps the time per KB flat.
//!
//!     cargo bench --bench scaling
//!     cargo bench --bench scaling -- --max-kb 1024      # stop at 1 MB
//!     LEDE_BENCH_DOCS=../shared/eval/summary/cnndm-dev/docs.jsonl cargo bench --bench scaling -- --max-kb 0
//!
//! Each measurement runs for about a second (at least 3 runs); sizes report
//! the median run, with the time of each stage in it. Beside wall-clock
//! rates, the corpus rows give the rates per second of this thread's own CPU
//! time (from /proc/thread-self/schedstat), which other work on a shared
//! machine disturbs far less.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{Article, SEED};
use lede::analysis::{self, Budget, Content, Document, Features, Format, Options};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const SIZES_KB: [usize; 13] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
const RUN_FOR: Duration = Duration::from_secs(1);
const STAGES: [&str; 6] = ["text", "segment", "metadata", "entities", "quotes", "summary"];

fn document(article: &Article) -> Document<'_> {
    let format = if article.html { Format::Html } else { Format::PlainText };
    Document { content: Content::Text(&article.content), format, url: "", language: "" }
}

/// The CPU time this thread has had, where Linux tells it.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// Every article analyzed once, in turn: the time, the words and the time
/// of each stage.
fn pass(articles: &[Article]) -> (Duration, usize, BTreeMap<&'static str, Duration>) {
    let mut stages = BTreeMap::new();
    let mut words = 0;
    let started = Instant::now();
    for article in articles {
        if let Ok(analysis) =
            analysis::analyze(&document(article), Features::ALL, &Options::default(), &Budget::default())
        {
            words += analysis.segmentation.word_count();
            for (stage, took) in analysis.timings {
                *stages.entry(stage).or_default() += took;
            }
        }
    }
    (started.elapsed(), words, stages)
}

/// Passes over `articles` for about [`RUN_FOR`], with a first one to warm up.
fn throughput(name: &str, articles: &[Article]) {
    pass(articles);
    let (mut total, mut words, mut docs, mut stages) = (Duration::ZERO, 0, 0, BTreeMap::new());
    let mut runs = 0;
    let cpu_before = thread_cpu();
    while runs < 3 || total < RUN_FOR {
        let (took, w, s) = pass(articles);
        total += took;
        words += w;
        docs += articles.len();
        for (stage, t) in s {
            *stages.entry(stage).or_insert(Duration::ZERO) += t;
        }
        runs += 1;
    }
    let secs = total.as_secs_f64();
    let cpu_secs = cpu_before.zip(thread_cpu()).map_or(secs, |(before, after)| (after - before).as_secs_f64());
    let shares = STAGES
        .map(|s| stages.get(s).map_or("-".to_owned(), |t| format!("{:.0}%", 100.0 * t.as_secs_f64() / secs)))
        .join(" / ");
    println!(
        "| {name} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.3} | {shares} |",
        articles.len(),
        words as f64 / docs as f64,
        docs as f64 / secs,
        words as f64 / secs,
        docs as f64 / cpu_secs,
        words as f64 / cpu_secs,
        cpu_secs * 1e3 / docs as f64,
    );
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
    let articles = corpus::load();
    let own = corpus::own();
    let seed = [Article { id: "seed".into(), content: SEED.into(), html: false }];
    println!("One thread, whole analysis (all features):");
    println!();
    println!(
        "| articles | count | words each | docs/s | words/s | docs/CPU-s | words/CPU-s | CPU ms each | stage shares (text / segment / metadata / entities / quotes / summary) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    throughput("the seed, again and again", &seed);
    throughput("benches/corpus", &own);
    if articles.len() > own.len() {
        throughput("benches/corpus and LEDE_BENCH_DOCS", &articles);
    }
    if max_kb == 0 {
        return;
    }
    let (seed_time, _, _) = measure(SEED);
    println!();
    println!(
        "| size | words | time ms | µs per KB | × seed time | stages ms (text/segment/metadata/entities/quotes/summary) |"
    );
    println!("|---|---|---|---|---|---|");
    for kb in SIZES_KB.into_iter().filter(|&kb| kb <= max_kb) {
        let text = corpus::long_text(&own, kb * 1024);
        let (total, stages, words) = measure(&text);
        let ms = total.as_secs_f64() * 1e3;
        let by_stage: BTreeMap<_, _> = stages.into_iter().collect();
        let stage_ms = STAGES
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
