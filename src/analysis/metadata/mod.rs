//! What an article says about itself: headline, authors, dates, publisher,
//! language, dateline. Every field comes from evidence in the page or the
//! text, best source first; a field with no evidence stays empty.

mod authors;
mod dates;
mod given_names;
mod jsonld;
mod language;
mod plaintext;
mod title;

pub use dates::{ArticleDate, DatePrecision};
pub use language::LanguageSource;

use crate::analysis::html::{MAX_BYLINE_WORDS, PageEvidence};
use crate::analysis::segment::Segmentation;
use crate::analysis::text::Span;
use crate::analysis::{AnalysisError, Budget};
use authors::Trust;

/// Average adult reading speed, words per minute.
const READING_WORDS_PER_MINUTE: usize = 230;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    /// The author's page on the site.
    pub url: String,
    /// A social media handle, "@" included.
    pub handle: String,
    pub kind: AuthorKind,
}

/// What an author credit names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthorKind {
    #[default]
    Person,
    /// A news agency, a newsroom, the site or its publisher: credited when
    /// the page names no person.
    Organization,
}

/// The place line that opens a story ("ATLANTA --").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// As written.
    pub text: String,
    /// The place, capitals normalized ("Atlanta").
    pub location: String,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// The headline without a site name; empty when the article has none.
    pub title: String,
    pub description: String,
    pub authors: Vec<Author>,
    pub published: Option<ArticleDate>,
    pub modified: Option<ArticleDate>,
    pub publisher: String,
    pub publisher_handle: String,
    /// The site's name where it differs from the publisher's.
    pub site_name: String,
    pub canonical_url: String,
    pub section: String,
    pub tags: Vec<String>,
    pub image_url: String,
    /// BCP-47; empty when unknown.
    pub language: String,
    pub language_source: LanguageSource,
    pub dateline: Option<Dateline>,
    pub word_count: usize,
    pub reading_time_seconds: u32,
    pub social_handles: Vec<String>,
}

const PUBLISHED_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "original-publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "created",
    "datecreated",
    "release_date",
    "article:post_date",
    "displaydate",
    "dc.date.published",
    "cxenseparse:recs:publishtime",
];

/// Meta names that say only "date": a CMS fills them as often with the time
/// the page was last saved as with the time it was published.
const GENERIC_DATE_METAS: &[&str] = &["dc.date", "dcterms.date", "date"];

const MODIFIED_METAS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

const AUTHOR_METAS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "twitter:data1",
];

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
    let published = published_date(page, &ld, &text_evidence, text, &description, &canonical_url, month_first, budget)?;
    let modified = [ld.modified.as_str(), page.meta(MODIFIED_METAS).unwrap_or("")]
        .into_iter()
        .chain(page.microdata("dateModified"))
        .chain(page.dates.iter().filter(|d| d.modified).map(|d| d.value.as_str()))
        .find_map(dates::parse_machine);

    let words = seg.word_count();
    Ok(Metadata {
        title,
        description,
        authors: find_authors(page, &ld, &text_evidence, text, &[publisher.as_str(), site_name, host.as_str()]),
        published,
        modified,
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

fn first_nonempty(values: &[&str]) -> String {
    values.iter().map(|v| v.trim()).find(|v| !v.is_empty()).unwrap_or_default().to_string()
}

/// The publication date, from the most to the least deliberate evidence.
#[allow(clippy::too_many_arguments)]
fn published_date(
    page: &PageEvidence,
    ld: &jsonld::LinkedData,
    text: &plaintext::TextEvidence,
    article_text: &str,
    description: &str,
    canonical_url: &str,
    month_first: bool,
    budget: &Budget,
) -> Result<Option<ArticleDate>, AnalysisError> {
    // The date of a video or an image in the page is not the article's,
    // unless nothing better dates it.
    let (ld_first, ld_last) = if ld.describes_page { (ld.published.as_str(), "") } else { ("", ld.published.as_str()) };
    let in_text = |t: &str| dates::find_in_text(t, month_first).map(|f| f.date);
    // The first date the lines around the headline give: the day the article shows its readers.
    let header_day = page.headline_lines.iter().find_map(|l| in_text(l));
    let declared = std::iter::once(ld_first)
        .chain(page.meta(PUBLISHED_METAS))
        .find_map(dates::parse_machine)
        .or_else(|| generic_meta_date(page, header_day))
        .or_else(|| {
            page.microdata("datePublished")
                .chain(page.microdata("dateCreated"))
                .chain(std::iter::once(ld_last))
                .find_map(dates::parse_machine)
        });
    let page_date = |published: bool, boilerplate: bool| {
        page.dates
            .iter()
            .filter(|d| d.boilerplate == boilerplate && !d.modified && (d.published || !published))
            .find_map(|d| parse_page_date(&d.value, month_first))
    };
    let before_article_text = declared
        .or_else(|| page_date(true, false))
        .or_else(|| dates::from_url(canonical_url))
        .or(header_day)
        .or_else(|| page_date(false, false))
        .or(text.published)
        .or_else(|| {
            page.script_fields
                .iter()
                .filter(|(k, _)| !k.starts_with("author") && k != "byline")
                .find_map(|(_, v)| dates::parse_machine(v))
        })
        .or_else(|| dates::find_labelled(&page.page_text, month_first))
        .or_else(|| page_date(true, true));
    let in_article_text = match before_article_text {
        Some(found) => Some(found),
        None => dates::find_first_within(article_text, month_first, budget)?.map(|f| f.date),
    };
    let found = in_article_text
        .or_else(|| page_date(false, true))
        .or_else(|| in_text(&page.page_text))
        // "(Notizia del 14 Gennaio 2020)": a page that writes its date only in its summary.
        .or_else(|| in_text(description));
    let Some(found) = found else { return Ok(None) };
    let visible_days: Vec<ArticleDate> = page
        .headline_lines
        .iter()
        .flat_map(|l| dates::find_all_in_text(l, month_first).map(|f| f.date))
        .chain(page.dates.iter().filter(|d| !d.boilerplate && !d.modified).filter_map(|d| in_text(&d.value)))
        .chain(dates::from_url(canonical_url))
        .collect();
    let other_sources: Vec<ArticleDate> = std::iter::once(ld.published.as_str())
        .chain(PUBLISHED_METAS.iter().chain(GENERIC_DATE_METAS).flat_map(|n| page.meta_all(n)))
        .chain(page.dates.iter().filter(|d| !d.modified).map(|d| d.value.as_str()))
        .filter_map(dates::parse_machine)
        .chain(visible_days.iter().copied())
        .collect();
    // A time without offset and a time with one may tell the same moment.
    if let Some(joined) = other_sources.iter().find_map(|d| found.same_moment(*d)) {
        return Ok(Some(joined));
    }
    // A UTC time stamp does not tell the local day: when the page shows its
    // readers another day that some time zone gives that moment, that day
    // is the one meant.
    if found.is_utc_moment()
        && !visible_days.iter().any(|d| d.date() == found.date())
        && let Some(local) = visible_days.iter().find(|d| found.could_be_local_day(d.date()))
    {
        return Ok(Some(*local));
    }
    // A date in markup that the page shows nowhere (a CMS's import or
    // re-publication time, a day misread from "11/01/2023") gives way to
    // the date the article's header shows its readers.
    let header_date = header_day.or_else(|| sole_page_day(page, month_first));
    if let Some(shown) = header_date
        && shown.date() != found.date()
        && !page_shows_day(page, &visible_days, found.date(), month_first)
    {
        return Ok(Some(shown));
    }
    // A day from markup gains the time a visible date gives for the same day.
    Ok(Some(other_sources.into_iter().fold(found, ArticleDate::refined_by)))
}

/// The date of a bare "date" meta. Being as often the time the page was last
/// saved, it gives way to an earlier day that the article's header shows.
fn generic_meta_date(page: &PageEvidence, header_day: Option<ArticleDate>) -> Option<ArticleDate> {
    let meta = page.meta(GENERIC_DATE_METAS).and_then(dates::parse_machine)?;
    Some(header_day.filter(|h| h.date() < meta.date()).unwrap_or(meta))
}

/// The day of the page's date elements outside boilerplate, when they all
/// give the same one: elements giving several days list events or other
/// articles, and none of them is the article's own.
fn sole_page_day(page: &PageEvidence, month_first: bool) -> Option<ArticleDate> {
    let mut days = page
        .dates
        .iter()
        .filter(|d| !d.boilerplate && !d.modified)
        .filter_map(|d| parse_page_date(&d.value, month_first));
    let first = days.next()?;
    days.all(|d| d.date() == first.date()).then_some(first)
}

/// Whether any text of the page, or any date element, gives `day`.
fn page_shows_day(
    page: &PageEvidence,
    visible_days: &[ArticleDate],
    day: chrono::NaiveDate,
    month_first: bool,
) -> bool {
    visible_days.iter().any(|v| v.date() == day)
        || page.dates.iter().any(|d| parse_page_date(&d.value, month_first).is_some_and(|x| x.date() == day))
        || dates::find_all_in_text(&page.page_text, month_first).any(|f| f.date.date() == day)
}

fn parse_page_date(value: &str, month_first: bool) -> Option<ArticleDate> {
    dates::parse_machine(value).or_else(|| dates::find_in_text(value, month_first).map(|f| f.date))
}

/// The place of `rel="author"` links among the sources of authors.
const REL_AUTHOR: usize = 2;
/// The place of byline elements, the first source of visible names.
const BYLINES: usize = 4;

/// Authors from the first source that names any, best source first.
fn find_authors(
    page: &PageEvidence,
    ld: &jsonld::LinkedData,
    text: &plaintext::TextEvidence,
    article_text: &str,
    sites: &[&str],
) -> Vec<Author> {
    let from_ld = |organizations: bool| -> Vec<Author> {
        ld.authors
            .iter()
            .filter(|p| p.is_organization == organizations)
            .flat_map(|p| {
                authors::clean_names(&p.name, Trust::Markup).into_iter().map(|name| Author {
                    name,
                    url: p.url.clone(),
                    handle: p.handle.clone(),
                    kind: if p.is_organization { AuthorKind::Organization } else { AuthorKind::Person },
                })
            })
            .collect()
    };
    let from_strings = |raw: Vec<&str>, trust: Trust| -> Vec<Author> {
        raw.into_iter()
            .flat_map(|r| authors::clean_names(r, trust))
            .map(|name| Author { name, ..Author::default() })
            .collect()
    };
    // An organization named as the author ("Example News – Das Magazin")
    // is known before cleaning cuts its name short.
    // The site's names: its declared names, its handle, and the last part
    // of the document title ("Story headline | Jobs & Hire").
    let title_tail =
        title::SEPARATORS.iter().filter_map(|sep| page.title.rsplit_once(sep).map(|(_, tail)| tail)).next();
    let site_keys: Vec<String> = sites
        .iter()
        .copied()
        .chain(page.meta_all("twitter:site"))
        .chain(title_tail)
        .map(squash)
        .filter(|s| !s.is_empty())
        .collect();
    let meta = |organizations: bool| {
        from_strings(
            AUTHOR_METAS
                .iter()
                .flat_map(|n| page.meta_all(n))
                .filter(|v| !v.starts_with("http") && !v.starts_with('@'))
                .filter(|v| (authors::is_organization(v) || site_keys.contains(&squash(v))) == organizations)
                .collect(),
            Trust::Markup,
        )
    };
    let microdata = || from_strings(page.microdata("author").chain(page.microdata("creator")).collect(), Trust::Markup);
    let rel_author = || {
        page.links
            .iter()
            .filter(|l| l.rel.split_whitespace().any(|r| r == "author"))
            .flat_map(|l| {
                authors::clean_names(&l.text, Trust::Markup).into_iter().map(|name| Author {
                    name,
                    url: l.href.clone(),
                    ..Author::default()
                })
            })
            .collect::<Vec<_>>()
    };
    // A byline element holding a word or two, or a label and then words,
    // holds just the name, "oz" as well as "Jane Doe".
    let bylines = || {
        page.bylines
            .iter()
            .flat_map(|b| {
                let words = b.split_whitespace().count();
                let trust = if words <= 2 || (authors::is_labelled(b) && words <= MAX_BYLINE_WORDS) {
                    Trust::Markup
                } else {
                    Trust::Visible
                };
                authors::clean_names(b, trust)
            })
            .map(|name| Author { name, ..Author::default() })
            .collect::<Vec<_>>()
    };
    // A line that holds the headline is no byline, whatever "von" ends it.
    let holds_headline = |line: &str| page.headings.iter().any(|h| !h.trim().is_empty() && line.contains(h.trim()));
    let header_bylines =
        || page.headline_lines.iter().filter(|l| !holds_headline(l)).filter_map(|l| plaintext::byline(l));
    let headline_lines = || header_bylines().next().unwrap_or_default();
    // "Posted in News by jdoe on May 3": the date line often names the author too.
    let date_lines =
        || page.dates.iter().filter(|d| !d.boilerplate).find_map(|d| plaintext::byline(&d.value)).unwrap_or_default();
    // "Posted by Jane Doe - Team. Over the past years...": a summary that
    // opens with its byline.
    let description = || {
        let description =
            first_nonempty(&[&ld.description, page.meta(&["og:description", "description"]).unwrap_or("")]);
        let opening: Vec<&str> = description.split_whitespace().take(MAX_BYLINE_WORDS).collect();
        let opening = opening.join(" ");
        authors::is_labelled(&opening).then(|| plaintext::byline(&opening)).flatten().unwrap_or_default()
    };
    let dateline_credit = || {
        let description = page.meta(&["og:description", "description"]).unwrap_or("");
        let openings = article_text.split("\n\n").take(3).chain([ld.description.as_str(), description]);
        let credit = openings.map(authors::dateline_credit).find(|c| !c.is_empty()).unwrap_or_default();
        credit.into_iter().map(|name| Author { name, ..Author::default() }).collect::<Vec<_>>()
    };
    let name_beside_date =
        || page.headline_lines.iter().find_map(|l| plaintext::name_beside_date(l)).unwrap_or_default();
    // Keep REL_AUTHOR the index of `rel_author()`, BYLINES of `bylines()`.
    let candidates = [
        from_ld(false),
        microdata(),
        rel_author(),
        meta(false),
        bylines(),
        headline_lines(),
        date_lines(),
        description(),
        name_beside_date(),
        from_strings(
            page.script_fields
                .iter()
                .filter(|(k, _)| k.starts_with("author") || k == "byline")
                .map(|(_, v)| v.as_str())
                .take(1)
                .collect(),
            Trust::Markup,
        ),
        text.authors.clone(),
        page.opening_lines.iter().find_map(|l| plaintext::byline(l)).unwrap_or_default(),
        lone_header_name(page),
        page.closing_lines
            .iter()
            .take_while(|l| !authors::is_contact_label(l))
            .find_map(|l| plaintext::signature(l))
            .unwrap_or_default(),
        dateline_credit(),
        // Only the first labelled byline is the article's: lists of authors
        // and log-in links carry no label, other articles' bylines follow.
        from_strings(
            page.boilerplate_bylines.iter().map(String::as_str).find(|b| authors::is_labelled(b)).into_iter().collect(),
            Trust::Markup,
        ),
        from_strings(page.boilerplate_authors.iter().map(String::as_str).collect(), Trust::Markup),
        from_ld(true),
        meta(true),
        personal_site_owner(page, sites),
    ];
    // The site's own name, an organization's or an agency's, in an author
    // field is a weaker answer than a person's name from a later source,
    // but better than none (a personal blog, a press release, wire copy).
    let is_site = |a: &Author| {
        site_keys.contains(&squash(&a.name))
            || authors::is_organization(&a.name)
            || a.name.split('/').any(authors::is_news_agency)
    };
    let people: Vec<Vec<Author>> =
        candidates.iter().map(|c| c.iter().filter(|a| !is_site(a)).cloned().collect()).collect();
    let first = people.iter().position(|c| !c.is_empty());
    let mut chosen = match first {
        Some(i) => people[i].clone(),
        None => candidates.iter().find(|c| !c.is_empty()).cloned().unwrap_or_default(),
    };
    if let Some(list) = first.filter(|&i| i < BYLINES).and_then(|i| agreed_fuller_list(&people, i)) {
        chosen.clone_from(list);
    }
    // The owner a copyright line names, when nothing else names anyone.
    if chosen.is_empty()
        && let Some(name) = page.page_text.lines().rev().find_map(authors::copyright_owner)
    {
        chosen.push(Author { name, ..Author::default() });
    }
    dedup_authors(&mut chosen);
    for author in chosen.iter_mut().filter(|a| is_site(a)) {
        author.kind = AuthorKind::Organization;
    }
    // Links marked rel="author" also run through lists of other articles:
    // when the next source names only some of them, those are the article's.
    if first == Some(REL_AUTHOR) && chosen.len() > 1 {
        let linked = name_keys(&chosen);
        let named = people[REL_AUTHOR + 1..].iter().find(|c| !c.is_empty()).map_or_else(Vec::new, |c| name_keys(c));
        if named.iter().all(|k| linked.contains(k)) && named.iter().any(|k| linked.contains(k)) {
            chosen.retain(|a| named.contains(&title::normalize(&a.name)));
        }
    }
    // A user name in markup ("jane_doe") is printed in full by a byline;
    // so is a given name alone ("Nils" for "Nils Pickert").
    let full_names = candidates.iter().flatten().filter(|a| a.name.contains(' '));
    let opens = |given: &str, full: &str| {
        given.starts_with(char::is_uppercase)
            && full.split_whitespace().count() == 2
            && full.split_whitespace().next() == Some(given)
    };
    for author in &mut chosen {
        if !author.name.contains(' ')
            && let Some(full) =
                full_names.clone().find(|full| spells(&author.name, &full.name) || opens(&author.name, &full.name))
        {
            author.name.clone_from(&full.name);
        }
    }
    for author in &mut chosen {
        if let Some(name) = account_owner(&author.name) {
            author.name = name;
        }
    }
    // The account a CMS posts under ("Gespeichert von human") gives way to
    // the full name the header's byline prints ("Beitrag von Jane Doe");
    // a name in author markup stands.
    if let [account] = chosen.as_slice()
        && first.is_some_and(|i| i >= BYLINES)
        && !account.name.contains(' ')
        && !account.name.contains(char::is_uppercase)
        && let Some(full) = header_bylines().find(|names| names.iter().all(|a| a.name.contains(' ')))
    {
        chosen = full;
    }
    for author in &mut chosen {
        if author.handle.is_empty()
            && let Some(t) = text.authors.iter().find(|t| t.name == author.name)
        {
            author.handle.clone_from(&t.handle);
        }
    }
    chosen
}

/// The authors' names as compared across sources.
fn name_keys(list: &[Author]) -> Vec<String> {
    list.iter().map(|a| title::normalize(&a.name)).collect()
}

/// A name of two or three words ("Stefan Wasmer") or a wire credit
/// ("JIJI", "Jane Doe/SP-X") alone on a line around the headline, when it
/// is the only one there and not what the page is about. A longer name is
/// a site's banner ("My Notes Jane Doe"), several names list people
/// (signatories, a cast), and a name in the headline is the story's subject.
fn lone_header_name(page: &PageEvidence) -> Vec<Author> {
    let mut names = page
        .headline_lines
        .iter()
        .take_while(|l| !authors::is_contact_label(l))
        .filter_map(|l| plaintext::signature(l).or_else(|| plaintext::credited(authors::wire_credit(l))))
        .flatten();
    let Some(first) = names.next() else { return Vec::new() };
    let about = |name: &str| page.title.contains(name) || page.headings.iter().any(|h| h.contains(name));
    let long = first.name.split_whitespace().count() > 3;
    if long || names.any(|other| other.name != first.name) || about(&first.name) {
        return Vec::new();
    }
    vec![first]
}

/// JSON-LD and meta tags often name only the first of several authors:
/// when two later sources, author markup or a byline element among them,
/// agree on a list of everyone that `people[first]` names and others
/// besides, that is the whole list. One source alone may add a
/// photographer, a publisher or a job title; the header's lines and the
/// text's repeat each other, so they do not count as two.
fn agreed_fuller_list(people: &[Vec<Author>], first: usize) -> Option<&Vec<Author>> {
    let sorted_keys = |list: &[Author]| {
        let mut keys = name_keys(list);
        keys.sort();
        keys.dedup();
        keys
    };
    let named = name_keys(&people[first]);
    let longer: Vec<(usize, Vec<String>)> = (first + 1..people.len())
        .map(|j| (j, sorted_keys(&people[j])))
        .filter(|(_, keys)| keys.len() > named.len() && named.iter().all(|n| keys.contains(n)))
        .collect();
    longer
        .iter()
        .filter(|(j, _)| *j <= BYLINES)
        .find(|(j, keys)| longer.iter().any(|(other_j, other)| other_j != j && other == keys))
        .map(|(j, _)| &people[*j])
}

/// The person a personal site is named after: "Jane Doe's blog", or a
/// name that the host name spells ("Jane Doe" on janedoe.net), or that the
/// author's handle spells and the header prints ("Jane Doe" for @JaneDoe).
fn personal_site_owner(page: &PageEvidence, sites: &[&str]) -> Vec<Author> {
    let spelled: Vec<String> = sites
        .last()
        .copied()
        .into_iter()
        .chain(page.meta_all("twitter:creator"))
        .map(squash)
        .filter(|k| k.len() >= 6)
        .collect();
    let printed = page.headline_lines.iter().find_map(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        (2..=3)
            .flat_map(|n| words.windows(n))
            .map(|w| w.join(" "))
            .find(|name| spelled.contains(&squash(name)) && authors::looks_like_name(name, Trust::Visible))
    });
    if let Some(name) = printed {
        return vec![Author { name, ..Author::default() }];
    }
    let host = sites.last().map(|h| squash(h)).unwrap_or_default();
    let title_parts = title::SEPARATORS
        .iter()
        .filter_map(|sep| page.title.split_once(sep).map(|(head, _)| head))
        .chain(title::SEPARATORS.iter().filter_map(|sep| page.title.rsplit_once(sep).map(|(_, tail)| tail)));
    let names = sites.iter().copied().chain(page.meta(&["og:site_name"])).chain(title_parts);
    names
        .filter_map(|raw| {
            let raw = raw.trim();
            let (name, possessive) = match raw.split_once(['’', '\'']) {
                Some((name, rest)) if rest.starts_with('s') => (name.trim(), true),
                _ => (raw, false),
            };
            let name = name.trim_start_matches("Dr. ").trim_start_matches("Prof. ");
            let spelled_by_host = host.len() >= 6 && host.contains(&squash(name));
            ((possessive || spelled_by_host) && authors::looks_like_name(name, Trust::Visible))
                .then(|| name.to_string())
        })
        .take(1)
        .map(|name| Author { name, ..Author::default() })
        .collect()
}

/// "Robert Doe" for the account "robert.doe" or "robert_doe": a user name
/// made of a known given name and a family name spells its owner's name.
fn account_owner(user: &str) -> Option<String> {
    let (given, family) = user.split_once(['.', '_'])?;
    let lower_letters = |s: &str| s.chars().count() >= 2 && s.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
    if !lower_letters(given) || !lower_letters(family) {
        return None;
    }
    let capitalized =
        |s: &str| s.chars().take(1).flat_map(char::to_uppercase).chain(s.chars().skip(1)).collect::<String>();
    let given = capitalized(given);
    crate::analysis::entities::gazetteer::is_first_name(&given).then(|| format!("{given} {}", capitalized(family)))
}

/// Whether a user name spells a full name, accents aside: "gabor_munier"
/// spells "Gàbor Muniér".
fn spells(user: &str, name: &str) -> bool {
    let (user, name) = (squash(user), squash(name));
    user.chars().count() == name.chars().count()
        && user.chars().zip(name.chars()).all(|(u, n)| u == n || !u.is_ascii() || !n.is_ascii())
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Drops repeated names, also a name repeated inside a longer string ("View
/// all posts by Jane Doe" after "Jane Doe").
fn dedup_authors(list: &mut Vec<Author>) {
    let mut seen: Vec<String> = Vec::new();
    list.retain(|a| {
        let key = title::normalize(&a.name);
        if seen.iter().any(|s| key.contains(s.as_str())) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

fn tags(page: &PageEvidence, ld: &jsonld::LinkedData) -> Vec<String> {
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
fn as_handle(value: &str) -> String {
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
fn twitter_handle_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let path = rest.strip_prefix("twitter.com/").or_else(|| rest.strip_prefix("x.com/"))?;
    let handle = path.split(['/', '?', '#']).next()?;
    (!handle.is_empty() && handle.chars().all(|c| c.is_alphanumeric() || c == '_')).then(|| format!("@{handle}"))
}

/// "blog.example-news.co.uk" to "blog example-news": the parts of a host
/// that may name the site.
fn host_name(url: &str) -> String {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty() && *l != "www").collect();
    let mut labels = labels.as_slice();
    while labels.len() > 1 && labels[labels.len() - 1].len() <= 3 {
        labels = &labels[..labels.len() - 1];
    }
    labels.first().copied().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests;
