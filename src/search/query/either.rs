//! `|` between whole clauses: `tag:policy year:2025 | tag:policy year:2026` is either
//! side, every term of it. The engine matches a conjunction of clauses, each a list of
//! alternatives; the sides of `|` are written into that form by distributing (`a b | c`
//! is `(a or c) and (b or c)`), with repeated terms and clauses implied by others left
//! out (the example above becomes `tag:policy (year:2025 or year:2026)`). Generic over
//! the term, so that it needs nothing of the parser.

/// The most clauses a query with `|` may become; each side multiplies the count, so
/// `a b c d | e f g h | …` grows fast, and a query that long is a slip, not a question.
pub const MAX_CLAUSES: usize = 64;

/// The clauses (each a list of alternatives) matching a record when every clause of one
/// of `sides` does, and how many sides were used: sides beyond what [`MAX_CLAUSES`]
/// allows are left out.
pub fn either<T: Clone>(sides: Vec<Vec<Vec<T>>>, same: impl Fn(&T, &T) -> bool) -> (Vec<Vec<T>>, usize) {
    let total = sides.len();
    let mut sides = sides.into_iter();
    let Some(mut all) = sides.next() else {
        return (Vec::new(), 0);
    };
    for (i, side) in sides.enumerate() {
        if all.len() * side.len() > MAX_CLAUSES {
            return (all, i + 1);
        }
        let mut next: Vec<Vec<T>> = Vec::with_capacity(all.len() * side.len());
        for a in &all {
            for b in &side {
                let mut alternatives = a.clone();
                for t in b {
                    if !alternatives.iter().any(|x| same(x, t)) {
                        alternatives.push(t.clone());
                    }
                }
                next.push(alternatives);
            }
        }
        all = absorbed(next, &same);
    }
    (all, total)
}

/// Whether every alternative of `small` is one of `big`'s (a record matching `small`
/// matches `big`).
fn within<T>(small: &[T], big: &[T], same: &impl Fn(&T, &T) -> bool) -> bool {
    small.iter().all(|s| big.iter().any(|b| same(s, b)))
}

/// `clauses` without those another implies, in order: `a and (a or b)` is `a`.
fn absorbed<T>(clauses: Vec<Vec<T>>, same: &impl Fn(&T, &T) -> bool) -> Vec<Vec<T>> {
    let keep: Vec<bool> = clauses
        .iter()
        .enumerate()
        .map(|(i, c)| {
            !clauses
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && within(o, c, same) && (!within(c, o, same) || j < i))
        })
        .collect();
    clauses
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}
