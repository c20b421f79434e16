//! The `lede` binary's subcommands, run as a user runs them.

mod common;

use common::{SEED, TestServer};
use std::process::Command;

fn lede() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lede"))
}

#[test]
fn analyze_prints_the_proto_json_of_a_file() {
    let out = lede()
        .args(["analyze", "tests/fixtures/seed.txt", "--features", "metadata", "--encoding", "utf32"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["text"], SEED);
    assert_eq!(json["encodingType"], "ENCODING_TYPE_UTF32");
    assert_eq!(json["metadata"]["publishedAt"]["local"], "2023-02-23T16:09:00+04:00");
    assert_eq!(json["entities"], serde_json::json!([]), "only the asked analyses run");
}

#[test]
fn analyze_jsonl_answers_every_line_in_order() {
    let dir = std::env::temp_dir().join(format!("lede-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (input, output) = (dir.join("in.jsonl"), dir.join("out.jsonl"));
    let good = |id: &str| serde_json::json!({"document": {"id": id, "content": "One sentence. Another."}}).to_string();
    std::fs::write(
        &input,
        [good("a"), "{not json".to_owned(), good("c"), r#"{"document":{"id":"d","content":" "}}"#.to_owned()]
            .join("\n"),
    )
    .unwrap();
    let status = lede().args(["analyze", "--jsonl"]).arg(&input).arg("-o").arg(&output).status().unwrap();
    assert!(status.success());
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&output).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["documentId"], "a");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("not an AnalyzeArticleRequest"));
    assert_eq!(lines[2]["documentId"], "c");
    assert!(lines[3]["error"].as_str().unwrap().contains("document.content"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn analyze_jsonl_reads_standard_input_and_writes_standard_output() {
    use std::io::Write;
    let mut child = lede()
        .args(["analyze", "--jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let request = serde_json::json!({"document": {"id": "s", "content": SEED}, "features": {"metadata": true}});
    writeln!(child.stdin.take().unwrap(), "{request}\n\n{request}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "blank lines are skipped");
    assert_eq!(lines[1]["metadata"]["authors"][0]["name"], "Sabina Mammadli");
}

#[test]
fn analyze_names_a_missing_input_and_refuses_flags_batch_mode_ignores() {
    let out = lede().args(["analyze", "no-such-file.txt"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read no-such-file.txt"));
    let out = lede().args(["analyze", "--jsonl", "--html", "in.jsonl"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--html"));
}

#[test]
fn a_bad_flag_or_env_value_exits_non_zero_naming_it() {
    let out = lede().args(["serve", "--max-message-bytes", "lots"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-message-bytes"));
    let out = lede().env("LEDE_ADDR", "not-an-address").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
}

#[tokio::test(flavor = "multi_thread")]
async fn healthcheck_exits_zero_only_when_serving() {
    let server = TestServer::start().await;
    let addr = server.addr.to_string();
    let ok = tokio::task::spawn_blocking(move || lede().args(["healthcheck", "--addr", &addr]).status().unwrap());
    assert!(ok.await.unwrap().success());
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().to_string();
    let down = tokio::task::spawn_blocking(move || {
        lede().args(["healthcheck", "--addr", &closed, "--timeout-secs", "1"]).status().unwrap()
    });
    assert!(!down.await.unwrap().success());
}
