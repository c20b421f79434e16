//! Compiles the protos with protox (no system `protoc`) and keeps the encoded
//! descriptor set for server reflection, the proto3 JSON mapping and the HTTP
//! routes of the `google.api.http` options.

use std::{env, fs, path::PathBuf};

const PROTOS: &[&str] = &[
    "lede/v1/article.proto",
    "lede/v1/article_service.proto",
    // Not imported by the API, but named by the error details callers decode.
    "google/rpc/error_details.proto",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto");
    let mut compiler = protox::Compiler::new(["proto"])?;
    compiler.include_imports(true).include_source_info(true);
    compiler.open_files(PROTOS)?;
    let descriptors = compiler.file_descriptor_set();

    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    // Encoded by protox itself, which keeps the `google.api.http` options that
    // prost_types' structs drop: the HTTP routes are read from them.
    fs::write(out_dir.join("lede_descriptor.bin"), compiler.encode_file_descriptor_set())?;

    tonic_prost_build::configure().extern_path(".google.rpc", "::tonic_types::pb").compile_fds(descriptors)?;
    Ok(())
}
