//! From an HTML page to the article's text and the evidence metadata needs,
//! in one iterative pass over the DOM (no recursion: a page nesting 100,000
//! elements must not overflow the stack).
//!
//! The body is found the way Readability does: every paragraph votes for its
//! enclosing block and, half as much, for that block's parent; the block with
//! the most votes, less its share of link text, is the article, together with
//! siblings that score nearly as well. Boilerplate (navigation, comments,
//! share bars, related links, cookie banners) is skipped by tag, class and id
//! before it can vote.

use crate::analysis::metadata::{MAX_BYLINE_WORDS, PageDate, PageEvidence, PageLink};
use regex::Regex;
use scraper::{ElementRef, Html, Node};
use std::sync::LazyLock;

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

/// Whether `content` is an HTML page or fragment rather than plain text.
pub fn looks_like_html(content: &str) -> bool {
    let head: String = content.trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
    {
        return true;
    }
    let sample = &head[..];
    ["<p>", "<p ", "<div", "<br", "<body", "<head", "<article", "<meta ", "<span", "<a href"]
        .iter()
        .filter(|t| sample.contains(*t))
        .count()
        >= 2
        || (sample.starts_with('<') && ["</p>", "</div>", "</a>", "</span>"].iter().any(|t| content.contains(t)))
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

/// How many blocks after the article may hold its signature.
const CLOSING_BLOCKS: usize = 3;

/// How many of the article's first blocks may hold its byline.
const OPENING_BLOCKS: usize = 3;

/// Shorter article texts make [`extract`] doubt its boilerplate classes.
const MIN_ARTICLE_BYTES: usize = 250;

fn walk(document: &Html, classes_mark_boilerplate: bool) -> HtmlArticle {
    let mut walker = Walker { classes_mark_boilerplate, ..Walker::default() };
    walker.walk(document.tree.root());
    let text = walker.article_text();
    walker.page.headline_lines = walker.lines_around_headline();
    HtmlArticle { text, page: walker.page }
}

/// How deep elements may nest before further tags are dropped. The HTML
/// parser's scope checks walk the stack of open elements, so its time grows
/// with the square of the depth; real pages stay far below this.
const MAX_DEPTH: usize = 256;

const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "keygen",
];
const RAW_TEXT_SOURCE_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe"];
/// Elements whose end tag is optional: a new one closes the open one.
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// The page with tags nested deeper than [`MAX_DEPTH`] removed (with their
/// end tags), found by a linear scan of the source; borrowed when nothing is removed.
fn limit_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied_to = 0;
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut kept_depth = 0usize;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        if bytes[start..].starts_with(b"<!--") {
            i = memchr::memmem::find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |e| start + 4 + e + 3);
            continue;
        }
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        let mut drop = false;
        if closing {
            if let Some(pos) = stack.iter().rev().take(16).position(|(n, _)| *n == name) {
                let index = stack.len() - 1 - pos;
                drop = !stack[index].1;
                kept_depth -= stack[index..].iter().filter(|(_, kept)| *kept).count();
                stack.truncate(index);
            }
        } else if !VOID_TAGS.contains(&name.as_str()) && !self_closing {
            if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                && let Some(pos) = stack.iter().rev().take(4).position(|(n, _)| *n == name)
            {
                let index = stack.len() - 1 - pos;
                kept_depth -= stack[index..].iter().filter(|(_, kept)| *kept).count();
                stack.truncate(index);
            }
            drop = kept_depth >= MAX_DEPTH;
            kept_depth += usize::from(!drop);
            if RAW_TEXT_SOURCE_TAGS.contains(&name.as_str()) {
                let skip = find_end_tag(&bytes[end..], name.as_bytes());
                stack.push((name, !drop));
                if drop {
                    out.get_or_insert_with(String::new).push_str(&html[copied_to..start]);
                    copied_to = end;
                }
                i = end + skip;
                continue;
            }
            stack.push((name, !drop));
        }
        if drop {
            out.get_or_insert_with(String::new).push_str(&html[copied_to..start]);
            copied_to = end;
        }
        i = end;
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[copied_to..]);
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

/// Where `</name` first stands in `bytes`, any case; the length if nowhere.
fn find_end_tag(bytes: &[u8], name: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, b"</")
        .find(|&at| bytes.get(at + 2..at + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .unwrap_or(bytes.len())
}

/// One past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
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

/// Elements whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "button",
    "select", "input", "textarea", "option", "nav", "aside", "footer", "form", "dialog", "menu", "head", "video",
    "audio", "picture", "map",
];

/// Elements whose text is code or markup, not prose.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object"];

/// How much of the page's visible text is kept for a last-resort date search.
const MAX_PAGE_TEXT: usize = 100_000;

/// Elements that start and end a block of text.
const BLOCK_TAGS: &[&str] = &[
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
const BOILERPLATE_WORDS: &[&str] = &[
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
const CONTENT_WORDS: &[&str] = &[
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
const BYLINE_WORDS: &[&str] = &[
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
const COMMENT_WORDS: &[&str] = &["comment", "comments", "respond", "reply", "replies", "discussion", "disqus"];

/// Class or id words of date elements.
const DATE_WORDS: &[&str] = &[
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

/// Caps on collected evidence, so that hostile pages cost linear time.
const MAX_EVIDENCE: usize = 64;

/// A date element's text is read this far: a date is short, and nested date
/// elements would otherwise hand the date search the same long text again
/// and again.
const MAX_DATE_TEXT: usize = 200;

/// `s` cut to at most `max` bytes, on a char boundary.
fn clip(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}
const MAX_EVIDENCE_CHARS: usize = 400;

/// One run of text between block boundaries.
#[derive(Debug)]
struct Block {
    text: String,
    link_chars: usize,
    /// Preorder index of the innermost open block element.
    owner: usize,
    heading: Option<u8>,
}

/// A block element as the walk saw it.
#[derive(Debug, Default, Clone, Copy)]
struct ElementInfo {
    /// One past the preorder index of its last descendant element.
    end: usize,
    /// The enclosing block element's index.
    parent: usize,
    score: f32,
    chars: usize,
    link_chars: usize,
    content_bonus: bool,
}

#[derive(Default)]
struct Walker {
    /// Whether class and id names may mark boilerplate, or only tags and roles.
    classes_mark_boilerplate: bool,
    page: PageEvidence,
    blocks: Vec<Block>,
    elements: Vec<ElementInfo>,
    /// Open block elements: preorder indexes.
    open_blocks: Vec<usize>,
    buffer: String,
    buffer_links: usize,
    link_depth: usize,
    pre_depth: usize,
    boilerplate_depth: usize,
    /// Inside `<script>`, `<style>` and the like, whose text nobody reads.
    raw_depth: usize,
    byline_depth: usize,
    /// Inside a comment section, whose authors are readers.
    comment_depth: usize,
    heading: Option<u8>,
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
    fn walk(&mut self, root: NodeRef<'_>) {
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
            self.elements.push(ElementInfo { end: index + 1, parent, content_bonus, ..ElementInfo::default() });
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

    fn collect_evidence(&mut self, node: NodeRef<'_>, tag: &str, words: &[String]) {
        let Some(el) = node.value().as_element() else { return };
        match tag {
            "html" => {
                if let Some(lang) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                    self.page.language = lang.to_string();
                }
            }
            "title" if self.page.title.is_empty() => self.page.title = element_text(node),
            "meta" => {
                let key = ["property", "name", "itemprop", "http-equiv"].iter().find_map(|a| el.attr(a));
                if let (Some(key), Some(content)) = (key, el.attr("content").or_else(|| el.attr("datetime"))) {
                    self.page.metas.push((key.trim().to_lowercase(), content.to_string()));
                }
            }
            "script" if el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                self.page.json_ld.push(node.children().filter_map(|c| c.value().as_text()).map(|t| &**t).collect());
            }
            "script" => {
                for text in node.children().filter_map(|c| c.value().as_text()) {
                    collect_script_fields(text, &mut self.page.script_fields);
                }
            }
            "link" | "a" => self.collect_link(node, el),
            _ => {}
        }
        if self.raw_depth > 0
            || self.page.dates.len() + self.page.bylines.len() + self.page.microdata.len() > 3 * MAX_EVIDENCE
        {
            return;
        }
        self.collect_date(node, el, words);
        let byline_marked = || words.iter().any(|w| BYLINE_WORDS.contains(&w.as_str())) && is_small(node);
        if self.boilerplate_depth > 0 {
            let marked_author = el.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|p| p == "author"));
            if self.comment_depth == 0 {
                if marked_author && self.page.boilerplate_authors.len() < MAX_EVIDENCE {
                    self.page.boilerplate_authors.push(microdata_value(node, el));
                } else if !marked_author && self.page.boilerplate_bylines.len() < MAX_EVIDENCE && byline_marked() {
                    self.page.boilerplate_bylines.push(element_text(node));
                }
            }
            return;
        }
        let marked_headline = matches!(tag, "h2" | "h3")
            && words.iter().any(|w| w.contains("title") || w.contains("headline") || w.contains("heading"));
        if (tag == "h1" || marked_headline) && self.page.headings.len() < MAX_EVIDENCE {
            self.page.headings.push(element_text(node));
        }
        if let Some(prop) = el.attr("itemprop").filter(|_| tag != "meta") {
            self.collect_microdata(node, el, prop);
        }
        let rel_author = el.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("author")));
        if self.byline_depth == 0 && !rel_author && byline_marked() {
            self.page.bylines.push(element_text(node));
            self.byline_depth = 1;
        }
    }

    /// `<time>` elements, elements with a `datetime`, and small elements
    /// whose class marks a date; a container of `<time>` elements leaves them
    /// to speak for themselves.
    fn collect_date(&mut self, node: NodeRef<'_>, el: &scraper::node::Element, words: &[String]) {
        let machine = el.attr("datetime").or_else(|| {
            let prop = el.attr("itemprop").unwrap_or("");
            prop.starts_with("date").then(|| el.attr("content")).flatten()
        });
        let marked = words.iter().any(|w| DATE_WORDS.iter().any(|d| w.contains(d)));
        let value = match machine {
            Some(v) => v.to_string(),
            None if el.name() == "time" || (marked && is_small(node) && !holds_time_element(node)) => {
                element_text(node)
            }
            None => return,
        };
        let joined = words.join(" ");
        let prop = el.attr("itemprop").unwrap_or("");
        let published = el.attr("pubdate").is_some()
            || prop == "datePublished"
            || ["publish", "posted", "created", "pubdate", "date-pub"].iter().any(|w| joined.contains(w));
        let modified = !published
            && (prop == "dateModified"
                || ["update", "modif", "aktualisiert", "edited"].iter().any(|w| joined.contains(w)));
        if !value.trim().is_empty() {
            let boilerplate = self.boilerplate_depth > 0;
            let value = clip(value, MAX_DATE_TEXT);
            self.page.dates.push(PageDate { value, published, modified, boilerplate });
        }
    }

    /// Canonical links, and author links: `rel="author"` or an author page URL.
    fn collect_link(&mut self, node: NodeRef<'_>, el: &scraper::node::Element) {
        if self.page.links.len() >= MAX_EVIDENCE {
            return;
        }
        let rel = el.attr("rel").unwrap_or("").to_lowercase();
        let href = el.attr("href").unwrap_or("").trim();
        let is_author = rel.split_whitespace().any(|r| r == "author") || (el.name() == "a" && is_author_url(href));
        if is_author && self.boilerplate_depth == 0 {
            let text = if el.name() == "a" { element_text(node) } else { String::new() };
            self.page.links.push(PageLink { rel: "author".into(), href: href.to_string(), text });
        } else if is_author
            && el.name() == "a"
            && rel.split_whitespace().any(|r| r == "author")
            && self.comment_depth == 0
        {
            self.page.boilerplate_authors.push(element_text(node));
        } else if rel.split_whitespace().any(|r| r == "canonical") {
            self.page.links.push(PageLink { rel, href: href.to_string(), text: String::new() });
        }
    }

    fn collect_microdata(&mut self, node: NodeRef<'_>, el: &scraper::node::Element, prop: &str) {
        let value = microdata_value(node, el);
        for prop in prop.split_whitespace() {
            self.page.microdata.push((prop.to_string(), value.clone()));
        }
    }

    /// The article body: the best-scoring block and its strong siblings.
    fn article_text(&mut self) -> String {
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
    fn lines_around_headline(&self) -> Vec<String> {
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

fn class_words(el: &scraper::node::Element) -> Vec<String> {
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
fn is_boilerplate(tag: &str, el: &scraper::node::Element, words: &[String], by_class: bool) -> bool {
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

/// `"author": "Jane Doe"` and `"publishedDate": "..."` in the JSON of a
/// page's scripts (data layers, app state), which may be the only place a
/// page names them.
static SCRIPT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?:^|[^\w-])["']?(datePublished|publishedDate|publishDate|published_at|publishedAt|publish_date|pubDate|firstPublishDate|author|authorName|author_name|byline)["']?\]?\s*[:=]\s*(?:"([^"\\]{1,120})"|'([^'\\]{1,120})')"#,
    )
    .expect("valid regex")
});

/// JSON fields and the assignments of analytics data layers alike:
/// `"author":"Jane Doe"`, `'author' : 'Jane Doe'`, `dl['Author'] = 'Jane Doe'`.
fn collect_script_fields(script: &str, fields: &mut Vec<(String, String)>) {
    for c in SCRIPT_FIELD.captures_iter(script) {
        if fields.len() >= MAX_EVIDENCE {
            return;
        }
        if let Some(value) = c.get(2).or_else(|| c.get(3)) {
            fields.push((c[1].to_ascii_lowercase(), value.as_str().trim().to_string()));
        }
    }
}

/// An item property's value: its `content` or `datetime`, else its text;
/// an author item holds its name in a nested `itemprop="name"`.
fn microdata_value(node: NodeRef<'_>, el: &scraper::node::Element) -> String {
    el.attr("content").or_else(|| el.attr("datetime")).map(str::to_string).unwrap_or_else(|| {
        node.descendants()
            .take(200)
            .filter_map(|d| d.value().as_element().filter(|e| e.attr("itemprop") == Some("name")).map(|_| d))
            .map(element_text)
            .next()
            .unwrap_or_else(|| element_text(node))
    })
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v == "true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

fn holds_time_element(node: NodeRef<'_>) -> bool {
    node.descendants()
        .skip(1)
        .take(400)
        .any(|d| d.value().as_element().is_some_and(|e| e.name() == "time" || e.attr("datetime").is_some()))
}

/// Author pages: "/author/jane-doe/", "/autoren/jane-doe".
fn is_author_url(href: &str) -> bool {
    let path = href.split_once("://").map_or(href, |(_, rest)| rest).to_ascii_lowercase();
    [
        "/author/",
        "/authors/",
        "/autor/",
        "/autoren/",
        "/auteur/",
        "/auteurs/",
        "/autore/",
        "/journalist/",
        "/redakteur/",
    ]
    .iter()
    .any(|p| path.contains(p) && !path.ends_with(p))
}

/// Whether an element holds little text: a byline or a date, not a container.
fn is_small(node: NodeRef<'_>) -> bool {
    let mut chars = 0;
    for d in node.descendants().take(400) {
        if let Node::Text(t) = d.value() {
            chars += t.len();
            if chars > MAX_EVIDENCE_CHARS {
                return false;
            }
        }
    }
    chars > 0
}

/// The visible text of an element, whitespace collapsed, blocks apart, capped.
fn element_text(node: NodeRef<'_>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    let mut stack = vec![node];
    let mut visited = 0;
    while let Some(n) = stack.pop() {
        visited += 1;
        if visited > 2000 || out.len() > MAX_EVIDENCE_CHARS * 4 {
            break;
        }
        match n.value() {
            Node::Element(e) if matches!(e.name(), "script" | "style" | "noscript" | "template") => {}
            Node::Element(_) => {
                // Evidence is short and read by patterns: "am<span>09.02.2022" is two words.
                pending_space = true;
                stack.extend(n.children().rev());
            }
            Node::Text(t) => {
                pending_space |= t.starts_with(char::is_whitespace);
                for (i, word) in t.split_whitespace().enumerate() {
                    if !out.is_empty() && (i > 0 || pending_space) {
                        out.push(' ');
                    }
                    out.push_str(word);
                    pending_space = false;
                }
                pending_space |= t.ends_with(char::is_whitespace);
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str =
        "The council voted on Tuesday to approve the new budget, after a long debate about schools, roads and parks.";

    fn page(body: &str) -> String {
        format!("<html><head><title>T</title></head><body>{body}</body></html>")
    }

    #[test]
    fn article_paragraphs_without_boilerplate() {
        let html = page(&format!(
            r#"<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
            <div class="cookie-banner">We use cookies. Accept</div>
            <article><h1>Headline</h1><p>{PARAGRAPH}</p><p>Second, with more words, and commas, to be sure.</p>
            <div class="share-bar"><a href="/s">Share</a> <a href="/t">Tweet</a></div><p>Read more</p></article>
            <aside class="related"><p>Other story about something else, with commas, many words.</p></aside>
            <div id="comments"><p>I disagree with this article entirely, and I say so at length.</p></div>
            <footer>© Example</footer>"#
        ));
        let text = extract(&html).text;
        assert_eq!(text, format!("{PARAGRAPH}\n\nSecond, with more words, and commas, to be sure."));
    }

    #[test]
    fn line_breaks_and_inline_markup() {
        let html = page(&format!("<div class=\"content\"><p>{PARAGRAPH}<br><br>Next <b>bold</b>word, here.</p></div>"));
        assert_eq!(extract(&html).text, format!("{PARAGRAPH}\n\nNext boldword, here."));
    }

    #[test]
    fn evidence_is_gathered_from_head_and_body() {
        let html = r#"<html lang="de"><head><title>T | Site</title><meta property="og:title" content="T">
            <link rel="canonical" href="https://ex.org/a"><script type="application/ld+json">{"a":1}</script></head>
            <body><h1>T</h1><span class="byline">Von Jane Doe</span><time datetime="2020-01-02">2. Januar</time></body></html>"#;
        let page = extract(html).page;
        assert_eq!(page.language, "de");
        assert_eq!(page.title, "T | Site");
        assert_eq!(page.headings, ["T"]);
        assert!(page.metas.contains(&("og:title".into(), "T".into())));
        assert_eq!(page.json_ld, [r#"{"a":1}"#]);
        assert_eq!(page.links[0].href, "https://ex.org/a");
        assert_eq!(page.bylines, ["Von Jane Doe"]);
        assert!(page.dates.iter().any(|d| d.value == "2020-01-02"));
    }

    #[test]
    fn lines_after_the_article() {
        let html = page(&format!(
            "<div><p>{PARAGRAPH} {PARAGRAPH} {PARAGRAPH}</p><p><b>Jane Doe</b></p><h3>More</h3><p>Other, longer teaser text that goes on and on here.</p></div>"
        ));
        assert_eq!(extract(&html).page.closing_lines, ["Jane Doe"]);
    }

    #[test]
    fn authors_in_footers_but_not_in_comments() {
        let html = page(&format!(
            r#"<article><p>{PARAGRAPH}</p><footer><span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>
            <a rel="author" href="/u/jane">Jane Doe</a></footer></article>
            <aside class="comments"><footer><a rel="author" href="/u/troll">Troll</a>
            <span itemprop="author">Reader</span></footer></aside>"#
        ));
        assert_eq!(extract(&html).page.boilerplate_authors, ["Jane Doe", "Jane Doe"]);
    }

    #[test]
    fn fields_of_script_data() {
        let html = page(&format!(
            r#"<script>window.state = {{"publishedDate":"2016-11-04T20:37:27Z","author":"Jane Doe","n":1}};</script><p>{PARAGRAPH}</p>"#
        ));
        let fields = extract(&html).page.script_fields;
        assert_eq!(
            fields,
            [("publisheddate".to_string(), "2016-11-04T20:37:27Z".to_string()), ("author".into(), "Jane Doe".into())]
        );
        let layer = page(&format!(
            "<script>dataLayer = [{{'pageCategory': 'news', 'author' : 'Jane Doe, John Roe'}}];\n\
             dl['Author'] = 'Jane Doe'; var x = {{'data-author': 'no', byline: \"By John Roe\"}};</script><p>{PARAGRAPH}</p>"
        ));
        let fields = extract(&layer).page.script_fields;
        assert_eq!(
            fields,
            [
                ("author".to_string(), "Jane Doe, John Roe".to_string()),
                ("author".into(), "Jane Doe".into()),
                ("byline".into(), "By John Roe".into())
            ]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let html = format!("{}<p>{PARAGRAPH}</p>{}", "<div>".repeat(depth), "</div>".repeat(depth));
        assert!(extract(&html).text.contains("council"));
    }

    #[test]
    fn nesting_is_limited_without_touching_normal_pages() {
        let normal = "<div><p>a<p>b<ul><li>x<li>y</ul><script>if (a<b) {}</script></div>";
        assert!(matches!(limit_nesting(normal), std::borrow::Cow::Borrowed(_)));
        let deep = format!("{}x{}", "<div>".repeat(MAX_DEPTH + 10), "</div>".repeat(MAX_DEPTH + 10));
        let limited = limit_nesting(&deep);
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(decode_entities("Redacci&oacute;n &amp; <Co> &#8216;x&#8217;"), "Redacción & <Co> ‘x’");
        assert_eq!(decode_entities("plain"), "plain");
    }

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("<!DOCTYPE html><html><body></body></html>"));
        assert!(looks_like_html("<div><p>Hello</p></div>"));
        assert!(!looks_like_html("A <b> tag mentioned in plain text, 3 < 4."));
        assert!(!looks_like_html(" date 2023-02-23\n\nSome text."));
    }

    #[test]
    fn nested_date_elements_each_hand_over_a_short_text() {
        // Found by fuzzing: 256 nested <time> elements each gave the date
        // search the whole article, multiplying its work by the depth.
        let body = "Владимир said that „NATO No. is here. ".repeat(60);
        let html = format!("<html><body><p>{}{body}</p></body></html>", "<time>".repeat(256));
        let article = extract(&html);
        assert!(!article.page.dates.is_empty());
        assert!(article.page.dates.iter().all(|d| d.value.len() <= MAX_DATE_TEXT));
    }
}
