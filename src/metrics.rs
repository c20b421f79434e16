//! Prometheus metrics, served in the OpenMetrics text format on their own port
//! (`--metrics-addr`) so scraping never competes with the API's connections.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Call {
    method: &'static str,
    code: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Method {
    method: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpCall {
    route: &'static str,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpRoute {
    route: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Stage {
    stage: &'static str,
}

/// Where the service reports what it did. The server hands [`Metrics`] to
/// the API when it serves them; the CLI's offline path, which nothing
/// scrapes, hands in [`NoMetrics`].
pub trait Recorder: std::fmt::Debug + Send + Sync {
    /// A finished call and its status code.
    fn record_call(&self, method: &'static str, code: tonic::Code, latency: Duration);
    /// An analyzed article: its size and the time each stage took.
    fn record_document(&self, bytes: usize, words: usize, stages: &[(&'static str, Duration)]);
    /// Counts a request as in flight until the guard drops.
    fn in_flight(&self) -> InFlight;
    /// One answered request of the HTTP listener; `route` is a fixed label,
    /// never the raw path.
    fn record_http(&self, route: &'static str, status: u16, latency: Duration);
}

/// Records nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoMetrics;

impl Recorder for NoMetrics {
    fn record_call(&self, _: &'static str, _: tonic::Code, _: Duration) {}
    fn record_document(&self, _: usize, _: usize, _: &[(&'static str, Duration)]) {}
    fn in_flight(&self) -> InFlight {
        InFlight(None)
    }
    fn record_http(&self, _: &'static str, _: u16, _: Duration) {}
}

/// Prometheus metrics with their own registry, rendered by [`serve`].
pub struct Metrics {
    registry: Registry,
    requests: Family<Call, Counter>,
    latency: Family<Method, Histogram, fn() -> Histogram>,
    in_flight: Gauge,
    document_bytes: Counter,
    document_words: Counter,
    stage_seconds: Family<Stage, Histogram, fn() -> Histogram>,
    http_requests: Family<HttpCall, Counter>,
    http_latency: Family<HttpRoute, Histogram, fn() -> Histogram>,
}

/// Buckets from 100 µs to about 3 minutes.
fn seconds_histogram() -> Histogram {
    Histogram::new(exponential_buckets(1e-4, 2.0, 21))
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("lede");
        let requests = Family::<Call, Counter>::default();
        registry.register("requests", "Finished RPCs by method and status code", requests.clone());
        let latency = Family::<Method, Histogram, fn() -> Histogram>::new_with_constructor(seconds_histogram);
        registry.register("request_duration_seconds", "RPC latency by method", latency.clone());
        let in_flight = Gauge::default();
        registry.register("requests_in_flight", "RPCs admitted and not yet answered", in_flight.clone());
        let document_bytes = Counter::default();
        registry.register("document_bytes", "Article text analyzed, in bytes", document_bytes.clone());
        let document_words = Counter::default();
        registry.register("document_words", "Article text analyzed, in words", document_words.clone());
        let stage_seconds = Family::<Stage, Histogram, fn() -> Histogram>::new_with_constructor(seconds_histogram);
        registry.register("stage_duration_seconds", "Analysis time per stage", stage_seconds.clone());
        let http_requests = Family::<HttpCall, Counter>::default();
        registry.register("http_requests", "Answered HTTP requests by route and status", http_requests.clone());
        let http_latency = Family::<HttpRoute, Histogram, fn() -> Histogram>::new_with_constructor(seconds_histogram);
        registry.register(
            "http_request_duration_seconds",
            "HTTP time to the response head by route",
            http_latency.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            in_flight,
            document_bytes,
            document_words,
            stage_seconds,
            http_requests,
            http_latency,
        }
    }

    /// The metrics in the OpenMetrics text format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

impl Recorder for Metrics {
    fn record_call(&self, method: &'static str, code: tonic::Code, latency: Duration) {
        self.requests.get_or_create(&Call { method, code: code_name(code) }).inc();
        self.latency.get_or_create(&Method { method }).observe(latency.as_secs_f64());
    }

    fn record_document(&self, bytes: usize, words: usize, stages: &[(&'static str, Duration)]) {
        self.document_bytes.inc_by(bytes as u64);
        self.document_words.inc_by(words as u64);
        for &(stage, took) in stages {
            self.stage_seconds.get_or_create(&Stage { stage }).observe(took.as_secs_f64());
        }
    }

    fn in_flight(&self) -> InFlight {
        self.in_flight.inc();
        InFlight(Some(self.in_flight.clone()))
    }

    fn record_http(&self, route: &'static str, status: u16, latency: Duration) {
        self.http_requests.get_or_create(&HttpCall { route, status }).inc();
        self.http_latency.get_or_create(&HttpRoute { route }).observe(latency.as_secs_f64());
    }
}

/// Holds one request in the in-flight gauge, if there is one.
pub struct InFlight(Option<Gauge>);

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(gauge) = &self.0 {
            gauge.dec();
        }
    }
}

fn code_name(code: tonic::Code) -> &'static str {
    use tonic::Code::*;
    match code {
        Ok => "OK",
        Cancelled => "CANCELLED",
        Unknown => "UNKNOWN",
        InvalidArgument => "INVALID_ARGUMENT",
        DeadlineExceeded => "DEADLINE_EXCEEDED",
        NotFound => "NOT_FOUND",
        AlreadyExists => "ALREADY_EXISTS",
        PermissionDenied => "PERMISSION_DENIED",
        ResourceExhausted => "RESOURCE_EXHAUSTED",
        FailedPrecondition => "FAILED_PRECONDITION",
        Aborted => "ABORTED",
        OutOfRange => "OUT_OF_RANGE",
        Unimplemented => "UNIMPLEMENTED",
        Internal => "INTERNAL",
        Unavailable => "UNAVAILABLE",
        DataLoss => "DATA_LOSS",
        Unauthenticated => "UNAUTHENTICATED",
    }
}

/// Answers every HTTP request on `listener`: `GET /metrics` with the metrics,
/// anything else with 404. One short exchange per connection.
pub async fn serve(listener: TcpListener, metrics: Arc<Metrics>) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else { continue };
        let metrics = Arc::clone(&metrics);
        tokio::spawn(async move {
            let mut head = vec![0u8; 4096];
            let mut read = 0;
            while read < head.len() && !head[..read].windows(4).any(|w| w == b"\r\n\r\n") {
                match tokio::time::timeout(Duration::from_secs(5), socket.read(&mut head[read..])).await {
                    Ok(Ok(n)) if n > 0 => read += n,
                    _ => return,
                }
            }
            let wanted = head.starts_with(b"GET /metrics ") || head.starts_with(b"GET /metrics?");
            let (status, body) =
                if wanted { ("200 OK", metrics.render()) } else { ("404 Not Found", "try GET /metrics\n".to_owned()) };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/openmetrics-text; version=1.0.0; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
            let _ = socket.shutdown().await;
        });
    }
}
