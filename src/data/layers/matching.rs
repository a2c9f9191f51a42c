//! Which enterprises of an added file are ones below it: the same credit code, else
//! the same full Chinese name (the shipped data carries no codes; 深圳市X and 深圳X are
//! one name), and the near misses said in notices.

use crate::data::model::{Enterprise, is_cjk};

/// Which added enterprises are ones below, and what was said about near misses.
pub(super) struct Matches {
    /// (added enterprise, enterprise below, merged by name).
    pub(super) pairs: Vec<(usize, usize, bool)>,
    pub(super) by_name: usize,
    pub(super) notices: Vec<String>,
    /// Added enterprises kept apart whose English name is that of one below, in any
    /// case: likely the same organisation, for `validate` to warn of.
    pub(super) alike: Vec<String>,
}

/// Pairs (added enterprise, enterprise below) that are one organisation: they share a
/// credit code, or (the shipped data carries no credit codes) a full Chinese name or
/// former name of the added one is a name, Chinese name or alias of exactly one below
/// (or is one but for the 市 or 省 of its place, [`place_key`]) and their credit codes do
/// not disagree; or it has the id of one below and is the same organisation
/// (`same_ids`, added → below). A name shared by records whose codes differ keeps both,
/// with a notice.
pub(super) fn matching(
    below: &[Enterprise],
    added: &[Enterprise],
    same_ids: &hashbrown::HashMap<usize, usize>,
    origin: &str,
) -> Matches {
    let mut by_code: hashbrown::HashMap<&str, usize> = hashbrown::HashMap::new();
    for (i, e) in below.iter().enumerate() {
        if let Some(code) = e.credit_code() {
            by_code.insert(code.as_str(), i);
        }
    }
    let names = Names::of(below);
    // The names below without a leading place name (周大生珠宝股份有限公司 for
    // 深圳市周大生珠宝股份有限公司), and the Chinese names below as they are, for the
    // notice on an added name that differs from one below only by its place.
    let mut by_bare: hashbrown::HashMap<&str, Vec<usize>> = hashbrown::HashMap::new();
    for (i, e) in below.iter().enumerate() {
        for name in names_of(e).filter(|n| n.chars().any(is_cjk)) {
            by_bare.entry(without_place(name).unwrap_or(name)).or_default().push(i);
        }
    }
    let mut out = Matches {
        pairs: Vec::new(),
        by_name: 0,
        notices: Vec::new(),
        alike: Vec::new(),
    };
    // English names are not merged on (Limited, Ltd. and (International) are written
    // many ways, and one English name may stand for several Chinese companies), but one
    // written alike is worth a look.
    let mut by_english: hashbrown::HashMap<String, usize> = hashbrown::HashMap::new();
    for (i, e) in below.iter().enumerate() {
        for name in names_of(e).filter(|n| !n.chars().any(is_cjk)) {
            by_english.entry(name.trim().to_lowercase()).or_insert(i);
        }
    }
    // Merges by name, held until every added row is read: two added rows may name one
    // record below (see `apart_by_code`).
    let mut by_names: Vec<(usize, usize, &str)> = Vec::new();
    for (i, e) in added.iter().enumerate() {
        if let Some(&j) = e.credit_code().and_then(|c| by_code.get(c.as_str())) {
            out.pairs.push((i, j, false));
            continue;
        }
        // An added enterprise with the id of one below that the checks let through is
        // that one (`check::same_by_id`): two imports of one registry list.
        if let Some(&j) = same_ids.get(&i) {
            let by_name = e.credit_code().is_none() || below[j].credit_code().is_none();
            out.pairs.push((i, j, by_name));
            out.by_name += usize::from(by_name);
            continue;
        }
        let (found, name_hit) = names.found(e);
        let agree: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&j| match (e.credit_code(), below[j].credit_code()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            })
            .collect();
        for &j in found.iter().filter(|j| !agree.contains(j)) {
            out.notices.push(format!(
                "{origin}: {} has the name {name_hit} of {} below but another credit code; kept apart",
                e.id, below[j].id
            ));
        }
        match agree.as_slice() {
            [j] => by_names.push((i, *j, name_hit)),
            [] => {}
            many => out.notices.push(format!(
                "{origin}: {} has the name {name_hit} of {} records below ({}); not merged",
                e.id,
                many.len(),
                some_ids(many.iter().map(|&j| &*below[j].id), many.len())
            )),
        }
        if found.is_empty()
            && let Some((name, j)) = names_of(e)
                .filter(|n| !n.chars().any(is_cjk))
                .find_map(|n| Some((n, *by_english.get(&n.trim().to_lowercase())?)))
        {
            out.alike.push(format!(
                "{origin}: {} has the English name \"{name}\" of {} below: likely a duplicate, kept apart (records are merged by credit code or Chinese name; give both the same credit code to make them one)",
                e.id, below[j].id
            ));
        }
        // A name in one place and the same name in another (东莞市X, 广州市X) are two
        // registrations, not a near miss: only a name without a place, or one below
        // without, is worth the notice.
        if found.is_empty()
            && let Some((name, j)) = names_of(e).filter(|n| n.chars().any(is_cjk)).find_map(|n| {
                let bare = without_place(n);
                let j = *by_bare
                    .get(bare.unwrap_or(n))?
                    .iter()
                    .find(|&&j| bare.is_none_or(|bare| names_of(&below[j]).any(|m| m == bare)))?;
                Some((n, j))
            })
        {
            out.notices.push(format!(
                "{origin}: {} ({name}) may be {} below, whose name differs from it only by the place in front; kept apart (give both the same credit code to make them one)",
                e.id, below[j].id
            ));
        }
    }
    apart_by_code(&by_names, added, below, origin, &mut out);
    out.pairs.sort_unstable();
    out
}

/// The merges by name, but for rows of the added file that name one record below and
/// carry credit codes that differ from each other: two companies, of which the name alone
/// cannot tell the one below. None of them is merged, and a notice says so (merged one
/// after the other, the second's code would replace the first's, and the first company
/// would be lost).
fn apart_by_code(
    named: &[(usize, usize, &str)],
    added: &[Enterprise],
    below: &[Enterprise],
    origin: &str,
    out: &mut Matches,
) {
    let mut codes: hashbrown::HashMap<usize, Vec<&str>> = hashbrown::HashMap::new();
    for &(i, j, _) in named {
        if let Some(code) = added[i].credit_code() {
            let list = codes.entry(j).or_default();
            if !list.contains(&code.as_str()) {
                list.push(code.as_str());
            }
        }
    }
    let mut said: Vec<usize> = Vec::new();
    for &(i, j, name) in named {
        if codes.get(&j).is_none_or(|c| c.len() < 2) {
            out.pairs.push((i, j, true));
            out.by_name += 1;
            continue;
        }
        if said.contains(&j) {
            continue;
        }
        said.push(j);
        let rows: Vec<&str> = named.iter().filter(|n| n.1 == j).map(|n| &*added[n.0].id).collect();
        out.notices.push(format!(
            "{origin}: {} have the name {name} of {} below but credit codes that differ from each other; none merged",
            some_ids(rows.iter().copied(), rows.len()),
            below[j].id
        ));
    }
}

/// A Chinese name without its leading place name (深圳市, 广东省深圳市罗湖区), when it
/// has one.
fn without_place(name: &str) -> Option<&str> {
    let chars = crate::data::places::leading_place(name, is_cjk)?;
    name.char_indices().nth(chars).map(|(at, _)| &name[at..])
}

/// The Chinese names of the enterprises below: as written, and by [`place_key`].
struct Names<'a> {
    exact: hashbrown::HashMap<&'a str, Vec<usize>>,
    /// With their place written without 省, 市, 区 or 县 (深圳金雅福… for 深圳市金雅福…):
    /// the same name to a company registry, which does not register two names that
    /// differ only so in one place.
    by_place: hashbrown::HashMap<String, Vec<usize>>,
}

impl<'a> Names<'a> {
    fn of(below: &'a [Enterprise]) -> Names<'a> {
        let mut exact: hashbrown::HashMap<&str, Vec<usize>> = hashbrown::HashMap::new();
        let mut by_place: hashbrown::HashMap<String, Vec<usize>> = hashbrown::HashMap::new();
        for (i, e) in below.iter().enumerate() {
            for name in names_of(e) {
                let list = exact.entry(name).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
                if name.chars().any(is_cjk) {
                    let list = by_place.entry(place_key(name)).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        Names { exact, by_place }
    }

    /// The enterprises below that have a Chinese name of `e`'s (as written, else but for
    /// its place's 市 or 省), and the name of `e` found.
    fn found<'e>(&self, e: &'e Enterprise) -> (Vec<usize>, &'e str) {
        let mut found: Vec<usize> = Vec::new();
        let mut name_hit = "";
        for name in names_of(e).filter(|n| n.chars().any(is_cjk)) {
            for &j in self.exact.get(name).map_or(&[][..], Vec::as_slice) {
                if !found.contains(&j) {
                    found.push(j);
                    name_hit = name;
                }
            }
        }
        if found.is_empty() {
            for name in names_of(e).filter(|n| n.chars().any(is_cjk)) {
                for &j in self.by_place.get(&place_key(name)).map_or(&[][..], Vec::as_slice) {
                    if !found.contains(&j) {
                        found.push(j);
                        name_hit = name;
                    }
                }
            }
        }
        (found, name_hit)
    }
}

/// A Chinese name with the 省, 市, 区 and 县 of its leading place left out (深圳市罗湖区
/// 金福珠宝 → 深圳罗湖金福珠宝, 深圳金福珠宝 as it is): names that differ only so are one
/// name in one place. Not a name's own words: only the place in front is read.
pub(super) fn place_key(name: &str) -> String {
    let Some(chars) = crate::data::places::leading_place(name, is_cjk) else {
        return name.to_owned();
    };
    name.chars()
        .enumerate()
        .filter(|(i, c)| *i >= chars || !matches!(c, '省' | '市' | '区' | '县'))
        .map(|(_, c)| c)
        .collect()
}

/// At most five of `count` ids, then how many more: a name shared by a thousand records
/// makes no readable notice.
fn some_ids<'a>(ids: impl Iterator<Item = &'a str>, count: usize) -> String {
    const SHOWN: usize = 5;
    let mut out = ids.take(SHOWN).collect::<Vec<_>>().join(", ");
    if count > SHOWN {
        out.push_str(&format!(" and {} more", count - SHOWN));
    }
    out
}

/// An enterprise's names: its name, Chinese name and aliases.
fn names_of(e: &Enterprise) -> impl Iterator<Item = &str> {
    std::iter::once(&*e.name)
        .chain(e.name_zh.as_deref())
        .chain(e.aliases.iter().map(|a| &**a))
}
