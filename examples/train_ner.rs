//! Trains the named-entity model and writes its weights.
//!
//!     cargo run --release --example train_ner -- --data ../shared/data/ner --out models/ner.bin
//!
//! Options: `--corpus FILE` (repeatable; default CoNLL++ train, Wikigold, WNUT-17 train, BTC section H),
//! `--dev FILE` (repeatable: report scores on held-out files after every epoch),
//! `--epochs N`, `--stages 1|2`, `--bits N`, `--prune F`, `--seed N`.

use lede::analysis::entities::model::train::{TrainConfig, train};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(config) => match train(&config, &mut std::io::stderr()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("train_ner: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("train_ner: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<TrainConfig, String> {
    let mut config = TrainConfig::default();
    let mut corpora = Vec::new();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |v: &str| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--data" => config.data = PathBuf::from(value),
            "--out" => config.out = PathBuf::from(value),
            "--corpus" => corpora.push(value),
            "--dev" => config.dev.push(PathBuf::from(value)),
            "--epochs" => config.epochs = number(&value)? as usize,
            "--stages" => config.stages = number(&value)? as usize,
            "--bits" => config.bits = number(&value)?.clamp(10, 24) as u8,
            "--prune" => config.prune = value.parse().map_err(|e| format!("--prune: {e}"))?,
            "--seed" => config.seed = number(&value)?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if !corpora.is_empty() {
        config.corpora = corpora;
    }
    Ok(config)
}
