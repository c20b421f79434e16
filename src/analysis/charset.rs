//! Turning a page as fetched into text. The page's own declaration beats the
//! caller's hint because servers often send a default `charset` that the page
//! contradicts, while a page rarely lies about itself; detection is the last
//! resort for pages that say nothing.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How far into the page a `<meta charset>` declaration may stand, as in the
/// HTML prescan.
const PRESCAN_BYTES: usize = 1024;

/// Decodes a fetched page: BOM, then `<meta charset>`/`http-equiv` in the
/// first 1024 bytes, then the caller's hint (an HTTP charset label, may be
/// ""), then chardetng detection. Malformed sequences become U+FFFD.
pub fn decode(bytes: &[u8], hint: &str) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    let encoding = declared_in_page(&bytes[..bytes.len().min(PRESCAN_BYTES)])
        .or_else(|| Encoding::for_label(hint.trim().as_bytes()).map(html_compatible))
        .unwrap_or_else(|| detect(bytes));
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// An ASCII-compatible page cannot really be UTF-16 (it would not have been
/// readable to find the declaration), and `x-user-defined` means windows-1252,
/// as the HTML standard says.
fn html_compatible(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// The encoding a `<meta charset=...>` or `<meta http-equiv content="...;
/// charset=...">` declares: the first `charset` label inside a `<meta` tag.
fn declared_in_page(head: &[u8]) -> Option<&'static Encoding> {
    let mut rest = head;
    while let Some(at) = find_ascii_ci(rest, b"<meta") {
        let tag = &rest[at..];
        let end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
        if let Some(encoding) = charset_in_tag(&tag[..end]) {
            return Some(html_compatible(encoding));
        }
        rest = &tag[end.max(1)..];
    }
    None
}

fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find_ascii_ci(tag, b"charset")?;
    let rest = &tag[at + b"charset".len()..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_everything() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=windows-1251>é".as_bytes());
        assert_eq!(decode(&bytes, "iso-8859-1"), "<meta charset=windows-1251>é");
    }

    #[test]
    fn meta_charset_wins_over_hint() {
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode("<html><head><meta charset=\"windows-1251\"></head>Привет");
        assert!(decode(&body, "utf-8").ends_with("Привет"));
    }

    #[test]
    fn http_equiv_declaration_is_read() {
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>日本語の記事";
        let (body, _, _) = encoding_rs::SHIFT_JIS.encode(page);
        assert!(decode(&body, "").ends_with("日本語の記事"));
    }

    #[test]
    fn hint_is_used_without_declaration() {
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Привет</p>");
        assert_eq!(decode(&body, "windows-1251"), "<p>Привет</p>");
    }

    #[test]
    fn undeclared_page_is_detected() {
        let text = "<p>Москва — столица России, крупнейший по численности населения город страны.</p>";
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&body, ""), text);
        assert_eq!(decode("plain ascii".as_bytes(), ""), "plain ascii");
    }

    #[test]
    fn meta_claiming_utf16_means_utf8() {
        assert_eq!(decode("<meta charset=utf-16>é".as_bytes(), ""), "<meta charset=utf-16>é");
    }
}
