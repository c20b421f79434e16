//! A bounded load test on loopback (issue 8): 64 concurrent clients, mixed
//! sizes, a fixed count of requests. Every request is answered, with a result
//! or an explicit RESOURCE_EXHAUSTED or DEADLINE_EXCEEDED, and the count of
//! answers equals the count sent.

mod common;

use common::{SEED, TestServer, analyze_request, config};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use tonic::Code;

const CLIENTS: usize = 64;
const PER_CLIENT: usize = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_four_clients_get_an_answer_for_every_request() {
    let mut config = config();
    config.limits.max_in_flight = 24;
    let server = TestServer::with(config).await;
    let started = Instant::now();
    let mut clients = tokio::task::JoinSet::new();
    for c in 0..CLIENTS {
        // Each client its own connection, as separate callers would have.
        let mut client = server.client().await;
        clients.spawn(async move {
            let mut answers = Vec::new();
            for r in 0..PER_CLIENT {
                let n = c * PER_CLIENT + r;
                let content = match n % 8 {
                    0 => SEED.repeat(3),
                    1 | 2 => SEED.to_owned(),
                    _ => format!("Short note {n}. \"It works,\" Maria Zakharova said."),
                };
                let mut req = tonic::Request::new(analyze_request(&format!("{c}-{r}"), &content));
                // Some callers are in a hurry.
                let hurried = n.is_multiple_of(5);
                if hurried {
                    req.set_timeout(Duration::from_millis(20));
                }
                let code = match client.analyze_article(req).await {
                    Ok(res) => {
                        assert_eq!(res.into_inner().document_id, format!("{c}-{r}"));
                        Code::Ok
                    }
                    Err(status) => status.code(),
                };
                // tonic's client reports its own deadline as CANCELLED.
                let allowed = match code {
                    Code::Ok | Code::ResourceExhausted | Code::DeadlineExceeded => true,
                    Code::Cancelled => hurried,
                    _ => false,
                };
                assert!(allowed, "{c}-{r}: unexpected {code:?}");
                answers.push(code);
            }
            answers
        });
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    while let Some(answers) = tokio::time::timeout(Duration::from_secs(120), clients.join_next())
        .await
        .expect("every client finishes within two minutes")
    {
        for code in answers.unwrap() {
            *counts.entry(format!("{code:?}")).or_default() += 1;
        }
    }
    let answered: usize = counts.values().sum();
    eprintln!("{answered} answers in {:?}: {counts:?}", started.elapsed());
    assert_eq!(answered, CLIENTS * PER_CLIENT, "{counts:?}");
    assert!(counts.get("Ok").copied().unwrap_or(0) > 0, "{counts:?}");
    // The server is still healthy afterwards.
    let mut client = server.client().await;
    assert!(client.analyze_article(analyze_request("after", "Still here.")).await.is_ok());
}
