//! From an HTML page to the article's text and the evidence metadata needs,
//! in one iterative pass over the DOM (no recursion: a page nesting 100,000
//! elements must not overflow the stack).
//!
//! The body is found the way Readability does: every paragraph votes for its
//! enclosing block and, half as much, for that block's parent; the block with
//! the most votes, less its share of link text, wins. The article grows from
//! there to the container that names itself the article's body and to the
//! sibling sections that read like the story (`article`). Boilerplate
//! (navigation, comments, share bars, related links, cookie banners,
//! captions, donation appeals) is skipped by tag, class and id before it can
//! vote. Why Lede's own extractor and not a crate: docs/body-extraction.md.

mod article;
mod classes;
mod detect;
mod evidence;
mod nesting;
#[cfg(test)]
mod tests;
mod walk;

pub use detect::looks_like_html;
pub use evidence::{MAX_BYLINE_WORDS, PageDate, PageEvidence, PageLink};

use nesting::limit_nesting;
use scraper::{ElementRef, Html};
use walk::Walker;

/// A DOM node; named through `ElementRef` so that `ego_tree` need not be a
/// direct dependency.
type NodeRef<'a> = <ElementRef<'a> as std::ops::Deref>::Target;

/// The article text of a page and what metadata needs from its DOM.
#[derive(Clone, Debug, Default)]
pub struct HtmlArticle {
    /// The article body, paragraphs separated by blank lines.
    pub text: String,
    pub page: PageEvidence,
}

/// Extracts the article text and the page's metadata evidence.
pub fn extract(html: &str) -> HtmlArticle {
    let document = Html::parse_document(&limit_nesting(html));
    let article = walk(&document, true);
    // A page wrapped whole in a container with a boilerplate-sounding class
    // ("has-sidebar") loses its body; read it again trusting tags only.
    if article.text.len() < MIN_ARTICLE_BYTES {
        let retry = walk(&document, false);
        if retry.text.len() > article.text.len() {
            return retry;
        }
    }
    article
}

/// Shorter article texts make [`extract`] doubt its boilerplate classes.
const MIN_ARTICLE_BYTES: usize = 250;

fn walk(document: &Html, classes_mark_boilerplate: bool) -> HtmlArticle {
    let mut walker = Walker { classes_mark_boilerplate, ..Walker::default() };
    walker.walk(document.tree.root());
    let text = walker.article_text();
    walker.page.headline_lines = walker.lines_around_headline();
    HtmlArticle { text, page: walker.page }
}

/// Text with HTML character references resolved ("Redacci&oacute;n"), as
/// pages leave them in JSON-LD strings.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let fragment = Html::parse_fragment(&text.replace('<', "&lt;"));
    fragment.root_element().text().collect()
}
