//! The targets of the workbook's links, written exactly as [`sanitize::link_target`]
//! makes them: the URL the data holds, with only what a link cannot carry (a space, a
//! Chinese character, a stray `%`) percent-encoded.
//!
//! `rust_xlsxwriter` escapes every `%` of a link as `%25` unless the link already holds
//! one of the few escapes it looks for (`%20`, `%25`, `%22`, …), and has no way to be
//! told a link is escaped already: a URL its site percent-encoded, such as
//! `https://www.hk01.com/%E5%8D%B3…`, became `…/%25E5%258D…`, a page that does not
//! exist, while the cell showed the right text. So each link goes to the library as a
//! stand-in it leaves alone (`https://shuibei.invalid/7`, followed by the link's
//! `#fragment`, which the library keeps apart from the target in any case), and once the
//! workbook is built the stand-ins in its relationship parts (`xl/worksheets/_rels/`)
//! are replaced by the real targets.
//!
//! [`sanitize::link_target`]: crate::sanitize::link_target

use std::io::{self, Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The start of every stand-in: `.invalid` is reserved (RFC 2606), so no real target is
/// one, and the library escapes nothing in it.
const STAND_IN: &str = "https://shuibei.invalid/";

/// Excel's limit on a link's address, and on its fragment (the library's too).
const MAX_URL: usize = 2_080;

/// Where the relationship parts of the sheets live, which hold the links' targets.
const RELS_DIR: &[u8] = b"xl/worksheets/_rels/";

/// The real targets of the stand-ins handed out, by number.
#[derive(Default)]
pub(super) struct Links {
    targets: Vec<String>,
}

impl Links {
    /// The link to give the library for `target` (a URL as [`sanitize::link_target`]
    /// makes it); `None` when it is too long for Excel to hold as a link.
    ///
    /// [`sanitize::link_target`]: crate::sanitize::link_target
    pub(super) fn stand_in(&mut self, target: &str) -> Option<String> {
        let (address, fragment) = match target.split_once('#') {
            Some((address, fragment)) => (address, Some(fragment)),
            None => (target, None),
        };
        if address.len() > MAX_URL || fragment.is_some_and(|f| f.len() > MAX_URL) {
            return None;
        }
        let n = self.targets.len();
        self.targets.push(address.to_owned());
        Some(match fragment {
            Some(fragment) => format!("{STAND_IN}{n}#{fragment}"),
            None => format!("{STAND_IN}{n}"),
        })
    }

    /// The workbook `book` (as the library saved it) with every stand-in replaced by its
    /// target. Only the relationship parts are rewritten; every other part is copied as
    /// it was, still compressed.
    pub(super) fn restore(&self, book: Vec<u8>) -> io::Result<Vec<u8>> {
        if self.targets.is_empty() {
            return Ok(book);
        }
        let mut archive = ZipArchive::new(Cursor::new(book))?;
        let mut out = ZipWriter::new(Cursor::new(Vec::new()));
        // As the library writes its parts: deflated, with a fixed date.
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .unix_permissions(0o600)
            .last_modified_time(DateTime::default());
        for i in 0..archive.len() {
            let part = archive.by_index_raw(i)?;
            let name = part.name_raw();
            if !(name.starts_with(RELS_DIR) && name.ends_with(b".rels")) {
                out.raw_copy_file(part)?;
                continue;
            }
            drop(part);
            let mut part = archive.by_index(i)?;
            let name = part.name()?.into_owned();
            let mut xml = String::new();
            part.read_to_string(&mut xml)?;
            out.start_file(name, options)?;
            out.write_all(self.replaced(&xml)?.as_bytes())?;
        }
        Ok(out.finish()?.into_inner())
    }

    /// The relationship part `xml` with each `Target="STAND-IN"` holding its target.
    fn replaced(&self, xml: &str) -> io::Result<String> {
        let opening = "Target=\"";
        let needle = format!("{opening}{STAND_IN}");
        let mut out = String::with_capacity(xml.len() * 2);
        let mut rest = xml;
        while let Some(at) = rest.find(&needle) {
            out.push_str(&rest[..at + opening.len()]);
            let after = &rest[at + needle.len()..];
            let end = after.find('"').unwrap_or(after.len());
            let target = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|n| self.targets.get(n))
                .ok_or_else(|| io::Error::other(format!("the workbook names an unknown link {:?}", &after[..end])))?;
            push_attribute(&mut out, target);
            rest = &after[end..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// `text` escaped for an XML attribute in double quotes.
fn push_attribute(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_number_the_targets_and_keep_the_fragment_apart() {
        let mut links = Links::default();
        assert_eq!(
            links.stand_in("https://a.example/%E6%B0%B4?x=1&y='2'").as_deref(),
            Some("https://shuibei.invalid/0")
        );
        assert_eq!(
            links.stand_in("https://b.example/p#part%20two").as_deref(),
            Some("https://shuibei.invalid/1#part%20two")
        );
        let long = format!("https://c.example/{}", "a".repeat(MAX_URL));
        assert_eq!(links.stand_in(&long), None, "too long for Excel");
        let xml = r#"<Relationship Id="rId1" Type="t" Target="https://shuibei.invalid/1" TargetMode="External"/><Relationship Id="rId2" Type="t" Target="https://shuibei.invalid/0" TargetMode="External"/>"#;
        assert_eq!(
            links.replaced(xml).unwrap(),
            r#"<Relationship Id="rId1" Type="t" Target="https://b.example/p" TargetMode="External"/><Relationship Id="rId2" Type="t" Target="https://a.example/%E6%B0%B4?x=1&amp;y=&apos;2&apos;" TargetMode="External"/>"#
        );
        assert!(links.replaced(r#"Target="https://shuibei.invalid/9""#).is_err());
    }
}
