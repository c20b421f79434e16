//! Telling an HTML page from plain text.

/// Whether `content` is an HTML page or fragment rather than plain text.
pub fn looks_like_html(content: &str) -> bool {
    let head: String = content.trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
    {
        return true;
    }
    let sample = &head[..];
    ["<p>", "<p ", "<div", "<br", "<body", "<head", "<article", "<meta ", "<span", "<a href"]
        .iter()
        .filter(|t| sample.contains(*t))
        .count()
        >= 2
        || (sample.starts_with('<') && ["</p>", "</div>", "</a>", "</span>"].iter().any(|t| content.contains(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("<!DOCTYPE html><html><body></body></html>"));
        assert!(looks_like_html("<div><p>Hello</p></div>"));
        assert!(!looks_like_html("A <b> tag mentioned in plain text, 3 < 4."));
        assert!(!looks_like_html(" date 2023-02-23\n\nSome text."));
    }
}
