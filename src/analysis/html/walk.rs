//! The one iterative pass over the DOM: runs of text between block
//! boundaries, the block elements they belong to, and the evidence on the way.

use super::NodeRef;
use super::classes::{
    ARTICLE_BODY_WORDS, BLOCK_TAGS, COMMENT_WORDS, CONTENT_WORDS, RAW_TEXT_TAGS, SKIPPED_TAGS, class_words,
    is_boilerplate, is_hidden, wraps_content,
};
use super::evidence::PageEvidence;
use crate::analysis::text::FxHasher;
use scraper::Node;
use std::hash::{Hash, Hasher};

/// How much of the page's visible text is kept for a last-resort date search.
const MAX_PAGE_TEXT: usize = 100_000;

/// One run of text between block boundaries.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) text: String,
    pub(super) link_chars: usize,
    /// Preorder index of the innermost open block element.
    pub(super) owner: usize,
    pub(super) heading: Option<u8>,
}

/// A block element as the walk saw it.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct ElementInfo {
    /// One past the preorder index of its last descendant element.
    pub(super) end: usize,
    /// The enclosing block element's index.
    pub(super) parent: usize,
    pub(super) score: f32,
    pub(super) chars: usize,
    pub(super) link_chars: usize,
    pub(super) content_bonus: bool,
    /// `<article>`, `<main>`, `itemprop="articleBody"` or a class that names
    /// the article's body: a container to take whole once a paragraph in it wins.
    pub(super) article_marker: bool,
    /// `<html>` or `<body>`: the page, never the article.
    pub(super) page: bool,
    /// A hash of its tag and class: sections made from one template share it.
    pub(super) shape: u64,
}

#[derive(Default)]
pub(super) struct Walker {
    /// Whether class and id names may mark boilerplate, or only tags and roles.
    pub(super) classes_mark_boilerplate: bool,
    pub(super) page: PageEvidence,
    pub(super) blocks: Vec<Block>,
    pub(super) elements: Vec<ElementInfo>,
    /// Open block elements: preorder indexes.
    pub(super) open_blocks: Vec<usize>,
    pub(super) buffer: String,
    pub(super) buffer_links: usize,
    pub(super) link_depth: usize,
    pub(super) pre_depth: usize,
    pub(super) boilerplate_depth: usize,
    /// Inside `<script>`, `<style>` and the like, whose text nobody reads.
    pub(super) raw_depth: usize,
    pub(super) byline_depth: usize,
    /// Inside a comment section, whose authors are readers.
    pub(super) comment_depth: usize,
    pub(super) heading: Option<u8>,
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Exit(ExitAction),
}

/// What leaving an element undoes.
#[derive(Clone, Copy, Default)]
struct ExitAction {
    block: Option<usize>,
    link: bool,
    pre: bool,
    boilerplate: bool,
    raw: bool,
    byline: bool,
    comment: bool,
    heading: bool,
}
impl Walker {
    pub(super) fn walk(&mut self, root: NodeRef<'_>) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(node) => match node.value() {
                    Node::Text(t) => self.push_text(&t.text),
                    Node::Element(_) => {
                        let Some(action) = self.enter(node) else { continue };
                        stack.push(Step::Exit(action));
                        stack.extend(node.children().rev().map(Step::Enter));
                    }
                    Node::Document | Node::Fragment => stack.extend(node.children().rev().map(Step::Enter)),
                    _ => {}
                },
                Step::Exit(action) => self.exit(action),
            }
        }
        self.flush();
    }

    /// Handles an element's start; `None` when it has no children to walk.
    fn enter(&mut self, node: NodeRef<'_>) -> Option<ExitAction> {
        let el = node.value().as_element()?;
        let tag = el.name();
        if tag == "br" {
            self.line_break();
            return None;
        }
        let mut action = ExitAction::default();
        let words = class_words(el);
        // Boilerplate is still walked: `<head>` holds the metadata, a footer may hold JSON-LD.
        if self.boilerplate_depth > 0
            || SKIPPED_TAGS.contains(&tag)
            || (tag == "form" && !wraps_content(node))
            || is_hidden(el)
            || is_boilerplate(tag, el, &words, self.classes_mark_boilerplate)
        {
            self.boilerplate_depth += 1;
            action.boilerplate = true;
        }
        if words.iter().any(|w| COMMENT_WORDS.contains(&w.as_str())) {
            self.comment_depth += 1;
            action.comment = true;
        }
        if self.raw_depth > 0 || RAW_TEXT_TAGS.contains(&tag) {
            self.raw_depth += 1;
            action.raw = true;
        }
        self.collect_evidence(node, tag, &words);
        if BLOCK_TAGS.contains(&tag) {
            self.flush();
            let index = self.elements.len();
            let parent = self.open_blocks.last().copied().unwrap_or(index);
            let content_bonus = words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str()))
                || matches!(tag, "article" | "main")
                || el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"));
            let article_marker = matches!(tag, "article" | "main")
                || el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
                || words.iter().any(|w| ARTICLE_BODY_WORDS.contains(&w.as_str()));
            let page = matches!(tag, "html" | "body");
            let mut shape = FxHasher::default();
            (tag, el.attr("class").unwrap_or("")).hash(&mut shape);
            self.elements.push(ElementInfo {
                end: index + 1,
                parent,
                content_bonus,
                article_marker,
                page,
                shape: shape.finish(),
                ..ElementInfo::default()
            });
            self.open_blocks.push(index);
            action.block = Some(index);
            if let Some(level) = tag.strip_prefix('h').and_then(|l| l.parse::<u8>().ok()) {
                self.heading = Some(level);
                action.heading = true;
            }
        }
        if tag == "a" {
            self.link_depth += 1;
            action.link = true;
        }
        if tag == "pre" {
            self.pre_depth += 1;
            action.pre = true;
        }
        if self.byline_depth > 0 {
            self.byline_depth += 1;
            action.byline = true;
        }
        Some(action)
    }

    fn exit(&mut self, action: ExitAction) {
        if let Some(index) = action.block {
            self.flush();
            self.open_blocks.pop();
            let end = self.elements.len();
            if let Some(info) = self.elements.get_mut(index) {
                info.end = end;
            }
        }
        if action.heading {
            self.heading = None;
        }
        self.link_depth -= usize::from(action.link);
        self.pre_depth -= usize::from(action.pre);
        self.boilerplate_depth -= usize::from(action.boilerplate);
        self.raw_depth -= usize::from(action.raw);
        self.byline_depth -= usize::from(action.byline);
        self.comment_depth -= usize::from(action.comment);
    }

    fn push_text(&mut self, text: &str) {
        if self.raw_depth == 0 && self.page.page_text.len() < MAX_PAGE_TEXT {
            self.page.page_text.push_str(text.trim());
            self.page.page_text.push('\n');
        }
        if self.boilerplate_depth > 0 {
            return;
        }
        let before = self.buffer.len();
        if self.pre_depth > 0 {
            self.buffer.push_str(text);
        } else {
            let space_before = text.starts_with(char::is_whitespace);
            for (i, word) in text.split_whitespace().enumerate() {
                if (i > 0 || space_before) && !self.buffer.is_empty() && !self.buffer.ends_with([' ', '\n']) {
                    self.buffer.push(' ');
                }
                self.buffer.push_str(word);
            }
            if text.ends_with(char::is_whitespace) && !self.buffer.is_empty() && !self.buffer.ends_with([' ', '\n']) {
                self.buffer.push(' ');
            }
        }
        if self.link_depth > 0 {
            self.buffer_links += self.buffer.len() - before;
        }
    }

    /// A `<br>` ends a line; two in a row end a paragraph.
    fn line_break(&mut self) {
        let trimmed = self.buffer.trim_end_matches(' ');
        if trimmed.ends_with('\n') {
            self.flush();
        } else if !trimmed.is_empty() {
            self.buffer.truncate(trimmed.len());
            self.buffer.push('\n');
        }
    }

    fn flush(&mut self) {
        let text = self.buffer.trim();
        if !text.is_empty() {
            let owner = self.open_blocks.last().copied().unwrap_or(0);
            let text = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
            self.blocks.push(Block { text, link_chars: self.buffer_links, owner, heading: self.heading });
        }
        self.buffer.clear();
        self.buffer_links = 0;
    }
}
