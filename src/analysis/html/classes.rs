//! What tags, classes, ids and roles say about an element: boilerplate,
//! the article, a byline, a date, a comment section.

use super::NodeRef;
use crate::analysis::lexicon;
use std::sync::LazyLock;

/// Elements whose content is never article text.
pub(super) const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "button",
    "select",
    "input",
    "textarea",
    "option",
    "nav",
    "aside",
    "footer",
    "dialog",
    "menu",
    "head",
    "video",
    "audio",
    "picture",
    "map",
    "figcaption",
];

/// Elements whose text is code or markup, not prose.
pub(super) const RAW_TEXT_TAGS: &[&str] =
    &["script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object"];

/// Elements that start and end a block of text.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "header",
    "address",
    "hr",
    "center",
    "body",
    "html",
    "caption",
    "details",
    "summary",
];

/// Class or id words of boilerplate containers.
pub(super) static BOILERPLATE_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_boilerplate"));

/// Class or id words of image captions, wherever they stand in a compound
/// name ("wp-caption-text"). Not "credit": a news page credits its wire there.
static CAPTION_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_caption"));

/// Class or id words that mark the article itself and outweigh boilerplate words.
pub(super) static CONTENT_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_content"));

/// Class or id words that name the article's body itself: the container to
/// take whole once one of its paragraphs wins the vote.
pub(super) static ARTICLE_BODY_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_article_body"));

/// Class or id words of author bylines.
pub(super) static BYLINE_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_byline"));

/// Class or id words of comment sections.
pub(super) static COMMENT_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_comment"));

/// Class or id words of date elements.
pub(super) static DATE_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_date"));

/// Pieces of class or id names that mark a date as the publication date.
pub(super) static PUBLISHED_CLASS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_date_published"));

/// Pieces of class or id names that mark a date as the last update.
pub(super) static UPDATED_CLASS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("class_date_updated"));

pub(super) fn class_words(el: &scraper::node::Element) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for attr in ["class", "id", "itemprop", "role", "rel"] {
        if let Some(value) = el.attr(attr) {
            words.extend(value.split_whitespace().map(str::to_lowercase));
        }
    }
    // "post-comments" also counts as "comments": split compound class names.
    let parts: Vec<String> = words
        .iter()
        .flat_map(|w| w.split(['-', '_']).filter(|p| !p.is_empty() && p.len() < w.len()).map(str::to_string))
        .collect();
    words.extend(parts);
    words
}

/// Boilerplate by ARIA role, or by a class or id whose whole name or first
/// part is a boilerplate word ("comments", "share-bar"; not "has-sidebar").
pub(super) fn is_boilerplate(tag: &str, el: &scraper::node::Element, words: &[String], by_class: bool) -> bool {
    if matches!(tag, "html" | "body" | "article" | "main") {
        return false;
    }
    let role = el.attr("role").unwrap_or("");
    if matches!(role, "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog") {
        return true;
    }
    if !by_class || words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str())) {
        return false;
    }
    ["class", "id"].iter().filter_map(|a| el.attr(a)).flat_map(str::split_whitespace).any(|token| {
        let token = token.to_ascii_lowercase();
        let first = token.split(['-', '_']).next().unwrap_or("");
        BOILERPLATE_WORDS.contains(&token.as_str())
            || BOILERPLATE_WORDS.contains(&first)
            // "commentlist", "commentform": comment threads name themselves so.
            || token.starts_with("comment")
            || token.split(['-', '_']).any(|part| CAPTION_WORDS.contains(&part))
    })
}

pub(super) fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v == "true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Whether a `<form>` wraps the page's content (ASP.NET pages wrap the whole
/// body in one) rather than being a search box or a sign-up form: it holds
/// paragraphs. Forms do not nest, so each node is looked at once.
pub(super) fn wraps_content(form: NodeRef<'_>) -> bool {
    form.descendants().filter(|d| d.value().as_element().is_some_and(|e| e.name() == "p")).nth(2).is_some()
}
