//! Which blocks are the article. Readability's vote finds the block the
//! story's paragraphs stand in; from there the article grows to the
//! container that names itself the article's body, and to the sibling
//! sections, a few levels up, whose paragraphs read like the story's (a
//! story split over several `<section>`s, its opening set apart). Inside,
//! link lists, short calls to click and a "Most read" or "Related" section
//! under its own heading stay out.

use super::evidence::MAX_BYLINE_WORDS;
use super::second_opinion::{self, SecondOpinion};
use super::walk::{Block, ElementInfo, Walker};
use crate::analysis::lexicon;
use std::sync::LazyLock;

/// How many blocks after the article may hold its signature.
const CLOSING_BLOCKS: usize = 3;

/// How many of the article's first blocks may hold its byline.
const OPENING_BLOCKS: usize = 3;

/// How many block levels above the winning block a container that names
/// itself the article's body may stand.
const MAX_BODY_CLIMB: usize = 8;

/// How many levels up sibling sections are looked for when no container
/// names the article's body.
const MAX_SIBLING_CLIMB: usize = 6;

/// Readability's siblings (beside the winner's container) join when their
/// own vote reaches this share of the winner's ...
const READABILITY_SHARE: f32 = 0.2;

/// ... and at least this much.
const MIN_READABILITY_SCORE: f32 = 10.0;

/// A sibling section further up joins the article when its paragraphs weigh this
/// share of the article's own ...
const SIBLING_SHARE: f32 = 0.15;

/// ... and at least this much (two or three real paragraphs).
const MIN_SIBLING_SCORE: f32 = 8.0;

/// Link text above this share of a container's text makes it a list of
/// links, not a part of the story.
const MAX_SECTION_LINK_DENSITY: f32 = 0.3;

/// Readability's floor for a paragraph that votes: shorter text is a
/// label, a button or a link, not prose.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// Readability's point for each paragraph that votes, before its length
/// and commas: many real paragraphs outvote one long block.
const PARAGRAPH_POINT: f32 = 1.0;

/// Readability's length point per this many characters: about a sentence
/// and a half of news prose.
const CHARS_PER_POINT: f32 = 100.0;

/// Readability's cap on length points: a block of 300 characters is
/// already surely prose, and one endless block must not outvote many.
const MAX_LENGTH_POINTS: f32 = 3.0;

/// The share of a paragraph's points its block's container gets (its own
/// block gets them whole): Readability's half for the level above, so a
/// story split over several blocks still gathers in one container.
const CONTAINER_SHARE: f32 = 0.5;

/// Points for a block whose class or id names it the content ("article",
/// "entry-content"): about one full paragraph's worth (a point, three for
/// length, a comma), so the mark wins a near tie but not against a clearly
/// longer story.
const CONTENT_CLASS_BONUS: f32 = 5.0;

/// The page's weightiest container that names itself the article's body
/// stands in for the winning block unless the winner (a comment, a teaser)
/// weighs this many times as much: a body mark outweighs a close vote.
const MARKED_BODY_MARGIN: f32 = 2.0;

/// A section with at least this many headings ...
const MIN_TEASER_HEADINGS: usize = 2;

/// ... and at most this many paragraphs per heading is a list of teasers:
/// a story puts several paragraphs under each subheading.
const MAX_TEASER_PARAGRAPHS: usize = 2;

/// A block whose link text passes this share of its text ...
const MAX_BLOCK_LINK_DENSITY: f32 = 0.5;

/// ... and that is shorter than this is a link list's item; a longer one
/// is prose that links a lot (a paragraph of 200 characters is two
/// sentences).
const MIN_LINKED_PROSE_CHARS: usize = 200;

/// A heading of at most this many words can label a section ("Related
/// stories from our partners"); a longer one is a headline.
const MAX_LABEL_HEADING_WORDS: usize = 12;

/// A line ending in a colon, of at most this many words, labels what
/// follows ("Weitere Informationen:"); a longer one is a sentence.
const MAX_LABEL_WORDS: usize = 8;

/// A signature after the article runs to a few words ("Jane Doe, Berlin").
const MAX_SIGNATURE_WORDS: usize = 8;

/// How many blocks before the headline may hold its byline (a kicker, a
/// date, a byline above it) ...
const BLOCKS_BEFORE_HEADLINE: usize = 3;

/// ... and after it (standfirst, byline, date, captions of a lead image).
const BLOCKS_AFTER_HEADLINE: usize = 12;

/// A section of the article left out: up to this element index
/// (exclusive), or up to the next heading as high as this level.
#[derive(Clone, Copy)]
enum Skip {
    Subtree(usize),
    UntilHeading(u8),
}

/// Totals over each block element's whole subtree, read from prefix sums
/// over the preorder (a subtree is the index range `i..end`).
struct Subtrees {
    score: Vec<f32>,
    chars: Vec<usize>,
    links: Vec<usize>,
    /// Paragraphs that vote, and headings.
    paragraphs: Vec<usize>,
    headings: Vec<usize>,
}

impl Subtrees {
    fn new(elements: &[ElementInfo], blocks: &[Block]) -> Self {
        let n = elements.len();
        let (mut score, mut chars, mut links) = (vec![0.0; n + 1], vec![0; n + 1], vec![0; n + 1]);
        let (mut paragraphs, mut headings) = (vec![0; n + 1], vec![0; n + 1]);
        for block in blocks.iter().filter(|b| b.owner < n) {
            let points = paragraph_score(block);
            score[block.owner + 1] += points;
            chars[block.owner + 1] += block.text.chars().count();
            links[block.owner + 1] += block.link_chars;
            paragraphs[block.owner + 1] += usize::from(points > 0.0);
            headings[block.owner + 1] += usize::from(block.heading.is_some());
        }
        for i in 1..=n {
            score[i] += score[i - 1];
            chars[i] += chars[i - 1];
            links[i] += links[i - 1];
            paragraphs[i] += paragraphs[i - 1];
            headings[i] += headings[i - 1];
        }
        Subtrees { score, chars, links, paragraphs, headings }
    }

    fn score(&self, i: usize, e: &ElementInfo) -> f32 {
        self.score[e.end] - self.score[i]
    }

    /// A list of teasers: a heading over every paragraph or two.
    fn is_teaser_list(&self, i: usize, e: &ElementInfo) -> bool {
        let headings = self.headings[e.end] - self.headings[i];
        let paragraphs = self.paragraphs[e.end] - self.paragraphs[i];
        headings >= MIN_TEASER_HEADINGS && headings * MAX_TEASER_PARAGRAPHS >= paragraphs
    }

    fn link_density(&self, i: usize, e: &ElementInfo) -> f32 {
        let chars = self.chars[e.end] - self.chars[i];
        if chars == 0 { 1.0 } else { (self.links[e.end] - self.links[i]) as f32 / chars as f32 }
    }
}

/// What a paragraph's text is worth as story: Readability's points for
/// length and commas, less its share of link text.
fn paragraph_score(block: &Block) -> f32 {
    let chars = block.text.chars().count();
    // A teaser cut short ("…") announces another story.
    if chars < MIN_PARAGRAPH_CHARS
        || block.heading.is_some()
        || block.text.ends_with(['…'])
        || block.text.ends_with("...")
    {
        return 0.0;
    }
    let link_density = block.link_chars as f32 / chars as f32;
    readability_points(&block.text, chars) * (1.0 - link_density).max(0.0)
}

/// Readability's points for a paragraph of `chars` characters: one, one a
/// comma, one per hundred characters up to three.
fn readability_points(text: &str, chars: usize) -> f32 {
    let commas = text.matches([',', '，', '、']).count() as f32;
    PARAGRAPH_POINT + commas + (chars as f32 / CHARS_PER_POINT).min(MAX_LENGTH_POINTS)
}

impl Walker {
    /// The article body: the best-scoring block, grown to its article
    /// container and its sibling sections, then merged with the second
    /// opinion when there is one. The evidence lines come from Lede's own
    /// choice, so that metadata does not depend on the crate.
    pub(super) fn article_text(&mut self, opinion: Option<&SecondOpinion>) -> String {
        let own = self.own_article();
        let mut chosen = match opinion {
            Some(opinion) => second_opinion::merge(&self.blocks, &own, opinion),
            None => own,
        };
        drop_dangling_labels(&self.blocks, &mut chosen);
        chosen.iter().map(|&i| self.blocks[i].text.as_str()).collect::<Vec<_>>().join("\n\n")
    }

    /// The indices of the blocks Lede's own extractor takes for the article,
    /// in order, noting the lines around it where bylines and signatures stand.
    fn own_article(&mut self) -> Vec<usize> {
        self.score();
        let Some(best) = self.best_candidate() else { return self.all_blocks() };
        let subtrees = Subtrees::new(&self.elements, &self.blocks);
        let (core, roots) = self.article_roots(best, &subtrees);
        // The roots are disjoint subtrees: marking their elements costs one pass.
        let mut included = vec![false; self.elements.len()];
        for &root in &roots {
            let end = self.elements[root].end;
            for slot in included.iter_mut().take(end).skip(root) {
                *slot = true;
            }
        }
        let in_article = |b: &Block| included.get(b.owner).copied().unwrap_or(false);
        let story = self.story_blocks(&included, &roots);
        // The few blocks after the article hold a signature or a source line
        // that its text left out.
        if let Some(last) = self.blocks.iter().rposition(in_article) {
            self.page.closing_lines =
                short_lines(self.blocks[last + 1..].iter().take(CLOSING_BLOCKS), MAX_SIGNATURE_WORDS);
            // A story whose sections go on past its core signs the core's
            // last paragraph, no longer the text's last one.
            let core_end = self.elements[core].end;
            let in_core = |b: &Block| (core..core_end).contains(&b.owner);
            if let Some(core_last) = self.blocks.iter().rposition(in_core).filter(|&c| c < last) {
                let mut lines =
                    short_lines(self.blocks[core_last..].iter().take(CLOSING_BLOCKS + 1), MAX_SIGNATURE_WORDS);
                lines.append(&mut self.page.closing_lines);
                self.page.closing_lines = lines;
            }
        }
        self.page.opening_lines =
            short_lines(self.blocks.iter().filter(|b| in_article(b)).take(OPENING_BLOCKS), MAX_BYLINE_WORDS);
        story
    }

    /// The subtrees that make the article: the winning block, or the
    /// container around it that names itself the article's body, and the
    /// sibling sections that read like it.
    /// Also gives the core: the winner or its marked container.
    fn article_roots(&self, best: usize, subtrees: &Subtrees) -> (usize, Vec<usize>) {
        let parent = |i: usize| Some(self.elements[i].parent).filter(|&p| p != i && !self.elements[p].page);
        let good_marker = |i: usize| {
            let e = &self.elements[i];
            e.article_marker
                && !e.page
                && subtrees.link_density(i, e) <= MAX_SECTION_LINK_DENSITY
                && subtrees.score(i, e) >= MIN_SIBLING_SCORE
        };
        // The container around the winner that names itself the article;
        // failing that, the page's weightiest such container, when the
        // winner (a comment, a teaser) weighs less than twice as much.
        let marked = std::iter::successors(Some(best), |&i| parent(i))
            .take(MAX_BODY_CLIMB + 1)
            .find(|&i| good_marker(i))
            .or_else(|| {
                let weight = |i: usize| subtrees.score(i, &self.elements[i]);
                (0..self.elements.len())
                    .filter(|&i| good_marker(i))
                    .max_by(|&a, &b| weight(a).total_cmp(&weight(b)))
                    .filter(|&i| weight(i) * MARKED_BODY_MARGIN >= weight(best))
            });
        let top = marked.unwrap_or(best);
        let own = subtrees.score(top, &self.elements[top]);
        let threshold = (own * SIBLING_SHARE).max(MIN_SIBLING_SCORE);
        // A marked body holds the whole story; only Readability's siblings
        // (a lead set before it) are looked for beside it.
        let levels = if marked.is_some() { 1 } else { MAX_SIBLING_CLIMB };
        let readability_threshold = (self.elements[best].score * READABILITY_SHARE).max(MIN_READABILITY_SCORE);
        let mut roots = vec![top];
        let mut current = top;
        for level in 0..levels {
            let Some(up) = parent(current) else { break };
            let siblings = self.elements.iter().enumerate().skip(up + 1).take(self.elements[up].end - up - 1);
            roots.extend(
                siblings
                    .filter(|&(i, e)| {
                        e.parent == up
                    && i != current
                    // Readability's own siblings, by its own vote.
                    && (level > 0 || e.score >= readability_threshold)
                    && subtrees.score(i, e) >= threshold
                    && subtrees.link_density(i, e) <= MAX_SECTION_LINK_DENSITY
                    // Beyond Readability's own siblings, teaser lists abound;
                    // there a section before the story (its opening set
                    // apart) joins, and after it only one made from the same
                    // template as the story's own (the next part of it), not
                    // an author box, a ticker or related stories.
                    && (level == 0
                        || !subtrees.is_teaser_list(i, e) && (i < current || e.shape == self.elements[current].shape))
                    })
                    .map(|(i, _)| i),
            );
            current = up;
        }
        roots.sort_unstable();
        (top, roots)
    }

    /// The article's blocks that belong in its text; a section headed
    /// "Most read", "Related" or "Comments" is left out whole.
    fn story_blocks(&self, included: &[bool], roots: &[usize]) -> Vec<usize> {
        let mut parts = Vec::new();
        let mut skip: Option<Skip> = None;
        for (index, block) in
            self.blocks.iter().enumerate().filter(|(_, b)| included.get(b.owner).copied().unwrap_or(false))
        {
            if let Some(section) = skip {
                let ends = match section {
                    Skip::Subtree(end) => block.owner >= end,
                    Skip::UntilHeading(level) => block.heading.is_some_and(|l| l <= level),
                };
                if !ends {
                    continue;
                }
                skip = None;
            }
            if is_aside_heading(block) {
                // A heading that shares a container inside the article with
                // the list it heads takes the container; one standing in the
                // story's own flow reaches to the next heading as high.
                let container = self.elements[block.owner].parent;
                let nested = container != block.owner
                    && included.get(container).copied().unwrap_or(false)
                    && !roots.contains(&container);
                skip = Some(if nested {
                    Skip::Subtree(self.elements[container].end)
                } else {
                    Skip::UntilHeading(block.heading.unwrap_or(6))
                });
                continue;
            }
            if keeps(block) {
                parts.push(index);
            }
        }
        parts
    }

    /// The short lines just before and after the first `<h1>`, where bylines
    /// and dates stand whether or not they made it into the article text.
    pub(super) fn lines_around_headline(&self) -> Vec<String> {
        // A page without an `<h1>` (many blog themes) heads its post with
        // the `<h2>` that the document title repeats.
        let names_the_page = |b: &Block| {
            let text = b.text.trim();
            b.heading == Some(2) && !text.is_empty() && self.page.title.contains(text)
        };
        let Some(h1) = self
            .blocks
            .iter()
            .position(|b| b.heading == Some(1))
            .or_else(|| self.blocks.iter().position(names_the_page))
        else {
            return Vec::new();
        };
        let around = h1.saturating_sub(BLOCKS_BEFORE_HEADLINE)..self.blocks.len().min(h1 + BLOCKS_AFTER_HEADLINE);
        short_lines(&self.blocks[around], MAX_BYLINE_WORDS)
    }

    /// Readability's vote: paragraphs give their block and its parent points
    /// for length and commas.
    fn score(&mut self) {
        for block in &self.blocks {
            let Some(owner) = self.elements.get(block.owner).copied() else { continue };
            let chars = block.text.chars().count();
            let container = owner.parent;
            for (index, share) in [(block.owner, 1.0), (container, CONTAINER_SHARE)] {
                if let Some(e) = self.elements.get_mut(index) {
                    e.chars += chars;
                    e.link_chars += block.link_chars;
                    if chars >= MIN_PARAGRAPH_CHARS && block.heading.is_none() {
                        e.score += share * readability_points(&block.text, chars);
                    }
                }
            }
        }
    }

    fn best_candidate(&self) -> Option<usize> {
        let weighted = |e: &ElementInfo| {
            let link_density = if e.chars == 0 { 0.0 } else { e.link_chars as f32 / e.chars as f32 };
            (e.score + if e.content_bonus { CONTENT_CLASS_BONUS } else { 0.0 }) * (1.0 - link_density)
        };
        self.elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.score > 0.0)
            .max_by(|a, b| weighted(a.1).total_cmp(&weighted(b.1)))
            .map(|(i, _)| i)
    }

    fn all_blocks(&self) -> Vec<usize> {
        (0..self.blocks.len()).filter(|&i| keeps(&self.blocks[i])).collect()
    }
}

/// The lines of at most `max_words` words of `blocks`. A heading's own
/// first line is a headline and left out; a line it sets below (a `<small>`
/// date after `<br>`) is kept.
fn short_lines<'a>(blocks: impl IntoIterator<Item = &'a Block>, max_words: usize) -> Vec<String> {
    blocks
        .into_iter()
        .flat_map(|b| b.text.lines().skip(usize::from(b.heading.is_some())))
        .filter(|l| l.split_whitespace().count() <= max_words)
        .map(str::to_string)
        .collect()
}

/// A line that announces what follows it: a subheading, or a short line
/// ending in a colon ("Weitere Informationen:", "Related").
fn is_label(block: &Block) -> bool {
    if block.text.contains('\n') {
        return false;
    }
    match block.heading {
        Some(level) => level >= 2 && !more_words_than(&block.text, MAX_LABEL_HEADING_WORDS),
        None => !more_words_than(&block.text, MAX_LABEL_WORDS) && block.text.trim_end().ends_with(':'),
    }
}

/// Leaves out labels whose section did not make it into the text: one at
/// the text's end ("Related", "Mehr Themen:" over a list left out), or one
/// followed by a heading as high as itself. A label belongs with what it
/// announces.
fn drop_dangling_labels(blocks: &[Block], chosen: &mut Vec<usize>) {
    // A label that is not a heading ranks below every heading.
    let level = |b: &Block| b.heading.unwrap_or(7);
    // From the end, so that a label left hanging by the one after it goes too.
    for k in (0..chosen.len()).rev() {
        let label = &blocks[chosen[k]];
        if !is_label(label) {
            continue;
        }
        let dangling = chosen
            .get(k + 1)
            .is_none_or(|&next| blocks[next].heading.is_some() && level(&blocks[next]) <= level(label));
        if dangling {
            chosen.remove(k);
        }
    }
}

/// Whether `text` has more than `n` words; stops counting there, as the
/// blocks asked about may be whole pages long.
fn more_words_than(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_some()
}

/// Whether a block of the article's container belongs in its text.
pub(super) fn keeps(block: &Block) -> bool {
    let chars = block.text.chars().count().max(1);
    let link_density = block.link_chars as f32 / chars as f32;
    if block.heading == Some(1) || (link_density > MAX_BLOCK_LINK_DENSITY && chars < MIN_LINKED_PROSE_CHARS) {
        return false;
    }
    !is_boilerplate_line(&block.text) && !is_credit_line(&block.text)
}

/// Credit lines run to a few words: a longer one is a caption's sentence.
const MAX_CREDIT_WORDS: usize = 15;

/// An image credit: "© AFP / Jane Doe", "Foto: dpa", "Photograph by Jane
/// Doe", "(Bild: Jane Doe)", "Crédit photo : X". A caption's own sentence
/// is kept; its credit is not the story.
fn is_credit_line(text: &str) -> bool {
    if more_words_than(text, MAX_CREDIT_WORDS) {
        return false;
    }
    if text.contains('©') {
        return true;
    }
    static CREDIT_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("credit_words"));
    // "Photograph by Jane Doe", "Bild von Jane Doe".
    static CREDIT_BY: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::tagged(&["by"], "credit").collect());
    let lower = text.to_lowercase();
    let mut words = lower.split(|c: char| c.is_whitespace() || c == '(').filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return false };
    let (name, rest) = first.split_at(first.find(|c: char| !c.is_alphabetic()).unwrap_or(first.len()));
    if !CREDIT_WORDS.contains(&name) {
        return false;
    }
    // "Foto:", "Photo (cc) :", "Image credit:", "Photograph by", "Bild von".
    rest.starts_with(':')
        || words.clone().next().is_some_and(|w| CREDIT_BY.contains(&w))
        || words.take(3).any(|w| w.ends_with(':'))
}

/// A heading over what is not the story: other articles, comments, appeals.
fn is_aside_heading(block: &Block) -> bool {
    // "Weitere Informationen:" in bold heads its section as an `<h3>` would.
    let label = block.heading.is_none() && is_label(block);
    if !label && block.heading.is_none_or(|level| level < 2) && more_words_than(&block.text, 4) {
        return false;
    }
    if more_words_than(&block.text, 8) || block.text.contains('\n') {
        return false;
    }
    let lower = block.text.to_lowercase();
    let lower = lower.trim_matches(|c: char| !c.is_alphabetic());
    // A heading over the story's own words is kept: the vocabulary must
    // stand at its start ("Related coverage", "3 Comments").
    static OPENINGS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("aside_headings"));
    // Whole words: "Themen" heads a list of tags, "Themenwoche" may not.
    OPENINGS
        .iter()
        .any(|o| lower.strip_prefix(o).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric())))
}

/// Short lines that invite a click rather than tell the story.
fn is_boilerplate_line(text: &str) -> bool {
    if more_words_than(text, 6) {
        return false;
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
    static PHRASES: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("boilerplate_lines"));
    PHRASES.iter().any(|p| lower == *p || lower.starts_with(&format!("{p}:")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, heading: Option<u8>) -> Block {
        Block { text: text.to_string(), link_chars: 0, owner: 0, heading }
    }

    #[test]
    fn labels_without_their_section_are_dropped() {
        let blocks = vec![
            block("What the mayor said", Some(3)),
            block("A paragraph of the story under its subheading.", None),
            block("Gallery", Some(3)),
            block("Background", Some(3)),
            block("Another paragraph of the story.", None),
            block("Further reading:", None),
            block("Related", Some(2)),
        ];
        let mut chosen: Vec<usize> = (0..blocks.len()).collect();
        drop_dangling_labels(&blocks, &mut chosen);
        assert_eq!(chosen, [0, 1, 3, 4]);
    }

    #[test]
    fn a_label_line_heads_an_aside_section() {
        assert!(is_aside_heading(&block("Weitere Beiträge aus der Kolumne:", None)));
        assert!(is_aside_heading(&block("Kontakt:", None)));
        assert!(!is_aside_heading(&block("Der Bürgermeister sagte dazu:", None)));
        assert!(!is_aside_heading(&block("Kontaktlos bezahlen wird beliebter, sagt die Bank", None)));
    }
}
