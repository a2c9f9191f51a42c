//! The typed records of a `shuibei/1` dataset, exactly as the format defines them.
//!
//! This module owns the shapes and the per-value checks that serde can make while
//! parsing (enum names, real dates, unknown fields). Checks that need the whole file
//! (unique ids, references, `value_max >= value`) live in `check`; nothing here does I/O.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

mod date;
mod script;
mod sym;
pub use date::Date;
pub use script::is_cjk;
pub use sym::Sym;

/// Text as stored in the model. An alias so the representation can change in one place.
pub type Text = Box<str>;

/// Lists in records: exactly sized, so a million records carry no spare capacity.
pub type List<T> = Box<[T]>;

fn is_empty<T>(list: &[T]) -> bool {
    list.is_empty()
}

/// Reads a JSON array into an exactly sized list. Most lists hold one to three items; they
/// are gathered before allocating, so no growing buffer is shrunk afterwards (a realloc per
/// list, several per record, at a million records).
fn exact_list<'de, D, T>(deserializer: D) -> Result<List<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Visitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
        type Value = List<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
            let Some(a) = seq.next_element()? else {
                return Ok(Box::new([]));
            };
            let Some(b) = seq.next_element()? else {
                return Ok(Box::new([a]));
            };
            let Some(c) = seq.next_element()? else {
                return Ok(Box::new([a, b]));
            };
            let mut list = Vec::with_capacity(8);
            list.extend([a, b, c]);
            while let Some(item) = seq.next_element()? {
                list.push(item);
            }
            Ok(list.into_boxed_slice())
        }
    }
    deserializer.deserialize_seq(Visitor(std::marker::PhantomData))
}

/// The one format version this build reads.
pub const FORMAT: &str = "shuibei/1";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub format: Text,
    pub cluster: Cluster,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEvent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enterprises: Vec<Enterprise>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub brands: Vec<Brand>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub established: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// The indicator groups that measure the cluster itself (its enterprises, its trade,
    /// its share), in the order the Overview's headline figures lead with them: one
    /// measure of each, before the newest figures of the rest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headline_groups: Vec<Text>,
    /// The tags' Chinese (`"pre-pricing": "预定价"`): a search in Chinese finds a record
    /// by its tag as one in English does, and the detail shows both.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub tags_zh: std::collections::BTreeMap<Text, Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub title: Text,
    pub reliability: Reliability,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A citation: which source supports a record, with the words that do.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub source: Sym,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEvent {
    pub id: Text,
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_label: Option<Text>,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_zh: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub tags: List<Sym>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub related: List<Sym>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub sources: List<Cite>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    pub id: Text,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<Text>,
    /// Other names the organisation is known by: English trade names, former names.
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub aliases: List<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<Ownership>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub segments: List<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Sym>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub listings: List<Listing>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub people: List<Person>,
    /// What a company registry holds: credit code, status, capital, region and the rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<Box<Registry>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub tags: List<Sym>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub sources: List<Cite>,
}

impl Enterprise {
    /// The unified social credit code, when the record has one.
    #[must_use]
    pub fn credit_code(&self) -> Option<&CreditCode> {
        self.registry.as_ref()?.credit_code.as_ref()
    }

    /// The registered address (住所), when the registry gave one.
    #[must_use]
    pub fn address(&self) -> Option<&str> {
        self.registry.as_ref()?.address.as_deref()
    }

    /// Where the enterprise is: its location as the sources describe it, else its
    /// registered address.
    #[must_use]
    pub fn place(&self) -> Option<&str> {
        self.location.as_deref().or_else(|| self.address())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    pub exchange: Sym,
    pub code: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed: Option<Date>,
    /// When the shares left the exchange; a listing without it is current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delisted: Option<Date>,
}

impl Listing {
    /// Whether the shares are still traded: no `delisted` date.
    #[must_use]
    pub fn is_current(&self) -> bool {
        self.delisted.is_none()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    pub id: Text,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<Text>,
    /// Other names the brand is known by (an English trade name, a former name).
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub aliases: List<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<Sym>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub honors: List<Honor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub sources: List<Cite>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Honor {
    pub title: Sym,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Sym>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Text,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Sym>,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    pub unit: Sym,
    #[serde(default, skip_serializing_if = "Qualifier::is_exact")]
    pub qualifier: Qualifier,
    pub as_of: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Sym>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// The records the figure is about (a company, a brand, an event), by id: their
    /// details list it under "Figures".
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub related: List<Sym>,
    #[serde(default, skip_serializing_if = "is_empty", deserialize_with = "exact_list")]
    pub sources: List<Cite>,
}

/// Declares a closed vocabulary: serde names, display names and the list of all values,
/// so facets, sorting and error messages all read from one place.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// How far a source can be trusted: government and filings high, trade press medium, blogs low.
    Reliability { High = "high", Medium = "medium", Low = "low" }
}

vocabulary! {
    /// What sort of organisation an enterprise record is.
    Kind {
        Company = "company",
        Association = "association",
        TradingCenter = "trading-center",
        Exchange = "exchange",
        Institution = "institution",
        Government = "government",
    }
}

vocabulary! {
    /// Ownership as a source states it; `unknown` when a source says it is not known.
    Ownership {
        StateOwned = "state-owned",
        Private = "private",
        ForeignInvested = "foreign-invested",
        JointVenture = "joint-venture",
        Collective = "collective",
        Public = "public",
        Unknown = "unknown",
    }
}

vocabulary! {
    /// How a figure was worded: "about 10", "more than 300", "nearly 70 %".
    Qualifier {
        Exact = "exact",
        About = "about",
        MoreThan = "more-than",
        LessThan = "less-than",
        Nearly = "nearly",
    }
}

mod registry;
pub use registry::{
    Capital, CreditCode, Registry, RegistryStatus, STATUS_WORDS, check_character, holds_another_status,
};

// Written out because `vocabulary!` declares the enum and cannot mark a `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Qualifier {
    fn default() -> Self {
        Qualifier::Exact
    }
}

impl Qualifier {
    #[must_use]
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
    pub fn is_exact(&self) -> bool {
        *self == Qualifier::Exact
    }
}

/// The four kinds of record a person browses, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    History,
    Enterprise,
    Brand,
    Indicator,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::History,
        RecordKind::Enterprise,
        RecordKind::Brand,
        RecordKind::Indicator,
    ];

    /// The singular name used in CLI output (`kind<TAB>id<TAB>label`) and JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::History => "history",
            RecordKind::Enterprise => "enterprise",
            RecordKind::Brand => "brand",
            RecordKind::Indicator => "indicator",
        }
    }

    /// The dataset section that holds records of this kind.
    #[must_use]
    pub fn section(self) -> &'static str {
        match self {
            RecordKind::History => "history",
            RecordKind::Enterprise => "enterprises",
            RecordKind::Brand => "brands",
            RecordKind::Indicator => "indicators",
        }
    }

    /// Accepts the singular, the section name and the tab title, case-insensitively.
    #[must_use]
    pub fn parse(text: &str) -> Option<RecordKind> {
        let text = text.to_ascii_lowercase();
        RecordKind::ALL
            .into_iter()
            .find(|k| text == k.as_str() || text == k.section())
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(Ownership::parse("state-owned"), Some(Ownership::StateOwned));
        assert_eq!(RecordKind::parse("Enterprises"), Some(RecordKind::Enterprise));
        assert_eq!(RecordKind::parse("brand"), Some(RecordKind::Brand));
    }
}
