//! Dates as articles write them: machine forms (ISO 8601, RFC 2822) from
//! markup, and the human forms of bylines ("23 February 2023 16:09 (UTC+04:00)",
//! "Feb. 23, 2023", "23. Februar 2023", "23.02.2023") from visible text. The
//! UTC offset the page gives is kept, so a reader sees the local time it wrote.

use crate::analysis::{AnalysisError, Budget};
use crate::analysis::{lexicon, text};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;
use regex_automata::{Anchored, Input, meta};
use std::sync::LazyLock;

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DatePrecision {
    Day,
    Minute,
    Second,
}

/// A date or date-time as precise as the article gives it, with the article's
/// own UTC offset.
///
/// A time of day written without an offset ("2021-05-12 14:30") names no
/// moment: it counts as its day only (the day is what the page meant), but
/// the time is kept so that another source giving the same moment with an
/// offset can complete it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticleDate {
    /// The local date-time; midnight when only the day is known.
    local: NaiveDateTime,
    /// Seconds east of UTC; `None` when the page gave a time but no offset.
    offset_seconds: Option<i32>,
    /// How precisely `local` was written (a floating time keeps its minute or second).
    written: DatePrecision,
}

/// The widest UTC offsets in use, in seconds.
const OFFSET_RANGE: std::ops::RangeInclusive<i64> = -12 * 3600..=14 * 3600;

impl ArticleDate {
    fn new(local: NaiveDateTime, offset_seconds: Option<i32>, written: DatePrecision) -> Option<Self> {
        plausible_year(local.year()).then_some(Self { local, offset_seconds, written })
    }

    pub fn day(date: NaiveDate) -> Option<Self> {
        Self::new(date.and_time(NaiveTime::MIN), Some(0), DatePrecision::Day)
    }

    /// RFC 3339 with the article's offset ("2023-02-23T16:09:00+04:00"), or
    /// the plain date ("2023-02-23") at day precision.
    pub fn local(&self) -> String {
        let Some(offset) = self.offset_seconds.filter(|_| self.written != DatePrecision::Day) else {
            return self.local.format("%Y-%m-%d").to_string();
        };
        let sign = if offset < 0 { '-' } else { '+' };
        let off = offset.unsigned_abs();
        format!("{}{sign}{:02}:{:02}", self.local.format("%Y-%m-%dT%H:%M:%S"), off / 3600, off % 3600 / 60)
    }

    /// The moment in UTC as Unix seconds and nanoseconds; midnight UTC of
    /// the day for a date-only value or a time without offset.
    pub fn instant(&self) -> (i64, i32) {
        match self.offset_seconds.filter(|_| self.written != DatePrecision::Day) {
            Some(offset) => {
                let utc = self.local.and_utc();
                (utc.timestamp() - i64::from(offset), i32::try_from(utc.timestamp_subsec_nanos()).unwrap_or(0))
            }
            None => (self.date().and_time(NaiveTime::MIN).and_utc().timestamp(), 0),
        }
    }

    pub fn precision(&self) -> DatePrecision {
        if self.offset_seconds.is_some() { self.written } else { DatePrecision::Day }
    }

    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }

    /// Whether a time of day was written, with or without an offset.
    fn has_time(&self) -> bool {
        self.written != DatePrecision::Day
    }

    /// Whether this names a moment: a time with its UTC offset.
    pub(crate) fn is_moment(&self) -> bool {
        self.has_time() && self.offset_seconds.is_some()
    }

    /// Whether this is a moment given in UTC, which may be the server's
    /// clock rather than the article's zone.
    pub(crate) fn is_utc_moment(&self) -> bool {
        self.is_moment() && self.offset_seconds == Some(0)
    }

    /// Whether `day` is the local day of this moment in some time zone.
    pub(crate) fn could_be_local_day(&self, day: NaiveDate) -> bool {
        let Some(offset) = self.offset_seconds.filter(|_| self.has_time()) else { return day == self.date() };
        let utc = self.local - chrono::Duration::seconds(i64::from(offset));
        let earliest = (utc + chrono::Duration::seconds(*OFFSET_RANGE.start())).date();
        let latest = (utc + chrono::Duration::seconds(*OFFSET_RANGE.end())).date();
        (earliest..=latest).contains(&day)
    }

    /// The same date with `other`'s time and offset, when `other` is the same
    /// day told more precisely.
    pub(crate) fn refined_by(self, other: ArticleDate) -> ArticleDate {
        if other.date() != self.date() {
            return self;
        }
        if let Some(moment) = self.same_moment(other) {
            return moment;
        }
        if self.precision() == DatePrecision::Day && other.precision() > DatePrecision::Day { other } else { self }
    }

    /// One moment told twice, once as a floating local time and once with an
    /// offset ("2023-11-08 23:30" and "2023-11-09T05:30Z"): the local time
    /// with the offset that joins them.
    pub(crate) fn same_moment(self, other: ArticleDate) -> Option<ArticleDate> {
        let (floating, moment) = match (self.is_moment(), other.is_moment()) {
            (false, true) if self.has_time() => (self, other),
            (true, false) if other.has_time() => (other, self),
            _ => return None,
        };
        let utc = moment.local - chrono::Duration::seconds(i64::from(moment.offset_seconds?));
        let offset = (floating.local - utc).num_seconds();
        let whole_quarter = offset % 900 == 0;
        (whole_quarter && OFFSET_RANGE.contains(&offset)).then(|| ArticleDate {
            local: floating.local,
            offset_seconds: i32::try_from(offset).ok(),
            written: floating.written.max(moment.written),
        })
    }
}

/// The year the web began: an article dated before it is a misreading (a
/// "1200" price, a phone number).
const FIRST_WEB_YEAR: i32 = 1990;

/// The latest year an article may carry: the clock's year and the next, as
/// a page may be dated a few hours into a time zone's new year, or carry an
/// embargo a few days ahead. Later years are misreadings. Read from the
/// clock at each call, so that a server running for years keeps up.
fn latest_year() -> i32 {
    this_year() + 1
}

fn this_year() -> i32 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(i64::try_from(now).unwrap_or(i64::MAX), 0).map_or(i32::MAX - 1, |t| t.year())
}

fn plausible_year(year: i32) -> bool {
    (FIRST_WEB_YEAR..=latest_year()).contains(&year)
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(\d{4})-?(\d{2})-?(\d{2})
        (?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*
        (Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?",
    )
    .expect("valid regex")
});

/// Parses a machine-readable date from markup: ISO 8601 / RFC 3339 (possibly
/// without offset or with a space), RFC 2822, or failing that, the first
/// human-written date in it.
pub fn parse_machine(value: &str) -> Option<ArticleDate> {
    let value = value.trim();
    if value.bytes().all(|b| b.is_ascii_digit()) && (9..=13).contains(&value.len()) {
        return unix_timestamp(value);
    }
    if let Some(c) = ISO.captures(value) {
        let date = ymd(&c[1], &c[2], &c[3])?;
        let Some(hour) = c.get(4) else { return ArticleDate::day(date) };
        let second = c.get(6).map_or("0", |m| m.as_str());
        let nanos = c.get(7).map_or(0, |m| fraction_nanos(m.as_str()));
        let time =
            NaiveTime::from_hms_nano_opt(hour.as_str().parse().ok()?, c[5].parse().ok()?, second.parse().ok()?, nanos)?;
        let precision = if c.get(6).is_some() { DatePrecision::Second } else { DatePrecision::Minute };
        let offset = match c.get(8) {
            Some(m) => Some(parse_offset(m.as_str())?),
            None => None,
        };
        return ArticleDate::new(date.and_time(time), offset, precision);
    }
    find_in_text(value, false).map(|found| found.date)
}

fn unix_timestamp(value: &str) -> Option<ArticleDate> {
    let mut secs: i64 = value.parse().ok()?;
    if value.len() > 11 {
        secs /= 1000;
    }
    let time = chrono::DateTime::from_timestamp(secs, 0)?.naive_utc();
    ArticleDate::new(time, Some(0), DatePrecision::Second)
}

fn fraction_nanos(digits: &str) -> u32 {
    let mut padded = digits.to_string();
    padded.truncate(9);
    while padded.len() < 9 {
        padded.push('0');
    }
    padded.parse().unwrap_or(0)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// "+04:00", "+0400", "-05", "Z", "UTC", "GMT+4", "UTC+04:00" to seconds east.
fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim().replace('−', "-");
    let s = ["UTC", "GMT", "Z"].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(&s).trim();
    if s.is_empty() {
        return Some(0);
    }
    let (sign, digits) = if let Some(d) = s.strip_prefix('+') { (1, d) } else { (-1, s.strip_prefix('-')?) };
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 | 4 => {
            let split = digits.len() - 2;
            (digits[..split].parse::<i32>().ok()?, digits[split..].parse::<i32>().ok()?)
        }
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// A date found in running text, with where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundDate {
    pub date: ArticleDate,
    pub start: usize,
    pub end: usize,
}

/// Month names and abbreviations in the languages news is most often
/// written in (`<lang>/months` in the lexicon): the forms of month `i + 1` at `i`.
static MONTHS: LazyLock<Vec<Vec<&str>>> = LazyLock::new(|| lexicon::by_position("months"));

static MONTH_ALTERNATION: LazyLock<String> =
    LazyLock::new(|| lexicon::alternation(MONTHS.iter().flatten().copied(), " "));

/// The dates of running text, each branch opening with a digit or a month's
/// name after a word boundary. Its Unicode word boundaries stop the fast
/// engines on any text with a non-ASCII character, so it only ever runs
/// anchored at the candidates [`DATE_START`] finds.
static TEXT_DATE: LazyLock<meta::Regex> =
    LazyLock::new(|| meta::Regex::new(&text_date_pattern()).expect("valid regex"));

fn text_date_pattern() -> String {
    let months = &*MONTH_ALTERNATION;
    format!(
        r"(?xi)
        \b(?P<iy>\d{{4}})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})\b
        | \b(?P<nd>\d{{1,2}})(?:\.(?P<nm>\d{{1,2}})\.|/(?P<nm2>\d{{1,2}})/|-(?P<nm3>\d{{1,2}})-)(?P<ny>\d{{4}}|\d{{2}})\b
        | \b(?P<pd>\d{{1,2}})\s\|\s(?P<pm>\d{{1,2}})\s\|\s(?P<py>\d{{4}})\b
        | \b(?P<dd>\d{{1,2}})(?:st|nd|rd|th|er|\.|º|°)?(?:\s+de|\s*\.)?[\s-]+(?P<dm>{months})\.?(?:\s+de|,)?[\s-]+(?P<dy>\d{{4}})\b
        | \b(?P<mm>{months})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})\b
        "
    )
}

/// The longest text a date of [`TEXT_DATE`] is looked for in, from where
/// it begins: a day, a month's longest name, a year and the spaces between.
const MAX_DATE_BYTES: usize = 128;

/// Where a date of [`TEXT_DATE`] may begin: a run of digits or a month's name.
/// Without word boundaries the lazy DFA runs it over any text, at the speed
/// of a scan. Every match is made of word characters, so no date can begin
/// inside one and the matches, read in order, pass every place a date begins.
static DATE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\d+|(?:{})", &*MONTH_ALTERNATION)).expect("valid regex"));

static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[\s,|·•\-–—@T]*(?:at\s+|um\s+|à\s+|a\s+las\s+|alle\s+|kl\.?\s+|-\s+)?
        (?P<h>\d{1,2})[:h.](?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s*Uhr)?\s*(?P<ampm>[ap]\.?m\.?)?
        (?:\s*\(?\s*(?P<off>(?:UTC|GMT)\s*(?:[+-−]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}|Z)\s*\)?)?",
    )
    .expect("valid regex")
});

/// The first date written in `text`, with a time of day and UTC offset when
/// they directly follow it. `month_first` reads "02/03/2023" as February 3.
pub fn find_in_text(text: &str, month_first: bool) -> Option<FoundDate> {
    find_all_in_text(text, month_first).next()
}

/// Every date written in `text`, in order: the matches `TEXT_DATE.captures_iter`
/// would give, found by running it only where [`DATE_START`] says a date may
/// begin, so that a long text without dates costs one fast scan.
pub fn find_all_in_text(text: &str, month_first: bool) -> impl Iterator<Item = FoundDate> + '_ {
    candidates(text, month_first).flatten()
}

/// The first date written in `text`, stopping when `budget` runs out: a text
/// of many megabytes may hold thousands of numbers before its first date.
pub fn find_first_within(text: &str, month_first: bool, budget: &Budget) -> Result<Option<FoundDate>, AnalysisError> {
    for (i, found) in candidates(text, month_first).enumerate() {
        budget.check_every(i, 1024)?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// One item for each place a date may begin: the date found there, if any.
fn candidates(text: &str, month_first: bool) -> impl Iterator<Item = Option<FoundDate>> + '_ {
    let mut caps = TEXT_DATE.create_captures();
    let mut searched_to = 0;
    DATE_START.find_iter(text).map(move |candidate| {
        let at = candidate.start();
        // A date begins at a word boundary; an ASCII word character before
        // the candidate rules one out without running the full pattern.
        let inside_word = text.as_bytes()[..at].last().is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
        if at < searched_to || inside_word {
            return None;
        }
        // No date is longer than this; the bound keeps each anchored search
        // from preparing its engine for the whole rest of the text.
        let end = text::floor_char_boundary(text, at + MAX_DATE_BYTES);
        TEXT_DATE.search_captures(&Input::new(text).range(at..end).anchored(Anchored::Yes), &mut caps);
        let whole = caps.get_match()?;
        searched_to = whole.end();
        let group = |name: &str| caps.get_group_by_name(name).map(|span| &text[span.range()]);
        let date = date_of_groups(group, month_first).filter(|d| plausible_year(d.year()))?;
        let (date, end) = with_time(text, whole.end(), date);
        Some(FoundDate { date, start: whole.start(), end })
    })
}

/// The day the groups of a `TEXT_DATE` match name.
fn date_of_groups<'t>(group: impl Fn(&str) -> Option<&'t str>, month_first: bool) -> Option<NaiveDate> {
    if let Some(y) = group("iy") {
        return ymd(y, group("im")?, group("id")?);
    }
    if let Some(y) = group("ny") {
        let year = full_year(y)?;
        let month = group("nm").or_else(|| group("nm2")).or_else(|| group("nm3"))?;
        let (a, b): (u32, u32) = (group("nd")?.parse().ok()?, month.parse().ok()?);
        let (month, day) = if (month_first && a <= 12) || b > 12 { (a, b) } else { (b, a) };
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    if let Some(y) = group("py") {
        return ymd(y, group("pm")?, group("pd")?);
    }
    let (d, m, y) = match group("dd") {
        Some(d) => (d, group("dm")?, group("dy")?),
        None => (group("md")?, group("mm")?, group("my")?),
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, month_number(m)?, d.parse().ok()?)
}

fn full_year(y: &str) -> Option<i32> {
    let n: i32 = y.parse().ok()?;
    Some(if y.len() == 2 { 2000 + n } else { n })
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let name = name.trim_end_matches('.');
    MONTHS.iter().position(|forms| forms.contains(&name)).and_then(|i| u32::try_from(i + 1).ok())
}

/// Attaches the time of day and offset that follow a date ("16:09
/// (UTC+04:00)", "4:09 pm", "16.09 Uhr").
fn with_time(text: &str, date_end: usize, date: NaiveDate) -> (ArticleDate, usize) {
    let day =
        ArticleDate { local: date.and_time(NaiveTime::MIN), offset_seconds: Some(0), written: DatePrecision::Day };
    let fallback = (day, date_end);
    let Some(c) = TIME_AFTER.captures(&text[date_end..]) else { return fallback };
    let parsed = (|| {
        let mut hour: u32 = c["h"].parse().ok()?;
        let minute: u32 = c["m"].parse().ok()?;
        if let Some(ampm) = c.name("ampm") {
            let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
            hour = match (hour, pm) {
                (12, false) => 0,
                (h, true) if h < 12 => h + 12,
                (h, _) => h,
            };
        }
        let second = c.name("s").map(|s| s.as_str().parse().ok()).unwrap_or(Some(0))?;
        let time = NaiveTime::from_hms_opt(hour, minute, second)?;
        let offset = match c.name("off") {
            Some(m) => Some(parse_offset(m.as_str())?),
            None => None,
        };
        let precision = if c.name("s").is_some() { DatePrecision::Second } else { DatePrecision::Minute };
        ArticleDate::new(date.and_time(time), offset, precision)
    })();
    match parsed {
        Some(d) => (d, date_end + c.get(0).map_or(0, |m| m.end())),
        None => fallback,
    }
}

/// How far before a date its label may stand: "Letzte Änderung: " and
/// "zuletzt am " fit, a sentence that happens to end in a date does not.
const LABEL_REACH: usize = 24;

/// A label's words (a lexicon list) at the end of the text before a date.
fn label_before_date(list: &'static str) -> Regex {
    let words = lexicon::alternation(lexicon::words(list), " ");
    Regex::new(&format!(r"(?i)\b(?:{words})\b\D*$")).expect("valid regex")
}

/// Words that label a date as the day the page was published.
static PUBLISHED_LABEL: LazyLock<Regex> = LazyLock::new(|| label_before_date("date_published"));

/// Words that label a date as the page's last update.
static UPDATED_LABEL: LazyLock<Regex> = LazyLock::new(|| label_before_date("date_updated"));

/// The date that a label in `text` marks as the page's own ("Published:
/// 3 May 2021", "Aktualisiert am 17.01.2021"): a page without markup says
/// when it was published or updated in those words, while a date that
/// prose mentions is the date of some event. A publication label wins over
/// an update label.
pub fn find_labelled(text: &str, month_first: bool) -> Option<ArticleDate> {
    let mut updated = None;
    for found in find_all_in_text(text, month_first) {
        let before = text::last_chars(&text[..found.start], LABEL_REACH);
        if PUBLISHED_LABEL.is_match(before) {
            return Some(found.date);
        }
        if updated.is_none() && UPDATED_LABEL.is_match(before) {
            updated = Some(found.date);
        }
    }
    updated
}

/// A date in a URL path: "/2019/08/02/", "/2019-08-02-title", "/20190802/".
pub fn from_url(url: &str) -> Option<ArticleDate> {
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"/(?:(?P<y>(?:19|20)\d{2})[/-]?(?P<m>\d{2})[/-]?(?P<d>\d{2})|(?P<d2>\d{2})-(?P<m2>\d{2})-(?P<y2>(?:19|20)\d{2}))(?:[/_.-]|$)",
        )
        .expect("valid regex")
    });
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let c = URL_DATE.captures(path)?;
    let part = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).map(|m| m.as_str());
    ArticleDate::day(ymd(part("y", "y2")?, part("m", "m2")?, part("d", "d2")?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_window_follows_the_calendar() {
        let this_year = this_year();
        assert!(plausible_year(FIRST_WEB_YEAR) && plausible_year(this_year) && plausible_year(this_year + 1));
        assert!(!plausible_year(FIRST_WEB_YEAR - 1) && !plausible_year(this_year + 2));
        let next_year = format!("{}-01-02", this_year + 1);
        assert_eq!(parse_machine(&next_year).map(|d| d.local()), Some(next_year));
        assert_eq!(parse_machine(&format!("{}-01-02", this_year + 2)), None);
    }

    fn machine(s: &str) -> String {
        parse_machine(s).map(|d| d.local()).unwrap_or_default()
    }

    #[test]
    fn iso_forms_keep_offset_and_precision() {
        assert_eq!(machine("2023-02-23T16:09:00+04:00"), "2023-02-23T16:09:00+04:00");
        assert_eq!(machine("2023-02-23T16:09+0400"), "2023-02-23T16:09:00+04:00");
        assert_eq!(machine("2023-02-23 16:09:00.123Z"), "2023-02-23T16:09:00+00:00");
        assert_eq!(machine("2023-02-23"), "2023-02-23");
        let d = parse_machine("2023-02-23T16:09-05:00").expect("date");
        assert_eq!(d.precision(), DatePrecision::Minute);
        assert_eq!(d.instant().0, 1_677_186_540);
    }

    #[test]
    fn day_instant_is_midnight_utc() {
        assert_eq!(parse_machine("1970-01-02").map(|d| d.instant()), None);
        assert_eq!(parse_machine("2000-01-01").map(|d| d.instant()), Some((946_684_800, 0)));
    }

    #[test]
    fn rfc2822_and_timestamps() {
        assert_eq!(machine("Thu, 23 Feb 2023 16:09:00 +0400"), "2023-02-23T16:09:00+04:00");
        assert_eq!(machine("1677154140"), "2023-02-23T12:09:00+00:00");
    }

    #[test]
    fn human_dates_in_several_languages() {
        let day = |s: &str| find_in_text(s, false).map(|f| f.date.local());
        assert_eq!(day("Posted on February 23, 2023"), Some("2023-02-23".into()));
        assert_eq!(day("23. Februar 2023"), Some("2023-02-23".into()));
        assert_eq!(day("le 3 mars 2021"), Some("2021-03-03".into()));
        assert_eq!(day("5 de enero de 2020"), Some("2020-01-05".into()));
        assert_eq!(day("Stand: 23.02.2023"), Some("2023-02-23".into()));
        assert_eq!(day("Feb. 3rd, 2021"), Some("2021-02-03".into()));
        assert_eq!(day("26 | 01 | 2022 | Fischen"), Some("2022-01-26".into()));
        assert_eq!(day("Preis 3 | 4 | 12"), None);
        assert_eq!(day("no date here 1234"), None);
        assert_eq!(find_in_text("02/03/2023", true).map(|f| f.date.local()), Some("2023-02-03".into()));
    }

    #[test]
    fn time_and_offset_follow_the_date() {
        let found = find_in_text("date 2023-02-23 23 February 2023 16:09 (UTC+04:00)", false).expect("date");
        assert_eq!(found.date.local(), "2023-02-23");
        let all: Vec<_> = find_all_in_text("23 February 2023 16:09 (UTC+04:00)", false).collect();
        assert_eq!(all[0].date.local(), "2023-02-23T16:09:00+04:00");
        assert_eq!(all[0].date.precision(), DatePrecision::Minute);
        let pm = find_in_text("March 1, 2022 at 4:05 p.m.", false).expect("date");
        assert_eq!(pm.date.local(), "2022-03-01");
        let pm = find_in_text("March 1, 2022 at 4:05 p.m. (GMT-5)", false).expect("date");
        assert_eq!(pm.date.local(), "2022-03-01T16:05:00-05:00");
    }

    #[test]
    fn a_labelled_date_wins_over_dates_in_prose() {
        let labelled = |s: &str| find_labelled(s, false).map(|d| d.local());
        let page = "Seit 4. August 2014 gilt das Gesetz.\n\nAktualisiert: 30.12.2016";
        assert_eq!(labelled(page), Some("2016-12-30".into()));
        let footer = "Letzte Änderung:\n31.10.2023 - 14:49\nErschienen am: 01.11.2023";
        assert_eq!(labelled(footer), Some("2023-11-01".into()));
        assert_eq!(labelled("Diese Seite wurde zuletzt am 29. Januar 2020 geändert."), Some("2020-01-29".into()));
        assert_eq!(labelled("Published in a long sentence that ends on 3 May 2021"), None);
        assert_eq!(labelled("The law took effect on 3 May 2021."), None);
    }

    #[test]
    fn a_time_without_offset_keeps_only_its_day() {
        let uhr = find_in_text("12.05.2021, 14:30 Uhr", false).expect("date").date;
        assert_eq!(uhr.local(), "2021-05-12");
        assert_eq!(uhr.precision(), DatePrecision::Day);
        assert_eq!(uhr.instant(), (1_620_777_600, 0));
        let iso = parse_machine("2023-11-08T23:30:59").expect("date");
        assert_eq!(iso.local(), "2023-11-08");
        assert_eq!(iso.instant().0, parse_machine("2023-11-08").expect("day").instant().0);
    }

    #[test]
    fn another_source_gives_the_offset_of_the_same_moment() {
        let floating = parse_machine("2023-11-08 23:30:59").expect("date");
        let utc = parse_machine("2023-11-09T05:30:59+00:00").expect("date");
        let joined = floating.same_moment(utc).expect("same moment");
        assert_eq!(joined.local(), "2023-11-08T23:30:59-06:00");
        assert_eq!(joined.precision(), DatePrecision::Second);
        assert_eq!(joined.instant(), utc.instant());
        assert_eq!(utc.same_moment(floating), Some(joined));
        let other_minute = parse_machine("2023-11-08 23:31:59").expect("date");
        assert_eq!(other_minute.same_moment(utc), None);
        assert_eq!(utc.same_moment(utc), None);
    }

    #[test]
    fn local_days_of_a_utc_moment() {
        let late = parse_machine("2023-11-06T23:00:00Z").expect("date");
        assert!(late.is_utc_moment());
        assert!(late.could_be_local_day(NaiveDate::from_ymd_opt(2023, 11, 7).expect("day")));
        let noon = parse_machine("2023-11-06T12:00:00Z").expect("date");
        assert!(!noon.could_be_local_day(NaiveDate::from_ymd_opt(2023, 11, 5).expect("day")));
        assert!(!parse_machine("2023-11-06T23:00:00+01:00").expect("date").is_utc_moment());
    }

    /// The dates of the whole pattern run over the whole text, as the search
    /// from candidates must find them.
    fn whole_pattern_dates(text: &str) -> Vec<(usize, NaiveDate)> {
        static WHOLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&text_date_pattern()).expect("valid regex"));
        WHOLE
            .captures_iter(text)
            .filter_map(|c| {
                let date = date_of_groups(|n| c.name(n).map(|m| m.as_str()), false)?;
                plausible_year(date.year()).then(|| (c.get(0).map_or(0, |m| m.start()), date))
            })
            .collect()
    }

    fn candidate_dates(text: &str) -> Vec<(usize, NaiveDate)> {
        find_all_in_text(text, false).map(|f| (f.start, f.date.date())).collect()
    }

    #[test]
    fn candidates_find_every_match_of_the_whole_pattern() {
        let texts = [
            "Posted on February 23, 2023 and 3 May 2021; 12.05.2021, 14:30 Uhr",
            "l’accord du 3 mars 2021 — « le 5 de enero de 2020 » ou 23. Februar 2023",
            "é2020-01-01 x2020-01-01 _2020-01-01 ٣2020-01-01 2020-01-011 summary 4 März 2020",
            "15 января 2020 года, 1 października 2019, 26 | 01 | 2022 | 3 | 4 | 12",
            "1234567 12345 2021-13-45 99/99/99 Mar. 3rd, 2021 Sept 9 2019 ſep 9, 2019 marzo 3, 2020",
            "3rd-June-2020 3-6-20 03/06/2020 ２０２０-01-01 2019.12.31 31.12.2019. Ḱ",
        ];
        for text in texts {
            assert_eq!(candidate_dates(text), whole_pattern_dates(text), "{text}");
        }
    }

    #[test]
    fn a_date_is_read_within_its_first_bytes_only() {
        let near = format!("3{}May 2021", " ".repeat(100));
        assert_eq!(candidate_dates(&near), whole_pattern_dates(&near));
        assert_eq!(candidate_dates(&near).len(), 1);
        let far = format!("3{}May 2021", " ".repeat(MAX_DATE_BYTES));
        assert_eq!(whole_pattern_dates(&far).len(), 1);
        assert!(candidate_dates(&far).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn candidates_agree_with_the_whole_pattern_on_any_mix(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "3", "23", "2021", "99", "2021-05-03", "12.05.", "/", "-", ".", "|", ",", " ", "  ", "\u{a0}",
                "May", "mars", "März", "января", "Sept", "de", "th", "er", "º", "’", "é", "x", "٣", "\n",
            ][..]), 0..24)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(candidate_dates(&text), whole_pattern_dates(&text));
        }
    }

    #[test]
    fn url_paths() {
        assert_eq!(from_url("https://x.org/blog/2019/08/02/post/").map(|d| d.local()), Some("2019-08-02".into()));
        assert_eq!(from_url("https://x.org/2019-08-02-post").map(|d| d.local()), Some("2019-08-02".into()));
        assert_eq!(from_url("https://x.org/id/12345678901"), None);
        assert_eq!(from_url("https://x.org/news/29-10-2021").map(|d| d.local()), Some("2021-10-29".into()));
    }
}
