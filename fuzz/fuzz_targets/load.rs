//! `cargo +nightly fuzz run load`: the loader on arbitrary bytes. Every input either
//! loads or is a `LoadError` with at least one problem; nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(err) = shuibei::data::load::load_slice("fuzz.json", data) {
        assert!(!err.problems.is_empty(), "a LoadError with no problem");
        let _ = err.to_string();
    }
});
