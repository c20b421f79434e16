#![deny(unsafe_code)]
//! `lede`: serve the API, analyze files, or check a server's health.

use clap::Parser;
use lede::args::{Cli, Command, LogFormat, ServeArgs};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    pin_malloc_thresholds();
    let cli = Cli::parse();
    init_tracing(cli.log_format);
    let outcome = match cli.command {
        Some(Command::Analyze(args)) => lede::commands::analyze(&args),
        Some(Command::Healthcheck(args)) => runtime(1).and_then(|rt| rt.block_on(lede::commands::healthcheck(&args))),
        Some(Command::Serve(args)) => runtime(args.workers()).and_then(|rt| rt.block_on(serve(args))),
        None => match ServeArgs::from_env() {
            Ok(args) => runtime(args.workers()).and_then(|rt| rt.block_on(serve(args))),
            Err(err) => err.exit(),
        },
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("lede: {err}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,html5ever=error"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// glibc raises its trim and mmap thresholds to the largest block freed so
/// far, so after a few large documents it stops handing freed memory back:
/// RSS climbed to 140 MB under big abandoned requests (the soak test in
/// tests/faults.rs), where fixed thresholds keep it near 65 MB. 1 MiB keeps
/// an ordinary article's buffers off mmap, which a per-request mmap and
/// munmap would slow down.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn pin_malloc_thresholds() {
    const THRESHOLD: libc::c_int = 1 << 20;
    // SAFETY: mallopt only sets allocator parameters, and it runs first
    // thing in main, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, THRESHOLD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn pin_malloc_thresholds() {}

/// The blocking pool holds exactly the analysis workers: every analysis
/// thread keeps its own memos and malloc arena, so a pool that grew past the
/// workers (as tokio's does when a task is queued while a worker is still
/// winding down) would grow the server's memory with it.
fn runtime(blocking_threads: usize) -> Result<tokio::runtime::Runtime, lede::commands::CliError> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(blocking_threads.max(1))
        .enable_all()
        .build()?)
}

async fn serve(args: ServeArgs) -> Result<(), lede::commands::CliError> {
    let mut config = args.server_config()?;
    let incoming = lede::server::bind(args.addr, config.keepalive_interval)
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let http = match args.http_addr {
        Some(addr) => Some(
            lede::server::bind(addr, config.keepalive_interval)
                .map_err(|e| format!("cannot serve HTTP on {addr}: {e}"))?,
        ),
        None => None,
    };
    if let Some(addr) = args.metrics_addr {
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot serve metrics on {addr}: {e}"))?;
        let metrics = std::sync::Arc::new(lede::metrics::Metrics::new());
        config.recorder = metrics.clone();
        tokio::spawn(lede::metrics::serve(listener, metrics));
        tracing::info!(%addr, "metrics at /metrics");
    }
    if let Some(addr) = args.http_addr {
        tracing::info!(%addr, "HTTP: the JSON API, gRPC-Web, /healthz and the page at /");
    }
    tracing::info!(addr = %args.addr, workers = config.limits.workers, "lede serving");
    lede::server::serve_with_http(config, incoming, http, shutdown_signal())
        .await
        .map_err(|e| e as lede::commands::CliError)?;
    tracing::info!("lede stopped");
    Ok(())
}

/// Resolves on SIGTERM or SIGINT.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(err) => {
                tracing::warn!(%err, "cannot listen for SIGTERM; only SIGINT stops the server");
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
