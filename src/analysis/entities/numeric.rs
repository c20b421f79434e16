//! Dates, times, amounts of money, percentages and quantities, found by rule
//! over the shared tokens and given a normalized value: ISO 8601 for dates
//! ("2022-12-12", "2022-12", "199" for a decade, "P5Y" for a span of time)
//! and times ("16:09+04:00"), "2000000 USD" for money, "76%" for percentages,
//! "2.5 t" for quantities. Relative dates are resolved against the article's
//! date when there is one.

use super::{Entity, EntityType, Mention, MentionKind, normalize_name};
use crate::analysis::segment::{Segmentation, Token, TokenKind};
use crate::analysis::text::{Span, lowercase};
use crate::analysis::{AnalysisError, Budget, lexicon};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One matched expression: its type, its value and the token after it.
struct Found {
    kind: EntityType,
    value: String,
    end: usize,
}

/// The tokens of one sentence and what the rules need to read them.
struct Reader<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Each token in lower case, borrowed when it has no capital.
    lower: Vec<Cow<'a, str>>,
    /// The number that starts at each token ([`number`]), read once: three
    /// rules ask for it.
    numbers: Vec<Option<(f64, usize)>>,
    anchor: Option<NaiveDate>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, toks: &'a [Token], anchor: Option<NaiveDate>) -> Self {
        let lower = toks.iter().map(|t| lowercase(t.span.of(text))).collect();
        let mut reader = Self { text, toks, lower, numbers: Vec::new(), anchor };
        reader.numbers = (0..toks.len()).map(|i| read_number(&reader, i)).collect();
        reader
    }

    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.span.of(self.text))
    }

    fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |w| w)
    }

    /// The number that starts at token `i`: its value and the token after it.
    fn number(&self, i: usize) -> Option<(f64, usize)> {
        self.numbers.get(i).copied().flatten()
    }
}

/// Finds every date, time and amount of `text`, one entity per distinct
/// type and value, in order of first mention. Stops when `budget` runs out.
pub(super) fn find(
    text: &str,
    seg: &Segmentation,
    anchor: Option<NaiveDate>,
    budget: &Budget,
) -> Result<Vec<Entity>, AnalysisError> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_value: HashMap<(EntityType, String), usize> = HashMap::new();
    for s in 0..seg.sentences.len() {
        budget.check_every(s, 256)?;
        let r = Reader::new(text, seg.sentence_tokens(s), anchor);
        let mut i = 0;
        while i < r.toks.len() {
            let Some(found) = match_at(&r, i) else {
                i += 1;
                continue;
            };
            let span = Span::new(r.toks[i].span.start, r.toks[found.end - 1].span.end);
            let mention = Mention { span, kind: MentionKind::Proper };
            let key = (found.kind, found.value);
            match by_value.get(&key) {
                Some(&e) => entities[e].mentions.push(mention),
                None => {
                    by_value.insert(key.clone(), entities.len());
                    entities.push(Entity {
                        name: normalize_name(span.of(text)),
                        kind: key.0,
                        salience: 0.0,
                        mentions: vec![mention],
                        roles: Vec::new(),
                        normalized_value: key.1,
                    });
                }
            }
            i = found.end;
        }
    }
    Ok(entities)
}

fn match_at(r: &Reader, i: usize) -> Option<Found> {
    date(r, i)
        .or_else(|| time(r, i))
        .or_else(|| money(r, i))
        .or_else(|| amount_with_unit(r, i))
        .or_else(|| relative_date(r, i))
}

// ---- numbers ----

/// A number written in digits ("2,000", "1.5", "1.13bn") or words ("two and
/// a half"), with a following scale word ("5 million"); the value and the
/// token after it.
fn read_number(r: &Reader, i: usize) -> Option<(f64, usize)> {
    let (mut value, mut end) = digits(r, i).or_else(|| number_words(r, i))?;
    if let Some(scale) = scale_word(r.lower(end)) {
        value *= scale;
        end += 1;
    }
    Some((value, end))
}

fn digits(r: &Reader, i: usize) -> Option<(f64, usize)> {
    let tok = r.toks.get(i)?;
    if tok.kind != TokenKind::Number {
        return None;
    }
    let w = r.word(i);
    let numeric_len = w.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(w.len());
    let (num, suffix) = w.split_at(numeric_len);
    let value: f64 = num.replace(',', "").parse().ok()?;
    let scale = match suffix.to_lowercase().as_str() {
        "" => 1.0,
        "k" => 1e3,
        "m" | "mn" | "mln" => 1e6,
        "bn" | "b" | "bln" => 1e9,
        "tn" => 1e12,
        _ => return None,
    };
    Some((value * scale, i + 1))
}

fn scale_word(w: &str) -> Option<f64> {
    match w {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "millions" | "mln" | "mn" => Some(1e6),
        "billion" | "billions" | "bln" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// The value of one number word, or of a hyphenated pair ("twenty-five").
fn word_value(w: &str) -> Option<f64> {
    // Runs at almost every token: most words are turned away on their first
    // letter, before the match compares the word with each entry in turn.
    if !matches!(w.as_bytes().first(), Some(b'e' | b'f' | b'n' | b'o' | b's' | b't' | b'z')) {
        return None;
    }
    let n = match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => {
            let (tens, unit) = w.split_once('-')?;
            return Some(word_value(tens)? + word_value(unit).filter(|&u| u < 10.0)?);
        }
    };
    Some(f64::from(n))
}

/// "two", "twenty-five", "three hundred", "two and a half", "a dozen".
fn number_words(r: &Reader, i: usize) -> Option<(f64, usize)> {
    let w = r.lower(i);
    if w == "a" && r.lower(i + 1) == "dozen" {
        return Some((12.0, i + 2));
    }
    let mut value = word_value(w)?;
    let mut end = i + 1;
    if r.lower(end) == "hundred" {
        value *= 100.0;
        end += 1;
    }
    if r.lower(end) == "and" && r.lower(end + 1) == "a" && r.lower(end + 2) == "half" {
        value += 0.5;
        end += 3;
    }
    Some((value, end))
}

/// A value without a trailing ".0" and without float noise.
fn format_value(v: f64) -> String {
    let rounded = (v * 1e6).round() / 1e6;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 { format!("{}", rounded as i64) } else { format!("{rounded}") }
}

// ---- dates ----

fn month(w: &str) -> Option<u32> {
    // English months' names, January first: each line of en/months opens with the name.
    static NAMES: LazyLock<Vec<&str>> =
        LazyLock::new(|| lexicon::words_of("en", "months").filter_map(|line| line.split(' ').next()).collect());
    // A month is written with its capital, a short form too ("Dec."): this
    // test comes first since it turns away almost every token cheaply.
    if !w.starts_with(char::is_uppercase) {
        return None;
    }
    // Month names are ASCII, and no other capital folds to a letter of
    // theirs: other words are turned away without folding them.
    let stem = w.trim_end_matches('.');
    if stem.len() < 3 || !stem.is_ascii() {
        return None;
    }
    let abbreviates = |m: &str| stem.len() <= 4 && m.get(..stem.len()).is_some_and(|p| p.eq_ignore_ascii_case(stem));
    let n = NAMES.iter().position(|m| m.eq_ignore_ascii_case(stem) || abbreviates(m))?;
    Some(n as u32 + 1)
}

fn day_number(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    let ok_suffix = matches!(suffix, "" | "st" | "nd" | "rd" | "th");
    digits.parse().ok().filter(|d| (1..=31).contains(d) && ok_suffix)
}

fn year_number(w: &str) -> Option<i32> {
    (w.len() == 4).then(|| w.parse().ok()).flatten().filter(|y| (1000..=2200).contains(y))
}

/// A calendar date written out: "December 12, 2022", "12 December 2022",
/// "Dec. 12", "December 2022", "2023-02-23", and years or decades after a
/// preposition: "in 2020", "the early 1990s".
fn date(r: &Reader, i: usize) -> Option<Found> {
    let found = |value: String, end: usize| Some(Found { kind: EntityType::Date, value, end });
    if let Some(m) = month(r.word(i)) {
        if let Some(d) = day_number(r.word(i + 1)) {
            let comma = usize::from(r.word(i + 2) == ",");
            if let Some(y) = year_number(r.word(i + 2 + comma)) {
                return found(ymd(y, m, d)?, i + 3 + comma);
            }
            return found(month_day(r.anchor, m, d)?, i + 2);
        }
        if let Some(y) = year_number(r.word(i + 1)) {
            return found(format!("{y:04}-{m:02}"), i + 2);
        }
        // A bare month only after a word that introduces a time.
        let before = r.lower(i.checked_sub(1)?);
        return BEFORE_MONTH
            .contains(&before)
            .then(|| found(r.anchor.map_or_else(|| format!("--{m:02}"), |a| format!("{:04}-{m:02}", a.year())), i + 1))
            .flatten();
    }
    if r.toks[i].kind == TokenKind::Number
        && let Some(d) = day_number(r.word(i))
        && let Some(m) = month(r.word(i + 1))
    {
        if let Some(y) = year_number(r.word(i + 2)) {
            return found(ymd(y, m, d)?, i + 3);
        }
        return found(month_day(r.anchor, m, d)?, i + 2);
    }
    if let Some(iso) = iso_date(r.word(i)) {
        return found(iso, i + 1);
    }
    year_or_decade(r, i)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d).map(|date| date.format("%Y-%m-%d").to_string())
}

/// A day without a year takes the article's year.
fn month_day(anchor: Option<NaiveDate>, m: u32, d: u32) -> Option<String> {
    match anchor {
        Some(a) => ymd(a.year(), m, d),
        None => (d <= 31).then(|| format!("--{m:02}-{d:02}")),
    }
}

fn iso_date(w: &str) -> Option<String> {
    // "yyyy-mm-dd" is ten bytes: other lengths need no splitting.
    if w.len() != 10 {
        return None;
    }
    let mut parts = w.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn year_or_decade(r: &Reader, i: usize) -> Option<Found> {
    let w = r.word(i);
    let decade = w.strip_suffix('s').and_then(year_number).filter(|y| y % 10 == 0);
    let year = year_number(w);
    if decade.is_none() && year.is_none() {
        return None;
    }
    let before = r.lower(i.checked_sub(1)?);
    let intro = matches!(
        before,
        "in" | "since"
            | "until"
            | "by"
            | "from"
            | "during"
            | "before"
            | "after"
            | "of"
            | "early"
            | "late"
            | "mid"
            | "year"
            | "between"
    );
    let value = match (decade, year) {
        (Some(y), _) => format!("{}", y / 10),
        (None, Some(y)) if intro => format!("{y:04}"),
        _ => return None,
    };
    Some(Found { kind: EntityType::Date, value, end: i + 1 })
}

/// "yesterday", "last Tuesday", "on Monday", "next week", "two days ago",
/// and spans of time: "five years", "the three-decade conflict".
fn relative_date(r: &Reader, i: usize) -> Option<Found> {
    let w = r.lower(i);
    let date =
        |v: Option<String>, end: usize| Some(Found { kind: EntityType::Date, value: v.unwrap_or_default(), end });
    let shift = |days: i64| r.anchor.and_then(|a| a.checked_add_signed(chrono::Duration::days(days))).map(iso);
    match w {
        "yesterday" => return date(shift(-1), i + 1),
        "today" => return date(shift(0), i + 1),
        "tomorrow" => return date(shift(1), i + 1),
        _ => {}
    }
    let (modifier, day_at) = if matches!(w, "last" | "next" | "this") { (w, i + 1) } else { ("", i) };
    if let Some(day) = weekday(r.lower(day_at)) {
        return date(r.anchor.and_then(|a| resolve_weekday(a, day, modifier)), day_at + 1);
    }
    if matches!(w, "last" | "next" | "this" | "past") {
        let unit = r.lower(i + 1);
        let step: i32 = match w {
            "last" | "past" => -1,
            "next" => 1,
            _ => 0,
        };
        let v = r.anchor.and_then(|a| calendar_unit(a, unit, step));
        return matches!(unit, "week" | "month" | "year").then(|| date(v, i + 2)).flatten();
    }
    duration(r, i)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn weekday(w: &str) -> Option<Weekday> {
    match w {
        "monday" => Some(Weekday::Mon),
        "tuesday" => Some(Weekday::Tue),
        "wednesday" => Some(Weekday::Wed),
        "thursday" => Some(Weekday::Thu),
        "friday" => Some(Weekday::Fri),
        "saturday" => Some(Weekday::Sat),
        "sunday" => Some(Weekday::Sun),
        _ => None,
    }
}

/// News speaks of the past: a bare weekday is the latest one on or before
/// the article's day, "last" the latest one before it, "next" the first one
/// after it.
fn resolve_weekday(anchor: NaiveDate, day: Weekday, modifier: &str) -> Option<String> {
    let (a, d) = (anchor.weekday().num_days_from_monday(), day.num_days_from_monday());
    let back = u64::from((a + 7 - d) % 7);
    let ahead = u64::from((d + 7 - a) % 7);
    let date = match modifier {
        "next" => anchor.checked_add_days(Days::new(if ahead == 0 { 7 } else { ahead })),
        "last" => anchor.checked_sub_days(Days::new(if back == 0 { 7 } else { back })),
        _ => anchor.checked_sub_days(Days::new(back)),
    };
    date.map(iso)
}

/// "last week" -> "2023-W07", "next month" -> "2023-03", "this year" -> "2023".
fn calendar_unit(anchor: NaiveDate, unit: &str, step: i32) -> Option<String> {
    match unit {
        "week" => {
            let d = anchor.checked_add_signed(chrono::Duration::weeks(i64::from(step)))?;
            let w = d.iso_week();
            Some(format!("{:04}-W{:02}", w.year(), w.week()))
        }
        "month" => {
            let months = Months::new(step.unsigned_abs());
            let d = if step < 0 { anchor.checked_sub_months(months)? } else { anchor.checked_add_months(months)? };
            Some(format!("{:04}-{:02}", d.year(), d.month()))
        }
        "year" => Some(format!("{:04}", anchor.year() + step)),
        _ => None,
    }
}

/// "five years", "30 days", "the three-decade conflict": P5Y, P30D, P30Y;
/// "two days ago" resolves to a date.
fn duration(r: &Reader, i: usize) -> Option<Found> {
    let (n, end, unit) = match r.number(i) {
        Some((n, end)) => (n, end, r.lower(end)),
        None => {
            // A hyphenated "three-decade" or "five-year".
            let w = r.lower(i);
            let (num, unit) = w.rsplit_once('-')?;
            let n = word_value(num).or_else(|| num.parse().ok())?;
            (n, i, unit)
        }
    };
    let (designator, factor) = match unit.trim_end_matches('s') {
        "year" => ('Y', 1.0),
        "decade" => ('Y', 10.0),
        "month" => ('M', 1.0),
        "week" => ('W', 1.0),
        "day" => ('D', 1.0),
        _ => return None,
    };
    let after_unit = end + 1;
    if r.lower(after_unit) == "ago" && designator == 'D' {
        let v = r.anchor.and_then(|a| a.checked_sub_days(Days::new(n as u64))).map(iso);
        return Some(Found { kind: EntityType::Date, value: v.unwrap_or_default(), end: after_unit + 1 });
    }
    let end = if end == i { i + 1 } else { after_unit };
    Some(Found { kind: EntityType::Date, value: format!("P{}{designator}", format_value(n * factor)), end })
}

// ---- times ----

/// "16:09", "4 p.m.", "10:30 am", with a zone after it: "16:09 (UTC+04:00)".
fn time(r: &Reader, i: usize) -> Option<Found> {
    if r.toks.get(i)?.kind != TokenKind::Number {
        return None;
    }
    let w = r.word(i);
    let (mut h, m, mut end) = match w.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?, i + 1),
        _ => {
            let h = w.parse::<u32>().ok()?;
            meridiem(r.lower(i + 1))?;
            (h, 0, i + 1)
        }
    };
    if let Some(pm) = meridiem(r.lower(end)) {
        h = h % 12 + if pm { 12 } else { 0 };
        end += 1;
    }
    if h > 23 || m > 59 {
        return None;
    }
    let clock_end = end;
    let (zone, end) = zone(r, end);
    // A bare "1:45" is as often a race time or a score: it needs a meridiem,
    // a zone or a word that introduces a time.
    let before = i.checked_sub(1).map_or("", |b| r.lower(b));
    let introduced = BEFORE_TIME.contains(&before);
    if end == clock_end && clock_end == i + 1 && !introduced && !AFTER_TIME.contains(&r.lower(end)) {
        return None;
    }
    Some(Found { kind: EntityType::Time, value: format!("{h:02}:{m:02}{zone}"), end })
}

/// Words before a bare clock time that make it a time of day.
static BEFORE_TIME: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("before_time"));

/// Words before a bare month that make it a date.
static BEFORE_MONTH: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("before_month"));

/// Words after a clock time that say it is one.
static AFTER_TIME: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("after_time"));

/// `Some(true)` for p.m., `Some(false)` for a.m.
fn meridiem(w: &str) -> Option<bool> {
    match w {
        "p.m." | "pm" | "p.m" => Some(true),
        "a.m." | "am" | "a.m" => Some(false),
        _ => None,
    }
}

/// A time zone after a time: "GMT", "UTC+04:00", "(UTC+04:00)"; the ISO
/// offset and the token after it.
fn zone(r: &Reader, i: usize) -> (String, usize) {
    let open = usize::from(r.word(i) == "(");
    let name = r.word(i + open);
    if !matches!(name, "UTC" | "GMT" | "Z") {
        return (String::new(), i);
    }
    let mut end = i + open + 1;
    let mut offset = "Z".to_string();
    let sign = r.word(end);
    if matches!(sign, "+" | "-" | "−")
        && let Some(hm) = offset_digits(r.word(end + 1))
    {
        offset = format!("{}{hm}", if sign == "+" { '+' } else { '-' });
        end += 2;
    }
    if open == 1 {
        if r.word(end) != ")" {
            return (String::new(), i);
        }
        end += 1;
    }
    (offset, end)
}

fn offset_digits(w: &str) -> Option<String> {
    let (h, m) = w.split_once(':').unwrap_or((w, "00"));
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

// ---- money, percentages, quantities ----

/// "$1.13bn", "US$ 5 million", "EUR 10", "2,000 dollars", "5 million euros".
fn money(r: &Reader, i: usize) -> Option<Found> {
    let found = |v: f64, code: &str, end: usize| {
        Some(Found { kind: EntityType::Money, value: format!("{} {code}", format_value(v)), end })
    };
    let prefix_len = usize::from(r.word(i) == "US" && r.word(i + 1) == "$");
    if let Some(code) = currency_symbol(r.word(i + prefix_len)) {
        let (v, end) = r.number(i + prefix_len + 1)?;
        return found(v, code, end);
    }
    if let Some(code) = currency_code(r.word(i)) {
        let (v, end) = r.number(i + 1)?;
        return found(v, code, end);
    }
    let (v, end) = r.number(i)?;
    let code = currency_word(r.lower(end)).or_else(|| currency_code(r.word(end)))?;
    found(v, code, end + 1)
}

fn currency_symbol(w: &str) -> Option<&'static str> {
    match w {
        "$" => Some("USD"),
        "€" => Some("EUR"),
        "£" => Some("GBP"),
        "¥" => Some("JPY"),
        "₽" => Some("RUB"),
        "₼" => Some("AZN"),
        "₹" => Some("INR"),
        _ => None,
    }
}

fn currency_code(w: &str) -> Option<&'static str> {
    ["USD", "EUR", "GBP", "JPY", "CNY", "RUB", "AZN", "CHF", "INR", "TRY", "AUD", "CAD"].into_iter().find(|&c| c == w)
}

fn currency_word(w: &str) -> Option<&'static str> {
    match w {
        "dollar" | "dollars" => Some("USD"),
        "euro" | "euros" => Some("EUR"),
        "pound" | "pounds" | "sterling" => Some("GBP"),
        "yen" => Some("JPY"),
        "yuan" | "renminbi" => Some("CNY"),
        "ruble" | "rubles" | "rouble" | "roubles" => Some("RUB"),
        "manat" | "manats" => Some("AZN"),
        "rupee" | "rupees" => Some("INR"),
        "franc" | "francs" => Some("CHF"),
        "lira" | "liras" => Some("TRY"),
        _ => None,
    }
}

/// A number with a percent sign or a unit: "76%", "3.5 percent", "two and a
/// half tons", "300 km".
fn amount_with_unit(r: &Reader, i: usize) -> Option<Found> {
    let (v, end) = r.number(i)?;
    let next = r.lower(end);
    if next == "%" || next == "percent" || next == "pct" {
        return Some(Found { kind: EntityType::Percent, value: format!("{}%", format_value(v)), end: end + 1 });
    }
    if next == "per" && r.lower(end + 1) == "cent" {
        return Some(Found { kind: EntityType::Percent, value: format!("{}%", format_value(v)), end: end + 2 });
    }
    let (symbol, len) = unit(next, r.lower(end + 1))?;
    Some(Found { kind: EntityType::Quantity, value: format!("{} {symbol}", format_value(v)), end: end + len })
}

/// The symbol of a unit written as one word or two ("square kilometers"),
/// and how many words it took.
fn unit(w: &str, next: &str) -> Option<(&'static str, usize)> {
    let two = match (w, next) {
        ("square", "kilometers" | "kilometres" | "km") => Some("km2"),
        ("square", "miles") => Some("sq mi"),
        ("square", "meters" | "metres") => Some("m2"),
        ("cubic", "meters" | "metres") => Some("m3"),
        _ => None,
    };
    if let Some(s) = two {
        return Some((s, 2));
    }
    let one = match w {
        "ton" | "tons" | "tonne" | "tonnes" => "t",
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => "kg",
        "gram" | "grams" => "g",
        "km" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => "km",
        "mile" | "miles" => "mi",
        "meter" | "meters" | "metre" | "metres" => "m",
        "cm" | "centimeters" | "centimetres" => "cm",
        "mm" | "millimeters" | "millimetres" => "mm",
        "foot" | "feet" | "ft" => "ft",
        "inch" | "inches" => "in",
        "hectare" | "hectares" => "ha",
        "acre" | "acres" => "acre",
        "barrel" | "barrels" => "bbl",
        "liter" | "liters" | "litre" | "litres" => "L",
        "gallon" | "gallons" => "gal",
        "mw" | "megawatts" => "MW",
        "gw" | "gigawatts" => "GW",
        "kw" | "kilowatts" => "kW",
        "kwh" => "kWh",
        "bcm" => "bcm",
        "degrees" => "deg",
        "mph" => "mph",
        "knots" => "kn",
        _ => return None,
    };
    Some((one, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::segment;

    fn values(text: &str, anchor: Option<NaiveDate>) -> Vec<(String, EntityType, String)> {
        let seg = segment(text);
        let mut out: Vec<_> = find(text, &seg, anchor, &Budget::default())
            .unwrap_or_default()
            .into_iter()
            .flat_map(|e| {
                let (kind, value) = (e.kind, e.normalized_value.clone());
                e.mentions.into_iter().map(move |m| (m.span.of(text).to_string(), kind, value.clone()))
            })
            .collect();
        out.sort_by_key(|(s, _, _)| text.find(s.as_str()));
        out
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn written_dates() {
        let v = values("Since December 12, 2022, and on 10 November 2020 and 2023-02-23, in May.", day(2023, 2, 23));
        let got: Vec<(&str, &str)> = v.iter().map(|(s, _, n)| (s.as_str(), n.as_str())).collect();
        assert_eq!(
            got,
            [
                ("December 12, 2022", "2022-12-12"),
                ("10 November 2020", "2020-11-10"),
                ("2023-02-23", "2023-02-23"),
                ("May", "2023-05")
            ]
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_article() {
        // 2023-02-23 is a Thursday.
        let v = values(
            "He left yesterday. She came last Tuesday. They met on Monday, and will meet next Friday.",
            day(2023, 2, 23),
        );
        let got: Vec<&str> = v.iter().map(|(_, _, n)| n.as_str()).collect();
        assert_eq!(got, ["2023-02-22", "2023-02-21", "2023-02-20", "2023-02-24"]);
        let v = values("He left yesterday.", None);
        assert_eq!(v[0].2, "");
    }

    #[test]
    fn spans_of_time_and_decades() {
        let v = values("Peacekeepers stay for five years since the early 1990s, ending a three-decade conflict.", None);
        let got: Vec<&str> = v.iter().map(|(_, _, n)| n.as_str()).collect();
        assert_eq!(got, ["P5Y", "199", "P30Y"]);
    }

    #[test]
    fn times_with_zones() {
        let v = values("Posted 23 February 2023 16:09 (UTC+04:00) and at 4 p.m. The winner clocked 1:45.", None);
        let times: Vec<(&str, &str)> =
            v.iter().filter(|x| x.1 == EntityType::Time).map(|(s, _, n)| (s.as_str(), n.as_str())).collect();
        assert_eq!(times, [("16:09 (UTC+04:00)", "16:09+04:00"), ("4 p.m.", "16:00")]);
    }

    #[test]
    fn money_percent_quantity() {
        let v = values("It cost $1.13bn, or 2 million euros, up 76% and 3.5 percent, for two and a half tons.", None);
        let got: Vec<(&str, EntityType, &str)> = v.iter().map(|(s, k, n)| (s.as_str(), *k, n.as_str())).collect();
        assert_eq!(
            got,
            [
                ("$1.13bn", EntityType::Money, "1130000000 USD"),
                ("2 million euros", EntityType::Money, "2000000 EUR"),
                ("76%", EntityType::Percent, "76%"),
                ("3.5 percent", EntityType::Percent, "3.5%"),
                ("two and a half tons", EntityType::Quantity, "2.5 t"),
            ]
        );
    }

    #[test]
    fn number_words_and_month_names() {
        assert_eq!(word_value("nineteen"), Some(19.0));
        assert_eq!(word_value("twenty-five"), Some(25.0));
        assert_eq!(word_value("ninety-nine"), Some(99.0));
        assert_eq!(word_value("twenty-twelve"), None);
        assert_eq!(word_value("hundred"), None);
        assert_eq!(word_value(""), None);
        assert_eq!(month("Dec."), Some(12));
        assert_eq!(month("March"), Some(3));
        assert_eq!(month("march"), None);
        assert_eq!(month("Ma"), None);
        assert_eq!(month("Éclair"), None);
        assert_eq!(month("SEPT."), Some(9));
        assert_eq!(month("Decembers"), None);
    }

    #[test]
    fn plain_numbers_are_not_entities() {
        assert!(values("About 2,000 soldiers took 300 villages.", None).is_empty());
    }
}
