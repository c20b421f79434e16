//! Trains the summary sentence scorer and writes its weights.
//!
//!     cargo run --release --example train_summary -- --data ../shared/data/summary/cnndm-train --out models/summary.tsv
//!
//! Options: `--folds N` (cross-validation folds, default 5; 0 for none), `--l2 F`,
//! `--without FEATURE` (repeatable: leave a feature out, to measure its worth),
//! `--stop-words no` (read the articles without stop words, as the service reads a language whose
//! stop words it does not know: trains the fallback model for such languages),
//! `--dev DIR` (repeatable: report figures on an evaluation-kit set with the final model; never
//! trained on), `--predictions DIR` (write the cross-validation and dev summaries there, with the
//! cross-validation references, for the kit's `score-summary`).

use lede::analysis::summary::train::{TrainConfig, train};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(config) => match train(&config, &mut std::io::stderr()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("train_summary: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("train_summary: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<TrainConfig, String> {
    let mut config = TrainConfig::default();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--data" => config.data = PathBuf::from(value),
            "--out" => config.out = PathBuf::from(value),
            "--folds" => config.folds = value.parse().map_err(|e| format!("--folds: {e}"))?,
            "--l2" => config.l2 = value.parse().map_err(|e| format!("--l2: {e}"))?,
            "--without" => config.without.push(value),
            "--stop-words" => {
                config.stop_words = match value.as_str() {
                    "yes" => true,
                    "no" => false,
                    _ => return Err(format!("--stop-words takes yes or no, not {value}")),
                }
            }
            "--trees" => config.trees = value.parse().map_err(|e| format!("--trees: {e}"))?,
            "--depth" => config.depth = value.parse().map_err(|e| format!("--depth: {e}"))?,
            "--rate" => config.rate = value.parse().map_err(|e| format!("--rate: {e}"))?,
            "--dev" => config.dev.push(PathBuf::from(value)),
            "--predictions" => config.predictions = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(config)
}
