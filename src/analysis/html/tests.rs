use super::*;
use evidence::MAX_DATE_TEXT;

const PARAGRAPH: &str =
    "The council voted on Tuesday to approve the new budget, after a long debate about schools, roads and parks.";

fn page(body: &str) -> String {
    format!("<html><head><title>T</title></head><body>{body}</body></html>")
}

#[test]
fn article_paragraphs_without_boilerplate() {
    let html = page(&format!(
        r#"<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
            <div class="cookie-banner">We use cookies. Accept</div>
            <article><h1>Headline</h1><p>{PARAGRAPH}</p><p>Second, with more words, and commas, to be sure.</p>
            <div class="share-bar"><a href="/s">Share</a> <a href="/t">Tweet</a></div><p>Read more</p></article>
            <aside class="related"><p>Other story about something else, with commas, many words.</p></aside>
            <div id="comments"><p>I disagree with this article entirely, and I say so at length.</p></div>
            <footer>© Example</footer>"#
    ));
    let text = extract(&html).text;
    assert_eq!(text, format!("{PARAGRAPH}\n\nSecond, with more words, and commas, to be sure."));
}

#[test]
fn line_breaks_and_inline_markup() {
    let html = page(&format!("<div class=\"content\"><p>{PARAGRAPH}<br><br>Next <b>bold</b>word, here.</p></div>"));
    assert_eq!(extract(&html).text, format!("{PARAGRAPH}\n\nNext boldword, here."));
}

#[test]
fn evidence_is_gathered_from_head_and_body() {
    let html = r#"<html lang="de"><head><title>T | Site</title><meta property="og:title" content="T">
            <link rel="canonical" href="https://ex.org/a"><script type="application/ld+json">{"a":1}</script></head>
            <body><h1>T</h1><span class="byline">Von Jane Doe</span><time datetime="2020-01-02">2. Januar</time></body></html>"#;
    let page = extract(html).page;
    assert_eq!(page.language, "de");
    assert_eq!(page.title, "T | Site");
    assert_eq!(page.headings, ["T"]);
    assert!(page.metas.contains(&("og:title".into(), "T".into())));
    assert_eq!(page.json_ld, [r#"{"a":1}"#]);
    assert_eq!(page.links[0].href, "https://ex.org/a");
    assert_eq!(page.bylines, ["Von Jane Doe"]);
    assert!(page.dates.iter().any(|d| d.value == "2020-01-02"));
}

#[test]
fn lines_after_the_article() {
    let html = page(&format!(
        "<div><p>{PARAGRAPH} {PARAGRAPH} {PARAGRAPH}</p><p><b>Jane Doe</b></p><h3>More</h3><p>Other, longer teaser text that goes on and on here.</p></div>"
    ));
    assert_eq!(extract(&html).page.closing_lines, ["Jane Doe"]);
}

#[test]
fn authors_in_footers_but_not_in_comments() {
    let html = page(&format!(
        r#"<article><p>{PARAGRAPH}</p><footer><span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>
            <a rel="author" href="/u/jane">Jane Doe</a></footer></article>
            <aside class="comments"><footer><a rel="author" href="/u/troll">Troll</a>
            <span itemprop="author">Reader</span></footer></aside>"#
    ));
    assert_eq!(extract(&html).page.boilerplate_authors, ["Jane Doe", "Jane Doe"]);
}

#[test]
fn fields_of_script_data() {
    let html = page(&format!(
        r#"<script>window.state = {{"publishedDate":"2016-11-04T20:37:27Z","author":"Jane Doe","n":1}};</script><p>{PARAGRAPH}</p>"#
    ));
    let fields = extract(&html).page.script_fields;
    assert_eq!(
        fields,
        [("publisheddate".to_string(), "2016-11-04T20:37:27Z".to_string()), ("author".into(), "Jane Doe".into())]
    );
    let layer = page(&format!(
        "<script>dataLayer = [{{'pageCategory': 'news', 'author' : 'Jane Doe, John Roe'}}];\n\
             dl['Author'] = 'Jane Doe'; var x = {{'data-author': 'no', byline: \"By John Roe\"}};</script><p>{PARAGRAPH}</p>"
    ));
    let fields = extract(&layer).page.script_fields;
    assert_eq!(
        fields,
        [
            ("author".to_string(), "Jane Doe, John Roe".to_string()),
            ("author".into(), "Jane Doe".into()),
            ("byline".into(), "By John Roe".into())
        ]
    );
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let html = format!("{}<p>{PARAGRAPH}</p>{}", "<div>".repeat(depth), "</div>".repeat(depth));
    assert!(extract(&html).text.contains("council"));
}

#[test]
fn entities_are_decoded() {
    assert_eq!(decode_entities("Redacci&oacute;n &amp; <Co> &#8216;x&#8217;"), "Redacción & <Co> ‘x’");
    assert_eq!(decode_entities("plain"), "plain");
}

#[test]
fn nested_date_elements_each_hand_over_a_short_text() {
    // Found by fuzzing: 256 nested <time> elements each gave the date
    // search the whole article, multiplying its work by the depth.
    let body = "Владимир said that „NATO No. is here. ".repeat(60);
    let html = format!("<html><body><p>{}{body}</p></body></html>", "<time>".repeat(256));
    let article = extract(&html);
    assert!(!article.page.dates.is_empty());
    assert!(article.page.dates.iter().all(|d| d.value.len() <= MAX_DATE_TEXT));
}

/// A story of `n` paragraphs, each distinct, each long enough to vote.
fn story(label: &str, n: usize) -> String {
    (1..=n)
        .map(|i| format!("<p>{label} paragraph {i}: the council met again, and the debate about schools, roads and parks went on.</p>"))
        .collect()
}

#[test]
fn a_page_wrapped_in_a_form_keeps_its_article() {
    let html = page(&format!(
        r#"<form id="aspnetForm" action="/page.aspx"><div class="header"><input name="q"><button>Search</button></div>
        <div class="main">{}</div></form>
        <form class="search"><label>Search the site</label><input name="q"></form>"#,
        story("Story", 4)
    ));
    let text = extract(&html).text;
    assert!(text.starts_with("Story paragraph 1:"), "{text}");
    assert!(text.contains("Story paragraph 4:"));
    assert!(!text.contains("Search"));
}

#[test]
fn sibling_sections_make_one_article_in_reading_order() {
    let section = |body: &str| {
        format!(r#"<div class="block"><section><div class="row"><div class="col">{body}</div></div></section></div>"#)
    };
    let html = page(&format!(
        r#"<div class="page">{}<div class="ad-slot"></div>{}<div class="ad-slot"></div>{}</div>"#,
        section(&story("Opening", 3)),
        section(&format!("<h3>What the mayor said</h3>{}", story("Middle", 6))),
        section(&story("Closing", 3)),
    ));
    let text = extract(&html).text;
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 13, "{text}");
    assert!(paragraphs[0].starts_with("Opening paragraph 1:"));
    assert_eq!(paragraphs[3], "What the mayor said");
    assert!(paragraphs[12].starts_with("Closing paragraph 3:"));
}

#[test]
fn a_caption_before_the_story_is_not_the_story() {
    let html = page(&format!(
        r#"<article><figure><img src="a.jpg"><figcaption>The council chamber on Tuesday, where members debated the budget, schools, roads and parks for hours. Photo: Agency</figcaption></figure>
        <div class="image-caption">Photo: Jane Roe, Agency, all rights reserved, used with permission</div>{}</article>"#,
        story("Story", 3)
    ));
    let text = extract(&html).text;
    assert!(text.starts_with("Story paragraph 1:"), "{text}");
    assert!(!text.contains("Photo"));
}

#[test]
fn a_most_read_block_stays_out() {
    let teasers: String = (1..=5)
        .map(|i| format!("<li><a href=\"/n/{i}\">Other headline {i}</a><p>Teaser {i} of another story, with a comma, and more words to read.</p></li>"))
        .collect();
    let html = page(&format!(
        r#"<div class="content"><h1>Headline</h1>{}<div class="box"><h2>Most read</h2><ul>{teasers}</ul></div></div>"#,
        story("Story", 4)
    ));
    let text = extract(&html).text;
    assert!(text.contains("Story paragraph 4:"));
    assert!(!text.contains("Most read") && !text.contains("Teaser"), "{text}");
}

#[test]
fn a_donation_appeal_stays_out() {
    let html = page(&format!(
        r#"<article>{}<div class="donation-appeal"><p>Independent journalism costs money, and we rely on readers like you, so please give what you can today.</p><a href="/give">Give now</a></div></article>"#,
        story("Story", 4)
    ));
    let text = extract(&html).text;
    assert!(text.ends_with("parks went on."), "{text}");
}

#[test]
fn a_comment_thread_stays_out() {
    let comments: String = (1..=4)
        .map(|i| format!("<li><p>Reader {i} disagrees with the council, at length, with commas, and with feeling, as readers do.</p></li>"))
        .collect();
    let html = page(&format!(
        r#"<div class="post">{}<h3>4 Comments</h3><ol class="commentlist">{comments}</ol></div>"#,
        story("Story", 4)
    ));
    let text = extract(&html).text;
    assert!(text.ends_with("parks went on."), "{text}");
}

#[test]
fn lists_tables_and_quotes_are_kept_as_text() {
    let html = page(&format!(
        r#"<article>{}<ul><li>First point</li><li>Second point</li></ul>
        <table><tr><td>Schools</td><td>4 million</td></tr></table><blockquote>We will build, the mayor said.</blockquote>{}</article>"#,
        story("Story", 2),
        story("More", 2)
    ));
    let text = extract(&html).text;
    for part in
        ["First point", "Second point", "Schools\n\n4 million", "We will build, the mayor said.", "More paragraph 2"]
    {
        assert!(text.contains(part), "{part} missing from {text}");
    }
}

#[test]
fn a_page_of_links_has_no_article() {
    let links: String =
        (1..=30).map(|i| format!("<li><a href=\"/s/{i}\">Section number {i} of the site</a></li>")).collect();
    let html = page(&format!("<div class=\"home\"><ul>{links}</ul></div>"));
    assert_eq!(extract(&html).text, "");
}
