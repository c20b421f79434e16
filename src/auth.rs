//! Who may call: bearer tokens and client certificates, checked in one tower
//! layer in front of every service but health, which probes must reach.

use crate::api::error::ApiError;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use subtle::ConstantTimeEq;
use tonic::codegen::http;
use tonic::transport::server::{TcpConnectInfo, TlsConnectInfo};

/// Paths every caller may reach: probes carry neither token nor certificate.
const OPEN_PREFIX: &str = "/grpc.health.v1.Health/";

/// The accepted bearer tokens, kept only as SHA-256 digests: comparing
/// digests takes the same time whatever the token's length or content.
#[derive(Clone)]
pub struct Tokens {
    digests: Arc<[[u8; 32]]>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tokens({} configured)", self.digests.len())
    }
}

impl Tokens {
    /// Tokens from a file (one per line; blank lines and `#` comments
    /// skipped) and from a list. `None` when neither gives any.
    pub fn load(file: Option<&Path>, listed: &[String]) -> Result<Option<Self>, String> {
        let mut tokens: Vec<String> = listed.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("--auth-tokens-file {}: cannot read it: {e}", path.display()))?;
            let from_file: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(str::to_owned)
                .collect();
            if from_file.is_empty() {
                return Err(format!("--auth-tokens-file {}: holds no token", path.display()));
            }
            tokens.extend(from_file);
        }
        if let Some(bad) = tokens.iter().find(|t| t.len() < 16 || t.contains(char::is_whitespace)) {
            let shown: String = bad.chars().take(4).collect();
            return Err(format!("auth token starting {shown:?}: tokens must be at least 16 characters with no spaces"));
        }
        Ok((!tokens.is_empty()).then(|| Self { digests: tokens.iter().map(|t| digest(t.as_bytes())).collect() }))
    }

    /// Whether `token` is one of ours. Every configured digest is compared,
    /// so the time taken does not tell which one matched.
    pub fn accepts(&self, token: &[u8]) -> bool {
        let presented = digest(token);
        self.digests.iter().fold(subtle::Choice::from(0), |found, d| found | d.ct_eq(&presented)).into()
    }
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0; 32];
    out.copy_from_slice(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref());
    out
}

/// What a caller must show.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Accepted bearer tokens; `None` lets any caller in.
    pub tokens: Option<Tokens>,
    /// Whether a verified client certificate is required (mutual TLS).
    pub client_certificate: bool,
}

impl Policy {
    /// Why a request may not pass, in words the caller can act on.
    fn refusal<B>(&self, req: &http::Request<B>) -> Option<&'static str> {
        if req.uri().path().starts_with(OPEN_PREFIX) {
            return None;
        }
        if self.client_certificate {
            let verified = req
                .extensions()
                .get::<TlsConnectInfo<TcpConnectInfo>>()
                .and_then(|info| info.peer_certs())
                .is_some_and(|certs| !certs.is_empty());
            if !verified {
                return Some("a client certificate signed by the server's client CA is required");
            }
        }
        let tokens = self.tokens.as_ref()?;
        let header = req.headers().get(http::header::AUTHORIZATION).map(http::HeaderValue::as_bytes);
        match header.and_then(bearer_token) {
            None => Some("send the header `authorization: Bearer <token>`"),
            Some(token) if !tokens.accepts(token) => Some("the bearer token is not valid"),
            Some(_) => None,
        }
    }
}

/// The token of an `authorization: Bearer <token>` header; the scheme is
/// case-insensitive (RFC 7235).
fn bearer_token(value: &[u8]) -> Option<&[u8]> {
    let (scheme, rest) = value.split_at_checked(7)?;
    scheme.eq_ignore_ascii_case(b"bearer ").then(|| rest.trim_ascii()).filter(|t| !t.is_empty())
}

/// Applies a [`Policy`] to every request.
#[derive(Clone, Debug)]
pub struct AuthLayer {
    policy: Arc<Policy>,
}

impl AuthLayer {
    pub fn new(policy: Policy) -> Self {
        Self { policy: Arc::new(policy) }
    }
}

impl<S> tower::Layer<S> for AuthLayer {
    type Service = Auth<S>;

    fn layer(&self, inner: S) -> Auth<S> {
        Auth { inner, policy: self.policy.clone() }
    }
}

#[derive(Clone, Debug)]
pub struct Auth<S> {
    inner: S,
    policy: Arc<Policy>,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S, B> tower::Service<http::Request<B>> for Auth<S>
where
    S: tower::Service<http::Request<B>, Response = http::Response<tonic::body::Body>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<Result<S::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        match self.policy.refusal(&req) {
            None => Box::pin(self.inner.call(req)),
            Some(why) => {
                tracing::info!(path = req.uri().path(), why, "refused: unauthenticated");
                let response = tonic::Status::from(ApiError::Unauthenticated(why)).into_http();
                Box::pin(std::future::ready(Ok(response)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "s3cret-token-0123456789";

    fn policy(tokens: &[&str]) -> Policy {
        let listed: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
        Policy { tokens: Tokens::load(None, &listed).unwrap(), client_certificate: false }
    }

    fn request(path: &str, authorization: Option<&str>) -> http::Request<()> {
        let mut builder = http::Request::builder().uri(path);
        if let Some(value) = authorization {
            builder = builder.header("authorization", value);
        }
        builder.body(()).unwrap()
    }

    #[test]
    fn a_listed_token_passes_and_others_do_not() {
        let policy = policy(&[TOKEN, "another-token-abcdefgh"]);
        let path = "/lede.v1.ArticleService/AnalyzeArticle";
        assert_eq!(policy.refusal(&request(path, Some(&format!("Bearer {TOKEN}")))), None);
        assert_eq!(policy.refusal(&request(path, Some("bearer another-token-abcdefgh"))), None);
        assert_eq!(
            policy.refusal(&request(path, Some("Bearer wrong-token-0123456789"))),
            Some("the bearer token is not valid")
        );
        assert_eq!(
            policy.refusal(&request(path, Some(&format!("Bearer {TOKEN}x")))),
            Some("the bearer token is not valid")
        );
        for missing in [None, Some(TOKEN), Some("Basic dXNlcjpwYXNz"), Some("Bearer   ")] {
            assert_eq!(
                policy.refusal(&request(path, missing)),
                Some("send the header `authorization: Bearer <token>`")
            );
        }
    }

    #[test]
    fn health_stays_open_and_reflection_does_not() {
        let policy = policy(&[TOKEN]);
        assert_eq!(policy.refusal(&request("/grpc.health.v1.Health/Check", None)), None);
        let reflection = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
        assert!(policy.refusal(&request(reflection, None)).is_some());
    }

    #[test]
    fn client_certificates_are_required_when_asked() {
        let policy = Policy { tokens: None, client_certificate: true };
        let refusal = policy.refusal(&request("/lede.v1.ArticleService/Summarize", None));
        assert!(refusal.is_some_and(|why| why.contains("client certificate")));
        assert_eq!(policy.refusal(&request("/grpc.health.v1.Health/Watch", None)), None);
    }

    #[test]
    fn tokens_load_from_a_file_and_a_list() {
        let dir = std::env::temp_dir().join(format!("lede-auth-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("tokens");
        std::fs::write(&file, "# for the batch jobs\n\nfile-token-0123456789\n").unwrap();
        let tokens = Tokens::load(Some(&file), &[TOKEN.to_owned()]).unwrap().unwrap();
        assert!(tokens.accepts(b"file-token-0123456789") && tokens.accepts(TOKEN.as_bytes()));
        assert!(!tokens.accepts(b"file-token"));

        std::fs::write(&file, "# nothing here\n").unwrap();
        assert!(Tokens::load(Some(&file), &[]).unwrap_err().contains("holds no token"));
        let err = Tokens::load(Some(&dir.join("absent")), &[]).unwrap_err();
        assert!(err.contains("--auth-tokens-file") && err.contains("cannot read"), "{err}");
        assert!(Tokens::load(None, &["short".to_owned()]).unwrap_err().contains("at least 16"));
        assert!(Tokens::load(None, &[]).unwrap().is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
