//! Command line and environment: every flag has a `LEDE_*` twin, and a bad
//! value stops the program with a message that names it.

use crate::analysis::quotes::QuoteMethod;
use crate::api::Limits;
use crate::auth::{Policy, Tokens};
use crate::metrics::NoMetrics;
use crate::server::{ServerConfig, Tls};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tonic::transport::{Certificate, Identity};

/// Lede: metadata, entities, quotes and summaries of news articles, over gRPC.
#[derive(Debug, Parser)]
#[command(name = "lede", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Log format.
    #[arg(long, global = true, env = "LEDE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the gRPC API (the default).
    Serve(ServeArgs),
    /// Analyze articles from files or standard input, printing proto JSON.
    Analyze(AnalyzeArgs),
    /// Exit 0 only when the server at --addr reports SERVING.
    Healthcheck(HealthcheckArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LEDE_ADDR", default_value = "127.0.0.1:50051")]
    pub addr: SocketAddr,
    /// Largest request message, in bytes, after decompression.
    #[arg(long, env = "LEDE_MAX_MESSAGE_BYTES", default_value_t = 16 * 1024 * 1024, value_parser = clap::value_parser!(u32).range(1024..))]
    pub max_message_bytes: u32,
    /// Requests admitted at once; more are refused with RESOURCE_EXHAUSTED.
    #[arg(long, env = "LEDE_MAX_IN_FLIGHT", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_in_flight: u32,
    /// Analyses that run at once. Default: the number of CPU cores.
    #[arg(long, env = "LEDE_WORKERS", value_parser = clap::value_parser!(u16).range(1..))]
    pub workers: Option<u16>,
    /// Seconds in-flight requests get to finish after SIGTERM or SIGINT.
    #[arg(long, env = "LEDE_SHUTDOWN_GRACE_SECS", default_value_t = 30)]
    pub shutdown_grace_secs: u64,
    /// Close client connections after this many seconds so clients rebalance
    /// across replicas. Default: never.
    #[arg(long, env = "LEDE_MAX_CONNECTION_AGE_SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connection_age_secs: Option<u64>,
    /// Seconds between HTTP/2 and TCP keepalive probes.
    #[arg(long, env = "LEDE_KEEPALIVE_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub keepalive_secs: u64,
    /// Also serve HTTP on this address: the JSON API (POST /v1/articles:analyze
    /// and the other unary RPCs), gRPC-Web, GET /healthz and a page to try
    /// Lede at /. Same TLS, tokens and limits as gRPC. Default: off.
    #[arg(long, env = "LEDE_HTTP_ADDR")]
    pub http_addr: Option<SocketAddr>,
    /// Serve Prometheus metrics at http://ADDR/metrics. Default: off.
    #[arg(long, env = "LEDE_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Do not offer server reflection.
    #[arg(long, env = "LEDE_NO_REFLECTION")]
    pub no_reflection: bool,
    /// Serve TLS with this PEM certificate chain (needs --tls-key).
    #[arg(long, env = "LEDE_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, env = "LEDE_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Require client certificates signed by this PEM CA (mutual TLS). Health
    /// stays open to callers without one, for probes.
    #[arg(long, env = "LEDE_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
    /// Require `authorization: Bearer <token>` with a token from this file
    /// (one per line, `#` comments). Health stays open.
    #[arg(long, env = "LEDE_AUTH_TOKENS_FILE")]
    pub auth_tokens_file: Option<PathBuf>,
    /// Accepted bearer tokens, comma separated. Prefer the environment
    /// variable or --auth-tokens-file: command lines are visible to others.
    #[arg(long, env = "LEDE_AUTH_TOKENS", value_delimiter = ',', hide_env_values = true)]
    pub auth_tokens: Vec<String>,
    /// How quotes are found for requests that do not choose: `rules` (fast)
    /// or `learned` (the trained model, for English articles: more reported
    /// speech and speakers right, about 40 to 50% more time per analysis).
    #[arg(long, env = "LEDE_QUOTE_METHOD", value_enum, default_value_t = QuoteMethodArg::Rules)]
    pub quote_method: QuoteMethodArg,
}

/// `--quote-method`'s values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QuoteMethodArg {
    Rules,
    Learned,
}

impl From<QuoteMethodArg> for QuoteMethod {
    fn from(arg: QuoteMethodArg) -> Self {
        match arg {
            QuoteMethodArg::Rules => QuoteMethod::Rules,
            QuoteMethodArg::Learned => QuoteMethod::Learned,
        }
    }
}

impl ServeArgs {
    /// The defaults, with the environment applied.
    pub fn from_env() -> Result<Self, clap::Error> {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            serve: ServeArgs,
        }
        Only::try_parse_from(["lede"]).map(|only| only.serve)
    }

    /// Analyses that run at once: `--workers`, else one per core.
    pub fn workers(&self) -> usize {
        self.workers.map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), usize::from)
    }

    /// The server's configuration, with the key, certificate and token files
    /// read; an unreadable file is an error naming its flag.
    pub fn server_config(&self) -> Result<ServerConfig, String> {
        let tls = match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => Some(Tls {
                identity: Identity::from_pem(read_pem("--tls-cert", cert)?, read_pem("--tls-key", key)?),
                client_ca: self
                    .tls_client_ca
                    .as_deref()
                    .map(|ca| read_pem("--tls-client-ca", ca).map(Certificate::from_pem))
                    .transpose()?,
            }),
            _ => None,
        };
        let auth = Policy {
            tokens: Tokens::load(self.auth_tokens_file.as_deref(), &self.auth_tokens)?,
            client_certificate: self.tls_client_ca.is_some(),
        };
        Ok(ServerConfig {
            limits: Limits {
                workers: self.workers(),
                max_in_flight: self.max_in_flight as usize,
                max_message_bytes: self.max_message_bytes as usize,
            },
            shutdown_grace: Duration::from_secs(self.shutdown_grace_secs),
            max_connection_age: self.max_connection_age_secs.map(Duration::from_secs),
            keepalive_interval: Duration::from_secs(self.keepalive_secs),
            reflection: !self.no_reflection,
            tls,
            auth,
            quote_method: self.quote_method.into(),
            recorder: Arc::new(NoMetrics),
        })
    }
}

/// A PEM file's contents; anything else is refused here, where the flag is known.
fn read_pem(flag: &str, path: &Path) -> Result<Vec<u8>, String> {
    let pem = std::fs::read(path).map_err(|e| format!("{flag} {}: cannot read it: {e}", path.display()))?;
    if !pem.windows(11).any(|w| w == b"-----BEGIN ") {
        return Err(format!("{flag} {}: is not a PEM file (no -----BEGIN line)", path.display()));
    }
    Ok(pem)
}

/// `lede analyze [INPUT] [-o OUT]`: one article, or with `--jsonl` one request
/// per line, from a file or standard input, answered as proto JSON.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  lede analyze article.txt
  lede analyze page.html --html --features metadata,entities --encoding utf16 -o answer.json
  lede analyze --jsonl requests.jsonl -o answers.jsonl
  cat requests.jsonl | lede analyze --jsonl - > answers.jsonl")]
pub struct AnalyzeArgs {
    /// The article, or with --jsonl the requests; `-` or nothing reads standard input.
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// Write the answer to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Each input line is one AnalyzeArticleRequest in proto JSON; each output
    /// line is its response, or `{"line": N, "error": "..."}`. Uses every core.
    #[arg(long)]
    pub jsonl: bool,
    /// Treat the input as HTML (default: detect).
    #[arg(long, conflicts_with = "jsonl")]
    pub html: bool,
    /// Analyses to run, comma separated. Default: all.
    #[arg(long, value_delimiter = ',', value_enum, conflicts_with = "jsonl")]
    pub features: Vec<Feature>,
    /// Offsets in UTF-8 bytes, UTF-16 code units or code points.
    #[arg(long, value_enum, default_value_t = Encoding::Utf8, conflicts_with = "jsonl")]
    pub encoding: Encoding,
    /// How quotes are found for requests that do not choose (see `lede serve --help`).
    #[arg(long, env = "LEDE_QUOTE_METHOD", value_enum, default_value_t = QuoteMethodArg::Rules)]
    pub quote_method: QuoteMethodArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Feature {
    Metadata,
    Entities,
    Quotes,
    Summary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

#[derive(Debug, Args)]
pub struct HealthcheckArgs {
    /// The server to ask.
    #[arg(long, env = "LEDE_ADDR", default_value = "127.0.0.1:50051")]
    pub addr: SocketAddr,
    /// Seconds to wait for an answer.
    #[arg(long, default_value_t = 3)]
    pub timeout_secs: u64,
    /// Connect with TLS, trusting this PEM CA for the server's certificate.
    #[arg(long, env = "LEDE_TLS_CA")]
    pub tls_ca: Option<PathBuf>,
    /// The name the server's certificate must carry, with --tls-ca.
    #[arg(long, default_value = "localhost", requires = "tls_ca")]
    pub tls_domain: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_names_the_flag() {
        let err = Cli::try_parse_from(["lede", "serve", "--max-in-flight", "0"]).unwrap_err();
        assert!(err.to_string().contains("--max-in-flight"), "{err}");
        let err = Cli::try_parse_from(["lede", "serve", "--addr", "nowhere"]).unwrap_err();
        assert!(err.to_string().contains("--addr"), "{err}");
    }

    #[test]
    fn serve_is_the_default_with_defaults() {
        let cli = Cli::try_parse_from(["lede"]).unwrap();
        assert!(cli.command.is_none());
        let config = Cli::try_parse_from(["lede", "serve"]).unwrap();
        let Some(Command::Serve(args)) = config.command else { panic!("serve") };
        assert_eq!(args.addr.to_string(), "127.0.0.1:50051");
        let config = args.server_config().unwrap();
        assert_eq!(config.limits.max_message_bytes, 16 << 20);
        assert!(config.tls.is_none() && config.auth.tokens.is_none() && !config.auth.client_certificate);
    }

    #[test]
    fn tls_flags_come_in_pairs_and_files_must_be_pem() {
        let err = Cli::try_parse_from(["lede", "serve", "--tls-cert", "c.pem"]).unwrap_err();
        assert!(err.to_string().contains("--tls-key"), "{err}");
        let err = Cli::try_parse_from(["lede", "serve", "--tls-client-ca", "ca.pem"]).unwrap_err();
        assert!(err.to_string().contains("--tls-cert"), "{err}");

        let not_pem = std::env::temp_dir().join(format!("lede-not-pem-{}", std::process::id()));
        std::fs::write(&not_pem, "hello").unwrap();
        let path = not_pem.to_str().unwrap();
        let cli =
            Cli::try_parse_from(["lede", "serve", "--tls-cert", path, "--tls-key", "/nonexistent/key.pem"]).unwrap();
        let Some(Command::Serve(args)) = cli.command else { panic!("serve") };
        let err = args.server_config().unwrap_err();
        assert!(err.contains("--tls-cert") && err.contains("not a PEM file"), "{err}");
        std::fs::write(&not_pem, "-----BEGIN CERTIFICATE-----").unwrap();
        let err = args.server_config().unwrap_err();
        assert!(err.contains("--tls-key /nonexistent/key.pem: cannot read it"), "{err}");
        std::fs::remove_file(not_pem).unwrap();
    }
}
