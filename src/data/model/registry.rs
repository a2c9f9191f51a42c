//! What a company registry holds about an enterprise: the unified social credit code
//! (统一社会信用代码, checked against its GB 32100-2015 check character), the registry
//! status, registered capital, legal form, industry, region, address, business scope, phone and
//! website. One optional `registry` object on an enterprise, boxed so that the many
//! records without one pay a pointer, not a dozen empty fields.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::sym::Sym;

/// Text as the model stores it (as `model::Text`, named here so no circle forms).
type Text = Box<str>;

/// The registry's fields of one enterprise; each is left out when the registry (or the
/// export) does not say.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<CreditCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RegistryStatus>,
    /// The status in the registry's own words, as the export wrote it: `在业`,
    /// `存续（在营、开业、在册）`, `吊销，未注销`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_text: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<Capital>,
    /// The legal form as registered, in the registry's words: 有限责任公司（自然人投资或控股）.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_form: Option<Sym>,
    /// The industry as the registry classifies it: 批发业, 珠宝首饰及有关物品制造.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<Sym>,
    /// The registered address (住所, 注册地址) in the registry's words; the enterprise's
    /// `location` stays the place as its sources describe it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Text>,
    /// The registered business scope (经营范围).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<Text>,
}

impl Registry {
    /// Whether no field is set (an importer leaves such a registry out).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Registry::default()
    }

    /// Fills each field this one leaves blank from `other`; set fields stay.
    pub fn fill_from(&mut self, other: &Registry) {
        fn fill<T: Clone>(mine: &mut Option<T>, theirs: Option<&T>) {
            if mine.is_none() {
                *mine = theirs.cloned();
            }
        }
        fill(&mut self.credit_code, other.credit_code.as_ref());
        fill(&mut self.status, other.status.as_ref());
        fill(&mut self.status_text, other.status_text.as_ref());
        fill(&mut self.capital, other.capital.as_ref());
        fill(&mut self.legal_form, other.legal_form.as_ref());
        fill(&mut self.industry, other.industry.as_ref());
        fill(&mut self.province, other.province.as_ref());
        fill(&mut self.city, other.city.as_ref());
        fill(&mut self.district, other.district.as_ref());
        fill(&mut self.address, other.address.as_ref());
        fill(&mut self.scope, other.scope.as_ref());
        fill(&mut self.phone, other.phone.as_ref());
        fill(&mut self.website, other.website.as_ref());
    }
}

/// Registered capital: an amount in the currency's base unit (yuan, not 万元) and the
/// currency's ISO 4217 code. `1000万人民币` is `{"amount": 10000000, "currency": "CNY"}`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capital {
    pub amount: f64,
    pub currency: Sym,
}

vocabulary! {
    /// Where an enterprise stands in the registry, as registries word it (存续, 注销, 吊销 …).
    RegistryStatus {
        Active = "active",
        Dormant = "dormant",
        Suspended = "suspended",
        Liquidating = "liquidating",
        MovedIn = "moved-in",
        MovedOut = "moved-out",
        Revoked = "revoked",
        Cancelled = "cancelled",
        Annulled = "annulled",
        OrderedClosed = "ordered-closed",
    }
}

impl RegistryStatus {
    /// The registry's own word for the status, as the national system and the registry
    /// services print it.
    #[must_use]
    pub fn zh(self) -> &'static str {
        match self {
            RegistryStatus::Active => "存续",
            RegistryStatus::Dormant => "歇业",
            RegistryStatus::Suspended => "停业",
            RegistryStatus::Liquidating => "清算",
            RegistryStatus::MovedIn => "迁入",
            RegistryStatus::MovedOut => "迁出",
            RegistryStatus::Revoked => "吊销",
            RegistryStatus::Cancelled => "注销",
            RegistryStatus::Annulled => "撤销",
            RegistryStatus::OrderedClosed => "责令关闭",
        }
    }
}

/// Statuses by the words registries use (after 存续（在营、开业、在册） is cut at its bracket),
/// folded as `import` folds a cell: one vocabulary for reading an export and for the
/// `status:` filter, so that `status:在业` finds the companies `status:存续` finds.
pub const STATUS_WORDS: &[(&str, RegistryStatus)] = &[
    ("存续", RegistryStatus::Active),
    ("续存", RegistryStatus::Active),
    ("在业", RegistryStatus::Active),
    ("在营", RegistryStatus::Active),
    ("开业", RegistryStatus::Active),
    ("在册", RegistryStatus::Active),
    ("正常", RegistryStatus::Active),
    ("登记成立", RegistryStatus::Active),
    ("确立", RegistryStatus::Active),
    ("active", RegistryStatus::Active),
    ("inbusiness", RegistryStatus::Active),
    ("inoperation", RegistryStatus::Active),
    ("operating", RegistryStatus::Active),
    ("歇业", RegistryStatus::Dormant),
    ("dormant", RegistryStatus::Dormant),
    ("停业", RegistryStatus::Suspended),
    ("suspended", RegistryStatus::Suspended),
    ("清算", RegistryStatus::Liquidating),
    ("清算中", RegistryStatus::Liquidating),
    ("liquidating", RegistryStatus::Liquidating),
    ("inliquidation", RegistryStatus::Liquidating),
    ("迁入", RegistryStatus::MovedIn),
    ("movedin", RegistryStatus::MovedIn),
    ("迁出", RegistryStatus::MovedOut),
    ("已迁出", RegistryStatus::MovedOut),
    ("movedout", RegistryStatus::MovedOut),
    ("吊销", RegistryStatus::Revoked),
    ("已吊销", RegistryStatus::Revoked),
    ("被吊销", RegistryStatus::Revoked),
    ("吊销未注销", RegistryStatus::Revoked),
    ("revoked", RegistryStatus::Revoked),
    ("注销", RegistryStatus::Cancelled),
    ("已注销", RegistryStatus::Cancelled),
    ("吊销已注销", RegistryStatus::Cancelled),
    ("cancelled", RegistryStatus::Cancelled),
    ("canceled", RegistryStatus::Cancelled),
    ("deregistered", RegistryStatus::Cancelled),
    ("撤销", RegistryStatus::Annulled),
    ("已撤销", RegistryStatus::Annulled),
    ("撤销登记", RegistryStatus::Annulled),
    ("annulled", RegistryStatus::Annulled),
    ("责令关闭", RegistryStatus::OrderedClosed),
    ("orderedclosed", RegistryStatus::OrderedClosed),
];

impl RegistryStatus {
    /// The status a registry's text says (`存续（在营、开业、在册）`, `吊销，未注销`, `In
    /// Business`), read as `import` reads an export's cell: the word before a bracket,
    /// else that word in small letters without spaces, commas and hyphens. Folding
    /// full-width letters is the caller's.
    #[must_use]
    pub fn read(text: &str) -> Option<RegistryStatus> {
        let word = |w: &str| STATUS_WORDS.iter().find(|(known, _)| *known == w).map(|&(_, s)| s);
        let head = text.split(['(', '（']).next().unwrap_or_default();
        word(head.trim()).or_else(|| {
            let lower = text.to_lowercase();
            let head = lower.split(['(', '（']).next().unwrap_or_default();
            let key: String = head
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | '、' | '-' | '_'))
                .collect();
            word(&key)
        })
    }

    /// The words the `status:` filter finds this status by: the format's word and each
    /// registry word for it that holds no other status's word. 吊销未注销 (revoked) holds
    /// 注销 (cancelled), and a term matches at any character of Chinese text: read by it,
    /// `status:注销` found the revoked companies too.
    ///
    /// Worked out once: the filter reads them for every registered company it visits
    /// (each search of `status:`, and every company when a cache is built).
    pub fn words(self) -> impl Iterator<Item = &'static str> {
        static WORDS: std::sync::LazyLock<Vec<Vec<&'static str>>> = std::sync::LazyLock::new(|| {
            RegistryStatus::ALL
                .iter()
                .map(|&status| {
                    std::iter::once(status.as_str())
                        .chain(
                            STATUS_WORDS
                                .iter()
                                .filter(|&&(word, of)| of == status && !holds_another_status(word, status))
                                .map(|&(word, _)| word),
                        )
                        .collect()
                })
                .collect()
        });
        let at = RegistryStatus::ALL.iter().position(|&s| s == self).unwrap_or_default();
        WORDS[at].iter().copied()
    }
}

/// Whether `text` (a status as a registry wrote it) holds a word of a status other than
/// `status`: `吊销，未注销` holds 注销, so it is not searched as the revoked status's text.
#[must_use]
pub fn holds_another_status(text: &str, status: RegistryStatus) -> bool {
    STATUS_WORDS
        .iter()
        .any(|&(word, of)| of != status && text.contains(word))
}

/// The 31 characters a credit code is written in (no I, O, S, V or Z), in the order
/// of their values.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weight of each of the first 17 characters: 3^(i) mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

fn value_of(c: u8) -> Option<u32> {
    CHARSET.iter().position(|&x| x == c).and_then(|v| u32::try_from(v).ok())
}

/// The check character (the 18th) that GB 32100-2015 computes from the first 17, or
/// `None` when one of them is not a code character.
#[must_use]
pub fn check_character(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (b, w) in bytes.iter().zip(WEIGHTS) {
        sum += value_of(*b)? * w;
    }
    let check = (31 - sum % 31) % 31;
    Some(char::from(CHARSET[check as usize]))
}

/// A unified social credit code (统一社会信用代码) whose shape and check character are
/// right: 18 characters from the code's alphabet, digits in places 3 to 8 (the
/// registering authority's area), and an 18th character that matches the first 17.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditCode(Text);

impl CreditCode {
    /// Checks a code as written (upper case, no spaces).
    ///
    /// # Errors
    /// What is wrong, in words a person can act on.
    pub fn parse(text: &str) -> Result<CreditCode, String> {
        let n = text.chars().count();
        if n != 18 {
            return Err(format!(
                "\"{text}\" is not a unified social credit code: it has {n} characters, not 18"
            ));
        }
        if let Some((i, c)) = text
            .char_indices()
            .find(|(_, c)| !c.is_ascii() || value_of(*c as u8).is_none())
        {
            let place = text[..i].chars().count() + 1;
            let hint = if c.is_ascii_lowercase() {
                "; write letters in upper case"
            } else if "IOSVZ".contains(c) {
                " (the codes never use I, O, S, V or Z)"
            } else {
                ""
            };
            return Err(format!(
                "\"{text}\" is not a unified social credit code: character {place} ({c:?}) is not a code character{hint}"
            ));
        }
        if !text.as_bytes()[2..8].iter().all(u8::is_ascii_digit) {
            return Err(format!(
                "\"{text}\" is not a unified social credit code: characters 3 to 8 (the area code) must be digits"
            ));
        }
        let expected = check_character(&text[..17]).unwrap_or('?');
        if text.as_bytes()[17] != expected as u8 {
            return Err(format!(
                "\"{text}\" fails its check character: the 18th is {}, the first 17 give {expected} (a mistyped character?)",
                char::from(text.as_bytes()[17])
            ));
        }
        Ok(CreditCode(text.into()))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for CreditCode {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CreditCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CreditCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = CreditCode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a unified social credit code (18 characters)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CreditCode, E> {
                CreditCode::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `status:` filter finds a status by these words: each status's own word and
    /// its registry word are among them, for that status and no other.
    #[test]
    fn every_status_is_found_by_its_words() {
        for &status in RegistryStatus::ALL {
            for word in [status.zh(), status.as_str()] {
                let of: Vec<_> = STATUS_WORDS
                    .iter()
                    .filter(|(w, _)| *w == word)
                    .map(|(_, s)| *s)
                    .collect();
                assert!(
                    of == [status] || (word == status.as_str() && of.is_empty()),
                    "{word}: {of:?}"
                );
            }
            assert!(status.words().any(|w| w == status.zh()), "{status:?}");
        }
        // No status is found by a word of another: none of its words holds one.
        for &status in RegistryStatus::ALL {
            for word in status.words() {
                for &other in RegistryStatus::ALL.iter().filter(|&&o| o != status) {
                    assert!(
                        !other.words().any(|w| word.contains(w)),
                        "{word} ({status:?}) holds a word of {other:?}"
                    );
                }
            }
        }
        assert!(holds_another_status("吊销，未注销", RegistryStatus::Revoked));
        assert!(!holds_another_status(
            "存续（在营、开业、在册）",
            RegistryStatus::Active
        ));
        assert!(!RegistryStatus::Revoked.words().any(|w| w.contains("注销")));
    }

    /// Codes printed on real business licences pass; one changed character fails.
    #[test]
    fn real_codes_pass_their_check_character() {
        for code in [
            "914403001922038216",
            "9144030071526726XG",
            "91350200776049653A",
            "913502000728319549",
            "123502001549897397",
        ] {
            assert!(CreditCode::parse(code).is_ok(), "{code}: {:?}", CreditCode::parse(code));
        }
        let err = CreditCode::parse("914403001922038217").unwrap_err();
        assert!(err.contains("the 18th is 7, the first 17 give 6"), "{err}");
    }

    #[test]
    fn bad_shapes_say_what_is_wrong() {
        let cases = [
            ("91440300192203821", "17 characters"),
            ("9144030019220382166", "19 characters"),
            ("91440300192203821i", "write letters in upper case"),
            ("9144030019220382O6", "never use I, O"),
            ("91A40300192203821X", "area code"),
            ("9144030019220382１6", "character 17"),
        ];
        for (code, words) in cases {
            let err = CreditCode::parse(code).unwrap_err();
            assert!(err.contains(words), "{code}: {err}");
        }
    }

    /// The format's documentation lists the statuses this build reads, no more, no fewer.
    #[test]
    fn the_documented_statuses_are_the_vocabulary() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/dataset-format.md")).unwrap();
        let row = doc
            .lines()
            .find(|l| l.starts_with("| `registry.status` |"))
            .expect("the table lists registry.status");
        let listed: Vec<&str> = row.split('`').skip(3).step_by(2).collect();
        let known: Vec<&str> = RegistryStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(listed, known);
    }

    #[test]
    fn fill_keeps_what_is_set() {
        let mut mine = Registry {
            phone: Some("1".into()),
            ..Registry::default()
        };
        let theirs = Registry {
            phone: Some("2".into()),
            district: Some(Sym::new("罗湖区")),
            ..Registry::default()
        };
        mine.fill_from(&theirs);
        assert_eq!(mine.phone.as_deref(), Some("1"));
        assert_eq!(mine.district.as_deref(), Some("罗湖区"));
        assert!(Registry::default().is_empty());
    }
}
