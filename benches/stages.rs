//! Each analysis stage, and the whole analysis, on the seed article, a
//! ~200 KB news page (its HTML for extraction and the whole analysis, its
//! article text for the other stages) and a 1 MB text.
//!
//!     cargo bench --bench stages
//!
//! Throughput is reported in words (or bytes for HTML) per second.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use lede::analysis::{
    self, Budget, Content, Document, Features, Format, Options, entities, html, quotes, segment, summary,
};
use std::hint::black_box;

const SEED: &str = include_str!("../tests/fixtures/seed.txt");

/// A news page of about 200 KB: navigation, the article, related links,
/// comments and a footer, as real pages carry them.
fn news_page() -> String {
    let mut page = String::from("<!doctype html><html lang=\"en\"><head><title>Talks stall - Example News</title>");
    page.push_str("<meta property=\"article:published_time\" content=\"2023-02-23T16:09:00+04:00\">");
    page.push_str("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Talks stall\",\"author\":{\"@type\":\"Person\",\"name\":\"Jane Doe\"}}</script></head><body>");
    page.push_str("<nav><ul>");
    for i in 0..200 {
        page.push_str(&format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"));
    }
    page.push_str("</ul></nav><article><h1>Talks stall</h1><p class=\"byline\">By Jane Doe</p>");
    while page.len() < 150_000 {
        for paragraph in SEED.split("\n\n") {
            page.push_str("<p>");
            page.push_str(paragraph);
            page.push_str("</p>\n");
        }
    }
    page.push_str("</article><aside class=\"related\">");
    while page.len() < 200_000 {
        page.push_str(
            "<div class=\"comment\"><p>A reader's comment on the story, with a <a href=\"#\">link</a>.</p></div>",
        );
    }
    page.push_str("</aside><footer>Copyright Example News</footer></body></html>");
    page
}

/// The texts every stage runs on: the seed, the article text of the 200 KB
/// page (what the stages see after HTML extraction) and a 1 MB text.
fn inputs() -> Vec<(&'static str, String)> {
    vec![
        ("seed", SEED.to_owned()),
        ("page200KB", html::extract(&news_page()).text),
        ("1MB", SEED.repeat(1_000_000 / SEED.len() + 1)),
    ]
}

fn words(text: &str) -> u64 {
    segment::segment(text).word_count() as u64
}

fn stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("segment");
    for (name, text) in inputs() {
        group.throughput(Throughput::Elements(words(&text)));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, t| {
            b.iter(|| segment::segment(black_box(t)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("entities");
    for (name, text) in inputs() {
        let seg = segment::segment(&text);
        group.throughput(Throughput::Elements(seg.word_count() as u64));
        group.bench_with_input(BenchmarkId::new("tagger", name), &text, |b, t| {
            b.iter(|| entities::model::recognize(black_box(t), &seg))
        });
        group.bench_with_input(BenchmarkId::new("extract", name), &text, |b, t| {
            b.iter(|| entities::extract(black_box(t), &seg, None))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("quotes");
    for (name, text) in inputs() {
        let seg = segment::segment(&text);
        let found = entities::extract(&text, &seg, None);
        group.throughput(Throughput::Elements(seg.word_count() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, t| {
            b.iter(|| quotes::extract(black_box(t), &seg, &found))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("summary");
    for (name, text) in inputs() {
        let seg = segment::segment(&text);
        let found = entities::extract(&text, &seg, None);
        group.throughput(Throughput::Elements(seg.word_count() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, t| {
            b.iter(|| summary::summarize(black_box(t), &seg, &found, "en", &summary::SummaryOptions::default()))
        });
    }
    group.finish();

    let page = news_page();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("extract_200KB", |b| b.iter(|| html::extract(black_box(&page))));
    group.finish();

    let mut group = c.benchmark_group("analyze");
    let all = Features::ALL;
    let texts = inputs().into_iter().filter(|(name, _)| !name.starts_with("page"));
    for (name, text) in texts.chain([("page200KB", page.clone())]) {
        group.throughput(Throughput::Elements(words(&text)));
        let format = if name.starts_with("page") { Format::Html } else { Format::PlainText };
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, t| {
            let doc = Document { content: Content::Text(t), format, url: "", language: "" };
            b.iter(|| analysis::analyze(black_box(&doc), all, &Options::default(), &Budget::default()))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
