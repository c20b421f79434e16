#![no_main]
//! libFuzzer target: bytes as an encoded `AnalyzeArticleRequest` (prost decode)
//! and as article text, through `lede::api::analyze_blocking`; every answer's
//! spans are checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    lede_fuzz::analyze(data);
});
