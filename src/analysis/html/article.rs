//! Which blocks are the article: Readability's vote and its siblings.

use super::evidence::MAX_BYLINE_WORDS;
use super::walk::{Block, ElementInfo, Walker};

/// How many blocks after the article may hold its signature.
const CLOSING_BLOCKS: usize = 3;

/// How many of the article's first blocks may hold its byline.
const OPENING_BLOCKS: usize = 3;

impl Walker {
    /// The article body: the best-scoring block and its strong siblings.
    pub(super) fn article_text(&mut self) -> String {
        self.score();
        let Some(best) = self.best_candidate() else { return self.all_text() };
        let best_info = self.elements[best];
        let threshold = (best_info.score * 0.2).max(10.0);
        // The best block and its siblings are disjoint subtrees: marking
        // their elements costs one pass.
        let mut included = vec![false; self.elements.len()];
        let siblings = self
            .elements
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                *i == best || (best_info.parent != best && e.parent == best_info.parent && e.score >= threshold)
            })
            .map(|(i, e)| (i, e.end))
            .collect::<Vec<_>>();
        for (start, end) in siblings {
            for slot in included.iter_mut().take(end).skip(start) {
                *slot = true;
            }
        }
        let in_article = |b: &&Block| included.get(b.owner).copied().unwrap_or(false);
        let parts: Vec<&str> =
            self.blocks.iter().filter(in_article).filter(|b| keeps(b)).map(|b| b.text.as_str()).collect();
        // The few blocks after the article hold a signature or a source line
        // that its text left out.
        if let Some(last) = self.blocks.iter().rposition(|b| in_article(&b)) {
            self.page.closing_lines = short_lines(self.blocks[last + 1..].iter().take(CLOSING_BLOCKS), 8);
        }
        self.page.opening_lines =
            short_lines(self.blocks.iter().filter(in_article).take(OPENING_BLOCKS), MAX_BYLINE_WORDS);
        parts.join("\n\n")
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
        short_lines(&self.blocks[h1.saturating_sub(3)..self.blocks.len().min(h1 + 12)], MAX_BYLINE_WORDS)
    }

    /// Readability's vote: paragraphs give their block and its parent points
    /// for length and commas.
    fn score(&mut self) {
        for block in &self.blocks {
            let Some(owner) = self.elements.get(block.owner).copied() else { continue };
            let chars = block.text.chars().count();
            let container = owner.parent;
            for (index, share) in [(block.owner, 1.0), (container, 0.5)] {
                if let Some(e) = self.elements.get_mut(index) {
                    e.chars += chars;
                    e.link_chars += block.link_chars;
                    if chars >= 25 && block.heading.is_none() {
                        let commas = block.text.matches([',', '，', '、']).count() as f32;
                        e.score += share * (1.0 + commas + (chars as f32 / 100.0).min(3.0));
                    }
                }
            }
        }
    }

    fn best_candidate(&self) -> Option<usize> {
        let weighted = |e: &ElementInfo| {
            let link_density = if e.chars == 0 { 0.0 } else { e.link_chars as f32 / e.chars as f32 };
            (e.score + if e.content_bonus { 5.0 } else { 0.0 }) * (1.0 - link_density)
        };
        self.elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.score > 0.0)
            .max_by(|a, b| weighted(a.1).total_cmp(&weighted(b.1)))
            .map(|(i, _)| i)
    }

    fn all_text(&self) -> String {
        self.blocks.iter().filter(|b| keeps(b)).map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n")
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

/// Whether a block of the article's container belongs in its text.
fn keeps(block: &Block) -> bool {
    let chars = block.text.chars().count().max(1);
    let link_density = block.link_chars as f32 / chars as f32;
    if block.heading == Some(1) || (link_density > 0.5 && chars < 200) {
        return false;
    }
    !is_boilerplate_line(&block.text)
}

/// Short lines that invite a click rather than tell the story.
fn is_boilerplate_line(text: &str) -> bool {
    if text.split_whitespace().count() > 6 {
        return false;
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
    const PHRASES: &[&str] = &[
        "read more",
        "share",
        "share this",
        "share this article",
        "tweet",
        "advertisement",
        "anzeige",
        "werbung",
        "subscribe",
        "sign up",
        "log in",
        "print",
        "email",
        "comments",
        "leave a comment",
        "related",
        "related articles",
        "follow us",
        "mehr lesen",
        "weiterlesen",
        "lire la suite",
        "leer más",
        "continue reading",
        "back to top",
        "skip to content",
        "accept",
        "cookie settings",
    ];
    PHRASES.iter().any(|p| lower == *p || lower.starts_with(&format!("{p}:")))
}
