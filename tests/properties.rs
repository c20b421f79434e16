//! Invariants of the analysis, over generated articles (issue 8): every span
//! is in bounds, on a character boundary and in order; a quote's speaker
//! stands outside its content; summary sentences are sentences of the text;
//! the same input gives the same output. Checked on the domain
//! (`lede::analysis::analyze`) and through the API conversion
//! (`lede::api::analyze_blocking`) in every offset encoding.

use lede::analysis::quotes::QuoteMethod;
use lede::analysis::text::Span;
use lede::analysis::{self, AnalysisError, Budget, Content, Document, Features, Format};
use lede::pb;
use proptest::prelude::*;
use std::collections::HashMap;

const WORDS: &[&str] = &[
    "the",
    "a",
    "minister",
    "government",
    "talks",
    "on",
    "in",
    "that",
    "was",
    "is",
    "not",
    "and",
    "of",
    "to",
    "counterproductive",
    "yesterday",
    "Monday",
    "12",
    "December",
    "2022",
    "$2 million",
    "76%",
    "U.S.",
    "Mr.",
    "Feb.",
    "it's",
    "students'",
    "don't",
    "@SabinaMmdl",
    "16:09",
    "well-known",
    "she",
    "he",
    "they",
    "deputy",
    "company",
];
const NAMES: &[&str] = &[
    "Maria Zakharova",
    "Zakharova",
    "Vladimir Putin",
    "Ilham Aliyev",
    "the Foreign Ministry",
    "Google",
    "BAKU",
    "Azerbaijan",
    "Jose\u{301} Garci\u{301}a",
    "Zoe\u{308}",
    "O'Brien",
    "Nguyễn Văn A",
    "Владимир",
    "محمد",
    "דוד",
    "NATO",
    "Ms. Smith",
];
const CUES: &[&str] = &["said", "says", "told reporters", "added", "noted", "according to", "said that", "asked", ":"];
const MARKS: &[&str] = &["\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "`", "``", "''", "「", "」"];
const PUNCT: &[&str] = &[".", ",", ";", "!", "?", "...", "…", "—", "–", "-", "(", ")", "/", "?!", ".\"", ",”"];
const SPACES: &[&str] = &[" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\t", "\u{a0}"];
const UNICODE: &[&str] = &[
    "é",
    "e\u{301}",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "👍🏽",
    "🇺🇦",
    "قال الوزير",
    "שלום",
    "नमस्ते",
    "日本語",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\u{1}",
    "\u{1b}",
    "\u{85}",
    "\u{2028}",
    "\u{10ffff}",
    "ﬁ",
];

/// One fragment of an article.
fn fragment() -> impl Strategy<Value = String> {
    let pick = |pool: &'static [&'static str]| prop::sample::select(pool).prop_map(str::to_owned);
    prop_oneof![
        6 => pick(WORDS),
        2 => pick(NAMES),
        2 => pick(CUES),
        2 => pick(MARKS),
        2 => pick(PUNCT),
        2 => pick(SPACES),
        1 => pick(UNICODE),
        1 => any::<char>().prop_map(String::from),
        // A whole quote, well or badly formed.
        2 => (pick(MARKS), prop::collection::vec(pick(WORDS), 1..8), pick(MARKS), pick(NAMES), pick(CUES))
            .prop_map(|(open, words, close, name, cue)| format!("{open}{},{close} {name} {cue}.", words.join(" "))),
    ]
}

/// An article: fragments joined by a space or nothing.
fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((fragment(), any::<bool>()), 0..60)
        .prop_map(|parts| parts.into_iter().map(|(f, space)| if space { f + " " } else { f }).collect())
}

const TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"article-body\">",
    "<div class=\"nav\">",
    "</div>",
    "<article>",
    "</article>",
    "<span>",
    "</span>",
    "<br>",
    "<a href=\"/x\">",
    "</a>",
    "<script>var x = '<p>no</p>';</script>",
    "<!-- c -->",
    "<h1>",
    "</h1>",
    "<blockquote>",
    "</blockquote>",
    "&amp;",
    "&#8220;",
    "&bogus;",
    "<",
    ">",
    "<meta charset=\"utf-8\">",
];

/// An HTML page: tags and article fragments.
fn page() -> impl Strategy<Value = String> {
    let part = prop_oneof![2 => prop::sample::select(TAGS).prop_map(str::to_owned), 3 => fragment()];
    prop::collection::vec(part, 0..60).prop_map(|parts| format!("<html><body>{}</body></html>", parts.concat()))
}

fn plain(text: &str) -> Document<'_> {
    Document { content: Content::Text(text), format: Format::PlainText, url: "", language: "" }
}

fn entities_and_quotes() -> Features {
    Features { entities: true, quotes: true, ..Features::default() }
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds ({})", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} splits a char");
}

fn assert_sorted(spans: impl IntoIterator<Item = Span>, what: &str, may_overlap: bool) {
    let mut last: Option<Span> = None;
    for span in spans {
        if let Some(prev) = last {
            assert!(prev.start <= span.start, "{what}: {span:?} before {prev:?}");
            assert!(may_overlap || prev.end <= span.start, "{what}: {span:?} overlaps {prev:?}");
        }
        last = Some(span);
    }
}

/// Domain invariants of one analysis.
fn check_analysis(text: &str, a: &analysis::Analysis) {
    assert_eq!(a.text, text, "plain text is kept as sent");
    let seg = &a.segmentation;
    for t in &seg.tokens {
        assert_span(text, t.span, "token");
        assert!(!t.span.is_empty(), "empty token {:?}", t.span);
    }
    assert_sorted(seg.tokens.iter().map(|t| t.span), "tokens", false);
    for (i, s) in seg.sentences.iter().enumerate() {
        assert_span(text, s.span, "sentence");
        let p = &seg.paragraphs[s.paragraph];
        assert!(p.span.contains(s.span), "sentence {i} {:?} outside its paragraph {:?}", s.span, p.span);
        assert!(p.sentences.contains(&i), "paragraph {} does not list sentence {i}", s.paragraph);
        for t in &seg.tokens[s.tokens.clone()] {
            assert!(s.span.contains(t.span), "sentence {i} {:?} does not hold its token {:?}", s.span, t.span);
        }
    }
    assert_sorted(seg.sentences.iter().map(|s| s.span), "sentences", false);
    for p in &seg.paragraphs {
        assert_span(text, p.span, "paragraph");
    }
    assert_sorted(seg.paragraphs.iter().map(|p| p.span), "paragraphs", false);

    let entities = a.entities.as_ref().expect("entities were asked for");
    for e in entities {
        for m in &e.mentions {
            assert_span(text, m.span, "mention");
            assert!(!m.span.is_empty(), "empty mention of {}", e.name);
        }
        assert_sorted(e.mentions.iter().map(|m| m.span), &format!("mentions of {}", e.name), false);
        assert!((0.0..=1.0).contains(&e.salience), "salience {} of {}", e.salience, e.name);
    }
    let quotes = a.quotes.as_ref().expect("quotes were asked for");
    for q in quotes {
        assert_span(text, q.span, "quote");
        assert!(!q.span.is_empty(), "empty quote");
        if let Some(speaker) = q.speaker {
            assert_span(text, speaker, "speaker");
            assert!(!speaker.overlaps(q.span), "speaker {speaker:?} inside quote {:?} of {text:?}", q.span);
        }
        if let Some(cue) = q.cue {
            assert_span(text, cue, "cue");
        }
        if let Some(e) = q.speaker_entity {
            assert!(e < entities.len(), "speaker entity {e} of {}", entities.len());
        }
        assert!((0.0..=1.0).contains(&q.confidence), "confidence {}", q.confidence);
    }
    assert_sorted(quotes.iter().map(|q| q.span), "quotes", true);
}

/// Unit offset -> byte offset at each character boundary of `text`.
fn boundaries(text: &str, encoding: pb::EncodingType) -> HashMap<i32, usize> {
    let mut map = HashMap::new();
    let mut units = 0;
    for (i, c) in text.char_indices() {
        map.insert(units, i);
        units += match encoding {
            pb::EncodingType::Utf16 => c.len_utf16(),
            pb::EncodingType::Utf32 => 1,
            _ => c.len_utf8(),
        } as i32;
    }
    map.insert(units, text.len());
    map
}

/// Every span of a response, as UTF-8 byte ranges, with what the response
/// says each covers. Fails when an offset is not a character boundary.
fn byte_spans(res: &pb::AnalyzeArticleResponse) -> Vec<(String, (usize, usize), Option<String>)> {
    let map = boundaries(&res.text, pb::EncodingType::try_from(res.encoding_type).unwrap());
    let mut out = Vec::new();
    let mut add = |what: String, span: Option<&pb::TextSpan>, says: Option<&str>| {
        let span = span.unwrap_or_else(|| panic!("{what}: no span"));
        let at = |u: i32| *map.get(&u).unwrap_or_else(|| panic!("{what}: {u} of {span:?} is not a boundary"));
        let bytes = (at(span.begin), at(span.end));
        assert!(bytes.0 <= bytes.1, "{what}: {span:?} reversed");
        if let Some(says) = says {
            assert_eq!(&res.text[bytes.0..bytes.1], says, "{what}: the span covers other text than given");
        }
        out.push((what, bytes, says.map(str::to_owned)));
    };
    for (i, p) in res.paragraphs.iter().enumerate() {
        add(format!("paragraph {i}"), Some(p), None);
    }
    for (i, s) in res.sentences.iter().enumerate() {
        add(format!("sentence {i}"), s.span.as_ref(), Some(&s.text));
    }
    for e in &res.entities {
        for (j, m) in e.mentions.iter().enumerate() {
            add(format!("{} mention {j}", e.id), m.span.as_ref(), Some(&m.text));
        }
    }
    for (i, q) in res.quotes.iter().enumerate() {
        add(format!("quote {i}"), q.span.as_ref(), Some(&q.text));
        if q.speaker_span.is_some() {
            add(format!("quote {i} speaker"), q.speaker_span.as_ref(), Some(&q.speaker));
        }
        if q.cue_span.is_some() {
            add(format!("quote {i} cue"), q.cue_span.as_ref(), Some(&q.cue));
        }
    }
    if let Some(summary) = &res.summary {
        for (i, s) in summary.sentences.iter().enumerate() {
            add(format!("summary sentence {i}"), s.span.as_ref(), Some(&s.text));
        }
        for (i, k) in summary.keyphrases.iter().enumerate().filter(|(_, k)| k.span.is_some()) {
            add(format!("keyphrase {i}"), k.span.as_ref(), None);
        }
    }
    if let Some(d) = res.metadata.as_ref().and_then(|m| m.dateline.as_ref()).filter(|d| d.span.is_some()) {
        add("dateline".into(), d.span.as_ref(), None);
    }
    out
}

fn request(text: &str, encoding: pb::EncodingType, features: Option<pb::Features>) -> pb::AnalyzeArticleRequest {
    pb::AnalyzeArticleRequest {
        document: Some(pb::Document {
            id: "prop".into(),
            source: Some(pb::document::Source::Content(text.to_owned())),
            format: pb::DocumentFormat::PlainText as i32,
            ..Default::default()
        }),
        features,
        encoding_type: encoding as i32,
        summary_options: None,
        quote_options: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn domain_spans_are_in_bounds_on_boundaries_and_sorted(text in article()) {
        match analysis::analyze(&plain(&text), entities_and_quotes(), &analysis::Options::default(), &Budget::default()) {
            Ok(a) => check_analysis(&text, &a),
            Err(err) => {
                prop_assert_eq!(err, AnalysisError::EmptyContent);
                prop_assert!(text.trim().is_empty(), "refused a text that is not blank: {:?}", text);
            }
        }
    }

    #[test]
    fn the_same_input_gives_the_same_output(text in article()) {
        let once = analysis::analyze(&plain(&text), entities_and_quotes(), &analysis::Options::default(), &Budget::default());
        let twice = analysis::analyze(&plain(&text), entities_and_quotes(), &analysis::Options::default(), &Budget::default());
        // Everything but how long each stage took.
        let without_timings = |debug: String| match debug.find(", timings: ") {
            Some(at) => debug[..at].to_owned(),
            None => debug,
        };
        prop_assert_eq!(without_timings(format!("{once:?}")), without_timings(format!("{twice:?}")));
        let req = request(&text, pb::EncodingType::Utf16, None);
        let once = lede::api::analyze_blocking(&req, QuoteMethod::Learned, &Budget::default()).map_err(|e| format!("{e:?}"));
        let twice = lede::api::analyze_blocking(&req, QuoteMethod::Learned, &Budget::default()).map_err(|e| format!("{e:?}"));
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn api_spans_land_on_the_same_characters_in_every_encoding(text in article()) {
        let spans = |encoding| {
            lede::api::analyze_blocking(&request(&text, encoding, None), QuoteMethod::Learned, &Budget::default()).ok().map(|res| {
                prop_assert_eq!(&res.text, &text);
                prop_assert_eq!(res.encoding_type, encoding as i32);
                Ok(byte_spans(&res))
            })
        };
        let utf8 = spans(pb::EncodingType::Utf8).transpose()?;
        prop_assert_eq!(utf8.is_none(), text.trim().is_empty());
        for encoding in [pb::EncodingType::Utf16, pb::EncodingType::Utf32] {
            let other = spans(encoding).transpose()?;
            prop_assert_eq!(&other, &utf8, "{:?} covers other characters than UTF-8", encoding);
        }
        if let Some(spans) = utf8 {
            for (what, (start, end), _) in &spans {
                if what.contains("speaker") {
                    let quote = what.trim_end_matches(" speaker");
                    let (_, content, _) = spans.iter().find(|(w, _, _)| w == quote).unwrap();
                    prop_assert!(*end <= content.0 || *start >= content.1, "{} inside {}", what, quote);
                }
            }
        }
    }

    #[test]
    fn summary_sentences_are_sentences_of_the_text(text in article(), max_sentences in 0i32..5) {
        let features = Some(pb::Features { summary: true, ..Default::default() });
        let mut req = request(&text, pb::EncodingType::Utf16, features);
        req.summary_options = Some(pb::SummaryOptions { max_sentences, ..Default::default() });
        let answer = lede::api::analyze_blocking(&req, QuoteMethod::Rules, &Budget::default());
        let Ok(res) = answer else {
            prop_assert!(text.trim().is_empty());
            return Ok(());
        };
        byte_spans(&res);
        let summary = res.summary.as_ref().expect("a summary was asked for");
        let limit = if max_sentences == 0 { 3 } else { max_sentences as usize };
        prop_assert!(summary.sentences.len() <= limit, "{} sentences over the limit {}", summary.sentences.len(), limit);
        let mut last = None;
        for s in &summary.sentences {
            let own = &res.sentences[s.sentence_index as usize];
            prop_assert_eq!(&own.text, &s.text);
            prop_assert_eq!(own.span, s.span);
            prop_assert!(last < Some(s.sentence_index), "summary sentences out of article order");
            last = Some(s.sentence_index);
            prop_assert!((0.0..=1.0).contains(&s.score), "score {}", s.score);
        }
    }

    #[test]
    fn html_pages_answer_with_spans_of_the_extracted_text(html in page()) {
        let mut req = request(&html, pb::EncodingType::Utf16, None);
        req.document.as_mut().unwrap().format = pb::DocumentFormat::Html as i32;
        match lede::api::analyze_blocking(&req, QuoteMethod::Rules, &Budget::default()) {
            Ok(res) => {
                byte_spans(&res);
            }
            Err(err) => prop_assert_eq!(err.code(), tonic::Code::InvalidArgument, "{:?}", err),
        }
    }
}
