//! The pure domain: from an article to its analyses. No gRPC types live here;
//! every span is a UTF-8 byte range of [`Analysis::text`].

pub mod charset;
pub mod entities;
pub mod html;
pub mod lexicon;
mod logistic;
mod memo;
pub mod metadata;
mod perceptron;
pub mod quotes;
pub mod segment;
pub mod summary;
pub mod text;

use segment::Segmentation;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How the article's content is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Decide from the content.
    Detect,
    PlainText,
    Html,
}

/// The article as the caller sent it.
#[derive(Clone, Copy, Debug)]
pub enum Content<'a> {
    Text(&'a str),
    /// Bytes in an encoding to be found, with the caller's charset label ("" if none).
    Bytes {
        bytes: &'a [u8],
        charset: &'a str,
    },
}

/// One article to analyze.
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    pub content: Content<'a>,
    pub format: Format,
    /// Where the article was published, or "".
    pub url: &'a str,
    /// The caller's BCP-47 language code, or "".
    pub language: &'a str,
}

/// The analyses a request asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Features {
    pub metadata: bool,
    pub entities: bool,
    pub quotes: bool,
    pub summary: bool,
}

impl Features {
    /// Every analysis: what a request without `features` gets.
    pub const ALL: Features = Features { metadata: true, entities: true, quotes: true, summary: true };

    pub fn is_empty(self) -> bool {
        self == Features::default()
    }
}

/// The analyses of one article. A part that was not asked for is `None`.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The article text every span indexes into.
    pub text: String,
    pub segmentation: Segmentation,
    pub metadata: Option<metadata::Metadata>,
    /// Most salient first; present when entities or quotes were asked for,
    /// since quotes name their speakers by entity.
    pub entities: Option<Vec<entities::Entity>>,
    pub quotes: Option<Vec<quotes::Quote>>,
    pub summary: Option<summary::Summary>,
    /// How long each stage took, for the service's metrics.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Why an article could not be analyzed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnalysisError {
    /// The content is empty or holds only white space.
    EmptyContent,
    /// The caller's deadline passed before the analysis finished.
    DeadlineExceeded,
    /// The caller went away.
    Cancelled,
}

impl std::fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EmptyContent => f.write_str("the document has no text: content is empty or only white space"),
            Self::DeadlineExceeded => f.write_str("the deadline passed before the analysis finished"),
            Self::Cancelled => f.write_str("the request was cancelled"),
        }
    }
}

impl std::error::Error for AnalysisError {}

/// Lets a long analysis stop early when its caller's deadline passes or the
/// caller goes away, so abandoned work does not keep burning CPU.
#[derive(Clone, Debug, Default)]
pub struct Budget {
    deadline: Option<Instant>,
    cancelled: Arc<AtomicBool>,
}

impl Budget {
    pub fn new(deadline: Option<Instant>) -> Self {
        Self { deadline, cancelled: Arc::default() }
    }

    /// Marks the work as abandoned; the next [`Budget::check`] fails.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// [`Budget::check`] on every `every`-th step of a loop (`step` counts
    /// from 0), for loops whose steps are too short to read the clock each time.
    pub fn check_every(&self, step: usize, every: usize) -> Result<(), AnalysisError> {
        if step.is_multiple_of(every) { self.check() } else { Ok(()) }
    }

    /// Fails when the work should stop.
    pub fn check(&self) -> Result<(), AnalysisError> {
        if self.cancelled.load(Ordering::Relaxed) {
            return Err(AnalysisError::Cancelled);
        }
        match self.deadline {
            Some(deadline) if Instant::now() >= deadline => Err(AnalysisError::DeadlineExceeded),
            _ => Ok(()),
        }
    }
}

/// How the analyses should run, beyond which ones.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Options {
    pub summary: summary::SummaryOptions,
    pub quotes: quotes::QuoteMethod,
}

/// Analyzes one article, running only the stages that `features` needs.
pub fn analyze(
    doc: &Document<'_>,
    features: Features,
    options: &Options,
    budget: &Budget,
) -> Result<Analysis, AnalysisError> {
    let mut timings = Vec::new();
    let (text, page) = timed(&mut timings, "text", || article_text(doc))?;
    budget.check()?;
    let segmentation = timed(&mut timings, "segment", || segment::segment_within(&text, budget))?;
    // Quotes name their speakers by entity; summaries link sentences through them.
    let needs_entities = features.entities || features.quotes || features.summary;
    // Entities resolve relative dates against the article's own date.
    let metadata = if features.metadata || needs_entities {
        Some(timed(&mut timings, "metadata", || {
            metadata::extract(&text, &segmentation, page.as_ref(), doc.url, doc.language, budget)
        })?)
    } else {
        None
    };
    let article_date = metadata.as_ref().and_then(|m| m.published.as_ref()).map(|d| d.date());
    let entities = if needs_entities {
        Some(timed(&mut timings, "entities", || entities::extract(&text, &segmentation, article_date, budget))?)
    } else {
        None
    };
    let language = metadata.as_ref().map_or(doc.language, |m| m.language.as_str());
    let quotes = match (&entities, features.quotes) {
        (Some(entities), true) => Some(timed(&mut timings, "quotes", || {
            quotes::extract(&text, &segmentation, entities, options.quotes, language, budget)
        })?),
        _ => None,
    };
    let summary = if features.summary {
        let found = entities.as_deref().unwrap_or_default();
        Some(timed(&mut timings, "summary", || {
            summary::summarize(&text, &segmentation, found, language, &options.summary, budget)
        })?)
    } else {
        None
    };
    let metadata = metadata.filter(|_| features.metadata);
    let entities = entities.filter(|_| features.entities || features.quotes);
    Ok(Analysis { text, segmentation, metadata, entities, quotes, summary, timings })
}

/// Loads every model, gazetteer and pattern by analyzing a small page and a
/// small plain-text article, so that the first callers do not wait for them
/// and memory settles before the server answers.
pub fn warm_up() {
    const PAGE: &str = r#"<html lang="en"><head><title>Warm-up - Example News</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Warm-up","datePublished":"2024-01-02T10:00:00+01:00","author":{"@type":"Person","name":"Jane Doe"}}</script>
</head><body><article><p>By John Roe</p><p>LONDON (Reuters) - "The models are loaded," said Jane Doe, a spokeswoman for Acme Corp., on Tuesday.</p></article></body></html>"#;
    const PLAIN: &str = "BAKU, Azerbaijan, January 2\n\nBy John Roe\n\n\"The models are loaded,\" Jane Doe told Acme Corp. on Tuesday. She said more would follow.\n\nFollow us on Twitter @example";
    summary::load_models();
    // The learned quote method too, so that its model is parsed here and not
    // on the first request that asks for it.
    let learned = Options { quotes: quotes::QuoteMethod::Learned, ..Options::default() };
    for (content, options) in [(PAGE, Options::default()), (PLAIN, learned)] {
        let doc = Document { content: Content::Text(content), format: Format::Detect, url: "", language: "" };
        // Only the loading matters; the answer is dropped.
        let _ = analyze(&doc, Features::ALL, &options, &Budget::default());
    }
}

fn timed<T>(timings: &mut Vec<(&'static str, Duration)>, stage: &'static str, run: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = run();
    timings.push((stage, started.elapsed()));
    out
}

/// The plain text of the article, and what the page said about it when the
/// article is HTML. Plain text is kept exactly as sent.
fn article_text(doc: &Document<'_>) -> Result<(String, Option<html::PageEvidence>), AnalysisError> {
    let decoded;
    let content = match doc.content {
        Content::Text(text) => text,
        Content::Bytes { bytes, charset } => {
            decoded = charset::decode(bytes, charset);
            &decoded
        }
    };
    if content.trim().is_empty() {
        return Err(AnalysisError::EmptyContent);
    }
    let is_html = match doc.format {
        Format::Html => true,
        Format::PlainText => false,
        Format::Detect => html::looks_like_html(content),
    };
    // A page whose body holds no article text still has metadata to read.
    let (text, page) = if is_html {
        let article = html::extract(content);
        (article.text, Some(article.page))
    } else {
        (content.to_owned(), None)
    };
    Ok((text, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Document<'_> {
        Document { content: Content::Text(text), format: Format::PlainText, url: "", language: "" }
    }

    #[test]
    fn plain_text_is_kept_unchanged() {
        let text = "  One.\r\n\r\nTwo.  ";
        let only_entities = Features { entities: true, ..Features::default() };
        let analysis = analyze(&plain(text), only_entities, &Options::default(), &Budget::default()).unwrap();
        assert_eq!(analysis.text, text);
        assert!(analysis.quotes.is_none());
        assert_eq!(analysis.segmentation.paragraphs.len(), 2);
    }

    /// The article's language, the caller's or detected, chooses whether the
    /// learned method's model reads it.
    #[test]
    fn the_learned_method_answers_other_languages_with_the_rules() {
        let text = "Le temps était beau.\n\nIl a plu.\n\n“Personne ne s’attendait à une tempête aussi forte en mai.”";
        let only_quotes = Features { quotes: true, ..Features::default() };
        let quotes = |method, language| {
            let doc = Document { language, ..plain(text) };
            let options = Options { quotes: method, ..Options::default() };
            analyze(&doc, only_quotes, &options, &Budget::default()).unwrap().quotes.unwrap()
        };
        let rules = quotes(quotes::QuoteMethod::Rules, "fr");
        assert_eq!(rules.len(), 1);
        assert_eq!(quotes(quotes::QuoteMethod::Learned, "fr"), rules);
        assert!(quotes(quotes::QuoteMethod::Learned, "en").is_empty());
    }

    #[test]
    fn blank_content_is_refused() {
        assert_eq!(
            analyze(&plain(" \n\t "), Features::ALL, &Options::default(), &Budget::default()).unwrap_err(),
            AnalysisError::EmptyContent
        );
    }

    /// About `bytes` of plain news text with no date in it: every stage has
    /// work to do all the way through.
    fn long_text(bytes: usize) -> String {
        let paragraph = "Officials said on Tuesday that the Harbour Board would meet again, \
            according to a statement from Jane Roe of Acme Shipping. \"We will talk,\" she said.\n\n";
        paragraph.repeat(bytes / paragraph.len() + 1)
    }

    #[test]
    fn every_stage_checks_its_budget() {
        let text = long_text(64 << 10);
        let seg = segment::segment(&text);
        let found = entities::extract(&text, &seg, None, &Budget::default()).unwrap();
        let spent = Budget::new(Some(Instant::now()));
        let stopped = Err(AnalysisError::DeadlineExceeded);
        assert_eq!(segment::segment_within(&text, &spent).map(|_| ()), stopped);
        assert_eq!(metadata::extract(&text, &seg, None, "", "", &spent).map(|_| ()), stopped);
        assert_eq!(entities::extract(&text, &seg, None, &spent).map(|_| ()), stopped);
        for method in [quotes::QuoteMethod::Rules, quotes::QuoteMethod::Learned] {
            assert_eq!(quotes::extract(&text, &seg, &found, method, "en", &spent).map(|_| ()), stopped);
        }
        let options = summary::SummaryOptions::default();
        assert_eq!(summary::summarize(&text, &seg, &found, "en", &options, &spent).map(|_| ()), stopped);
    }

    /// A 16 MiB text whose caller leaves after 50 ms: the analysis stops
    /// within the stage it is in, long before the whole would be done.
    #[test]
    fn a_huge_text_stops_soon_after_its_caller_leaves() {
        let text = long_text(16 << 20);
        let budget = Budget::default();
        let caller = budget.clone();
        let leaves = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            caller.cancel();
            Instant::now()
        });
        let outcome = analyze(&plain(&text), Features::ALL, &Options::default(), &budget);
        let stopped = Instant::now();
        let left = leaves.join().unwrap();
        assert_eq!(outcome.map(|_| ()).unwrap_err(), AnalysisError::Cancelled);
        // In a debug build on a busy machine the whole analysis takes minutes;
        // the release build stops within a few milliseconds.
        let lag = stopped.saturating_duration_since(left);
        assert!(lag < Duration::from_secs(2), "stopped {lag:?} after the caller left");
    }

    #[test]
    fn an_expired_or_cancelled_budget_stops_the_work() {
        let budget = Budget::new(Some(Instant::now()));
        assert_eq!(
            analyze(&plain("Hi."), Features::ALL, &Options::default(), &budget).unwrap_err(),
            AnalysisError::DeadlineExceeded
        );
        let budget = Budget::default();
        budget.cancel();
        assert_eq!(
            analyze(&plain("Hi."), Features::ALL, &Options::default(), &budget).unwrap_err(),
            AnalysisError::Cancelled
        );
    }
}
