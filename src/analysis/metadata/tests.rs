use super::*;
use crate::analysis::html;
use crate::analysis::segment::segment;

/// A plain-text article shaped like the seed: a date header, an author line
/// ending in "Read more", a bio after "---" and the publisher's follow line.
const PLAIN: &str = " date 2021-06-01 1 June 2021 09:30 (UTC+02:00)

Jane Doe Read more

The council voted on Tuesday to approve the new budget after a long debate about schools and roads.

\"We listened to everyone,\" the mayor said after the vote, adding that the plan would be reviewed next year.

---

Jane Doe is Example Times’ staff journalist, follow her on Twitter: @janedoe

Follow us on Twitter @ExampleTimesX";

fn plain(text: &str) -> Metadata {
    extract(text, &segment(text), None, "", "", &Budget::default()).unwrap()
}

fn page(html_text: &str) -> Metadata {
    let article = html::extract(html_text);
    extract(&article.text, &segment(&article.text), Some(&article.page), "", "", &Budget::default()).unwrap()
}

#[test]
fn plain_text_header_and_footer() {
    let md = plain(PLAIN);
    assert_eq!(md.title, "");
    let published = md.published.expect("date");
    assert_eq!(published.local(), "2021-06-01T09:30:00+02:00");
    assert_eq!(published.precision(), DatePrecision::Minute);
    assert_eq!(published.instant(), (1_622_532_600, 0));
    assert_eq!(md.authors, vec![Author { name: "Jane Doe".into(), handle: "@janedoe".into(), ..Author::default() }]);
    assert_eq!(md.publisher, "Example Times");
    assert_eq!(md.publisher_handle, "@ExampleTimesX");
    assert_eq!((md.language.as_str(), md.language_source), ("en", LanguageSource::Detected));
    assert_eq!(md.social_handles, ["@janedoe", "@ExampleTimesX"]);
    assert_eq!(md.word_count, segment(PLAIN).word_count());
    assert!(md.reading_time_seconds > 0);
}

#[test]
fn nothing_is_invented() {
    let md = plain("The council voted on Tuesday to approve the new budget after a long debate.");
    assert!(md.title.is_empty() && md.authors.is_empty() && md.published.is_none() && md.publisher.is_empty());
    assert!(md.dateline.is_none() && md.canonical_url.is_empty());
}

#[test]
fn request_language_wins() {
    let md = extract(PLAIN, &segment(PLAIN), None, "", "fr", &Budget::default()).unwrap();
    assert_eq!((md.language.as_str(), md.language_source), ("fr", LanguageSource::Request));
}

const BODY: &str =
    "<p>The council voted on Tuesday to approve the new budget, after a long debate about schools, roads and parks.</p>
<p>The mayor said the plan, which was drafted last spring, would be reviewed next year by an independent panel.</p>";

#[test]
fn json_ld_beats_meta_tags() {
    let md = page(&format!(
        r#"<html lang="en-GB"><head><title>Budget approved | Example Times</title>
        <meta property="og:title" content="Budget approved">
        <meta property="og:site_name" content="Example Times">
        <meta property="article:published_time" content="2021-06-02T10:00:00Z">
        <meta name="author" content="Someone Else">
        <link rel="canonical" href="https://example.org/news/budget">
        <script type="application/ld+json">{{"@type":"NewsArticle","headline":"Budget approved",
          "datePublished":"2021-06-01T09:30:00+02:00","author":{{"@type":"Person","name":"Jane Doe"}},
          "publisher":{{"@type":"Organization","name":"Example Times"}}}}</script></head>
        <body><article><h1>Budget approved</h1>{BODY}</article></body></html>"#
    ));
    assert_eq!(md.title, "Budget approved");
    assert_eq!(md.published.map(|d| d.local()), Some("2021-06-01T09:30:00+02:00".into()));
    assert_eq!(md.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Jane Doe"]);
    assert_eq!(md.publisher, "Example Times");
    assert_eq!(md.canonical_url, "https://example.org/news/budget");
    assert_eq!((md.language.as_str(), md.language_source), ("en-GB", LanguageSource::Declared));
}

#[test]
fn meta_tags_alone() {
    let md = page(&format!(
        r#"<html><head><title>Budget approved - Example Times</title>
        <meta property="og:site_name" content="Example Times">
        <meta property="article:published_time" content="2021-06-02T10:00:00+01:00">
        <meta property="article:modified_time" content="2021-06-03T10:00:00+01:00">
        <meta name="author" content="By Jane Doe and John Roe">
        <meta property="article:section" content="Politics">
        <meta property="article:tag" content="budget"><meta property="article:tag" content="council">
        <meta name="twitter:site" content="@ExampleTimes"></head>
        <body>{BODY}</body></html>"#
    ));
    assert_eq!(md.title, "Budget approved");
    assert_eq!(md.published.map(|d| d.local()), Some("2021-06-02T10:00:00+01:00".into()));
    assert_eq!(md.modified.map(|d| d.local()), Some("2021-06-03T10:00:00+01:00".into()));
    assert_eq!(md.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Jane Doe", "John Roe"]);
    assert_eq!(md.section, "Politics");
    assert_eq!(md.tags, ["budget", "council"]);
    assert_eq!(md.publisher_handle, "@ExampleTimes");
}

#[test]
fn byline_and_time_elements() {
    let md = page(&format!(
        r#"<html><body><nav><a href="/">Home</a></nav><article><h1>Budget approved</h1>
        <div class="byline">By <a href="/author/jane-doe">Jane Doe</a></div>
        <time datetime="2021-06-01T09:30:00+02:00" pubdate>June 1, 2021</time>{BODY}</article>
        <section class="comments"><span class="author">Troll Person</span><time datetime="2022-01-01">Jan 1</time></section></body></html>"#
    ));
    assert_eq!(md.title, "Budget approved");
    assert_eq!(md.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Jane Doe"]);
    assert_eq!(md.published.map(|d| d.local()), Some("2021-06-01T09:30:00+02:00".into()));
}

#[test]
fn microdata_author_and_visible_date() {
    let md = page(&format!(
        r#"<html><body><div itemprop="author" itemscope><span itemprop="name">Jane Doe</span></div>
        <h1>Budget approved</h1><p class="post-date">Veröffentlicht am 3. März 2021</p>{BODY}</body></html>"#
    ));
    assert_eq!(md.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Jane Doe"]);
    assert_eq!(md.published.map(|d| d.local()), Some("2021-03-03".into()));
}

#[test]
fn url_date_when_the_page_gives_none() {
    let article = html::extract(&format!("<html><body>{BODY}</body></html>"));
    let md = extract(
        &article.text,
        &segment(&article.text),
        Some(&article.page),
        "https://ex.org/2019/08/02/x/",
        "",
        &Budget::default(),
    )
    .unwrap();
    assert_eq!(md.published.map(|d| d.local()), Some("2019-08-02".into()));
    assert_eq!(md.canonical_url, "https://ex.org/2019/08/02/x/");
}

#[test]
fn dateline_of_html_text() {
    let md = page(
        "<html><body><p>ATLANTA -- The council voted on Tuesday to approve the new budget, after a long debate about schools.</p></body></html>",
    );
    assert_eq!(md.dateline.map(|d| d.location), Some("Atlanta".into()));
}

#[test]
fn personal_site_names_its_author_only_as_a_last_resort() {
    let blog = format!("<html><head><title>Budget notes | Jane Doe's blog</title></head><body>{BODY}</body></html>");
    assert_eq!(page(&blog).authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Jane Doe"]);
    let signed = format!(
        "<html><head><title>Budget notes | Jane Doe's blog</title><meta name=\"author\" content=\"John Roe\"></head><body>{BODY}</body></html>"
    );
    assert_eq!(page(&signed).authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["John Roe"]);
    let news = format!("<html><head><title>Budget | Daily Planet</title></head><body>{BODY}</body></html>");
    assert!(page(&news).authors.is_empty());
}

/// The publication date of a page, as RFC 3339 or a plain day.
fn published(html_text: &str) -> Option<String> {
    page(html_text).published.map(|d| d.local())
}

fn names(md: &Metadata) -> Vec<&str> {
    md.authors.iter().map(|a| a.name.as_str()).collect()
}

#[test]
fn the_handle_spells_the_name_the_header_prints() {
    let html = format!(
        "<html><head><title>Notes</title><meta name=\"twitter:creator\" content=\"@JaneDoe\"></head>\
         <body><p>My Notes Jane Doe</p><h1>Notes</h1>{BODY}</body></html>"
    );
    assert_eq!(names(&page(&html)), ["Jane Doe"]);
}

#[test]
fn an_organization_as_author_gives_way_to_a_person() {
    let html = format!(
        "<html><head><title>Notes</title><meta name=\"author\" content=\"Example Magazin – Das Heft\"></head>\
         <body><h1>Notes</h1><p>Von Jane Doe</p>{BODY}</body></html>"
    );
    assert_eq!(names(&page(&html)), ["Jane Doe"]);
    let alone =
        "<html><head><title>N</title><meta name=\"author\" content=\"Example Verein e.V.\"></head><body></body></html>";
    assert_eq!(names(&page(alone)), ["Example Verein e.V."]);
}

#[test]
fn the_local_day_of_a_utc_time_stamp() {
    let html = format!(
        "<html><head><title>N</title><meta property=\"article:published_time\" content=\"2022-11-06T23:30:00Z\"></head>\
         <body><h1>N</h1><p>7. November 2022</p>{BODY}</body></html>"
    );
    assert_eq!(published(&html), Some("2022-11-07".into()));
    // With its offset, the time stamp tells its day, which the page shows too.
    let offset_given = html.replace("Z\"", "+01:00\"").replace("</h1>", "</h1><p>Sent 6 November 2022</p>");
    assert_eq!(published(&offset_given), Some("2022-11-06T23:30:00+01:00".into()));
}

#[test]
fn the_header_date_beats_a_markup_date_the_page_never_shows() {
    let html = format!(
        "<html lang=\"de\"><head><title>N</title><meta name=\"date\" content=\"11/01/2023 12:43:42\"></head>\
         <body><h1>N</h1><p>Erstellt am: 01.11.2023</p>{BODY}</body></html>"
    );
    assert_eq!(published(&html), Some("2023-11-01".into()));
    let reissued = format!(
        "<html><head><title>N</title><meta property=\"article:published_time\" content=\"2021-12-20T11:02:44+01:00\">\
         </head><body><h1>N</h1><p class=\"date\">27.01.2022</p>{BODY}</body></html>"
    );
    assert_eq!(published(&reissued), Some("2022-01-27".into()));
    // Date elements far from the headline that give several days list
    // events, not the article's day.
    let far = reissued.replace("<h1>N</h1>", &format!("<h1>N</h1>{}", BODY.repeat(6)));
    assert_eq!(published(&far), Some("2022-01-27".into()));
    let events = far.replace("</body>", "<p class=\"date\">04.04.2022</p><p class=\"date\">09.05.2022</p></body>");
    assert_eq!(published(&events), Some("2021-12-20T11:02:44+01:00".into()));
    // Shown anywhere, the markup's day stands against the header's.
    let shown = reissued.replace("</body>", "<p>20.12.2021</p></body>");
    assert_eq!(published(&shown), Some("2021-12-20T11:02:44+01:00".into()));
}

#[test]
fn a_bare_date_meta_gives_way_to_an_earlier_header_date() {
    let html = format!(
        "<html lang=\"de\"><head><title>N</title><meta name=\"date\" content=\"2020-04-29T11:52:23\"></head>\
         <body><h1>N</h1><p>Stand: 28.04.2020 18:00 Uhr</p>{BODY}<p>Gesendet am 29.04.2020</p></body></html>"
    );
    assert_eq!(published(&html), Some("2020-04-28".into()));
    // A later header date is the day the site shows today, not the article's.
    let masthead = html.replace("Stand: 28.04.2020 18:00 Uhr", "Mittwoch, 26.02.2021");
    assert_eq!(published(&masthead), Some("2020-04-29".into()));
}

#[test]
fn a_labelled_date_dates_a_page_without_markup() {
    let html = format!(
        "<html lang=\"de\"><head><title>N</title></head><body><h1>N</h1>\
         <p>Seit 4. August 2014 gilt in Bolivien ein neues Gesetz, sagte die Ministerin am Montag.</p>{BODY}\
         <p class=\"info\">Aktualisiert: 30.12.2016</p></body></html>"
    );
    assert_eq!(published(&html), Some("2016-12-30".into()));
}

#[test]
fn a_floating_time_takes_the_offset_of_the_same_moment() {
    let html = format!(
        "<html><head><title>N</title><meta property=\"article:published_time\" content=\"2023-11-09T05:30:59+00:00\"></head>\
         <body><h1>N</h1><time>2023-11-08 23:30:59</time>{BODY}</body></html>"
    );
    assert_eq!(published(&html), Some("2023-11-08T23:30:59-06:00".into()));
}

#[test]
fn a_user_name_gives_way_to_the_full_name_a_byline_spells() {
    let html = format!(
        "<html><head><title>N</title><meta name=\"author\" content=\"jose_nunez\"></head>\
         <body><h1>N</h1><div class=\"byline\">Autor: José Núñez</div>{BODY}</body></html>"
    );
    assert_eq!(names(&page(&html)), ["José Núñez"]);
    let other = html.replace("José Núñez", "Jane Doe").replace("jose_nunez", "jdoe_1");
    assert_eq!(names(&page(&other)), ["jdoe_1"]);
}

#[test]
fn an_author_field_naming_the_site_gives_way_to_the_byline() {
    let html = format!(
        "<html><head><title>Budget approved : Home : Jobs &amp; Careers</title>\
         <meta name=\"author\" content=\"Jobs &amp; Careers\"></head>\
         <body><h1>Budget approved</h1><p>By Jane Doe</p>{BODY}</body></html>"
    );
    assert_eq!(names(&page(&html)), ["Jane Doe"]);
}

#[test]
fn a_label_does_not_vouch_for_the_words_of_a_long_author_box() {
    let html = format!(
        "<html><head><title>N</title></head><body><h1>N</h1>{BODY}<div class=\"author\">Autor: Jane Doe Ich schreibe \
         über Bücher und Filme, für kleine, große und junge Leser aus der ganzen Stadt und vom Land.</div></body></html>"
    );
    assert!(names(&page(&html)).iter().all(|n| n.contains(' ')));
}

#[test]
fn author_links_of_other_articles_give_way_to_the_byline_they_agree_with() {
    let html = format!(
        "<html><head><title>N</title></head><body><h1>N</h1><div class=\"byline\">Jane Doe</div>\
         <a rel=\"author\" href=\"/author/jane\">Jane Doe</a>{BODY}<ul>\
         <li><a rel=\"author\" href=\"/author/john\">John Roe</a></li><li><a rel=\"author\" href=\"/author/max\">Max Muster</a></li>\
         </ul></body></html>"
    );
    let md = page(&html);
    assert_eq!(names(&md), ["Jane Doe"]);
    assert_eq!(md.authors[0].url, "/author/jane");
    // A byline naming someone else does not prune the links.
    let other = html.replace("<div class=\"byline\">Jane Doe</div>", "<div class=\"byline\">Erika Beispiel</div>");
    assert_eq!(names(&page(&other)), ["Jane Doe", "John Roe", "Max Muster"]);
}

#[test]
fn a_newsroom_credit_answers_when_no_person_is_named() {
    let desk = format!(
        "<html><head><title>N</title></head><body><h1>N</h1><span class=\"byline\">von Redaktion</span>{BODY}</body></html>"
    );
    assert_eq!(names(&page(&desk)), ["Redaktion"]);
    let both = desk.replace("<h1>N</h1>", "<h1>N</h1><p>Von Jane Doe</p>");
    assert_eq!(names(&page(&both)), ["Jane Doe"]);
}

#[test]
fn an_agency_the_dateline_credits_answers_when_no_person_is_named() {
    let wire = "<html><head><title>N</title></head><body><h1>N</h1><p>Hamburg (dpa/lno) – The council voted on Tuesday \
        to approve the new budget, after a long debate about schools, roads and parks.</p></body></html>";
    let credited = page(wire);
    assert_eq!(names(&credited), ["dpa/lno"]);
    assert_eq!(credited.authors[0].kind, AuthorKind::Organization);
    let signed = page(&wire.replace("<h1>N</h1>", "<h1>N</h1><p>Von Jane Doe</p>"));
    assert_eq!(names(&signed), ["Jane Doe"]);
    assert_eq!(signed.authors[0].kind, AuthorKind::Person);
    let signed = wire.replace("<h1>N</h1>", "<h1>N</h1><p>Von Jane Doe</p>");
    // A person whose given name spells an agency ("Ana", "Sid") is a person.
    let ana = signed.replace("Jane Doe", "Ana Doe");
    assert_eq!(names(&page(&ana)), ["Ana Doe"]);
}

#[test]
fn a_labelled_header_line_names_the_author() {
    let html =
        format!("<html><head><title>N</title></head><body><h1>N</h1><p>Auteur : Jean Dupont</p>{BODY}</body></html>");
    assert_eq!(names(&page(&html)), ["Jean Dupont"]);
}

#[test]
fn a_posting_account_gives_way_to_the_full_name_of_the_header_byline() {
    let html = format!(
        "<html><head><title>N</title></head><body><div class=\"submitted\">Gespeichert von human am 7. Juli 2019</div>\
         <h1>N</h1><p>Blog Beitrag von Jane Doe</p>{BODY}</body></html>"
    );
    assert_eq!(names(&page(&html)), ["Jane Doe"]);
    let unsigned = html.replace("<p>Blog Beitrag von Jane Doe</p>", "");
    assert_eq!(names(&page(&unsigned)), ["human"]);
}

#[test]
fn an_account_named_given_dot_family_spells_its_owner() {
    let html = |user: &str| {
        format!(
            "<html><head><title>N</title><meta name=\"author\" content=\"{user}\"></head><body>{BODY}</body></html>"
        )
    };
    assert_eq!(names(&page(&html("robert.miller"))), ["Robert Miller"]);
    assert_eq!(names(&page(&html("sv_team"))), ["sv_team"]);
}

#[test]
fn a_date_set_below_the_headline_inside_its_heading() {
    let html = format!(
        "<html><head><title>N</title></head><body><h1>Zuschauer kehren zurück<br><small>02.02.2022</small></h1>\
         <p>Laut der am 28.01.2022 in Kraft getretenen Verordnung dürfen wieder mehr Zuschauer kommen.</p>{BODY}</body></html>"
    );
    assert_eq!(published(&html), Some("2022-02-02".into()));
}

#[test]
fn a_blog_without_h1_heads_its_post_with_the_h2_its_title_repeats() {
    let html = format!(
        "<html><head><title>Jane's Home | Moving to Python 3</title></head><body><h2>Recent posts</h2>\
         <h2>Moving to Python 3</h2><small>January 13, 2020 at 08:45 AM</small>\
         <p>Version 5.2 was released on November 5, 2019, after a long effort to port the code to the new runtime.</p>\
         {BODY}</body></html>"
    );
    assert_eq!(published(&html), Some("2020-01-13".into()));
}

#[test]
fn a_summary_dates_a_page_that_writes_no_other_date() {
    let html = format!(
        "<html><head><title>N</title><meta name=\"description\" content=\"Orso: un anno da record \
         (Notizia del 14 Gennaio 2020)\"></head><body><h1>N</h1>{BODY}</body></html>"
    );
    assert_eq!(published(&html), Some("2020-01-14".into()));
}

#[test]
fn an_interview_credits_both_speakers() {
    let html = format!(
        "<html><head><title>N</title></head><body><h1>N</h1>\
         <p class=\"author\">Jane Doe im Gespräch mit John Roe</p>{BODY}</body></html>"
    );
    assert_eq!(names(&page(&html)), ["Jane Doe", "John Roe"]);
}

#[test]
fn a_line_holding_the_headline_is_no_byline() {
    let html = format!(
        "<html><head><title>N</title></head><body><div><a>Lokales</a> <span>Die Schätze von St. Johannes</span></div>\
         <h1>Die Schätze von St. Johannes</h1>{BODY}<p><em>Von Jane Doe</em></p></body></html>"
    );
    assert_eq!(names(&page(&html)), ["Jane Doe"]);
}

#[test]
fn a_linked_byline_opening_the_article_names_its_author() {
    let html = format!(
        "<html><head><title>N</title><meta property=\"og:site_name\" content=\"Example Press\"></head><body>\
         <h1>N</h1><div class=\"byline\">By Example Press</div><div class=\"content\"><p><em>Courtesy of Forest News</em></p>\
         <p><em>Written by: <a href=\"https://x.org/a\">Marianne Oppenheimer</a></em></p>{BODY}</div></body></html>"
    );
    assert_eq!(names(&page(&html)), ["Marianne Oppenheimer"]);
}

#[test]
fn a_name_alone_under_the_headline_is_its_author_unless_others_stand_beside_it() {
    let html = |header: &str| {
        format!("<html><head><title>N</title></head><body><h1>Finale erreicht</h1>{header}{BODY}</body></html>")
    };
    assert_eq!(names(&page(&html("<p>Foto: City-Press</p><p>Stefan Wasmer</p>"))), ["Stefan Wasmer"]);
    assert!(names(&page(&html("<p>Stefan Wasmer</p><p>Anne Applebaum</p>"))).is_empty());
    assert!(names(&page(&html("<p>See What’s New</p>"))).is_empty());
    assert_eq!(names(&page(&html("<p class=\"credit\">JIJI</p>"))), ["JIJI"]);
}

#[test]
fn initials_printed_as_a_byline_stay_a_name() {
    let html = format!(
        "<html><head><title>N</title></head><body><h1>N</h1>\
         <p>Von R. R. am 07.08.2013 um 09:07 Uhr gespeichert</p>{BODY}</body></html>"
    );
    assert_eq!(names(&page(&html)), ["R. R."]);
}

#[test]
fn a_phrase_in_an_author_field_is_no_name_and_a_given_name_takes_the_full_one() {
    let html = |author: &str| {
        format!(
            "<html><head><title>N</title><meta name=\"author\" content=\"{author}\"></head>\
             <body><h1>N</h1><p>Eine Kolumne von Nils Pickert</p>{BODY}</body></html>"
        )
    };
    assert_eq!(names(&page(&html("deinen Hochzeitsbloggern"))), ["Nils Pickert"]);
    assert_eq!(names(&page(&html("Nils"))), ["Nils Pickert"]);
    assert_eq!(names(&page(&html("wegewerk GmbH"))), ["Nils Pickert"]);
}

#[test]
fn a_labelled_byline_set_aside_names_the_author_when_nothing_else_does() {
    let html = format!(
        "<html><head><title>N</title></head><body><h1>N</h1><aside class=\"meta\"><p class=\"authors\">Von:<br>\
         <a class=\"author-name\" href=\"/autor/jd\">Jane Doe</a></p></aside>{BODY}<footer><ul>\
         <li class=\"author\">Von John Roe</li></ul></footer></body></html>"
    );
    assert_eq!(names(&page(&html)), ["Jane Doe"]);
}
