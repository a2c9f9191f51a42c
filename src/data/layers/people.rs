//! The people of an added enterprise joined to the one below it: one person in one role
//! is one entry, two legal representatives are both kept and reported as a conflict, and
//! what the added file said (a later date, a person of its own) is noted for the detail,
//! so a user's file never reads as the shipped data.

use crate::data::db::{Conflict, PersonSaid, Said};
use crate::data::model::{Date, Person};

/// Whether `role` says the person is the legal representative now: `legal
/// representative`, in any case, alone or among other roles (`Founder; legal
/// representative (法人)`), or 法定代表人; a former one is not.
pub(super) fn representative(role: Option<&str>) -> bool {
    let Some(role) = role else { return false };
    let lower = role.to_lowercase();
    (lower.contains("legal representative") && !lower.contains("former legal representative"))
        || (role.contains("法定代表人") && !role.contains("原法定代表人"))
}

fn same_role(a: &Person, b: &Person) -> bool {
    a.name == b.name
        && match (a.role.as_deref(), b.role.as_deref()) {
            (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
            (x, y) => x == y,
        }
}

fn described(p: &Person) -> String {
    match p.as_of {
        Some(d) => format!("{}, as of {d}", p.name),
        None => p.name.to_string(),
    }
}

/// Joins `added` (people of the layer `origin`) to `mine` (enterprise `record` below,
/// whose person at an index came from `below_origin` of it): the same person in the same role is one
/// entry, as of the later date, the earlier one noted in `said`; other people are added
/// and noted; a legal representative other than the one below is a conflict. The older
/// of two dated legal representatives becomes the former one.
pub(super) fn join(
    mine: &mut Box<[Person]>,
    added: Box<[Person]>,
    (record, below_origin, origin): (&str, &dyn Fn(usize) -> String, &str),
    conflicts: &mut Vec<Conflict>,
    said: &mut Said,
) {
    // A company has one legal representative at a time: two from two files cannot both
    // be right now, whatever their dates say; both stay, side by side, and are reported.
    for theirs in added.iter().filter(|p| representative(p.role.as_deref())) {
        for (at, below) in mine.iter().enumerate() {
            if representative(below.role.as_deref()) && below.name != theirs.name {
                conflicts.push(Conflict {
                    record: record.into(),
                    field: "legal representative",
                    kept: described(below),
                    kept_from: below_origin(at),
                    other: described(theirs),
                    other_from: origin.to_owned(),
                    both_kept: true,
                });
            }
        }
    }
    let mut people = added.into_vec();
    people.retain(|p| {
        let Some((at, entry)) = mine.iter_mut().enumerate().find(|(_, m)| same_role(m, p)) else {
            return true;
        };
        if p.as_of > entry.as_of {
            // The later date is kept (the person held the role then too); the earlier
            // one, which the files below gave, stays visible in the detail.
            said.people.push((at, PersonSaid::Later { earlier: entry.as_of }));
            entry.as_of = p.as_of;
        }
        false
    });
    let mut all = std::mem::take(mine).into_vec();
    for p in people {
        if !all.iter().any(|m| same_role(m, &p)) {
            said.people.push((all.len(), PersonSaid::Added));
            all.push(p);
        }
    }
    mark_former_representatives(&mut all);
    *mine = all.into_boxed_slice();
}

/// Two legal representatives from two registry dates: the one as of the earlier date is
/// the former one. Without dates on both, both stay as they are.
fn mark_former_representatives(people: &mut [Person]) {
    const ROLE: &str = "legal representative";
    let dated: Vec<(usize, Date)> = people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(ROLE)))
        .map(|(i, p)| p.as_of.map(|d| (i, d)))
        .collect::<Option<_>>()
        .unwrap_or_default();
    let Some(latest) = dated.iter().map(|(_, d)| *d).max() else {
        return;
    };
    if dated.iter().filter(|(_, d)| *d == latest).count() != 1 {
        return;
    }
    for (i, d) in dated {
        if d < latest {
            people[i].role = Some("former legal representative".into());
        }
    }
}
