#![no_main]
//! libFuzzer target: bytes as a fetched page -> charset decoding -> HTML
//! extraction -> the article text's invariants.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    lede_fuzz::html_extract(data);
});
