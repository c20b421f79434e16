//! Training the sentence scorer from articles with human-written highlights
//! (`../shared/data/summary/cnndm-train`); `examples/train_summary.rs` is the
//! command line.
//!
//! Each article is written back from its tokenized form ([`ptb`]) and read
//! by the same segmenter, eligibility rules and feature code that serve
//! requests. The sentences a greedy ROUGE oracle picks to cover the
//! highlights are the positives ([`rouge`]); a logistic regression learns
//! them ([`logistic`]) and boosted trees correct it ([`boost`]).
//! Cross-validation over folds of the articles reports what the whole
//! summarizer, selection included, scores on articles its model has not
//! seen, beside the alternatives the selection constants were chosen over.
//! Everything is deterministic: the same data and options give the same file.

mod boost;
mod ptb;
mod rouge;

use super::features::{FEATURES, Features, NAMES};
use super::scorer::Scorer;
use super::terms::{self, Lexicon, Vocabulary};
use super::{Role, SELECTION, Selection, Sentences, SummaryOptions};
use crate::analysis::segment::{Segmentation, segment};
use crate::analysis::{Budget, logistic};
use rouge::{Counter, f_measures};
use serde_json::{Value, json};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// The training folder, holding `rows.jsonl` (`id`, `article`, `highlights`).
    pub data: PathBuf,
    pub out: PathBuf,
    /// Cross-validation folds; below 2, none.
    pub folds: usize,
    /// The L2 penalty on standardized weights.
    pub l2: f64,
    /// Boosted trees fitted over the regression's log-odds (0: none), their depth and rate.
    pub trees: usize,
    pub depth: usize,
    pub rate: f64,
    /// Features left out (their weight stays 0), to measure what each is worth.
    pub without: Vec<String>,
    /// Whether articles are read with the English stop words; without them,
    /// as the service reads a language whose stop words it does not know, the
    /// model learnt is the fallback for such languages.
    pub stop_words: bool,
    /// Evaluation-kit sets (`docs.jsonl`, `gold.jsonl`) to report on with the
    /// final model; never trained on.
    pub dev: Vec<PathBuf>,
    /// Where to write predictions and references for the kit's `score-summary`:
    /// `cv.pred.jsonl`, `cv-lead.pred.jsonl` (the first K body sentences) and
    /// `cv.gold.jsonl`, and `<set>.pred.jsonl` per dev set.
    pub predictions: Option<PathBuf>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            data: PathBuf::from("../shared/data/summary/cnndm-train"),
            out: PathBuf::from("models/summary.tsv"),
            folds: 5,
            l2: 1.0,
            trees: 100,
            depth: 3,
            rate: 0.1,
            without: Vec::new(),
            stop_words: true,
            dev: Vec::new(),
            predictions: None,
        }
    }
}

/// The selections the figures compare, the one in use first.
const VARIANTS: [(&str, Selection); 7] = [
    ("in use", SELECTION),
    ("redundancy 1.5", Selection { redundancy: 1.5, ..SELECTION }),
    ("redundancy 4", Selection { redundancy: 4.0, ..SELECTION }),
    ("highlights share 0.25", Selection { highlights_share: 0.25, ..SELECTION }),
    ("highlights share 0.4", Selection { highlights_share: 0.4, ..SELECTION }),
    ("model for every length", Selection { highlights_share: f32::INFINITY, ..SELECTION }),
    ("graph for every length", Selection { highlights_share: 0.0, ..SELECTION }),
];

/// Trains and writes the model; progress and figures go to `log`.
pub fn train(config: &TrainConfig, log: &mut dyn Write) -> io::Result<()> {
    let mask = feature_mask(&config.without)?;
    let lexicon = config.lexicon();
    let rows = read_jsonl(&config.data.join("rows.jsonl"))?;
    let mut articles = Vec::with_capacity(rows.len());
    for row in &rows {
        let text = ptb::detokenize(row["article"].as_str().unwrap_or_default());
        let highlights: Vec<&str> =
            row["highlights"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let id = row["id"].as_str().unwrap_or_default().to_string();
        articles.push(Article::new(id, text, highlights.join("\n"), highlights.len(), &lexicon, &mask));
    }
    let positives: usize = articles.iter().map(|a| a.labels.iter().filter(|&&l| l).count()).sum();
    let candidates: usize = articles.iter().map(|a| a.labels.len()).sum();
    writeln!(log, "{} articles, {candidates} candidate sentences, {positives} oracle sentences", articles.len())?;
    write_highlight_shares(&articles, log)?;
    let mut header = vec![
        "Lede's summary sentence scorer: logistic regression over the features of".to_string(),
        format!(
            "src/analysis/summary/features.rs plus {} boosted trees of depth {} (rate {}); see MODELS.md.",
            config.trees, config.depth, config.rate
        ),
        format!(
            "Trained on {} articles of cnndm-train ({candidates} candidate sentences, {positives} picked by the oracle), l2 {}.",
            articles.len(),
            config.l2
        ),
    ];
    if !config.without.is_empty() {
        header.push(format!("Features left out: {}.", config.without.join(", ")));
    }
    if !config.stop_words {
        header.push("Read without stop words: the fallback for languages whose stop words are not known.".to_string());
    }
    if config.folds >= 2 {
        let figures = cross_validate(&articles, config, log)?;
        header.push(format!("{}-fold cross-validation on the training articles, {figures}.", config.folds));
    }
    let all: Vec<&Article> = articles.iter().collect();
    let scorer = fit(&all, config);
    for (name, w) in NAMES.iter().zip(scorer.weights) {
        writeln!(log, "  {name:<18} {w:+.4}")?;
    }
    for set in &config.dev {
        evaluate_dev(set, &scorer, &lexicon, config.predictions.as_deref(), log)?;
    }
    std::fs::write(&config.out, scorer.render(&header.join("\n")))?;
    writeln!(log, "wrote {}", config.out.display())?;
    Ok(())
}

/// How much of an article its highlights ask for: the number of highlights
/// over the number of body sentences, at a few quantiles. Beyond what nearly
/// all highlights take, a summary is an abridgement the corpus cannot teach.
fn write_highlight_shares(articles: &[Article], log: &mut dyn Write) -> io::Result<()> {
    let mut shares: Vec<f32> = articles.iter().map(|a| a.k as f32 / a.body.len().max(1) as f32).collect();
    shares.sort_by(f32::total_cmp);
    let at = |q: f32| shares.get(((shares.len() as f32 * q) as usize).min(shares.len().saturating_sub(1))).copied();
    let quantiles: Vec<String> =
        [0.5, 0.75, 0.9, 0.95].iter().map(|&q| format!("{q}: {:.3}", at(q).unwrap_or_default())).collect();
    writeln!(log, "highlights per body sentence, quantiles {}", quantiles.join(", "))
}

/// Which features to keep: false for those named in `without`.
fn feature_mask(without: &[String]) -> io::Result<[bool; FEATURES]> {
    let mut mask = [true; FEATURES];
    for name in without {
        let at = NAMES.iter().position(|n| n == name).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("no feature `{name}`; the features: {}", NAMES.join(", ")),
            )
        })?;
        mask[at] = false;
    }
    Ok(mask)
}

/// One training article, read as the service reads a request.
struct Article {
    id: String,
    text: String,
    seg: Segmentation,
    sentences: Sentences,
    /// The highlights, one per line.
    reference: String,
    /// How many highlights: the summary length asked for.
    k: usize,
    /// The body sentences (the candidates) and whether the oracle picks each.
    body: Vec<usize>,
    labels: Vec<bool>,
}

impl Article {
    fn new(id: String, text: String, reference: String, k: usize, lexicon: &Lexicon, mask: &[bool; FEATURES]) -> Self {
        let seg = segment(&text);
        let mut sentences = read_sentences(&text, &seg, lexicon);
        for f in &mut sentences.features {
            f.iter_mut().zip(mask).filter(|(_, keep)| !**keep).for_each(|(x, _)| *x = 0.0);
        }
        let body: Vec<usize> = (0..seg.sentences.len()).filter(|&s| sentences.roles[s] == Role::Body).collect();
        let mut counter = Counter::default();
        let wanted = counter.grams(&reference);
        let candidates: Vec<(usize, rouge::Grams)> =
            body.iter().map(|&s| (s, counter.grams(seg.sentences[s].span.of(&text)))).collect();
        let picked = rouge::oracle(&candidates, &wanted, k);
        let labels = body.iter().map(|s| picked.binary_search(s).is_ok()).collect();
        Article { id, text, seg, sentences, reference, k, body, labels }
    }
}

impl TrainConfig {
    /// How the training and dev articles are read: as English, with or
    /// without its stop words.
    fn lexicon(&self) -> Lexicon {
        if self.stop_words { Lexicon::new("en") } else { Lexicon::without_stop_words("en") }
    }
}

/// Segments, eligibility, graph and features of a text, as `summarize` computes them.
fn read_sentences(text: &str, seg: &Segmentation, lexicon: &Lexicon) -> Sentences {
    let mut vocabulary = Vocabulary::new(lexicon, seg.tokens.len());
    let token_terms = terms::token_terms(text, seg, &mut vocabulary);
    Sentences::read(text, seg, &token_terms, &Budget::default()).expect("an unlimited budget never runs out")
}

fn fit(articles: &[&Article], config: &TrainConfig) -> Scorer {
    let mut rows: Vec<Features> = Vec::new();
    let mut labels = Vec::new();
    for a in articles {
        rows.extend(a.body.iter().map(|&s| a.sentences.features[s]));
        labels.extend(&a.labels);
    }
    let fitted = logistic::fit(&rows, &labels, config.l2);
    let mut scorer = Scorer { bias: fitted.bias, weights: fitted.weights, trees: Vec::new() };
    if config.trees > 0 {
        let base: Vec<f32> = rows.iter().map(|r| scorer.logit(r)).collect();
        let settings = boost::Settings { trees: config.trees, depth: config.depth, rate: config.rate };
        scorer.trees = boost::fit(&rows, &labels, &base, settings);
    }
    scorer
}

/// Mean ROUGE-1/2 F (x100) of summaries against references.
#[derive(Default)]
struct Mean {
    sums: [f64; 2],
    count: usize,
}

impl Mean {
    fn add(&mut self, summary: &[&str], reference: &str) {
        let mut counter = Counter::default();
        let wanted = counter.grams(reference);
        let [r1, r2] = f_measures(&counter.grams(&summary.join("\n")), &wanted);
        self.sums[0] += f64::from(r1);
        self.sums[1] += f64::from(r2);
        self.count += 1;
    }
}

impl std::fmt::Display for Mean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.count.max(1) as f64;
        write!(f, "ROUGE-1/2 {:.2} / {:.2}", 100.0 * self.sums[0] / n, 100.0 * self.sums[1] / n)
    }
}

/// One article to summarize and score.
#[derive(Clone, Copy)]
struct Case<'a> {
    text: &'a str,
    seg: &'a Segmentation,
    sentences: &'a Sentences,
    /// The number of sentences asked for.
    k: usize,
    reference: &'a str,
}

/// Figures for every selection in [`VARIANTS`], the lead and the oracle.
struct Report {
    variants: Vec<Mean>,
    lead: Mean,
    oracle: Mean,
}

impl Report {
    fn new() -> Self {
        Report {
            variants: VARIANTS.iter().map(|_| Mean::default()).collect(),
            lead: Mean::default(),
            oracle: Mean::default(),
        }
    }

    /// Adds one article's summaries; returns the one of the selection in use
    /// and the lead.
    fn add<'a>(&mut self, case: &Case<'a>, scorer: &Scorer, oracle: Option<&[usize]>) -> [Vec<&'a str>; 2] {
        let Case { text, seg, sentences, k, reference } = *case;
        let options = SummaryOptions { max_sentences: Some(k), ..SummaryOptions::default() };
        let of = |picked: &mut dyn Iterator<Item = usize>| -> Vec<&'a str> {
            picked.map(|s| seg.sentences[s].span.of(text)).collect()
        };
        let mut in_use = Vec::new();
        for (mean, (_, selection)) in self.variants.iter_mut().zip(&VARIANTS) {
            let summary = of(&mut sentences.pick(scorer, &options, *selection).into_iter().map(|s| s.index));
            mean.add(&summary, reference);
            if in_use.is_empty() {
                in_use = summary;
            }
        }
        let lead = of(&mut (0..seg.sentences.len()).filter(|&s| sentences.roles[s] == Role::Body).take(k));
        self.lead.add(&lead, reference);
        if let Some(picked) = oracle {
            self.oracle.add(&of(&mut picked.iter().copied()), reference);
        }
        [in_use, lead]
    }

    fn write(&self, title: &str, log: &mut dyn Write) -> io::Result<()> {
        writeln!(log, "{title} ({} articles; quick ROUGE, Snowball stems):", self.lead.count)?;
        for ((name, _), mean) in VARIANTS.iter().zip(&self.variants) {
            writeln!(log, "  {name:<22} {mean}")?;
        }
        writeln!(log, "  {:<22} {}", "lead-K", self.lead)?;
        if self.oracle.count > 0 {
            writeln!(log, "  {:<22} {}", "oracle labels", self.oracle)?;
        }
        Ok(())
    }
}

/// Scores each fold's articles with a model fitted on the other folds; returns
/// the figure of the selection in use.
fn cross_validate(articles: &[Article], config: &TrainConfig, log: &mut dyn Write) -> io::Result<String> {
    let mut report = Report::new();
    let mut writers = match &config.predictions {
        Some(dir) => Some([
            create(&dir.join("cv.pred.jsonl"))?,
            create(&dir.join("cv-lead.pred.jsonl"))?,
            create(&dir.join("cv.gold.jsonl"))?,
        ]),
        None => None,
    };
    for fold in 0..config.folds {
        let (held, kept): (Vec<_>, Vec<_>) = articles.iter().enumerate().partition(|(i, _)| i % config.folds == fold);
        let scorer = fit(&kept.into_iter().map(|(_, a)| a).collect::<Vec<_>>(), config);
        for (_, a) in held {
            let picked: Vec<usize> = a.body.iter().zip(&a.labels).filter(|(_, l)| **l).map(|(&s, _)| s).collect();
            let case = Case { text: &a.text, seg: &a.seg, sentences: &a.sentences, k: a.k, reference: &a.reference };
            let [summary, lead] = report.add(&case, &scorer, Some(&picked));
            if let Some([pred, lead_pred, gold]) = writers.as_mut() {
                write_prediction(pred, &a.id, &summary)?;
                write_prediction(lead_pred, &a.id, &lead)?;
                writeln!(gold, "{}", json!({ "id": a.id, "k": a.k, "reference": a.reference }))?;
            }
        }
    }
    report.write(&format!("cross-validation, {} folds", config.folds), log)?;
    Ok(format!("{} (lead-K {}), quick ROUGE", report.variants[0], report.lead))
}

/// Summarizes a kit set with `scorer` and reports its figures.
fn evaluate_dev(
    set: &Path,
    scorer: &Scorer,
    lexicon: &Lexicon,
    predictions: Option<&Path>,
    log: &mut dyn Write,
) -> io::Result<()> {
    let docs = read_jsonl(&set.join("docs.jsonl"))?;
    let gold = read_jsonl(&set.join("gold.jsonl"))?;
    let name = set.file_name().map_or("dev".into(), |n| n.to_string_lossy());
    let mut writer = predictions.map(|dir| create(&dir.join(format!("{name}.pred.jsonl")))).transpose()?;
    let references: std::collections::HashMap<&str, &str> =
        gold.iter().filter_map(|g| Some((g["id"].as_str()?, g["reference"].as_str()?))).collect();
    let mut report = Report::new();
    for doc in &docs {
        let id = doc["document"]["id"].as_str().unwrap_or_default();
        let text = doc["document"]["content"].as_str().unwrap_or_default();
        let k = doc["summaryOptions"]["maxSentences"].as_u64().unwrap_or(3) as usize;
        let seg = segment(text);
        let sentences = read_sentences(text, &seg, lexicon);
        let reference = references.get(id).copied().unwrap_or_default();
        let case = Case { text, seg: &seg, sentences: &sentences, k, reference };
        let [summary, _] = report.add(&case, scorer, None);
        if let Some(w) = writer.as_mut() {
            write_prediction(w, id, &summary)?;
        }
    }
    report.write(&name, log)
}

fn write_prediction(out: &mut impl Write, id: &str, summary: &[&str]) -> io::Result<()> {
    let sentences: Vec<Value> = summary.iter().map(|s| json!({ "text": s })).collect();
    writeln!(out, "{}", json!({ "documentId": id, "summary": { "sentences": sentences } }))
}

fn create(path: &Path) -> io::Result<BufWriter<File>> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
}

fn read_jsonl(path: &Path) -> io::Result<Vec<Value>> {
    let file =
        File::open(path).map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))?;
    let mut rows = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        rows.push(serde_json::from_str(&line).map_err(|e| {
            io::Error::new(io::ErrorKind::InvalidData, format!("{} line {}: {e}", path.display(), n + 1))
        })?);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny corpus in the training data's own form: lower-cased and
    /// tokenized, with highlights that restate the first and the fourth of
    /// eight sentences.
    fn write_corpus(dir: &Path) {
        let towns =
            ["harbourton", "millbrook", "eastwick", "northgate", "riverside", "oakham", "westfield", "stonebridge"];
        let mut rows = String::new();
        for (i, town) in towns.iter().enumerate() {
            let sentences = [
                format!("( cnn ) -- the council of {town} approved a new bridge over the river on monday ."),
                format!("the vote in {town} was {} to {} after a long debate .", 5 + i, 2 + i % 3),
                "local restaurants reported a busy weekend as tourists returned to the coast .".to_string(),
                format!("work on the {town} bridge starts in may and should cost $ {} million .", 10 + i),
                format!("\" we waited {} years for this , \" said one resident .", 3 + i),
                "the weather was mild for the time of year .".to_string(),
                "officials said more details would follow later this year .".to_string(),
                "the river has flooded twice in the past decade .".to_string(),
            ];
            let row = json!({
                "id": format!("train-{i}"),
                "article": sentences.join(" "),
                "highlights": [
                    format!("{town} council approves new bridge over the river ."),
                    format!("work on the bridge starts in may and costs $ {} million .", 10 + i),
                ],
            });
            rows.push_str(&format!("{row}\n"));
        }
        std::fs::write(dir.join("rows.jsonl"), rows).unwrap();
    }

    #[test]
    fn training_on_a_tiny_corpus_is_deterministic_and_learns_the_oracle() {
        let dir = std::env::temp_dir().join(format!("lede-train-summary-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write_corpus(&dir);
        let config = TrainConfig {
            data: dir.clone(),
            out: dir.join("model.tsv"),
            folds: 2,
            trees: 3,
            depth: 2,
            predictions: Some(dir.clone()),
            ..TrainConfig::default()
        };
        let mut log = Vec::new();
        train(&config, &mut log).unwrap();
        let first = std::fs::read_to_string(&config.out).unwrap();
        train(&config, &mut Vec::new()).unwrap();
        assert_eq!(std::fs::read_to_string(&config.out).unwrap(), first, "the same corpus gives the same file");
        let log = String::from_utf8(log).unwrap();
        assert!(log.contains("8 articles, 64 candidate sentences, 16 oracle sentences"), "{log}");
        assert!(log.contains("cross-validation, 2 folds"), "{log}");
        let scorer = Scorer::parse(&first).unwrap();
        assert_eq!(scorer.trees.len(), 3);
        // The oracle's sentences outscore the others in every article.
        let articles = read_jsonl(&dir.join("rows.jsonl")).unwrap();
        for row in &articles {
            let text = ptb::detokenize(row["article"].as_str().unwrap());
            let seg = segment(&text);
            let sentences = read_sentences(&text, &seg, &Lexicon::new("en"));
            let options = SummaryOptions { max_sentences: Some(2), ..SummaryOptions::default() };
            let picked: Vec<usize> = sentences.pick(&scorer, &options, SELECTION).iter().map(|s| s.index).collect();
            assert_eq!(picked, [0, 3], "{text}");
        }
        assert_eq!(std::fs::read_to_string(dir.join("cv.pred.jsonl")).unwrap().lines().count(), 8);
        // Read without stop words: the fallback model, as deterministic, and another model.
        let bare = TrainConfig { stop_words: false, out: dir.join("bare.tsv"), ..config };
        train(&bare, &mut Vec::new()).unwrap();
        let fallback = std::fs::read_to_string(&bare.out).unwrap();
        train(&bare, &mut Vec::new()).unwrap();
        assert_eq!(std::fs::read_to_string(&bare.out).unwrap(), fallback);
        assert!(fallback.contains("# Read without stop words"), "{fallback}");
        assert_ne!(Scorer::parse(&fallback).unwrap(), scorer);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unknown_feature_is_named_in_the_error() {
        let err = feature_mask(&["words".to_string(), "shouting".to_string()]).unwrap_err();
        assert!(err.to_string().contains("no feature `shouting`"), "{err}");
        assert_eq!(feature_mask(&["words".to_string()]).unwrap().iter().filter(|k| !**k).count(), 1);
    }
}
