//! What metadata needs from an HTML page, gathered during the walk.

use super::NodeRef;
use super::classes::{BYLINE_WORDS, DATE_WORDS, PUBLISHED_CLASS, UPDATED_CLASS};
use super::walk::Walker;
use crate::analysis::lexicon;
use crate::analysis::text::floor_char_boundary;
use regex::Regex;
use scraper::Node;
use std::sync::LazyLock;

/// Bylines are short; a longer line is a sentence that mentions "by".
pub const MAX_BYLINE_WORDS: usize = 14;

/// A link whose `rel` matters to metadata (`canonical`, `author`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageLink {
    /// Lower case.
    pub rel: String,
    pub href: String,
    pub text: String,
}

/// A `<time>` element or another element marked as a date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageDate {
    /// The machine value (`datetime`, `content`) or, failing that, the text.
    pub value: String,
    /// Whether it is marked as a publication date (`pubdate`, a "published" class).
    pub published: bool,
    /// Whether it is marked as an update date.
    pub modified: bool,
    /// Whether it stands in boilerplate (a footer, a list of other articles).
    pub boilerplate: bool,
}

/// What metadata needs from an HTML page, gathered in one pass over its DOM.
#[derive(Clone, Debug, Default)]
pub struct PageEvidence {
    /// The `<html lang>` attribute.
    pub language: String,
    /// The `<title>` element's text.
    pub title: String,
    /// The texts of `<h1>` elements, and of `<h2>`/`<h3>` whose class marks
    /// a title, outside boilerplate, in order.
    pub headings: Vec<String>,
    /// `<meta>` tags: (name, property, itemprop or http-equiv in lower case, content).
    pub metas: Vec<(String, String)>,
    /// The bodies of `application/ld+json` scripts.
    pub json_ld: Vec<String>,
    pub links: Vec<PageLink>,
    /// Microdata on elements other than `<meta>`: (itemprop, value).
    pub microdata: Vec<(String, String)>,
    /// `<time>` elements and elements whose class marks a date, in order.
    pub dates: Vec<PageDate>,
    /// Texts of elements whose class or id marks a byline or author.
    pub bylines: Vec<String>,
    /// Author names marked up (`itemprop="author"`, `rel="author"`) in a
    /// page footer or sidebar, comments excepted: the site's owner, often.
    pub boilerplate_authors: Vec<String>,
    /// The texts of byline elements in a page footer or sidebar, comments
    /// excepted: an article's header set aside ("Von: Jane Doe"), or a list
    /// of the site's authors.
    pub boilerplate_bylines: Vec<String>,
    /// Fields of JSON in other scripts: (key in lower case, value), such as
    /// ("author", "Jane Doe") or ("publisheddate", "2016-11-04").
    pub script_fields: Vec<(String, String)>,
    /// Short lines of text around the first `<h1>`.
    pub headline_lines: Vec<String>,
    /// Short lines of text just after the article's last paragraph, where a
    /// signature stands that the article text left out.
    pub closing_lines: Vec<String>,
    /// Short lines of the article's first blocks, those the article text
    /// left out included: a byline whose name is a link ("Written by: <a>Jane Doe</a>").
    pub opening_lines: Vec<String>,
    /// The visible text of the whole page, text nodes on their own lines,
    /// capped: a last resort for a date.
    pub page_text: String,
}

impl PageEvidence {
    /// The first non-empty content of the first of `names` present.
    pub(crate) fn meta(&self, names: &[&str]) -> Option<&str> {
        names
            .iter()
            .find_map(|name| self.metas.iter().find(|(n, c)| n == name && !c.trim().is_empty()).map(|(_, c)| c.trim()))
    }

    pub(crate) fn meta_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas.iter().filter(move |(n, _)| n == name).map(|(_, c)| c.trim()).filter(|c| !c.is_empty())
    }

    pub(crate) fn link(&self, rel: &str) -> Option<&PageLink> {
        self.links.iter().find(|l| l.rel.split_whitespace().any(|r| r == rel) && !l.href.is_empty())
    }

    pub(crate) fn microdata(&self, prop: &str) -> impl Iterator<Item = &str> {
        self.microdata.iter().filter(move |(p, _)| p == prop).map(|(_, v)| v.as_str())
    }
}

/// Caps on collected evidence, so that hostile pages cost linear time.
pub(super) const MAX_EVIDENCE: usize = 64;

/// A date element's text is read this far: a date is short, and nested date
/// elements would otherwise hand the date search the same long text again
/// and again.
pub(super) const MAX_DATE_TEXT: usize = 200;

/// `s` cut to at most `max` bytes, on a char boundary.
fn clip(mut s: String, max: usize) -> String {
    s.truncate(floor_char_boundary(&s, max));
    s
}
pub(super) const MAX_EVIDENCE_CHARS: usize = 400;

impl Walker {
    pub(super) fn collect_evidence(&mut self, node: NodeRef<'_>, tag: &str, words: &[String]) {
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
            || PUBLISHED_CLASS.iter().any(|w| joined.contains(w));
        let modified = !published && (prop == "dateModified" || UPDATED_CLASS.iter().any(|w| joined.contains(w)));
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

fn holds_time_element(node: NodeRef<'_>) -> bool {
    node.descendants()
        .skip(1)
        .take(400)
        .any(|d| d.value().as_element().is_some_and(|e| e.name() == "time" || e.attr("datetime").is_some()))
}

/// Author pages: "/author/jane-doe/", "/autoren/jane-doe".
fn is_author_url(href: &str) -> bool {
    static SEGMENTS: LazyLock<Vec<String>> =
        LazyLock::new(|| lexicon::words("author_paths").map(|w| format!("/{w}/")).collect());
    let path = href.split_once("://").map_or(href, |(_, rest)| rest).to_ascii_lowercase();
    SEGMENTS.iter().any(|p| path.contains(p.as_str()) && !path.ends_with(p.as_str()))
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
