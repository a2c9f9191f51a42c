//! Places in the file the problems the checks find after parsing: those know a record
//! path (`history[4].related[0]`), not a line. When a file fails its checks, its text is
//! walked once more along those paths only (everything else skipped by bracket
//! matching), and each problem gets the line and column where its value starts, or
//! where the deepest part of its path that is in the file starts (a missing field: its
//! record). Runs only for a file that does not load, so it costs nothing otherwise.

use std::path::Path;

use super::scan::object_len;
use crate::data::problems::LoadError;

/// One step of a record path.
#[derive(Debug, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `enterprises[3].registry.credit_code` → its steps; `None` for what is not a path.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while !rest.is_empty() {
            let (index, after) = rest.split_once(']')?;
            out.push(Step::Index(index.parse().ok()?));
            rest = after.strip_prefix('[').unwrap_or(after);
            if !after.is_empty() && !after.starts_with('[') {
                return None;
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// [`place_in`] the text of `file`, read again. A file that cannot be read again leaves
/// the problems as they are: one gone, or not a regular file (a pipe's text is gone,
/// and reading it again would wait for another writer).
pub(super) fn place(file: &Path, error: &mut LoadError) {
    if error.problems.iter().all(|p| p.position.is_none() && p.path.is_none())
        || !std::fs::metadata(file).is_ok_and(|m| m.is_file())
    {
        return;
    }
    if let Ok(bytes) = std::fs::read(file) {
        place_in(&bytes, error);
    }
}

/// Gives each problem of `error` that has a path and no place the line and column of
/// its path in `bytes`, the text it was read from; then counts every problem's column
/// in characters ([`char_columns`]).
pub(super) fn place_in(bytes: &[u8], error: &mut LoadError) {
    if error.problems.iter().any(|p| p.position.is_none() && p.path.is_some()) {
        place_paths(bytes, error);
    }
    char_columns(bytes, error);
}

/// Turns each placed problem's column, counted in bytes while reading, into one counted
/// in characters from 1, as editors count them: on a line of Chinese text a byte column
/// points about three times as far along as the place meant. A column past its line's
/// end (the end of the file) stays one past the last character.
fn char_columns(bytes: &[u8], error: &mut LoadError) {
    let mut placed: Vec<(usize, usize, usize)> = error
        .problems
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.position.map(|(line, col)| (line, col, i)))
        .collect();
    placed.sort_unstable();
    let (mut line, mut line_start) = (1, 0);
    // Counted so far on the current line: up to which byte, how many chars (problems on
    // one long line, a minified file's, are counted along it once).
    let (mut upto, mut chars) = (bom(bytes), 0);
    for (at_line, col, i) in placed {
        while line < at_line {
            let Some(nl) = memchr::memchr(b'\n', &bytes[line_start..]) else {
                break;
            };
            line += 1;
            line_start += nl + 1;
            (upto, chars) = (line_start, 0);
        }
        if line != at_line {
            continue;
        }
        let line_end = memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |k| line_start + k);
        let want = line_start.saturating_add(col.saturating_sub(1));
        let end = want.min(line_end).max(upto);
        // Each char starts with a byte that is not a continuation byte (10xxxxxx).
        chars += bytes[upto..end].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        upto = end;
        // A column past the line's end (the end of the file) stays as far past it.
        let past = want.saturating_sub(end);
        error.problems[i].position = Some((at_line, chars + past + 1));
    }
}

/// The length of the byte order mark `bytes` start with (the format allows one): 3 or 0.
fn bom(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 }
}

/// [`place_in`]'s first part: the problems with a path and no place.
fn place_paths(bytes: &[u8], error: &mut LoadError) {
    let wanted: Vec<(usize, Vec<Step>)> = error
        .problems
        .iter()
        .enumerate()
        .filter(|(_, p)| p.position.is_none())
        .filter_map(|(i, p)| Some((i, steps(p.path.as_deref()?)?)))
        .collect();
    let mut found = vec![None; wanted.len()];
    let alive: Vec<usize> = (0..wanted.len()).collect();
    let start = skip_space(bytes, bom(bytes));
    walk(bytes, start, 0, &alive, &wanted, &mut found);
    let mut offsets: Vec<(usize, usize)> = found
        .iter()
        .zip(&wanted)
        .filter_map(|(at, (problem, _))| Some(((*at)?, *problem)))
        .collect();
    offsets.sort_unstable();
    // One pass over the text for every offset, in order.
    let (mut line, mut line_start, mut from) = (1, 0, 0);
    for (at, problem) in offsets {
        for i in memchr::memchr_iter(b'\n', &bytes[from..at]) {
            line += 1;
            line_start = from + i + 1;
        }
        from = at;
        error.problems[problem].position = Some((line, at - line_start + 1));
    }
}

/// Walks the value at `pos` (path depth `depth`), noting it for each of `alive` (indices
/// into `wanted` whose path runs through here) and going on into the members their paths
/// name. Returns where the value ends; `None` for text that is not JSON.
fn walk(
    bytes: &[u8],
    pos: usize,
    depth: usize,
    alive: &[usize],
    wanted: &[(usize, Vec<Step>)],
    found: &mut [Option<usize>],
) -> Option<usize> {
    for &w in alive {
        found[w] = Some(pos);
    }
    let deeper: Vec<usize> = alive.iter().copied().filter(|&w| wanted[w].1.len() > depth).collect();
    let open = *bytes.get(pos)?;
    if deeper.is_empty() || !matches!(open, b'{' | b'[') {
        return skip(bytes, pos);
    }
    let close = if open == b'{' { b'}' } else { b']' };
    let mut at = skip_space(bytes, pos + 1);
    let mut index = 0;
    if bytes.get(at) == Some(&close) {
        return Some(at + 1);
    }
    loop {
        let step = if open == b'{' {
            let end = skip(bytes, at)?;
            let key = std::str::from_utf8(bytes.get(at + 1..end - 1)?).ok()?;
            at = skip_space(bytes, end);
            if bytes.get(at) != Some(&b':') {
                return None;
            }
            at = skip_space(bytes, at + 1);
            Step::Key(key)
        } else {
            Step::Index(index)
        };
        let next: Vec<usize> = deeper.iter().copied().filter(|&w| wanted[w].1[depth] == step).collect();
        let end = if next.is_empty() {
            skip(bytes, at)?
        } else {
            walk(bytes, at, depth + 1, &next, wanted, found)?
        };
        at = skip_space(bytes, end);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            b if *b == close => return Some(at + 1),
            _ => return None,
        }
        index += 1;
    }
}

/// Where the value at `pos` ends.
fn skip(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'{' | b'[' => Some(pos + object_len(&bytes[pos..])?),
        b'"' => {
            let mut i = pos + 1;
            loop {
                i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
                if bytes[i] == b'"' {
                    return Some(i + 1);
                }
                i += 2;
            }
        }
        _ => {
            let len = bytes[pos..]
                .iter()
                .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(bytes.len() - pos);
            Some(pos + len)
        }
    }
}

fn skip_space(bytes: &[u8], mut pos: usize) -> usize {
    while bytes
        .get(pos)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::problems::Problem;

    #[test]
    fn paths_read_as_steps() {
        assert_eq!(
            steps("enterprises[3].registry.credit_code"),
            Some(vec![
                Step::Key("enterprises"),
                Step::Index(3),
                Step::Key("registry"),
                Step::Key("credit_code")
            ])
        );
        assert_eq!(
            steps("a[1][2]"),
            Some(vec![Step::Key("a"), Step::Index(1), Step::Index(2)])
        );
        assert_eq!(steps("format"), Some(vec![Step::Key("format")]));
        assert_eq!(steps("a[x]"), None);
        assert_eq!(steps("a[1]b"), None);
    }

    #[test]
    fn each_problem_is_placed_at_its_value_or_its_nearest_part_in_the_file() {
        let text = "{\n  \"format\": \"shuibei/1\",\n  \"history\": [\n    {\"id\": \"a\", \"title\": \"x]}\\\"\", \"related\": []},\n    {\"id\": \"b\",\n     \"related\": [\"gone\", \"also-gone\"]}\n  ]\n}\n";
        let dir = std::env::temp_dir().join(format!("shuibei-locate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("d.json");
        std::fs::write(&file, text).unwrap();
        let mut error = LoadError {
            origin: "d.json".into(),
            problems: vec![
                Problem::at_path("history[1].related[1]", "unknown id"),
                Problem::at_path("history[1].summary", "missing"),
                Problem::at_path("format", "unsupported"),
                Problem::whole_file("whole"),
            ],
            omitted: 0,
        };
        place(&file, &mut error);
        let at: Vec<_> = error.problems.iter().map(|p| p.position).collect();
        assert_eq!(at, vec![Some((6, 26)), Some((5, 5)), Some((2, 13)), None]);
    }
}
