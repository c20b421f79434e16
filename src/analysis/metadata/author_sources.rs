//! Where the authors come from: an ordered table of sources, the first that
//! names a person wins, then post-passes that complete or correct its names.
//! To add a source, add a variant where its trust ranks, a line in `names`,
//! and a test below.

use super::authors::{self, Trust};
use super::jsonld::LinkedData;
use super::plaintext::{self, TextEvidence};
use super::{Author, AuthorKind, first_nonempty, title};
use crate::analysis::html::{MAX_BYLINE_WORDS, PageEvidence};

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

/// What the author sources read.
pub struct AuthorEvidence<'a> {
    pub page: &'a PageEvidence,
    pub ld: &'a LinkedData,
    pub text: &'a TextEvidence,
    pub article_text: &'a str,
    /// The site's names: publisher, site name, host name (last).
    pub sites: &'a [&'a str],
}

/// The sources of author names, best first: the order of the variants is
/// the order of trust. Sources before [`AuthorSource::BylineElement`] are
/// markup meant for machines; from it on, names printed for readers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum AuthorSource {
    LinkedDataPerson,
    Microdata,
    /// `rel="author"` links, which also run through lists of other articles.
    RelAuthor,
    MetaPerson,
    BylineElement,
    /// A byline among the lines around the headline.
    HeaderByline,
    /// "Posted in News by jdoe on May 3": the date line often names the author too.
    DateElementByline,
    /// "Posted by Jane Doe - Team. Over the past years...": a summary that
    /// opens with its byline.
    DescriptionByline,
    NameBesideDate,
    ScriptField,
    /// A byline or signature in the plain text.
    TextByline,
    OpeningLine,
    LoneHeaderName,
    /// A signature after the article's last paragraph.
    ClosingSignature,
    /// "ATLANTA (AP) --": the agency a dateline credits.
    DatelineCredit,
    /// Only the first labelled byline set aside is the article's: lists of
    /// authors and log-in links carry no label, other articles' bylines follow.
    BoilerplateByline,
    BoilerplateAuthor,
    LinkedDataOrganization,
    MetaOrganization,
    PersonalSite,
}

impl AuthorSource {
    /// Every source, best first.
    const ALL: [Self; 20] = [
        Self::LinkedDataPerson,
        Self::Microdata,
        Self::RelAuthor,
        Self::MetaPerson,
        Self::BylineElement,
        Self::HeaderByline,
        Self::DateElementByline,
        Self::DescriptionByline,
        Self::NameBesideDate,
        Self::ScriptField,
        Self::TextByline,
        Self::OpeningLine,
        Self::LoneHeaderName,
        Self::ClosingSignature,
        Self::DatelineCredit,
        Self::BoilerplateByline,
        Self::BoilerplateAuthor,
        Self::LinkedDataOrganization,
        Self::MetaOrganization,
        Self::PersonalSite,
    ];

    /// Whether a byline printed for readers, rather than markup, gives the names.
    fn is_visible(self) -> bool {
        self >= Self::BylineElement
    }

    fn names(self, ev: &AuthorEvidence, site_keys: &[String]) -> Vec<Author> {
        let page = ev.page;
        match self {
            Self::LinkedDataPerson => linked_data(ev.ld, false),
            Self::Microdata => {
                from_strings(page.microdata("author").chain(page.microdata("creator")).collect(), Trust::Markup)
            }
            Self::RelAuthor => rel_author(page),
            Self::MetaPerson => meta(page, site_keys, false),
            Self::BylineElement => byline_elements(page),
            Self::HeaderByline => header_bylines(page).next().unwrap_or_default(),
            Self::DateElementByline => page
                .dates
                .iter()
                .filter(|d| !d.boilerplate)
                .find_map(|d| plaintext::byline(&d.value))
                .unwrap_or_default(),
            Self::DescriptionByline => description_byline(page, ev.ld),
            Self::NameBesideDate => {
                page.headline_lines.iter().find_map(|l| plaintext::name_beside_date(l)).unwrap_or_default()
            }
            Self::ScriptField => from_strings(
                page.script_fields
                    .iter()
                    .filter(|(k, _)| k.starts_with("author") || k == "byline")
                    .map(|(_, v)| v.as_str())
                    .take(1)
                    .collect(),
                Trust::Markup,
            ),
            Self::TextByline => ev.text.authors.clone(),
            Self::OpeningLine => page.opening_lines.iter().find_map(|l| plaintext::byline(l)).unwrap_or_default(),
            Self::LoneHeaderName => lone_header_name(page),
            Self::ClosingSignature => page
                .closing_lines
                .iter()
                .take_while(|l| !authors::is_contact_label(l))
                .find_map(|l| plaintext::signature(l))
                .unwrap_or_default(),
            Self::DatelineCredit => dateline_credit(page, ev.ld, ev.article_text),
            Self::BoilerplateByline => from_strings(
                page.boilerplate_bylines
                    .iter()
                    .map(String::as_str)
                    .find(|b| authors::is_labelled(b))
                    .into_iter()
                    .collect(),
                Trust::Markup,
            ),
            Self::BoilerplateAuthor => {
                from_strings(page.boilerplate_authors.iter().map(String::as_str).collect(), Trust::Markup)
            }
            Self::LinkedDataOrganization => linked_data(ev.ld, true),
            Self::MetaOrganization => meta(page, site_keys, true),
            Self::PersonalSite => personal_site_owner(page, ev.sites),
        }
    }
}

/// The names every source gives, best source first.
struct Candidates {
    all: Vec<(AuthorSource, Vec<Author>)>,
    /// The same lists without the site's own names, organizations and agencies.
    people: Vec<(AuthorSource, Vec<Author>)>,
}

impl Candidates {
    fn first_person_source(&self) -> Option<usize> {
        self.people.iter().position(|(_, c)| !c.is_empty())
    }
}

/// Authors from the first source that names a person, best source first,
/// corrected by the post-passes in order.
pub fn find(ev: &AuthorEvidence) -> Vec<Author> {
    let site_keys = site_keys(ev.page, ev.sites);
    let is_site = |a: &Author| is_site(a, &site_keys);
    let all: Vec<(AuthorSource, Vec<Author>)> =
        AuthorSource::ALL.iter().map(|&s| (s, s.names(ev, &site_keys))).collect();
    let people = all.iter().map(|(s, c)| (*s, c.iter().filter(|a| !is_site(a)).cloned().collect())).collect();
    let candidates = Candidates { all, people };
    let first = candidates.first_person_source();
    let first_source = first.map(|i| candidates.people[i].0);

    let mut chosen = first_choice(&candidates);
    if chosen.is_empty()
        && let Some(owner) = copyright_owner(ev.page)
    {
        chosen.push(owner);
    }
    dedup_authors(&mut chosen);
    for author in chosen.iter_mut().filter(|a| is_site(a)) {
        author.kind = AuthorKind::Organization;
    }
    if first_source == Some(AuthorSource::RelAuthor) {
        narrow_rel_authors(&mut chosen, &candidates.people[first.unwrap_or_default() + 1..]);
    }
    spell_out_short_names(&mut chosen, &candidates.all);
    for author in &mut chosen {
        if let Some(name) = account_owner(&author.name) {
            author.name = name;
        }
    }
    if first_source.is_some_and(AuthorSource::is_visible)
        && let Some(full) = header_byline_over_account(&chosen, ev.page)
    {
        chosen = full;
    }
    add_text_handles(&mut chosen, ev.text);
    chosen
}

/// The site's own name, an organization's or an agency's, in an author
/// field is a weaker answer than a person's name from a later source, but
/// better than none (a personal blog, a press release, wire copy).
fn is_site(author: &Author, site_keys: &[String]) -> bool {
    site_keys.contains(&squash(&author.name))
        || authors::is_organization(&author.name)
        || author.name.split('/').any(authors::is_news_agency)
}

/// The site's names: its declared names, its handle, and the last part of
/// the document title ("Story headline | Jobs & Hire").
fn site_keys(page: &PageEvidence, sites: &[&str]) -> Vec<String> {
    let title_tail =
        title::SEPARATORS.iter().filter_map(|sep| page.title.rsplit_once(sep).map(|(_, tail)| tail)).next();
    sites
        .iter()
        .copied()
        .chain(page.meta_all("twitter:site"))
        .chain(title_tail)
        .map(squash)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The people of the first source naming any, or the names of the first
/// source naming anything; a markup source's list gives way to a fuller
/// one that two later sources agree on.
fn first_choice(candidates: &Candidates) -> Vec<Author> {
    let Some(first) = candidates.first_person_source() else {
        return candidates.all.iter().map(|(_, c)| c).find(|c| !c.is_empty()).cloned().unwrap_or_default();
    };
    let people = &candidates.people;
    let agreed = (!people[first].0.is_visible()).then(|| agreed_fuller_list(people, first)).flatten();
    agreed.unwrap_or(&people[first].1).clone()
}

/// The owner a copyright line names, when nothing else names anyone.
fn copyright_owner(page: &PageEvidence) -> Option<Author> {
    let name = page.page_text.lines().rev().find_map(authors::copyright_owner)?;
    Some(Author { name, ..Author::default() })
}

/// Links marked rel="author" also run through lists of other articles:
/// when the next source naming anyone names only some of them, those are
/// the article's.
fn narrow_rel_authors(linked: &mut Vec<Author>, later: &[(AuthorSource, Vec<Author>)]) {
    if linked.len() < 2 {
        return;
    }
    let linked_keys = name_keys(linked);
    let named = later.iter().map(|(_, c)| c).find(|c| !c.is_empty()).map_or_else(Vec::new, |c| name_keys(c));
    if named.iter().all(|k| linked_keys.contains(k)) && named.iter().any(|k| linked_keys.contains(k)) {
        linked.retain(|a| named.contains(&title::normalize(&a.name)));
    }
}

/// A user name in markup ("jane_doe") is printed in full by another
/// source; so is a given name alone ("Nils" for "Nils Pickert").
fn spell_out_short_names(chosen: &mut [Author], all: &[(AuthorSource, Vec<Author>)]) {
    let full_names = all.iter().flat_map(|(_, c)| c).filter(|a| a.name.contains(' '));
    let opens = |given: &str, full: &str| {
        given.starts_with(char::is_uppercase)
            && full.split_whitespace().count() == 2
            && full.split_whitespace().next() == Some(given)
    };
    for author in chosen {
        if !author.name.contains(' ')
            && let Some(full) =
                full_names.clone().find(|full| spells(&author.name, &full.name) || opens(&author.name, &full.name))
        {
            author.name.clone_from(&full.name);
        }
    }
}

/// The account a CMS posts under ("Gespeichert von human") gives way to the
/// full names the header's byline prints ("Beitrag von Jane Doe"); a name
/// in author markup stands, so the caller asks only for printed bylines.
fn header_byline_over_account(chosen: &[Author], page: &PageEvidence) -> Option<Vec<Author>> {
    let [account] = chosen else { return None };
    if account.name.contains(' ') || account.name.contains(char::is_uppercase) {
        return None;
    }
    header_bylines(page).find(|names| names.iter().all(|a| a.name.contains(' ')))
}

/// The handles the text's bio gives its authors.
fn add_text_handles(chosen: &mut [Author], text: &TextEvidence) {
    for author in chosen {
        if author.handle.is_empty()
            && let Some(t) = text.authors.iter().find(|t| t.name == author.name)
        {
            author.handle.clone_from(&t.handle);
        }
    }
}

fn linked_data(ld: &LinkedData, organizations: bool) -> Vec<Author> {
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
}

fn from_strings(raw: Vec<&str>, trust: Trust) -> Vec<Author> {
    raw.into_iter()
        .flat_map(|r| authors::clean_names(r, trust))
        .map(|name| Author { name, ..Author::default() })
        .collect()
}

/// Author metas naming people, or (with `organizations`) those naming an
/// organization or the site. An organization named as the author ("Example
/// News – Das Magazin") is known before cleaning cuts its name short.
fn meta(page: &PageEvidence, site_keys: &[String], organizations: bool) -> Vec<Author> {
    from_strings(
        AUTHOR_METAS
            .iter()
            .flat_map(|n| page.meta_all(n))
            .filter(|v| !v.starts_with("http") && !v.starts_with('@'))
            .filter(|v| (authors::is_organization(v) || site_keys.contains(&squash(v))) == organizations)
            .collect(),
        Trust::Markup,
    )
}

fn rel_author(page: &PageEvidence) -> Vec<Author> {
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
        .collect()
}

/// A byline element holding a word or two, or a label and then words, holds
/// just the name, "oz" as well as "Jane Doe".
fn byline_elements(page: &PageEvidence) -> Vec<Author> {
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
        .collect()
}

/// The bylines among the lines around the headline. A line that holds the
/// headline is no byline, whatever "von" ends it.
fn header_bylines(page: &PageEvidence) -> impl Iterator<Item = Vec<Author>> + '_ {
    let holds_headline = |line: &str| page.headings.iter().any(|h| !h.trim().is_empty() && line.contains(h.trim()));
    page.headline_lines.iter().filter(move |l| !holds_headline(l)).filter_map(|l| plaintext::byline(l))
}

fn description_byline(page: &PageEvidence, ld: &LinkedData) -> Vec<Author> {
    let description = first_nonempty(&[&ld.description, page.meta(&["og:description", "description"]).unwrap_or("")]);
    let opening: Vec<&str> = description.split_whitespace().take(MAX_BYLINE_WORDS).collect();
    let opening = opening.join(" ");
    authors::is_labelled(&opening).then(|| plaintext::byline(&opening)).flatten().unwrap_or_default()
}

fn dateline_credit(page: &PageEvidence, ld: &LinkedData, article_text: &str) -> Vec<Author> {
    let description = page.meta(&["og:description", "description"]).unwrap_or("");
    let openings = article_text.split("\n\n").take(3).chain([ld.description.as_str(), description]);
    let credit = openings.map(authors::dateline_credit).find(|c| !c.is_empty()).unwrap_or_default();
    credit.into_iter().map(|name| Author { name, ..Author::default() }).collect()
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
fn agreed_fuller_list(people: &[(AuthorSource, Vec<Author>)], first: usize) -> Option<&Vec<Author>> {
    let sorted_keys = |list: &[Author]| {
        let mut keys = name_keys(list);
        keys.sort();
        keys.dedup();
        keys
    };
    let named = name_keys(&people[first].1);
    let longer: Vec<(AuthorSource, Vec<String>, &Vec<Author>)> = people[first + 1..]
        .iter()
        .map(|(source, list)| (*source, sorted_keys(list), list))
        .filter(|(_, keys, _)| keys.len() > named.len() && named.iter().all(|n| keys.contains(n)))
        .collect();
    longer
        .iter()
        .filter(|(source, _, _)| *source <= AuthorSource::BylineElement)
        .find(|(source, keys, _)| longer.iter().any(|(other, other_keys, _)| other != source && other_keys == keys))
        .map(|(_, _, list)| *list)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::html::{PageDate, PageLink};
    use crate::analysis::metadata::jsonld::Person;
    use crate::analysis::segment::segment;

    /// A page as the tests build it, and what the sources read of it.
    #[derive(Default)]
    struct Page {
        page: PageEvidence,
        ld: LinkedData,
        article_text: &'static str,
        sites: Vec<&'static str>,
    }

    impl Page {
        fn of(page: PageEvidence) -> Self {
            Self { page, ..Self::default() }
        }

        fn with_evidence<R>(&self, f: impl FnOnce(&AuthorEvidence) -> R) -> R {
            let text = plaintext::read(self.article_text, &segment(self.article_text), false);
            f(&AuthorEvidence {
                page: &self.page,
                ld: &self.ld,
                text: &text,
                article_text: self.article_text,
                sites: &self.sites,
            })
        }

        fn names_from(&self, source: AuthorSource) -> Vec<String> {
            self.with_evidence(|ev| {
                let keys = site_keys(ev.page, ev.sites);
                source.names(ev, &keys).into_iter().map(|a| a.name).collect()
            })
        }

        fn authors(&self) -> Vec<String> {
            self.with_evidence(|ev| find(ev).into_iter().map(|a| a.name).collect())
        }
    }

    fn person(name: &str) -> Author {
        Author { name: name.into(), ..Author::default() }
    }

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_string()).collect()
    }

    fn pairs(values: &[(&str, &str)]) -> Vec<(String, String)> {
        values.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect()
    }

    fn linked_data_author(name: &str, is_organization: bool) -> LinkedData {
        let author = Person { name: name.into(), is_organization, ..Person::default() };
        LinkedData { authors: vec![author], ..LinkedData::default() }
    }

    #[test]
    fn the_table_lists_every_source_once_in_order_of_trust() {
        assert!(AuthorSource::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(AuthorSource::ALL.last(), Some(&AuthorSource::PersonalSite));
        assert!(!AuthorSource::MetaPerson.is_visible() && AuthorSource::BylineElement.is_visible());
    }

    #[test]
    fn linked_data_person_and_organization() {
        let page = Page { ld: linked_data_author("Jane Doe", false), ..Page::default() };
        assert_eq!(page.names_from(AuthorSource::LinkedDataPerson), ["Jane Doe"]);
        assert!(page.names_from(AuthorSource::LinkedDataOrganization).is_empty());
        let page = Page { ld: linked_data_author("Example News", true), ..Page::default() };
        assert_eq!(page.names_from(AuthorSource::LinkedDataOrganization), ["Example News"]);
    }

    #[test]
    fn microdata() {
        let page = Page::of(PageEvidence { microdata: pairs(&[("author", "Jane Doe")]), ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::Microdata), ["Jane Doe"]);
    }

    #[test]
    fn rel_author_keeps_the_link() {
        let link = PageLink { rel: "author".into(), href: "https://example.com/jane".into(), text: "Jane Doe".into() };
        let page = Page::of(PageEvidence { links: vec![link], ..PageEvidence::default() });
        let found = page.with_evidence(|ev| AuthorSource::RelAuthor.names(ev, &[]));
        assert_eq!((found[0].name.as_str(), found[0].url.as_str()), ("Jane Doe", "https://example.com/jane"));
    }

    #[test]
    fn meta_person_and_organization() {
        let metas = pairs(&[("author", "Jane Doe"), ("article:author", "Example News"), ("author", "https://x.com")]);
        let page = Page {
            page: PageEvidence { metas, ..PageEvidence::default() },
            sites: vec!["Example News"],
            ..Page::default()
        };
        assert_eq!(page.names_from(AuthorSource::MetaPerson), ["Jane Doe"]);
        assert_eq!(page.names_from(AuthorSource::MetaOrganization), ["Example News"]);
    }

    #[test]
    fn byline_element() {
        let page = Page::of(PageEvidence { bylines: strings(&["By Jane Doe"]), ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::BylineElement), ["Jane Doe"]);
    }

    #[test]
    fn header_byline_unless_it_holds_the_headline() {
        let mut page = PageEvidence { headline_lines: strings(&["By Jane Doe"]), ..PageEvidence::default() };
        assert_eq!(Page::of(page.clone()).names_from(AuthorSource::HeaderByline), ["Jane Doe"]);
        page.headings = strings(&["By Jane Doe"]);
        assert!(Page::of(page).names_from(AuthorSource::HeaderByline).is_empty());
    }

    #[test]
    fn date_element_byline() {
        let date = PageDate { value: "Posted on May 3, 2021 by jdoe".into(), ..PageDate::default() };
        let page = Page::of(PageEvidence { dates: vec![date], ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::DateElementByline), ["jdoe"]);
    }

    #[test]
    fn description_byline() {
        let metas = pairs(&[("description", "Posted by Jane Doe - Team. Over the past years we grew.")]);
        let page = Page::of(PageEvidence { metas, ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::DescriptionByline), ["Jane Doe"]);
    }

    #[test]
    fn name_beside_date() {
        let page =
            Page::of(PageEvidence { headline_lines: strings(&["Jane Doe | 11.12.2019"]), ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::NameBesideDate), ["Jane Doe"]);
    }

    #[test]
    fn script_field() {
        let fields = pairs(&[("pubdate", "2021-05-03"), ("author", "Jane Doe"), ("byline", "John Roe")]);
        let page = Page::of(PageEvidence { script_fields: fields, ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::ScriptField), ["Jane Doe"]);
    }

    #[test]
    fn text_byline() {
        let page = Page { article_text: "By Jane Doe\n\nThe council voted on Tuesday.", ..Page::default() };
        assert_eq!(page.names_from(AuthorSource::TextByline), ["Jane Doe"]);
    }

    #[test]
    fn opening_line() {
        let page =
            Page::of(PageEvidence { opening_lines: strings(&["Written by: Jane Doe"]), ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::OpeningLine), ["Jane Doe"]);
    }

    #[test]
    fn lone_header_name_unless_others_stand_beside_it() {
        let lone = PageEvidence { headline_lines: strings(&["Jane Doe"]), ..PageEvidence::default() };
        assert_eq!(Page::of(lone).names_from(AuthorSource::LoneHeaderName), ["Jane Doe"]);
        let several = PageEvidence { headline_lines: strings(&["Jane Doe", "John Roe"]), ..PageEvidence::default() };
        assert!(Page::of(several).names_from(AuthorSource::LoneHeaderName).is_empty());
    }

    #[test]
    fn closing_signature() {
        let page = Page::of(PageEvidence { closing_lines: strings(&["Text: Jane Doe"]), ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::ClosingSignature), ["Jane Doe"]);
    }

    #[test]
    fn dateline_credit() {
        let page = Page { article_text: "WASHINGTON (AP) — The council voted on Tuesday.", ..Page::default() };
        assert_eq!(page.names_from(AuthorSource::DatelineCredit), ["AP"]);
    }

    #[test]
    fn boilerplate_byline_only_the_first_labelled() {
        let bylines = strings(&["Jane Doe", "Von: John Roe", "Von: Max Muster"]);
        let page = Page::of(PageEvidence { boilerplate_bylines: bylines, ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::BoilerplateByline), ["John Roe"]);
    }

    #[test]
    fn boilerplate_author() {
        let page = Page::of(PageEvidence { boilerplate_authors: strings(&["Jane Doe"]), ..PageEvidence::default() });
        assert_eq!(page.names_from(AuthorSource::BoilerplateAuthor), ["Jane Doe"]);
    }

    #[test]
    fn personal_site() {
        let page = Page {
            page: PageEvidence { title: "Jane Doe's blog | Notes".into(), ..PageEvidence::default() },
            ..Page::default()
        };
        assert_eq!(page.names_from(AuthorSource::PersonalSite), ["Jane Doe"]);
        let host = Page { sites: vec!["janedoe"], ..Page::default() };
        let host = Page {
            page: PageEvidence { headline_lines: strings(&["Notes by Jane Doe"]), ..PageEvidence::default() },
            ..host
        };
        assert_eq!(host.names_from(AuthorSource::PersonalSite), ["Jane Doe"]);
    }

    #[test]
    fn a_person_from_a_later_source_beats_the_site_as_author() {
        let metas = pairs(&[("author", "Example News")]);
        let page = PageEvidence { metas, bylines: strings(&["By Jane Doe"]), ..PageEvidence::default() };
        let page = Page { page, sites: vec!["Example News"], ..Page::default() };
        assert_eq!(page.authors(), ["Jane Doe"]);
        assert_eq!(
            Page {
                sites: vec!["Example News"],
                ..Page::of(PageEvidence { metas: pairs(&[("author", "Example News")]), ..PageEvidence::default() })
            }
            .authors(),
            ["Example News"]
        );
    }

    #[test]
    fn two_later_sources_agreeing_on_a_fuller_list_complete_markup() {
        let page = PageEvidence {
            metas: pairs(&[("author", "Jane Doe")]),
            links: vec![
                PageLink { rel: "author".into(), href: String::new(), text: "Jane Doe".into() },
                PageLink { rel: "author".into(), href: String::new(), text: "John Roe".into() },
            ],
            bylines: strings(&["Jane Doe and John Roe"]),
            ..PageEvidence::default()
        };
        let page = Page { ld: linked_data_author("Jane Doe", false), ..Page::of(page) };
        assert_eq!(page.authors(), ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn the_copyright_owner_when_nobody_is_named() {
        let page = Page::of(PageEvidence { page_text: "Home\n© 2021 Jane Doe".into(), ..PageEvidence::default() });
        assert_eq!(page.with_evidence(|ev| copyright_owner(ev.page)), Some(person("Jane Doe")));
    }

    #[test]
    fn rel_authors_narrow_to_those_the_next_source_names() {
        let mut linked = vec![person("Jane Doe"), person("John Roe")];
        narrow_rel_authors(
            &mut linked,
            &[(AuthorSource::MetaPerson, vec![]), (AuthorSource::BylineElement, vec![person("John Roe")])],
        );
        assert_eq!(linked, [person("John Roe")]);
        let mut unrelated = vec![person("Jane Doe"), person("John Roe")];
        narrow_rel_authors(&mut unrelated, &[(AuthorSource::BylineElement, vec![person("Max Muster")])]);
        assert_eq!(unrelated.len(), 2);
    }

    #[test]
    fn short_names_are_spelled_out_by_another_source() {
        let mut chosen = vec![person("jane_doe"), person("Nils")];
        let all = [(AuthorSource::BylineElement, vec![person("Jane Doe"), person("Nils Pickert")])];
        spell_out_short_names(&mut chosen, &all);
        assert_eq!(chosen, [person("Jane Doe"), person("Nils Pickert")]);
    }

    #[test]
    fn an_account_gives_way_to_the_full_name_of_the_header_byline() {
        let page = PageEvidence { headline_lines: strings(&["Beitrag von Jane Doe"]), ..PageEvidence::default() };
        assert_eq!(header_byline_over_account(&[person("human")], &page), Some(vec![person("Jane Doe")]));
        assert_eq!(header_byline_over_account(&[person("Human")], &page), None);
    }

    #[test]
    fn the_text_bio_gives_the_handle() {
        let text = TextEvidence {
            authors: vec![Author { handle: "@janedoe".into(), ..person("Jane Doe") }],
            ..TextEvidence::default()
        };
        let mut chosen = vec![person("Jane Doe")];
        add_text_handles(&mut chosen, &text);
        assert_eq!(chosen[0].handle, "@janedoe");
    }

    #[test]
    fn an_account_of_a_given_and_a_family_name_spells_its_owner() {
        assert_eq!(account_owner("robert.doe").as_deref(), Some("Robert Doe"));
        assert_eq!(account_owner("xq.doe"), None);
    }

    #[test]
    fn repeated_names_are_dropped() {
        let mut list = vec![person("Jane Doe"), person("View all posts by Jane Doe"), person("John Roe")];
        dedup_authors(&mut list);
        assert_eq!(list, [person("Jane Doe"), person("John Roe")]);
    }
}
