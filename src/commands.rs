//! The `analyze` and `healthcheck` subcommands (their flags are in `args`).

use crate::analysis::Budget;
use crate::analysis::quotes::QuoteMethod;
use crate::api::{self, error::ApiError};
use crate::args::{AnalyzeArgs, Encoding, Feature, HealthcheckArgs};
use crate::json;
use crate::pb;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::time::Duration;

const REQUEST: &str = "lede.v1.AnalyzeArticleRequest";
const RESPONSE: &str = "lede.v1.AnalyzeArticleResponse";
/// Lines analyzed together in batch mode: enough to keep every core busy,
/// few enough to keep memory flat on any input size.
const WINDOW: usize = 256;

pub type CliError = Box<dyn std::error::Error>;

/// `lede analyze`: one article, or a JSONL file of requests, to standard
/// output or `--output`.
pub fn analyze(args: &AnalyzeArgs) -> Result<(), CliError> {
    let input = open_input(args.input.as_deref())?;
    let mut output = open_output(args.output.as_deref())?;
    if args.jsonl {
        analyze_jsonl(input, args.quote_method.into(), &mut output)?;
    } else {
        let answer = analyze_one(args, input)?;
        writeln!(output, "{answer}")?;
    }
    output.flush()?;
    Ok(())
}

/// The input file, or standard input for `-` or no name.
fn open_input(path: Option<&Path>) -> Result<Input, CliError> {
    match path {
        Some(path) if path != Path::new("-") => {
            let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok(Input { name: path.display().to_string(), reader: Box::new(BufReader::new(file)) })
        }
        _ => Ok(Input { name: "stdin".to_owned(), reader: Box::new(BufReader::new(std::io::stdin())) }),
    }
}

/// The output file, or standard output.
fn open_output(path: Option<&Path>) -> Result<Box<dyn Write>, CliError> {
    Ok(match path {
        Some(path) => Box::new(BufWriter::new(
            std::fs::File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

struct Input {
    name: String,
    reader: Box<dyn BufRead>,
}

fn analyze_one(args: &AnalyzeArgs, mut input: Input) -> Result<String, CliError> {
    let mut content = String::new();
    input.reader.read_to_string(&mut content).map_err(|e| format!("cannot read {}: {e}", input.name))?;
    let features = (!args.features.is_empty()).then(|| pb::Features {
        metadata: args.features.contains(&Feature::Metadata),
        entities: args.features.contains(&Feature::Entities),
        quotes: args.features.contains(&Feature::Quotes),
        summary: args.features.contains(&Feature::Summary),
    });
    let format = if args.html { pb::DocumentFormat::Html } else { pb::DocumentFormat::Unspecified };
    let encoding = match args.encoding {
        Encoding::Utf8 => pb::EncodingType::Utf8,
        Encoding::Utf16 => pb::EncodingType::Utf16,
        Encoding::Utf32 => pb::EncodingType::Utf32,
    };
    let req = pb::AnalyzeArticleRequest {
        document: Some(pb::Document {
            id: input.name,
            source: Some(pb::document::Source::Content(content)),
            format: format as i32,
            ..Default::default()
        }),
        features,
        encoding_type: encoding as i32,
        summary_options: None,
        quote_options: None,
    };
    let res = api::analyze_blocking(&req, args.quote_method.into(), &Budget::default())
        .map_err(|err| tonic::Status::from(err).to_string())?;
    Ok(json::to_json(RESPONSE, &res)?)
}

/// Answers one JSONL line: a response, or an error object naming the line.
fn answer_line(number: usize, line: &str, quote_method: QuoteMethod) -> String {
    let outcome = json::from_json::<pb::AnalyzeArticleRequest>(REQUEST, line)
        .map_err(|e| ApiError::invalid("line", format!("is not an AnalyzeArticleRequest: {e}")))
        .and_then(|req| api::analyze_blocking(&req, quote_method, &Budget::default()));
    let rendered =
        outcome.map_err(tonic::Status::from).map_err(|s| s.to_string()).and_then(|res| json::to_json(RESPONSE, &res));
    rendered.unwrap_or_else(|err| serde_json::json!({ "line": number, "error": err }).to_string())
}

/// Answers every non-blank line in order, a window of lines at a time across
/// every core.
fn analyze_jsonl(input: Input, quote_method: QuoteMethod, output: &mut dyn Write) -> Result<(), CliError> {
    let Input { name, reader } = input;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut lines = reader.lines().enumerate().filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()));
    loop {
        let window: Vec<(usize, String)> = lines
            .by_ref()
            .take(WINDOW)
            .map(|(i, l)| l.map(|l| (i + 1, l)))
            .collect::<Result<_, _>>()
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        if window.is_empty() {
            break;
        }
        let chunk = window.len().div_ceil(threads);
        let answers: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = window
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || part.iter().map(|(n, l)| answer_line(*n, l, quote_method)).collect::<Vec<_>>())
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
        });
        for answer in answers {
            writeln!(output, "{answer}")?;
        }
    }
    Ok(())
}

/// `lede healthcheck`: exit 0 only when the server says SERVING.
pub async fn healthcheck(args: &HealthcheckArgs) -> Result<(), CliError> {
    use tonic_health::pb::{HealthCheckRequest, health_check_response::ServingStatus, health_client::HealthClient};
    let timeout = Duration::from_secs(args.timeout_secs);
    let check = async {
        let scheme = if args.tls_ca.is_some() { "https" } else { "http" };
        let mut endpoint =
            tonic::transport::Endpoint::from_shared(format!("{scheme}://{}", args.addr))?.connect_timeout(timeout);
        if let Some(ca) = &args.tls_ca {
            let pem = std::fs::read(ca).map_err(|e| format!("--tls-ca {}: cannot read it: {e}", ca.display()))?;
            endpoint = endpoint.tls_config(
                tonic::transport::ClientTlsConfig::new()
                    .ca_certificate(tonic::transport::Certificate::from_pem(pem))
                    .domain_name(&args.tls_domain),
            )?;
        }
        let channel = endpoint.connect().await?;
        let res = HealthClient::new(channel).check(HealthCheckRequest { service: String::new() }).await?;
        Ok::<_, CliError>(res.into_inner().status())
    };
    match tokio::time::timeout(timeout, check).await {
        Ok(Ok(ServingStatus::Serving)) => Ok(()),
        Ok(Ok(status)) => Err(format!("{} is {}", args.addr, status.as_str_name()).into()),
        Ok(Err(err)) => Err(format!("{} did not answer: {err}", args.addr).into()),
        Err(_) => Err(format!("{} did not answer within {timeout:?}", args.addr).into()),
    }
}
