//! The articles the benchmarks run on: the project's own texts in
//! `benches/corpus/` and the documents of any `docs.jsonl` named in
//! `LEDE_BENCH_DOCS` (comma separated paths), such as the evaluation kit's
//! dev sets. Distinct articles, analyzed in turn, meet the per-thread caches
//! as a service's stream of requests does; one article repeated would not.

// Each benchmark uses the part of this module it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The user's own example article.
pub const SEED: &str = include_str!("../../tests/fixtures/seed.txt");

/// One article as the service would receive it.
pub struct Article {
    pub id: String,
    pub content: String,
    pub html: bool,
}

/// The folder of the project's own articles.
pub fn own_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/corpus")
}

/// The project's own articles, in file name order.
pub fn own() -> Vec<Article> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(own_dir())
        .expect("benches/corpus is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| Article {
            id: path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
            content: std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            html: false,
        })
        .collect()
}

/// The documents of a JSONL file of `AnalyzeArticleRequest`s.
pub fn from_jsonl(path: &str) -> Result<Vec<Article>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let request: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{path}: {e}"))?;
            let doc = &request["document"];
            let content = doc["content"].as_str().ok_or_else(|| format!("{path}: a document without content"))?;
            Ok(Article {
                id: doc["id"].as_str().unwrap_or_default().to_owned(),
                content: content.to_owned(),
                html: doc["format"].as_str() == Some("DOCUMENT_FORMAT_HTML"),
            })
        })
        .collect()
}

/// The own articles, then those of the files in `LEDE_BENCH_DOCS`.
pub fn load() -> Vec<Article> {
    let mut articles = own();
    for path in std::env::var("LEDE_BENCH_DOCS").unwrap_or_default().split(',').filter(|p| !p.is_empty()) {
        articles.extend(from_jsonl(path).unwrap_or_else(|e| panic!("LEDE_BENCH_DOCS: {e}")));
    }
    articles
}

/// About `bytes` of plain text made of whole paragraphs of `articles`,
/// taken in turn from each article, so that a long text is not one block
/// repeated.
pub fn long_text(articles: &[Article], bytes: usize) -> String {
    let paragraphs: Vec<&str> = articles
        .iter()
        .filter(|a| !a.html)
        .flat_map(|a| a.content.split("\n\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut text = String::with_capacity(bytes + 4096);
    for p in paragraphs.iter().cycle() {
        if text.len() + p.len() > bytes && !text.is_empty() {
            break;
        }
        text.push_str(p);
        text.push_str("\n\n");
    }
    text
}
