//! The page at `/` to try Lede: plain HTML, CSS and JavaScript, embedded in
//! the binary so it works offline, with no build step. It calls the JSON API
//! of the same origin, so it needs no CORS and passes a strict CSP.

use bytes::Bytes;
use http_body_util::Full;
use tonic::body::Body;
use tonic::codegen::http::{HeaderMap, HeaderValue, Response, StatusCode, header};

/// A file of the page.
#[derive(Debug)]
pub struct Asset {
    /// The path it is served at, and its metrics label.
    pub path: &'static str,
    content_type: &'static str,
    body: &'static [u8],
    /// A hash of the body, so a browser revalidates cheaply after an upgrade.
    etag: u64,
}

const fn asset(path: &'static str, content_type: &'static str, body: &'static [u8]) -> Asset {
    Asset { path, content_type, body, etag: fnv1a(body) }
}

static ASSETS: [Asset; 4] = [
    asset("/", "text/html; charset=utf-8", include_bytes!("page/index.html")),
    asset("/app.js", "text/javascript; charset=utf-8", include_bytes!("page/app.js")),
    asset("/app.css", "text/css; charset=utf-8", include_bytes!("page/app.css")),
    asset("/favicon.svg", "image/svg+xml", include_bytes!("page/favicon.svg")),
];

/// Scripts and styles from this origin only, calls to this origin only,
/// images from the page itself (the favicon and data: URLs), nothing framed.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

pub fn find(path: &str) -> Option<&'static Asset> {
    let path = if path == "/index.html" { "/" } else { path };
    ASSETS.iter().find(|asset| asset.path == path)
}

impl Asset {
    /// The file, or 304 when the browser's copy is current.
    pub fn response(&self, request: &HeaderMap) -> Response<Body> {
        let etag = format!("\"{:016x}\"", self.etag);
        let fresh = request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
        let mut res = if fresh {
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::NOT_MODIFIED;
            res
        } else {
            Response::new(Body::new(Full::new(Bytes::from_static(self.body))))
        };
        let headers = res.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        headers.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex digits"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        res
    }
}

/// 64-bit FNV-1a, computed at compile time.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_only_its_own_assets() {
        let html = std::str::from_utf8(find("/").unwrap().body).unwrap();
        for link in ["src=\"/app.js\"", "href=\"/app.css\"", "href=\"/favicon.svg\""] {
            assert!(html.contains(link), "{link}");
        }
        // Offline: nothing is fetched from elsewhere.
        for asset in &ASSETS {
            let text = String::from_utf8_lossy(asset.body).replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assert!(!text.contains("http://") && !text.contains("https://"), "{} links outside", asset.path);
        }
        assert!(find("/index.html").is_some() && find("/nope.js").is_none());
    }

    #[test]
    fn a_current_copy_is_not_sent_again() {
        let asset = find("/app.js").unwrap();
        let first = asset.response(&HeaderMap::new());
        assert_eq!(first.status(), StatusCode::OK);
        let mut request = HeaderMap::new();
        request.insert(header::IF_NONE_MATCH, first.headers()[header::ETAG].clone());
        assert_eq!(asset.response(&request).status(), StatusCode::NOT_MODIFIED);
        request.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"stale\""));
        assert_eq!(asset.response(&request).status(), StatusCode::OK);
    }
}
