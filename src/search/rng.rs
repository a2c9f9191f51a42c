//! A small deterministic generator for the engine's randomized tests (compiled for tests
//! only).

/// A small deterministic generator for the engine's randomized tests: `next(n)` is in
/// `0..n`. Xorshift, so a failing case replays from its seed.
pub(crate) fn test_rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n as u64).unwrap_or(0)
    }
}
