//! Golden answers (issue 20): every article under `tests/golden/` is analyzed
//! as a caller gets it (`AnalyzeArticle` with every feature, UTF-8 offsets,
//! proto3 JSON) and compared with the `.json` file beside it, so that a rule's
//! effect on answers is a diff a reviewer can read.
//!
//! Cases: `NAME.txt` is plain text, `NAME.html` HTML, and `NAME.latin1.html`
//! HTML sent as raw ISO-8859-1 bytes with that charset hint. The seed article
//! (`tests/fixtures/seed.txt`) is the case `seed`.
//!
//! Quotes come from the default method (the rules); the seed and the
//! `quotes_*` cases are also answered with the learned method, in
//! `NAME.learned.json`.
//!
//! `LEDE_BLESS=1 cargo test --test golden` rewrites the expected files and
//! removes those whose input is gone; `git diff tests/golden` shows the change.

use lede::analysis::Budget;
use lede::analysis::quotes::QuoteMethod;
use lede::pb;
use prost_reflect::{DescriptorPool, Kind, MessageDescriptor};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const RESPONSE: &str = "lede.v1.AnalyzeArticleResponse";
const BLESS: &str = "LEDE_BLESS=1 cargo test --test golden";
/// Differing lines shown per mismatched case.
const DIFF_LINES: usize = 40;
/// A record of at most this many fields, nesting nothing deeper than a
/// span, stays on one line: one mention, author, keyphrase or summary
/// sentence per line reads best in a diff.
const MAX_ONE_LINE_FIELDS: usize = 4;

struct Case {
    name: String,
    input: PathBuf,
    expected: PathBuf,
    quote_method: QuoteMethod,
}

/// A path as the repository names it.
fn shown(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string()
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn cases() -> Vec<Case> {
    let dir = golden_dir();
    let mut cases = vec![Case {
        name: "seed".to_owned(),
        input: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt"),
        expected: dir.join("seed.json"),
        quote_method: QuoteMethod::Rules,
    }];
    for entry in std::fs::read_dir(&dir).expect("tests/golden is readable") {
        let path = entry.expect("tests/golden is readable").path();
        let file = path.file_name().and_then(|f| f.to_str()).unwrap_or_default();
        if let Some(name) = file.strip_suffix(".txt").or_else(|| file.strip_suffix(".html")) {
            assert_ne!(name, "seed", "the case `seed` is tests/fixtures/seed.txt; rename {}", path.display());
            cases.push(Case {
                name: name.to_owned(),
                expected: dir.join(format!("{name}.json")),
                input: path,
                quote_method: QuoteMethod::Rules,
            });
        }
    }
    let learned: Vec<Case> = cases
        .iter()
        .filter(|c| c.name == "seed" || c.name.starts_with("quotes_"))
        .map(|c| Case {
            name: format!("{}.learned", c.name),
            input: c.input.clone(),
            expected: dir.join(format!("{}.learned.json", c.name)),
            quote_method: QuoteMethod::Learned,
        })
        .collect();
    cases.extend(learned);
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(twins) = cases.windows(2).find(|w| w[0].name == w[1].name) {
        panic!("two inputs for the case `{}`: keep one of .txt and .html", twins[0].name);
    }
    cases
}

fn is_html(case: &Case) -> bool {
    case.input.extension().is_some_and(|e| e == "html")
}

fn request(case: &Case) -> pb::AnalyzeArticleRequest {
    let file = case.input.file_name().and_then(|f| f.to_str()).unwrap_or_default();
    let (source, charset) = if file.ends_with(".latin1.html") {
        let bytes = std::fs::read(&case.input).expect("the case is readable");
        (pb::document::Source::RawContent(bytes), "ISO-8859-1".to_owned())
    } else {
        let text = std::fs::read_to_string(&case.input)
            .unwrap_or_else(|e| panic!("{} is not readable as UTF-8: {e}", case.input.display()));
        (pb::document::Source::Content(text), String::new())
    };
    let format = if is_html(case) { pb::DocumentFormat::Html } else { pb::DocumentFormat::PlainText };
    pb::AnalyzeArticleRequest {
        document: Some(pb::Document {
            id: case.name.clone(),
            source: Some(source),
            format: format as i32,
            charset,
            ..Default::default()
        }),
        features: Some(pb::Features { metadata: true, entities: true, quotes: true, summary: true }),
        encoding_type: pb::EncodingType::Utf8 as i32,
        summary_options: None,
        quote_options: None,
    }
}

/// The answer as its expected file holds it.
fn answer(case: &Case, response_type: &MessageDescriptor) -> String {
    let request = request(case);
    let response = lede::api::analyze_blocking(&request, case.quote_method, &Budget::default())
        .unwrap_or_else(|e| panic!("case {}: the analysis failed: {e:?}", case.name));
    let json = lede::json::to_json(RESPONSE, &response).expect("the response serializes");
    let mut value: Value = serde_json::from_str(&json).expect("to_json gives JSON");
    let top = value.as_object_mut().expect("a response is an object");
    // Segmentation has its own unit tests (src/analysis/segment.rs); its
    // offsets would churn every case on any change to it.
    top.remove("paragraphs");
    top.remove("sentences");
    // Plain text comes back as it went in (kept, should it ever not); HTML's
    // extracted body is the point.
    let input = request.document.and_then(|d| d.source);
    if !is_html(case) && matches!(input, Some(pb::document::Source::Content(t)) if top["text"] == t.as_str()) {
        top.remove("text");
    }
    let mut out = String::new();
    render(&value, Some(response_type), 0, &mut out);
    out.push('\n');
    out
}

/// Pretty JSON with keys in the proto's field order and floats rounded to
/// three decimals, so float noise does not churn the files.
fn render(value: &Value, message: Option<&MessageDescriptor>, indent: usize, out: &mut String) {
    if one_line(value) {
        render_flat(value, message, out);
        return;
    }
    let (pad, close) = (" ".repeat(indent + 2), " ".repeat(indent));
    match value {
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                render(item, message, indent + 2, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&close);
            out.push(']');
        }
        Value::Object(_) => {
            let fields = fields(value, message);
            out.push_str("{\n");
            for (i, (key, field, child)) in fields.iter().enumerate() {
                let _ = write!(out, "{pad}{}: ", Value::String((*key).to_owned()));
                render(child, field.as_ref(), indent + 2, out);
                out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
            }
            out.push_str(&close);
            out.push('}');
        }
        _ => unreachable!("scalars are flat"),
    }
}

/// Scalars, lists of scalars and small records go on one line; a value's
/// layout depends on its shape only, never on the length of its text.
fn one_line(value: &Value) -> bool {
    fn depth(value: &Value) -> usize {
        match value {
            Value::Array(items) => items.iter().map(depth).max().map_or(0, |d| d + 1),
            Value::Object(map) => map.values().map(depth).max().map_or(0, |d| d + 1),
            _ => 0,
        }
    }
    match value {
        Value::Array(items) => items.iter().all(|item| depth(item) == 0),
        Value::Object(map) => map.is_empty() || (map.len() <= MAX_ONE_LINE_FIELDS && depth(value) <= 2),
        _ => true,
    }
}

fn render_flat(value: &Value, message: Option<&MessageDescriptor>, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render_flat(item, message, out);
            }
            out.push(']');
        }
        Value::Object(_) => {
            out.push('{');
            for (i, (key, field, child)) in fields(value, message).iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{}: ", Value::String((*key).to_owned()));
                render_flat(child, field.as_ref(), out);
            }
            out.push('}');
        }
        Value::Number(n) if n.is_f64() => {
            let rounded = (n.as_f64().unwrap_or_default() * 1000.0).round() / 1000.0;
            // -0.0 and 0.0 are one value.
            let _ = write!(out, "{}", Value::from(rounded + 0.0));
        }
        scalar => {
            let _ = write!(out, "{scalar}");
        }
    }
}

/// An object's members in the field order of its message, unknown keys
/// (none, unless the proto gains a field this file does not know) last in
/// name order; each with the message type of its value, if it has one.
fn fields<'v>(
    value: &'v Value,
    message: Option<&MessageDescriptor>,
) -> Vec<(&'v str, Option<MessageDescriptor>, &'v Value)> {
    let map = value.as_object().expect("fields of an object");
    let declared: Vec<(String, Option<MessageDescriptor>)> = message
        .map(|m| {
            m.fields()
                .map(|f| {
                    let kind = match f.kind() {
                        Kind::Message(inner) => Some(inner),
                        _ => None,
                    };
                    (f.json_name().to_owned(), kind)
                })
                .collect()
        })
        .unwrap_or_default();
    let rank = |key: &str| declared.iter().position(|(name, _)| name == key).unwrap_or(usize::MAX);
    let mut members: Vec<(&str, Option<MessageDescriptor>, &Value)> = map
        .iter()
        .map(|(k, v)| (k.as_str(), declared.iter().find(|(name, _)| name == k).and_then(|(_, m)| m.clone()), v))
        .collect();
    members.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then(a.0.cmp(b.0)));
    members
}

/// The first differing lines of two texts, `-` expected and `+` actual,
/// each with its line number in its own file.
fn line_diff(expected: &str, actual: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..].iter().rev().zip(new[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (old_mid, new_mid) = (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]);
    // A longest common subsequence over the changed middle: small, since
    // the common head and tail are cut off first.
    let (n, m) = (old_mid.len(), new_mid.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old_mid[i] == new_mid[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut differing, mut out) = (0, 0, 0, String::new());
    let mut emit = |sign: char, line_no: usize, line: &str, out: &mut String| {
        differing += 1;
        if differing <= DIFF_LINES {
            let _ = writeln!(out, "  {sign}{line_no:>5} | {line}");
        }
    };
    while i < n || j < m {
        if i < n && j < m && old_mid[i] == new_mid[j] {
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            emit('-', prefix + i + 1, old_mid[i], &mut out);
            i += 1;
        } else {
            emit('+', prefix + j + 1, new_mid[j], &mut out);
            j += 1;
        }
    }
    if differing > DIFF_LINES {
        let _ = writeln!(out, "  ... and {} more differing lines", differing - DIFF_LINES);
    }
    out
}

#[test]
fn golden_answers() {
    let pool = DescriptorPool::decode(pb::FILE_DESCRIPTOR_SET).expect("the embedded descriptors are valid");
    let response_type = pool.get_message_by_name(RESPONSE).expect("the response type is known");
    let bless = std::env::var_os("LEDE_BLESS").is_some_and(|v| !v.is_empty() && v != "0");
    let cases = cases();
    // Two cores' worth of threads halve the wall time; answers do not
    // depend on the order cases run in.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    let response_type = &response_type;
    let answers: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<_> = cases
            .chunks(cases.len().div_ceil(threads))
            .map(|chunk| scope.spawn(move || chunk.iter().map(|c| answer(c, response_type)).collect::<Vec<_>>()))
            .collect();
        chunks.into_iter().flat_map(|h| h.join().expect("a case panicked")).collect()
    });

    let mut failures = Vec::new();
    for (case, actual) in cases.iter().zip(&answers) {
        let expected = std::fs::read_to_string(&case.expected).ok();
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if bless {
            std::fs::write(&case.expected, actual).expect("the expected file is writable");
            continue;
        }
        failures.push(match expected {
            None => format!("{}: no expected file {}", case.name, shown(&case.expected)),
            Some(expected) => {
                format!("{}: differs from {}\n{}", case.name, shown(&case.expected), line_diff(&expected, actual))
            }
        });
    }

    let orphans: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !cases.iter().any(|c| &c.expected == p))
        .collect();
    for orphan in orphans {
        if bless {
            std::fs::remove_file(&orphan).expect("the orphan is removable");
        } else {
            failures.push(format!("{}: an expected file whose input is gone", shown(&orphan)));
        }
    }

    assert!(
        failures.is_empty(),
        "{} golden checks failed over {} cases:\n\n{}\nIf the new answers are right, run `{BLESS}` and review `git diff tests/golden`.",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn line_diff_shows_changed_lines_with_their_numbers() {
    let diff = line_diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
    assert_eq!(diff, "  -    2 | b\n  +    2 | B\n  +    5 | e\n");
}

#[test]
fn floats_are_rounded_and_small_records_stay_on_one_line() {
    let value: Value =
        serde_json::from_str(r#"{"a":[0.123456,1,-0.0001],"b":[{"c":"x","d":{"e":1}}],"f":{"g":[1]}}"#).unwrap();
    let mut out = String::new();
    render(&value, None, 0, &mut out);
    let expected = r#"{
  "a": [0.123, 1, 0.0],
  "b": [
    {"c": "x", "d": {"e": 1}}
  ],
  "f": {"g": [1]}
}"#;
    assert_eq!(out, expected);
}
