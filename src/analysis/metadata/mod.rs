//! What an article says about itself: headline, authors, dates, publisher,
//! language, dateline. Every field comes from evidence in the page or the
//! text, best source first; a field with no evidence stays empty.

mod author_sources;
mod authors;
mod date_sources;
mod dates;
mod given_names;
mod jsonld;
mod language;
mod plaintext;
mod site;
mod title;
mod types;

pub use dates::{ArticleDate, DatePrecision};
pub use language::LanguageSource;
pub use types::{Author, AuthorKind, Dateline, Metadata};

use crate::analysis::html::PageEvidence;
use crate::analysis::segment::Segmentation;
use crate::analysis::{AnalysisError, Budget};
use site::{as_handle, host_name, tags};

/// Average adult reading speed, words per minute.
const READING_WORDS_PER_MINUTE: usize = 230;

/// Extracts the article's metadata. `text` is the article text (the input
/// itself for plain text), `seg` its segmentation, `page` the evidence of its
/// HTML page if it came as HTML, `url` where it was published ("" if unknown),
/// `language_hint` the caller's language code ("" if none). Stops when
/// `budget` runs out.
pub fn extract(
    text: &str,
    seg: &Segmentation,
    page: Option<&PageEvidence>,
    url: &str,
    language_hint: &str,
    budget: &Budget,
) -> Result<Metadata, AnalysisError> {
    let empty = PageEvidence::default();
    let page = page.unwrap_or(&empty);
    let ld = jsonld::read(&page.json_ld);
    let declared = [
        ld.language.as_str(),
        page.language.as_str(),
        page.meta(&["content-language", "og:locale", "language", "dc.language"]).unwrap_or(""),
    ];
    let (language, language_source) = language::resolve(language_hint, &declared, text);
    let month_first = language.starts_with("en")
        && !["en-GB", "en-IE", "en-AU", "en-NZ", "en-IN", "en-ZA"].contains(&language.as_str());
    let text_evidence = plaintext::read(text, seg, month_first);

    let canonical_url =
        [page.link("canonical").map(|l| l.href.as_str()), page.meta(&["og:url"]), Some(ld.url.as_str()), Some(url)]
            .into_iter()
            .flatten()
            .find(|u| u.starts_with("http"))
            .unwrap_or_default()
            .to_string();
    let site_name = page.meta(&["og:site_name", "application-name", "apple-mobile-web-app-title"]).unwrap_or_default();
    let publisher = first_nonempty(&[
        &ld.publisher,
        page.meta(&["publisher", "dc.publisher", "article:publisher", "citation_publisher"])
            .filter(|p| !p.starts_with("http"))
            .unwrap_or(""),
        site_name,
        &text_evidence.publisher,
    ]);
    let publisher_handle = first_nonempty(&[
        &ld.publisher_handle,
        page.meta(&["twitter:site"]).map(as_handle).unwrap_or_default().as_str(),
        &text_evidence.publisher_handle,
    ]);

    let host = host_name(&canonical_url);
    let declared_titles: Vec<&str> = [
        ld.is_article.then_some(ld.headline.as_str()),
        page.meta(&["og:title"]),
        page.meta(&["twitter:title"]),
        page.microdata("headline").next(),
        page.meta(&["headline", "title", "dc.title", "citation_title", "parsely-title", "sailthru.title"]),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.trim().is_empty())
    .collect();
    let title = title::choose(&title::TitleSources {
        declared: declared_titles,
        document: &page.title,
        headings: page.headings.iter().map(String::as_str).collect(),
        site_names: [site_name, publisher.as_str(), host.as_str()].into_iter().filter(|s| !s.is_empty()).collect(),
    });

    let description = first_nonempty(&[
        &ld.description,
        page.meta(&["og:description", "description", "twitter:description", "dc.description"]).unwrap_or(""),
    ]);
    let published = date_sources::published(&date_sources::DateEvidence {
        page,
        ld: &ld,
        text: &text_evidence,
        article_text: text,
        description: &description,
        canonical_url: &canonical_url,
        month_first,
        budget,
    })?;
    let sites = [publisher.as_str(), site_name, host.as_str()];
    let authors = author_sources::find(&author_sources::AuthorEvidence {
        page,
        ld: &ld,
        text: &text_evidence,
        article_text: text,
        sites: &sites,
    });

    let words = seg.word_count();
    Ok(Metadata {
        title,
        description,
        authors,
        published,
        modified: date_sources::modified(page, &ld),
        site_name: if site_name == publisher { String::new() } else { site_name.to_string() },
        publisher,
        publisher_handle,
        canonical_url,
        section: first_nonempty(&[
            &ld.section,
            page.meta(&["article:section", "section", "parsely-section", "category"]).unwrap_or(""),
        ]),
        tags: tags(page, &ld),
        image_url: first_nonempty(&[
            page.meta(&["og:image", "og:image:url", "twitter:image", "twitter:image:src"]).unwrap_or(""),
            &ld.image,
        ]),
        language,
        language_source,
        dateline: text_evidence.dateline,
        word_count: words,
        reading_time_seconds: u32::try_from((words * 60).div_ceil(READING_WORDS_PER_MINUTE)).unwrap_or(u32::MAX),
        social_handles: text_evidence.social_handles,
    })
}

pub(super) fn first_nonempty(values: &[&str]) -> String {
    values.iter().map(|v| v.trim()).find(|v| !v.is_empty()).unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests;
