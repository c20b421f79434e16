//! The site behind an article: its host, its handles, its tags.

use super::jsonld::LinkedData;
use crate::analysis::html::PageEvidence;

pub fn tags(page: &PageEvidence, ld: &LinkedData) -> Vec<String> {
    let mut tags: Vec<String> = ld.keywords.clone();
    if tags.is_empty() {
        tags = page.meta_all("article:tag").map(str::to_string).collect();
    }
    if tags.is_empty()
        && let Some(keywords) = page.meta(&["news_keywords", "keywords"])
    {
        tags = keywords.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
    }
    tags
}

/// "@handle" from "handle", "@handle" or a profile URL.
pub fn as_handle(value: &str) -> String {
    let value = value.trim();
    if let Some(handle) = twitter_handle_of_url(value) {
        return handle;
    }
    let bare = value.trim_start_matches('@');
    if !bare.is_empty() && bare.chars().all(|c| c.is_alphanumeric() || c == '_') {
        format!("@{bare}")
    } else {
        String::new()
    }
}

/// "@handle" from a twitter.com or x.com profile URL.
pub fn twitter_handle_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let path = rest.strip_prefix("twitter.com/").or_else(|| rest.strip_prefix("x.com/"))?;
    let handle = path.split(['/', '?', '#']).next()?;
    (!handle.is_empty() && handle.chars().all(|c| c.is_alphanumeric() || c == '_')).then(|| format!("@{handle}"))
}

/// "blog.example-news.co.uk" to "blog example-news": the parts of a host
/// that may name the site.
pub fn host_name(url: &str) -> String {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty() && *l != "www").collect();
    let mut labels = labels.as_slice();
    while labels.len() > 1 && labels[labels.len() - 1].len() <= 3 {
        labels = &labels[..labels.len() - 1];
    }
    labels.first().copied().unwrap_or("").to_string()
}
