//! The headline. Pages give it several times (`<title>`, `og:title`,
//! JSON-LD `headline`, the `<h1>`), most of them with the site's name glued
//! on; where two sources agree, that is the headline.

use crate::analysis::text;

/// Separators that glue a site name to a headline.
pub const SEPARATORS: &[&str] =
    &[" | ", " - ", " – ", " — ", " :: ", " : ", " » ", " « ", " · ", " • ", " // ", " ~ ", " › ", " │ "];

/// The sources of a headline, best first within each kind.
#[derive(Debug, Default)]
pub struct TitleSources<'a> {
    /// Titles written for machines: JSON-LD headline, og:title, twitter:title, meta title.
    pub declared: Vec<&'a str>,
    /// The `<title>` element.
    pub document: &'a str,
    /// The page's `<h1>` texts, in order.
    pub headings: Vec<&'a str>,
    /// Names the site goes by (og:site_name, publisher, host name).
    pub site_names: Vec<&'a str>,
}

/// Chooses and cleans the headline; empty when the page has none.
pub fn choose(sources: &TitleSources) -> String {
    let headline = pick(sources);
    text::without_soft_hyphens(&headline).into_owned()
}

fn pick(sources: &TitleSources) -> String {
    let sites: Vec<String> = sources.site_names.iter().map(|s| normalize(s)).filter(|s| s.len() >= 2).collect();
    let declared: Vec<String> = sources.declared.iter().map(|t| strip_site(t, &sites)).collect();
    let document = strip_site(sources.document, &sites);
    let headings: Vec<&str> = sources.headings.iter().map(|h| h.trim()).filter(|h| !h.is_empty()).collect();
    let raw = sources.declared.iter().copied().chain(std::iter::once(sources.document));
    let cleaned: Vec<&str> = declared.iter().map(String::as_str).chain(std::iter::once(document.as_str())).collect();
    // What the document title puts after a separator, and what before it.
    let document_ends: Vec<(String, String)> = SEPARATORS
        .iter()
        .filter_map(|sep| sources.document.rsplit_once(sep))
        .map(|(head, tail)| (squash(head), squash(tail)))
        .collect();
    // A declared title that the document title puts after a separator is the site's name.
    let trails_document = |c: &str| {
        let key = squash(c);
        document_ends.iter().any(|(_, tail)| *tail == key)
    };
    let not_site = |c: &&str| !c.is_empty() && !is_site(c, &sites) && !trails_document(c);
    // The site's name: a known one, or what the document title appends to a longer headline.
    let site_keys: Vec<String> = sites.iter().map(|site| squash(site)).collect();
    let names_the_site = |key: &str| {
        site_keys.iter().any(|site| site == key)
            || document_ends.iter().any(|(head, tail)| tail == key && head.len() > key.len())
    };
    let main_heading = headings.iter().find(|h| not_site(h));
    if let Some(headline) = main_heading.and_then(|h| without_kicker(h, raw.clone().chain(cleaned.iter().copied())))
        && not_site(&headline)
    {
        return headline.to_string();
    }
    // A heading that another source repeats is the headline, whatever site
    // decoration or kicker surrounds it there; the heading's own punctuation
    // wins. The site's name, in an h1 above the post's, is no such heading.
    for heading in &headings {
        let key = squash(heading);
        if key.chars().count() >= 4
            && (cleaned.iter().any(|c| squash(c) == key)
                || (!names_the_site(&key) && raw.clone().any(|c| has_part(c, &key))))
        {
            return (*heading).to_string();
        }
    }
    // A heading that ends with a declared title only adds a kicker to it.
    for title in &cleaned {
        let key = squash(title);
        if key.chars().count() >= 12 && headings.iter().any(|h| squash(h).ends_with(&key)) {
            return (*title).to_string();
        }
    }
    if let [only] = headings.as_slice()
        && not_site(only)
    {
        return (*only).to_string();
    }
    if let Some(first) = cleaned.iter().copied().find(not_site) {
        return first.to_string();
    }
    headings
        .iter()
        .copied()
        .find(not_site)
        .or(cleaned.iter().copied().find(|c| !c.is_empty()))
        .unwrap_or_default()
        .to_string()
}

/// The heading without its kicker: a short lead that the page sets apart
/// (its own line or span in the heading, with no separator or colon of the
/// heading's own) before text that a title gives on its own ("Interne
/// Unterlagen im Netz" + "Daten von Rheinmetall gehackt", where the title
/// reads "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz"). A
/// heading that joins the two itself ("Elder: Aus dem Ghetto") keeps them.
fn without_kicker<'h, 't>(heading: &'h str, titles: impl Iterator<Item = &'t str>) -> Option<&'h str> {
    let whole = squash(heading);
    let mut parts: Vec<String> = titles
        .flat_map(|title| std::iter::once(squash(title)).chain(title_parts(title)))
        .filter(|p| p.chars().count() >= 12)
        .collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    // The headline is most of the heading; a short tail is a name in it.
    let part = parts.iter().find(|p| whole.ends_with(p.as_str()) && whole != **p && p.len() * 2 >= whole.len())?;
    let start = heading.char_indices().map(|(i, _)| i).rev().find(|&i| squash(&heading[i..]) == *part)?;
    // Opening quotes and brackets belong to the headline.
    let start =
        heading[..start].trim_end_matches(['"', '\'', '„', '“', '”', '«', '‹', '‚', '‘', '(', '[', '¿', '¡']).len();
    let (lead, headline) = (heading[..start].trim_end(), heading[start..].trim());
    let joined = lead.ends_with([':', '-', '–', '—', '|', '│', '·', '•', '»', '/', '~']);
    (!joined && lead.split_whitespace().count() <= 8).then_some(headline)
}

/// Every run of a title's parts at a separator or a kicker's colon,
/// squashed: its leading and trailing parts.
fn title_parts(title: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for sep in SEPARATORS.iter().chain(&[": "]) {
        let pieces: Vec<&str> = title.split(sep).collect();
        for i in 1..pieces.len() {
            parts.push(squash(&pieces[..i].join(sep)));
            parts.push(squash(&pieces[i..].join(sep)));
        }
    }
    parts
}

/// Whether `title`, split at a separator or a kicker's colon, has `key` as
/// its leading or trailing part.
fn has_part(title: &str, key: &str) -> bool {
    title_parts(title).iter().any(|part| part == key)
}

/// Lower-case letters and digits only: titles compared across sources differ
/// in quote marks, dashes and spacing.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The title without a site name before or after a separator.
fn strip_site(title: &str, sites: &[String]) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for sep in SEPARATORS {
        let Some((head, tail)) = title.rsplit_once(sep) else { continue };
        if is_site(tail, sites) {
            return strip_site(head, sites);
        }
        if let Some((first, rest)) = title.split_once(sep)
            && is_site(first, sites)
        {
            return strip_site(rest, sites);
        }
    }
    // Without a known site name, a short last part after a separator is
    // still a site name; after a bar it may be longer.
    for sep in [" | ", " │ ", " - ", " – ", " — ", " :: ", " » ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let bar = sep.contains(['|', '│']);
            let (max_tail, min_head) = if bar { (5, 2) } else { (3, 3) };
            if tail.split_whitespace().count() <= max_tail
                && head.split_whitespace().count() >= min_head
                && (bar || !tail.chars().any(|c| c.is_ascii_digit()))
            {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn is_site(part: &str, sites: &[String]) -> bool {
    let part = normalize(part);
    let squashed: String = part.chars().filter(|c| c.is_alphanumeric()).collect();
    !part.is_empty()
        && sites.iter().any(|site| {
            let site_squashed: String = site.chars().filter(|c| c.is_alphanumeric()).collect();
            part == *site
                || (!site_squashed.is_empty()
                    && (squashed.contains(&site_squashed) || site_squashed.contains(&squashed))
                    && squashed.len() * 3 >= site_squashed.len())
        })
}

pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources<'a>(
        declared: &[&'a str],
        document: &'a str,
        headings: &[&'a str],
        sites: &[&'a str],
    ) -> TitleSources<'a> {
        TitleSources { declared: declared.to_vec(), document, headings: headings.to_vec(), site_names: sites.to_vec() }
    }

    #[test]
    fn site_suffix_is_removed() {
        assert_eq!(
            choose(&sources(&[], "Talks resume in Baku | Example News", &[], &["Example News"])),
            "Talks resume in Baku"
        );
        assert_eq!(
            choose(&sources(&[], "Example News - Talks resume in Baku", &[], &["Example News"])),
            "Talks resume in Baku"
        );
        assert_eq!(
            choose(&sources(&[], "Talks resume in Baku - ExampleNews.com", &[], &["examplenews"])),
            "Talks resume in Baku"
        );
    }

    #[test]
    fn unknown_short_suffix_is_removed() {
        assert_eq!(
            choose(&sources(&[], "Why the talks resumed in Baku | Daily Planet", &[], &[])),
            "Why the talks resumed in Baku"
        );
    }

    #[test]
    fn heading_agreeing_with_a_title_wins() {
        let s = sources(&["Talks resume - a long subtitle"], "Talks resume | Site", &["Talks resume"], &[]);
        assert_eq!(choose(&s), "Talks resume");
    }

    #[test]
    fn declared_title_beats_document_title() {
        let s = sources(&["Talks resume in Baku"], "Home page of a site", &["Menu", "Sections"], &[]);
        assert_eq!(choose(&s), "Talks resume in Baku");
    }

    #[test]
    fn heading_punctuation_and_kicker() {
        let s = sources(&["\"Welches Europa\" wir wollen"], "", &["„Welches Europa“ wir wollen"], &[]);
        assert_eq!(choose(&s), "„Welches Europa“ wir wollen");
        let s = sources(&["Klimaschutz: Bohren, bis es heiß wird"], "", &["Bohren, bis es heiß wird"], &[]);
        assert_eq!(choose(&s), "Bohren, bis es heiß wird");
    }

    #[test]
    fn site_name_is_no_headline() {
        let s = sources(&["Zahlenzauberin"], "Zahlenzauberin", &["Was zum Hören in den Ferien"], &["Zahlenzauberin"]);
        assert_eq!(choose(&s), "Was zum Hören in den Ferien");
    }

    #[test]
    fn a_blog_name_heading_is_not_the_headline() {
        let s = sources(
            &["Ins neue Jahr"],
            "Ins neue Jahr | Literaturgefluester",
            &["Literaturgefluester", "Ins neue Jahr"],
            &["Literaturgefluester"],
        );
        assert_eq!(choose(&s), "Ins neue Jahr");
        let s = sources(
            &["Scherenschnitt (3)"],
            "Scherenschnitt (3) | gnaddrig ad libitum",
            &["gnaddrig ad libitum"],
            &["gnaddrig ad libitum"],
        );
        assert_eq!(choose(&s), "Scherenschnitt (3)");
    }

    #[test]
    fn a_kicker_set_apart_in_the_heading_is_dropped() {
        let title = "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz";
        let s = sources(&[title], "", &["Interne Unterlagen im Netz Daten von Rheinmetall gehackt"], &[]);
        assert_eq!(choose(&s), "Daten von Rheinmetall gehackt");
        let s = sources(&["Why thinking beats smarts"], "", &["Open ProgressWhy thinking beats smarts"], &[]);
        assert_eq!(choose(&s), "Why thinking beats smarts");
    }

    #[test]
    fn a_heading_that_joins_its_parts_keeps_them() {
        let s = sources(&[], "News - Elder: Aus dem Ghetto nach Augusta", &["Elder: Aus dem Ghetto nach Augusta"], &[]);
        assert_eq!(choose(&s), "Elder: Aus dem Ghetto nach Augusta");
        let s =
            sources(&["Libre cours : Raoult, les nazis et moi"], "", &["Libre cours : Raoult, les nazis et moi"], &[]);
        assert_eq!(choose(&s), "Libre cours : Raoult, les nazis et moi");
        let s = sources(&[], "15 Jahre rete-mirabile.net", &["15 Jahre rete-mirabile.net"], &["rete-mirabile.net"]);
        assert_eq!(choose(&s), "15 Jahre rete-mirabile.net");
    }

    #[test]
    fn soft_hyphens_are_dropped() {
        let s = sources(&["Mes\u{ad}sen\u{ad}ger sind kein rechts\u{ad}frei\u{ad}er Raum"], "", &[], &[]);
        assert_eq!(choose(&s), "Messenger sind kein rechtsfreier Raum");
    }

    #[test]
    fn the_one_heading_is_the_headline() {
        let s = sources(&["Shop for corsets online"], "Shop for corsets online | Site", &["Corsets: a history"], &[]);
        assert_eq!(choose(&s), "Corsets: a history");
    }

    #[test]
    fn no_sources_no_title() {
        assert_eq!(choose(&TitleSources::default()), "");
    }
}
