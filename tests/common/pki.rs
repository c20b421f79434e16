//! A test CA made on the spot, with a server certificate for `localhost` and
//! a client certificate, for the TLS and mutual-TLS tests.

use lede::server::Tls;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose,
};
use tonic::transport::{Certificate, Identity};

/// A PEM certificate and its key.
pub struct Pem {
    pub cert: String,
    pub key: String,
}

/// A CA with one server certificate for `localhost` and one client certificate.
pub struct Pki {
    pub ca: String,
    pub server: Pem,
    pub client: Pem,
}

impl Pki {
    pub fn new() -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        let leaf = |name: &str, usage: ExtendedKeyUsagePurpose| {
            let mut params = CertificateParams::new(vec![name.to_owned()]).unwrap();
            params.extended_key_usages = vec![usage];
            let key = KeyPair::generate().unwrap();
            Pem { cert: params.signed_by(&key, &ca).unwrap().pem(), key: key.serialize_pem() }
        };
        Self {
            server: leaf("localhost", ExtendedKeyUsagePurpose::ServerAuth),
            client: leaf("a-client", ExtendedKeyUsagePurpose::ClientAuth),
            ca: ca.pem(),
        }
    }

    pub fn server_tls(&self, mutual: bool) -> Tls {
        Tls {
            identity: Identity::from_pem(&self.server.cert, &self.server.key),
            client_ca: mutual.then(|| Certificate::from_pem(&self.ca)),
        }
    }
}
