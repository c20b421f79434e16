//! Sentence centrality: PageRank over a cosine-similarity graph (LexRank),
//! with a teleport vector that leans toward the lede.
//!
//! The graph is built through an inverted index, so only sentences that share
//! a term are ever compared. Each sentence meets at most [`WINDOW`] neighbours
//! per term on either side and keeps its [`DEGREE`] strongest links: exact
//! for an article of up to 33 sentences, close beyond (the weak links it drops
//! barely move the ranks), and linear in the length of a book-sized text.

use super::terms::TermVector;

/// How many postings on each side of a sentence a term links it to.
const WINDOW: usize = 64;
/// How many links each sentence keeps.
const DEGREE: usize = 32;
/// PageRank's damping: the chance of following a link rather than teleporting.
const DAMPING: f32 = 0.85;

/// Weighted out-links of every sentence, row after row in one buffer.
pub(super) struct Graph {
    links: Vec<(u32, f32)>,
    /// Sentence `s`'s links are `links[rows[s]..rows[s + 1]]`.
    rows: Vec<usize>,
}

impl Graph {
    pub(super) fn new(vectors: &[TermVector]) -> Self {
        let postings = Postings::new(vectors);
        let mut acc = vec![0f32; vectors.len()];
        let mut touched = Vec::new();
        let mut row: Vec<(u32, f32)> = Vec::new();
        let mut graph = Self { links: Vec::new(), rows: vec![0] };
        for (i, v) in vectors.iter().enumerate() {
            for &(t, w) in v {
                let list = postings.of(t);
                let at = list.partition_point(|&(s, _)| (s as usize) < i);
                let lo = at.saturating_sub(WINDOW);
                let hi = (at + 1 + WINDOW).min(list.len());
                for &(j, wj) in list[lo..hi].iter().filter(|&&(j, _)| j as usize != i) {
                    if acc[j as usize] == 0.0 {
                        touched.push(j);
                    }
                    acc[j as usize] += w * wj;
                }
            }
            row.extend(touched.drain(..).map(|j| (j, std::mem::take(&mut acc[j as usize]))));
            if row.len() > DEGREE {
                row.select_nth_unstable_by(DEGREE, |a, b| b.1.total_cmp(&a.1));
                row.truncate(DEGREE);
            }
            graph.links.append(&mut row);
            graph.rows.push(graph.links.len());
        }
        graph
    }

    /// The strongest links of sentence `s`, with their cosine similarity.
    pub(super) fn links(&self, s: usize) -> &[(u32, f32)] {
        &self.links[self.rows[s]..self.rows[s + 1]]
    }

    /// PageRank with teleport distribution `prior` (summing to 1).
    pub(super) fn rank(&self, prior: &[f32]) -> Vec<f32> {
        let n = self.rows.len() - 1;
        let out: Vec<f32> = (0..n).map(|s| self.links(s).iter().map(|&(_, w)| w).sum()).collect();
        let mut score = prior.to_vec();
        let mut next = vec![0f32; prior.len()];
        for _ in 0..50 {
            // A sentence without links hands its weight back to the prior.
            let stranded: f32 = score.iter().zip(&out).filter(|&(_, &o)| o <= 0.0).map(|(s, _)| s).sum();
            for (n, p) in next.iter_mut().zip(prior) {
                *n = (1.0 - DAMPING + DAMPING * stranded) * p;
            }
            for (i, (&o, &s)) in out.iter().zip(&score).enumerate() {
                if o > 0.0 {
                    let share = DAMPING * s / o;
                    for &(j, w) in self.links(i) {
                        next[j as usize] += share * w;
                    }
                }
            }
            let change: f32 = score.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
            std::mem::swap(&mut score, &mut next);
            if change < 1e-4 {
                break;
            }
        }
        score
    }
}

/// For every term, the sentences holding it with its weight there, in
/// order; all lists in one buffer.
struct Postings {
    entries: Vec<(u32, f32)>,
    /// Term `t`'s list is `entries[starts[t]..starts[t + 1]]`.
    starts: Vec<usize>,
}

impl Postings {
    fn new(vectors: &[TermVector]) -> Self {
        let terms = vectors.iter().flatten().map(|&(t, _)| t as usize + 1).max().unwrap_or(0);
        let mut starts = vec![0; terms + 1];
        for &(t, _) in vectors.iter().flatten() {
            starts[t as usize + 1] += 1;
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let mut next = starts.clone();
        let mut entries = vec![(0, 0.0); starts[terms]];
        for (i, v) in vectors.iter().enumerate() {
            for &(t, w) in v {
                entries[next[t as usize]] = (i as u32, w);
                next[t as usize] += 1;
            }
        }
        Self { entries, starts }
    }

    fn of(&self, term: u32) -> &[(u32, f32)] {
        &self.entries[self.starts[term as usize]..self.starts[term as usize + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_join_only_sentences_sharing_terms() {
        let g = Graph::new(&[vec![(0, 1.0)], vec![(0, 0.6), (1, 0.8)], vec![(2, 1.0)]]);
        assert_eq!(g.links(0), [(1, 0.6)]);
        assert_eq!(g.links(1), [(0, 0.6)]);
        assert!(g.links(2).is_empty());
    }

    #[test]
    fn the_hub_ranks_first_and_the_ranks_sum_to_one() {
        let hub = vec![(0, 0.5), (1, 0.5), (2, 0.5), (3, 0.5)];
        let g = Graph::new(&[vec![(0, 1.0)], vec![(1, 1.0)], hub, vec![(2, 1.0)], vec![(9, 1.0)]]);
        let r = g.rank(&[0.2; 5]);
        assert!((r.iter().sum::<f32>() - 1.0).abs() < 1e-3);
        assert!(r.iter().all(|&x| x <= r[2]));
    }
}
