//! The nesting limit applied to the page's source before it is parsed.

use std::borrow::Cow;

/// How deep elements may nest before further tags are dropped. The HTML
/// parser's scope checks walk the stack of open elements, so its time grows
/// with the square of the depth; real pages stay far below this.
const MAX_DEPTH: usize = 256;

const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "keygen",
];
const RAW_TEXT_SOURCE_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe"];
/// Elements whose end tag is optional: a new one closes the open one.
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// The page with tags nested deeper than [`MAX_DEPTH`] removed (with their
/// end tags), found by a linear scan of the source; borrowed when nothing is removed.
pub(super) fn limit_nesting(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied_to = 0;
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut kept_depth = 0usize;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        if bytes[start..].starts_with(b"<!--") {
            i = memchr::memmem::find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |e| start + 4 + e + 3);
            continue;
        }
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        let mut drop = false;
        if closing {
            if let Some(pos) = stack.iter().rev().take(16).position(|(n, _)| *n == name) {
                let index = stack.len() - 1 - pos;
                drop = !stack[index].1;
                kept_depth -= stack[index..].iter().filter(|(_, kept)| *kept).count();
                stack.truncate(index);
            }
        } else if !VOID_TAGS.contains(&name.as_str()) && !self_closing {
            if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                && let Some(pos) = stack.iter().rev().take(4).position(|(n, _)| *n == name)
            {
                let index = stack.len() - 1 - pos;
                kept_depth -= stack[index..].iter().filter(|(_, kept)| *kept).count();
                stack.truncate(index);
            }
            drop = kept_depth >= MAX_DEPTH;
            kept_depth += usize::from(!drop);
            if RAW_TEXT_SOURCE_TAGS.contains(&name.as_str()) {
                let skip = find_end_tag(&bytes[end..], name.as_bytes());
                stack.push((name, !drop));
                if drop {
                    out.get_or_insert_with(String::new).push_str(&html[copied_to..start]);
                    copied_to = end;
                }
                i = end + skip;
                continue;
            }
            stack.push((name, !drop));
        }
        if drop {
            out.get_or_insert_with(String::new).push_str(&html[copied_to..start]);
            copied_to = end;
        }
        i = end;
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[copied_to..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(html),
    }
}

/// Where `</name` first stands in `bytes`, any case; the length if nowhere.
fn find_end_tag(bytes: &[u8], name: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, b"</")
        .find(|&at| bytes.get(at + 2..at + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .unwrap_or(bytes.len())
}

/// One past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_limited_without_touching_normal_pages() {
        let normal = "<div><p>a<p>b<ul><li>x<li>y</ul><script>if (a<b) {}</script></div>";
        assert!(matches!(limit_nesting(normal), Cow::Borrowed(_)));
        let deep = format!("{}x{}", "<div>".repeat(MAX_DEPTH + 10), "</div>".repeat(MAX_DEPTH + 10));
        let limited = limit_nesting(&deep);
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
    }
}
