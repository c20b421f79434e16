//! What the HTTP listener adds to a call. The seed article, every analysis,
//! over gRPC, over the JSON API and over gRPC-Web, against one in-process
//! server on loopback (the same article on every path, so the comparison is
//! between transports, not caches); and the JSON transcoding alone, both ways.
//!
//!     cargo bench --bench http

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use lede::api::Limits;
use lede::pb::{self, article_service_client::ArticleServiceClient};
use lede::server::{self, ServerConfig};
use prost::Message;
use prost_reflect::DynamicMessage;
use std::hint::black_box;
use std::time::Duration;
use tonic::codegen::http::{Method, Request, StatusCode, Uri};
use tower::Layer;

const SEED: &str = include_str!("../tests/fixtures/seed.txt");

fn seed_request() -> pb::AnalyzeArticleRequest {
    pb::AnalyzeArticleRequest {
        document: Some(pb::Document {
            id: "seed".into(),
            source: Some(pb::document::Source::Content(SEED.into())),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn transports(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let config = ServerConfig {
        limits: Limits { workers: 2, max_in_flight: 64, max_message_bytes: 16 << 20 },
        shutdown_grace: Duration::from_secs(1),
        max_connection_age: None,
        keepalive_interval: Duration::from_secs(30),
        reflection: false,
        tls: None,
        auth: Default::default(),
        quote_method: lede::analysis::quotes::QuoteMethod::Rules,
        recorder: std::sync::Arc::new(lede::metrics::NoMetrics),
    };
    let (grpc_addr, http_addr) = rt.block_on(async {
        let loopback = "127.0.0.1:0".parse().unwrap();
        let grpc = server::bind(loopback, config.keepalive_interval).unwrap();
        let http = server::bind(loopback, config.keepalive_interval).unwrap();
        let addrs = (grpc.local_addr().unwrap(), http.local_addr().unwrap());
        tokio::spawn(server::serve_with_http(config, grpc, Some(http), std::future::pending()));
        addrs
    });
    let request = seed_request();
    let json = lede::json::to_json("lede.v1.AnalyzeArticleRequest", &request).unwrap();

    let grpc = rt.block_on(async {
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{grpc_addr}")).unwrap();
        ArticleServiceClient::new(channel.connect().await.unwrap()).max_decoding_message_size(usize::MAX)
    });
    let http = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let origin: Uri = format!("http://{http_addr}").parse().unwrap();
    let web = ArticleServiceClient::with_origin(
        tonic_web::GrpcWebClientLayer::new().layer(Client::builder(TokioExecutor::new()).build_http()),
        origin,
    )
    .max_decoding_message_size(usize::MAX);

    let mut group = c.benchmark_group("seed_analysis_over");
    group.sample_size(60).measurement_time(Duration::from_secs(15));
    group.bench_function("grpc", |b| {
        b.iter(|| rt.block_on(grpc.clone().analyze_article(request.clone())).unwrap().into_inner().text.len())
    });
    group.bench_function("json_api", |b| {
        b.iter(|| {
            rt.block_on(async {
                let req = Request::builder()
                    .method(Method::POST)
                    .uri(format!("http://{http_addr}/v1/articles:analyze"))
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(json.clone())))
                    .unwrap();
                let res = http.request(req).await.unwrap();
                assert_eq!(res.status(), StatusCode::OK);
                res.into_body().collect().await.unwrap().to_bytes().len()
            })
        })
    });
    group.bench_function("grpc_web", |b| {
        b.iter(|| rt.block_on(web.clone().analyze_article(request.clone())).unwrap().into_inner().text.len())
    });
    group.finish();

    // The JSON API's own work, without the analysis: request JSON to
    // protobuf, and the seed's full answer from protobuf to JSON.
    let answer = rt.block_on(grpc.clone().analyze_article(request.clone())).unwrap().into_inner().encode_to_vec();
    let pool = lede::json::pool();
    let input = pool.get_message_by_name("lede.v1.AnalyzeArticleRequest").unwrap();
    let output = pool.get_message_by_name("lede.v1.AnalyzeArticleResponse").unwrap();
    let mut group = c.benchmark_group("transcode_seed");
    group.bench_function("request_json_to_protobuf", |b| {
        b.iter(|| lede::json::dynamic_from_json(input.clone(), black_box(json.as_bytes())).unwrap().encode_to_vec())
    });
    group.bench_function("response_protobuf_to_json", |b| {
        b.iter(|| {
            let message = DynamicMessage::decode(output.clone(), black_box(answer.as_slice())).unwrap();
            lede::json::dynamic_to_json(&message).unwrap().len()
        })
    });
    group.finish();
}

criterion_group!(benches, transports);
criterion_main!(benches);
