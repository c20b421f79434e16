//! The HTTP listener against a real server: the JSON API route by route, its
//! errors as `google.rpc.Status` with the standard HTTP statuses, the limits
//! it shares with gRPC, gRPC-Web from a real client, health, the page, TLS
//! and tokens, metrics, and the binary's flag, drain and logs.

mod common;

use bytes::Bytes;
use common::pki::Pki;
use common::{SEED, TestServer, analyze_request, config};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use lede::auth::{Policy, Tokens};
use lede::pb;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::time::Duration;
use tonic::Code;
use tonic::codegen::http::{HeaderMap, Method, Request, StatusCode, header};

const TOKEN: &str = "http-test-token-0123456789";

/// An answer, read whole.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    /// The `google.rpc.Status` of an error answer: its code and message.
    fn status(&self) -> (i64, String) {
        let json = self.json();
        (json["code"].as_i64().unwrap(), json["message"].as_str().unwrap().to_owned())
    }
}

/// An HTTP/1.1 client for the server's HTTP listener.
struct Http {
    addr: SocketAddr,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Http {
    fn of(server: &TestServer) -> Self {
        Self { addr: server.http_addr.unwrap(), client: Client::builder(TokioExecutor::new()).build_http() }
    }

    fn request(&self, method: Method, path: &str) -> tonic::codegen::http::request::Builder {
        Request::builder().method(method).uri(format!("http://{}{path}", self.addr))
    }

    async fn send(&self, req: Request<Full<Bytes>>) -> Answer {
        let res = self.client.request(req).await.unwrap();
        let (parts, body) = res.into_parts();
        Answer { status: parts.status, headers: parts.headers, body: body.collect().await.unwrap().to_bytes() }
    }

    async fn get(&self, path: &str) -> Answer {
        self.send(self.request(Method::GET, path).body(Full::default()).unwrap()).await
    }

    async fn post(&self, path: &str, body: impl Into<Bytes>) -> Answer {
        self.post_with(path, body, &[]).await
    }

    async fn post_with(&self, path: &str, body: impl Into<Bytes>, headers: &[(&str, &str)]) -> Answer {
        let mut req = self.request(Method::POST, path).header(header::CONTENT_TYPE, "application/json");
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        self.send(req.body(Full::new(body.into())).unwrap()).await
    }
}

/// A message as the JSON API and `lede analyze` write it.
fn proto_json<M: prost::Message>(name: &str, message: &M) -> Value {
    serde_json::from_str(&lede::json::to_json(name, message).unwrap()).unwrap()
}

fn seed_request(features: Value) -> String {
    json!({ "document": { "id": "seed", "content": SEED }, "features": features }).to_string()
}

/// Each route answers what its RPC answers over gRPC, in the proto3 JSON
/// `lede analyze` and grpcurl print.
#[tokio::test]
async fn every_json_route_answers_as_its_rpc_does() {
    let server = TestServer::with_http(config()).await;
    let http = Http::of(&server);
    let mut grpc = server.client().await;
    let document = || Some(common::document("seed", SEED));

    let body = json!({ "document": { "id": "seed", "content": SEED }, "encodingType": "ENCODING_TYPE_UTF16" });
    let utf16 = pb::EncodingType::Utf16 as i32;
    let answer = http.post("/v1/articles:parseMetadata", body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", String::from_utf8_lossy(&answer.body));
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
    let res = grpc
        .parse_metadata(pb::ParseMetadataRequest { document: document(), encoding_type: utf16 })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer.json(), proto_json("lede.v1.ParseMetadataResponse", &res));

    let answer = http.post("/v1/articles:extractEntities", body.to_string()).await;
    let res = grpc
        .extract_entities(pb::ExtractEntitiesRequest { document: document(), encoding_type: utf16 })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer.json(), proto_json("lede.v1.ExtractEntitiesResponse", &res));
    let zakharova = answer.json()["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Maria Zakharova")
        .cloned()
        .expect("Maria Zakharova among the entities");
    assert_eq!(zakharova["type"], "ENTITY_TYPE_PERSON");

    let answer = http.post("/v1/articles:extractQuotes", body.to_string()).await;
    let res = grpc
        .extract_quotes(pb::ExtractQuotesRequest { document: document(), encoding_type: utf16, quote_options: None })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer.json(), proto_json("lede.v1.ExtractQuotesResponse", &res));

    let options = json!({ "document": { "id": "seed", "content": SEED }, "summaryOptions": { "maxSentences": 2 } });
    let answer = http.post("/v1/articles:summarize", options.to_string()).await;
    assert_eq!(answer.json()["summary"]["sentences"].as_array().unwrap().len(), 2, "the options reach the RPC");
    let res = grpc
        .summarize(pb::SummarizeRequest {
            document: document(),
            encoding_type: 0,
            summary_options: Some(pb::SummaryOptions { max_sentences: 2, ..Default::default() }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer.json(), proto_json("lede.v1.SummarizeResponse", &res));

    let answer = http.post("/v1/articles:analyze", seed_request(json!({ "entities": true, "summary": true }))).await;
    let mut req = analyze_request("seed", SEED);
    req.features = Some(pb::Features { entities: true, summary: true, ..Default::default() });
    let res = grpc.analyze_article(req).await.unwrap().into_inner();
    assert_eq!(answer.json(), proto_json("lede.v1.AnalyzeArticleResponse", &res));

    // A batch keeps one result per document; a bad one fails only itself.
    let batch = json!({ "requests": [
        { "document": { "id": "good", "content": "Mary Smith said it works." } },
        { "document": { "id": "empty", "content": "  " } },
    ]});
    let answer = http.post("/v1/articles:batchAnalyze", batch.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK);
    let results = answer.json()["results"].as_array().unwrap().clone();
    assert_eq!(results[0]["documentId"], "good");
    assert_eq!(results[0]["response"]["text"], "Mary Smith said it works.");
    assert_eq!(results[1]["error"]["code"], Code::InvalidArgument as i32);
    assert_eq!(results[1]["error"]["details"][0]["fieldViolations"][0]["field"], "document.content");
}

#[tokio::test]
async fn errors_are_rpc_statuses_with_the_standard_http_status() {
    let server = TestServer::with_http(config()).await;
    let http = Http::of(&server);

    // The service's own refusal, with the same field violation gRPC callers get.
    let empty = http.post("/v1/articles:analyze", json!({ "document": { "content": " \n " } }).to_string()).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(empty.headers[header::CONTENT_TYPE], "application/json");
    let status = empty.json();
    assert_eq!(status["code"], Code::InvalidArgument as i32);
    assert!(status["message"].as_str().unwrap().contains("document.content"), "{status}");
    assert_eq!(status["details"][0]["@type"], "type.googleapis.com/google.rpc.BadRequest");
    assert_eq!(status["details"][0]["fieldViolations"][0]["field"], "document.content");

    let none = http.post("/v1/articles:analyze", seed_request(json!({ "metadata": false }))).await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    assert_eq!(none.json()["details"][0]["fieldViolations"][0]["field"], "features");

    // A body that is not the request message: 400, naming what is wrong.
    for (body, expected) in [
        ("{\"document\": ", "EOF"),
        ("{\"documnet\": {}}", "documnet"),
        ("{\"encodingType\": \"ENCODING_TYPE_UTF7\"}", "ENCODING_TYPE_UTF7"),
        ("[1, 2]", "AnalyzeArticleRequest"),
    ] {
        let answer = http.post("/v1/articles:analyze", body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        let (code, message) = answer.status();
        assert_eq!(code, Code::InvalidArgument as i64);
        assert!(message.contains("proto3 JSON") && message.contains(expected), "{body}: {message}");
    }
    // No body at all is an empty request, which lacks its document.
    let bare = http.post("/v1/articles:analyze", "").await;
    assert_eq!(bare.status, StatusCode::BAD_REQUEST);
    assert!(bare.status().1.contains("document"), "{}", bare.status().1);

    let wrong_method = http.get("/v1/articles:analyze").await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.headers[header::ALLOW], "POST");
    assert_eq!(wrong_method.status().0, Code::Unimplemented as i64);

    let unknown = http.post("/v1/articles:translate", "{}").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let (code, message) = unknown.status();
    assert_eq!(code, Code::NotFound as i64);
    assert!(message.contains("POST /v1/articles:analyze"), "the routes are listed: {message}");

    let compressed = http.post_with("/v1/articles:analyze", "{}", &[("content-encoding", "gzip")]).await;
    assert_eq!(compressed.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn bodies_over_the_message_limit_get_413() {
    let mut config = config();
    config.limits.max_message_bytes = 64 * 1024;
    let server = TestServer::with_http(config).await;
    let http = Http::of(&server);
    let big = json!({ "document": { "content": "word ".repeat(20_000) } }).to_string();
    let answer = http.post("/v1/articles:analyze", big.clone()).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    let (code, message) = answer.status();
    assert_eq!(code, Code::ResourceExhausted as i64);
    assert!(message.contains("65536 bytes"), "{message}");

    // Without a Content-Length, the body is cut off at the limit as it streams in.
    let chunks = chunked(big.into_bytes());
    let req = http.request(Method::POST, "/v1/articles:analyze").body(http_body_util::StreamBody::new(chunks)).unwrap();
    let client = Client::builder(TokioExecutor::new()).build_http();
    let res = client.request(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let small = http.post("/v1/articles:analyze", seed_request(json!({ "metadata": true }))).await;
    assert_eq!(small.status, StatusCode::OK, "under the limit all is well");
}

/// A streamed body of 8 KiB frames, sent without a Content-Length.
fn chunked(
    bytes: Vec<u8>,
) -> tokio_stream::Iter<std::vec::IntoIter<Result<hyper::body::Frame<Bytes>, std::convert::Infallible>>> {
    let frames: Vec<_> = bytes.chunks(8192).map(|c| Ok(hyper::body::Frame::data(Bytes::copy_from_slice(c)))).collect();
    tokio_stream::iter(frames)
}

#[tokio::test]
async fn tokens_guard_the_api_but_not_health_or_the_page() {
    let tokens = Tokens::load(None, &[TOKEN.to_owned()]).unwrap();
    let server = TestServer::with_http(lede::server::ServerConfig {
        auth: Policy { tokens, client_certificate: false },
        ..config()
    })
    .await;
    let http = Http::of(&server);
    let body = seed_request(json!({ "metadata": true }));

    let missing = http.post("/v1/articles:analyze", body.clone()).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(missing.headers[header::WWW_AUTHENTICATE], "Bearer");
    let (code, message) = missing.status();
    assert_eq!(code, Code::Unauthenticated as i64);
    assert!(message.contains("authorization: Bearer <token>"), "{message}");

    let wrong =
        http.post_with("/v1/articles:analyze", body.clone(), &[("authorization", "Bearer not-the-token-0000")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.status().1.contains("not valid"));

    let bearer = format!("Bearer {TOKEN}");
    let right = http.post_with("/v1/articles:analyze", body, &[("authorization", &bearer)]).await;
    assert_eq!(right.status, StatusCode::OK);

    assert_eq!(http.get("/healthz").await.status, StatusCode::OK, "probes need no token");
    assert_eq!(http.get("/").await.status, StatusCode::OK, "the page loads, then asks for the token");
}

/// The admission limit is the service's, shared by both listeners: a slot
/// held over gRPC sheds a JSON call.
#[tokio::test]
async fn over_the_in_flight_limit_json_calls_are_shed_with_429() {
    let mut config = config();
    config.limits.max_in_flight = 1;
    let server = TestServer::with_http(config).await;
    let mut client = server.client().await;
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    let mut stream =
        client.stream_analyze_articles(tokio_stream::wrappers::ReceiverStream::new(rx)).await.unwrap().into_inner();
    tx.send(pb::StreamAnalyzeArticlesRequest { request: Some(analyze_request("held", "Hold on.")) }).await.unwrap();
    assert!(stream.message().await.unwrap().is_some());

    let shed = Http::of(&server).post("/v1/articles:analyze", seed_request(json!({ "metadata": true }))).await;
    assert_eq!(shed.status, StatusCode::TOO_MANY_REQUESTS);
    let (code, message) = shed.status();
    assert_eq!(code, Code::ResourceExhausted as i64);
    assert!(message.contains("limit of 1 concurrent"), "{message}");
    drop(tx);
    assert!(stream.message().await.unwrap().is_none());
}

#[tokio::test]
async fn a_deadline_from_either_header_answers_504() {
    let server = TestServer::with_http(config()).await;
    let http = Http::of(&server);
    let slow = json!({ "document": { "content": SEED.repeat(200) } }).to_string();
    for header in [("x-request-timeout", "0.005"), ("x-request-timeout", "5ms"), ("grpc-timeout", "5m")] {
        let answer = http.post_with("/v1/articles:analyze", slow.clone(), &[header]).await;
        assert_eq!(answer.status, StatusCode::GATEWAY_TIMEOUT, "{header:?}: {}", String::from_utf8_lossy(&answer.body));
        let (code, message) = answer.status();
        assert_eq!(code, Code::DeadlineExceeded as i64, "{header:?}");
        assert!(message.contains("deadline"), "{message}");
    }
    let roomy = http
        .post_with("/v1/articles:analyze", seed_request(json!({ "metadata": true })), &[("x-request-timeout", "60")])
        .await;
    assert_eq!(roomy.status, StatusCode::OK);
    let bad = http.post_with("/v1/articles:analyze", "{}", &[("x-request-timeout", "soon")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["details"][0]["fieldViolations"][0]["field"], "x-request-timeout");
}

/// tonic's own gRPC-Web client, over HTTP/1.1 as browsers call it.
#[tokio::test]
async fn grpc_web_serves_the_typed_api() {
    use tonic_web::GrpcWebClientLayer;
    use tower::Layer;
    let tokens = Tokens::load(None, &[TOKEN.to_owned()]).unwrap();
    let server = TestServer::with_http(lede::server::ServerConfig {
        auth: Policy { tokens, client_certificate: false },
        ..config()
    })
    .await;
    let http1 = Client::builder(TokioExecutor::new()).http2_only(false).build_http();
    let origin: tonic::codegen::http::Uri = format!("http://{}", server.http_addr.unwrap()).parse().unwrap();
    let mut client =
        pb::article_service_client::ArticleServiceClient::with_origin(GrpcWebClientLayer::new().layer(http1), origin);

    let mut req = tonic::Request::new(analyze_request("web", SEED));
    req.metadata_mut().insert("authorization", format!("Bearer {TOKEN}").parse().unwrap());
    let res = client.analyze_article(req).await.unwrap().into_inner();
    assert_eq!(res.document_id, "web");
    assert!(res.entities.iter().any(|e| e.name == "Maria Zakharova"));

    let refused = client.analyze_article(analyze_request("web", SEED)).await.unwrap_err();
    assert_eq!(refused.code(), Code::Unauthenticated, "{refused:?}");

    // The browsers' text mode, by hand: base64 frames, trailers in the body.
    let message = prost::Message::encode_to_vec(&pb::ParseMetadataRequest {
        document: Some(common::document("t", "Mary Smith said it works.")),
        encoding_type: 0,
    });
    let mut frame = vec![0u8];
    frame.extend_from_slice(&(message.len() as u32).to_be_bytes());
    frame.extend_from_slice(&message);
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let http = Http::of(&server);
    let req = http
        .request(Method::POST, "/lede.v1.ArticleService/ParseMetadata")
        .header(header::CONTENT_TYPE, "application/grpc-web-text")
        .header(header::ACCEPT, "application/grpc-web-text")
        .header("x-grpc-web", "1")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Full::new(Bytes::from(b64.encode(&frame))))
        .unwrap();
    let answer = http.send(req).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/grpc-web-text"));
    let decoded = b64.decode(&answer.body).unwrap();
    let length = u32::from_be_bytes(decoded[1..5].try_into().unwrap()) as usize;
    let res: pb::ParseMetadataResponse = prost::Message::decode(&decoded[5..5 + length]).unwrap();
    assert_eq!(res.document_id, "t");
    let trailers = String::from_utf8_lossy(&decoded[5 + length + 5..]);
    assert_eq!(decoded[5 + length], 0x80, "a trailers frame follows");
    assert!(trailers.contains("grpc-status:0"), "{trailers}");
}

#[tokio::test]
async fn healthz_mirrors_the_health_service() {
    let server = TestServer::with_http(config()).await;
    let http = Http::of(&server);
    for path in ["/healthz", "/healthz?service=lede.v1.ArticleService"] {
        let answer = http.get(path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert_eq!(answer.json(), json!({ "status": "SERVING" }), "{path}");
        assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
    }
    let unknown = http.get("/healthz?service=nope.Service").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.status().0, Code::NotFound as i64);
    let post = http.post("/healthz", "").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_from_the_binary() {
    let server = TestServer::with_http(config()).await;
    let http = Http::of(&server);
    let page = http.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), "{csp}");
    let html = String::from_utf8_lossy(&page.body);
    assert!(html.contains("<textarea id=\"article\"") && html.contains("/app.js"), "{html}");

    for (path, content_type) in
        [("/app.js", "text/javascript"), ("/app.css", "text/css"), ("/favicon.svg", "image/svg")]
    {
        let asset = http.get(path).await;
        assert_eq!(asset.status, StatusCode::OK, "{path}");
        assert!(asset.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with(content_type), "{path}");
        let etag = asset.headers[header::ETAG].to_str().unwrap().to_owned();
        let req = http.request(Method::GET, path).header(header::IF_NONE_MATCH, etag).body(Full::default()).unwrap();
        assert_eq!(http.send(req).await.status, StatusCode::NOT_MODIFIED, "{path}");
    }
    assert!(String::from_utf8_lossy(&http.get("/app.js").await.body).contains("/v1/articles:analyze"));
    assert_eq!(http.post("/", "").await.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(http.get("/nope.js").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn http_requests_are_counted_by_route_and_status() {
    let metrics = std::sync::Arc::new(lede::metrics::Metrics::new());
    let server = TestServer::with_http(lede::server::ServerConfig { recorder: metrics.clone(), ..config() }).await;
    let http = Http::of(&server);
    let seed = json!({ "document": { "content": SEED } }).to_string();
    assert_eq!(http.post("/v1/articles:extractQuotes", seed.clone()).await.status, StatusCode::OK);
    assert_eq!(http.post("/v1/articles:extractQuotes", seed).await.status, StatusCode::OK);
    http.post("/v1/articles:extractQuotes", "{\"document\": {}}").await;
    http.get("/no/such/route").await;
    let rendered = metrics.render();
    for line in [
        "lede_http_requests_total{route=\"/v1/articles:extractQuotes\",status=\"200\"} 2",
        "lede_http_requests_total{route=\"/v1/articles:extractQuotes\",status=\"400\"} 1",
        "lede_http_requests_total{route=\"unmatched\",status=\"404\"} 1",
        "lede_http_request_duration_seconds_count{route=\"/v1/articles:extractQuotes\"} 3",
        // The RPC is counted by the service too, as over gRPC.
        "lede_requests_total{method=\"ExtractQuotes\",code=\"OK\"} 2",
        "lede_requests_total{method=\"ExtractQuotes\",code=\"INVALID_ARGUMENT\"} 1",
    ] {
        assert!(rendered.contains(line), "{line} missing from:\n{rendered}");
    }
}

/// TLS on the HTTP listener is the gRPC listener's: the same certificate,
/// and with mutual TLS the client certificate is checked by the same layer.
#[tokio::test]
async fn mutual_tls_and_tokens_apply_over_https() {
    let pki = Pki::new();
    let tokens = Tokens::load(None, &[TOKEN.to_owned()]).unwrap();
    let server = TestServer::with_http(lede::server::ServerConfig {
        tls: Some(pki.server_tls(true)),
        auth: Policy { tokens, client_certificate: true },
        ..config()
    })
    .await;
    let addr = server.http_addr.unwrap();
    let body = seed_request(json!({ "metadata": true }));
    let bearer = format!("Bearer {TOKEN}");

    let with_cert = https_post(addr, &pki, true, "/v1/articles:analyze", &body, Some(&bearer)).await;
    assert_eq!(with_cert.status, StatusCode::OK, "{}", String::from_utf8_lossy(&with_cert.body));
    assert!(with_cert.json()["metadata"]["wordCount"].as_i64().unwrap() > 100);

    let no_cert = https_post(addr, &pki, false, "/v1/articles:analyze", &body, Some(&bearer)).await;
    assert_eq!(no_cert.status, StatusCode::UNAUTHORIZED);
    assert!(no_cert.status().1.contains("client certificate"), "{}", no_cert.status().1);

    let no_token = https_post(addr, &pki, true, "/v1/articles:analyze", &body, None).await;
    assert_eq!(no_token.status, StatusCode::UNAUTHORIZED);

    let probe = https_post(addr, &pki, false, "/healthz", "", None).await;
    assert_eq!(probe.status, StatusCode::METHOD_NOT_ALLOWED, "reached without a certificate");
}

/// One request over HTTP/2 and TLS, trusting the test CA, with or without the client certificate.
async fn https_post(
    addr: SocketAddr,
    pki: &Pki,
    client_cert: bool,
    path: &str,
    body: &str,
    authorization: Option<&str>,
) -> Answer {
    use tokio_rustls::rustls::{self, pki_types::pem::PemObject};
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(rustls::pki_types::CertificateDer::from_pem_slice(pki.ca.as_bytes()).unwrap()).unwrap();
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots);
    let mut tls = if client_cert {
        let chain = vec![rustls::pki_types::CertificateDer::from_pem_slice(pki.client.cert.as_bytes()).unwrap()];
        let key = rustls::pki_types::PrivateKeyDer::from_pem_slice(pki.client.key.as_bytes()).unwrap();
        builder.with_client_auth_cert(chain, key).unwrap()
    } else {
        builder.with_no_client_auth()
    };
    tls.alpn_protocols = vec![b"h2".to_vec()];
    let connector = tokio_rustls::TlsConnector::from(std::sync::Arc::new(tls));
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let stream = connector.connect("localhost".try_into().unwrap(), tcp).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let mut req = Request::builder()
        .method(Method::POST)
        .uri(format!("https://localhost:{}{path}", addr.port()))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(value) = authorization {
        req = req.header(header::AUTHORIZATION, value);
    }
    let res = sender.send_request(req.body(Full::new(Bytes::from(body.to_owned()))).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    Answer { status: parts.status, headers: parts.headers, body: body.collect().await.unwrap().to_bytes() }
}

#[tokio::test]
async fn shutdown_lets_an_http_call_in_flight_finish() {
    let mut server = TestServer::with_http(config()).await;
    let http = Http::of(&server);
    // The pooled connection is accepted before the call, so the drain finds the call on it.
    assert_eq!(http.get("/healthz").await.status, StatusCode::OK);
    let big =
        json!({ "document": { "id": "inflight", "content": SEED.repeat(100) }, "features": { "entities": true } });
    let in_flight = tokio::spawn(async move { http.post("/v1/articles:analyze", big.to_string()).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.shut_down();
    let answer = in_flight.await.unwrap();
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["documentId"], "inflight");
    tokio::time::timeout(Duration::from_secs(10), &mut server.handle).await.unwrap().unwrap().unwrap();
}

/// `--http-addr` as an operator sets it: the page and the API answer, SIGTERM
/// drains and exits 0, and the default log level shows routes, not articles.
#[tokio::test]
async fn the_binary_serves_http_from_its_flag_and_logs_no_article_text() {
    let (addr, http_addr) = (common::free_loopback_addr(), common::free_loopback_addr());
    let log = std::env::temp_dir().join(format!("lede-http-log-{}.txt", std::process::id()));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["serve", "--addr", &addr])
        .env("LEDE_HTTP_ADDR", &http_addr)
        .env_remove("RUST_LOG")
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let http = Http { addr: http_addr.parse().unwrap(), client: Client::builder(TokioExecutor::new()).build_http() };
    let probe = format!("http://{http_addr}/healthz");
    let mut healthy = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let answer = tokio::time::timeout(Duration::from_secs(1), http.client.get(probe.parse().unwrap())).await;
        healthy = matches!(answer, Ok(Ok(res)) if res.status() == StatusCode::OK);
        if healthy {
            break;
        }
    }
    assert!(healthy, "the HTTP listener reports SERVING");
    let secret = "Quentin Blackwood whispered that the turquoise zeppelin had landed.";
    let answer = http
        .post("/v1/articles:analyze", json!({ "document": { "id": "logged-id", "content": secret } }).to_string())
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let refused = http.post("/v1/articles:analyze", format!("{{\"document\": {{\"conten\": \"{secret}\"}}}}")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);

    assert!(std::process::Command::new("kill").arg(child.id().to_string()).status().unwrap().success());
    let exit = child.wait().unwrap();
    let logged = std::fs::read_to_string(&log).unwrap();
    std::fs::remove_file(&log).unwrap();
    assert!(exit.success(), "SIGTERM stops the server cleanly: {exit:?}\n{logged}");
    assert!(
        logged.contains("/v1/articles:analyze") && logged.contains("logged-id"),
        "calls are logged by route and id:\n{logged}"
    );
    for word in ["Quentin", "Blackwood", "zeppelin", "turquoise"] {
        assert!(!logged.contains(word), "article text in the log:\n{logged}");
    }
}
