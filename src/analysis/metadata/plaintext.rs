//! What the article text itself says about the article: the date and byline
//! lines of its header, the author's bio and the publisher's "follow us" line
//! in its footer, the dateline that opens the story, and social handles.

use super::authors::{self, Trust};
use super::dates::{self, ArticleDate};
use super::given_names;
use super::{Author, Dateline};
use crate::analysis::html::MAX_BYLINE_WORDS;
use crate::analysis::lexicon;
use crate::analysis::segment::Segmentation;
use crate::analysis::text::{Span, floor_char_boundary};
use regex::Regex;
use std::sync::LazyLock;

/// How many paragraphs at each end of the text may hold header or footer lines.
const EDGE_PARAGRAPHS: usize = 4;
/// Header and footer lines are short; a longer line is body text.
const MAX_EDGE_LINE_WORDS: usize = 24;

#[derive(Debug, Default)]
pub struct TextEvidence {
    pub published: Option<ArticleDate>,
    pub authors: Vec<Author>,
    pub publisher: String,
    pub publisher_handle: String,
    pub dateline: Option<Dateline>,
    pub social_handles: Vec<String>,
}

pub fn read(text: &str, seg: &Segmentation, month_first: bool) -> TextEvidence {
    let mut evidence = TextEvidence { social_handles: social_handles(text), ..TextEvidence::default() };
    let header = edge_lines(text, seg, true);
    let footer = edge_lines(text, seg, false);
    evidence.published = header.iter().find_map(|line| date_line(line.of(text), month_first));
    evidence.authors = header.iter().find_map(|line| byline(line.of(text))).unwrap_or_default();
    // "Text: Jane Doe" closing the story signs it, and so does a name alone
    // in its last paragraph; a name on the last line of a longer paragraph
    // ends a list.
    if evidence.authors.is_empty() {
        let last_paragraph = seg.paragraphs.last().map(|p| p.span.trim(text));
        evidence.authors = footer
            .iter()
            .map(|line| line.of(text))
            .filter(|line| authors::is_labelled(line))
            .find_map(byline)
            .or_else(|| footer.last().filter(|l| Some(**l) == last_paragraph).and_then(|l| signature(l.of(text))))
            .unwrap_or_default();
    }
    for line in &footer {
        read_footer_line(line.of(text), &mut evidence);
    }
    evidence.dateline = dateline(text, seg);
    evidence
}

/// The short lines of the first (or last) paragraphs, in text order.
fn edge_lines(text: &str, seg: &Segmentation, head: bool) -> Vec<Span> {
    let n = seg.paragraphs.len();
    let range = if head { 0..n.min(EDGE_PARAGRAPHS) } else { n.saturating_sub(EDGE_PARAGRAPHS)..n };
    seg.paragraphs[range]
        .iter()
        .flat_map(|p| lines(text, p.span))
        .filter(|line| line.of(text).split_whitespace().count() <= MAX_EDGE_LINE_WORDS)
        .collect()
}

fn lines(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, c) in span.of(text).char_indices() {
        if c == '\n' {
            out.push(Span::new(start, span.start + i).trim(text));
            start = span.start + i + 1;
        }
    }
    out.push(Span::new(start, span.end).trim(text));
    out.retain(|s| !s.is_empty());
    out
}

/// The most precise date on a short header line: "date 2023-02-23 23
/// February 2023 16:09 (UTC+04:00)" gives the minute with its offset.
fn date_line(line: &str, month_first: bool) -> Option<ArticleDate> {
    if line.split_whitespace().count() > 12 {
        return None;
    }
    let mut found = dates::find_all_in_text(line, month_first).map(|f| f.date);
    let first = found.next()?;
    Some(found.fold(first, ArticleDate::refined_by))
}

/// A byline's marker: a leading label, "by"/"von"/... before a capitalized
/// name anywhere in the line, or a trailing "Read more".
static BYLINE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    let words = |lists: &[&'static str], tag| lexicon::alternation(lexicon::tagged(lists, tag), r"\s+");
    Regex::new(&format!(
        r"(?x)(?:^|\s|\|)(?i:{by}):?\s+(?P<after>\p{{Lu}})
        |(?i:\b(?:{posted})\b[^|]{{0,40}}?\s(?:{posted_by})\s+)(?P<user>\w)
        |(?i:\b(?:{labels})\s*:\s*)(?P<labelled>\S)
        |^(?i:{headed})\s+(?P<headed>\p{{Lu}})
        |(?i:\b(?:{sources})\s*:\s*)(?P<source>\S)
        |(?i:\b(?:{more}))\s*$",
        by = words(&["by"], "byline_mark"),
        posted = words(&["byline_openers"], "posted_mark"),
        posted_by = words(&["by"], "posted_mark"),
        labels = words(&["author_labels"], "byline_mark"),
        headed = words(&["author_labels"], "headed"),
        more = words(&["link_phrases"], "byline_mark"),
        sources = *authors::SOURCE_LABELS
    ))
    .expect("valid regex")
});

static POSTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = lexicon::alternation(lexicon::tagged(&["byline_openers"], "posted_by"), r"\s+");
    let by = lexicon::alternation(lexicon::tagged(&["by"], "posted_by"), r"\s+");
    Regex::new(&format!(r"(?i)\b(?:{verbs})\s+(?:{by})\s+$")).expect("valid regex")
});

/// Verbs whose "by" names someone other than the author: "A post shared
/// by", "Powered by", "Sponsored by".
static NOT_AUTHORSHIP: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = lexicon::alternation(lexicon::words("not_authorship"), r"\s+");
    Regex::new(&format!(r"(?i)\b(?:{verbs})$")).expect("valid regex")
});

/// The authors of a byline line: "By Jane Doe and John Roe", "Posted on May
/// 3, 2021 by Jane Doe", "Autor: Jane Doe", "Sabina Mammadli Read more".
pub fn byline(line: &str) -> Option<Vec<Author>> {
    if line.split_whitespace().count() > MAX_BYLINE_WORDS {
        return None;
    }
    let c = BYLINE_MARK.captures(line)?;
    if c.get(0).is_some_and(|m| NOT_AUTHORSHIP.is_match(&line[..m.start()])) {
        return None;
    }
    if let Some(source) = c.name("source") {
        return credited(authors::source_credit(&line[source.start()..]));
    }
    let user = c.name("user");
    let from =
        c.name("after").or_else(|| c.name("labelled")).or_else(|| c.name("headed")).or(user).map_or(0, |m| m.start());
    // "Posted by" can only be followed by a name, even a user name of one
    // word; so can a label alone before a word or two ("von marianne1").
    let label_alone = authors::is_labelled(line) && line[from..].split_whitespace().count() <= 2;
    let trust =
        if user.is_some() || label_alone || POSTED_BY.is_match(&line[..from]) { Trust::Markup } else { Trust::Visible };
    credited(authors::clean_names(&line[from..], trust))
}

/// The authors `names` credits; `None` for no name.
pub fn credited(names: Vec<String>) -> Option<Vec<Author>> {
    (!names.is_empty()).then(|| names.into_iter().map(|name| Author { name, ..Author::default() }).collect())
}

/// The author a line closing a story names: a byline ("Text: Jane Doe"),
/// or a name alone ("Jane Doe") that a known given name opens, so that a
/// closing phrase in capitals ("Weitere Informationen") names no one.
pub fn signature(line: &str) -> Option<Vec<Author>> {
    if authors::is_labelled(line) {
        return byline(line);
    }
    let bare = line.trim_matches(|c: char| !c.is_alphanumeric());
    let names = authors::clean_names(bare, Trust::Visible);
    let name = names.first().filter(|n| names.len() == 1 && n.as_str() == bare)?;
    (given_names::opens(name) && !authors::is_shouted(name))
        .then(|| vec![Author { name: name.clone(), ..Author::default() }])
}

/// Labels and separators between a name and the date beside it.
static DATE_LABEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    let labels =
        lexicon::alternation(lexicon::tagged(&["date_published", "date_updated", "date_prepositions"], "header"), " ");
    Regex::new(&format!(r"(?i)(?:\s|^)(?:{labels})?\s*:?[\s|•·\-–—]*$")).expect("valid regex")
});

/// A name and a date alone on a line, "Jane Doe | 11.12.2019" or
/// "11.12.2019 - Jane Doe", as the header under a headline shows them. A
/// place before a comma ("New York, 11.12.2019") is a dateline, not a name.
pub fn name_beside_date(line: &str) -> Option<Vec<Author>> {
    let found = dates::find_in_text(line, false)?;
    let before = DATE_LABEL_BEFORE.replace(&line[..found.start], "");
    let after = TIME_AFTER_DATE.replace(&line[found.end..], "");
    let side = match (before.trim().is_empty(), after.trim().is_empty()) {
        (false, true) if !before.trim_end().ends_with(',') => before.trim(),
        (true, false) => after.trim(),
        _ => return None,
    };
    // "Redaktion: Jane Doe (Pressesprecherin)": a label says a name
    // follows; the words in brackets after it are a role or an agency.
    let labelled = authors::is_labelled(side);
    let side = match side.split_once(" (") {
        Some((name, rest)) if rest.ends_with(')') => name.trim(),
        _ => side,
    };
    let names = authors::clean_names(side, Trust::Visible);
    let name = names.first().filter(|_| names.len() == 1)?;
    // Capitalized words beside a date are as often a rubric ("Aktuelle
    // Meldung") as a name: a known given name must open it, or a label.
    let whole = name == side || (labelled && side.ends_with(name.as_str()));
    (whole && (given_names::opens(name) || labelled) && !authors::is_shouted(name))
        .then(|| vec![Author { name: name.clone(), ..Author::default() }])
}

/// The separators after a date, and a time of day between them ("| 13:10 Uhr |").
static TIME_AFTER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s|•·\-–—,]*(?:\d{1,2}[:.]\d{2})?(?:\s*(?:uhr|h|[ap]\.?m\.?)(?:\s|$))?[\s|•·\-–—,]*")
        .expect("valid regex")
});

static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^\w@.])@(\w{2,30})\b").expect("valid regex"));
static FOLLOW_US: LazyLock<Regex> = LazyLock::new(|| {
    let invitations = lexicon::alternation(lexicon::words("follow_us"), r"\s+");
    Regex::new(&format!(r"(?i)\b(?:{invitations})\b[^@]{{0,40}}@(\w{{2,30}})")).expect("valid regex")
});
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)^(?P<name>\p{{Lu}}[\p{{L}}.'’-]+(?:\s+\p{{Lu}}[\p{{L}}.'’-]+){{1,3}})\s+is\s+(?:an?\s+|the\s+)?
        (?:(?P<org>\p{{Lu}}[\w&.-]*(?:\s+\p{{Lu}}[\w&.-]*){{0,3}})(?:’s|'s|’|')\s+)?
        (?:\w+\s+){{0,3}}?(?:{jobs})",
        jobs = lexicon::alternation(lexicon::words("bio_jobs"), r"\s+")
    ))
    .expect("valid regex")
});

/// Every "@handle" in the text, once each, in order; e-mail addresses are not handles.
fn social_handles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Most texts have no "@" at all; memchr tells at once, where the
    // pattern's Unicode word boundary would walk a non-ASCII text slowly.
    let Some(first_at) = memchr::memchr(b'@', text.as_bytes()) else { return out };
    // A handle's match begins at most one character before its "@".
    let from = floor_char_boundary(text, first_at.saturating_sub(1));
    for c in HANDLE.captures_iter(&text[from..]) {
        let handle = format!("@{}", &c[1]);
        if !out.contains(&handle) {
            out.push(handle);
        }
    }
    out
}

/// A bio ("Jane Doe is Example News' staff journalist, follow her on
/// Twitter: @janedoe") names an author, her handle and her publisher; "Follow
/// us on Twitter @ExampleNews" names the publisher's handle.
fn read_footer_line(line: &str, evidence: &mut TextEvidence) {
    if let Some(c) = FOLLOW_US.captures(line) {
        evidence.publisher_handle = format!("@{}", &c[1]);
        if evidence.publisher.is_empty() {
            evidence.publisher = publisher_named_by_handle(line, &c[1]);
        }
        return;
    }
    let Some(c) = BIO.captures(line) else { return };
    let name = c["name"].to_string();
    let handle = HANDLE.captures(line).map(|h| format!("@{}", &h[1])).unwrap_or_default();
    if let Some(org) = c.name("org") {
        evidence.publisher = org.as_str().to_string();
    }
    if let Some(author) = evidence.authors.iter_mut().find(|a| a.name == name) {
        author.handle = handle;
    } else if evidence.authors.is_empty() {
        evidence.authors.push(Author { name, handle, ..Author::default() });
    }
}

/// A word of the line that the handle starts with ("AzerNews" for
/// "@AzerNewsAz").
fn publisher_named_by_handle(line: &str, handle: &str) -> String {
    let handle = handle.to_lowercase();
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| !w.eq_ignore_ascii_case(&handle) && handle.starts_with(&w.to_lowercase()))
        .max_by_key(|w| w.len())
        .unwrap_or_default()
        .to_string()
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<place>\p{Lu}[\p{Lu}.'’\-]+(?:\s+\p{Lu}[\p{Lu}.'’\-]+){0,3}
        (?:,\s*\p{Lu}[\p{L}.'’\-]+(?:\s+\p{Lu}[\p{L}.'’\-]+){0,2}){0,2})
        (?:,\s*[\p{L}.]+\s+\d{1,2})?
        \s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-|:)\s",
    )
    .expect("valid regex")
});

/// The dateline opening one of the first body paragraphs ("BAKU, Azerbaijan —").
fn dateline(text: &str, seg: &Segmentation) -> Option<Dateline> {
    seg.paragraphs.iter().take(EDGE_PARAGRAPHS + 2).find_map(|p| {
        let body = p.span.of(text);
        let c = DATELINE.captures(body)?;
        let place = c.name("place")?.as_str();
        let first_word = place.split([' ', ',']).next().unwrap_or("");
        if first_word.chars().filter(|c| c.is_alphabetic()).count() < 2 || body.len() < 80 {
            return None;
        }
        let whole = c.get(0)?;
        let span = Span::new(p.span.start, p.span.start + whole.end()).trim(text);
        Some(Dateline { text: span.of(text).to_string(), location: title_case_caps(place), span })
    })
}

/// "BAKU, Azerbaijan" to "Baku, Azerbaijan": capitals shouted in a dateline
/// are not part of the name.
fn title_case_caps(place: &str) -> String {
    place
        .split(' ')
        .map(|word| {
            if word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
                let mut chars = word.chars();
                chars.next().map(|f| f.to_string() + &chars.as_str().to_lowercase()).unwrap_or_default()
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::segment;

    fn read_text(text: &str) -> TextEvidence {
        read(text, &segment(text), false)
    }

    const BODY: &str = "The council voted on Tuesday to approve the new budget after a long debate about schools.";

    #[test]
    fn header_date_line_keeps_time_and_offset() {
        let text = format!(" date 2021-06-01 1 June 2021 09:30 (UTC+02:00)\n\n{BODY}");
        let e = read_text(&text);
        assert_eq!(e.published.map(|d| d.local()), Some("2021-06-01T09:30:00+02:00".into()));
    }

    #[test]
    fn byline_with_read_more_and_bio_with_handle() {
        let text = format!(
            "Jane Doe Read more\n\n{BODY}\n\n---\n\nJane Doe is Example Times’ staff journalist, follow her on Twitter: @janedoe\n\nFollow us on Twitter @ExampleTimesX"
        );
        let e = read_text(&text);
        assert_eq!(e.authors, vec![Author { name: "Jane Doe".into(), handle: "@janedoe".into(), ..Author::default() }]);
        assert_eq!(e.publisher, "Example Times");
        assert_eq!(e.publisher_handle, "@ExampleTimesX");
        assert_eq!(e.social_handles, ["@janedoe", "@ExampleTimesX"]);
    }

    #[test]
    fn publisher_from_handle_when_no_bio() {
        let text = format!("{BODY}\n\nFollow ExampleTimes on Twitter! Follow us @ExampleTimesAz");
        let e = read_text(&text);
        assert_eq!(e.publisher, "ExampleTimes");
    }

    #[test]
    fn by_line_with_two_authors() {
        let text = format!("By Jane Doe and John Roe\n\n{BODY}");
        let names: Vec<_> = read_text(&text).authors.into_iter().map(|a| a.name).collect();
        assert_eq!(names, ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn signature_closing_the_story() {
        let text = format!("{BODY}\n\n{BODY}\nText: Jane Doe\nFotos: John Roe");
        let names: Vec<_> = read_text(&text).authors.into_iter().map(|a| a.name).collect();
        assert_eq!(names, ["Jane Doe"]);
        let text = format!("{BODY}\n\nJane Doe and John Roe");
        assert!(read_text(&text).authors.is_empty());
    }

    #[test]
    fn signatures_close_stories() {
        let names = |l: &str| signature(l).unwrap_or_default().into_iter().map(|a| a.name).collect::<Vec<_>>();
        assert_eq!(names("Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Text: Jörg Beispiel"), ["Jörg Beispiel"]);
        assert!(names("Weitere Informationen").is_empty());
        assert!(names("JANE DOE").is_empty());
        assert!(names("Jane Doe sagte das.").is_empty());
        let text = format!("{BODY}\n\n{BODY}\n\nJane Doe");
        let found: Vec<_> = read_text(&text).authors.into_iter().map(|a| a.name).collect();
        assert_eq!(found, ["Jane Doe"]);
        let list = format!("{BODY}\n\n67 Mark Calcavecchia , Payne Stewart , Ken Green ,\nBryan Gorman");
        assert!(read_text(&list).authors.is_empty());
    }

    #[test]
    fn names_beside_dates() {
        let names = |l: &str| name_beside_date(l).unwrap_or_default().into_iter().map(|a| a.name).collect::<Vec<_>>();
        assert_eq!(names("Jane Doe Stand: 05. Februar 2020"), ["Jane Doe"]);
        assert_eq!(names("11.12.2019 - Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe | May 3, 2021 10:00"), ["Jane Doe"]);
        assert!(names("New York, 11.12.2019").is_empty());
        assert!(names("NEW YORK 11.12.2019").is_empty());
        assert!(names("Published 11.12.2019").is_empty());
        assert!(names("Jane Doe 11.12.2019 John Roe").is_empty());
        assert!(names("Aktuelle Meldung 11.12.2019").is_empty());
        assert!(names("Weekly Roundup - 11.12.2019").is_empty());
        assert_eq!(names("04.02.2022 | 13:10 Uhr | Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("11.12.2019 - Jörg Beispiel"), ["Jörg Beispiel"]);
        assert_eq!(names("05.02.2020 - Redaktion: Erika Mustermann (Pressesprecherin)"), ["Erika Mustermann"]);
        assert!(names("05.02.2020 - Ressort: Aktuelle Meldung").is_empty());
        assert!(names("04.02.2022 | 13:10 Uhr | Aktuelle Meldung").is_empty());
    }

    #[test]
    fn bylines_inside_lines() {
        let names = |l: &str| byline(l).unwrap_or_default().into_iter().map(|a| a.name).collect::<Vec<_>>();
        assert_eq!(names("Courtesy of Example News Written by: Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Posted on September 21, 2020 by Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Datum: 03.11.2021 Autor: Jane Doe/SP-X"), ["Jane Doe"]);
        assert_eq!(names("Text von Hans Meier Illustration von Eva Roth"), ["Hans Meier"]);
        assert_eq!(names("| By Jane Doe | April 13, 2020"), ["Jane Doe"]);
        assert!(names("The bridge was built by the city in 1990").is_empty());
        assert_eq!(names("Posted by Konstantin"), ["Konstantin"]);
        assert_eq!(names("Posted in News by jdoe on May 3, 2021"), ["jdoe"]);
        assert_eq!(names("Autoren Jane Doe und John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(names("Auteur : Jean Dupont"), ["Jean Dupont"]);
        assert_eq!(names("von Jdoe1"), ["Jdoe1"]);
        assert!(names("Ruled by Rome").is_empty());
        assert!(names("A post shared by Jane Doe (@janedoe)").is_empty());
        assert!(names("Powered by Example Press").is_empty());
        assert_eq!(names("Quelle: dpa"), ["dpa"]);
        assert!(names("Quelle: Statistisches Bundesamt").is_empty());
    }

    #[test]
    fn datelines() {
        let e = read_text(&format!("BAKU, Azerbaijan — {BODY}"));
        let d = e.dateline.expect("dateline");
        assert_eq!(d.text, "BAKU, Azerbaijan —");
        assert_eq!(d.location, "Baku, Azerbaijan");
        assert_eq!(d.span, Span::new(0, "BAKU, Azerbaijan —".len()));
        let e = read_text(&format!("ATLANTA -- {BODY}"));
        assert_eq!(e.dateline.map(|d| d.location), Some("Atlanta".into()));
        let e = read_text(&format!("WASHINGTON (Reuters) - {BODY}"));
        assert_eq!(e.dateline.map(|d| d.location), Some("Washington".into()));
        assert!(read_text(BODY).dateline.is_none());
    }

    #[test]
    fn emails_are_not_handles() {
        assert!(read_text("Write to jane@example.org today.").social_handles.is_empty());
    }
}
