//! Each analysis stage, and the whole analysis, on the seed article, on the
//! corpus of distinct articles (`benches/corpus/`, plus any `docs.jsonl` in
//! `LEDE_BENCH_DOCS`), on a 1 MB text made of the corpus' paragraphs, and
//! HTML extraction of a ~200 KB news page.
//!
//!     cargo bench --bench stages
//!     LEDE_BENCH_DOCS=../shared/eval/summary/cnndm-dev/docs.jsonl cargo bench --bench stages -- corpus
//!
//! Throughput is in words per second (bytes for HTML). One iteration over
//! "corpus" analyzes every article once, in turn: its time divided by the
//! article count printed at the start is the time per article.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{Article, SEED};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use lede::analysis::segment::Segmentation;
use lede::analysis::{
    self, Budget, Content, Document, Features, Format, Options, entities, html, quotes, segment, summary,
};
use std::hint::black_box;

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

/// A set of texts one iteration of a stage goes through, each segmented
/// and with its entities found, as the stages after them need.
struct Texts {
    name: &'static str,
    texts: Vec<(String, Segmentation, Vec<entities::Entity>)>,
    words: u64,
}

impl Texts {
    fn new(name: &'static str, texts: Vec<String>) -> Texts {
        let texts: Vec<_> = texts
            .into_iter()
            .map(|t| {
                let seg = segment::segment(&t);
                let found = entities::extract(&t, &seg, None, &Budget::default()).unwrap_or_default();
                (t, seg, found)
            })
            .collect();
        let words = texts.iter().map(|(_, seg, _)| seg.word_count() as u64).sum();
        Texts { name, texts, words }
    }
}

/// The article text of a corpus document: HTML goes through extraction first.
fn article_text(article: &Article) -> String {
    if article.html { html::extract(&article.content).text } else { article.content.clone() }
}

fn stages(c: &mut Criterion) {
    let articles = corpus::load();
    let inputs = [
        Texts::new("seed", vec![SEED.to_owned()]),
        Texts::new("corpus", articles.iter().map(article_text).collect()),
        Texts::new("1MB", vec![corpus::long_text(&articles, 1 << 20)]),
    ];
    println!("corpus: {} articles, {} words", inputs[1].texts.len(), inputs[1].words);
    let budget = Budget::default();
    let mut bench = |group: &str, stage: &dyn Fn(&str, &Segmentation, &[entities::Entity])| {
        let mut group = c.benchmark_group(group);
        for input in &inputs {
            group.throughput(Throughput::Elements(input.words));
            group.bench_with_input(BenchmarkId::from_parameter(input.name), &input.texts, |b, texts| {
                b.iter(|| texts.iter().for_each(|(t, seg, found)| stage(black_box(t), seg, found)))
            });
        }
        group.finish();
    };
    bench("segment", &|t, _, _| drop(segment::segment(t)));
    bench("tagger", &|t, seg, _| drop(entities::model::recognize(t, seg, &budget)));
    bench("entities", &|t, seg, _| drop(entities::extract(t, seg, None, &budget)));
    bench("quotes", &|t, seg, found| drop(quotes::extract(t, seg, found, quotes::QuoteMethod::Rules, "en", &budget)));
    bench("quotes learned", &|t, seg, found| {
        drop(quotes::extract(t, seg, found, quotes::QuoteMethod::Learned, "en", &budget))
    });
    bench("summary", &|t, seg, found| {
        drop(summary::summarize(t, seg, found, "en", &summary::SummaryOptions::default(), &budget))
    });

    let page = news_page();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("extract_200KB", |b| b.iter(|| html::extract(black_box(&page))));
    group.finish();

    let mut group = c.benchmark_group("analyze");
    let seed = vec![(SEED.to_owned(), Format::PlainText)];
    let corpus: Vec<(String, Format)> =
        articles.iter().map(|a| (a.content.clone(), if a.html { Format::Html } else { Format::PlainText })).collect();
    let learned = Options { quotes: quotes::QuoteMethod::Learned, ..Options::default() };
    let documents: Vec<(&'static str, Inputs, Options)> = vec![
        ("seed", seed.clone(), Options::default()),
        ("seed, learned quotes", seed, learned),
        ("corpus", corpus.clone(), Options::default()),
        ("corpus, learned quotes", corpus, learned),
        ("1MB", vec![(inputs[2].texts[0].0.clone(), Format::PlainText)], Options::default()),
        ("page200KB", vec![(page, Format::Html)], Options::default()),
    ];
    for (name, docs, options) in &documents {
        let words: u64 = docs.iter().map(|(t, f)| words_of(t, *f)).sum();
        group.throughput(Throughput::Elements(words));
        group.bench_with_input(BenchmarkId::from_parameter(name), docs, |b, docs| {
            b.iter(|| {
                for (t, format) in docs {
                    let doc = Document { content: Content::Text(t), format: *format, url: "", language: "" };
                    drop(black_box(analysis::analyze(&doc, Features::ALL, options, &budget)));
                }
            })
        });
    }
    group.finish();
}

/// The texts one benchmark analyzes in turn.
type Inputs = Vec<(String, Format)>;

fn words_of(text: &str, format: Format) -> u64 {
    let doc = Document { content: Content::Text(text), format, url: "", language: "" };
    let features = Features { metadata: true, ..Features::default() };
    analysis::analyze(&doc, features, &Options::default(), &Budget::default())
        .map_or(0, |a| a.segmentation.word_count() as u64)
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
