//! A second opinion on which blocks are the article: Readability.js's
//! algorithm as the `dom_smoothie` crate implements it, run on the page
//! Lede has already bounded, and merged with Lede's own choice block by
//! block. Lede keeps its blocks, spans, headings and evidence; the crate
//! only votes on them. Why this crate, this merge and not another:
//! docs/body-extraction.md.
//!
//! The merge, in the page's order:
//! - a block both engines keep is the article's;
//! - before the first such block, after the headline, the story's opening
//!   (a lead set apart from the body, often marked up as a heading): every
//!   paragraph of prose, and every block the crate keeps;
//! - after it, the crate's paragraphs of prose inside the agreed span or
//!   right after it (sections Lede's vote left out); blocks only Lede keeps
//!   there (author boxes, teasers beside the story) are dropped;
//! - when the engines share no block (one of them took a teaser, a comment
//!   or a sidebar), both are kept.
//!
//! Every block that joins passes Lede's own block filter (`keeps`).

use super::article::keeps;
use super::walk::Block;
use std::panic::{self, AssertUnwindSafe};

/// The crate runs only on a DOM no deeper than this. Its tree walks recurse
/// once per level: on a 2 MiB thread stack (the workers') it overflowed past
/// about 10,000 levels, and a stack overflow aborts the process, so the
/// bound must hold before the call. `limit_nesting` keeps the source to 256
/// levels; the parser may reopen formatting elements on top of that, hence
/// the margin. Both parsers are html5ever 0.40: the tree Lede measured is
/// the tree the crate builds.
pub(super) const MAX_TREE_DEPTH: usize = 512;

/// Larger pages are left to Lede alone: the crate parses the page a second
/// time and its cleaning passes read subtrees' text again and again.
pub(super) const MAX_PAGE_BYTES: usize = 4 << 20;

/// At most this many bytes of the crate's text are scanned to find Lede's
/// blocks in it; past that the merge is abandoned for Lede's own choice.
const MAX_MATCH_WORK: usize = 16 << 20;

/// The crate's run after the agreed span goes on across at most this many
/// blocks in a row that it left out and that are not prose.
const MAX_RUN_GAP: usize = 2;

/// A crate's text shorter than this share of Lede's own choice (in bytes
/// of letters) does not overrule Lede's paragraphs.
const SHORT_OPINION_SHARE: f32 = 0.8;

/// A paragraph of prose: this many characters at least (Readability's
/// unit of length) ...
const MIN_PROSE_CHARS: usize = 100;

/// ... with less than this share of link text.
const MAX_PROSE_LINK_DENSITY: f32 = 0.3;

/// The crate's article text with all white space removed: the two engines
/// space inline markup differently, never the letters.
pub(super) struct SecondOpinion {
    letters: String,
}

impl SecondOpinion {
    /// The crate's article in `page`, which must already be bounded by
    /// [`MAX_TREE_DEPTH`]; `None` when it finds none or fails.
    pub(super) fn of(page: &str) -> Option<Self> {
        let config = dom_smoothie::Config {
            // Lede reads JSON-LD for metadata itself.
            disable_json_ld: true,
            ..dom_smoothie::Config::default()
        };
        let text = guarded(|| {
            let mut readability = dom_smoothie::Readability::new(page, None, Some(config)).ok()?;
            readability.parse().ok().map(|article| article.text_content)
        })??;
        let letters: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        (!letters.is_empty()).then_some(SecondOpinion { letters })
    }
}

/// Runs `f`, turning a panic into `None`. Sound because nothing `f` touches
/// outlives it: the crate's document, parser and article are created and
/// dropped inside, the page is only read, and the crate keeps no global
/// state of its own (only constant tables), so there is no half-updated
/// value for anyone to observe after an unwind. A stack overflow is not a
/// panic and cannot be caught: [`MAX_TREE_DEPTH`] prevents it.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    panic::catch_unwind(AssertUnwindSafe(f)).ok()
}

/// Whether each block's letters stand in the crate's text, worked out on
/// demand and remembered; searching near where the last block was found
/// first, since both follow the page's order.
struct Matcher<'a> {
    blocks: &'a [Block],
    pub(super) letters: &'a str,
    found: Vec<Option<bool>>,
    /// Where the last block found ended, in `letters`.
    cursor: usize,
    /// Bytes scanned so far.
    work: usize,
}

/// The merge ran past [`MAX_MATCH_WORK`].
struct OverBudget;

impl Matcher<'_> {
    fn crate_keeps(&mut self, index: usize) -> Result<bool, OverBudget> {
        if let Some(known) = self.found[index] {
            return Ok(known);
        }
        let key: String = self.blocks[index].text.chars().filter(|c| !c.is_whitespace()).collect();
        let haystack = self.letters.as_bytes();
        let found = if key.is_empty() {
            false
        } else if let Some(at) = memchr::memmem::find(&haystack[self.cursor..], key.as_bytes()) {
            self.work += at + key.len();
            self.cursor += at + key.len();
            true
        } else {
            // Before the cursor: the overlap with it included.
            let before = &haystack[..(self.cursor + key.len()).saturating_sub(1).min(haystack.len())];
            self.work += haystack.len();
            match memchr::memmem::find(before, key.as_bytes()) {
                Some(at) => {
                    self.cursor = at + key.len();
                    true
                }
                None => false,
            }
        };
        if self.work > MAX_MATCH_WORK {
            return Err(OverBudget);
        }
        self.found[index] = Some(found);
        Ok(found)
    }
}

/// The blocks of the merged article, in the page's order, from Lede's own
/// choice `own` (indices into `blocks`, in order) and the crate's opinion.
pub(super) fn merge(blocks: &[Block], own: &[usize], opinion: &SecondOpinion) -> Vec<usize> {
    let mut matcher =
        Matcher { blocks, letters: &opinion.letters, found: vec![None; blocks.len()], cursor: 0, work: 0 };
    merged(blocks, own, &mut matcher).unwrap_or_else(|OverBudget| own.to_vec())
}

fn merged(blocks: &[Block], own: &[usize], matcher: &mut Matcher<'_>) -> Result<Vec<usize>, OverBudget> {
    let mut keep = vec![false; blocks.len()];
    for &i in own {
        keep[i] = matcher.crate_keeps(i)?;
    }
    let Some(first) = keep.iter().position(|&k| k) else {
        // No block in common: one engine took the wrong block; keep both.
        for &i in own {
            keep[i] = true;
        }
        for (i, block) in blocks.iter().enumerate() {
            if !keep[i] && keeps(block) && matcher.crate_keeps(i)? {
                keep[i] = true;
            }
        }
        return Ok(indices(&keep));
    };
    let last = keep.iter().rposition(|&k| k).unwrap_or(first);
    // The opening: between the headline (or the page's start) and the agreed span.
    let start = blocks[..first].iter().rposition(|b| b.heading == Some(1)).map_or(0, |h| h + 1);
    for i in start..first {
        keep[i] = keeps(&blocks[i]) && (is_prose(&blocks[i]) || matcher.crate_keeps(i)?);
    }
    // The crate's own run of blocks right after the span, across a share
    // button or a credit line it left out (a few short blocks, no prose).
    let mut run_end = last + 1;
    let mut gap = 0;
    for (i, block) in blocks.iter().enumerate().skip(last + 1) {
        if matcher.crate_keeps(i)? {
            run_end = i + 1;
            gap = 0;
        } else if gap < MAX_RUN_GAP && !is_prose(block) {
            gap += 1;
        } else {
            break;
        }
    }
    // A crate's text much shorter than Lede's missed part of the story
    // (it took the lead alone, or a teaser): Lede's own prose stays.
    let own_letters: usize = own.iter().map(|&i| letters_len(&blocks[i].text)).sum();
    if (matcher.letters.len() as f32) < SHORT_OPINION_SHARE * own_letters as f32 {
        for &i in own {
            keep[i] |= is_prose(&blocks[i]);
        }
    }
    for i in first + 1..run_end {
        if !keep[i] && is_prose(&blocks[i]) && keeps(&blocks[i]) && matcher.crate_keeps(i)? {
            keep[i] = true;
        }
    }
    Ok(indices(&keep))
}

/// The bytes of `text` without its white space, as [`SecondOpinion`] counts them.
fn letters_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum()
}

fn indices(keep: &[bool]) -> Vec<usize> {
    keep.iter().enumerate().filter(|&(_, &k)| k).map(|(i, _)| i).collect()
}

/// A paragraph of running text, not a label, a link list or the headline;
/// a long lead set as a subheading counts.
fn is_prose(block: &Block) -> bool {
    let chars = block.text.chars().count();
    chars >= MIN_PROSE_CHARS
        && (block.link_chars as f32) < MAX_PROSE_LINK_DENSITY * chars as f32
        && block.heading != Some(1)
}

/// The page as the crate may read it: within [`MAX_PAGE_BYTES`] and a
/// DOM `depth` (measured on Lede's own parse) within [`MAX_TREE_DEPTH`].
pub(super) fn admissible(page: &str, depth: usize) -> Option<&str> {
    (page.len() <= MAX_PAGE_BYTES && depth <= MAX_TREE_DEPTH).then_some(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, heading: Option<u8>) -> Block {
        Block { text: text.to_string(), link_chars: 0, owner: 0, heading }
    }

    fn opinion(text: &str) -> SecondOpinion {
        SecondOpinion { letters: text.chars().filter(|c| !c.is_whitespace()).collect() }
    }

    const PROSE: &str =
        "A paragraph of running text that is long enough to be prose, with commas, clauses and a full stop.";

    #[test]
    fn agreed_blocks_the_lead_after_the_headline_and_the_crates_prose_make_the_article() {
        let lead = format!("Lead: {PROSE}");
        let middle = format!("Middle: {PROSE}");
        let after = format!("After: {PROSE}");
        let blocks = vec![
            block("Home", None),
            block("Headline", Some(1)),
            block(&lead, Some(2)),
            block("Body one, agreed.", None),
            block(&middle, None),
            block("Body two, agreed.", None),
            block(&after, None),
            block("About the author: a box only Lede kept.", None),
            block("Unrelated prose far below that neither engine kept, long enough to count as a paragraph.", None),
        ];
        let own = [3, 5, 7];
        let crate_text = format!("Body one, agreed. {middle} Body two, agreed. {after}");
        assert_eq!(merge(&blocks, &own, &opinion(&crate_text)), [2, 3, 4, 5, 6]);
    }

    #[test]
    fn without_a_common_block_both_engines_are_kept() {
        let blocks = vec![block("Lede's choice.", None), block("Other", None), block(PROSE, None)];
        assert_eq!(merge(&blocks, &[0], &opinion(PROSE)), [0, 2]);
    }

    #[test]
    fn white_space_does_not_matter_but_letters_do() {
        let blocks = vec![block("Agreed ( simdjson ) text.", None), block("Not there.", None)];
        assert_eq!(merge(&blocks, &[0, 1], &opinion("Agreed\n(simdjson) text.")), [0]);
    }

    #[test]
    fn the_crates_run_after_the_span_goes_on_across_a_share_button() {
        let rest = format!("Rest: {PROSE}");
        let blocks = vec![block("Agreed lead paragraph.", None), block("Share", None), block(&rest, None)];
        let crate_text = format!("Agreed lead paragraph. {rest}");
        assert_eq!(merge(&blocks, &[0], &opinion(&crate_text)), [0, 2]);
    }

    #[test]
    fn a_much_shorter_opinion_does_not_overrule_ledes_paragraphs() {
        let (lead, body) = (format!("Lead: {PROSE}"), format!("Body: {PROSE}"));
        let blocks = vec![block(&lead, None), block(&body, None), block("Teaser below.", None)];
        // The crate took the lead alone: Lede's body stays.
        assert_eq!(merge(&blocks, &[0, 1], &opinion(&lead)), [0, 1]);
        // Of about the same length, the crate's choice rules.
        let other = format!("{lead} Teaser below. {}", "x".repeat(PROSE.len()));
        assert_eq!(merge(&blocks, &[0, 1], &opinion(&other)), [0]);
    }

    #[test]
    fn a_panic_is_caught() {
        assert_eq!(guarded(|| 1), Some(1));
        assert_eq!(guarded(|| -> u8 { panic!("crate bug") }), None);
    }

    #[test]
    fn only_bounded_pages_are_handed_over() {
        let page = "<p>x</p>";
        assert!(admissible(page, MAX_TREE_DEPTH).is_some());
        assert!(admissible(page, MAX_TREE_DEPTH + 1).is_none());
        let big = "x".repeat(MAX_PAGE_BYTES + 1);
        assert!(admissible(&big, 1).is_none());
    }
}
