//! Command line and environment: every flag has a `LEDE_*` twin, and a bad
//! value stops the program with a message that names it.

use crate::api::Limits;
use crate::server::ServerConfig;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

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
    /// Serve Prometheus metrics at http://ADDR/metrics. Default: off.
    #[arg(long, env = "LEDE_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Do not offer server reflection.
    #[arg(long, env = "LEDE_NO_REFLECTION")]
    pub no_reflection: bool,
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

    pub fn server_config(&self) -> ServerConfig {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        ServerConfig {
            limits: Limits {
                workers: self.workers.map_or(cores, usize::from),
                max_in_flight: self.max_in_flight as usize,
                max_message_bytes: self.max_message_bytes as usize,
            },
            shutdown_grace: Duration::from_secs(self.shutdown_grace_secs),
            max_connection_age: self.max_connection_age_secs.map(Duration::from_secs),
            keepalive_interval: Duration::from_secs(self.keepalive_secs),
            reflection: !self.no_reflection,
        }
    }
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The article to analyze; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Treat the input as HTML (default: detect).
    #[arg(long, conflicts_with = "jsonl")]
    pub html: bool,
    /// Analyses to run, comma separated. Default: all.
    #[arg(long, value_delimiter = ',', value_enum)]
    pub features: Vec<Feature>,
    /// Offsets in UTF-8 bytes, UTF-16 code units or code points.
    #[arg(long, value_enum, default_value_t = Encoding::Utf8)]
    pub encoding: Encoding,
    /// Batch mode: read one AnalyzeArticleRequest JSON per line of FILE and
    /// write one response (or error) per line to OUT, using every core.
    #[arg(long, value_name = "OUT", requires = "file")]
    pub jsonl: Option<PathBuf>,
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
        assert_eq!(args.server_config().limits.max_message_bytes, 16 << 20);
    }
}
