//! A stable-Rust randomized fuzzer for the same bodies as the libFuzzer
//! targets, for machines without a nightly toolchain:
//!
//!     cargo run --release --bin soak_fuzz -- analyze 10 [seed]
//!     cargo run --release --bin soak_fuzz -- html_extract 10 [seed]
//!
//! (target, minutes, seed). Inputs come from generators that know the domain
//! (words, names, reporting verbs, quote marks of every style, punctuation,
//! line endings, RTL text, emoji ZWJ sequences, combining marks, control
//! characters, nested and broken HTML, charset declarations) and from byte
//! mutations of earlier inputs. Each input runs under `catch_unwind`; a panic,
//! an input slower than 5 s, or an answer that grows faster than its input is
//! a finding, saved to `artifacts/<target>/` and deduplicated by its message.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// xorshift64*: small, fast, reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const WORDS: &[&str] = &[
    "the",
    "a",
    "minister",
    "government",
    "talks",
    "on",
    "in",
    "that",
    "was",
    "is",
    "would",
    "not",
    "will",
    "and",
    "of",
    "to",
    "for",
    "with",
    "counterproductive",
    "yesterday",
    "Monday",
    "December",
    "12",
    "2022",
    "$2 million",
    "76%",
    "2.5 tonnes",
    "U.S.",
    "Mr.",
    "Dr.",
    "Feb.",
    "No.",
    "e.g.",
    "i.e.",
    "it's",
    "students'",
    "don't",
    "o'clock",
    "@SabinaMmdl",
    "#news",
    "https://example.com/a?b=c",
    "user@example.com",
    "16:09",
    "(UTC+04:00)",
    "1990s",
    "well-known",
    "co-operate",
    "she",
    "he",
    "they",
    "it",
    "who",
    "which",
    "deputy",
    "spokeswoman",
    "company",
];
const NAMES: &[&str] = &[
    "Maria Zakharova",
    "Zakharova",
    "Vladimir Putin",
    "Ilham Aliyev",
    "the Foreign Ministry",
    "Google",
    "Apple Inc.",
    "BAKU",
    "Azerbaijan",
    "Kyiv",
    "Jose\u{301} Garci\u{301}a",
    "Zoe\u{308}",
    "O'Brien",
    "McDonald",
    "al-Assad",
    "Nguyễn Văn A",
    "Владимир",
    "محمد",
    "דוד",
    "習近平",
    "the United Nations",
    "NATO",
    "Ms. Smith",
    "J. R. R. Tolkien",
];
const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "added",
    "noted",
    "according to",
    "stressed",
    "explained",
    "claimed",
    "wrote",
    "said that",
    "told",
    "asked",
    "replied",
    "announced",
    "warned",
    "insisted",
    "called",
    "described",
    ":",
    "—",
];
const MARKS: &[&str] =
    &["\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "`", "``", "''", "「", "」", "『", "』", "‟"];
const PUNCT: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "...", "…", "—", "–", "-", "(", ")", "[", "]", "/", "&", "*", "•", "·", "?!", ".\"",
    ",\"", ".”", ",”", "\u{a0}",
];
const SPACES: &[&str] = &[" ", " ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\t", "  ", "\u{2028}"];
const UNICODE: &[&str] = &[
    "é",
    "e\u{301}",
    "ñ",
    "ß",
    "😀",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "👍🏽",
    "🏳\u{fe0f}\u{200d}🌈",
    "🇺🇦",
    "\u{202b}قال الوزير\u{202c}",
    "שלום",
    "नमस्ते",
    "日本語",
    "한국어",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\u{1}",
    "\u{1b}[0m",
    "\u{7f}",
    "\u{85}",
    "\u{fffd}",
    "\u{10ffff}",
    "\u{d7ff}",
    "ﬁ",
    "Ⅻ",
    "①",
    "٣",
    "\u{301}",
    "\u{200d}",
    "İ",
    "ǅ",
];
const TAGS: &[&str] = &[
    "div",
    "p",
    "span",
    "article",
    "section",
    "main",
    "nav",
    "aside",
    "footer",
    "header",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "h1",
    "h2",
    "ul",
    "li",
    "table",
    "tr",
    "td",
    "blockquote",
    "figure",
    "figcaption",
    "script",
    "style",
    "noscript",
    "iframe",
    "br",
    "img",
    "time",
    "meta",
    "title",
    "head",
    "body",
    "html",
    "template",
    "svg",
    "math",
    "pre",
    "code",
    "form",
    "button",
    "q",
    "cite",
    "font",
    "center",
    "marquee",
    "select",
    "option",
    "textarea",
];
const CLASSES: &[&str] = &[
    "article-body",
    "content",
    "post",
    "story",
    "nav",
    "menu",
    "comment",
    "comments",
    "share",
    "social",
    "related",
    "sidebar",
    "cookie-banner",
    "footer",
    "byline",
    "author",
    "date",
    "has-sidebar",
    "ad",
    "promo",
    "entry-content",
];

/// Article-like text from the domain's fragments.
fn text(rng: &mut Rng, pieces: usize) -> String {
    let mut out = String::new();
    for _ in 0..pieces {
        let piece = match rng.below(20) {
            0..=6 => rng.pick(WORDS),
            7..=8 => rng.pick(NAMES),
            9..=10 => rng.pick(CUES),
            11..=12 => rng.pick(MARKS),
            13..=14 => rng.pick(PUNCT),
            15..=16 => rng.pick(SPACES),
            _ => rng.pick(UNICODE),
        };
        out.push_str(piece);
        if rng.below(3) > 0 {
            out.push(' ');
        }
    }
    out
}

/// A quote-heavy article: "'...,' Name said." patterns, some broken.
fn quotes(rng: &mut Rng, count: usize) -> String {
    let mut out = String::new();
    for _ in 0..count {
        let (open, close) = *rng.pick(&[("\"", "\""), ("“", "”"), ("«", "»"), ("„", "“"), ("‘", "’"), ("'", "'")]);
        let words = 1 + rng.below(12);
        let body = text(rng, words);
        let (name, cue) = (rng.pick(NAMES), rng.pick(CUES));
        match rng.below(5) {
            0 => out.push_str(&format!("{open}{body},{close} {name} {cue}. ")),
            1 => out.push_str(&format!("{name} {cue}: {open}{body}.{close} ")),
            2 => out.push_str(&format!("{name} {cue} that {body}. ")),
            3 => out.push_str(&format!("{open}{body} ")),
            _ => out.push_str(&format!("{close}{body}{open} {cue} ")),
        }
        if rng.chance(4) {
            out.push_str(rng.pick_str(SPACES));
        }
    }
    out
}

/// Nested, broken and boilerplate-laden HTML.
fn html(rng: &mut Rng, budget: usize) -> String {
    let mut out = String::new();
    if rng.chance(2) {
        out.push_str(rng.pick_str(&[
            "<!DOCTYPE html>",
            "<?xml version=\"1.0\"?>",
            "<html lang=\"en\">",
            "\u{feff}<!doctype html>",
            "<meta charset=\"windows-1251\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">",
            "<meta charset=utf-16>",
            "<meta charset=\"x-user-defined\">",
        ]));
    }
    let mut open: Vec<&str> = Vec::new();
    for _ in 0..budget {
        match rng.below(12) {
            0..=3 => {
                let tag = rng.pick(TAGS);
                let class = rng.pick(CLASSES);
                match rng.below(4) {
                    0 => out.push_str(&format!("<{tag} class=\"{class}\">")),
                    1 => out.push_str(&format!("<{tag} id='{class}' data-x=\"&quot;&#x27;\">")),
                    2 => out.push_str(&format!("<{tag}>")),
                    _ => out.push_str(&format!("<{tag} itemprop=\"articleBody\" class={class}>")),
                }
                open.push(tag);
            }
            4..=5 => {
                if let Some(tag) = open.pop() {
                    out.push_str(&format!("</{tag}>"));
                }
            }
            6 => out.push_str(rng.pick_str(&[
                "&amp;",
                "&nbsp;",
                "&#8220;",
                "&#x201D;",
                "&bogus;",
                "&#0;",
                "&#xD800;",
                "<!-- c -->",
                "<![CDATA[x]]>",
                "</p>",
                "<p",
                "<",
                ">",
                "<br/>",
                "</>",
                "<script>var a = '<p>not</p>';</script>",
                "<a href=\"/x\">link text</a>",
            ])),
            7 => {
                let deep = rng.chance(50);
                let depth = 1 + rng.below(if deep { 5000 } else { 20 });
                let tag = rng.pick(TAGS);
                out.push_str(&format!("<{tag}>").repeat(depth));
                out.push_str(&text(rng, 3));
                if rng.chance(2) {
                    out.push_str(&format!("</{tag}>").repeat(depth));
                }
            }
            8 => out.push_str(&format!(
                "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"{}\",\"author\":{{\"name\":\"{}\"}},\"datePublished\":\"2023-02-23T16:09:00+04:00\"}}</script>",
                text(rng, 3).replace('"', ""),
                rng.pick(NAMES)
            )),
            _ => {
                let n = 1 + rng.below(10);
                out.push_str(&format!("<p>{}</p>", quotes(rng, n)));
            }
        }
    }
    out
}

/// A random structured request, encoded, for the prost path.
fn encoded_request(rng: &mut Rng, article: String) -> Vec<u8> {
    use lede::pb;
    use prost::Message;
    let weird =
        |rng: &mut Rng, max: i32| if rng.chance(8) { rng.next() as i32 } else { rng.below(max as usize) as i32 };
    let source = if rng.chance(4) {
        pb::document::Source::RawContent(article.into_bytes())
    } else {
        pb::document::Source::Content(article)
    };
    let req = pb::AnalyzeArticleRequest {
        document: (!rng.chance(20)).then(|| pb::Document {
            id: rng.pick(NAMES).to_string(),
            source: (!rng.chance(20)).then_some(source),
            format: weird(rng, 3),
            url: rng
                .pick_str(&["", "https://www.azernews.az/nation/2023/02/23/story.html", "not a url", "/rel"])
                .to_string(),
            language_code: rng.pick_str(&["", "en", "ru", "ar", "xx-invalid", "zh-Hant"]).to_string(),
            charset: rng.pick_str(&["", "utf-8", "windows-1251", "bogus"]).to_string(),
        }),
        features: (!rng.chance(3)).then(|| pb::Features {
            metadata: rng.chance(2),
            entities: rng.chance(2),
            quotes: rng.chance(2),
            summary: rng.chance(2),
        }),
        encoding_type: weird(rng, 4),
        summary_options: rng.chance(3).then(|| pb::SummaryOptions {
            max_sentences: weird(rng, 10),
            max_words: weird(rng, 200),
            ratio: f32::from_bits(rng.next() as u32) * if rng.chance(2) { 0.0 } else { 1.0 }
                + rng.below(2) as f32 * 0.5,
        }),
        quote_options: rng.chance(2).then(|| pb::QuoteOptions { method: weird(rng, 3) }),
    };
    let mut bytes = vec![0];
    bytes.extend(req.encode_to_vec());
    bytes
}

/// Byte-level mutations of an earlier input.
fn mutate(rng: &mut Rng, mut data: Vec<u8>, pool: &[Vec<u8>]) -> Vec<u8> {
    for _ in 0..1 + rng.below(8) {
        if data.is_empty() {
            data.push(rng.next() as u8);
        }
        let at = rng.below(data.len());
        match rng.below(7) {
            0 => data[at] = rng.next() as u8,
            1 => data[at] ^= 1 << rng.below(8),
            2 => {
                data.remove(at);
            }
            3 => {
                let insert = rng.pick(UNICODE).as_bytes().to_vec();
                data.splice(at..at, insert);
            }
            4 => {
                let other = rng.pick(pool);
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let to = (from + rng.below(256)).min(other.len());
                    data.splice(at..at, other[from..to].iter().copied());
                }
            }
            5 => {
                let end = (at + rng.below(64)).min(data.len());
                let chunk = data[at..end].to_vec();
                for _ in 0..rng.below(64) {
                    data.splice(at..at, chunk.iter().copied());
                }
            }
            _ => data.truncate(at),
        }
    }
    data.truncate(1 << 18);
    data
}

fn generate(rng: &mut Rng, target: &str, pool: &[Vec<u8>]) -> Vec<u8> {
    if !pool.is_empty() && rng.chance(3) {
        let base = rng.pick(pool).clone();
        return mutate(rng, base, pool);
    }
    let size = if rng.chance(20) { 2000 } else { 1 + rng.below(120) };
    let article = match rng.below(6) {
        0 => quotes(rng, size / 4 + 1),
        1 => html(rng, size / 2 + 1),
        2 => (0..rng.below(4096)).map(|_| rng.next() as u8 as char).collect(),
        3 => {
            // Long runs of one thing.
            let unit = rng.pick_str(&[
                "\"",
                "“",
                "a",
                "Ab1.\"é😀-_",
                "<div>",
                "said ",
                "\r",
                "\0",
                ". ",
                "Mr. ",
                "e\u{301}",
                "👍🏽",
            ]);
            unit.repeat(1 + rng.below(20_000))
        }
        _ => text(rng, size),
    };
    match target {
        "html_extract" => {
            let mut bytes = vec![rng.next() as u8];
            bytes.extend(article.into_bytes());
            bytes
        }
        _ if rng.chance(4) => encoded_request(rng, article),
        _ => {
            let mut bytes = vec![1 + rng.below(255) as u8];
            bytes.extend(article.into_bytes());
            bytes
        }
    }
}

struct Finding {
    count: usize,
    first: PathBuf,
    smallest: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("replay") {
        // soak_fuzz replay <target> <file>: runs one saved input and times it.
        let data = std::fs::read(&args[3]).unwrap();
        let t = Instant::now();
        match args[2].as_str() {
            "html_extract" => lede_fuzz::html_extract(&data),
            _ => lede_fuzz::analyze(&data),
        }
        println!("{} bytes in {:?}", data.len(), t.elapsed());
        return;
    }
    let target = args.get(1).map_or("analyze", String::as_str).to_owned();
    let minutes: f64 = args.get(2).and_then(|m| m.parse().ok()).unwrap_or(1.0);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0x5eed_1ede);
    let body: fn(&[u8]) = match target.as_str() {
        "analyze" => lede_fuzz::analyze,
        "html_extract" => lede_fuzz::html_extract,
        other => panic!("unknown target {other}: analyze or html_extract"),
    };
    let artifacts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts").join(&target);
    std::fs::create_dir_all(&artifacts).unwrap();
    panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap() = format!("{location}: {message}");
    }));

    let mut pool: Vec<Vec<u8>> = Vec::new();
    let seed_text = include_bytes!("../../../tests/fixtures/seed.txt");
    pool.push([&[1u8][..], seed_text].concat());
    pool.push([&[0x02u8][..], b"<html><body><article><p>", seed_text, b"</p></article></body></html>"].concat());

    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs_f64(minutes * 60.0);
    let started = Instant::now();
    let (mut execs, mut bytes_in, mut slowest) = (0u64, 0u64, (Duration::ZERO, 0usize));
    let mut findings: BTreeMap<String, Finding> = BTreeMap::new();
    let mut next_report = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let input = generate(&mut rng, &target, &pool);
        let t = Instant::now();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            if target == "analyze" {
                // The same body, plus a check on the answer's size.
                let (&first, rest) = input.split_first()?;
                let req =
                    if first == 0 { prost::Message::decode(rest).ok()? } else { lede_fuzz::request_from(first, rest) };
                lede_fuzz::analyze_request(&req).map(|res| (lede_fuzz::quote_bytes(&res), res.text.len()))
            } else {
                body(&input);
                None
            }
        }));
        let took = t.elapsed();
        execs += 1;
        bytes_in += input.len() as u64;
        if took > slowest.0 {
            slowest = (took, input.len());
        }
        let finding = match outcome {
            Err(_) => Some(std::mem::take(&mut *LAST_PANIC.lock().unwrap())),
            Ok(Some((quoted, text))) if quoted > 8 * text + 4096 => {
                Some(format!("answer blow-up: {quoted} bytes of quote text for a {text}-byte article"))
            }
            _ if took > Duration::from_secs(5) => Some(format!("slow input: over 5 s ({} bytes)", input.len())),
            _ => None,
        };
        if let Some(message) = finding {
            // Deduplicate by the message without its numbers.
            let key: String = message.chars().filter(|c| !c.is_ascii_digit()).take(200).collect();
            let n = findings.len();
            let entry = findings.entry(key).or_insert_with(|| Finding {
                count: 0,
                first: artifacts.join(format!("finding-{n}")),
                smallest: usize::MAX,
            });
            entry.count += 1;
            if input.len() < entry.smallest {
                entry.smallest = input.len();
                std::fs::write(&entry.first, &input).unwrap();
                std::fs::write(entry.first.with_extension("txt"), &message).unwrap();
            }
        } else if input.len() < 4096 && rng.chance(16) {
            // Keep some inputs that ran clean as material for mutation.
            if pool.len() < 512 {
                pool.push(input);
            } else {
                let i = rng.below(pool.len());
                pool[i] = input;
            }
        }
        if Instant::now() >= next_report {
            eprintln!("[{target}] {:?}: {execs} execs, {} findings", started.elapsed(), findings.len());
            next_report += Duration::from_secs(60);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{target}: seed {seed}, {execs} executions in {secs:.0} s ({:.1}/s), {} MB of input, slowest {:?} ({} bytes)",
        execs as f64 / secs,
        bytes_in / 1_000_000,
        slowest.0,
        slowest.1
    );
    println!("{} distinct findings", findings.len());
    for (key, f) in &findings {
        println!("  {}x {} -> {} ({} bytes)", f.count, key, f.first.display(), f.smallest);
    }
}
