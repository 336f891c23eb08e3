//! Any bytes, as text, through the lookup query parser and search (targets.rs).
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::run("lookup_query", data);
});
