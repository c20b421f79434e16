//! The one place where failures become gRPC statuses.

use crate::analysis::AnalysisError;
use prost::Message;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, FieldViolation, StatusExt};

/// Everything a request can fail with.
#[derive(Clone, Debug)]
pub enum ApiError {
    /// The request itself is wrong; each violation names the field.
    InvalidArgument(Vec<FieldViolation>),
    /// The analysis refused or stopped.
    Analysis(AnalysisError),
    /// Too many requests are in flight; the caller should back off and retry.
    Overloaded { limit: usize },
    /// The caller did not show a valid token or client certificate; says what to send.
    Unauthenticated(&'static str),
    /// The server is shutting down.
    ShuttingDown,
    /// A bug: the analysis failed unexpectedly. The message is for the logs.
    Internal(String),
}

impl ApiError {
    /// A single invalid field.
    pub fn invalid(field: impl Into<String>, description: impl Into<String>) -> Self {
        Self::InvalidArgument(vec![FieldViolation::new(field, description)])
    }

    pub fn code(&self) -> Code {
        match self {
            Self::InvalidArgument(_) | Self::Analysis(AnalysisError::EmptyContent) => Code::InvalidArgument,
            Self::Analysis(AnalysisError::DeadlineExceeded) => Code::DeadlineExceeded,
            Self::Analysis(AnalysisError::Cancelled) => Code::Cancelled,
            Self::Overloaded { .. } => Code::ResourceExhausted,
            Self::Unauthenticated(_) => Code::Unauthenticated,
            Self::ShuttingDown => Code::Unavailable,
            Self::Internal(_) => Code::Internal,
        }
    }

    /// Whether the caller, not the server, is at fault: such failures are not
    /// logged as server errors.
    pub fn is_client_error(&self) -> bool {
        !matches!(self, Self::Internal(_))
    }

    /// The message the caller sees.
    fn message(&self) -> String {
        match self {
            Self::InvalidArgument(violations) => {
                let fields: Vec<String> =
                    violations.iter().map(|v| format!("{}: {}", v.field, v.description)).collect();
                format!("invalid request: {}", fields.join("; "))
            }
            Self::Analysis(AnalysisError::EmptyContent) => {
                "document.content: ".to_owned() + &AnalysisError::EmptyContent.to_string()
            }
            Self::Analysis(err) => err.to_string(),
            Self::Overloaded { limit } => {
                format!("the server is at its limit of {limit} concurrent requests; retry with backoff")
            }
            Self::Unauthenticated(why) => format!("unauthenticated: {why}"),
            Self::ShuttingDown => "the server is shutting down; retry on another instance".to_owned(),
            Self::Internal(_) => "internal error while analyzing the document".to_owned(),
        }
    }

    fn violations(&self) -> Vec<FieldViolation> {
        match self {
            Self::InvalidArgument(violations) => violations.clone(),
            Self::Analysis(AnalysisError::EmptyContent) => {
                vec![FieldViolation::new("document.content", "must hold some text, not only white space")]
            }
            _ => Vec::new(),
        }
    }

    /// The same failure as a `google.rpc.Status`, for one item of a batch or a stream.
    pub fn to_rpc_status(&self) -> tonic_types::pb::Status {
        let status = Status::from(self.clone());
        tonic_types::pb::Status::decode(status.details()).unwrap_or_else(|_| tonic_types::pb::Status {
            code: status.code() as i32,
            message: status.message().to_owned(),
            details: Vec::new(),
        })
    }
}

impl From<AnalysisError> for ApiError {
    fn from(err: AnalysisError) -> Self {
        Self::Analysis(err)
    }
}

impl From<ApiError> for Status {
    fn from(err: ApiError) -> Self {
        let violations = err.violations();
        let details =
            if violations.is_empty() { ErrorDetails::new() } else { ErrorDetails::with_bad_request(violations) };
        Status::with_error_details(err.code(), err.message(), details)
    }
}

/// The status for a message over the size limit. tonic answers OUT_OF_RANGE;
/// gRPC callers expect RESOURCE_EXHAUSTED, with the limit to act on.
pub fn message_too_large(limit: usize) -> Status {
    Status::resource_exhausted(format!(
        "the request is larger than this server's limit of {limit} bytes (after decompression); \
         send a smaller document or raise --max-message-bytes"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_argument_carries_field_violations() {
        let status = Status::from(ApiError::invalid("features", "ask for at least one analysis"));
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(status.message().contains("features: ask for at least one analysis"));
        let bad = status.get_details_bad_request().expect("BadRequest details");
        assert_eq!(bad.field_violations[0].field, "features");
    }

    #[test]
    fn rpc_status_keeps_code_message_and_details() {
        let rpc = ApiError::Analysis(AnalysisError::EmptyContent).to_rpc_status();
        assert_eq!(rpc.code, Code::InvalidArgument as i32);
        assert!(rpc.message.contains("document.content"));
        assert_eq!(rpc.details.len(), 1);
    }
}
