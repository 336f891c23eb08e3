//! Any bytes, as a `.csv` and as a `.xlsx` marks file, through the reader
//! and the service's import (targets.rs).
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::run("import_marks", data);
});
