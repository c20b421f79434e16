//! Trains the quote attribution model and writes its weights.
//!
//!     cargo run --release --example train_quotes -- --data ../shared/data/quotes/polnear-train --out models/quotes.bin
//!
//! Options: `--epochs N`, `--bits N`, `--prune F`, `--folds N`, `--seed N`,
//! `--dev GOLD` (repeatable: report cue and attribution scores on a held-out
//! gold file after training; it never changes the weights);
//! `--predict DOCS PRED` (repeatable): after training, write the quotes the new
//! model finds in the evaluation kit's `docs.jsonl` DOCS to PRED, for the kit's
//! `score-quotes`; `--weights FILE`: do not train, predict with the model in
//! FILE; `--cv-out DIR`: write the 5-fold cross-validation to DIR: each fold's
//! articles answered by the models trained on the other folds (the ones that
//! also give the calibration), beside the fold's gold lines, for `score-quotes`.

use lede::analysis::quotes::model::train::{TrainConfig, predict, train};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let (config, predictions, weights) = match parse(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("train_quotes: {e}");
            return ExitCode::from(2);
        }
    };
    let run = || -> std::io::Result<()> {
        let path = match &weights {
            Some(path) => path,
            None => {
                train(&config, &mut std::io::stderr())?;
                &config.out
            }
        };
        let weights = std::fs::read(path)?;
        for (docs, out) in &predictions {
            let count = predict(&weights, docs, out)?;
            eprintln!("{}: {count} articles answered in {}", docs.display(), out.display());
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_quotes: {e}");
            ExitCode::FAILURE
        }
    }
}

type Parsed = (TrainConfig, Vec<(PathBuf, PathBuf)>, Option<PathBuf>);

fn parse(mut args: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut config = TrainConfig::default();
    let mut predictions = Vec::new();
    let mut weights = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => config.data = PathBuf::from(value()?),
            "--out" => config.out = PathBuf::from(value()?),
            "--epochs" => config.epochs = number(&flag, &value()?)? as usize,
            "--bits" => config.bits = number(&flag, &value()?)?.clamp(10, 24) as u8,
            "--prune" => config.prune = value()?.parse().map_err(|e| format!("--prune: {e}"))?,
            "--folds" => config.folds = number(&flag, &value()?)?.max(2) as usize,
            "--seed" => config.seed = number(&flag, &value()?)?,
            "--dev" => config.dev.push(PathBuf::from(value()?)),
            "--cv-out" => config.cv_out = Some(PathBuf::from(value()?)),
            "--weights" => weights = Some(PathBuf::from(value()?)),
            "--predict" => {
                let docs = PathBuf::from(value()?);
                predictions.push((docs, PathBuf::from(value()?)));
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok((config, predictions, weights))
}

fn number(flag: &str, v: &str) -> Result<u64, String> {
    v.parse::<u64>().map_err(|e| format!("{flag}: {e}"))
}
