//! Author names out of the noise bylines come with: "By", dates, job titles,
//! "Staff", e-mail addresses, several names in one string.

use super::given_names;
use crate::analysis::entities::gazetteer;
use crate::analysis::{lexicon, text};
use regex::Regex;
use std::sync::LazyLock;

/// How much a source of names is trusted: markup meant for machines names
/// people even in lower case ("lupa"); a byline scraped from the page must
/// look like a person's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trust {
    Markup,
    Visible,
}

static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let openers = lexicon::alternation(lexicon::words("byline_openers"), r"\s+");
    let labels = lexicon::alternation(lexicon::tagged(&["by", "author_labels"], "leading_label"), r"\s+");
    let desks = lexicon::alternation(lexicon::words("desk_labels"), r"\s+");
    Regex::new(&format!(r"(?xi)^(?:(?:{openers})\s+)?(?:(?:{labels})\s*[:\-–—]?\s+|(?:{desks})\s*[:\-–—]\s*)"))
        .expect("valid regex")
});

/// The words of an author link before its name: "View all posts by",
/// "Zeige alle Beiträge von", "Alles von", "More from", "Voir tous les articles de".
static NAVIGATION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = lexicon::alternation(lexicon::words("navigation_verbs"), r"\s+");
    let quantifiers = lexicon::alternation(lexicon::words("navigation_quantifiers"), r"\s+");
    let nouns = lexicon::alternation(lexicon::words("navigation_nouns"), r"\s+");
    let by = lexicon::alternation(lexicon::tagged(&["by"], "navigation_label"), r"\s+");
    Regex::new(&format!(
        r"(?xi)^(?:(?:{verbs})\s+)?
        (?:(?:{quantifiers})\s+(?:(?:{nouns})\s+)?|(?:{nouns})\s+)
        (?:{by})\s*:?\s+"
    ))
    .expect("valid regex")
});

/// Where a byline stops naming people: a date, a time, a separator bar.
/// (A date label followed by a digit is also cut by the bare label.)
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    let labels = lexicon::alternation(lexicon::tagged(&["date_published", "date_updated"], "byline"), r"\s+");
    let before_date = lexicon::alternation(lexicon::tagged(&["date_prepositions"], "byline"), r"\s+");
    let before_name = lexicon::alternation(lexicon::tagged(&["date_prepositions"], "named_date"), r"\s+");
    let media = lexicon::alternation(lexicon::words("byline_media"), r"\s+");
    let links = lexicon::alternation(lexicon::words("link_phrases"), r"\s+");
    Regex::new(&format!(
        r"(?xi)\s*(?:
            [|•·/\n\t]|\s[-–—]\s|\b\d|\b(?:{labels}|last\s+updated|{before_date})\s+\d
            |\b(?:{before_name})\s+(?:\p{{L}}+\.?,?\s+){{1,2}}\d
            |\b(?:{labels})\b
            |\bfollow|\b(?:{media})\b|\b(?:{links})\b|@
        ).*$",
    ))
    .expect("valid regex")
});

static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    let conjunctions = lexicon::alternation(lexicon::words("conjunctions"), r"\s+");
    Regex::new(&format!(r"(?i)\s*(?:,|;|&|\b(?:{conjunctions})\b|\bw/)\s*")).expect("valid regex")
});

/// "Interview: Jane Doe", "Fotos: Jane Doe": a one-word label before a colon.
static COLON_LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{L}+\s*:\s+").expect("valid regex"));

/// "AuthorJane Doe": a label glued to the name by markup without a space.
static GLUED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let capitalized = |w: &str| w.chars().take(1).flat_map(char::to_uppercase).chain(w.chars().skip(1)).collect();
    let labels: Vec<String> = lexicon::tagged(&["by", "author_labels"], "glued").map(capitalized).collect();
    Regex::new(&format!(r"^(?:{})(\p{{Lu}}\p{{Ll}})", lexicon::alternation(labels.iter().map(String::as_str), " ")))
        .expect("valid regex")
});

/// Words that are a role or a desk rather than a person.
static NOT_NAMES: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("not_names"));

/// Words of link texts around author names ("View all posts by", "More
/// articles") that never stand in a name.
static NAVIGATION_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("author_navigation"));

/// Words that name organizations, not people.
static ORGANIZATION_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("organization_words"));

/// The newsroom credited as a whole: a weaker answer than a person, like an
/// organization, but the page's own credit when it names no one.
static DESKS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("desks"));

/// Whether an author string names an organization ("Example News", "Verein
/// der Freunde e.V.") or a newsroom ("Redaktion").
pub fn is_organization(name: &str) -> bool {
    DESKS.contains(&name.trim().to_lowercase().as_str())
        || name
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .any(|w| {
                ORGANIZATION_WORDS.contains(&w.as_str())
                    || ORGANIZATION_ENDINGS.iter().any(|e| w.len() > e.len() + 2 && w.ends_with(e))
            })
}

/// German compounds end in what they are: "Finanzmagazin", "Heimatverein".
static ORGANIZATION_ENDINGS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("organization_endings"));

/// The labels of a source line, as a regex alternation: "Quelle: dpa", "Source: Reuters".
pub static SOURCE_LABELS: LazyLock<String> =
    LazyLock::new(|| lexicon::alternation(lexicon::words("source_labels"), r"\s+"));

/// "Quelle: dpa", "Source: Reuters": where a story came from.
static SOURCE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{})\s*:\s*", *SOURCE_LABELS)).expect("valid regex"));

/// Whether a raw author string opens with a label ("By", "Posted by",
/// "Autor:", "Quelle:"), after which only names follow.
pub fn is_labelled(raw: &str) -> bool {
    let raw = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    LEADING_LABEL.is_match(raw) || SOURCE_LABEL.is_match(raw)
}

/// The authors a source line credits ("Quelle: dpa", "Quelle: Example
/// TV/ab"): a news agency or a desk signing with its editor's initials
/// wrote the copy; any other source ("Source: Census Bureau") only gave facts.
pub fn source_credit(raw: &str) -> Vec<String> {
    let mut names = clean_names(&SOURCE_LABEL.replace(raw.trim(), ""), Trust::Markup);
    names
        .retain(|n| n.split(['/', ' ']).any(is_news_agency) || n.rsplit_once('/').is_some_and(|(_, i)| is_initials(i)));
    names
}

/// "Pressekontakt:", "Media contact": the names after it answer the press's
/// questions; they did not write the story.
pub fn is_contact_label(line: &str) -> bool {
    static LABELS: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("contact_labels"));
    let lower = line.to_lowercase();
    LABELS.iter().any(|w| lower.contains(w))
}

/// "ls", "bb": an editor's initials after a desk's credit ("Example TV/ls").
fn is_initials(word: &str) -> bool {
    (2..=3).contains(&word.len()) && word.chars().all(|c| c.is_ascii_lowercase())
}

/// The person names in a raw author string, cleaned and split.
pub fn clean_names(raw: &str, trust: Trust) -> Vec<String> {
    let collapsed = text::without_soft_hyphens(raw).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = collapsed
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .to_string();
    for _ in 0..2 {
        text = NAVIGATION_LABEL.replace(&text, "").into_owned();
        text = LEADING_LABEL.replace(&text, "").into_owned();
        text = COLON_LABEL.replace(&text, "").into_owned();
        text = GLUED_LABEL.replace(&text, "$1").into_owned();
    }
    if is_url_or_mail(&text) {
        return Vec::new();
    }
    if let Some(credit) = agency_credit(&text) {
        return vec![credit];
    }
    // A tail only cuts after a name: "Published by Jane Doe" keeps its name.
    let text = match TAIL.find(&text) {
        Some(m) if m.start() > 0 => &text[..m.start()],
        _ => text.as_str(),
    };
    SPLIT
        .split(text)
        .map(|part| part.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\''))
        .map(without_role)
        .map(|part| undouble(without_final_stop(part.trim_end_matches('\'')).trim()))
        .filter(|name| looks_like_name(name, trust))
        .collect()
}

/// The name without a sentence's full stop; an initial's ("Joe S.") and a
/// suffix's ("Perry Bacon Jr.") are part of it.
fn without_final_stop(name: &str) -> &str {
    let bare = name.trim_end_matches('.');
    let last = bare.rsplit([' ', '.']).next().unwrap_or_default();
    let abbreviated =
        matches!(last, "Jr" | "Sr") || (last.chars().count() == 1 && last.chars().all(char::is_uppercase));
    if abbreviated && bare.len() < name.len() { &name[..bare.len() + 1] } else { bare }
}

/// "© 2019 Jane Doe", "(c) Jane Doe • Impressum", "Copyright 2010-2020 by Jane Doe".
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?(\p{Lu}.*)$",
    )
    .expect("valid regex")
});

/// The person a copyright line names: on a personal site, the author. A
/// known given name must open the name, so that "© 2020 Alle Rechte
/// vorbehalten" or a company names no one.
pub fn copyright_owner(line: &str) -> Option<String> {
    let c = COPYRIGHT.captures(line.trim())?;
    let names = clean_names(&c[1], Trust::Visible);
    let name = names.first().filter(|_| names.len() == 1)?;
    (given_names::opens(name) && !is_organization(name)).then(|| name.clone())
}

/// A job title printed before a name: "Rechtsanwalt Jan Muster",
/// "Korrespondentin Jane Doe".
static LEADING_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    let roles = lexicon::alternation(lexicon::words("leading_roles"), r"\s+");
    Regex::new(&format!(r"(?i)^(?:{roles})\s+")).expect("valid regex")
});

/// A name without the job title before it; the title stays when no
/// capitalized name follows it.
fn without_role(part: &str) -> &str {
    match LEADING_ROLE.find(part) {
        Some(m) if part[m.end()..].starts_with(char::is_uppercase) => &part[m.end()..],
        _ => part,
    }
}

/// News agencies and wire services, whose credit stands where a byline would.
static NEWS_AGENCIES: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("news_agencies"));

/// Articles open the names of papers ("The Local", "Die Welt"), not of people.
static ARTICLES: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("definite_articles"));

/// Whether a word is a news agency's credit ("dpa", "AFP").
pub fn is_news_agency(word: &str) -> bool {
    NEWS_AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(word.trim()))
}

/// A credit that joins an agency to a desk or a partner with a slash
/// ("dpa/lno", "det/dpa", "AFP/The Local"), or a desk to its editor's
/// initials ("Example TV/ab"), is one credit, kept whole; beside a person's
/// full name ("Jane Doe/AP") the agency only says where she works.
fn agency_credit(text: &str) -> Option<String> {
    let cut = TAIL.find(text)?;
    let slash = cut.start() + text[cut.start()..].find('/')?;
    if !text[cut.start()..slash].trim().is_empty() {
        return None;
    }
    let head = text[..cut.start()].trim();
    let rest = text[slash + 1..].trim_start();
    let second = TAIL.find(rest).map_or(rest, |m| &rest[..m.start()]).trim();
    if head.is_empty() || second.is_empty() || !(is_news_agency(head) || is_news_agency(second) || is_initials(second))
    {
        return None;
    }
    // Initials sign for the desk named before them, person or not.
    let person = [head, second].into_iter().filter(|_| !is_initials(second)).find(|p| {
        let opening = p.split_whitespace().next().unwrap_or("").to_lowercase();
        !is_news_agency(p)
            && !ARTICLES.contains(&opening.as_str())
            && p.split_whitespace().count() >= 2
            && looks_like_name(p, Trust::Visible)
    });
    Some(person.map_or_else(|| format!("{head}/{second}"), str::to_string))
}

/// The authors a line holding only a wire credit names: "JIJI", "Jane
/// Doe/SP-X".
pub fn wire_credit(line: &str) -> Vec<String> {
    let line = line.trim();
    if line.split_whitespace().count() > 4 || !line.split(['/', ' ']).any(is_news_agency) {
        return Vec::new();
    }
    clean_names(line, Trust::Markup)
}

/// "Hamburg (dpa/lno) – ": a place and, in brackets, who reports from it.
static CREDITED_DATELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}.'’ -]{1,40}?\s*\(([^()]{2,30})\)\s*[–—-]+\s").expect("valid regex"));

/// The agency a story's dateline credits ("Hamburg (dpa/lno) – Trotz...",
/// "WASHINGTON (AP) — The"): the wire copy's author.
pub fn dateline_credit(paragraph: &str) -> Vec<String> {
    let Some(c) = CREDITED_DATELINE.captures(paragraph) else { return Vec::new() };
    let credit = &c[1];
    if credit.split(['/', ',', ' ']).any(is_news_agency) { clean_names(credit, Trust::Markup) } else { Vec::new() }
}

/// "Jane Doe Jane Doe" (a name printed twice, as a caption and a link) to
/// "Jane Doe"; initials ("R. R.") are not a name printed twice.
fn undouble(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let half = words.len() / 2;
    let initial = |w: &str| w.trim_end_matches('.').chars().count() == 1;
    if half > 0 && words.len().is_multiple_of(2) && words[..half] == words[half..] && !words.iter().all(|w| initial(w))
    {
        words[..half].join(" ")
    } else {
        name.to_string()
    }
}

fn is_url_or_mail(s: &str) -> bool {
    s.starts_with("http") || s.starts_with("www.") || (s.contains('@') && s.contains('.') && !s.contains(' '))
}

/// A person's name: a few words with letters, no digits, not a role word;
/// from visible text, also capitalized.
pub fn looks_like_name(name: &str, trust: Trust) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let max_words = if trust == Trust::Markup { 6 } else { 4 };
    if words.is_empty()
        || words.len() > max_words
        || name.chars().count() > 60
        || name.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return false;
    }
    // A user name may hold digits ("marianne1", "bo2man"); a person's name has none.
    let digits_allowed = trust == Trust::Markup && words.len() == 1 && name.starts_with(char::is_alphabetic);
    let letters: String = name.chars().filter(|c| !(digits_allowed && c.is_ascii_digit())).collect();
    if letters
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '<' | '>' | '{' | '}' | '=' | '|' | '/' | '?' | '!' | ':'))
    {
        return false;
    }
    if looks_like_domain(name) || is_place(name) {
        return false;
    }
    let lower = name.to_lowercase();
    if NOT_NAMES.contains(&lower.trim_end_matches('.'))
        || lower.split_whitespace().any(|w| NAVIGATION_WORDS.contains(&w))
    {
        return false;
    }
    match trust {
        // "patriarchalen Weiblichkeit", "deinen Hochzeitsbloggern": a lower-case
        // word before capitalized ones is a phrase's; names in lower case
        // throughout ("danah boyd") are a person's choice.
        Trust::Markup => {
            let capitalized = |w: &&str| w.starts_with(char::is_uppercase);
            let phrase = words.len() > 1
                && words[0].chars().all(char::is_lowercase)
                && !is_name_particle(words[0])
                && words[1..].iter().any(capitalized)
                && !is_organization(name);
            !phrase && name.chars().any(char::is_alphabetic)
        }
        Trust::Visible => {
            // "See What’s New": a possessive or a contraction is a phrase's.
            words.len() >= 2
                && !words.iter().any(|w| w.ends_with("’s") || w.ends_with("'s"))
                && words.iter().all(|w| {
                    let first = w.chars().next().unwrap_or(' ');
                    first.is_uppercase() || is_name_particle(w)
                })
        }
    }
}

/// Whether a name is written in capitals ("JANE DOE", "Jane DOE"): a
/// heading's or a banner's style, not a signature's. Initials do not count.
pub fn is_shouted(name: &str) -> bool {
    name.split_whitespace().any(|w| w.chars().count() > 1 && !w.chars().any(char::is_lowercase))
}

/// "Berlin", "Germany": the address an organization's credit gives
/// ("Example TV, Berlin, Germany"), not a person; a town that is also a
/// given name ("Florence") may be either.
fn is_place(name: &str) -> bool {
    gazetteer::is_country(name)
        || gazetteer::is_region(name)
        || (gazetteer::is_city(name) && !given_names::is_given_name(name))
}

/// "tagesschau.de", "www.example.com": a site, not a person.
fn looks_like_domain(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(head, tld)| {
        !head.is_empty()
            && (2..=4).contains(&tld.len())
            && tld.chars().all(|c| c.is_ascii_lowercase())
            && !head.ends_with(' ')
    })
}

fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "van"
            | "von"
            | "de"
            | "der"
            | "den"
            | "da"
            | "di"
            | "del"
            | "la"
            | "le"
            | "bin"
            | "al"
            | "el"
            | "zu"
            | "dos"
            | "das"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        clean_names(s, Trust::Visible)
    }

    #[test]
    fn by_and_conjunctions_are_removed() {
        assert_eq!(names("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(names("Von Anna Müller und Max Mustermann"), ["Anna Müller", "Max Mustermann"]);
        assert_eq!(names("Text: Jean Dupont et Marie Curie"), ["Jean Dupont", "Marie Curie"]);
        assert_eq!(names("AuthorJane Doe"), ["Jane Doe"]);
        assert_eq!(names("Interview: Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Pressemitteilung von Jane Doe"), ["Jane Doe"]);
        assert!(names("Foto: John Roe von Pexels").is_empty());
        assert_eq!(names("View all posts by Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Zeige alle Beiträge von Petra Muster"), ["Petra Muster"]);
        assert_eq!(names("Alles von Jane Doe"), ["Jane Doe"]);
        assert_eq!(clean_names("Beiträge von: Redaktion", Trust::Markup), ["Redaktion"]);
        assert_eq!(names("Voir tous les articles de Jean Dupont"), ["Jean Dupont"]);
        assert!(is_labelled("Gespeichert von rasos am 24. Juli 2017"));
        assert!(!is_labelled("Jane Doe"));
    }

    #[test]
    fn an_initial_or_suffix_keeps_its_stop() {
        assert_eq!(names("By Perry Bacon Jr."), ["Perry Bacon Jr."]);
        assert_eq!(names("Joe S."), ["Joe S."]);
        assert_eq!(names("By Jane Doe."), ["Jane Doe"]);
    }

    #[test]
    fn dates_and_roles_are_dropped() {
        assert_eq!(names("By Jane Doe | February 23, 2023"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, Staff Writer"), ["Jane Doe"]);
        assert_eq!(names("Autor: Rechtsanwalt Jan Muster"), ["Jan Muster"]);
        assert_eq!(names("Von Jane Doe, Redakteurin"), ["Jane Doe"]);
        assert_eq!(names("Korrespondentin Jane Doe und John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(clean_names("Jane Doe, Ph.D.", Trust::Markup), ["Jane Doe"]);
        assert_eq!(names("By Jane Doe Updated 3:45 PM"), ["Jane Doe"]);
        assert_eq!(names("By Staff"), Vec::<String>::new());
        assert_eq!(names("Posted by John Roe on 2021-02-03"), ["John Roe"]);
        assert_eq!(clean_names("Von jdoe am Samstag, 19. Oktober 2019", Trust::Markup), ["jdoe"]);
    }

    #[test]
    fn markup_names_may_be_usernames() {
        assert_eq!(clean_names("lupa", Trust::Markup), ["lupa"]);
        assert_eq!(clean_names("von marianne1", Trust::Markup), ["marianne1"]);
        assert_eq!(clean_names("Author: bo2man", Trust::Markup), ["bo2man"]);
        assert!(clean_names("Jane2 Doe", Trust::Markup).is_empty());
        assert!(clean_names("lupa", Trust::Visible).is_empty());
        assert!(clean_names("https://ex.org/author/jane", Trust::Markup).is_empty());
    }

    #[test]
    fn organizations_are_told_from_people() {
        assert!(is_organization("Bund der Freunde e.V."));
        assert!(is_organization("Example News"));
        assert!(is_organization("Muster GmbH"));
        assert!(is_organization("IT Finanzmagazin"));
        assert!(is_organization("Redaktion") && is_organization("Editorial Team"));
        assert!(!is_organization("Jane Doe"));
        assert!(!is_organization("Evan Newsome"));
    }

    #[test]
    fn agency_credits_joined_by_a_slash_stay_whole() {
        assert_eq!(names("Von dpa/lno"), ["dpa/lno"]);
        assert_eq!(clean_names("det/dpa", Trust::Markup), ["det/dpa"]);
        assert_eq!(names("AFP/The Local - Updated 3 May"), ["AFP/The Local"]);
        assert_eq!(names("By Jane Doe/AP"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe / Example Post"), ["Jane Doe"]);
        assert_eq!(names("Von Example TV/ab"), ["Example TV/ab"]);
        assert!(is_news_agency("Reuters") && !is_news_agency("Local"));
    }

    #[test]
    fn a_line_of_only_a_wire_credit_names_its_author() {
        assert_eq!(wire_credit("JIJI"), ["JIJI"]);
        assert_eq!(wire_credit("Jane Doe/SP-X"), ["Jane Doe"]);
        assert!(wire_credit("Jane Doe").is_empty());
        assert!(wire_credit("Fotos von dpa und anderen Agenturen aus aller Welt").is_empty());
    }

    #[test]
    fn datelines_credit_agencies() {
        assert_eq!(dateline_credit("Hamburg (dpa/lno) – Trotz eines Gespräches"), ["dpa/lno"]);
        assert_eq!(dateline_credit("WASHINGTON (AP) — The council voted"), ["AP"]);
        assert!(dateline_credit("Hamburg (Germany) – Trotz eines Gespräches").is_empty());
        assert!(dateline_credit("The council (AP) voted").is_empty());
    }

    #[test]
    fn sources_credit_agencies_and_desks() {
        assert_eq!(source_credit("Quelle: dpa"), ["dpa"]);
        assert_eq!(source_credit("Quelle: Example TV/ab"), ["Example TV/ab"]);
        assert_eq!(source_credit("Quelle: example.de/ab"), ["example.de/ab"]);
        assert!(source_credit("Source: Census Bureau").is_empty());
        assert!(is_labelled("Quelle: dpa"));
    }

    #[test]
    fn desks_are_labels_only_before_a_colon() {
        assert_eq!(names("Redaktion: Jane Doe"), ["Jane Doe"]);
        assert_eq!(clean_names("Redaktion Beispiel Zeitung", Trust::Markup), ["Redaktion Beispiel Zeitung"]);
    }

    #[test]
    fn copyright_lines_name_owners() {
        assert_eq!(copyright_owner("© 2019 Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            copyright_owner("(c) Jörg Beispiel • Weitere Rechte siehe Impressum").as_deref(),
            Some("Jörg Beispiel")
        );
        assert_eq!(copyright_owner("Copyright © 2010-2020 by Jane Doe").as_deref(), Some("Jane Doe"));
        assert!(copyright_owner("© 2020 Alle Rechte vorbehalten").is_none());
        assert!(copyright_owner("© 2020 Example Media GmbH").is_none());
        assert!(copyright_owner("Jane Doe").is_none());
    }

    #[test]
    fn contact_labels() {
        assert!(is_contact_label("Pressekontakt:") && is_contact_label("Media contact"));
        assert!(!is_contact_label("Jane Doe"));
    }

    #[test]
    fn places_are_not_names() {
        assert!(clean_names("Berlin", Trust::Markup).is_empty());
        assert!(clean_names("Germany", Trust::Markup).is_empty());
        assert_eq!(clean_names("Florence", Trust::Markup), ["Florence"]);
    }

    #[test]
    fn sites_are_not_names() {
        assert!(clean_names("tagesschau.de", Trust::Markup).is_empty());
        assert_eq!(clean_names("Juan Muñoz C.", Trust::Markup), ["Juan Muñoz C."]);
    }

    #[test]
    fn sentences_are_not_names() {
        assert!(names("Read the full story here").is_empty());
        assert!(names("Share this article").is_empty());
    }
}
