//! Building the index from a loaded dataset, on all cores: each record's masks, and its
//! names packed end to end with their pinyin mask.

use rayon::prelude::*;

use super::{
    EVERY, HAS_PINYIN, HAS_RELATED, Index, Names, Tab, ZH_ASCII, encode_pinyin, id_hash, packed_size, record_pinyin,
};
use crate::data::db::{Db, Rec};
use crate::data::model::RecordKind;
use crate::search::fields;
use crate::search::fold;
use crate::search::pinyin;
use crate::search::query::kind_slot;
use crate::search::records::Records;

impl Index {
    /// Builds the masks of every record, on all cores.
    #[must_use]
    pub fn build(db: &Db) -> Index {
        let mut index = Index::default();
        for kind in RecordKind::ALL {
            index.tabs[kind_slot(kind)] = build_tab(db, kind);
        }
        index
    }
}

/// Records per unit of parallel work while building.
const CHUNK: usize = 8192;

/// One chunk of a tab, built on one core.
#[derive(Default)]
struct Part {
    primary: Vec<u64>,
    secondary: Vec<u32>,
    pairs: Vec<u64>,
    heads: Vec<u64>,
    field_pinyin: Vec<u32>,
    ids: Vec<u32>,
    text: String,
    lens: Vec<[u8; 2]>,
}

fn build_tab(db: &Db, kind: RecordKind) -> Tab {
    let n = db.len(kind);
    let parts: Vec<Part> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || (String::new(), Memo::default()),
            |(scratch, memo), chunk| {
                let range = chunk * CHUNK..n.min(chunk * CHUNK + CHUNK);
                let mut part = Part::default();
                for i in range {
                    build_record(db, Rec::new(kind, i), scratch, memo, &mut part);
                }
                part
            },
        )
        .collect();
    let mut tab = Tab {
        primary: parts.iter().flat_map(|p| p.primary.iter().copied()).collect(),
        secondary: parts.iter().flat_map(|p| p.secondary.iter().copied()).collect(),
        pairs: parts.iter().flat_map(|p| p.pairs.iter().copied()).collect(),
        heads: parts.iter().flat_map(|p| p.heads.iter().copied()).collect(),
        field_pinyin: parts.iter().flat_map(|p| p.field_pinyin.iter().copied()).collect(),
        ids: parts.iter().flat_map(|p| p.ids.iter().copied()).collect(),
        ..Tab::default()
    };
    let total: usize = parts.iter().map(|p| p.text.len()).sum();
    if u32::try_from(total).is_err() {
        // Past 4 GiB of names the offsets would overflow: read names from the dataset.
        tab.starts = vec![0; n.div_ceil(EVERY) + 1].into_boxed_slice();
        tab.lens = vec![[0, 0]; n].into_boxed_slice();
        return tab;
    }
    tab.lens = parts.iter().flat_map(|p| p.lens.iter().copied()).collect();
    let mut text = String::with_capacity(total);
    let mut starts: Vec<u32> = Vec::with_capacity(n.div_ceil(EVERY) + 1);
    // Parts hold a multiple of EVERY records, so each starts an entry.
    let mut at = 0;
    for (i, (lens, primary)) in tab.lens.iter().zip(&tab.primary).enumerate() {
        if i % EVERY == 0 {
            starts.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        at += packed_size(*lens, *primary);
    }
    starts.push(u32::try_from(at).unwrap_or(u32::MAX));
    for part in &parts {
        text.push_str(&part.text);
    }
    debug_assert_eq!(text.len(), at);
    tab.text = Names::Own(text);
    tab.starts = starts.into_boxed_slice();
    tab
}

/// The masks of one record, and its names packed into the part.
fn build_record(db: &Db, rec: Rec, scratch: &mut String, memo: &mut Memo, part: &mut Part) {
    let [name, zh] = fields::primary_names(db, rec);
    let mut mask = name.map_or(0, fold::mask) | zh.map_or(0, fold::mask);
    if zh.is_some_and(|zh| zh.chars().any(|c| fold::plain(c).is_ascii())) {
        mask |= ZH_ASCII;
    }
    let related = fields::related_names(db, rec, &mut |_, text| {
        mask |= fold::mask(text) | HAS_RELATED;
        false
    });
    debug_assert!(!related);
    for alias in fields::aliases(db, rec) {
        mask |= fold::mask(alias) | HAS_RELATED;
    }
    let py = record_pinyin(Records::Db(db), rec);
    if py != 0 {
        mask |= HAS_PINYIN;
    }
    part.primary.push(mask);
    let (mut sec, mut pairs, mut heads, mut field_py) = (0u32, 0u64, 0u64, 0u32);
    for field in fields::secondary(rec.kind) {
        if let Some(date) = fields::date_of(db, rec, *field) {
            let (chars, p, h) = date_masks(date);
            sec |= chars;
            pairs |= p;
            heads |= h;
            // A label in Chinese ("2004年春") is read by its pinyin too (`text::in_value`).
            field_py |= date.1.filter(|l| !l.is_ascii()).map_or(0, pinyin::letters);
            continue;
        }
        // Dates, years and figures are formatted into `scratch`, one address for many texts: not
        // for the memo.
        let formatted = fields::formatted(*field);
        fields::visit(db, rec, *field, scratch, &mut |text| {
            // Formatted texts are ASCII: no pinyin.
            let (chars, p, h, letters) = if formatted {
                (fold::narrow_mask(text), fold::pair_mask(text), fold::head_mask(text), 0)
            } else {
                memo.masks(text)
            };
            sec |= chars;
            pairs |= p;
            heads |= h;
            field_py |= letters;
            false
        });
    }
    part.secondary.push(sec);
    part.pairs.push(pairs);
    part.heads.push(heads);
    part.field_pinyin.push(field_py);
    part.ids.push(id_hash(db.id(rec)));
    let name = name.unwrap_or("");
    let lens = (u8::try_from(name.len()), u8::try_from(zh.map_or(0, str::len)));
    match lens {
        (Ok(name_len), Ok(zh_len)) if name_len > 0 && zh != Some("") => {
            part.lens.push([name_len, zh_len]);
            part.text.push_str(name);
            part.text.push_str(zh.unwrap_or(""));
            if py != 0 {
                for b in encode_pinyin(py) {
                    part.text.push(char::from(b));
                }
            }
        }
        _ => part.lens.push([0, 0]),
    }
}

/// The secondary masks of texts seen lately, by address: most values of the other fields
/// are shared (interned segments, locations, sources; the `kind` and `ownership` names),
/// so a million records repeat a few hundred texts, each masked once here.
/// A text's narrow, pair and head masks and its pinyin letters.
type Masks = (u32, u64, u64, u32);

struct Memo {
    slots: Box<[(usize, usize, Masks)]>,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            slots: vec![(0, 0, (0, 0, 0, 0)); 512].into_boxed_slice(),
        }
    }
}

impl Memo {
    /// [`fold::narrow_mask`], [`fold::pair_mask`], [`fold::head_mask`] and the pinyin letters
    /// ([`pinyin::letters`]) of `text`. Keyed by address and length, which is sound
    /// while the texts live (the dataset outlives the build).
    fn masks(&mut self, text: &str) -> Masks {
        let (at, len) = (text.as_ptr() as usize, text.len());
        let slot = &mut self.slots[(at >> 3 ^ len) % 512];
        if slot.0 == at && slot.1 == len && at != 0 {
            return slot.2;
        }
        let letters = if text.is_ascii() { 0 } else { pinyin::letters(text) };
        let masks = (
            fold::narrow_mask(text),
            fold::pair_mask(text),
            fold::head_mask(text),
            letters,
        );
        *slot = (at, len, masks);
        masks
    }
}

/// The char, pair and head masks of a date's text (as `Date` displays it) and of its label,
/// without `format!`: formatting a date per record cost more than the rest of its record.
pub(super) fn date_masks((date, label): (crate::data::model::Date, Option<&str>)) -> (u32, u64, u64) {
    let mut text = [0u8; 10];
    let mut len = 0;
    let mut put = |byte: u8| {
        text[len] = byte;
        len += 1;
    };
    let digit = |n: u16, place: u16| b'0' + u8::try_from(n / place % 10).unwrap_or(0);
    let year = date.year();
    for place in [1000, 100, 10, 1] {
        put(digit(year, place));
    }
    for part in [date.month(), date.day()].into_iter().flatten() {
        put(b'-');
        put(digit(u16::from(part), 10));
        put(digit(u16::from(part), 1));
    }
    let text = std::str::from_utf8(&text[..len]).unwrap_or("");
    (
        label.map_or(0, fold::narrow_mask) | fold::narrow_mask(text),
        label.map_or(0, fold::pair_mask) | fold::pair_mask(text),
        label.map_or(0, fold::head_mask) | fold::head_mask(text),
    )
}
