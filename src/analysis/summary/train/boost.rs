//! Gradient-boosted regression trees on the logistic loss, fitted on top of
//! the regression's log-odds: each tree is grown level by level to a fixed
//! depth over features cut into quantile bins, each split chosen by the
//! Newton gain of the loss (as XGBoost and LightGBM do), each leaf set to the
//! Newton step, shrunk by the learning rate. No sampling: the same rows give
//! the same trees.

use super::super::features::{FEATURES, Features};
use super::super::scorer::Tree;

/// How the ensemble is grown.
#[derive(Clone, Copy, Debug)]
pub(super) struct Settings {
    pub trees: usize,
    pub depth: usize,
    pub rate: f64,
}

/// Bins per feature: enough for the few values that matter.
const BINS: usize = 32;
/// The L2 penalty on leaf values (in log-odds units).
const LAMBDA: f64 = 1.0;
/// The least summed hessian a leaf must hold: about 100 undecided rows.
const MIN_HESSIAN: f64 = 20.0;

/// Fits trees on top of `base`, the log-odds each row already has.
pub(super) fn fit(rows: &[Features], labels: &[bool], base: &[f32], settings: Settings) -> Vec<Tree> {
    let edges: Vec<Vec<f32>> = (0..FEATURES).map(|j| quantile_edges(rows, j)).collect();
    // A row's bin for a feature: how many edges lie below its value, so that
    // the rows of bins 0..=b are those at most edge b.
    let bins: Vec<[u8; FEATURES]> =
        rows.iter().map(|row| std::array::from_fn(|j| edges[j].partition_point(|&e| e < row[j]) as u8)).collect();
    let mut score: Vec<f64> = base.iter().map(|&b| f64::from(b)).collect();
    let inner = (1 << settings.depth) - 1;
    let mut trees = Vec::with_capacity(settings.trees);
    for _ in 0..settings.trees {
        let steps: Vec<(f64, f64)> = score
            .iter()
            .zip(labels)
            .map(|(&z, &y)| {
                let p = 1.0 / (1.0 + (-z).exp());
                (p - f64::from(u8::from(y)), (p * (1.0 - p)).max(1e-12))
            })
            .collect();
        let mut tree = Tree { features: vec![0; inner], edges: vec![f32::INFINITY; inner], leaves: Vec::new() };
        let mut node = vec![0usize; rows.len()];
        for level in 0..settings.depth {
            let first = (1 << level) - 1;
            let width = 1 << level;
            // Per node of the level, per feature, per bin: summed gradient and hessian.
            let mut histogram = vec![(0f64, 0f64); width * FEATURES * BINS];
            for ((&n, row_bins), &(g, h)) in node.iter().zip(&bins).zip(&steps) {
                for (j, &b) in row_bins.iter().enumerate() {
                    let cell = &mut histogram[((n - first) * FEATURES + j) * BINS + usize::from(b)];
                    cell.0 += g;
                    cell.1 += h;
                }
            }
            for n in 0..width {
                if let Some((j, b)) = best_split(&histogram[n * FEATURES * BINS..(n + 1) * FEATURES * BINS], &edges) {
                    tree.features[first + n] = j as u8;
                    tree.edges[first + n] = edges[j][b];
                }
            }
            for (n, row) in node.iter_mut().zip(rows) {
                let left = row[usize::from(tree.features[*n])] <= tree.edges[*n];
                *n = 2 * *n + if left { 1 } else { 2 };
            }
        }
        let mut sums = vec![(0f64, 0f64); inner + 1];
        for (&n, &(g, h)) in node.iter().zip(&steps) {
            sums[n - inner].0 += g;
            sums[n - inner].1 += h;
        }
        tree.leaves = sums.iter().map(|&(g, h)| (-settings.rate * g / (h + LAMBDA)) as f32).collect();
        for (z, &n) in score.iter_mut().zip(&node) {
            *z += f64::from(tree.leaves[n - inner]);
        }
        trees.push(tree);
    }
    trees
}

/// Up to `BINS - 1` distinct quantiles of feature `j`.
fn quantile_edges(rows: &[Features], j: usize) -> Vec<f32> {
    let mut values: Vec<f32> = rows.iter().map(|r| r[j]).collect();
    values.sort_by(f32::total_cmp);
    let mut edges: Vec<f32> =
        (1..BINS).filter_map(|b| values.get(b * values.len() / BINS).copied()).filter(|e| e.is_finite()).collect();
    edges.dedup();
    edges
}

/// The feature and edge whose split gains most, if any split gains and
/// leaves each side enough weight. `cells` holds one node's histogram.
fn best_split(cells: &[(f64, f64)], edges: &[Vec<f32>]) -> Option<(usize, usize)> {
    let mut best = (0.0, None);
    for (j, feature_edges) in edges.iter().enumerate() {
        let bins = &cells[j * BINS..(j + 1) * BINS];
        let (g, h) = bins.iter().fold((0.0, 0.0), |a, c| (a.0 + c.0, a.1 + c.1));
        let (mut gl, mut hl) = (0.0, 0.0);
        for (b, cell) in bins.iter().enumerate().take(feature_edges.len()) {
            gl += cell.0;
            hl += cell.1;
            let (gr, hr) = (g - gl, h - hl);
            if hl < MIN_HESSIAN || hr < MIN_HESSIAN {
                continue;
            }
            let gain = gl * gl / (hl + LAMBDA) + gr * gr / (hr + LAMBDA) - g * g / (h + LAMBDA);
            if gain > best.0 {
                best = (gain, Some((j, b)));
            }
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_learn_an_interaction_the_base_misses() {
        // Positive exactly when feature 0 is high and feature 1 is low: no
        // single linear weight gets that right.
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for i in 0..4000 {
            let mut row = [0.0; FEATURES];
            row[0] = (i % 10) as f32;
            row[1] = ((i / 10) % 7) as f32;
            labels.push(row[0] >= 5.0 && row[1] <= 2.0);
            rows.push(row);
        }
        let base = vec![0.0; rows.len()];
        let settings = Settings { trees: 30, depth: 2, rate: 0.3 };
        let trees = fit(&rows, &labels, &base, settings);
        assert_eq!(trees.len(), 30);
        let scorer = super::super::Scorer { bias: 0.0, weights: [0.0; FEATURES], trees };
        let right = rows.iter().zip(&labels).filter(|&(r, &y)| (scorer.logit(r) > 0.0) == y).count();
        assert_eq!(right, rows.len());
        assert_eq!(fit(&rows, &labels, &base, settings), scorer.trees, "the fit is deterministic");
    }

    #[test]
    fn edges_are_distinct_quantiles() {
        let rows: Vec<Features> =
            (0..100).map(|i| std::array::from_fn(|j| if j == 0 { (i % 4) as f32 } else { 1.0 })).collect();
        assert_eq!(quantile_edges(&rows, 0), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(quantile_edges(&rows, 1), [1.0]);
    }
}
