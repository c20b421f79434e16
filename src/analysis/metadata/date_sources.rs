//! Where the publication date comes from: an ordered table of sources, the
//! first that gives a date wins, then post-passes that let better evidence
//! correct it. To add a source, add a variant where its trust ranks, a line
//! in `find`, and a test below.

use super::dates::{self, ArticleDate};
use super::jsonld::LinkedData;
use super::plaintext::TextEvidence;
use crate::analysis::html::PageEvidence;
use crate::analysis::{AnalysisError, Budget};

/// Meta names that mean the publication time.
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

/// What the dating sources read.
pub struct DateEvidence<'a> {
    pub page: &'a PageEvidence,
    pub ld: &'a LinkedData,
    pub text: &'a TextEvidence,
    pub article_text: &'a str,
    pub description: &'a str,
    pub canonical_url: &'a str,
    pub month_first: bool,
    pub budget: &'a Budget,
}

/// The sources of a publication date, from the most to the least
/// deliberate evidence: the order of the variants is the order of trust.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum PublishedSource {
    /// JSON-LD about the page or the article itself.
    PageLinkedData,
    PublishedMeta,
    GenericMeta,
    Microdata,
    /// JSON-LD about something else (a video, an image): its date is not the
    /// article's, unless nothing better dates it.
    OtherLinkedData,
    /// A date element that marks itself as the publication date.
    PublishedElement,
    Url,
    /// A date in the lines around the headline.
    HeaderLine,
    DateElement,
    /// A date line in the plain text's header.
    TextHeader,
    ScriptField,
    /// "Published: 3 May 2021" anywhere in the page.
    LabelledInPage,
    PublishedElementInBoilerplate,
    /// The first date of the article text, searched within the budget.
    ArticleText,
    DateElementInBoilerplate,
    PageText,
    /// "(Notizia del 14 Gennaio 2020)": a page that writes its date only in its summary.
    Description,
}

impl PublishedSource {
    /// Every source, best first.
    const ALL: [Self; 17] = [
        Self::PageLinkedData,
        Self::PublishedMeta,
        Self::GenericMeta,
        Self::Microdata,
        Self::OtherLinkedData,
        Self::PublishedElement,
        Self::Url,
        Self::HeaderLine,
        Self::DateElement,
        Self::TextHeader,
        Self::ScriptField,
        Self::LabelledInPage,
        Self::PublishedElementInBoilerplate,
        Self::ArticleText,
        Self::DateElementInBoilerplate,
        Self::PageText,
        Self::Description,
    ];

    fn find(self, ev: &DateEvidence) -> Result<Option<ArticleDate>, AnalysisError> {
        let (page, ld, month_first) = (ev.page, ev.ld, ev.month_first);
        Ok(match self {
            Self::PageLinkedData => ld.describes_page.then(|| dates::parse_machine(&ld.published)).flatten(),
            Self::PublishedMeta => page.meta(PUBLISHED_METAS).and_then(dates::parse_machine),
            Self::GenericMeta => generic_meta_date(page, header_day(ev)),
            Self::Microdata => {
                page.microdata("datePublished").chain(page.microdata("dateCreated")).find_map(dates::parse_machine)
            }
            Self::OtherLinkedData => (!ld.describes_page).then(|| dates::parse_machine(&ld.published)).flatten(),
            Self::PublishedElement => page_date(page, month_first, true, false),
            Self::Url => dates::from_url(ev.canonical_url),
            Self::HeaderLine => header_day(ev),
            Self::DateElement => page_date(page, month_first, false, false),
            Self::TextHeader => ev.text.published,
            Self::ScriptField => page
                .script_fields
                .iter()
                .filter(|(k, _)| !k.starts_with("author") && k != "byline")
                .find_map(|(_, v)| dates::parse_machine(v)),
            Self::LabelledInPage => dates::find_labelled(&page.page_text, month_first),
            Self::PublishedElementInBoilerplate => page_date(page, month_first, true, true),
            Self::ArticleText => dates::find_first_within(ev.article_text, month_first, ev.budget)?.map(|f| f.date),
            Self::DateElementInBoilerplate => page_date(page, month_first, false, true),
            Self::PageText => in_text(&page.page_text, month_first),
            Self::Description => in_text(ev.description, month_first),
        })
    }
}

/// The publication date: the first source's, then corrected by the
/// post-passes, in order.
pub fn published(ev: &DateEvidence) -> Result<Option<ArticleDate>, AnalysisError> {
    let mut found = None;
    for source in PublishedSource::ALL {
        found = source.find(ev)?;
        if found.is_some() {
            break;
        }
    }
    let Some(found) = found else { return Ok(None) };
    let visible = visible_days(ev);
    let others = other_sources(ev, &visible);
    Ok(Some(
        joined_moment(found, &others)
            .or_else(|| local_day_of_utc_moment(found, &visible))
            .or_else(|| shown_header_date(ev, found, &visible))
            .unwrap_or_else(|| refined(found, others)),
    ))
}

/// The last modification date, markup only: a visible "updated" line often
/// belongs to a live blog's latest entry.
pub fn modified(page: &PageEvidence, ld: &LinkedData) -> Option<ArticleDate> {
    [ld.modified.as_str(), page.meta(MODIFIED_METAS).unwrap_or("")]
        .into_iter()
        .chain(page.microdata("dateModified"))
        .chain(page.dates.iter().filter(|d| d.modified).map(|d| d.value.as_str()))
        .find_map(dates::parse_machine)
}

fn in_text(text: &str, month_first: bool) -> Option<ArticleDate> {
    dates::find_in_text(text, month_first).map(|f| f.date)
}

/// The first date the lines around the headline give: the day the article
/// shows its readers.
fn header_day(ev: &DateEvidence) -> Option<ArticleDate> {
    ev.page.headline_lines.iter().find_map(|l| in_text(l, ev.month_first))
}

/// The first date of the page's date elements outside (or inside)
/// boilerplate, modification dates aside; with `published`, only those
/// marked as the publication date.
fn page_date(page: &PageEvidence, month_first: bool, published: bool, boilerplate: bool) -> Option<ArticleDate> {
    page.dates
        .iter()
        .filter(|d| d.boilerplate == boilerplate && !d.modified && (d.published || !published))
        .find_map(|d| parse_page_date(&d.value, month_first))
}

/// The days the page shows its readers: around the headline, in its date
/// elements, in its URL.
fn visible_days(ev: &DateEvidence) -> Vec<ArticleDate> {
    let (page, month_first) = (ev.page, ev.month_first);
    page.headline_lines
        .iter()
        .flat_map(|l| dates::find_all_in_text(l, month_first).map(|f| f.date))
        .chain(
            page.dates.iter().filter(|d| !d.boilerplate && !d.modified).filter_map(|d| in_text(&d.value, month_first)),
        )
        .chain(dates::from_url(ev.canonical_url))
        .collect()
}

/// Every date any source gives, the machine-readable ones first.
fn other_sources(ev: &DateEvidence, visible_days: &[ArticleDate]) -> Vec<ArticleDate> {
    let page = ev.page;
    std::iter::once(ev.ld.published.as_str())
        .chain(PUBLISHED_METAS.iter().chain(GENERIC_DATE_METAS).flat_map(|n| page.meta_all(n)))
        .chain(page.dates.iter().filter(|d| !d.modified).map(|d| d.value.as_str()))
        .filter_map(dates::parse_machine)
        .chain(visible_days.iter().copied())
        .collect()
}

/// A time without offset and a time with one may tell the same moment.
fn joined_moment(found: ArticleDate, others: &[ArticleDate]) -> Option<ArticleDate> {
    others.iter().find_map(|d| found.same_moment(*d))
}

/// A UTC time stamp does not tell the local day: when the page shows its
/// readers another day that some time zone gives that moment, that day is
/// the one meant.
fn local_day_of_utc_moment(found: ArticleDate, visible_days: &[ArticleDate]) -> Option<ArticleDate> {
    if !found.is_utc_moment() || visible_days.iter().any(|d| d.date() == found.date()) {
        return None;
    }
    visible_days.iter().find(|d| found.could_be_local_day(d.date())).copied()
}

/// A date in markup that the page shows nowhere (a CMS's import or
/// re-publication time, a day misread from "11/01/2023") gives way to the
/// date the article's header shows its readers.
fn shown_header_date(ev: &DateEvidence, found: ArticleDate, visible_days: &[ArticleDate]) -> Option<ArticleDate> {
    let shown = header_day(ev).or_else(|| sole_page_day(ev.page, ev.month_first))?;
    (shown.date() != found.date() && !page_shows_day(ev.page, visible_days, found.date(), ev.month_first))
        .then_some(shown)
}

/// A day from markup gains the time a visible date gives for the same day.
fn refined(found: ArticleDate, others: Vec<ArticleDate>) -> ArticleDate {
    others.into_iter().fold(found, ArticleDate::refined_by)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::html::PageDate;
    use crate::analysis::metadata::plaintext;
    use crate::analysis::segment::segment;

    /// A page as the tests build it, and what the sources read of it.
    #[derive(Default)]
    struct Page {
        page: PageEvidence,
        ld: LinkedData,
        article_text: &'static str,
        description: &'static str,
        url: &'static str,
    }

    impl Page {
        fn with_evidence<R>(&self, f: impl FnOnce(&DateEvidence) -> R) -> R {
            let text = plaintext::read(self.article_text, &segment(self.article_text), false);
            let budget = Budget::default();
            f(&DateEvidence {
                page: &self.page,
                ld: &self.ld,
                text: &text,
                article_text: self.article_text,
                description: self.description,
                canonical_url: self.url,
                month_first: false,
                budget: &budget,
            })
        }

        fn date_from(&self, source: PublishedSource) -> Option<String> {
            self.with_evidence(|ev| source.find(ev).unwrap().map(|d| d.local()))
        }

        fn published(&self) -> Option<String> {
            self.with_evidence(|ev| published(ev).unwrap().map(|d| d.local()))
        }
    }

    fn metas(pairs: &[(&str, &str)]) -> PageEvidence {
        let metas = pairs.iter().map(|(n, c)| ((*n).to_string(), (*c).to_string())).collect();
        PageEvidence { metas, ..PageEvidence::default() }
    }

    fn date_element(value: &str, published: bool, boilerplate: bool) -> PageEvidence {
        let date = PageDate { value: value.into(), published, modified: false, boilerplate };
        PageEvidence { dates: vec![date], ..PageEvidence::default() }
    }

    fn day(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn the_table_lists_every_source_once_in_order_of_trust() {
        assert!(PublishedSource::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(PublishedSource::ALL.last(), Some(&PublishedSource::Description));
    }

    #[test]
    fn page_linked_data() {
        let ld = LinkedData { published: "2021-05-03".into(), describes_page: true, ..LinkedData::default() };
        assert_eq!(
            Page { ld: ld.clone(), ..Page::default() }.date_from(PublishedSource::PageLinkedData),
            day("2021-05-03")
        );
        let other = LinkedData { describes_page: false, ..ld };
        assert_eq!(Page { ld: other, ..Page::default() }.date_from(PublishedSource::PageLinkedData), None);
    }

    #[test]
    fn published_meta() {
        let page = Page { page: metas(&[("article:published_time", "2021-05-03")]), ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::PublishedMeta), day("2021-05-03"));
    }

    #[test]
    fn generic_meta_gives_way_to_an_earlier_header_day() {
        let mut page = Page { page: metas(&[("date", "2021-05-09")]), ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::GenericMeta), day("2021-05-09"));
        page.page.headline_lines = vec!["3 May 2021".into()];
        assert_eq!(page.date_from(PublishedSource::GenericMeta), day("2021-05-03"));
    }

    #[test]
    fn microdata() {
        let microdata = vec![("dateCreated".to_string(), "2021-05-03".to_string())];
        let page = Page { page: PageEvidence { microdata, ..PageEvidence::default() }, ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::Microdata), day("2021-05-03"));
    }

    #[test]
    fn other_linked_data() {
        let ld = LinkedData { published: "2021-05-03".into(), describes_page: false, ..LinkedData::default() };
        assert_eq!(Page { ld, ..Page::default() }.date_from(PublishedSource::OtherLinkedData), day("2021-05-03"));
    }

    #[test]
    fn published_element() {
        let page = Page { page: date_element("3 May 2021", true, false), ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::PublishedElement), day("2021-05-03"));
        let unmarked = Page { page: date_element("3 May 2021", false, false), ..Page::default() };
        assert_eq!(unmarked.date_from(PublishedSource::PublishedElement), None);
    }

    #[test]
    fn url() {
        let page = Page { url: "https://example.com/2021/05/03/story", ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::Url), day("2021-05-03"));
    }

    #[test]
    fn header_line() {
        let page = PageEvidence { headline_lines: vec!["By Jane Doe, 3 May 2021".into()], ..PageEvidence::default() };
        assert_eq!(Page { page, ..Page::default() }.date_from(PublishedSource::HeaderLine), day("2021-05-03"));
    }

    #[test]
    fn date_element_outside_boilerplate() {
        let page = Page { page: date_element("2021-05-03", false, false), ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::DateElement), day("2021-05-03"));
        assert_eq!(page.date_from(PublishedSource::DateElementInBoilerplate), None);
    }

    #[test]
    fn text_header() {
        let page = Page { article_text: "3 May 2021\n\nThe council voted on Tuesday.", ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::TextHeader), day("2021-05-03"));
    }

    #[test]
    fn script_field() {
        let fields = vec![("author".to_string(), "2020-01-01".to_string()), ("pubdate".into(), "2021-05-03".into())];
        let page = PageEvidence { script_fields: fields, ..PageEvidence::default() };
        assert_eq!(Page { page, ..Page::default() }.date_from(PublishedSource::ScriptField), day("2021-05-03"));
    }

    #[test]
    fn labelled_in_page() {
        let page = PageEvidence { page_text: "Home\nPublished: 3 May 2021\nMore".into(), ..PageEvidence::default() };
        assert_eq!(Page { page, ..Page::default() }.date_from(PublishedSource::LabelledInPage), day("2021-05-03"));
    }

    #[test]
    fn published_element_in_boilerplate() {
        let page = Page { page: date_element("2021-05-03", true, true), ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::PublishedElementInBoilerplate), day("2021-05-03"));
        assert_eq!(page.date_from(PublishedSource::PublishedElement), None);
    }

    #[test]
    fn article_text() {
        let page = Page { article_text: "The council met on 3 May 2021 to vote.", ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::ArticleText), day("2021-05-03"));
    }

    #[test]
    fn date_element_in_boilerplate() {
        let page = Page { page: date_element("2021-05-03", false, true), ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::DateElementInBoilerplate), day("2021-05-03"));
    }

    #[test]
    fn page_text() {
        let page = PageEvidence { page_text: "Home\n3 May 2021\nMore".into(), ..PageEvidence::default() };
        assert_eq!(Page { page, ..Page::default() }.date_from(PublishedSource::PageText), day("2021-05-03"));
    }

    #[test]
    fn description() {
        let page = Page { description: "(Notizia del 14 Gennaio 2020)", ..Page::default() };
        assert_eq!(page.date_from(PublishedSource::Description), day("2020-01-14"));
    }

    #[test]
    fn the_first_source_that_dates_the_page_wins() {
        let mut page = Page { url: "https://example.com/2021/05/04/story", ..Page::default() };
        page.page = metas(&[("article:published_time", "2021-05-04")]);
        assert_eq!(page.published(), day("2021-05-04"));
        assert_eq!(Page::default().published(), None);
    }

    fn at(s: &str) -> ArticleDate {
        dates::parse_machine(s).unwrap()
    }

    #[test]
    fn a_floating_time_joins_the_same_moment_with_an_offset() {
        let joined =
            joined_moment(at("2021-05-03T10:00:00"), &[at("2021-05-03T08:00:00Z"), at("2021-05-03T10:00:00+02:00")]);
        assert_eq!(joined.map(|d| d.local()), day("2021-05-03T10:00:00+02:00"));
        assert_eq!(joined_moment(at("2021-05-03T10:00:00Z"), &[at("2021-05-04")]), None);
    }

    #[test]
    fn a_utc_moment_takes_the_local_day_the_page_shows() {
        let utc = at("2021-05-03T23:30:00Z");
        assert_eq!(local_day_of_utc_moment(utc, &[at("2021-05-04")]).map(|d| d.local()), day("2021-05-04"));
        assert_eq!(local_day_of_utc_moment(utc, &[at("2021-05-03"), at("2021-05-04")]), None);
        assert_eq!(local_day_of_utc_moment(utc, &[at("2021-05-09")]), None);
    }

    #[test]
    fn a_day_the_page_never_shows_gives_way_to_the_header_day() {
        let page = PageEvidence { headline_lines: vec!["3 May 2021".into()], ..PageEvidence::default() };
        let page = Page { page, ..Page::default() };
        let shown = |found: &str| page.with_evidence(|ev| shown_header_date(ev, at(found), &visible_days(ev)));
        assert_eq!(shown("2021-01-11").map(|d| d.local()), day("2021-05-03"));
        assert_eq!(shown("2021-05-03"), None);
    }

    #[test]
    fn a_day_gains_the_time_another_source_gives_for_it() {
        let refined = refined(at("2021-05-03"), vec![at("2021-05-02T09:00:00Z"), at("2021-05-03T09:30:00+02:00")]);
        assert_eq!(refined.local(), "2021-05-03T09:30:00+02:00");
    }

    #[test]
    fn modified_comes_from_markup() {
        let page = metas(&[("article:modified_time", "2021-05-04")]);
        assert_eq!(modified(&page, &LinkedData::default()).map(|d| d.local()), day("2021-05-04"));
    }
}
