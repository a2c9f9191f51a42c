//! Rows whose cut names would read alike, told apart at word boundaries: the first word,
//! then what tells each row from the others whole (its last parenthesis, else from the
//! word where the rows begin to differ).

use unicode_width::UnicodeWidthStr;

use super::{clusters, fit, last_clusters};

/// Rows whose cut texts would read alike, told apart: `rows` holds each row's text in
/// full and as shown, `widths` the columns each row has (a row with a lead, `≠`, has two
/// fewer). A cut text that another row shows too is cut again at word boundaries: its
/// first word (more whole words within a third of the room), `…`, then the words that
/// tell it from the others, whole. Those are its end when the ends differ: its last
/// parenthesis whole ("Jewelry…(end of 2006)"), else what the parenthesis says without
/// its marks ("Jewelry…early 1990s" in 20), else its last words that fit; where the ends
/// are alike too, from the word where it first differs from the others, cut after a
/// word ("Brand…(Chow Tai Fook list…", where "Jewel…early 1990s)" and "Brand go…(Chow
/// Tai Fook l…" were cut inside words). For each row, the text it reads as and how many
/// characters of its start that keeps; `None` for a row left as it was.
#[must_use]
pub fn told_apart(rows: &[(&str, &str)], widths: &[usize]) -> Vec<Option<(String, usize)>> {
    let mut out = vec![None; rows.len()];
    let max = |i: usize| widths.get(i).copied().unwrap_or(0);
    let alike = |i: usize| {
        let (full, shown) = rows[i];
        max(i) >= 7
            && shown != full
            && rows
                .iter()
                .enumerate()
                .any(|(j, (f, s))| j != i && s == &shown && f != &full)
    };
    let group: Vec<usize> = (0..rows.len()).filter(|i| alike(*i)).collect();
    // From the word where the rows it read alike with begin to differ, all of them (not
    // the one nearest: two brands' prices of one day read "Brand…list price, 25 June…"),
    // cut after a word; a closing mark without its opening left out.
    // `clashing`: rows whose new texts read as this one's would (two brands' prices of
    // one day, each alike with another price of its own brand), compared too.
    let from_difference = |i: usize, clashing: &[usize]| {
        let full = rows[i].0;
        let differs = group
            .iter()
            .filter(|j| **j != i && rows[**j].1 == rows[i].1)
            .chain(clashing.iter().filter(|j| **j != i))
            .map(|j| common_prefix(full, rows[*j].0))
            .min()
            .unwrap_or(0);
        let from = full[..differs].rfind(' ').map_or(differs, |at| at + 1);
        let head = head_words(full, max(i) - 1);
        let mut rest = fit_words(&full[from..], max(i) - 1 - head.width());
        if rest.ends_with(')') && !rest.contains('(') {
            rest.pop();
        }
        (format!("{head}…{rest}"), head.chars().count())
    };
    let mut texts: Vec<(String, usize)> = group
        .iter()
        .map(|i| {
            let head = head_words(rows[*i].0, max(*i) - 1);
            match end_words(rows[*i].0, max(*i) - 1 - head.width()) {
                Some(tail) => (format!("{head}…{tail}"), head.chars().count()),
                None => from_difference(*i, &[]),
            }
        })
        .collect();
    // Which ends still read alike, judged before any is cut again (else the second of
    // two would be left reading as the first did).
    let clashes: Vec<Option<Vec<usize>>> = group
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let mut clashing: Vec<usize> = texts
                .iter()
                .enumerate()
                .filter(|(l, (t, _))| *l != k && *t == texts[k].0 && rows[group[*l]].0 != rows[i].0)
                .map(|(l, _)| group[l])
                .collect();
            clashing.extend((0..rows.len()).filter(|&j| rows[j].1 == texts[k].0));
            (!clashing.is_empty()).then_some(clashing)
        })
        .collect();
    for (k, &i) in group.iter().enumerate() {
        if let Some(clashing) = &clashes[k] {
            texts[k] = from_difference(i, clashing);
        }
    }
    for (k, i) in group.into_iter().enumerate() {
        out[i] = Some(texts[k].clone());
    }
    out
}

/// The start of a text that leads a told-apart row in `room` columns (its `…` aside):
/// its first word when that takes no more than half, and the words after it within a
/// third; a first word too long for half (a Chinese name has no spaces) is cut to a third.
fn head_words(full: &str, room: usize) -> String {
    let mut head = String::new();
    for word in full.split(' ') {
        let more = if head.is_empty() {
            word.to_owned()
        } else {
            format!("{head} {word}")
        };
        let limit = if head.is_empty() { room / 2 } else { room / 3 };
        if more.width() > limit {
            break;
        }
        head = more;
    }
    if head.is_empty() {
        head = fit_clusters(full, room / 3);
    }
    head.trim_end().to_owned()
}

/// The end of a text in `room` columns, from a word's start: its last parenthesis whole
/// (and the words before it that fit), else that parenthesis's words without its marks; `None` when neither fits (part of a
/// parenthesis, "21 October 2025" of "(Chow Sang Sang list price, 21 October 2025)", may
/// not be what tells it apart). A text without one: its last words that fit, or its
/// last clusters when not even its last word fits.
fn end_words(full: &str, room: usize) -> Option<String> {
    if let Some(at) = full.rfind(" (").filter(|_| full.ends_with(')')) {
        // Whole, with the words before it that fit too ("People's…Shuibei cluster
        // (2017)"), below.
        let whole = &full[at + 1..];
        if whole.width() > room {
            let inner = &whole[1..whole.len() - 1];
            return (inner.width() <= room).then(|| inner.to_owned());
        }
    }
    let mut tail = String::new();
    for word in full.rsplit(' ') {
        let more = if tail.is_empty() {
            word.to_owned()
        } else {
            format!("{word} {tail}")
        };
        if more.width() > room {
            break;
        }
        tail = more;
    }
    if tail.is_empty() {
        let all: Vec<(&str, usize)> = clusters(full).map(|(_, g, w)| (g, w)).collect();
        return Some(last_clusters(&all, room).trim_start().to_owned());
    }
    Some(tail)
}

/// Text in `max` columns cut after its last whole word that leaves room for `…` ("(Lao
/// Feng Xiang list…"); cut between clusters when not even its first word fits.
fn fit_words(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    let mut kept = String::new();
    for word in text.split(' ') {
        let more = if kept.is_empty() {
            word.to_owned()
        } else {
            format!("{kept} {word}")
        };
        if more.width() + 1 > max {
            break;
        }
        kept = more;
    }
    if kept.is_empty() {
        return fit(text, max);
    }
    format!("{}…", kept.trim_end_matches([',', ';', ':']))
}

/// The first clusters of a text that fit in `max` columns, uncut.
fn fit_clusters(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for (_, g, w) in clusters(text) {
        if used + w > max {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out
}

/// The byte length of the start two texts share, at a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two names cut alike ("Jewelry enterprises i…" twice at 100 columns) are cut again
    /// at words, keeping their ends; names that read apart are left as they were.
    #[test]
    fn rows_cut_alike_are_told_apart() {
        let early = "Jewelry enterprises in the Shuibei Wanshan Industrial Zone (early 1990s)";
        let late = "Jewelry enterprises in the base (end of 2006)";
        let other = "Gold and jewelry enterprises settled in the zone (2003)";
        let (cut_early, cut_late, cut_other) = (fit(early, 22), fit(late, 22), fit(other, 22));
        assert_eq!(cut_early, cut_late);
        let rows = [(early, cut_early.as_str()), (late, &cut_late), (other, &cut_other)];
        let apart = told_apart(&rows, &[22; 3]);
        assert_eq!(apart[0].as_ref().unwrap().0, "Jewelry…(early 1990s)");
        assert_eq!(apart[1].as_ref().unwrap().0, "Jewelry…(end of 2006)");
        assert_eq!(apart[0].as_ref().unwrap().1, 7);
        assert!(apart[2].is_none());
        // In 20 (100 columns, the detail open) the parenthesis's words without its marks,
        // never a word cut ("Jewel…early 1990s)" read like its neighbours).
        let (cut_early, cut_late) = (fit(early, 20), fit(late, 20));
        let apart = told_apart(&[(early, &cut_early), (late, &cut_late)], &[20, 20]);
        assert_eq!(apart[0].as_ref().unwrap().0, "Jewelry…early 1990s");
        assert_eq!(apart[1].as_ref().unwrap().0, "Jewelry…end of 2006");
        // Each row in its own width: a row with a lead keeps its last words.
        let one = "Jewelry enterprises in Shenzhen (2008, ~2,100)";
        let two = "Jewelry enterprises in Shenzhen (2008, 2,300+)";
        let (cut_one, cut_two) = (fit(one, 18), fit(two, 18));
        let apart = told_apart(&[(one, &cut_one), (two, &cut_two)], &[18, 18]);
        assert_eq!(apart[0].as_ref().unwrap().0, "Jewelry…~2,100");
        assert_eq!(apart[1].as_ref().unwrap().0, "Jewelry…2,300+");
        // Alike at their ends too: from the word where they differ.
        let one = "Share of trade (2017, one paper: more than 70 %)";
        let another = "Share of trade (2017, another one: more than 70 %)";
        let (cut_one, cut_another) = (fit(one, 20), fit(another, 20));
        let apart = told_apart(&[(one, &cut_one), (another, &cut_another)], &[20, 20]);
        let (told_one, told_another) = (&apart[0].as_ref().unwrap().0, &apart[1].as_ref().unwrap().0);
        assert_eq!(
            (told_one.as_str(), told_another.as_str()),
            ("Share…one paper…", "Share…another one…")
        );
        // The brand in a price's parenthesis shows (at 120 columns with the detail open).
        let lao = "Brand gold-jewelry price (Lao Feng Xiang list price, 25 June 2026)";
        let chow = "Brand gold-jewelry price (Chow Tai Fook list price, 25 June 2026)";
        let (cut_lao, cut_chow) = (fit(lao, 27), fit(chow, 27));
        let apart = told_apart(&[(lao, &cut_lao), (chow, &cut_chow)], &[27, 27]);
        assert_eq!(apart[0].as_ref().unwrap().0, "Brand…(Lao Feng Xiang list…");
        assert_eq!(apart[1].as_ref().unwrap().0, "Brand…(Chow Tai Fook list…");
        // Each alike with another price of its own brand, and told apart from it by the
        // end ("list price, 25 June 2026"), which the other brand's price ends with too:
        // the brand shows (at 100 columns, the list zoomed).
        let lao_quote = "Brand gold-jewelry price (Lao Feng Xiang quote, 16 January 2026)";
        let chow_quote = "Brand gold-jewelry price (Chow Tai Fook pure-gold quote, 16 January 2026)";
        let names = [lao_quote, lao, chow, chow_quote];
        let cut: Vec<String> = names.iter().map(|n| fit(n, 40)).collect();
        let rows: Vec<(&str, &str)> = names.iter().zip(&cut).map(|(n, c)| (*n, c.as_str())).collect();
        let apart = told_apart(&rows, &[40; 4]);
        let told: Vec<&str> = apart.iter().map(|t| t.as_ref().map_or("", |t| t.0.as_str())).collect();
        for (k, text) in told.iter().enumerate() {
            assert!(text.width() <= 40, "{text}");
            assert!(told.iter().enumerate().all(|(l, t)| l == k || t != text), "{told:?}");
        }
        assert!(told[1].contains("Lao Feng") && told[2].contains("Chow Tai"), "{told:?}");
        // Chinese names have no spaces: cut between characters, never one in half.
        let a = "深圳市周大生珠宝股份有限公司罗湖分公司";
        let b = "深圳市周大生珠宝股份有限公司福田分公司";
        let (cut_a, cut_b) = (fit(a, 21), fit(b, 21));
        let apart = told_apart(&[(a, &cut_a), (b, &cut_b)], &[21, 21]);
        for told in apart.iter().flatten() {
            assert!(told.0.width() <= 21, "{}", told.0);
        }
        assert_ne!(apart[0], apart[1]);
    }
}
