//! The learned sentence scorer: the log-odds that a sentence belongs to the
//! highlights an editor would write, as a logistic regression over the
//! [`features`] plus a small ensemble of boosted regression trees fitted to
//! what the regression gets wrong (interactions such as "short, but deep in
//! the article"). The model (`models/summary.tsv`, see `MODELS.md`) is
//! compiled in and parsed once, on first use; `examples/train_summary.rs`
//! retrains it.
//!
//! [`features`]: super::features

use super::features::{FEATURES, Features, NAMES};
use super::terms::Lexicon;
use std::fmt::Write;
use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Scorer {
    pub bias: f32,
    /// One weight per feature, in [`NAMES`] order.
    pub weights: Features,
    pub trees: Vec<Tree>,
}

/// A complete binary regression tree: inner node `n` sends a sentence to
/// node `2n + 1` when its feature `features[n]` is at most `edges[n]`, else
/// to `2n + 2`; past the inner nodes, node `n` is leaf `n - features.len()`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Tree {
    pub features: Vec<u8>,
    pub edges: Vec<f32>,
    pub leaves: Vec<f32>,
}

/// The fallback for languages whose stop words are not known, trained on
/// the same articles read without stop words (`models/summary-no-stop-words.tsv`):
/// there every common word counts as content, and the similarities and
/// densities the main model learnt from mean something else.
pub(super) static WITHOUT_STOP_WORDS: LazyLock<Scorer> = LazyLock::new(|| {
    Scorer::parse(include_str!("../../../models/summary-no-stop-words.tsv"))
        .expect("models/summary-no-stop-words.tsv matches the summary features")
});

/// The scorer for an article read with `lexicon`.
pub(super) fn for_lexicon(lexicon: &Lexicon) -> &'static Scorer {
    if lexicon.knows_stop_words() { &EMBEDDED } else { &WITHOUT_STOP_WORDS }
}

/// Trees deeper than this are refused: the ensemble is meant to stay small.
const MAX_DEPTH: u32 = 8;

/// The embedded model. A file that does not match the features this build
/// computes is a build error caught by the tests, never a silent default.
pub(super) static EMBEDDED: LazyLock<Scorer> = LazyLock::new(|| {
    Scorer::parse(include_str!("../../../models/summary.tsv")).expect("models/summary.tsv matches the summary features")
});

impl Tree {
    fn value(&self, x: &Features) -> f32 {
        let mut n = 0;
        while n < self.features.len() {
            n = 2 * n + if x[usize::from(self.features[n])] <= self.edges[n] { 1 } else { 2 };
        }
        self.leaves[n - self.features.len()]
    }

    /// Reads `features<TAB>edges<TAB>leaves`, each a comma-separated list.
    fn parse(row: &str) -> Result<Tree, String> {
        let fields: Vec<&str> = row.split('\t').collect();
        let [features, edges, leaves] = fields[..] else {
            return Err(format!("tree `{row}` does not have three fields"));
        };
        let numbers = |list: &str| -> Result<Vec<f32>, String> {
            list.split(',')
                .map(|x| x.parse::<f32>().ok().filter(|v| v.is_finite() || *v == f32::INFINITY))
                .collect::<Option<Vec<f32>>>()
                .ok_or_else(|| format!("tree `{row}` holds a value that is not a number"))
        };
        let features = features
            .split(',')
            .map(|f| f.parse::<u8>().ok().filter(|&f| usize::from(f) < FEATURES))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| format!("tree `{row}` names a feature that does not exist"))?;
        let (edges, leaves) = (numbers(edges)?, numbers(leaves)?);
        let depth = (features.len() + 1).trailing_zeros();
        let complete = (features.len() + 1).is_power_of_two() && depth <= MAX_DEPTH;
        if !complete || edges.len() != features.len() || leaves.len() != features.len() + 1 {
            return Err(format!("tree `{row}` is not a complete tree of depth {MAX_DEPTH} at most"));
        }
        if leaves.iter().any(|v| !v.is_finite()) {
            return Err(format!("tree `{row}` has a leaf that is not finite"));
        }
        Ok(Tree { features, edges, leaves })
    }

    fn render(&self) -> String {
        let list = |values: &mut dyn Iterator<Item = String>| values.collect::<Vec<_>>().join(",");
        format!(
            "tree\t{}\t{}\t{}",
            list(&mut self.features.iter().map(u8::to_string)),
            list(&mut self.edges.iter().map(f32::to_string)),
            list(&mut self.leaves.iter().map(f32::to_string))
        )
    }
}

impl Scorer {
    /// The log-odds that the sentence belongs to the highlights.
    pub fn logit(&self, features: &Features) -> f32 {
        self.bias
            + self.weights.iter().zip(features).map(|(w, x)| w * x).sum::<f32>()
            + self.trees.iter().map(|t| t.value(features)).sum::<f32>()
    }

    /// Reads the model file: comment lines start with `#`; then a line per
    /// weight, `name<TAB>weight`, `bias` first and every feature in [`NAMES`]
    /// order; then a line per tree, `tree<TAB>features<TAB>edges<TAB>leaves`
    /// (feature numbers count from 0 in [`NAMES`] order).
    pub fn parse(file: &str) -> Result<Scorer, String> {
        let mut rows = file.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        let mut value = |name: &str| -> Result<f32, String> {
            let row = rows.next().ok_or_else(|| format!("the file ends before `{name}`"))?;
            let (found, weight) = row.split_once('\t').ok_or_else(|| format!("`{row}` is not `name<TAB>weight`"))?;
            if found != name {
                return Err(format!("found `{found}` where `{name}` belongs"));
            }
            weight
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|w| w.is_finite())
                .ok_or_else(|| format!("`{name}` has weight `{weight}`, not a finite number"))
        };
        let bias = value("bias")?;
        let mut weights = [0.0; FEATURES];
        for (w, name) in weights.iter_mut().zip(NAMES) {
            *w = value(name)?;
        }
        let trees = rows
            .map(|row| match row.split_once('\t') {
                Some(("tree", rest)) => Tree::parse(rest),
                _ => Err(format!("unexpected line `{row}` where a tree belongs")),
            })
            .collect::<Result<Vec<Tree>, String>>()?;
        Ok(Scorer { bias, weights, trees })
    }

    /// The model file, with `header` as its comment lines.
    pub fn render(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "bias\t{}", self.bias);
        for (name, w) in NAMES.iter().zip(self.weights) {
            let _ = writeln!(out, "{name}\t{w}");
        }
        for tree in &self.trees {
            let _ = writeln!(out, "{}", tree.render());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Scorer {
        let mut weights = [0.0; FEATURES];
        weights.iter_mut().enumerate().for_each(|(i, w)| *w = i as f32 * 0.25 - 1.0);
        let tree =
            Tree { features: vec![3, 0, 1], edges: vec![0.5, f32::INFINITY, -2.0], leaves: vec![0.1, 0.2, 0.3, 0.4] };
        Scorer { bias: -2.5, weights, trees: vec![tree] }
    }

    #[test]
    fn the_embedded_models_match_the_features() {
        for scorer in [&*EMBEDDED, &*WITHOUT_STOP_WORDS] {
            assert!(scorer.weights.iter().any(|&w| w != 0.0));
            assert!(!scorer.trees.is_empty());
        }
        assert_ne!(*EMBEDDED, *WITHOUT_STOP_WORDS);
    }

    #[test]
    fn languages_without_known_stop_words_get_the_fallback() {
        for (tag, expected) in [("en", &*EMBEDDED), ("", &*EMBEDDED), ("de", &*EMBEDDED), ("sv", &*WITHOUT_STOP_WORDS)]
        {
            assert!(std::ptr::eq(for_lexicon(&Lexicon::new(tag)), expected), "{tag}");
        }
        assert!(std::ptr::eq(for_lexicon(&Lexicon::new("pl")), &*WITHOUT_STOP_WORDS));
    }

    #[test]
    fn a_rendered_model_reads_back() {
        let scorer = example();
        assert_eq!(Scorer::parse(&scorer.render("two lines\nof header")), Ok(scorer));
    }

    #[test]
    fn trees_route_by_their_edges() {
        let tree = &example().trees[0];
        let mut x = [0.0; FEATURES];
        // Feature 3 at most 0.5: left, to node 1, whose edge is infinite: leaf 0.
        assert_eq!(tree.value(&x), 0.1);
        // Feature 3 above 0.5: right, to node 2 (feature 1 <= -2?): leaf 2 or 3.
        x[3] = 1.0;
        x[1] = -3.0;
        assert_eq!(tree.value(&x), 0.3);
        x[1] = 0.0;
        assert_eq!(tree.value(&x), 0.4);
        let linear: f32 = -2.5 + example().weights.iter().zip(&x).map(|(w, v)| w * v).sum::<f32>();
        assert!((example().logit(&x) - (linear + 0.4)).abs() < 1e-6);
    }

    #[test]
    fn a_model_for_other_features_is_refused() {
        let good = Scorer { trees: Vec::new(), ..example() }.render("");
        let renamed = good.replacen(NAMES[3], "something_else", 1);
        assert!(Scorer::parse(&renamed).unwrap_err().contains("something_else"));
        let short: String = good.lines().take(FEATURES).map(|l| format!("{l}\n")).collect();
        assert!(Scorer::parse(&short).unwrap_err().contains("ends before"));
        assert!(Scorer::parse(&format!("{good}extra\t1\n")).unwrap_err().contains("unexpected"));
        assert!(Scorer::parse(&good.replacen("\t-1", "\tNaN", 1)).unwrap_err().contains("finite"));
        let beyond = format!("{good}tree\t{FEATURES}\t0\t1,2\n");
        assert!(Scorer::parse(&beyond).unwrap_err().contains("does not exist"));
        let lopsided = format!("{good}tree\t0,1\t0,0\t1,2,3\n");
        assert!(Scorer::parse(&lopsided).unwrap_err().contains("complete"));
    }
}
