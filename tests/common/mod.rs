//! A real server on 127.0.0.1:0 and a real client, for the integration tests.

#![allow(dead_code)]

pub mod pki;

use lede::api::Limits;
use lede::pb::article_service_client::ArticleServiceClient;
use lede::server::{self, ServerConfig};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::transport::Channel;

pub const SEED: &str = include_str!("../fixtures/seed.txt");

pub struct TestServer {
    pub addr: SocketAddr,
    /// The HTTP listener's address, when started with [`TestServer::with_http`].
    pub http_addr: Option<SocketAddr>,
    shutdown: Option<oneshot::Sender<()>>,
    pub handle: JoinHandle<Result<(), server::BoxError>>,
}

pub fn config() -> ServerConfig {
    ServerConfig {
        limits: Limits { workers: 2, max_in_flight: 64, max_message_bytes: 16 << 20 },
        shutdown_grace: Duration::from_secs(10),
        max_connection_age: None,
        keepalive_interval: Duration::from_secs(30),
        reflection: true,
        tls: None,
        auth: Default::default(),
        quote_method: lede::analysis::quotes::QuoteMethod::Rules,
        recorder: std::sync::Arc::new(lede::metrics::NoMetrics),
    }
}

impl TestServer {
    pub async fn start() -> Self {
        Self::with(config()).await
    }

    pub async fn with(config: ServerConfig) -> Self {
        Self::launch(config, false)
    }

    /// With the HTTP listener too: the JSON API, gRPC-Web and the page.
    pub async fn with_http(config: ServerConfig) -> Self {
        Self::launch(config, true)
    }

    fn launch(config: ServerConfig, http: bool) -> Self {
        let loopback = "127.0.0.1:0".parse().unwrap();
        let incoming = server::bind(loopback, config.keepalive_interval).unwrap();
        let addr = incoming.local_addr().unwrap();
        let http = http.then(|| server::bind(loopback, config.keepalive_interval).unwrap());
        let http_addr = http.as_ref().map(|incoming| incoming.local_addr().unwrap());
        let (tx, rx) = oneshot::channel();
        let handle = tokio::spawn(server::serve_with_http(config, incoming, http, async {
            let _ = rx.await;
        }));
        Self { addr, http_addr, shutdown: Some(tx), handle }
    }

    pub async fn channel(&self) -> Channel {
        tonic::transport::Endpoint::from_shared(format!("http://{}", self.addr)).unwrap().connect().await.unwrap()
    }

    pub async fn client(&self) -> ArticleServiceClient<Channel> {
        ArticleServiceClient::new(self.channel().await).max_decoding_message_size(usize::MAX)
    }

    /// Sends the shutdown signal; the server drains and `handle` resolves.
    pub fn shut_down(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A loopback port free at the time of asking, for a server started as a process.
pub fn free_loopback_addr() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    format!("127.0.0.1:{port}")
}

/// The raw HTTP answer of the metrics server at `addr` to `GET /metrics`.
pub async fn scrape_metrics(addr: impl tokio::net::ToSocketAddrs) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    socket.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut scraped = String::new();
    socket.read_to_string(&mut scraped).await.unwrap();
    scraped
}

pub fn document(id: &str, content: &str) -> lede::pb::Document {
    lede::pb::Document {
        id: id.to_owned(),
        source: Some(lede::pb::document::Source::Content(content.to_owned())),
        ..Default::default()
    }
}

pub fn analyze_request(id: &str, content: &str) -> lede::pb::AnalyzeArticleRequest {
    lede::pb::AnalyzeArticleRequest { document: Some(document(id, content)), ..Default::default() }
}
