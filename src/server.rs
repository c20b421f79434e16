//! tonic wiring: the service with its limits and compression, health,
//! reflection, keepalive, and graceful shutdown.

use crate::analysis::quotes::QuoteMethod;
use crate::api::{ArticleApi, Limits, error::message_too_large};
use crate::auth::{AuthLayer, Policy};
use crate::metrics::Recorder;
use crate::pb::{self, article_service_server::ArticleServiceServer};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;
use tonic::codec::CompressionEncoding;
use tonic::codegen::http;
use tonic::transport::server::{ServerTlsConfig, TcpIncoming};
use tonic::transport::{Certificate, Identity};
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub limits: Limits,
    /// How long in-flight requests may take to finish after a shutdown signal.
    pub shutdown_grace: Duration,
    /// Close connections older than this, so clients rebalance across replicas.
    pub max_connection_age: Option<Duration>,
    /// Interval of HTTP/2 keepalive pings.
    pub keepalive_interval: Duration,
    /// Offer server reflection.
    pub reflection: bool,
    /// Serve TLS instead of plaintext HTTP/2.
    pub tls: Option<Tls>,
    /// What callers must show to reach anything but health.
    pub auth: Policy,
    /// How quotes are found for requests that do not choose.
    pub quote_method: QuoteMethod,
    /// Where the service reports its calls and documents.
    pub recorder: Arc<dyn Recorder>,
}

/// The server's TLS identity and, for mutual TLS, the CA its clients' certificates must chain to.
#[derive(Clone, Debug)]
pub struct Tls {
    pub identity: Identity,
    pub client_ca: Option<Certificate>,
}

impl Tls {
    fn server_config(&self) -> ServerTlsConfig {
        let config = ServerTlsConfig::new().identity(self.identity.clone());
        match &self.client_ca {
            // Optional at the handshake so probes without a certificate reach
            // health; the auth layer refuses them everywhere else.
            Some(ca) => config.client_ca_root(ca.clone()).client_auth_optional(true),
            None => config,
        }
    }
}

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The name health reports the article service under.
pub const SERVICE_NAME: &str = "lede.v1.ArticleService";

/// Binds `addr` with TCP_NODELAY, so small answers are not held back by Nagle.
pub fn bind(addr: SocketAddr, keepalive: Duration) -> std::io::Result<TcpIncoming> {
    Ok(TcpIncoming::bind(addr)?.with_nodelay(Some(true)).with_keepalive(Some(keepalive)))
}

/// Serves on `incoming` until `shutdown` resolves, then reports NOT_SERVING,
/// lets in-flight requests finish within the grace period, and returns.
pub async fn serve(
    config: ServerConfig,
    incoming: TcpIncoming,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), BoxError> {
    serve_with_http(config, incoming, None, shutdown).await
}

/// [`serve`], and when `http` is given, the JSON API, gRPC-Web and the page
/// on it ([`crate::http`]), through the same service stack, TLS and drain.
pub async fn serve_with_http(
    config: ServerConfig,
    incoming: TcpIncoming,
    http: Option<TcpIncoming>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), BoxError> {
    let limits = config.limits;
    let (health, health_service) = tonic_health::server::health_reporter();
    // Connections wait in the listener's backlog while the models load, so
    // the first answer, SERVING included, comes from a ready server.
    if let Err(err) = tokio::task::spawn_blocking(crate::analysis::warm_up).await {
        tracing::error!(%err, "warm-up failed; the models load on first use");
    }
    set_status(&health, ServingStatus::Serving).await;

    let articles =
        ArticleServiceServer::new(ArticleApi::new(limits, config.quote_method, Arc::clone(&config.recorder)))
            .max_decoding_message_size(limits.max_message_bytes)
            .max_encoding_message_size(usize::MAX)
            .accept_compressed(CompressionEncoding::Gzip)
            .accept_compressed(CompressionEncoding::Zstd)
            .send_compressed(CompressionEncoding::Gzip)
            .send_compressed(CompressionEncoding::Zstd);

    let mut routes = tonic::service::Routes::builder();
    routes.add_service(health_service).add_service(articles);
    if config.reflection {
        routes.add_service(reflection().build_v1()?).add_service(reflection().build_v1alpha()?);
    }
    // One stack for every listener: what gRPC callers reach, and what HTTP
    // calls are transcoded or translated onto.
    let stack = tower::ServiceBuilder::new()
        .map_response(move |res| oversized_as_resource_exhausted(res, limits.max_message_bytes))
        .layer(AuthLayer::new(config.auth.clone()))
        .service(routes.routes().prepare());

    let (drain_tx, drain_rx) = tokio::sync::watch::channel(false);
    let drained = move || {
        let mut drain = drain_rx.clone();
        async move {
            let _ = drain.wait_for(|draining| *draining).await;
        }
    };
    let draining = async {
        shutdown.await;
        tracing::info!("shutting down: NOT_SERVING, draining in-flight requests");
        set_status(&health, ServingStatus::NotServing).await;
        let _ = drain_tx.send(true);
    };
    // Polled once before any listener answers: a shutdown future that installs
    // its signal handler when first polled (the binary's does) is then armed,
    // so a SIGTERM right after the first answer drains instead of killing.
    let mut draining = std::pin::pin!(draining);
    let signalled = std::future::poll_fn(|cx| Poll::Ready(draining.as_mut().poll(cx).is_ready())).await;

    let mut servers = tokio::task::JoinSet::new();
    servers.spawn(transport(&config)?.serve_with_incoming_shutdown(stack.clone(), incoming, drained()));
    if let Some(http) = http {
        let api = crate::http::HttpApi::new(stack, limits.max_message_bytes, Arc::clone(&config.recorder))?;
        servers.spawn(transport(&config)?.accept_http1(true).serve_with_incoming_shutdown(api, http, drained()));
    }
    if !signalled {
        tokio::select! {
            Some(done) = servers.join_next() => return Ok(done??),
            () = &mut draining => {}
        }
    }
    let stopped = async {
        while let Some(done) = servers.join_next().await {
            done??;
        }
        Ok::<_, BoxError>(())
    };
    match tokio::time::timeout(config.shutdown_grace, stopped).await {
        Ok(done) => done,
        Err(_) => {
            tracing::warn!(grace = ?config.shutdown_grace, "grace period over; closing remaining connections");
            servers.abort_all();
            Ok(())
        }
    }
}

/// The transport every listener shares: TLS, keepalive, connection age.
fn transport(config: &ServerConfig) -> Result<tonic::transport::Server, BoxError> {
    let mut builder = tonic::transport::Server::builder();
    if let Some(tls) = &config.tls {
        builder = builder.tls_config(tls.server_config()).map_err(|e| format!("TLS setup: {}", error_chain(&e)))?;
    }
    builder = builder
        .http2_keepalive_interval(Some(config.keepalive_interval))
        .http2_keepalive_timeout(Some(Duration::from_secs(20)));
    if let Some(age) = config.max_connection_age {
        builder = builder.max_connection_age(age);
    }
    Ok(builder)
}

/// An error with its causes, which tonic's transport errors keep out of `Display`.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text += &format!(": {cause}");
        source = cause.source();
    }
    text
}

async fn set_status(health: &HealthReporter, status: ServingStatus) {
    health.set_service_status("", status).await;
    health.set_service_status(SERVICE_NAME, status).await;
}

fn reflection() -> tonic_reflection::server::Builder<'static> {
    tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
}

/// tonic refuses an oversized unary request with OUT_OF_RANGE before the
/// handler runs; gRPC callers expect RESOURCE_EXHAUSTED, with the limit.
fn oversized_as_resource_exhausted(
    res: http::Response<tonic::body::Body>,
    limit: usize,
) -> http::Response<tonic::body::Body> {
    let out_of_range = res.headers().get("grpc-status").is_some_and(|v| v == "11");
    let too_large = res
        .headers()
        .get("grpc-message")
        .is_some_and(|v| String::from_utf8_lossy(v.as_bytes()).contains("too%20large"));
    if out_of_range && too_large { message_too_large(limit).into_http() } else { res }
}
