//! Which column holds what: the header names registry exports use (企查查, 天眼查, 爱企查,
//! the national enterprise credit system) and their English equivalents, compared with
//! case, width, spaces and punctuation folded; and finding the header row below any
//! title lines.

use super::values::{self, Unit};
use crate::search::fold::width;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Column {
    Name,
    EnglishName,
    FormerNames,
    CreditCode,
    /// A person and the role the header names (法定代表人, 负责人, 执行事务合伙人 …).
    Person(&'static str),
    /// Registered capital, with the unit the header names for bare numbers (`注册资本(万元)`).
    Capital(Option<Unit>),
    Founded,
    Status,
    Province,
    City,
    District,
    LegalForm,
    Industry,
    Address,
    Scope,
    Phone,
    Website,
    /// A row number (序号): known, and not data.
    RowNumber,
}

impl Column {
    /// Two columns that fill the same field: the second is ignored.
    fn same_field(self, other: Column) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other) && self != Column::RowNumber
    }
}

const LEGAL_REPRESENTATIVE: &str = "legal representative";

/// The header names of each column, Chinese then English, in the form [`fold`] gives.
const SYNONYMS: &[(Column, &[&str])] = &[
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
    (
        Column::EnglishName,
        &["英文名称", "英文名", "englishname", "nameinenglish"],
    ),
    (
        Column::FormerNames,
        &["曾用名", "历史名称", "formernames", "formername", "previousnames"],
    ),
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
    (
        Column::Capital(None),
        &["注册资本", "注册资金", "registeredcapital", "capital"],
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
        ],
    ),
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
    (Column::Scope, &["经营范围", "businessscope", "scope"]),
    (
        Column::Phone,
        &["电话", "联系电话", "企业电话", "phone", "telephone", "tel"],
    ),
    (
        Column::Website,
        &["网址", "官网", "企业网址", "网站", "website", "url", "homepage"],
    ),
    (Column::RowNumber, &["序号", "编号", "no", "no.", "#", "index"]),
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
        Column::Capital(_) => Column::Capital(bracket.as_deref().and_then(values::header_unit)),
        other => other,
    })
}

/// The headers a person may use, one line per column, for a refusal's message.
#[must_use]
pub fn known() -> String {
    let mut lines = Vec::new();
    for (column, names) in SYNONYMS {
        if *column == Column::RowNumber {
            continue;
        }
        let chinese: Vec<&str> = names.iter().copied().filter(|n| !n.is_ascii()).collect();
        let english = names.iter().find(|n| n.is_ascii()).copied().unwrap_or_default();
        lines.push(format!("  {} ({english})", chinese.join(", ")));
    }
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
        let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
        (known >= 2 || (known == 1 && filled == 1)).then_some(header)
    }

    #[must_use]
    pub fn has_name(&self) -> bool {
        self.columns.contains(&Some(Column::Name))
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
    fn every_synonym_is_written_folded() {
        for (_, names) in SYNONYMS {
            for name in *names {
                assert_eq!(fold(name).0, *name, "{name}");
            }
        }
        assert!(known().contains("企业名称, 公司名称, 名称"));
    }
}
