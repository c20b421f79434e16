//! A bounded memo of answers computed from words, kept per thread across
//! articles: the same few thousand words make most of every article, and
//! finding a word again costs a fraction of working its answer out.

use std::collections::HashMap;
use std::hash::BuildHasher;

/// The most answers a memo keeps before it starts over: some 10 MB at most
/// (the tagger keeps about 500 bytes a word).
const KEPT: usize = 20_000;

/// Answers by the word they were computed from.
pub struct Memo<V, S> {
    answers: HashMap<String, V, S>,
}

impl<V, S: Default> Default for Memo<V, S> {
    fn default() -> Self {
        Self { answers: HashMap::default() }
    }
}

impl<V: Clone, S: BuildHasher> Memo<V, S> {
    /// The answer for `word`, computed by `compute` the first time it is asked.
    pub fn get(&mut self, word: &str, compute: impl FnOnce(&str) -> V) -> V {
        if let Some(answer) = self.answers.get(word) {
            return answer.clone();
        }
        if self.answers.len() >= KEPT {
            self.answers.clear();
        }
        let answer = compute(word);
        self.answers.insert(word.to_owned(), answer.clone());
        answer
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.answers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::RandomState;

    #[test]
    fn computes_once_and_starts_over_when_full() {
        let mut memo: Memo<usize, RandomState> = Memo::default();
        let mut computed = 0;
        for word in ["a", "bb", "a", "bb", "ccc"] {
            assert_eq!(
                memo.get(word, |w| {
                    computed += 1;
                    w.len()
                }),
                word.len()
            );
        }
        assert_eq!((computed, memo.len()), (3, 3));
        for n in 0..KEPT + 1 {
            memo.get(&n.to_string(), str::len);
        }
        assert!(memo.len() <= KEPT);
    }
}
