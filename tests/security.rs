//! Who may call: TLS, mutual TLS and bearer tokens, against a real server with
//! certificates from a test CA made on the spot.

mod common;

use common::pki::{Pem, Pki};
use common::{TestServer, analyze_request, config};
use lede::auth::{Policy, Tokens};
use lede::pb::article_service_client::ArticleServiceClient;
use std::process::Command;
use std::time::Duration;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};
use tonic::{Code, Request};
use tonic_health::pb::{HealthCheckRequest, health_check_response::ServingStatus, health_client::HealthClient};

const TOKEN: &str = "integration-test-token-0123456789";

async fn tls_channel(
    server: &TestServer,
    ca: &str,
    identity: Option<&Pem>,
) -> Result<Channel, tonic::transport::Error> {
    let mut tls = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(ca)).domain_name("localhost");
    if let Some(pem) = identity {
        tls = tls.identity(Identity::from_pem(&pem.cert, &pem.key));
    }
    Endpoint::from_shared(format!("https://{}", server.addr))
        .unwrap()
        .tls_config(tls)?
        .connect_timeout(Duration::from_secs(5))
        .connect()
        .await
}

async fn analyze(channel: Channel, token: Option<&str>) -> Result<(), tonic::Status> {
    let mut req = Request::new(analyze_request("t", "Mary Smith said it works. The test passes."));
    if let Some(token) = token {
        req.metadata_mut().insert("authorization", format!("Bearer {token}").parse().unwrap());
    }
    ArticleServiceClient::new(channel).analyze_article(req).await.map(drop)
}

async fn health(channel: Channel) -> ServingStatus {
    let res = HealthClient::new(channel).check(HealthCheckRequest { service: String::new() }).await.unwrap();
    res.into_inner().status()
}

/// Asks server reflection for its services; only whether it answers matters here.
async fn list_services(channel: Channel) -> Result<(), tonic::Status> {
    use tonic_reflection::pb::v1::{
        ServerReflectionRequest, server_reflection_client::ServerReflectionClient,
        server_reflection_request::MessageRequest,
    };
    let req = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    ServerReflectionClient::new(channel).server_reflection_info(tokio_stream::iter([req])).await.map(drop)
}

#[tokio::test]
async fn tls_serves_tls_clients_only() {
    let pki = Pki::new();
    let server = TestServer::with(lede::server::ServerConfig { tls: Some(pki.server_tls(false)), ..config() }).await;

    analyze(tls_channel(&server, &pki.ca, None).await.unwrap(), None).await.unwrap();

    let plaintext = Endpoint::from_shared(format!("http://{}", server.addr)).unwrap().connect().await;
    let refused = match plaintext {
        Ok(channel) => analyze(channel, None).await.unwrap_err().code(),
        Err(_) => Code::Unavailable,
    };
    assert_ne!(refused, Code::Ok);

    let stranger = Pki::new();
    assert!(tls_channel(&server, &stranger.ca, None).await.is_err(), "a server certificate from another CA is refused");
}

#[tokio::test]
async fn mutual_tls_wants_a_client_certificate_everywhere_but_health() {
    let pki = Pki::new();
    let server = TestServer::with(lede::server::ServerConfig {
        tls: Some(pki.server_tls(true)),
        auth: Policy { tokens: None, client_certificate: true },
        ..config()
    })
    .await;

    analyze(tls_channel(&server, &pki.ca, Some(&pki.client)).await.unwrap(), None).await.unwrap();

    let anonymous = tls_channel(&server, &pki.ca, None).await.unwrap();
    assert_eq!(health(anonymous.clone()).await, ServingStatus::Serving, "probes need no certificate");
    let status = analyze(anonymous, None).await.unwrap_err();
    assert_eq!(status.code(), Code::Unauthenticated);
    assert!(status.message().contains("client certificate"), "{}", status.message());

    let stranger = Pki::new();
    let outcome = match tls_channel(&server, &pki.ca, Some(&stranger.client)).await {
        Ok(channel) => analyze(channel, None).await,
        Err(err) => Err(tonic::Status::unavailable(err.to_string())),
    };
    assert!(outcome.is_err(), "a client certificate from another CA is refused");
}

#[tokio::test]
async fn bearer_tokens_guard_everything_but_health() {
    let tokens = Tokens::load(None, &[TOKEN.to_owned()]).unwrap();
    let server =
        TestServer::with(lede::server::ServerConfig { auth: Policy { tokens, client_certificate: false }, ..config() })
            .await;
    let channel = server.channel().await;

    analyze(channel.clone(), Some(TOKEN)).await.unwrap();
    let missing = analyze(channel.clone(), None).await.unwrap_err();
    assert_eq!(missing.code(), Code::Unauthenticated);
    assert!(missing.message().contains("authorization: Bearer <token>"), "{}", missing.message());
    let wrong = analyze(channel.clone(), Some("integration-test-token-012345678X")).await.unwrap_err();
    assert_eq!(wrong.code(), Code::Unauthenticated);
    assert!(wrong.message().contains("not valid"), "{}", wrong.message());

    assert_eq!(health(channel.clone()).await, ServingStatus::Serving);

    let refused = list_services(channel).await;
    assert_eq!(refused.unwrap_err().code(), Code::Unauthenticated, "reflection needs the token too");
}

#[tokio::test]
async fn reflection_can_be_turned_off() {
    let server = TestServer::with(lede::server::ServerConfig { reflection: false, ..config() }).await;
    assert_eq!(list_services(server.channel().await).await.unwrap_err().code(), Code::Unimplemented);
}

/// The flags as an operator sets them, and `lede healthcheck` over TLS.
#[test]
fn the_binary_serves_mutual_tls_with_tokens_from_its_flags() {
    let pki = Pki::new();
    let dir = std::env::temp_dir().join(format!("lede-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let (cert, key, ca) =
        (write("cert.pem", &pki.server.cert), write("key.pem", &pki.server.key), write("ca.pem", &pki.ca));
    let tokens = write("tokens", &format!("# test\n{TOKEN}\n"));
    let addr = common::free_loopback_addr();

    let mut server = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["serve", "--addr", &addr, "--tls-cert"])
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .arg("--tls-client-ca")
        .arg(&ca)
        .arg("--auth-tokens-file")
        .arg(&tokens)
        .spawn()
        .unwrap();
    let healthy = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(["healthcheck", "--addr", &addr, "--tls-ca"])
            .arg(&ca)
            .output()
            .unwrap()
            .status
            .success()
    });
    let plaintext =
        Command::new(env!("CARGO_BIN_EXE_lede")).args(["healthcheck", "--addr", &addr]).output().unwrap().status;
    let _ = Command::new("kill").arg(server.id().to_string()).status();
    let exit = server.wait().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(healthy, "healthcheck over TLS reaches SERVING without a client certificate or token");
    assert!(!plaintext.success(), "a plaintext healthcheck against a TLS server fails");
    assert!(exit.success(), "SIGTERM stops the server cleanly: {exit:?}");
}
