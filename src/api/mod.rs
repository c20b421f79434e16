//! The `lede.v1.ArticleService` implementation: proto in, domain analysis off
//! the async reactor, proto out.

pub mod convert;
pub mod error;
pub mod offsets;

use crate::analysis::quotes::QuoteMethod;
use crate::analysis::{self, Budget};
use crate::metrics::{InFlight, NoMetrics, Recorder};
use crate::pb;
use crate::pb::article_service_server::ArticleService;
use error::ApiError;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio_stream::Stream;
use tonic::{Request, Response, Status, Streaming};
use tracing::Instrument;

/// The most documents one `BatchAnalyzeArticles` call may hold.
pub const MAX_BATCH: usize = 256;

/// Runs one request to the end on the calling thread: validation, analysis,
/// response, recording nothing. The CLI and tests call it; the service runs
/// the same path on a blocking thread with its recorder.
/// A request that leaves the quote method to the server gets `quote_method`.
pub fn analyze_blocking(
    req: &pb::AnalyzeArticleRequest,
    quote_method: QuoteMethod,
    budget: &Budget,
) -> Result<pb::AnalyzeArticleResponse, ApiError> {
    analyze_recorded(req, quote_method, budget, &NoMetrics)
}

fn analyze_recorded(
    req: &pb::AnalyzeArticleRequest,
    quote_method: QuoteMethod,
    budget: &Budget,
    recorder: &dyn Recorder,
) -> Result<pb::AnalyzeArticleResponse, ApiError> {
    let valid = convert::validate(req, quote_method)?;
    let analysis = analysis::analyze(&valid.document, valid.features, &valid.options, budget)?;
    recorder.record_document(analysis.text.len(), analysis.segmentation.word_count(), &analysis.timings);
    budget.check()?;
    Ok(convert::response(document_id(req), &analysis, valid.encoding))
}

/// Limits that shape how the service spends its CPU.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Analyses that run at once (blocking threads doing CPU work).
    pub workers: usize,
    /// Requests admitted at once; beyond it, RESOURCE_EXHAUSTED.
    pub max_in_flight: usize,
    /// The largest request message, after decompression.
    pub max_message_bytes: usize,
}

/// The service; cheap to clone.
#[derive(Clone)]
pub struct ArticleApi {
    inner: Arc<Inner>,
}

struct Inner {
    limits: Limits,
    /// For requests that leave the quote method to the server.
    quote_method: QuoteMethod,
    recorder: Arc<dyn Recorder>,
    workers: Arc<Semaphore>,
    in_flight: Arc<Semaphore>,
}

/// Cancels the analysis when the request's future is dropped, as it is when
/// the caller disconnects or the deadline passes.
struct CancelOnDrop(Budget);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

impl ArticleApi {
    /// The service, reporting its calls and documents to `recorder`; a
    /// request that names no quote method gets `quote_method`.
    pub fn new(limits: Limits, quote_method: QuoteMethod, recorder: Arc<dyn Recorder>) -> Self {
        let inner = Inner {
            limits,
            quote_method,
            recorder,
            workers: Arc::new(Semaphore::new(limits.workers.max(1))),
            in_flight: Arc::new(Semaphore::new(limits.max_in_flight.max(1))),
        };
        Self { inner: Arc::new(inner) }
    }

    /// Admits one request or sheds it.
    fn admit(&self) -> Result<(OwnedSemaphorePermit, InFlight), ApiError> {
        let permit = Arc::clone(&self.inner.in_flight)
            .try_acquire_owned()
            .map_err(|_| ApiError::Overloaded { limit: self.inner.limits.max_in_flight })?;
        Ok((permit, self.inner.recorder.in_flight()))
    }

    /// Analyzes one article on a worker, within the deadline.
    async fn run(
        &self,
        req: pb::AnalyzeArticleRequest,
        deadline: Option<Instant>,
    ) -> Result<pb::AnalyzeArticleResponse, ApiError> {
        let budget = Budget::new(deadline);
        let _cancel = CancelOnDrop(budget.clone());
        let work = async {
            // The permit moves into the blocking task: a caller who leaves frees
            // its worker only when the analysis has actually stopped.
            let worker = Arc::clone(&self.inner.workers).acquire_owned().await.map_err(|_| ApiError::ShuttingDown)?;
            let span = tracing::Span::current();
            let recorder = Arc::clone(&self.inner.recorder);
            let quote_method = self.inner.quote_method;
            tokio::task::spawn_blocking(move || {
                let _worker = worker;
                span.in_scope(|| analyze_recorded(&req, quote_method, &budget, recorder.as_ref()))
            })
            .await
            .map_err(|err| ApiError::Internal(format!("analysis task failed: {err}")))?
        };
        match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline.into(), work)
                .await
                .unwrap_or(Err(ApiError::Analysis(analysis::AnalysisError::DeadlineExceeded))),
            None => work.await,
        }
    }

    /// One unary call: admission, a tracing span, the analysis, and the
    /// mapping of its response to the RPC's own.
    async fn unary<R>(
        &self,
        method: &'static str,
        deadline: Option<Instant>,
        req: pb::AnalyzeArticleRequest,
        into: impl FnOnce(pb::AnalyzeArticleResponse) -> R,
    ) -> Result<Response<R>, Status> {
        let span = request_span(method, &req);
        async move {
            let started = Instant::now();
            let outcome = match self.admit() {
                Ok(_permit) => self.run(req, deadline).await,
                Err(err) => Err(err),
            };
            self.finish(method, started, outcome.as_ref().err());
            outcome.map(|res| Response::new(into(res))).map_err(Status::from)
        }
        .instrument(span)
        .await
    }

    /// The analyses of a batch, one result per request, in order.
    async fn batch(
        &self,
        requests: Vec<pb::AnalyzeArticleRequest>,
        deadline: Option<Instant>,
    ) -> Vec<pb::AnalyzeArticleResult> {
        let mut tasks = JoinSet::new();
        let count = requests.len();
        for (index, req) in requests.into_iter().enumerate() {
            let api = self.clone();
            tasks.spawn(async move {
                let id = document_id(&req).to_owned();
                (index, result(id, api.run(req, deadline).await))
            });
        }
        let mut results = vec![None; count];
        while let Some(joined) = tasks.join_next().await {
            if let Ok((index, outcome)) = joined {
                results[index] = Some(outcome);
            }
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| failed("", &ApiError::Internal("batch task failed".into()))))
            .collect()
    }

    /// Reads a stream of requests and answers each as soon as it is done,
    /// at most `workers` at a time per stream so a fast producer waits.
    async fn pump(
        self,
        mut incoming: Streaming<pb::StreamAnalyzeArticlesRequest>,
        tx: mpsc::Sender<Result<pb::StreamAnalyzeArticlesResponse, Status>>,
        deadline: Option<Instant>,
    ) {
        let workers = self.inner.limits.workers.max(1);
        let mut running = JoinSet::new();
        let mut more = true;
        while more || !running.is_empty() {
            tokio::select! {
                // Nobody reads the answers any more: stop the work too.
                () = tx.closed() => break,
                Some(_) = running.join_next(), if !running.is_empty() => {}
                next = incoming.message(), if more && running.len() < workers => match next {
                    Ok(Some(item)) => {
                        let (api, tx) = (self.clone(), tx.clone());
                        running.spawn(async move {
                            let outcome = match item.request {
                                Some(req) => {
                                    let id = document_id(&req).to_owned();
                                    result(id, api.run(req, deadline).await)
                                }
                                None => failed("", &ApiError::invalid("request", "is required: the article and its options")),
                            };
                            let _ = tx.send(Ok(pb::StreamAnalyzeArticlesResponse { result: Some(outcome) })).await;
                        });
                    }
                    Ok(None) => more = false,
                    // The stream broke (the caller left, or sent too much): the
                    // status ends the answers, so the work in hand is moot.
                    Err(status) => {
                        let _ = tx.try_send(Err(self.transport_status(status)));
                        break;
                    }
                },
            }
        }
        // Dropping an analysis cancels its blocking work at the next stage.
        running.abort_all();
        while running.join_next().await.is_some() {}
    }

    /// Logs and counts a finished call.
    fn finish(&self, method: &'static str, started: Instant, err: Option<&ApiError>) {
        let latency = started.elapsed();
        self.inner.recorder.record_call(method, err.map_or(tonic::Code::Ok, ApiError::code), latency);
        let latency_ms = latency.as_secs_f64() * 1e3;
        match err {
            None => tracing::info!(latency_ms, "ok"),
            Some(err) if err.is_client_error() => tracing::info!(latency_ms, code = ?err.code(), "refused"),
            Some(err) => tracing::error!(latency_ms, error = ?err, "failed"),
        }
    }

    /// tonic reports an oversized message as OUT_OF_RANGE; callers expect
    /// RESOURCE_EXHAUSTED with the limit.
    fn transport_status(&self, status: Status) -> Status {
        if status.code() == tonic::Code::OutOfRange && status.message().contains("too large") {
            error::message_too_large(self.inner.limits.max_message_bytes)
        } else {
            status
        }
    }
}

fn request_span(method: &'static str, req: &pb::AnalyzeArticleRequest) -> tracing::Span {
    let doc = req.document.as_ref();
    let bytes = doc.and_then(|d| d.source.as_ref()).map_or(0, |s| match s {
        pb::document::Source::Content(text) => text.len(),
        pb::document::Source::RawContent(bytes) => bytes.len(),
    });
    tracing::info_span!("request", method, document_id = document_id(req), bytes)
}

fn document_id(req: &pb::AnalyzeArticleRequest) -> &str {
    req.document.as_ref().map_or("", |d| d.id.as_str())
}

fn result(id: String, outcome: Result<pb::AnalyzeArticleResponse, ApiError>) -> pb::AnalyzeArticleResult {
    match outcome {
        Ok(response) => pb::AnalyzeArticleResult {
            document_id: id,
            outcome: Some(pb::analyze_article_result::Outcome::Response(response)),
        },
        Err(err) => failed(&id, &err),
    }
}

fn failed(id: &str, err: &ApiError) -> pb::AnalyzeArticleResult {
    pb::AnalyzeArticleResult {
        document_id: id.to_owned(),
        outcome: Some(pb::analyze_article_result::Outcome::Error(err.to_rpc_status())),
    }
}

/// The caller's deadline, from the `grpc-timeout` header.
fn deadline<T>(req: &Request<T>) -> Option<Instant> {
    let value = req.metadata().get("grpc-timeout")?.to_str().ok()?;
    Instant::now().checked_add(parse_grpc_timeout(value)?)
}

/// A `grpc-timeout` value ("20m", "3S") as a duration; `None` when malformed.
pub fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    let (amount, unit) = value.split_at(value.len().checked_sub(1)?);
    let amount: u64 = amount.parse().ok()?;
    let timeout = match unit {
        "H" => Duration::from_secs(amount.saturating_mul(3600)),
        "M" => Duration::from_secs(amount.saturating_mul(60)),
        "S" => Duration::from_secs(amount),
        "m" => Duration::from_millis(amount),
        "u" => Duration::from_micros(amount),
        "n" => Duration::from_nanos(amount),
        _ => return None,
    };
    Some(timeout)
}

/// A request for one analysis, as the single-job RPCs make it.
fn single(
    document: Option<pb::Document>,
    encoding_type: i32,
    features: pb::Features,
    summary_options: Option<pb::SummaryOptions>,
    quote_options: Option<pb::QuoteOptions>,
) -> pb::AnalyzeArticleRequest {
    pb::AnalyzeArticleRequest { document, features: Some(features), encoding_type, summary_options, quote_options }
}

type ResultStream = Pin<Box<dyn Stream<Item = Result<pb::StreamAnalyzeArticlesResponse, Status>> + Send>>;

#[tonic::async_trait]
impl ArticleService for ArticleApi {
    async fn parse_metadata(
        &self,
        req: Request<pb::ParseMetadataRequest>,
    ) -> Result<Response<pb::ParseMetadataResponse>, Status> {
        let deadline = deadline(&req);
        let r = req.into_inner();
        let features = pb::Features { metadata: true, ..Default::default() };
        self.unary("ParseMetadata", deadline, single(r.document, r.encoding_type, features, None, None), |a| {
            pb::ParseMetadataResponse {
                document_id: a.document_id,
                text: a.text,
                encoding_type: a.encoding_type,
                metadata: a.metadata,
            }
        })
        .await
    }

    async fn extract_entities(
        &self,
        req: Request<pb::ExtractEntitiesRequest>,
    ) -> Result<Response<pb::ExtractEntitiesResponse>, Status> {
        let deadline = deadline(&req);
        let r = req.into_inner();
        let features = pb::Features { entities: true, ..Default::default() };
        self.unary("ExtractEntities", deadline, single(r.document, r.encoding_type, features, None, None), |a| {
            pb::ExtractEntitiesResponse {
                document_id: a.document_id,
                text: a.text,
                encoding_type: a.encoding_type,
                entities: a.entities,
            }
        })
        .await
    }

    async fn extract_quotes(
        &self,
        req: Request<pb::ExtractQuotesRequest>,
    ) -> Result<Response<pb::ExtractQuotesResponse>, Status> {
        let deadline = deadline(&req);
        let r = req.into_inner();
        let features = pb::Features { quotes: true, ..Default::default() };
        self.unary(
            "ExtractQuotes",
            deadline,
            single(r.document, r.encoding_type, features, None, r.quote_options),
            |a| {
                let ids: std::collections::HashSet<&str> =
                    a.quotes.iter().map(|q| q.speaker_entity_id.as_str()).collect();
                let speakers = a.entities.into_iter().filter(|e| ids.contains(e.id.as_str())).collect();
                pb::ExtractQuotesResponse {
                    document_id: a.document_id,
                    text: a.text,
                    encoding_type: a.encoding_type,
                    quotes: a.quotes,
                    speakers,
                }
            },
        )
        .await
    }

    async fn summarize(&self, req: Request<pb::SummarizeRequest>) -> Result<Response<pb::SummarizeResponse>, Status> {
        let deadline = deadline(&req);
        let r = req.into_inner();
        let features = pb::Features { summary: true, ..Default::default() };
        self.unary("Summarize", deadline, single(r.document, r.encoding_type, features, r.summary_options, None), |a| {
            pb::SummarizeResponse {
                document_id: a.document_id,
                text: a.text,
                encoding_type: a.encoding_type,
                summary: a.summary,
            }
        })
        .await
    }

    async fn analyze_article(
        &self,
        req: Request<pb::AnalyzeArticleRequest>,
    ) -> Result<Response<pb::AnalyzeArticleResponse>, Status> {
        let deadline = deadline(&req);
        self.unary("AnalyzeArticle", deadline, req.into_inner(), |a| a).await
    }

    async fn batch_analyze_articles(
        &self,
        req: Request<pb::BatchAnalyzeArticlesRequest>,
    ) -> Result<Response<pb::BatchAnalyzeArticlesResponse>, Status> {
        let deadline = deadline(&req);
        let requests = req.into_inner().requests;
        let span = tracing::info_span!("request", method = "BatchAnalyzeArticles", documents = requests.len());
        async move {
            let started = Instant::now();
            let checked = match requests.len() {
                0 => Err(ApiError::invalid("requests", "is empty: send at least one document")),
                n if n > MAX_BATCH => Err(ApiError::invalid(
                    "requests",
                    format!("holds {n} documents; the limit is {MAX_BATCH} per call"),
                )),
                _ => self.admit(),
            };
            let outcome = match checked {
                Ok(_permit) => Ok(pb::BatchAnalyzeArticlesResponse { results: self.batch(requests, deadline).await }),
                Err(err) => Err(err),
            };
            self.finish("BatchAnalyzeArticles", started, outcome.as_ref().err());
            outcome.map(Response::new).map_err(Status::from)
        }
        .instrument(span)
        .await
    }

    type StreamAnalyzeArticlesStream = ResultStream;

    async fn stream_analyze_articles(
        &self,
        req: Request<Streaming<pb::StreamAnalyzeArticlesRequest>>,
    ) -> Result<Response<ResultStream>, Status> {
        let deadline = deadline(&req);
        let permit = self.admit()?;
        let (tx, rx) = mpsc::channel(self.inner.limits.workers.max(1) * 2);
        let span = tracing::info_span!("request", method = "StreamAnalyzeArticles");
        let api = self.clone();
        tokio::spawn(
            async move {
                let _permit = permit;
                let started = Instant::now();
                api.clone().pump(req.into_inner(), tx, deadline).await;
                api.finish("StreamAnalyzeArticles", started, None);
            }
            .instrument(span),
        );
        Ok(Response::new(Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx))))
    }
}
