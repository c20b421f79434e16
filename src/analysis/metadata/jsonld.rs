//! Schema.org JSON-LD: the most reliable metadata a page carries, when it can
//! be read. Pages nest it every way the standard allows (`@graph`, arrays,
//! `@id` references, authors as strings, objects or lists) and often break
//! it (raw newlines in strings, trailing commas, HTML comments around it), so
//! the reader is lenient and falls back to picking fields out of the text.

use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A person named by the page's structured data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub url: String,
    pub handle: String,
    /// Typed as an organization: a weaker answer than a person's byline.
    pub is_organization: bool,
}

/// What the page's JSON-LD says about its article.
#[derive(Clone, Debug, Default)]
pub struct LinkedData {
    pub headline: String,
    pub description: String,
    pub authors: Vec<Person>,
    pub published: String,
    pub modified: String,
    pub publisher: String,
    pub publisher_handle: String,
    pub section: String,
    pub keywords: Vec<String>,
    pub image: String,
    pub language: String,
    pub url: String,
    /// Whether an article-like object was found (not only a web page or an
    /// organization), which makes its headline trustworthy as a title.
    pub is_article: bool,
    /// Whether the fields come from an article or a web page rather than
    /// from whatever object had a date (a video, an image in the page).
    pub describes_page: bool,
}

/// Bounds the work a hostile page can cause.
const MAX_OBJECTS: usize = 2000;

/// Reads every JSON-LD script of a page into one view of its article.
pub fn read(scripts: &[String]) -> LinkedData {
    let mut values = Vec::new();
    let mut fallback_text = String::new();
    for script in scripts {
        let parsed = parse_lenient(script);
        if parsed.is_empty() {
            fallback_text.push_str(script);
            fallback_text.push('\n');
        }
        values.extend(parsed);
    }
    let objects = flatten(&values);
    let mut data = from_objects(&objects);
    if data.published.is_empty() && data.headline.is_empty() && !fallback_text.is_empty() {
        data = from_broken_text(&fallback_text);
    }
    data
}

/// Parses a script body, repairing the usual breakage; empty when hopeless.
fn parse_lenient(script: &str) -> Vec<Value> {
    let trimmed = script
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim()
        .trim_end_matches(';');
    let attempts = [
        trimmed.to_string(),
        trimmed.replace(|c: char| c.is_control(), " "),
        TRAILING_COMMA.replace_all(&trimmed.replace(|c: char| c.is_control(), " "), "$1").into_owned(),
    ];
    for attempt in &attempts {
        let values: Vec<Value> =
            serde_json::Deserializer::from_str(attempt).into_iter::<Value>().map_while(Result::ok).collect();
        if !values.is_empty() {
            return values;
        }
    }
    Vec::new()
}

static TRAILING_COMMA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",\s*([}\]])").expect("valid regex"));

/// Every object in the values, breadth first, `@graph` and nested ones included.
fn flatten(values: &[Value]) -> Vec<&serde_json::Map<String, Value>> {
    let mut out = Vec::new();
    let mut queue: std::collections::VecDeque<&Value> = values.iter().collect();
    while let Some(value) = queue.pop_front() {
        if out.len() >= MAX_OBJECTS {
            break;
        }
        match value {
            Value::Array(items) => queue.extend(items),
            Value::Object(map) => {
                out.push(map);
                queue.extend(map.values().filter(|v| v.is_array() || v.is_object()));
            }
            _ => {}
        }
    }
    out
}

fn types_of(obj: &serde_json::Map<String, Value>) -> Vec<&str> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit([':', '/']).next().unwrap_or(t);
    t.ends_with("Article")
        || t.ends_with("Posting")
        || matches!(t, "Report" | "Review" | "Blog" | "Recipe" | "Question")
}

fn is_page_type(t: &str) -> bool {
    t.ends_with("Page")
}

fn from_objects(objects: &[&serde_json::Map<String, Value>]) -> LinkedData {
    let by_id: HashMap<&str, &serde_json::Map<String, Value>> =
        objects.iter().filter_map(|o| Some((o.get("@id")?.as_str()?, *o))).filter(|(_, o)| o.len() > 1).collect();
    let article = objects.iter().find(|o| types_of(o).iter().any(|t| is_article_type(t)));
    let page = objects.iter().find(|o| types_of(o).iter().any(|t| is_page_type(t)));
    let dated =
        || objects.iter().find(|o| ["datePublished", "uploadDate", "headline"].iter().any(|k| o.contains_key(*k)));
    let Some(main) = article.or(page).or_else(dated) else { return LinkedData::default() };
    let resolve = |v: &'_ Value| -> Option<Value> {
        let id = v.get("@id")?.as_str()?;
        by_id.get(id).map(|o| Value::Object((*o).clone()))
    };
    let field = |key: &str| main.get(key).map(|v| resolve(v).unwrap_or_else(|| v.clone()));
    let mut data = LinkedData {
        is_article: article.is_some(),
        describes_page: article.is_some() || page.is_some(),
        headline: field("headline").or_else(|| field("name")).map(|v| text_of(&v)).unwrap_or_default(),
        description: field("description").map(|v| text_of(&v)).unwrap_or_default(),
        published: field("datePublished")
            .or_else(|| field("dateCreated"))
            .or_else(|| field("uploadDate"))
            .map(|v| text_of(&v))
            .unwrap_or_default(),
        modified: field("dateModified").map(|v| text_of(&v)).unwrap_or_default(),
        section: field("articleSection").map(|v| text_of(&v)).unwrap_or_default(),
        keywords: field("keywords").map(|v| keywords_of(&v)).unwrap_or_default(),
        image: field("image").or_else(|| field("thumbnailUrl")).map(|v| url_of(&v)).unwrap_or_default(),
        language: field("inLanguage").map(|v| text_of(&v)).unwrap_or_default(),
        url: field("url").or_else(|| field("mainEntityOfPage")).map(|v| url_of(&v)).unwrap_or_default(),
        ..LinkedData::default()
    };
    if let Some(authors) = field("author").or_else(|| field("creator")) {
        data.authors = people_of(&authors, &resolve);
    }
    let publisher = field("publisher").or_else(|| {
        objects
            .iter()
            .find(|o| types_of(o).iter().any(|t| t.ends_with("Organization")))
            .map(|o| Value::Object((*o).clone()))
    });
    if let Some(publisher) = publisher {
        let person = people_of(&publisher, &resolve).into_iter().next().unwrap_or_default();
        data.publisher = person.name;
        data.publisher_handle = person.handle;
    }
    if data.published.is_empty() && article.is_some() {
        data.published = page.and_then(|p| p.get("datePublished")).map(text_of).unwrap_or_default();
    }
    data
}

/// The plain text of a value: a string, the first of a list, or an object's `name`.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => crate::analysis::html::decode_entities(s.trim()),
        Value::Array(items) => items.iter().map(text_of).find(|s| !s.is_empty()).unwrap_or_default(),
        Value::Object(map) => map.get("name").or_else(|| map.get("@value")).map(text_of).unwrap_or_default(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn url_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.trim().to_string(),
        Value::Array(items) => items.iter().map(url_of).find(|s| !s.is_empty()).unwrap_or_default(),
        Value::Object(map) => map.get("url").or_else(|| map.get("@id")).map(url_of).unwrap_or_default(),
        _ => String::new(),
    }
}

fn keywords_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect(),
        Value::Array(items) => items.iter().flat_map(keywords_of).collect(),
        _ => Vec::new(),
    }
}

fn people_of(value: &Value, resolve: &dyn Fn(&Value) -> Option<Value>) -> Vec<Person> {
    match value {
        Value::String(_) => vec![Person { name: text_of(value), ..Person::default() }],
        Value::Array(items) => items.iter().flat_map(|v| people_of(v, resolve)).collect(),
        Value::Object(map) => {
            if let Some(resolved) = resolve(value).filter(|_| !map.contains_key("name")) {
                return people_of(&resolved, &|_| None);
            }
            let name = map.get("name").map(text_of).unwrap_or_default();
            let url = map.get("url").map(url_of).unwrap_or_default();
            let handle = map.get("sameAs").map(handle_of).unwrap_or_default();
            let is_organization = types_of(map).iter().any(|t| t.ends_with("Organization") || *t == "Corporation");
            if name.is_empty() { Vec::new() } else { vec![Person { name, url, handle, is_organization }] }
        }
        _ => Vec::new(),
    }
}

/// "@handle" from a Twitter or X profile link among `sameAs` links.
fn handle_of(value: &Value) -> String {
    match value {
        Value::String(s) => super::site::twitter_handle_of_url(s).unwrap_or_default(),
        Value::Array(items) => items.iter().map(handle_of).find(|s| !s.is_empty()).unwrap_or_default(),
        _ => String::new(),
    }
}

static BROKEN_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(headline|datePublished|dateCreated|dateModified|description)"\s*:\s*"((?:[^"\\]|\\.){1,500})""#)
        .expect("valid regex")
});
static BROKEN_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""author"\s*:\s*(?:\[\s*)?(?:\{[^{}]{0,300}?"name"\s*:\s*)?"((?:[^"\\]|\\.){1,100})""#)
        .expect("valid regex")
});

/// Fields picked out of JSON-LD too broken to parse.
fn from_broken_text(text: &str) -> LinkedData {
    let mut data = LinkedData::default();
    for c in BROKEN_FIELD.captures_iter(text) {
        let value = c[2].replace("\\\"", "\"").replace("\\/", "/");
        let slot = match &c[1] {
            "headline" => &mut data.headline,
            "datePublished" | "dateCreated" => &mut data.published,
            "dateModified" => &mut data.modified,
            _ => &mut data.description,
        };
        if slot.is_empty() {
            *slot = value;
        }
    }
    data.authors =
        BROKEN_AUTHOR.captures_iter(text).map(|c| Person { name: c[1].to_string(), ..Person::default() }).collect();
    data.is_article = !data.headline.is_empty();
    data.describes_page = true;
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(script: &str) -> LinkedData {
        read(&[script.to_string()])
    }

    #[test]
    fn news_article_with_nested_author_and_publisher() {
        let d = one(r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks resume",
            "datePublished":"2023-02-23T16:09:00+04:00","dateModified":"2023-02-24T10:00:00+04:00",
            "author":{"@type":"Person","name":"Jane Doe","url":"https://ex.org/jane","sameAs":["https://twitter.com/janedoe"]},
            "publisher":{"@type":"Organization","name":"Example News"},"keywords":"peace, talks","articleSection":"World"}"#);
        assert!(d.is_article);
        assert_eq!(d.headline, "Talks resume");
        assert_eq!(d.published, "2023-02-23T16:09:00+04:00");
        assert_eq!(d.modified, "2023-02-24T10:00:00+04:00");
        assert_eq!(
            d.authors,
            vec![Person {
                name: "Jane Doe".into(),
                url: "https://ex.org/jane".into(),
                handle: "@janedoe".into(),
                is_organization: false
            }]
        );
        assert_eq!(d.publisher, "Example News");
        assert_eq!(d.keywords, vec!["peace", "talks"]);
        assert_eq!(d.section, "World");
    }

    #[test]
    fn graph_with_id_references() {
        let d = one(r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","@id":"https://ex.org/a#page","datePublished":"2020-01-02"},
            {"@type":"Person","@id":"https://ex.org/#p1","name":"John Roe"},
            {"@type":["Article"],"headline":"A post","author":{"@id":"https://ex.org/#p1"},"isPartOf":{"@id":"https://ex.org/a#page"}}]}"#);
        assert_eq!(d.authors.len(), 1);
        assert_eq!(d.authors[0].name, "John Roe");
        assert_eq!(d.published, "2020-01-02");
    }

    #[test]
    fn author_lists_and_strings() {
        let d = one(r#"[{"@type":"BlogPosting","author":["Ann One",{"name":"Bob Two"}],"headline":"x"}]"#);
        let names: Vec<_> = d.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Ann One", "Bob Two"]);
    }

    #[test]
    fn broken_json_is_repaired_or_scraped() {
        let d = one(
            "<!-- {\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak\",\"author\":{\"name\":\"Jane Doe\",},} -->",
        );
        assert_eq!(d.headline, "Line break");
        assert_eq!(d.authors[0].name, "Jane Doe");
        let d = one(
            r#"{"@type":"NewsArticle","headline":"Broken "quote" here","datePublished":"2021-05-06","author":{"name":"Ann Lee"}"#,
        );
        assert_eq!(d.published, "2021-05-06");
        assert_eq!(d.authors[0].name, "Ann Lee");
    }

    #[test]
    fn a_video_alone_does_not_describe_the_page() {
        let d = one(r#"{"@type":"VideoObject","name":"Clip","uploadDate":"2015-01-16"}"#);
        assert_eq!(d.published, "2015-01-16");
        assert!(!d.describes_page);
        assert!(one(r#"{"@type":"NewsArticle","datePublished":"2015-01-16"}"#).describes_page);
    }

    #[test]
    fn organization_alone_is_not_an_article() {
        let d = one(r#"{"@type":"Organization","name":"Example News"}"#);
        assert!(!d.is_article);
        assert!(d.headline.is_empty());
    }
}
