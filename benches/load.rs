//! A load generator for the gRPC service: unary `AnalyzeArticle` and
//! `StreamAnalyzeArticles` at a sweep of concurrency levels, with latency in
//! an HDR histogram, errors by gRPC code and the server's peak RSS.
//!
//!     cargo bench --bench load
//!     cargo bench --bench load -- --concurrency 1,4,16,64 --requests 4000 --mode both
//!     cargo bench --bench load -- --addr 127.0.0.1:50051      # an already running server
//!     cargo bench --bench load -- --docs requests.jsonl       # AnalyzeArticleRequest JSON, one a line
//!     cargo bench --bench load -- --seed                      # the seed article alone, again and again
//!
//! By default the requests are the articles of `benches/corpus/`, sent in
//! turn: distinct articles, as a service meets them.
//!
//! Without `--addr` it starts the release binary on a free loopback port
//! (`lede serve --addr 127.0.0.1:PORT`), times start to SERVING through the
//! health service, samples its RSS from /proc while the sweep runs, and stops
//! it with SIGTERM. Every level sends a fixed count of requests (after a short
//! warm-up), so a run is bounded.

#[path = "support/corpus.rs"]
mod corpus;

use hdrhistogram::Histogram;
use lede::analysis::{self, Budget, Content, Document, Features, Format, Options};
use lede::pb::{self, article_service_client::ArticleServiceClient};
use std::collections::{BTreeMap, HashMap};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tonic::Code;
use tonic::transport::Channel;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};

/// How long a started server gets to report SERVING.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// Stream items in flight per stream: enough to keep the server busy while
/// the answers of earlier items travel back.
const STREAM_WINDOW: usize = 4;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Unary,
    Stream,
}

/// The `--mode` flag: which RPCs a run drives.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Modes {
    Unary,
    Stream,
    /// Unary, then stream.
    Both,
}

impl Modes {
    fn runs(self) -> &'static [Mode] {
        match self {
            Modes::Both => &[Mode::Unary, Mode::Stream],
            Modes::Unary => &[Mode::Unary],
            Modes::Stream => &[Mode::Stream],
        }
    }
}

/// Load on the lede gRPC service: a concurrency sweep with latency percentiles.
#[derive(clap::Parser)]
struct Args {
    /// Concurrent callers at each level of the sweep, comma separated.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 4, 16, 64], value_parser = positive)]
    concurrency: Vec<usize>,
    /// Requests per level, after the warm-up.
    #[arg(long, default_value_t = 3000, value_parser = positive)]
    requests: usize,
    /// Which RPCs to drive.
    #[arg(long, value_enum, default_value_t = Modes::Both)]
    mode: Modes,
    /// A running server to load; default: start the release binary on a free port.
    #[arg(long)]
    addr: Option<String>,
    /// AnalyzeArticleRequest JSON, one a line (repeat for several files);
    /// default: the articles of benches/corpus.
    #[arg(long)]
    docs: Vec<String>,
    /// Send the seed article alone, again and again, instead.
    #[arg(long, conflicts_with = "docs")]
    seed: bool,
    /// `--workers` of the server this run starts.
    #[arg(long)]
    workers: Option<usize>,
    /// Passed by `cargo bench` to every harness=false target.
    #[arg(long, hide = true)]
    bench: bool,
}

fn positive(value: &str) -> Result<usize, String> {
    match value.parse() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("{e}")),
    }
}

/// The documents to send, in turn, with their word counts.
fn documents(paths: &[String], seed: bool) -> Result<Vec<(pb::AnalyzeArticleRequest, u64)>, String> {
    let request = |id: &str, content: &str| pb::AnalyzeArticleRequest {
        document: Some(pb::Document {
            id: id.into(),
            source: Some(pb::document::Source::Content(content.into())),
            ..Default::default()
        }),
        ..Default::default()
    };
    let requests: Vec<pb::AnalyzeArticleRequest> = if seed {
        vec![request("seed", corpus::SEED)]
    } else if paths.is_empty() {
        corpus::own().iter().map(|a| request(&a.id, &a.content)).collect()
    } else {
        let mut requests = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                requests.push(lede::json::from_json("lede.v1.AnalyzeArticleRequest", line)?);
            }
        }
        requests
    };
    if requests.is_empty() {
        return Err("no documents".into());
    }
    Ok(requests
        .into_iter()
        .map(|r| {
            let count = words(&r);
            (r, count)
        })
        .collect())
}

/// The words of the article text, as the server counts them.
fn words(request: &pb::AnalyzeArticleRequest) -> u64 {
    let Some(doc) = request.document.as_ref() else { return 0 };
    let Some(pb::document::Source::Content(content)) = doc.source.as_ref() else { return 0 };
    let format = match pb::DocumentFormat::try_from(doc.format) {
        Ok(pb::DocumentFormat::Html) => Format::Html,
        Ok(pb::DocumentFormat::PlainText) => Format::PlainText,
        _ => Format::Detect,
    };
    let doc = Document { content: Content::Text(content), format, url: "", language: "" };
    let metadata = Features { metadata: true, ..Features::default() };
    analysis::analyze(&doc, metadata, &Options::default(), &Budget::default())
        .map_or(0, |a| a.segmentation.word_count() as u64)
}

/// A server this run started, stopped on drop.
struct Server {
    child: Child,
}

impl Server {
    fn start(addr: &str, workers: Option<usize>) -> Result<Server, String> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
        cmd.args(["serve", "--addr", addr]).stdout(Stdio::null()).stderr(Stdio::null());
        if let Some(w) = workers {
            cmd.args(["--workers", &w.to_string()]);
        }
        cmd.spawn().map(|child| Server { child }).map_err(|e| format!("starting lede: {e}"))
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGTERM, then wait for the drain.
    fn stop(mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Polls the health service until the article service reports SERVING.
async fn wait_serving(addr: &str) -> Result<(), String> {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if let Ok(channel) = Channel::from_shared(format!("http://{addr}")).map_err(|e| e.to_string())?.connect().await
        {
            let req = HealthCheckRequest { service: String::new() };
            if let Ok(res) = HealthClient::new(channel).check(req).await
                && res.into_inner().status == ServingStatus::Serving as i32
            {
                return Ok(());
            }
        }
        if Instant::now() > deadline {
            return Err(format!("no SERVING from {addr} within {START_TIMEOUT:?}"));
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// A /proc/<pid>/status field in kB.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Samples the server's RSS every few milliseconds and keeps the largest.
struct RssSampler {
    peak_kb: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl RssSampler {
    fn start(pid: u32) -> RssSampler {
        let (peak_kb, stop) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicBool::new(false)));
        let (peak, done) = (peak_kb.clone(), stop.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(kb) = status_kb(pid, "VmRSS:") {
                    peak.fetch_max(kb, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        RssSampler { peak_kb, stop }
    }

    /// The largest RSS since the last reset, in MB, and starts anew.
    fn take_mb(&self) -> f64 {
        self.peak_kb.swap(0, Ordering::Relaxed) as f64 / 1024.0
    }
}

impl Drop for RssSampler {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// What one level of the sweep measured.
struct Outcome {
    wall: Duration,
    latency: Histogram<u64>,
    words: u64,
    errors: BTreeMap<String, usize>,
}

impl Outcome {
    fn new() -> Outcome {
        Outcome {
            wall: Duration::ZERO,
            latency: Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid histogram bounds"),
            words: 0,
            errors: BTreeMap::new(),
        }
    }

    fn merge(&mut self, other: Outcome) {
        let _ = self.latency.add(other.latency);
        self.words += other.words;
        for (code, n) in other.errors {
            *self.errors.entry(code).or_default() += n;
        }
    }

    fn record(&mut self, started: Instant, code: Code, words: u64) {
        let _ = self.latency.record((started.elapsed().as_micros() as u64).max(1));
        if code == Code::Ok {
            self.words += words;
        } else {
            *self.errors.entry(format!("{code:?}")).or_default() += 1;
        }
    }
}

async fn connect(addr: &str) -> Result<ArticleServiceClient<Channel>, String> {
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .map_err(|e| e.to_string())?
        .connect()
        .await
        .map_err(|e| format!("connecting to {addr}: {e}"))?;
    Ok(ArticleServiceClient::new(channel).max_decoding_message_size(usize::MAX))
}

/// Sends requests `worker`, `worker + concurrency`, ... one at a time.
async fn unary_worker(
    mut client: ArticleServiceClient<Channel>,
    docs: Arc<Vec<(pb::AnalyzeArticleRequest, u64)>>,
    numbers: impl Iterator<Item = usize>,
) -> Outcome {
    let mut out = Outcome::new();
    for n in numbers {
        let (request, words) = &docs[n % docs.len()];
        let started = Instant::now();
        let code = match client.analyze_article(request.clone()).await {
            Ok(_) => Code::Ok,
            Err(status) => status.code(),
        };
        out.record(started, code, *words);
    }
    out
}

/// One stream carrying requests `worker`, `worker + concurrency`, ..., with
/// at most [`STREAM_WINDOW`] unanswered; latency is from an item's send to
/// its answer.
async fn stream_worker(
    mut client: ArticleServiceClient<Channel>,
    docs: Arc<Vec<(pb::AnalyzeArticleRequest, u64)>>,
    numbers: Vec<usize>,
) -> Outcome {
    let mut out = Outcome::new();
    let (tx, rx) = tokio::sync::mpsc::channel(STREAM_WINDOW);
    let mut sent: HashMap<String, (Instant, u64)> = HashMap::new();
    let mut pending = numbers.into_iter();
    let mut send_next = |sent: &mut HashMap<String, (Instant, u64)>| {
        let n = pending.next()?;
        let (request, words) = &docs[n % docs.len()];
        let mut request = request.clone();
        let id = n.to_string();
        if let Some(doc) = request.document.as_mut() {
            doc.id = id.clone();
        }
        sent.insert(id, (Instant::now(), *words));
        Some(pb::StreamAnalyzeArticlesRequest { request: Some(request) })
    };
    for _ in 0..STREAM_WINDOW {
        if let Some(item) = send_next(&mut sent) {
            let _ = tx.send(item).await;
        }
    }
    let mut tx = Some(tx);
    if sent.is_empty() {
        return out;
    }
    let mut answers = match client.stream_analyze_articles(tokio_stream::wrappers::ReceiverStream::new(rx)).await {
        Ok(res) => res.into_inner(),
        Err(status) => {
            *out.errors.entry(format!("{:?}", status.code())).or_default() += sent.len();
            return out;
        }
    };
    while !sent.is_empty() {
        let answer = match answers.message().await {
            Ok(Some(answer)) => answer,
            Ok(None) => break,
            Err(status) => {
                *out.errors.entry(format!("{:?}", status.code())).or_default() += sent.len();
                return out;
            }
        };
        let Some(result) = answer.result else { continue };
        let code = match result.outcome {
            Some(pb::analyze_article_result::Outcome::Error(status)) => Code::from_i32(status.code),
            _ => Code::Ok,
        };
        if let Some((started, words)) = sent.remove(&result.document_id) {
            out.record(started, code, words);
        }
        match send_next(&mut sent) {
            Some(item) => {
                if let Some(tx) = &tx {
                    let _ = tx.send(item).await;
                }
            }
            None => tx = None,
        }
    }
    if !sent.is_empty() {
        *out.errors.entry("unanswered".into()).or_default() += sent.len();
    }
    out
}

async fn run_level(
    addr: &str,
    mode: Mode,
    concurrency: usize,
    requests: usize,
    docs: &Arc<Vec<(pb::AnalyzeArticleRequest, u64)>>,
) -> Result<Outcome, String> {
    let mut clients = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        // Each worker its own connection, as separate callers would have.
        clients.push(connect(addr).await?);
    }
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (worker, client) in clients.into_iter().enumerate() {
        let numbers: Vec<usize> = (worker..requests).step_by(concurrency).collect();
        let docs = docs.clone();
        match mode {
            Mode::Unary => tasks.spawn(unary_worker(client, docs, numbers.into_iter())),
            Mode::Stream => tasks.spawn(stream_worker(client, docs, numbers)),
        };
    }
    let mut total = Outcome::new();
    while let Some(done) = tasks.join_next().await {
        total.merge(done.map_err(|e| e.to_string())?);
    }
    total.wall = started.elapsed();
    Ok(total)
}

fn print_row(mode: Mode, concurrency: usize, o: &Outcome, rss_mb: Option<f64>) {
    let secs = o.wall.as_secs_f64();
    let ms = |q: f64| o.latency.value_at_quantile(q) as f64 / 1000.0;
    let errors = if o.errors.is_empty() {
        "none".to_owned()
    } else {
        o.errors.iter().map(|(c, n)| format!("{c}:{n}")).collect::<Vec<_>>().join(" ")
    };
    println!(
        "| {:<6} | {:>4} | {:>6} | {:>8.0} | {:>9.0} | {:>6.2} | {:>6.2} | {:>6.2} | {:>7.2} | {:>7} | {} |",
        if mode == Mode::Unary { "unary" } else { "stream" },
        concurrency,
        o.latency.len(),
        o.latency.len() as f64 / secs,
        o.words as f64 / secs,
        ms(0.5),
        ms(0.9),
        ms(0.99),
        o.latency.max() as f64 / 1000.0,
        rss_mb.map_or("-".to_owned(), |mb| format!("{mb:.1}")),
        errors,
    );
}

async fn run(args: Args) -> Result<(), String> {
    let docs = Arc::new(documents(&args.docs, args.seed)?);
    let (addr, server) = match &args.addr {
        Some(addr) => (addr.clone(), None),
        None => {
            let addr = format!("127.0.0.1:{}", free_port()?);
            let started = Instant::now();
            let server = Server::start(&addr, args.workers)?;
            wait_serving(&addr).await?;
            println!("server pid {} SERVING {:.1} ms after start", server.pid(), started.elapsed().as_secs_f64() * 1e3);
            (addr, Some(server))
        }
    };
    let sampler = server.as_ref().map(|s| RssSampler::start(s.pid()));
    let mean_words = docs.iter().map(|(_, w)| w).sum::<u64>() as f64 / docs.len() as f64;
    println!("{} document(s), {mean_words:.0} words on average, {} requests per level", docs.len(), args.requests);
    println!();
    println!(
        "| mode   | conc | sent   | docs/s   | words/s   | p50 ms | p90 ms | p99 ms | max ms  | RSS MB  | errors |"
    );
    println!(
        "|--------|------|--------|----------|-----------|--------|--------|--------|---------|---------|--------|"
    );
    for &mode in args.mode.runs() {
        for &concurrency in &args.concurrency {
            // Warm the connections and the server's lazily built tables.
            run_level(&addr, mode, concurrency, concurrency * 2, &docs).await?;
            let outcome = run_level(&addr, mode, concurrency, args.requests, &docs).await?;
            print_row(mode, concurrency, &outcome, sampler.as_ref().map(RssSampler::take_mb));
        }
    }
    if let Some(server) = server {
        let hwm = status_kb(server.pid(), "VmHWM:").map_or(0.0, |kb| kb as f64 / 1024.0);
        println!();
        println!("server peak RSS (VmHWM) over the run: {hwm:.1} MB");
        server.stop();
    }
    Ok(())
}

fn main() {
    let args = <Args as clap::Parser>::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    if let Err(e) = runtime.block_on(run(args)) {
        eprintln!("load: {e}");
        std::process::exit(1);
    }
}
