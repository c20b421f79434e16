#![forbid(unsafe_code)]
//! Lede reads a news article and returns its metadata, named entities, quotes
//! with their speakers, and an extractive summary, over gRPC.

pub mod analysis;

/// The generated `lede.v1` protobuf types, client and server.
pub mod pb {
    #![allow(clippy::all, missing_docs)]
    tonic::include_proto!("lede.v1");

    /// The encoded descriptors of `lede.v1` and its imports, for reflection
    /// and for the proto3 JSON mapping.
    pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lede_descriptor.bin"));
}

pub mod api;
pub mod args;
pub mod auth;
pub mod commands;
pub mod http;
pub mod json;
pub mod metrics;
pub mod server;
