//! What tags, classes, ids and roles say about an element: boilerplate,
//! the article, a byline, a date, a comment section.

/// Elements whose content is never article text.
pub(super) const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "button",
    "select", "input", "textarea", "option", "nav", "aside", "footer", "form", "dialog", "menu", "head", "video",
    "audio", "picture", "map",
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
pub(super) const BOILERPLATE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "related",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "sidebar",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "promo",
    "subscribe",
    "subscription",
    "popup",
    "modal",
    "widget",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
    "disqus",
    "sponsored",
    "signup",
    "banner",
    "toolbar",
    "pagination",
    "pager",
    "tagcloud",
    "skip",
    "login",
    "paywall",
    "more-stories",
    "readmore",
    "read-more",
    "print",
    "author-bio",
    "hidden",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
    "jp-relatedposts",
    "yarpp",
    "cta",
];

/// Class or id words that mark the article itself and outweigh boilerplate words.
pub(super) const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "article-body",
    "article-content",
    "articletext",
    "content",
    "entry",
    "entry-content",
    "post",
    "post-content",
    "post-body",
    "story",
    "story-body",
    "main",
    "body",
    "text",
    "blog-post",
    "postbody",
    "single",
    "hentry",
    "news",
];

/// Class or id words of author bylines.
pub(super) const BYLINE_WORDS: &[&str] = &[
    "author",
    "authors",
    "byline",
    "by-line",
    "byl",
    "writer",
    "autor",
    "auteur",
    "autore",
    "journalist",
    "reporter",
    "verfasser",
    "author-name",
    "authorname",
    "byline-name",
    "article-author",
    "post-author",
    "entry-author",
    "creator",
    "contributor",
    "contributors",
    "username",
    "user-name",
    "fn",
    "nickname",
    "vcard",
    "submitted",
    "autorin",
    "autoren",
    "signature",
];

/// Class or id words of comment sections.
pub(super) const COMMENT_WORDS: &[&str] =
    &["comment", "comments", "respond", "reply", "replies", "discussion", "disqus"];

/// Class or id words of date elements.
pub(super) const DATE_WORDS: &[&str] = &[
    "date",
    "time",
    "published",
    "publish",
    "pubdate",
    "posted",
    "timestamp",
    "datetime",
    "dateline",
    "datum",
    "fecha",
    "data",
    "meta",
    "entry-date",
    "post-date",
    "article-date",
    "updated",
    "modified",
    "byline",
];

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
        BOILERPLATE_WORDS.contains(&token.as_str()) || BOILERPLATE_WORDS.contains(&first)
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
