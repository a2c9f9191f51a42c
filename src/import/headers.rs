//! Which column holds what: the header names registry exports use (企查查, 天眼查, 爱企查,
//! the national enterprise credit system) and their English equivalents, compared with
//! case, width, spaces and punctuation folded; the columns `shuibei export --tab
//! enterprises` writes, so that an export imports back; and finding the header row
//! below any title lines.

use super::capital::{self, Unit};
use crate::search::fold::width;

/// How many rows are looked through for the header before the file is refused.
pub(super) const HEADER_ROWS: usize = 30;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Column {
    /// The record's id, as `shuibei export` writes it: kept, so a round trip keeps ids.
    Id,
    /// The name: the Chinese one in a registry export; the English (or pinyin) one when
    /// a [`Column::NameZh`] holds the Chinese, as in `shuibei export`.
    Name,
    NameZh,
    EnglishName,
    FormerNames,
    /// Other names, joined with `; ` (`aliases` in `shuibei export`).
    Aliases,
    Kind,
    Ownership,
    Segments,
    CreditCode,
    /// A person and the role the header names (法定代表人, 负责人, 执行事务合伙人 …).
    Person(&'static str),
    /// People with their roles and dates, as `shuibei export` writes them.
    People,
    Listings,
    /// Registered capital, with the unit the header names for bare numbers (`注册资本(万元)`).
    Capital(Option<Unit>),
    /// The currency of the capital column's amounts (`capital_currency`, 币种).
    CapitalCurrency,
    Founded,
    Status,
    /// The status in the registry's words, beside a status in the format's
    /// (`registry_status_text` beside `registry_status`).
    StatusText,
    Province,
    City,
    District,
    LegalForm,
    Industry,
    /// The registered address (住所, 注册地址): the registry's `address`.
    Address,
    /// The place as `shuibei export` writes it (`location`).
    Location,
    Scope,
    Phone,
    Website,
    Summary,
    Tags,
    /// A row number (序号): known, and not data.
    RowNumber,
    /// A column of `shuibei export` that an import cannot keep, and why.
    LeftOut(LeftOut),
}

/// Why a column `shuibei export` writes is left out of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeftOut {
    /// Worked out from other columns, which are imported (`listing_status` from
    /// `listings`): loading the output works it out again.
    Derived,
    /// About the sources of the dataset exported (`sources`, `citations`), which the
    /// output does not hold: its records cite the imported file instead.
    Sources,
    /// Other records (`brands`), which an import does not make.
    Brands,
    /// Where the datasets exported together disagreed (`conflicts`): the other values
    /// belong to the files laid together, which are not this one.
    Conflicts,
}

impl LeftOut {
    /// Why, for the notice naming the columns: "columns … are left out (WHY): a, b".
    #[must_use]
    pub fn why(self) -> &'static str {
        match self {
            LeftOut::Derived => {
                "columns worked out from other columns are left out (the columns they come from are imported, and shuibei works them out again)"
            }
            LeftOut::Sources => {
                "columns about the sources of the exported dataset are left out (this file does not hold those sources; every imported record cites this file instead, described by --publisher, --date and --reliability)"
            }
            LeftOut::Brands => {
                "columns naming other records are left out (brands are records of their own, which import does not make)"
            }
            LeftOut::Conflicts => {
                "columns saying where the exported datasets disagreed are left out (the values the rows kept are imported; the other values are in the files that gave them)"
            }
        }
    }
}

impl Column {
    /// Two columns that fill the same field: the second is ignored.
    fn same_field(self, other: Column) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
            && !matches!(self, Column::RowNumber | Column::LeftOut(_))
    }
}

const LEGAL_REPRESENTATIVE: &str = "legal representative";

/// The header names of each column, Chinese then English, in the form [`fold`] gives.
const SYNONYMS: &[(Column, &[&str])] = &[
    (Column::Id, &["id"]),
    (
        Column::Name,
        &[
            "企业名称",
            "公司名称",
            "名称",
            "企业名",
            "公司名",
            "单位名称",
            "主体名称",
            "市场主体名称",
            "机构名称",
            "companyname",
            "enterprisename",
            "name",
            "company",
            "entityname",
        ],
    ),
    (Column::NameZh, &["中文名称", "namezh", "chinesename"]),
    (
        Column::EnglishName,
        &["英文名称", "英文名", "englishname", "nameinenglish"],
    ),
    (
        Column::FormerNames,
        &["曾用名", "历史名称", "formernames", "formername", "previousnames"],
    ),
    (Column::Aliases, &["aliases", "alias"]),
    (Column::Kind, &["kind"]),
    (Column::Ownership, &["ownership"]),
    (Column::Segments, &["segments", "segment"]),
    (
        Column::CreditCode,
        &[
            "统一社会信用代码",
            "信用代码",
            "社会信用代码",
            "统一信用代码",
            "unifiedsocialcreditcode",
            "unifiedsocialcreditidentifier",
            "creditcode",
            "uscc",
            "usci",
        ],
    ),
    (
        Column::Person(LEGAL_REPRESENTATIVE),
        &[
            "法定代表人",
            "法人",
            "法人代表",
            "法定代表",
            "legalrepresentative",
            "legalperson",
        ],
    ),
    (Column::Person("person in charge"), &["负责人", "personincharge"]),
    (
        Column::Person("executive partner"),
        &["执行事务合伙人", "executivepartner"],
    ),
    (Column::Person("operator"), &["经营者", "operator"]),
    (Column::People, &["people"]),
    (Column::Listings, &["listings"]),
    (
        Column::Capital(None),
        &["注册资本", "注册资金", "registeredcapital", "capital"],
    ),
    (
        Column::CapitalCurrency,
        &["币种", "注册资本币种", "capitalcurrency", "currency"],
    ),
    (
        Column::Founded,
        &[
            "成立日期",
            "成立时间",
            "注册日期",
            "成立",
            "dateofestablishment",
            "establishmentdate",
            "established",
            "founded",
            "incorporationdate",
            "dateofincorporation",
        ],
    ),
    (
        Column::Status,
        &[
            "登记状态",
            "经营状态",
            "企业状态",
            "公司状态",
            "状态",
            "registrationstatus",
            "operatingstatus",
            "status",
            "registrystatus",
        ],
    ),
    (Column::StatusText, &["registrystatustext", "statustext"]),
    (Column::Province, &["所属省份", "省份", "所在省份", "省", "province"]),
    (
        Column::City,
        &["所属城市", "城市", "所在城市", "所属地市", "市", "city"],
    ),
    (
        Column::District,
        &["所属区县", "区县", "所在区县", "所属区域", "区", "district", "county"],
    ),
    (
        Column::LegalForm,
        &[
            "企业类型",
            "公司类型",
            "企业(机构)类型",
            "市场主体类型",
            "类型",
            "companytype",
            "enterprisetype",
            "legalform",
            "type",
        ],
    ),
    (
        Column::Industry,
        &["所属行业", "行业", "国标行业", "行业门类", "industry"],
    ),
    (
        Column::Address,
        &[
            "企业地址",
            "注册地址",
            "地址",
            "住所",
            "经营场所",
            "通信地址",
            "address",
            "registeredaddress",
        ],
    ),
    (Column::Location, &["location"]),
    (Column::Scope, &["经营范围", "businessscope", "scope"]),
    (
        Column::Phone,
        &["电话", "联系电话", "企业电话", "phone", "telephone", "tel"],
    ),
    (
        Column::Website,
        &["网址", "官网", "企业网址", "网站", "website", "url", "homepage"],
    ),
    (Column::Summary, &["summary"]),
    (Column::Tags, &["tags"]),
    (Column::RowNumber, &["序号", "编号", "no", "no.", "#", "index"]),
    (
        Column::LeftOut(LeftOut::Derived),
        &["shenzhendistrict", "listingstatus"],
    ),
    (
        Column::LeftOut(LeftOut::Sources),
        &[
            "sources",
            "citations",
            "quotes",
            // `reliability` as earlier exports named `weakestreliability`.
            "weakestreliability",
            "reliability",
            "strongestreliability",
        ],
    ),
    (Column::LeftOut(LeftOut::Brands), &["brands"]),
    (Column::LeftOut(LeftOut::Conflicts), &["conflicts"]),
];

/// The columns of `shuibei export --tab enterprises` an import reads, as the export
/// names them (for the help; a test checks each is recognised).
const EXPORT_COLUMNS: &[&str] = &[
    "id",
    "name",
    "name_zh",
    "aliases",
    "kind",
    "ownership",
    "segments",
    "founded",
    "location",
    "listings",
    "people",
    "credit_code",
    "registry_status",
    "registry_status_text",
    "capital",
    "capital_currency",
    "legal_form",
    "industry",
    "province",
    "city",
    "district",
    "registered_address",
    "scope",
    "phone",
    "website",
    "summary",
    "tags",
];

/// Columns only `shuibei export` of another tab writes (folded), and that tab: such a
/// file holds brands, indicators, history or sources, not enterprises.
const OTHER_EXPORTS: &[(&str, &str)] = &[
    ("ownername", "brands"),
    ("honors", "brands"),
    ("metric", "indicators"),
    ("figure", "indicators"),
    ("valuemax", "indicators"),
    ("datelabel", "history"),
    ("titlezh", "history"),
    ("citedby", "sources"),
    ("citedbycount", "sources"),
];

/// A header as compared: width folded, lower case, without spaces, underscores,
/// hyphens, asterisks or a trailing colon, and without a bracketed part, which is
/// returned apart (`注册资本(万元)` → `注册资本`, `万元`).
#[must_use]
pub fn fold(header: &str) -> (String, Option<String>) {
    let narrowed: String = header.chars().map(width).collect();
    let (main, bracket) = match narrowed.find('(') {
        // `企业(机构)类型` keeps its bracket: it is part of the name.
        Some(i) if narrowed.ends_with(')') && narrowed[..i].chars().count() >= 2 => {
            let inner = narrowed[i + 1..narrowed.len() - 1].to_owned();
            (narrowed[..i].to_owned(), Some(inner))
        }
        _ => (narrowed, None),
    };
    let key: String = main
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '*' | ':' | '\u{feff}'))
        .collect();
    (key, bracket)
}

/// The column a header names, if it names one.
#[must_use]
pub fn recognise(header: &str) -> Option<Column> {
    let (key, bracket) = fold(header);
    let found = |key: &str| SYNONYMS.iter().find(|(_, names)| names.contains(&key)).map(|(c, _)| *c);
    let column = found(&key).or_else(|| {
        // A bracket that is not a unit is part of the name after all: `企业(机构)类型`.
        bracket.as_ref().and_then(|b| found(&fold(&format!("{key}({b})")).0))
    })?;
    Some(match column {
        Column::Capital(_) => Column::Capital(bracket.as_deref().and_then(capital::header_unit)),
        other => other,
    })
}

/// The headers a person may use, one line per column, for a refusal's message.
#[must_use]
pub fn known() -> String {
    let mut lines = Vec::new();
    for (_, names) in SYNONYMS {
        let chinese: Vec<&str> = names.iter().copied().filter(|n| !n.is_ascii()).collect();
        // The row number is not data; the export's own columns are listed below.
        if chinese.is_empty() || names.contains(&"序号") {
            continue;
        }
        let english = names.iter().find(|n| n.is_ascii()).copied().unwrap_or_default();
        lines.push(format!("  {} ({english})", chinese.join(", ")));
    }
    lines.push(format!(
        "  and the columns of `shuibei export --tab enterprises`: {}",
        EXPORT_COLUMNS.join(", ")
    ));
    lines.join("\n")
}

/// The columns of a header row: what each holds, the headers not known, and the
/// headers that repeat a field an earlier column fills.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub columns: Vec<Option<Column>>,
    pub names: Vec<String>,
    pub unknown: Vec<String>,
    pub repeated: Vec<String>,
    /// Columns of `shuibei export` that cannot be imported, with why.
    pub left_out: Vec<(LeftOut, String)>,
    /// The tab, when the header is `shuibei export`'s for a tab other than enterprises.
    pub export_of: Option<&'static str>,
}

impl Header {
    /// Reads a header row; `None` when it does not look like one (fewer than two known
    /// headers, unless the one known header is all the row has).
    #[must_use]
    pub fn read(cells: &[String]) -> Option<Header> {
        let mut header = Header::default();
        let mut known = 0;
        for cell in cells {
            let text = cell.trim();
            let column = if text.is_empty() { None } else { recognise(text) };
            if let Some(Column::LeftOut(why)) = column {
                header.left_out.push((why, text.to_owned()));
                header.columns.push(None);
                header.names.push(text.to_owned());
                continue;
            }
            if header.export_of.is_none() {
                let key = fold(text).0;
                header.export_of = OTHER_EXPORTS.iter().find(|(k, _)| *k == key).map(|(_, tab)| *tab);
            }
            let column = match column {
                Some(c) if header.columns.iter().flatten().any(|earlier| earlier.same_field(c)) => {
                    header.repeated.push(text.to_owned());
                    None
                }
                Some(c) => {
                    known += 1;
                    Some(c)
                }
                None => {
                    if !text.is_empty() {
                        header.unknown.push(text.to_owned());
                    }
                    None
                }
            };
            header.columns.push(column);
            header.names.push(text.to_owned());
        }
        // Another tab's export only when it is an export at all: a registry file may
        // well have a column named 'metric' or 'figure'.
        if !header
            .left_out
            .iter()
            .any(|(_, name)| fold(name).0 == "strongestreliability")
            && !cells.iter().any(|c| fold(c).0 == "citedbycount")
        {
            header.export_of = None;
        }
        let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
        (known >= 2 || (known == 1 && filled == 1)).then_some(header)
    }

    /// Whether a column names the organisation: the name, or the Chinese name.
    #[must_use]
    pub fn has_name(&self) -> bool {
        self.has(Column::Name) || self.has(Column::NameZh)
    }

    /// Whether a column holds `column`.
    #[must_use]
    pub fn has(&self, column: Column) -> bool {
        self.columns.contains(&Some(column))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(column: Column) -> Option<&'static str> {
        match column {
            Column::Person(role) => Some(role),
            _ => None,
        }
    }

    #[test]
    fn headers_are_folded_before_they_are_compared() {
        assert_eq!(recognise("企业名称"), Some(Column::Name));
        assert_eq!(recognise(" Company Name "), Some(Column::Name));
        assert_eq!(recognise("COMPANY_NAME"), Some(Column::Name));
        assert_eq!(recognise("统一社会信用代码："), Some(Column::CreditCode));
        assert_eq!(
            recognise("Ｕｎｉｆｉｅｄ Ｓｏｃｉａｌ Ｃｒｅｄｉｔ Ｃｏｄｅ"),
            Some(Column::CreditCode)
        );
        assert_eq!(recognise("企业(机构)类型"), Some(Column::LegalForm));
        assert_eq!(recognise("企业（机构）类型"), Some(Column::LegalForm));
        assert_eq!(recognise("负责人").and_then(role), Some("person in charge"));
        assert_eq!(recognise("法人").and_then(role), Some(LEGAL_REPRESENTATIVE));
        assert_eq!(recognise("参保人数"), None);
        let Some(Column::Capital(Some(unit))) = recognise("注册资本（万元）") else {
            panic!("a capital column with its unit");
        };
        assert_eq!((unit.scale, unit.currency), (1e4, "CNY"));
        assert_eq!(recognise("注册资本"), Some(Column::Capital(None)));
    }

    #[test]
    fn a_header_row_needs_two_known_headers_or_is_the_name_alone() {
        let row = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        assert!(Header::read(&row(&["企查查 企业数据导出 2024-05-01", "", ""])).is_none());
        assert!(Header::read(&row(&["企业名称"])).is_some());
        let header = Header::read(&row(&[
            "序号",
            "企业名称",
            "法定代表人",
            "参保人数",
            "电话",
            "联系电话",
        ]))
        .unwrap();
        assert!(header.has_name());
        assert_eq!(header.unknown, ["参保人数"]);
        assert_eq!(header.repeated, ["联系电话"]);
        assert_eq!(header.columns[0], Some(Column::RowNumber));
        let nameless = Header::read(&row(&["统一社会信用代码", "法定代表人"])).unwrap();
        assert!(!nameless.has_name());
    }

    #[test]
    fn the_columns_of_shuibei_export_are_recognised() {
        for name in EXPORT_COLUMNS {
            assert!(
                recognise(name).is_some_and(|c| !matches!(c, Column::LeftOut(_))),
                "{name}"
            );
        }
        assert_eq!(recognise("name_zh"), Some(Column::NameZh));
        assert_eq!(recognise("capital"), Some(Column::Capital(None)));
        assert_eq!(recognise("capital_currency"), Some(Column::CapitalCurrency));
        assert_eq!(recognise("registry_status"), Some(Column::Status));
        assert_eq!(recognise("registry_status_text"), Some(Column::StatusText));
        assert_eq!(recognise("location"), Some(Column::Location));
        assert_eq!(recognise("住所"), Some(Column::Address));
        assert_eq!(recognise("citations"), Some(Column::LeftOut(LeftOut::Sources)));
        let row = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        let header = Header::read(&row(&[
            "id",
            "name",
            "name_zh",
            "brands",
            "sources",
            "listing_status",
            "参保人数",
        ]))
        .unwrap();
        assert!(header.has_name());
        assert_eq!(header.unknown, ["参保人数"]);
        assert!(header.repeated.is_empty(), "columns left out repeat nothing");
        let left: Vec<(LeftOut, &str)> = header.left_out.iter().map(|(w, n)| (*w, n.as_str())).collect();
        assert_eq!(
            left,
            [
                (LeftOut::Brands, "brands"),
                (LeftOut::Sources, "sources"),
                (LeftOut::Derived, "listing_status")
            ]
        );
        assert_eq!(header.export_of, None);
        // The weakest source's reliability, under this version's name and the name
        // earlier exports gave it: left out alike, and known.
        for weakest in ["weakest_reliability", "reliability"] {
            let header = Header::read(&row(&["id", "name", weakest, "strongest_reliability"])).unwrap();
            let left: Vec<&str> = header.left_out.iter().map(|(_, n)| n.as_str()).collect();
            assert_eq!(left, [weakest, "strongest_reliability"]);
            assert!(header.unknown.is_empty(), "{:?}", header.unknown);
            assert_eq!(header.export_of, None, "an enterprises export");
        }
        let brands = Header::read(&row(&["id", "name", "owner_name", "honors", "strongest_reliability"])).unwrap();
        assert_eq!(brands.export_of, Some("brands"));
        let registry = Header::read(&row(&["企业名称", "统一社会信用代码", "metric"])).unwrap();
        assert_eq!(registry.export_of, None, "only an export is another tab's export");
        assert!(known().contains("and the columns of `shuibei export --tab enterprises`: id, name, name_zh,"));
    }

    #[test]
    fn every_synonym_is_written_folded() {
        for (_, names) in SYNONYMS {
            for name in *names {
                assert_eq!(fold(name).0, *name, "{name}");
            }
        }
        assert!(known().contains("企业名称, 公司名称, 名称"));
    }
}
