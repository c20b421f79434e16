//! The canonical proto3 JSON mapping of the API's messages, as grpcurl prints
//! them (lowerCamelCase names, enum names, defaults included), driven by the
//! embedded descriptors so it can never drift from the proto.

use crate::pb;
use prost::Message;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, SerializeOptions};
use std::sync::LazyLock;

static POOL: LazyLock<DescriptorPool> =
    LazyLock::new(|| DescriptorPool::decode(pb::FILE_DESCRIPTOR_SET).expect("the embedded descriptors are valid"));

/// The descriptors of `lede.v1` and its imports.
pub fn pool() -> &'static DescriptorPool {
    &POOL
}

/// Serializes a message of type `full_name` to one line of JSON.
pub fn to_json<M: Message>(full_name: &str, message: &M) -> Result<String, String> {
    let descriptor = POOL.get_message_by_name(full_name).ok_or_else(|| format!("unknown message {full_name}"))?;
    let dynamic = DynamicMessage::decode(descriptor, message.encode_to_vec().as_slice()).map_err(|e| e.to_string())?;
    dynamic_to_json(&dynamic)
}

/// Serializes a message of any type in the pool to one line of JSON.
pub fn dynamic_to_json(message: &DynamicMessage) -> Result<String, String> {
    let mut out = serde_json::Serializer::new(Vec::new());
    message
        .serialize_with_options(&mut out, &SerializeOptions::new().skip_default_fields(false))
        .map_err(|e| e.to_string())?;
    String::from_utf8(out.into_inner()).map_err(|e| e.to_string())
}

/// Parses a message of type `full_name` from proto3 JSON.
pub fn from_json<M: Message + Default>(full_name: &str, json: &str) -> Result<M, String> {
    let descriptor = POOL.get_message_by_name(full_name).ok_or_else(|| format!("unknown message {full_name}"))?;
    dynamic_from_json(descriptor, json.as_bytes())?.transcode_to::<M>().map_err(|e| e.to_string())
}

/// Parses a message of any type in the pool from proto3 JSON; unknown fields are errors.
pub fn dynamic_from_json(descriptor: MessageDescriptor, json: &[u8]) -> Result<DynamicMessage, String> {
    let mut de = serde_json::Deserializer::from_slice(json);
    let dynamic = DynamicMessage::deserialize(descriptor, &mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(dynamic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_camel_case_and_enum_names() {
        let json = r#"{"document":{"id":"d1","content":"Hi.","format":"DOCUMENT_FORMAT_PLAIN_TEXT"},"encodingType":"ENCODING_TYPE_UTF32"}"#;
        let req: pb::AnalyzeArticleRequest = from_json("lede.v1.AnalyzeArticleRequest", json).unwrap();
        assert_eq!(req.encoding_type, pb::EncodingType::Utf32 as i32);
        let out = to_json("lede.v1.AnalyzeArticleRequest", &req).unwrap();
        assert!(out.contains(r#""encodingType":"ENCODING_TYPE_UTF32""#), "{out}");
        assert!(out.contains(r#""languageCode":"""#), "defaults are emitted: {out}");
    }

    #[test]
    fn bad_json_is_an_error_not_a_panic() {
        assert!(from_json::<pb::AnalyzeArticleRequest>("lede.v1.AnalyzeArticleRequest", "{\"nope\":1}").is_err());
        assert!(from_json::<pb::AnalyzeArticleRequest>("lede.v1.AnalyzeArticleRequest", "[").is_err());
    }
}
