//! The JSON API: each unary RPC at the route its `google.api.http` option
//! names, in proto3 JSON. A call is re-encoded as protobuf and handed to the
//! gRPC service stack the gRPC listener serves, so auth, the size limit,
//! admission, deadlines, metrics and spans are the gRPC side's own; only the
//! wire format changes here, as in Envoy's or grpc-gateway's transcoding.

use super::GrpcService;
use crate::analysis::AnalysisError;
use crate::api::error::{ApiError, message_too_large};
use crate::json;
use bytes::{Buf, BufMut, Bytes, BytesMut};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use prost::Message;
use prost_reflect::{DynamicMessage, MessageDescriptor, Value};
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use tonic::body::Body;
use tonic::codegen::http::{self, HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use tonic::{Code, Status};
use tower::ServiceExt;

/// One unary RPC as the JSON API serves it.
#[derive(Debug)]
pub struct Rpc {
    /// The HTTP method of the route.
    pub method: Method,
    /// The route, from the method's `google.api.http` option.
    pub path: String,
    /// The gRPC path the call is handed to: `/lede.v1.ArticleService/AnalyzeArticle`.
    grpc_path: String,
    input: MessageDescriptor,
    output: MessageDescriptor,
}

/// The routes, read once from the embedded descriptors.
static RPCS: LazyLock<Result<Vec<Rpc>, String>> = LazyLock::new(read_rpcs);

/// Every annotated RPC; an error names an option this server cannot serve.
pub fn rpcs() -> Result<&'static [Rpc], String> {
    RPCS.as_deref().map_err(Clone::clone)
}

/// The routes of the `google.api.http` options. Only what the proto uses is
/// supported, a literal path with the whole request as the body; anything
/// else is refused at start-up rather than served wrongly.
fn read_rpcs() -> Result<Vec<Rpc>, String> {
    let pool = json::pool();
    let extension = pool.get_extension_by_name("google.api.http").ok_or("google.api.http is not in the descriptors")?;
    let mut rpcs = Vec::new();
    for service in pool.services() {
        for method in service.methods() {
            let options = method.options();
            if !options.has_extension(&extension) {
                continue;
            }
            let name = method.full_name();
            let rule = options.get_extension(&extension);
            let rule = rule.as_message().ok_or_else(|| format!("{name}: google.api.http is not an HttpRule"))?;
            let text = |field: &str| rule.get_field_by_name(field).and_then(|v| v.as_str().map(str::to_owned));
            let verbs =
                [("get", Method::GET), ("put", Method::PUT), ("post", Method::POST), ("delete", Method::DELETE)];
            let (http_method, path) = verbs
                .into_iter()
                .chain([("patch", Method::PATCH)])
                .find_map(|(field, verb)| text(field).filter(|p| !p.is_empty()).map(|p| (verb, p)))
                .ok_or_else(|| format!("{name}: only get, put, post, delete and patch rules are supported"))?;
            if path.contains('{') || text("body").as_deref() != Some("*") {
                return Err(format!("{name}: only a literal path with body \"*\" is supported, not {path}"));
            }
            let bindings = rule.get_field_by_name("additional_bindings");
            if bindings.as_deref().and_then(Value::as_list).is_some_and(|list| !list.is_empty()) {
                return Err(format!("{name}: additional_bindings are not supported"));
            }
            if method.is_client_streaming() || method.is_server_streaming() {
                return Err(format!("{name}: only unary methods can be transcoded"));
            }
            rpcs.push(Rpc {
                method: http_method,
                path,
                grpc_path: format!("/{}/{}", service.full_name(), method.name()),
                input: method.input(),
                output: method.output(),
            });
        }
    }
    if rpcs.is_empty() {
        return Err("no method carries a google.api.http option: the descriptors lost them".to_owned());
    }
    Ok(rpcs)
}

/// A failed call as the HTTP caller gets it: a `google.rpc.Status` in JSON
/// with the HTTP status of gRPC's standard mapping.
#[derive(Debug)]
pub struct Failure {
    status: Status,
    http: StatusCode,
}

impl From<Status> for Failure {
    fn from(status: Status) -> Self {
        Self { http: http_status(status.code()), status }
    }
}

impl From<ApiError> for Failure {
    fn from(err: ApiError) -> Self {
        Status::from(err).into()
    }
}

impl Failure {
    /// A body over the message-size limit: 413, with the gRPC side's message.
    fn too_large(limit: usize) -> Self {
        Self { status: message_too_large(limit), http: StatusCode::PAYLOAD_TOO_LARGE }
    }

    /// A refusal with an HTTP status of its own (404, 405, 415).
    pub fn with_http(status: Status, http: StatusCode) -> Self {
        Self { status, http }
    }

    pub fn into_response(self) -> Response<Body> {
        let mut res = json_response(self.http, status_json(&self.status));
        if self.http == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res
    }
}

/// The HTTP status for a gRPC code, as google.rpc.Code documents it and
/// grpc-gateway and Envoy apply it.
pub fn http_status(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => StatusCode::BAD_REQUEST,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        // nginx's "client closed request", which google.rpc.Code names for CANCELLED.
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::Unknown | Code::Internal | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
    }
}

/// The status as `google.rpc.Status` JSON, its details (the `BadRequest` field
/// violations) as the gRPC caller gets them in `grpc-status-details-bin`.
fn status_json(status: &Status) -> String {
    let decoded = (!status.details().is_empty())
        .then(|| tonic_types::pb::Status::decode(status.details()).ok())
        .flatten()
        .filter(|rpc| rpc.code == status.code() as i32);
    let rpc = decoded.unwrap_or_else(|| tonic_types::pb::Status {
        code: status.code() as i32,
        message: status.message().to_owned(),
        details: Vec::new(),
    });
    json::to_json("google.rpc.Status", &rpc)
        .unwrap_or_else(|_| serde_json::json!({ "code": rpc.code, "message": rpc.message, "details": [] }).to_string())
}

pub fn json_response(status: StatusCode, json: String) -> Response<Body> {
    let mut res = Response::new(Body::new(Full::new(Bytes::from(json))));
    *res.status_mut() = status;
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}

/// Answers one JSON API call.
pub async fn call(grpc: GrpcService, rpc: &Rpc, req: Request<Body>, limit: usize, arrived: Instant) -> Response<Body> {
    match transcode(grpc, rpc, req, limit, arrived).await {
        Ok(json) => json_response(StatusCode::OK, json),
        Err(failure) => failure.into_response(),
    }
}

async fn transcode(
    grpc: GrpcService,
    rpc: &Rpc,
    req: Request<Body>,
    limit: usize,
    arrived: Instant,
) -> Result<String, Failure> {
    let (parts, body) = req.into_parts();
    let deadline = request_deadline(&parts.headers, arrived).map_err(refused)?;
    // The transport times a `grpc-timeout` header itself, from the arrival,
    // and answers in gRPC's format when it fires. To answer in JSON, the
    // service gets the deadline 2 ms early and this call gives up 1 ms early,
    // should the service (which counts from when the call reaches it) be late.
    let early = |by: u64| deadline.map(|d| d.checked_sub(Duration::from_millis(by)).unwrap_or(d));
    let work = async {
        let request = prepare(rpc, &parts.headers, body, limit).await.map_err(refused)?;
        let timeout = early(2).map(|d| d.saturating_duration_since(Instant::now()));
        Ok::<_, Failure>(call_unary(grpc, &rpc.grpc_path, parts, &request, timeout).await?)
    };
    let answer = match early(1) {
        Some(backstop) => tokio::time::timeout_at(backstop.into(), work)
            .await
            .unwrap_or_else(|_| Err(ApiError::Analysis(AnalysisError::DeadlineExceeded).into()))?,
        None => work.await?,
    };
    let internal = |err: String| Failure::from(ApiError::Internal(err));
    let response = DynamicMessage::decode(rpc.output.clone(), answer).map_err(|e| internal(e.to_string()))?;
    json::dynamic_to_json(&response).map_err(internal)
}

/// Logs a call refused before it reached the service, which logs the rest.
fn refused(failure: Failure) -> Failure {
    // Only the status: the reason may quote the body.
    tracing::info!(http = failure.http.as_u16(), code = ?failure.status.code(), "refused");
    failure
}

/// The request as protobuf.
async fn prepare(rpc: &Rpc, headers: &HeaderMap, body: Body, limit: usize) -> Result<Vec<u8>, Failure> {
    if headers.get(header::CONTENT_ENCODING).is_some_and(|v| v != "identity") {
        let status = Status::invalid_argument("send the body uncompressed: Content-Encoding is not supported");
        return Err(Failure::with_http(status, StatusCode::UNSUPPORTED_MEDIA_TYPE));
    }
    let body = read_body(body, headers, limit).await?;
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &body };
    let request = json::dynamic_from_json(rpc.input.clone(), body).map_err(|err| {
        ApiError::invalid("body", format!("is not a {} in proto3 JSON: {err}", rpc.input.full_name()))
    })?;
    Ok(request.encode_to_vec())
}

/// `GET /healthz[?service=NAME]`: the health service's answer to Check, as
/// JSON: 200 when SERVING, 503 otherwise (NOT_SERVING while draining).
pub async fn health(grpc: GrpcService, req: Request<Body>) -> Response<Body> {
    use tonic_health::pb::{HealthCheckRequest, HealthCheckResponse, health_check_response::ServingStatus};
    let query = req.uri().query().unwrap_or_default();
    let service = query.split('&').find_map(|pair| pair.strip_prefix("service=")).unwrap_or_default().to_owned();
    let (parts, _) = req.into_parts();
    let message = HealthCheckRequest { service }.encode_to_vec();
    let answer = call_unary(grpc, "/grpc.health.v1.Health/Check", parts, &message, None)
        .await
        .and_then(|bytes| HealthCheckResponse::decode(bytes).map_err(|e| Status::internal(e.to_string())));
    let mut res = match answer {
        Ok(answer) => {
            let status = answer.status();
            let http = if status == ServingStatus::Serving { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
            json_response(http, serde_json::json!({ "status": status.as_str_name() }).to_string())
        }
        Err(status) => Failure::from(status).into_response(),
    };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The body, up to the message-size limit: a body over it could only become
/// a message over it, which the gRPC side would refuse anyway.
async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Bytes, Failure> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(Failure::too_large(limit));
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.is::<LengthLimitError>() => Err(Failure::too_large(limit)),
        Err(err) => Err(Status::cancelled(format!("the request body could not be read: {err}")).into()),
    }
}

/// The caller's deadline, counted from the arrival: the shorter of
/// `grpc-timeout` (gRPC's format, as gRPC-Web and grpc-gateway callers send
/// it) and `x-request-timeout` (seconds, or with a unit: "2.5", "500ms", "2s").
fn request_deadline(headers: &HeaderMap, arrived: Instant) -> Result<Option<Instant>, Failure> {
    let grpc = headers.get("grpc-timeout").and_then(|v| crate::api::parse_grpc_timeout(v.to_str().ok()?));
    let plain = match headers.get("x-request-timeout") {
        None => None,
        Some(value) => Some(value.to_str().ok().and_then(parse_timeout).ok_or_else(|| {
            ApiError::invalid(
                "x-request-timeout",
                "must be a duration in seconds (\"2.5\") or with a unit (\"500ms\", \"2s\")",
            )
        })?),
    };
    Ok([grpc, plain].into_iter().flatten().min().and_then(|timeout| arrived.checked_add(timeout)))
}

/// "2.5", "2.5s" or "500ms".
fn parse_timeout(value: &str) -> Option<Duration> {
    let value = value.trim();
    let (number, scale) = match value.strip_suffix("ms") {
        Some(millis) => (millis, 1e-3),
        None => (value.strip_suffix('s').unwrap_or(value), 1.0),
    };
    let seconds = number.trim().parse::<f64>().ok()? * scale;
    Duration::try_from_secs_f64(seconds).ok()
}

/// A duration in `grpc-timeout`'s format: at most eight digits and a unit.
fn grpc_timeout(timeout: Duration) -> String {
    const MAX: u128 = 99_999_999;
    match (timeout.as_micros(), timeout.as_millis()) {
        (micros, _) if micros <= MAX => format!("{micros}u"),
        (_, millis) if millis <= MAX => format!("{millis}m"),
        _ => format!("{}S", timeout.as_secs().min(MAX as u64)),
    }
}

/// Calls a unary method on the gRPC stack with an encoded request, carrying
/// the caller's token, connection (a client certificate) and remaining time;
/// returns the encoded answer or the status.
pub async fn call_unary(
    grpc: GrpcService,
    grpc_path: &str,
    caller: http::request::Parts,
    message: &[u8],
    timeout: Option<Duration>,
) -> Result<Bytes, Status> {
    let length = u32::try_from(message.len()).map_err(|_| Status::resource_exhausted("the request is too large"))?;
    let mut frame = BytesMut::with_capacity(5 + message.len());
    frame.put_u8(0);
    frame.put_u32(length);
    frame.put_slice(message);
    let mut req = Request::new(Body::new(Full::new(frame.freeze())));
    *req.method_mut() = Method::POST;
    *req.uri_mut() = grpc_path.parse().map_err(|_| Status::internal(format!("bad gRPC path {grpc_path}")))?;
    *req.version_mut() = http::Version::HTTP_2;
    *req.extensions_mut() = caller.extensions;
    let headers = req.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/grpc"));
    headers.insert(header::TE, HeaderValue::from_static("trailers"));
    if let Some(authorization) = caller.headers.get(header::AUTHORIZATION) {
        headers.insert(header::AUTHORIZATION, authorization.clone());
    }
    if let Some(timeout) = timeout {
        headers.insert("grpc-timeout", HeaderValue::from_str(&grpc_timeout(timeout)).expect("digits and a unit"));
    }

    let res = grpc.oneshot(req).await.unwrap_or_else(|never| match never {});
    // An error comes as a response of headers alone ("trailers-only").
    if let Some(status) = Status::from_header_map(res.headers()).filter(|s| s.code() != Code::Ok) {
        return Err(status);
    }
    let collected = res.into_body().collect().await?;
    let status = collected
        .trailers()
        .and_then(Status::from_header_map)
        .unwrap_or_else(|| Status::internal("the gRPC answer ended without a status"));
    if status.code() != Code::Ok {
        return Err(status);
    }
    let mut data = collected.to_bytes();
    let malformed = || Status::internal("the gRPC answer is not one uncompressed message");
    if data.len() < 5 || data[0] != 0 {
        return Err(malformed());
    }
    data.advance(1);
    let length = data.get_u32() as usize;
    if data.len() != length {
        return Err(malformed());
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_annotated_rpc_gets_its_route() {
        let routes: Vec<(String, &str)> =
            rpcs().unwrap().iter().map(|r| (format!("{} {}", r.method, r.path), r.grpc_path.as_str())).collect();
        let service = "/lede.v1.ArticleService/";
        let expected = [
            ("analyze", "AnalyzeArticle"),
            ("parseMetadata", "ParseMetadata"),
            ("extractEntities", "ExtractEntities"),
            ("extractQuotes", "ExtractQuotes"),
            ("summarize", "Summarize"),
            ("batchAnalyze", "BatchAnalyzeArticles"),
        ];
        assert_eq!(routes.len(), expected.len(), "{routes:?}");
        for (verb, method) in expected {
            let route = format!("POST /v1/articles:{verb}");
            let grpc = format!("{service}{method}");
            assert!(routes.iter().any(|(r, g)| *r == route && *g == grpc), "{route} -> {grpc} missing: {routes:?}");
        }
    }

    #[test]
    fn codes_map_to_the_standard_http_statuses() {
        let table = [
            (Code::Ok, 200),
            (Code::Cancelled, 499),
            (Code::Unknown, 500),
            (Code::InvalidArgument, 400),
            (Code::DeadlineExceeded, 504),
            (Code::NotFound, 404),
            (Code::AlreadyExists, 409),
            (Code::PermissionDenied, 403),
            (Code::ResourceExhausted, 429),
            (Code::FailedPrecondition, 400),
            (Code::Aborted, 409),
            (Code::OutOfRange, 400),
            (Code::Unimplemented, 501),
            (Code::Internal, 500),
            (Code::Unavailable, 503),
            (Code::DataLoss, 500),
            (Code::Unauthenticated, 401),
        ];
        for (code, http) in table {
            assert_eq!(http_status(code).as_u16(), http, "{code:?}");
        }
    }

    #[test]
    fn status_json_keeps_the_field_violations() {
        let status = Status::from(ApiError::invalid("document.content", "is empty"));
        let json: serde_json::Value = serde_json::from_str(&status_json(&status)).unwrap();
        assert_eq!(json["code"], 3);
        assert!(json["message"].as_str().unwrap().contains("document.content: is empty"), "{json}");
        assert_eq!(json["details"][0]["@type"], "type.googleapis.com/google.rpc.BadRequest");
        assert_eq!(json["details"][0]["fieldViolations"][0]["field"], "document.content");

        let plain: serde_json::Value = serde_json::from_str(&status_json(&Status::unavailable("away"))).unwrap();
        assert_eq!(plain, serde_json::json!({ "code": 14, "message": "away", "details": [] }));
    }

    #[test]
    fn timeouts_parse_in_both_formats() {
        assert_eq!(parse_timeout("2.5"), Some(Duration::from_millis(2500)));
        assert_eq!(parse_timeout("2s"), Some(Duration::from_secs(2)));
        assert_eq!(parse_timeout(" 500ms "), Some(Duration::from_millis(500)));
        for bad in ["", "soon", "-1", "1h", "NaN", "1e400"] {
            assert_eq!(parse_timeout(bad), None, "{bad:?}");
        }
        let mut headers = HeaderMap::new();
        headers.insert("grpc-timeout", HeaderValue::from_static("3S"));
        headers.insert("x-request-timeout", HeaderValue::from_static("10"));
        let arrived = Instant::now();
        assert_eq!(request_deadline(&headers, arrived).unwrap(), Some(arrived + Duration::from_secs(3)));
        headers.insert("x-request-timeout", HeaderValue::from_static("later"));
        let failure = request_deadline(&headers, arrived).unwrap_err();
        assert_eq!(failure.http, StatusCode::BAD_REQUEST);
        assert!(failure.status.message().contains("x-request-timeout"), "{}", failure.status.message());
    }

    #[test]
    fn grpc_timeouts_fit_eight_digits() {
        assert_eq!(grpc_timeout(Duration::from_millis(1500)), "1500000u");
        assert_eq!(grpc_timeout(Duration::from_secs(1000)), "1000000m");
        assert_eq!(grpc_timeout(Duration::from_secs(10_000_000)), "10000000S");
        assert_eq!(
            crate::api::parse_grpc_timeout(&grpc_timeout(Duration::from_millis(1500))),
            Some(Duration::from_millis(1500))
        );
    }
}
