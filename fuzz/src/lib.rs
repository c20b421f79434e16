//! The fuzz bodies, shared by the libFuzzer targets (`fuzz_targets/`, for
//! `cargo fuzz`) and the stable-Rust soak harness (`src/bin/soak_fuzz.rs`).
//!
//! Each body panics on a broken invariant, so a fuzzer records the input.

use lede::api::analyze_blocking;
use lede::pb;
use prost::Message;
use std::collections::HashMap;

/// Charset hints the first byte of an `html_extract` input picks from.
const HINTS: [&str; 8] = ["", "utf-8", "windows-1251", "Shift_JIS", "iso-8859-1", "utf-16le", "x-user-defined", "gbk"];

/// Bytes as a fetched page: charset decoding, then HTML extraction.
/// The first byte picks the caller's charset hint.
pub fn html_extract(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else { return };
    let text = lede::analysis::charset::decode(bytes, HINTS[usize::from(first) % HINTS.len()]);
    let _ = lede::analysis::html::looks_like_html(&text);
    let article = lede::analysis::html::extract(&text);
    // The extracted text never holds more characters than the page.
    assert!(
        article.text.chars().count() <= text.chars().count() + 16,
        "extracted text ({} chars) longer than the page ({} chars)",
        article.text.chars().count(),
        text.chars().count()
    );
}

/// Bytes as a request. First byte 0: the rest is an encoded
/// `AnalyzeArticleRequest`. Otherwise the first byte picks format, encoding and
/// features, and the rest is the article (lossy UTF-8, or raw bytes).
pub fn analyze(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else { return };
    let req = if first == 0 {
        match pb::AnalyzeArticleRequest::decode(rest) {
            Ok(req) => req,
            Err(_) => return,
        }
    } else {
        request_from(first, rest)
    };
    analyze_request(&req);
}

/// A request built from a selector byte and article bytes.
pub fn request_from(selector: u8, article: &[u8]) -> pb::AnalyzeArticleRequest {
    let source = if selector & 0x80 != 0 {
        pb::document::Source::RawContent(article.to_vec())
    } else {
        pb::document::Source::Content(String::from_utf8_lossy(article).into_owned())
    };
    let features = match (selector >> 4) & 0x7 {
        0 => None,
        1 => Some(pb::Features { entities: true, ..Default::default() }),
        2 => Some(pb::Features { quotes: true, ..Default::default() }),
        3 => Some(pb::Features { summary: true, ..Default::default() }),
        4 => Some(pb::Features { metadata: true, ..Default::default() }),
        5 => Some(pb::Features { metadata: true, entities: true, quotes: true, summary: true }),
        6 => Some(pb::Features { entities: true, quotes: true, ..Default::default() }),
        _ => Some(pb::Features::default()),
    };
    pb::AnalyzeArticleRequest {
        document: Some(pb::Document {
            id: "fuzz".into(),
            source: Some(source),
            format: i32::from(selector & 0x3),
            charset: ["", "windows-1252", "utf-8", "koi8-r"][usize::from(selector >> 2 & 0x3)].into(),
            ..Default::default()
        }),
        features,
        encoding_type: i32::from(selector >> 2 & 0x3),
        summary_options: None,
        // Unset, rules, learned, or a value no enum has.
        quote_options: Some(pb::QuoteOptions { method: i32::from(selector >> 4 & 0x3) }),
    }
}

/// Runs one request through the API layer and checks the answer.
pub fn analyze_request(req: &pb::AnalyzeArticleRequest) -> Option<pb::AnalyzeArticleResponse> {
    match analyze_blocking(req, lede::analysis::quotes::QuoteMethod::Rules, &lede::analysis::Budget::default()) {
        Ok(res) => {
            check_response(&res);
            Some(res)
        }
        Err(err) => {
            assert!(err.code() == tonic::Code::InvalidArgument, "unexpected failure {err:?}");
            None
        }
    }
}

/// Every span of `res` lands on a character boundary of `res.text` in the
/// response's encoding and covers the text the answer gives for it.
pub fn check_response(res: &pb::AnalyzeArticleResponse) {
    let width = |c: char| match res.encoding_type {
        2 => c.len_utf16(),
        3 => 1,
        _ => c.len_utf8(),
    };
    let mut to_byte = HashMap::new();
    let mut units = 0;
    for (i, c) in res.text.char_indices() {
        to_byte.insert(units, i);
        units += width(c);
    }
    to_byte.insert(units, res.text.len());
    let of = |span: Option<&pb::TextSpan>, what: &str| -> &str {
        let span = span.unwrap_or_else(|| panic!("{what}: no span"));
        let at = |u: i32| {
            *to_byte
                .get(&usize::try_from(u).unwrap_or(usize::MAX))
                .unwrap_or_else(|| panic!("{what}: {span:?} is off a character boundary"))
        };
        let (b, e) = (at(span.begin), at(span.end));
        assert!(b <= e, "{what}: {span:?} reversed");
        &res.text[b..e]
    };
    let mut last = 0;
    for p in &res.paragraphs {
        of(Some(p), "paragraph");
        assert!(p.begin >= last, "paragraphs overlap or are unsorted: {:?}", res.paragraphs);
        last = p.end;
    }
    last = 0;
    for s in &res.sentences {
        assert_eq!(of(s.span.as_ref(), "sentence"), s.text, "sentence text");
        let span = s.span.unwrap();
        assert!(span.begin >= last, "sentences overlap or are unsorted");
        last = span.end;
        let p = res.paragraphs.get(usize::try_from(s.paragraph_index).unwrap()).expect("paragraph_index in range");
        assert!(p.begin <= span.begin && span.end <= p.end, "sentence outside its paragraph");
    }
    for e in &res.entities {
        let mut last = 0;
        for m in &e.mentions {
            assert_eq!(of(m.span.as_ref(), "mention"), m.text, "mention text");
            assert!(m.span.unwrap().begin >= last, "mentions of {} not in text order", e.name);
            last = m.span.unwrap().begin;
        }
        assert!((0.0..=1.0).contains(&e.salience), "salience {} of {}", e.salience, e.name);
    }
    let mut last = 0;
    for q in &res.quotes {
        assert_eq!(of(q.span.as_ref(), "quote"), q.text, "quote text");
        let content = q.span.unwrap();
        assert!(content.begin >= last, "quotes not in text order");
        last = content.begin;
        if let Some(sp) = q.speaker_span.as_ref() {
            assert_eq!(of(Some(sp), "speaker"), q.speaker, "speaker text");
            assert!(sp.end <= content.begin || sp.begin >= content.end, "speaker {sp:?} inside quote {content:?}");
        }
        if let Some(cue) = q.cue_span.as_ref() {
            assert_eq!(of(Some(cue), "cue"), q.cue, "cue text");
        }
        assert!((0.0..=1.0).contains(&q.confidence), "confidence {}", q.confidence);
        if !q.speaker_entity_id.is_empty() {
            assert!(res.entities.iter().any(|e| e.id == q.speaker_entity_id), "dangling speaker_entity_id");
        }
    }
    if let Some(summary) = &res.summary {
        for s in &summary.sentences {
            assert_eq!(of(s.span.as_ref(), "summary sentence"), s.text, "summary sentence text");
            let own = res.sentences.get(usize::try_from(s.sentence_index).unwrap()).expect("sentence_index in range");
            assert_eq!(own.span, s.span, "a summary sentence is a sentence of the text");
        }
        for k in &summary.keyphrases {
            if k.span.is_some() {
                of(k.span.as_ref(), "keyphrase");
            }
        }
    }
    if let Some(d) = res.metadata.as_ref().and_then(|m| m.dateline.as_ref()).filter(|d| d.span.is_some()) {
        of(d.span.as_ref(), "dateline");
    }
}

/// The bytes of quote text an answer holds: more than a few times the
/// article is an answer that grows faster than its input.
pub fn quote_bytes(res: &pb::AnalyzeArticleResponse) -> usize {
    res.quotes.iter().map(|q| q.text.len()).sum()
}
