//! Lede over HTTP, on one listener beside the gRPC one (`--http-addr`): the
//! JSON API (`POST /v1/articles:analyze` and the other unary RPCs), gRPC-Web,
//! `GET /healthz`, and a page at `/` to try the service.
//!
//! Nothing here re-implements a limit. JSON calls are transcoded and handed
//! to the gRPC service stack that the gRPC listener serves, and gRPC-Web
//! requests are translated onto the same stack, so the token and certificate
//! checks, the message-size limit, admission and shedding, deadlines, and the
//! RPC metrics and spans apply exactly as they do to gRPC. This layer adds
//! metrics by route and HTTP status, and one span per HTTP request around
//! the RPC's own.

mod page;
mod transcode;

pub use transcode::http_status;

use crate::metrics::Recorder;
use page::Asset;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;
use tonic::Status;
use tonic::body::Body;
use tonic::codegen::http::{HeaderValue, Method, Request, Response, StatusCode, header};
use tonic_web::{GrpcWebLayer, GrpcWebService};
use tower::util::BoxCloneService;
use tower::{Layer, Service, ServiceExt};
use tracing::Instrument;
use transcode::{Failure, Rpc};

/// The gRPC service stack, type-erased: what the gRPC listener serves.
pub type GrpcService = BoxCloneService<Request<Body>, Response<Body>, Infallible>;

/// The HTTP listener's service; cheap to clone.
#[derive(Clone)]
pub struct HttpApi {
    grpc: GrpcService,
    grpc_web: GrpcWebService<GrpcService>,
    rpcs: &'static [Rpc],
    max_message_bytes: usize,
    recorder: Arc<dyn Recorder>,
}

/// What a request asks for.
enum Route {
    Rpc(&'static Rpc),
    /// gRPC-Web, or plain gRPC over HTTP/2, by content type.
    Grpc {
        web: bool,
    },
    Health,
    Page(&'static Asset),
    WrongMethod {
        allow: &'static str,
        label: &'static str,
    },
    NotFound,
}

impl Route {
    /// The route's name in metrics and logs: fixed, never the raw path.
    fn label(&self) -> &'static str {
        match self {
            Self::Rpc(rpc) => &rpc.path,
            Self::Grpc { web: true } => "grpc-web",
            Self::Grpc { web: false } => "grpc",
            Self::Health => "/healthz",
            Self::Page(asset) => asset.path,
            Self::WrongMethod { label, .. } => label,
            Self::NotFound => "unmatched",
        }
    }
}

impl HttpApi {
    /// Serves `grpc`, the gRPC listener's service stack, over HTTP, reporting
    /// each answer by route to `recorder`; an error names a `google.api.http`
    /// option that cannot be served.
    pub fn new<S>(grpc: S, max_message_bytes: usize, recorder: Arc<dyn Recorder>) -> Result<Self, String>
    where
        S: Service<Request<Body>, Response = Response<Body>, Error = Infallible> + Clone + Send + 'static,
        S::Future: Send + 'static,
    {
        let grpc = BoxCloneService::new(grpc);
        Ok(Self {
            grpc_web: GrpcWebLayer::new().layer(grpc.clone()),
            grpc,
            rpcs: transcode::rpcs()?,
            max_message_bytes,
            recorder,
        })
    }

    fn route(&self, req: &Request<Body>) -> Route {
        let content_type = req.headers().get(header::CONTENT_TYPE).map_or(&b""[..], HeaderValue::as_bytes);
        if content_type.starts_with(b"application/grpc") {
            return Route::Grpc { web: content_type.starts_with(b"application/grpc-web") };
        }
        let (path, method) = (req.uri().path(), req.method());
        let readable = matches!(*method, Method::GET | Method::HEAD);
        if let Some(rpc) = self.rpcs.iter().find(|rpc| rpc.path == path) {
            return if *method == rpc.method {
                Route::Rpc(rpc)
            } else {
                Route::WrongMethod { allow: rpc.method.as_str(), label: &rpc.path }
            };
        }
        if path == "/healthz" {
            return if readable { Route::Health } else { Route::WrongMethod { allow: "GET", label: "/healthz" } };
        }
        match page::find(path) {
            Some(asset) if readable => Route::Page(asset),
            Some(asset) => Route::WrongMethod { allow: "GET", label: asset.path },
            None => Route::NotFound,
        }
    }

    async fn answer(self, route: &Route, req: Request<Body>, arrived: Instant) -> Response<Body> {
        match route {
            Route::Rpc(rpc) => transcode::call(self.grpc, rpc, req, self.max_message_bytes, arrived).await,
            Route::Grpc { .. } => self.grpc_web.oneshot(req).await.unwrap_or_else(|never| match never {}),
            Route::Health => transcode::health(self.grpc, req).await,
            Route::Page(asset) => asset.response(req.headers()),
            Route::WrongMethod { allow, .. } => {
                let status =
                    Status::unimplemented(format!("{} {} is not served; use {allow}", req.method(), req.uri().path()));
                tracing::info!(http = 405, "refused: wrong method");
                let mut res = Failure::with_http(status, StatusCode::METHOD_NOT_ALLOWED).into_response();
                res.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
                res
            }
            Route::NotFound => {
                let routes: Vec<String> = self.rpcs.iter().map(|rpc| format!("{} {}", rpc.method, rpc.path)).collect();
                let status = Status::not_found(format!(
                    "no route {} {}; the JSON API answers {}, health is GET /healthz, the page is at /",
                    req.method(),
                    req.uri().path(),
                    routes.join(", ")
                ));
                tracing::info!(http = 404, "refused: no route");
                Failure::with_http(status, StatusCode::NOT_FOUND).into_response()
            }
        }
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl Service<Request<Body>> for HttpApi {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // Each call drives a clone of the inner services to readiness itself.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let arrived = Instant::now();
        let route = self.route(&req);
        let span = tracing::info_span!("http", method = %req.method(), route = route.label());
        let api = self.clone();
        let recorder = Arc::clone(&self.recorder);
        Box::pin(
            async move {
                let res = api.answer(&route, req, arrived).await;
                let latency = arrived.elapsed();
                recorder.record_http(route.label(), res.status().as_u16(), latency);
                tracing::debug!(status = res.status().as_u16(), latency_ms = latency.as_secs_f64() * 1e3, "answered");
                Ok(res)
            }
            .instrument(span),
        )
    }
}
