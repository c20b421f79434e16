//! The service end to end: a real server on 127.0.0.1:0, the generated client.

mod common;

use common::{SEED, TestServer, analyze_request, config, document};
use lede::pb;
use std::time::Duration;
use tonic::Code;
use tonic::codec::CompressionEncoding;
use tonic_types::StatusExt;

fn bad_fields(status: &tonic::Status) -> Vec<String> {
    status
        .get_details_bad_request()
        .map(|b| b.field_violations.into_iter().map(|v| v.field).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn analyze_article_keeps_plain_text_and_segments_it() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let res = client.analyze_article(analyze_request("seed", SEED)).await.unwrap().into_inner();
    assert_eq!(res.document_id, "seed");
    assert_eq!(res.text, SEED);
    assert_eq!(res.encoding_type, pb::EncodingType::Utf8 as i32);
    assert_eq!(res.paragraphs.len(), 19);
    let first = &res.sentences[0];
    assert_eq!(first.text, "date 2023-02-23 23 February 2023 16:09 (UTC+04:00)");
    for s in &res.sentences {
        let span = s.span.unwrap();
        assert_eq!(&SEED[span.begin as usize..span.end as usize], s.text);
    }
}

#[tokio::test]
async fn offsets_follow_the_requested_encoding() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let text = "😀 Hi there. Ça va?";
    for (encoding, begin) in
        [(pb::EncodingType::Utf8, 15), (pb::EncodingType::Utf16, 13), (pb::EncodingType::Utf32, 12)]
    {
        let mut req = analyze_request("e", text);
        req.encoding_type = encoding as i32;
        let res = client.analyze_article(req).await.unwrap().into_inner();
        assert_eq!(res.encoding_type, encoding as i32);
        assert_eq!(res.sentences[1].span.unwrap().begin, begin, "{encoding:?}");
    }
}

#[tokio::test]
async fn bad_requests_name_their_fields() {
    let server = TestServer::start().await;
    let mut client = server.client().await;

    let status = client.analyze_article(analyze_request("blank", " \n\t ")).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("document.content"), "{}", status.message());
    assert_eq!(bad_fields(&status), ["document.content"]);

    let mut req = analyze_request("none", "Text.");
    req.features = Some(pb::Features::default());
    req.encoding_type = 7;
    let status = client.analyze_article(req).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(bad_fields(&status), ["features", "encoding_type"]);

    let status = client.analyze_article(pb::AnalyzeArticleRequest::default()).await.unwrap_err();
    assert_eq!(bad_fields(&status), ["document"]);
}

#[tokio::test]
async fn batch_fails_only_the_bad_document() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let requests = vec![analyze_request("a", "One. Two."), analyze_request("b", ""), analyze_request("c", SEED)];
    let res = client.batch_analyze_articles(pb::BatchAnalyzeArticlesRequest { requests }).await.unwrap().into_inner();
    let ids: Vec<&str> = res.results.iter().map(|r| r.document_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    use pb::analyze_article_result::Outcome;
    assert!(matches!(&res.results[0].outcome, Some(Outcome::Response(r)) if r.sentences.len() == 2));
    match &res.results[1].outcome {
        Some(Outcome::Error(status)) => {
            assert_eq!(status.code, Code::InvalidArgument as i32);
            assert_eq!(status.details.len(), 1, "BadRequest details travel with the item");
        }
        other => panic!("expected an error, got {other:?}"),
    }
    assert!(matches!(&res.results[2].outcome, Some(Outcome::Response(r)) if r.text == SEED));
}

#[tokio::test]
async fn batch_over_the_cap_or_empty_is_refused() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let requests = vec![analyze_request("x", "Hi."); lede::api::MAX_BATCH + 1];
    let status = client.batch_analyze_articles(pb::BatchAnalyzeArticlesRequest { requests }).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("the limit is 256"), "{}", status.message());
    assert_eq!(bad_fields(&status), ["requests"]);
    let status = client.batch_analyze_articles(pb::BatchAnalyzeArticlesRequest::default()).await.unwrap_err();
    assert_eq!(bad_fields(&status), ["requests"]);
}

#[tokio::test]
async fn stream_answers_every_document_with_its_id() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let items = ["s1", "s2", "s3"].map(|id| pb::StreamAnalyzeArticlesRequest {
        request: Some(analyze_request(id, if id == "s2" { "" } else { "A sentence. Another one." })),
    });
    let mut answers = client.stream_analyze_articles(tokio_stream::iter(items)).await.unwrap().into_inner();
    let mut seen = Vec::new();
    while let Some(answer) = answers.message().await.unwrap() {
        let result = answer.result.unwrap();
        let failed = matches!(result.outcome, Some(pb::analyze_article_result::Outcome::Error(_)));
        seen.push((result.document_id, failed));
    }
    seen.sort();
    assert_eq!(seen, [("s1".to_owned(), false), ("s2".to_owned(), true), ("s3".to_owned(), false)]);
}

#[tokio::test]
async fn oversized_requests_get_resource_exhausted_with_the_limit() {
    let mut config = config();
    config.limits.max_message_bytes = 64 * 1024;
    let server = TestServer::with(config).await;
    let big = "word ".repeat(20_000);
    let status = server.client().await.analyze_article(analyze_request("big", &big)).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert!(status.message().contains("65536 bytes"), "{}", status.message());

    // A small compressed message that inflates past the limit is refused too.
    let mut gzip = server.client().await.send_compressed(CompressionEncoding::Gzip);
    let status = gzip.analyze_article(analyze_request("bomb", &" ".repeat(1 << 20))).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
}

#[tokio::test]
async fn gzip_and_zstd_both_work() {
    let server = TestServer::start().await;
    for encoding in [CompressionEncoding::Gzip, CompressionEncoding::Zstd] {
        let mut client = server.client().await.send_compressed(encoding).accept_compressed(encoding);
        let res = client.analyze_article(analyze_request("z", SEED)).await.unwrap().into_inner();
        assert_eq!(res.text, SEED);
    }
}

/// tonic's client gives up at the same instant as the server, so the
/// server's own answer is checked on the service itself, with the header a
/// client sends.
#[tokio::test]
async fn an_expired_deadline_answers_deadline_exceeded() {
    use lede::pb::article_service_server::ArticleService;
    let api = lede::api::ArticleApi::new(config().limits, config().quote_method, config().recorder);
    let mut req = tonic::Request::new(analyze_request("slow", &SEED.repeat(400)));
    req.metadata_mut().insert("grpc-timeout", "1m".parse().unwrap());
    let status = api.analyze_article(req).await.unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    assert!(status.message().contains("deadline"), "{}", status.message());
}

#[tokio::test]
async fn over_the_in_flight_limit_requests_are_shed() {
    let mut config = config();
    config.limits.max_in_flight = 1;
    let server = TestServer::with(config).await;
    let mut client = server.client().await;
    // An open stream holds the only admission slot.
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    let mut stream =
        client.stream_analyze_articles(tokio_stream::wrappers::ReceiverStream::new(rx)).await.unwrap().into_inner();
    tx.send(pb::StreamAnalyzeArticlesRequest { request: Some(analyze_request("held", "Hold on.")) }).await.unwrap();
    assert!(stream.message().await.unwrap().is_some());
    let status = server.client().await.analyze_article(analyze_request("shed", "Hi.")).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert!(status.message().contains("limit of 1 concurrent"), "{}", status.message());
    drop(tx);
    assert!(stream.message().await.unwrap().is_none());
}

#[tokio::test]
async fn health_reports_each_service_and_goes_not_serving_on_shutdown() {
    use tonic_health::pb::{HealthCheckRequest, health_check_response::ServingStatus, health_client::HealthClient};
    let mut server = TestServer::start().await;
    let mut health = HealthClient::new(server.channel().await);
    for service in ["", "lede.v1.ArticleService"] {
        let res = health.check(HealthCheckRequest { service: service.into() }).await.unwrap().into_inner();
        assert_eq!(res.status(), ServingStatus::Serving, "{service:?}");
    }
    let unknown = health.check(HealthCheckRequest { service: "nope.Service".into() }).await.unwrap_err();
    assert_eq!(unknown.code(), Code::NotFound);

    let mut watch =
        health.watch(HealthCheckRequest { service: "lede.v1.ArticleService".into() }).await.unwrap().into_inner();
    assert_eq!(watch.message().await.unwrap().unwrap().status(), ServingStatus::Serving);
    server.shut_down();
    assert_eq!(watch.message().await.unwrap().unwrap().status(), ServingStatus::NotServing);
}

#[tokio::test]
async fn shutdown_lets_the_request_in_flight_finish() {
    let mut server = TestServer::start().await;
    let mut client = server.client().await;
    let big = SEED.repeat(300);
    let in_flight = tokio::spawn(async move { client.analyze_article(analyze_request("inflight", &big)).await });
    tokio::time::sleep(Duration::from_millis(20)).await;
    server.shut_down();
    let res = in_flight.await.unwrap().expect("the in-flight request completes");
    assert_eq!(res.into_inner().document_id, "inflight");
    tokio::time::timeout(Duration::from_secs(10), &mut server.handle).await.unwrap().unwrap().unwrap();
}

#[tokio::test]
async fn reflection_lists_the_services_in_v1_and_v1alpha() {
    let server = TestServer::start().await;
    let channel = server.channel().await;
    use tonic_reflection::pb::{v1, v1alpha};
    let mut client = v1::server_reflection_client::ServerReflectionClient::new(channel.clone());
    let req = v1::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(v1::server_reflection_request::MessageRequest::ListServices(String::new())),
    };
    let mut answers = client.server_reflection_info(tokio_stream::iter([req])).await.unwrap().into_inner();
    let Some(v1::server_reflection_response::MessageResponse::ListServicesResponse(list)) =
        answers.message().await.unwrap().unwrap().message_response
    else {
        panic!("expected a service list");
    };
    let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
    assert!(names.contains(&"lede.v1.ArticleService".to_owned()), "{names:?}");
    assert!(names.contains(&"grpc.health.v1.Health".to_owned()), "{names:?}");

    let mut alpha = v1alpha::server_reflection_client::ServerReflectionClient::new(channel);
    let req = v1alpha::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(v1alpha::server_reflection_request::MessageRequest::FileContainingSymbol(
            "lede.v1.AnalyzeArticleResponse".into(),
        )),
    };
    let mut answers = alpha.server_reflection_info(tokio_stream::iter([req])).await.unwrap().into_inner();
    let answer = answers.message().await.unwrap().unwrap();
    assert!(matches!(
        answer.message_response,
        Some(v1alpha::server_reflection_response::MessageResponse::FileDescriptorResponse(_))
    ));
}

#[tokio::test]
async fn the_seed_article_comes_out_right() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let res = client.analyze_article(analyze_request("seed", SEED)).await.unwrap().into_inner();

    let meta = res.metadata.unwrap();
    assert_eq!(meta.title, "");
    let published = meta.published_at.unwrap();
    assert_eq!(published.local, "2023-02-23T16:09:00+04:00");
    assert_eq!(published.precision, pb::DatePrecision::Minute as i32);
    assert_eq!(published.instant.unwrap().seconds, 1_677_154_140);
    let authors: Vec<(&str, &str)> = meta.authors.iter().map(|a| (a.name.as_str(), a.handle.as_str())).collect();
    assert_eq!(authors, [("Sabina Mammadli", "@SabinaMmdl")]);
    assert_eq!(meta.authors[0].kind, pb::AuthorKind::Person as i32);
    assert_eq!((meta.publisher.as_str(), meta.publisher_handle.as_str()), ("AzerNews", "@AzerNewsAz"));
    assert_eq!(meta.language_code, "en");

    let entity = |name: &str| res.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name}"));
    let zakharova = entity("Maria Zakharova");
    assert_eq!(zakharova.r#type, pb::EntityType::Person as i32);
    assert!(zakharova.roles.iter().any(|r| r.contains("Spokesperson")), "{:?}", zakharova.roles);
    let galuzin = entity("Mikhail Galuzin");
    assert!(
        galuzin.mentions.iter().any(|m| m.text == "the deputy minister" && m.r#type == pb::MentionType::Common as i32)
    );
    assert_eq!(entity("December 12, 2022").normalized_value, "2022-12-12");
    assert!(res.entities.iter().all(|e| e.name != "Read" && e.name != "Follow"));

    let direct: Vec<(&str, &str, &str)> = res
        .quotes
        .iter()
        .filter(|q| q.r#type == pb::QuoteType::Direct as i32)
        .map(|q| (q.speaker.as_str(), q.speaker_name.as_str(), q.cue.as_str()))
        .collect();
    assert_eq!(
        direct,
        [
            ("she", "Maria Zakharova", "added"),
            ("Galuzin", "Mikhail Galuzin", "added"),
            ("the deputy minister", "Mikhail Galuzin", "said"),
            ("he", "Mikhail Galuzin", "added"),
        ]
    );
    for q in &res.quotes {
        if !q.speaker_entity_id.is_empty() {
            let speaker = res.entities.iter().find(|e| e.id == q.speaker_entity_id).expect("the id names an entity");
            assert_eq!(speaker.name, q.speaker_name);
        }
    }
}

fn quotes_request(method: Option<pb::QuoteMethod>) -> pb::ExtractQuotesRequest {
    pb::ExtractQuotesRequest {
        document: Some(document("seed", SEED)),
        encoding_type: 0,
        quote_options: method.map(|m| pb::QuoteOptions { method: m as i32 }),
    }
}

#[tokio::test]
async fn the_learned_method_finds_the_seeds_quotes_with_their_speakers() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let res = client.extract_quotes(quotes_request(Some(pb::QuoteMethod::Learned))).await.unwrap().into_inner().quotes;
    let of_kind = |kind: pb::QuoteType| res.iter().filter(|q| q.r#type == kind as i32).collect::<Vec<_>>();
    let direct: Vec<(&str, &str)> =
        of_kind(pb::QuoteType::Direct).iter().map(|q| (q.speaker.as_str(), q.speaker_name.as_str())).collect();
    assert_eq!(
        direct,
        [
            ("she", "Maria Zakharova"),
            ("Galuzin", "Mikhail Galuzin"),
            ("the deputy minister", "Mikhail Galuzin"),
            ("he", "Mikhail Galuzin")
        ]
    );
    // Seven reported by the two officials, each resolved to a full name; the
    // deal's terms are a document's.
    let reported = of_kind(pb::QuoteType::Indirect);
    let (people, others): (Vec<&pb::Quote>, Vec<&pb::Quote>) =
        reported.iter().partition(|q| q.speaker_type == pb::SpeakerType::Person as i32);
    assert!(people.len() >= 7, "{people:?}");
    assert!(people.iter().all(|q| ["Maria Zakharova", "Mikhail Galuzin"].contains(&q.speaker_name.as_str())));
    let others: Vec<(&str, i32)> = others.iter().map(|q| (q.speaker.as_str(), q.speaker_type)).collect();
    assert_eq!(others, [("The deal", pb::SpeakerType::Document as i32)]);
    assert!(res.iter().all(|q| q.confidence > 0.5 && q.confidence < 1.0), "{res:?}");
}

#[tokio::test]
async fn a_request_without_a_quote_method_gets_the_servers_default() {
    let learned = TestServer::with(lede::server::ServerConfig {
        quote_method: lede::analysis::quotes::QuoteMethod::Learned,
        ..config()
    })
    .await;
    let mut client = learned.client().await;
    let unset = client.extract_quotes(quotes_request(None)).await.unwrap().into_inner();
    let asked = client.extract_quotes(quotes_request(Some(pb::QuoteMethod::Learned))).await.unwrap().into_inner();
    assert_eq!(unset, asked);
    let rules = client.extract_quotes(quotes_request(Some(pb::QuoteMethod::Rules))).await.unwrap().into_inner();
    assert_ne!(unset, rules);
    let server = TestServer::start().await;
    let default = server.client().await.extract_quotes(quotes_request(None)).await.unwrap().into_inner();
    assert_eq!(default, rules);
}

#[tokio::test]
async fn an_unknown_quote_method_is_an_invalid_argument() {
    let server = TestServer::start().await;
    let mut req = quotes_request(None);
    req.quote_options = Some(pb::QuoteOptions { method: 9 });
    let status = server.client().await.extract_quotes(req).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(bad_fields(&status), ["quote_options.method"]);
}

#[tokio::test]
async fn parse_metadata_reads_an_html_page() {
    let server = TestServer::start().await;
    let mut client = server.client().await;
    let page = r#"<!doctype html><html lang="de"><head>
        <title>Gespräche stocken | Beispiel Zeitung</title>
        <meta property="og:site_name" content="Beispiel Zeitung">
        <meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
        <meta name="author" content="Erika Mustermann">
        </head><body><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
        <article><h1>Gespräche stocken</h1>
        <p>Die Gespräche zwischen den beiden Ländern stocken seit Wochen, sagte die Sprecherin am Dienstag in Berlin.</p>
        <p>Beide Seiten wollen im Frühjahr wieder verhandeln, doch ein Termin steht noch nicht fest.</p></article>
        <footer>Impressum · Datenschutz</footer></body></html>"#;
    let mut doc = document("page", page);
    doc.format = pb::DocumentFormat::Html as i32;
    let res = client
        .parse_metadata(pb::ParseMetadataRequest { document: Some(doc), encoding_type: 0 })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(res.document_id, "page");
    assert!(res.text.starts_with("Gespräche stocken") || res.text.contains("Die Gespräche zwischen"), "{}", res.text);
    assert!(!res.text.contains("Impressum"), "{}", res.text);
    let meta = res.metadata.unwrap();
    assert_eq!(meta.title, "Gespräche stocken");
    assert_eq!(meta.authors[0].name, "Erika Mustermann");
    assert_eq!(meta.published_at.unwrap().local, "2024-03-05T09:30:00+01:00");
    assert_eq!(meta.language_code, "de");
    assert_eq!(meta.language_source, pb::LanguageSource::Declared as i32);
}

#[tokio::test]
async fn metrics_count_calls_by_method_and_code() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let metrics_addr = listener.local_addr().unwrap();
    let metrics = std::sync::Arc::new(lede::metrics::Metrics::new());
    tokio::spawn(lede::metrics::serve(listener, metrics.clone()));
    let server = TestServer::with(lede::server::ServerConfig { recorder: metrics, ..config() }).await;
    let mut client = server.client().await;
    client.analyze_article(analyze_request("m1", SEED)).await.unwrap();
    client.analyze_article(analyze_request("m2", SEED)).await.unwrap();
    client.analyze_article(analyze_request("m3", "")).await.unwrap_err();
    let summarize = pb::SummarizeRequest { document: Some(document("m4", SEED)), ..Default::default() };
    client.summarize(summarize).await.unwrap();

    let scraped = common::scrape_metrics(metrics_addr).await;
    assert!(scraped.starts_with("HTTP/1.1 200 OK"), "{scraped}");
    let words = lede::analysis::segment::segment(SEED).word_count();
    for expected in [
        r#"lede_requests_total{method="AnalyzeArticle",code="OK"} 2"#.to_owned(),
        r#"lede_requests_total{method="AnalyzeArticle",code="INVALID_ARGUMENT"} 1"#.to_owned(),
        r#"lede_requests_total{method="Summarize",code="OK"} 1"#.to_owned(),
        r#"lede_request_duration_seconds_count{method="AnalyzeArticle"} 3"#.to_owned(),
        "lede_requests_in_flight 0".to_owned(),
        format!("lede_document_words_total {}", 3 * words),
        r#"lede_stage_duration_seconds_count{stage="entities"} 3"#.to_owned(),
    ] {
        assert!(scraped.contains(&expected), "{expected} missing from\n{scraped}");
    }
    assert_eq!(scraped.matches("lede_requests_total{").count(), 3, "only the methods and codes called:\n{scraped}");
}
