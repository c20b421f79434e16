//! Bad input over gRPC (issue 8): every request gets a precise status, never a
//! panic or a hang, and every span of an answer lands on a character boundary
//! of `text` in the encoding the caller asked for.

mod common;

use common::{SEED, TestServer, analyze_request, config, document};
use lede::analysis::quotes::QuoteMethod;
use lede::pb;
use prost::Message;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tonic::Code;
use tonic_types::StatusExt;

fn bad_fields(status: &tonic::Status) -> Vec<String> {
    status
        .get_details_bad_request()
        .map(|b| b.field_violations.into_iter().map(|v| v.field).collect())
        .unwrap_or_default()
}

/// Unit offset -> byte offset, for every character boundary of `text` counted
/// in `encoding`'s units.
struct Boundaries<'a> {
    text: &'a str,
    to_byte: HashMap<usize, usize>,
}

impl<'a> Boundaries<'a> {
    fn new(text: &'a str, encoding: i32) -> Self {
        let width = |c: char| match pb::EncodingType::try_from(encoding).unwrap() {
            pb::EncodingType::Unspecified | pb::EncodingType::Utf8 => c.len_utf8(),
            pb::EncodingType::Utf16 => c.len_utf16(),
            pb::EncodingType::Utf32 => 1,
        };
        let mut to_byte = HashMap::new();
        let mut units = 0;
        for (i, c) in text.char_indices() {
            to_byte.insert(units, i);
            units += width(c);
        }
        to_byte.insert(units, text.len());
        Self { text, to_byte }
    }

    /// The text a span covers, failing when either end is not a boundary.
    fn of(&self, span: Option<&pb::TextSpan>, what: &str) -> &'a str {
        let span = span.unwrap_or_else(|| panic!("{what}: no span"));
        let at = |unit: i32| {
            *self
                .to_byte
                .get(&usize::try_from(unit).unwrap())
                .unwrap_or_else(|| panic!("{what}: offset {unit} of {span:?} is not a character boundary of the text"))
        };
        let (begin, end) = (at(span.begin), at(span.end));
        assert!(begin <= end, "{what}: {span:?} is reversed");
        &self.text[begin..end]
    }
}

/// Every span of `res` lands on a character boundary of `res.text` in the
/// response's encoding, and the text it covers is the text the answer gives.
fn assert_spans_on_boundaries(res: &pb::AnalyzeArticleResponse) {
    let b = Boundaries::new(&res.text, res.encoding_type);
    let mut last_end = 0;
    for (i, p) in res.paragraphs.iter().enumerate() {
        b.of(Some(p), &format!("paragraph {i}"));
        assert!(p.begin >= last_end, "paragraph {i} {p:?} overlaps the one before");
        last_end = p.end;
    }
    last_end = 0;
    for (i, s) in res.sentences.iter().enumerate() {
        assert_eq!(b.of(s.span.as_ref(), &format!("sentence {i}")), s.text);
        let span = s.span.unwrap();
        assert!(span.begin >= last_end, "sentence {i} {span:?} overlaps the one before");
        last_end = span.end;
        let p = res.paragraphs.get(s.paragraph_index as usize).expect("paragraph_index in range");
        assert!(p.begin <= span.begin && span.end <= p.end, "sentence {i} {span:?} is outside its paragraph {p:?}");
    }
    for e in &res.entities {
        for (j, m) in e.mentions.iter().enumerate() {
            assert_eq!(b.of(m.span.as_ref(), &format!("entity {} mention {j}", e.id)), m.text);
        }
    }
    for (i, q) in res.quotes.iter().enumerate() {
        assert_eq!(b.of(q.span.as_ref(), &format!("quote {i}")), q.text);
        let content = q.span.unwrap();
        if let Some(speaker) = q.speaker_span.as_ref() {
            assert_eq!(b.of(Some(speaker), &format!("quote {i} speaker")), q.speaker);
            assert!(
                speaker.end <= content.begin || speaker.begin >= content.end,
                "quote {i}: speaker {speaker:?} inside the quote {content:?}"
            );
        }
        if let Some(cue) = q.cue_span.as_ref() {
            assert_eq!(b.of(Some(cue), &format!("quote {i} cue")), q.cue);
        }
    }
    if let Some(summary) = &res.summary {
        for (i, s) in summary.sentences.iter().enumerate() {
            assert_eq!(b.of(s.span.as_ref(), &format!("summary sentence {i}")), s.text);
        }
        for (i, k) in summary.keyphrases.iter().enumerate() {
            if k.span.is_some() {
                b.of(k.span.as_ref(), &format!("keyphrase {i}"));
            }
        }
    }
    if let Some(dateline) = res.metadata.as_ref().and_then(|m| m.dateline.as_ref())
        && dateline.span.is_some()
    {
        b.of(dateline.span.as_ref(), "dateline");
    }
}

fn with_format(mut req: pb::AnalyzeArticleRequest, format: pb::DocumentFormat) -> pb::AnalyzeArticleRequest {
    req.document.as_mut().unwrap().format = format as i32;
    req
}

fn with_encoding(mut req: pb::AnalyzeArticleRequest, encoding: pb::EncodingType) -> pb::AnalyzeArticleRequest {
    req.encoding_type = encoding as i32;
    req
}

const ENCODINGS: [pb::EncodingType; 3] = [pb::EncodingType::Utf8, pb::EncodingType::Utf16, pb::EncodingType::Utf32];

#[tokio::test]
async fn empty_and_white_space_content_is_invalid_argument() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    for content in ["", " ", "\n\n\t  \r\n", "\u{a0}\u{2003}\u{3000}\u{2028}"] {
        let status = client.analyze_article(analyze_request("blank", content)).await.unwrap_err();
        assert_eq!(status.code(), Code::InvalidArgument, "{content:?}: {status:?}");
        assert!(status.message().contains("only white space"), "{content:?}: {}", status.message());
        assert_eq!(bad_fields(&status), ["document.content"], "{content:?}");
    }
    // A document without any content at all names the missing field.
    let req = pb::AnalyzeArticleRequest {
        document: Some(pb::Document { id: "none".into(), ..Default::default() }),
        ..Default::default()
    };
    let status = client.analyze_article(req).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("document.content: is required"), "{}", status.message());
    // Every single-job RPC refuses it the same way.
    let status = client
        .extract_entities(pb::ExtractEntitiesRequest { document: Some(document("e", "  ")), encoding_type: 0 })
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(bad_fields(&status), ["document.content"]);
}

#[tokio::test]
async fn one_byte_over_the_message_limit_is_resource_exhausted() {
    const LIMIT: usize = 4096;
    let mut config = config();
    config.limits.max_message_bytes = LIMIT;
    let server = TestServer::with(config).await;
    let mut client = server.client().await;
    // A request whose encoding is exactly `len` bytes.
    let sized = |len: usize| {
        let mut req = analyze_request("limit", "");
        let overhead = req.encoded_len();
        let mut content = "A sentence. ".repeat(len / 12 + 1);
        content.truncate(len - overhead - 1);
        content.push('.');
        req = analyze_request("limit", &content);
        // The content's length prefix may have grown by a byte.
        while req.encoded_len() > len {
            content.pop();
            req = analyze_request("limit", &content);
        }
        assert_eq!(req.encoded_len(), len);
        req
    };
    let at_limit = client.analyze_article(sized(LIMIT)).await.expect("a request of exactly the limit is served");
    assert_eq!(at_limit.into_inner().document_id, "limit");
    let status = client.analyze_article(sized(LIMIT + 1)).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("limit of 4096 bytes"), "{}", status.message());
    // In a stream, the oversized item ends the stream with the same status.
    let items = [pb::StreamAnalyzeArticlesRequest { request: Some(sized(LIMIT + 1 - 3)) }];
    assert_eq!(items[0].encoded_len(), LIMIT + 1);
    let mut answers = client.stream_analyze_articles(tokio_stream::iter(items)).await.unwrap().into_inner();
    let status = answers.message().await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("limit of 4096 bytes"), "{}", status.message());
    // The server still serves after refusing.
    assert!(client.analyze_article(analyze_request("after", "Still here.")).await.is_ok());
}

#[tokio::test]
async fn nul_bytes_and_control_characters_are_analyzed_as_text() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let text = "Nul\0here. \u{1}\u{2}\u{7}\u{8}\u{1b}[31mRed\u{1b}[0m text.\u{b}\u{c}\u{7f}\u{85} \
                Maria Zakharova said \"\0quoted\u{1}\" today.\u{0}\u{0}\u{0}";
    for encoding in ENCODINGS {
        let res = client.analyze_article(with_encoding(analyze_request("ctl", text), encoding)).await.unwrap();
        let res = res.into_inner();
        assert_eq!(res.text, text, "the text comes back unchanged");
        assert!(!res.sentences.is_empty());
        assert_spans_on_boundaries(&res);
    }
    // Only control characters: nothing to read, but not white space either.
    let res = client.analyze_article(analyze_request("ctl-only", "\0\u{1}\u{2}\u{1f}")).await;
    match res {
        Ok(res) => assert_spans_on_boundaries(&res.into_inner()),
        Err(status) => {
            assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
            assert!(status.message().contains("document.content"), "{}", status.message());
        }
    }
}

#[tokio::test]
async fn raw_bytes_that_are_not_utf8_are_decoded_without_failing() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let mut bytes = b"Caf\xe9 au lait. \xff\xfe\x00 Broken \xc3 UTF-8 \xed\xa0\x80 here.".to_vec();
    bytes.extend_from_slice("  Fine text too.".as_bytes());
    let req = pb::AnalyzeArticleRequest {
        document: Some(pb::Document {
            id: "raw".into(),
            source: Some(pb::document::Source::RawContent(bytes)),
            ..Default::default()
        }),
        encoding_type: pb::EncodingType::Utf16 as i32,
        ..Default::default()
    };
    let res = client.analyze_article(req).await.unwrap().into_inner();
    assert!(res.text.contains("Fine text too."), "{:?}", res.text);
    assert_spans_on_boundaries(&res);
}

#[tokio::test]
async fn a_megabyte_line_without_spaces_is_answered() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let started = Instant::now();
    // One megabyte-long token, then 70,000 short ones (a capitalized word
    // seen more than 65,535 times).
    for (id, line) in [("letters", "a".repeat(1 << 20)), ("tokens", "Ab.".repeat(70_000))] {
        let res = client.analyze_article(with_encoding(analyze_request(id, &line), pb::EncodingType::Utf16)).await;
        let res = res.unwrap_or_else(|s| panic!("{id}: {s:?}")).into_inner();
        assert_eq!(res.text.len(), line.len(), "{id}");
        assert_spans_on_boundaries(&res);
    }
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn a_hundred_thousand_nested_html_elements_are_answered() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    const DEPTH: usize = 100_000;
    let started = Instant::now();
    for tag in ["div", "span", "b"] {
        let html = format!(
            "<html><body>{}<p>Deep text, said Maria Zakharova.</p>{}</body></html>",
            format!("<{tag}>").repeat(DEPTH),
            format!("</{tag}>").repeat(DEPTH)
        );
        let req = with_format(analyze_request(tag, &html), pb::DocumentFormat::Html);
        let res = client.analyze_article(req).await.unwrap_or_else(|s| panic!("{tag}: {s:?}")).into_inner();
        assert!(res.text.contains("Deep text"), "{tag}: the text is kept");
        assert_spans_on_boundaries(&res);
    }
    // Unclosed, too: the parser must not recurse once per open element.
    let html = "<div>".repeat(DEPTH) + "Unclosed deep text.";
    let req = with_format(analyze_request("unclosed", &html), pb::DocumentFormat::Html);
    let res = client.analyze_article(req).await.unwrap_or_else(|s| panic!("unclosed: {s:?}")).into_inner();
    assert!(res.text.contains("Unclosed deep text"));
    assert!(started.elapsed() < Duration::from_secs(40), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn fifty_thousand_quote_marks_are_answered() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let started = Instant::now();
    let marks = ["\"", "“", "”", "'", "«", "»", "„", "‘", "’", "「", "」", "`"];
    let inputs = [
        ("straight", "\"".repeat(50_000)),
        ("mixed", (0..50_000).map(|i| marks[i * 7 % marks.len()]).collect::<String>()),
    ];
    for (id, text) in inputs {
        let res = client.analyze_article(with_encoding(analyze_request(id, &text), pb::EncodingType::Utf32)).await;
        let res = res.unwrap_or_else(|s| panic!("{id}: {s:?}")).into_inner();
        assert_eq!(res.text, text, "{id}");
        assert_spans_on_boundaries(&res);
    }
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
}

/// Every reporting verb of one long sentence opens a reported quote; those
/// quotes must not each run to the sentence's end, or the answer grows with
/// the square of the input (50,000 of them: gigabytes).
#[tokio::test]
async fn many_reporting_verbs_in_one_sentence_keep_the_answer_linear() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let text = (0..2_000).map(|i| format!("\"w{i} said")).collect::<Vec<_>>().join(" ");
    let res = client.analyze_article(analyze_request("said", &text)).await.unwrap().into_inner();
    assert_spans_on_boundaries(&res);
    let quoted: usize = res.quotes.iter().map(|q| q.text.len()).sum();
    assert!(
        quoted <= 2 * text.len(),
        "{} quotes hold {quoted} bytes of text for a {}-byte article",
        res.quotes.len(),
        text.len()
    );
}

#[tokio::test]
async fn unbalanced_quotes_are_answered_with_spans_in_the_text() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let texts = [
        "Maria Zakharova said: \"This never ends. And then the paragraph is over.\n\nNew paragraph, she added.",
        "He said ” closing first “ and opening last",
        "« Guillemets without end, said the minister. ‘Single, he added.",
        "\"\"\"Three, said Bob.\" \"\" '",
        "It's the students' \"best' year”, the dean said.”",
        "„Nie“ — sagte er. 「終わらない",
    ];
    for text in texts {
        for encoding in ENCODINGS {
            let res = client.analyze_article(with_encoding(analyze_request("q", text), encoding)).await;
            let res = res.unwrap_or_else(|s| panic!("{text:?}: {s:?}")).into_inner();
            assert_spans_on_boundaries(&res);
        }
    }
}

#[tokio::test]
async fn only_punctuation_is_answered() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    for text in ["...", "!!! ??? ... ,,, ;;; ---", "“”«»—–-…·•§¶†‡※", "?.!.?!"] {
        let res = client.analyze_article(analyze_request("p", text)).await;
        let res = res.unwrap_or_else(|s| panic!("{text:?}: {s:?}")).into_inner();
        assert_eq!(res.text, text);
        assert!(res.entities.is_empty(), "{text:?}: {:?}", res.entities);
        assert!(res.quotes.is_empty(), "{text:?}: {:?}", res.quotes);
        assert_spans_on_boundaries(&res);
    }
}

/// Characters that continue the grapheme before them: a span starting on one
/// splits what a reader sees as one character.
fn continues_grapheme(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}' | '\u{200d}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{64b}'..='\u{65f}'
        | '\u{591}'..='\u{5c7}' | '\u{93a}'..='\u{94f}' | '\u{e0020}'..='\u{e007f}')
}

#[tokio::test]
async fn rtl_emoji_and_combining_marks_keep_spans_on_character_boundaries() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let text = "\u{202b}قال الوزير \"هذا مهم جدا\" أمس.\u{202c} שלום עולם, אמר דוד.\n\n\
                Jose\u{301} Garci\u{301}a said \"the family 👨\u{200d}👩\u{200d}👧\u{200d}👦 is here\" on Monday. \
                Zoe\u{308} Smith 👍🏽 added: “Ça va? 🏳\u{fe0f}\u{200d}🌈 ok.”\n\
                नमस्ते दुनिया। Maria Zakharova told reporters \"महत्वपूर्ण\" in 🇺🇦 Kyiv on 12 December 2022.\n\n\
                \"Ми\u{301}р,\" said Vladimir Putin. 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} Wales.";
    for encoding in ENCODINGS {
        let mut req = with_encoding(analyze_request("uni", text), encoding);
        req.features = None; // every analysis this build has
        let res = client.analyze_article(req).await.unwrap().into_inner();
        assert_eq!(res.text, text);
        assert_eq!(res.encoding_type, encoding as i32);
        assert!(res.sentences.len() >= 5, "{:?}", res.sentences);
        assert_spans_on_boundaries(&res);
    }
    // Code points are not enough for names: "José" written with a combining
    // accent is one name, not "Jos" and a stray mark.
    let res = client.analyze_article(analyze_request("uni", text)).await.unwrap().into_inner();
    let spans = res.entities.iter().flat_map(|e| &e.mentions).map(|m| (m.span.unwrap(), m.text.as_str()));
    let spans = spans.chain(res.quotes.iter().map(|q| (q.span.unwrap(), q.text.as_str())));
    for (span, what) in spans {
        for at in [span.begin, span.end] {
            let next = text[at as usize..].chars().next();
            assert!(!next.is_some_and(continues_grapheme), "{what:?} {span:?} splits a grapheme at {at}");
        }
    }
}

#[tokio::test]
async fn crlf_and_cr_line_endings_segment_like_lf() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let lf = "Headline of the story\nBAKU, Feb. 23. Maria Zakharova spoke.\n\"We are ready,\" she said.\n\n\
              Second paragraph here. It has two sentences.\n\nThird.";
    let reference = client.analyze_article(analyze_request("lf", lf)).await.unwrap().into_inner();
    let shape = |res: &pb::AnalyzeArticleResponse| {
        let sentences: Vec<(String, i32)> = res.sentences.iter().map(|s| (s.text.clone(), s.paragraph_index)).collect();
        let quotes: Vec<(String, String)> = res.quotes.iter().map(|q| (q.text.clone(), q.speaker.clone())).collect();
        (res.paragraphs.len(), sentences, quotes)
    };
    for (id, newline) in [("crlf", "\r\n"), ("cr", "\r")] {
        let text = lf.replace('\n', newline);
        let res = client.analyze_article(analyze_request(id, &text)).await.unwrap().into_inner();
        assert_eq!(res.text, text, "{id}: the text is kept as sent");
        assert_spans_on_boundaries(&res);
        assert!(res.sentences.iter().all(|s| !s.text.contains(['\r', '\n'])), "{id}: {:?}", res.sentences);
        assert_eq!(shape(&res), shape(&reference), "{id} segments like LF");
    }
}

#[tokio::test]
async fn unknown_enum_numbers_are_invalid_argument_naming_the_field() {
    let server = TestServer::start().await;
    let mut client = server.client().await;

    let mut req = analyze_request("enum", "Some text.");
    req.encoding_type = 4;
    let status = client.analyze_article(req).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("encoding_type: 4 is not a known value"), "{}", status.message());
    assert_eq!(bad_fields(&status), ["encoding_type"]);

    let req = with_format(analyze_request("enum", "Some text."), pb::DocumentFormat::Html);
    let mut req = req;
    req.document.as_mut().unwrap().format = -1;
    let status = client.analyze_article(req).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("document.format: -1 is not a known value"), "{}", status.message());
    assert_eq!(bad_fields(&status), ["document.format"]);

    let status = client
        .extract_quotes(pb::ExtractQuotesRequest {
            document: Some(document("q", "Text.")),
            encoding_type: i32::MAX,
            quote_options: None,
        })
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains(&format!("{} is not a known value", i32::MAX)), "{}", status.message());

    let status = client
        .summarize(pb::SummarizeRequest {
            document: Some(document("s", "Text.")),
            encoding_type: 9,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert_eq!(bad_fields(&status), ["encoding_type"]);
}

#[tokio::test]
async fn a_batch_fails_only_its_bad_documents() {
    use pb::analyze_article_result::Outcome;
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let mut unknown_format = analyze_request("bad-format", "Fine text.");
    unknown_format.document.as_mut().unwrap().format = 77;
    let requests = vec![
        analyze_request("good-1", "One. Two."),
        analyze_request("blank", "\n \t"),
        analyze_request("good-2", "\0 \u{1} control. \"Unbalanced"),
        unknown_format,
        pb::AnalyzeArticleRequest { document: None, ..Default::default() },
        analyze_request("good-3", SEED),
    ];
    let res = client.batch_analyze_articles(pb::BatchAnalyzeArticlesRequest { requests }).await.unwrap().into_inner();
    let ids: Vec<&str> = res.results.iter().map(|r| r.document_id.as_str()).collect();
    assert_eq!(ids, ["good-1", "blank", "good-2", "bad-format", "", "good-3"]);
    for (result, expected) in res.results.iter().zip([
        None,
        Some("document.content"),
        None,
        Some("document.format: 77"),
        Some("document: is required"),
        None,
    ]) {
        match (&result.outcome, expected) {
            (Some(Outcome::Response(r)), None) => assert_spans_on_boundaries(r),
            (Some(Outcome::Error(status)), Some(needle)) => {
                assert_eq!(status.code, Code::InvalidArgument as i32, "{}", result.document_id);
                assert!(status.message.contains(needle), "{}: {}", result.document_id, status.message);
            }
            (other, _) => panic!("{}: unexpected {other:?}", result.document_id),
        }
    }
}

/// tonic's client enforces its own deadline and reports CANCELLED at the same
/// instant the server gives up, so the server's answer is checked on the
/// service itself, with the header a client sends.
#[tokio::test]
async fn a_deadline_shorter_than_the_analysis_is_deadline_exceeded() {
    use lede::pb::article_service_server::ArticleService;
    let api = lede::api::ArticleApi::new(config().limits, config().quote_method, config().recorder);
    let big = SEED.repeat(200);
    for timeout in ["1n", "1m", "20m"] {
        let mut req = tonic::Request::new(analyze_request("slow", &big));
        req.metadata_mut().insert("grpc-timeout", timeout.parse().unwrap());
        let started = Instant::now();
        let status = api.analyze_article(req).await.unwrap_err();
        assert_eq!(status.code(), Code::DeadlineExceeded, "{timeout}: {status:?}");
        assert!(status.message().contains("deadline passed"), "{}", status.message());
        assert!(started.elapsed() < Duration::from_secs(1), "{timeout}: answered after {:?}", started.elapsed());
    }
    // In a batch, each document answers DEADLINE_EXCEEDED on its own.
    let mut req = tonic::Request::new(pb::BatchAnalyzeArticlesRequest {
        requests: vec![analyze_request("b1", &big), analyze_request("b2", &big)],
    });
    req.metadata_mut().insert("grpc-timeout", "5m".parse().unwrap());
    let res = api.batch_analyze_articles(req).await.unwrap().into_inner();
    for r in &res.results {
        match &r.outcome {
            Some(pb::analyze_article_result::Outcome::Error(s)) => {
                assert_eq!(s.code, Code::DeadlineExceeded as i32, "{}", r.document_id)
            }
            other => panic!("{}: {other:?}", r.document_id),
        }
    }
}

/// The analysis itself stops soon after the deadline instead of running to
/// the end on its blocking thread.
#[test]
fn an_expired_analysis_stops_burning_cpu() {
    let big = SEED.repeat(30);
    let req = analyze_request("slow", &big);
    let started = Instant::now();
    lede::api::analyze_blocking(&req, QuoteMethod::Rules, &lede::analysis::Budget::default()).unwrap();
    let full = started.elapsed();
    let budget = lede::analysis::Budget::new(Some(Instant::now() + Duration::from_millis(1)));
    let started = Instant::now();
    let err = lede::api::analyze_blocking(&req, QuoteMethod::Rules, &budget).unwrap_err();
    let abandoned = started.elapsed();
    assert_eq!(err.code(), Code::DeadlineExceeded, "{err:?}");
    assert!(abandoned * 2 < full, "a 1 ms deadline still ran {abandoned:?} of a {full:?} analysis");
}

#[tokio::test]
async fn a_client_deadline_over_grpc_leaves_the_server_serving() {
    let mut config = config();
    config.limits.workers = 1;
    let server = TestServer::with(config).await;
    let mut client = server.client().await;
    let mut req = tonic::Request::new(analyze_request("slow", &SEED.repeat(200)));
    req.set_timeout(Duration::from_millis(5));
    let status = client.analyze_article(req).await.unwrap_err();
    assert!(matches!(status.code(), Code::DeadlineExceeded | Code::Cancelled), "{status:?}");
    // The one worker is free again: the abandoned analysis does not hold it.
    let started = Instant::now();
    let res = client.analyze_article(analyze_request("next", "Quick one.")).await.unwrap().into_inner();
    assert_eq!(res.document_id, "next");
    assert!(started.elapsed() < Duration::from_secs(30), "waited {:?}", started.elapsed());
}

/// A page that declares its own charset is read in it, even when the caller's
/// `charset` says otherwise; an undeclared one is detected.
#[tokio::test]
async fn html_declared_as_another_charset_is_decoded_by_its_declaration() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    // "Привет, мир" in windows-1251.
    let privet: &[u8] = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0";
    let page = [
        &b"<html><head><meta charset=\"windows-1251\"><title>T</title></head><body><article><p>"[..],
        privet,
        b". Maria Zakharova said it twice.</p><p>",
        privet,
        b" again, in the second paragraph of the page.</p></article></body></html>",
    ]
    .concat();
    for (hint, format) in [("utf-8", pb::DocumentFormat::Html), ("", pb::DocumentFormat::Unspecified)] {
        let req = pb::AnalyzeArticleRequest {
            document: Some(pb::Document {
                id: "cp1251".into(),
                source: Some(pb::document::Source::RawContent(page.clone())),
                format: format as i32,
                charset: hint.into(),
                ..Default::default()
            }),
            encoding_type: pb::EncodingType::Utf16 as i32,
            ..Default::default()
        };
        let res = client.analyze_article(req).await.unwrap_or_else(|s| panic!("{hint:?}: {s:?}")).into_inner();
        assert!(res.text.contains("Привет, мир"), "{hint:?}: {:?}", res.text);
        assert!(!res.text.contains('\u{fffd}'), "{hint:?}: {:?}", res.text);
        assert_spans_on_boundaries(&res);
    }
}
