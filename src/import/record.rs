//! One row of an export → one enterprise record: each known column's cell parsed into
//! its field, the legal representative as a person with that role, former names as
//! aliases, the kind of body from the credit code, and an id that stays the same on
//! every re-import (the file's own `id` column, else from the credit code, else from
//! the name).

use crate::data::model::{Cite, Date, Enterprise, Kind, Listing, Ownership, Person, Registry, Sym, Text, is_cjk};

use super::capital;
use super::exported;
use super::headers::{Column, Header};
use super::read::Cell;
use super::values;

/// A problem with one cell: the column's header as the file writes it, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub column: String,
    pub message: String,
}

/// What every record of one import shares.
pub struct Context<'h> {
    pub header: &'h Header,
    /// The id of the export's source, which every record cites.
    pub source: Sym,
    /// The date the export speaks for: when the legal representative held the role.
    pub as_of: Option<Date>,
    /// `--skip-invalid`: a value of an optional closed list (the status, the kind, the
    /// ownership) that is not understood leaves that field out with a warning, instead of
    /// leaving the whole row out; without it, the value is a problem of the row.
    pub lenient: bool,
    /// The workbook counts days from 1904, which a number in a date column is read by.
    pub epoch_1904: bool,
}

/// The id a record gets: stable across re-imports of the same organisation.
#[must_use]
pub fn id_for(code: Option<&str>, name: &str) -> String {
    if let Some(code) = code {
        return format!("uscc-{code}");
    }
    let mut id = String::from("name-");
    for c in name.chars() {
        if c.is_whitespace() || c.is_control() || crate::sanitize::is_unsafe(c) {
            if !id.ends_with('-') {
                id.push('-');
            }
        } else {
            id.push(c);
        }
    }
    id
}

/// The kind of body the credit code's first two characters say (GB 32100-2015): `91` an
/// enterprise registered with market regulation, `51` a social association, `11` a
/// government body, `12` a public institution. `92` (a sole trader, 个体工商户) and `93`
/// (a farmers' cooperative) are no company, and the format has no kind for them: left out.
#[must_use]
pub fn kind_of(code: &str) -> Option<Kind> {
    match code.as_bytes().get(..2)? {
        b"91" => Some(Kind::Company),
        b"51" => Some(Kind::Association),
        b"11" => Some(Kind::Government),
        b"12" => Some(Kind::Institution),
        _ => None,
    }
}

/// Whether a row holds nothing at all (a blank line between rows, or after them).
#[must_use]
pub fn is_blank(cells: &[Cell]) -> bool {
    cells.iter().all(|c| match c {
        Cell::Empty => true,
        Cell::Text(t) => t.trim().is_empty(),
        _ => false,
    })
}

/// How a record's id was made, which decides what a repeated id is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFrom {
    /// The file's `id` column.
    Given,
    CreditCode,
    Name,
}

/// What a row's cells say, field by field, before they make a record.
#[derive(Default)]
struct Draft {
    id: Option<Text>,
    name: Option<Text>,
    name_zh: Option<Text>,
    english: Option<Text>,
    aliases: Vec<Text>,
    kind: Option<Kind>,
    ownership: Option<Ownership>,
    segments: Vec<Sym>,
    people: Vec<Person>,
    listings: Vec<Listing>,
    registry: Registry,
    /// The capital cell and its header's unit, read once the currency column (which may
    /// come after it) is known.
    capital: Option<(String, Option<capital::Unit>)>,
    currency: Option<Sym>,
    /// The currency cell could not be read: the capital waits for it to be fixed (its
    /// own problem would only repeat that one).
    currency_unread: bool,
    founded: Option<Date>,
    location: Option<Sym>,
    summary: Option<Text>,
    tags: Vec<Sym>,
    /// What the last cell read left out without failing the row (`Context::lenient`):
    /// why, and what the row is imported without (said only when it is imported).
    warning: Option<(String, &'static str)>,
    /// The founding date was a spreadsheet's day count: `45000 is 2023-03-15`.
    day_count: Option<String>,
}

/// Whether `date` is surely after `than`, compared as far as both are precise (a
/// founding in 2026-12 is not after an export of 2026-12-05).
fn later_than(date: Date, than: Date) -> bool {
    let parts = |d: Date| [Some(d.year()), d.month().map(u16::from), d.day().map(u16::from)];
    for (a, b) in parts(date).into_iter().zip(parts(than)) {
        match (a, b) {
            (Some(a), Some(b)) if a != b => return a > b,
            (Some(_), Some(_)) => {}
            _ => return false,
        }
    }
    false
}

/// Adds each item not already in `list`.
fn extend_new<T: PartialEq>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

impl Draft {
    /// Reads one cell into its field.
    fn take(&mut self, ctx: &Context, column: Column, cell: &Cell) -> Result<(), String> {
        if let Cell::Broken(why) = cell {
            return Err(why.clone());
        }
        if let (Column::CreditCode, Cell::Number(n)) = (column, cell) {
            return Err(format!(
                "{n:.0} is a number cell: the spreadsheet keeps 15 to 17 digits of an 18-character code and drops letters; format the column as Text, type the codes again, and export again"
            ));
        }
        let text = cell.text();
        let value = values::present(&text);
        if column == Column::Founded {
            // A number (a cell, or a CSV's text) is read alike from either file: a day
            // count is said in a notice, as it could be a slip.
            let (founded, day_count) = match (cell, value) {
                (Cell::Date(date), _) => (Some(date.clone()?), false),
                (Cell::Number(n), _) => values::date_number(*n, ctx.epoch_1904).map(|(d, c)| (Some(d), c))?,
                (_, Some(v)) => values::date_text(v).map(|(d, c)| (Some(d), c))?,
                (_, None) => (None, false),
            };
            self.founded = founded;
            if let (Some(date), true) = (founded, day_count) {
                self.day_count = Some(format!("{} is {date}", text.trim()));
            }
            // A registry lists companies founded by its date: a later one is mistyped.
            if let (Some(founded), Some(export)) = (self.founded, ctx.as_of)
                && later_than(founded, export)
            {
                return Err(format!(
                    "{founded} is after the export's date, {export} (its --date, else the file's date); check the year"
                ));
            }
            return Ok(());
        }
        let Some(value) = value else { return Ok(()) };
        let r = &mut self.registry;
        match column {
            Column::Id => self.id = Some(exported::id(value)?),
            Column::Name => self.name = Some(value.into()),
            Column::NameZh => self.name_zh = Some(value.into()),
            Column::EnglishName => self.english = Some(value.into()),
            Column::FormerNames => extend_new(&mut self.aliases, values::names(value).map(Text::from)),
            Column::Aliases => extend_new(&mut self.aliases, exported::items(value).map(Text::from)),
            Column::Kind => match exported::kind(value) {
                Ok(kind) => self.kind = Some(kind),
                Err(why) if ctx.lenient => self.warning = Some((why, "the kind is left out")),
                Err(why) => return Err(why),
            },
            Column::Ownership => match exported::ownership(value) {
                Ok(ownership) => self.ownership = Some(ownership),
                Err(why) if ctx.lenient => self.warning = Some((why, "the ownership is left out")),
                Err(why) => return Err(why),
            },
            Column::Segments => extend_new(&mut self.segments, exported::items(value).map(Sym::new)),
            Column::Tags => extend_new(&mut self.tags, exported::items(value).map(Sym::new)),
            Column::Summary => self.summary = Some(value.into()),
            Column::CreditCode => r.credit_code = Some(values::credit_code(value)?),
            Column::Person(role) => self.people.push(Person {
                name: value.into(),
                role: Some(Sym::new(role)),
                as_of: ctx.as_of,
            }),
            Column::People => self.people.extend(exported::people(value)?),
            Column::Listings => self.listings = exported::listings(value)?,
            Column::Capital(unit) => self.capital = Some((value.to_owned(), unit)),
            Column::CapitalCurrency => {
                self.currency_unread = true;
                self.currency = Some(exported::currency(value)?);
                self.currency_unread = false;
            }
            Column::Status => {
                let status = match values::status(value) {
                    Ok(status) => status,
                    Err(why) if ctx.lenient => {
                        // The registry's words are kept, as it wrote them, without a
                        // status made up for them.
                        if r.status_text.is_none() {
                            r.status_text = Some(Sym::new(value.trim()));
                        }
                        self.warning = Some((why, NO_STATUS));
                        return Ok(());
                    }
                    Err(why) => return Err(why),
                };
                r.status = Some(status);
                // The registry's words are kept beside the status they map to. A column
                // of their own (`registry_status_text` beside `registry_status`) holds
                // them instead, when there is one; and the format's own word
                // (`active`) is no registry's wording.
                let own_column = ctx.header.has(Column::StatusText);
                if !own_column || (r.status_text.is_none() && value != status.as_str()) {
                    r.status_text = Some(Sym::new(value.trim()));
                }
            }
            Column::StatusText => r.status_text = Some(Sym::new(value)),
            Column::Province => r.province = Some(Sym::new(value)),
            Column::City => r.city = Some(Sym::new(value)),
            Column::District => r.district = Some(Sym::new(value)),
            Column::LegalForm => r.legal_form = Some(Sym::new(value)),
            Column::Industry => r.industry = Some(Sym::new(value)),
            Column::Address => r.address = Some(value.into()),
            Column::Location => self.location = Some(Sym::unshared(value)),
            Column::Scope => r.scope = Some(value.into()),
            Column::Phone => r.phone = Some(value.into()),
            Column::Website => r.website = Some(value.into()),
            Column::Founded | Column::RowNumber | Column::LeftOut(_) => {}
        }
        Ok(())
    }

    /// The capital, once the currency column is read too. A currency without an amount
    /// says nothing and is passed over (registries print 币种 beside an empty capital).
    fn capital(&mut self) -> Result<(), String> {
        if let Some((text, unit)) = self.capital.take()
            && !self.currency_unread
        {
            let currency = self.currency.as_deref();
            self.registry.capital = Some(capital::capital(&text, unit, currency)?);
        }
        Ok(())
    }

    /// The name and the Chinese name; an English name beside another name becomes an
    /// alias.
    fn names(&mut self, header: &Header) -> Option<(Text, Option<Text>)> {
        if header.has(Column::NameZh) {
            // As `shuibei export` writes them: the name, and the Chinese name beside it
            // (empty when there is none: never guessed from the name).
            let name_zh = self.name_zh.take();
            let name = match (self.name.take(), self.english.take()) {
                (Some(name), Some(english)) => {
                    if english != name {
                        self.aliases.insert(0, english);
                    }
                    name
                }
                (Some(name), None) => name,
                (None, Some(english)) => english,
                (None, None) => name_zh.clone()?,
            };
            return Some((name, name_zh));
        }
        let chinese = self.name.take()?;
        // The English name leads when there is one, as the format's names do; a Chinese
        // name is always the Chinese name too, so lists and exports find it in one column.
        let zh = chinese.chars().any(is_cjk).then(|| chinese.clone());
        Some(match self.english.take() {
            Some(english) if *english != *chinese => (english, Some(chinese)),
            _ => (chinese, zh),
        })
    }

    /// The record, once every cell was read, and how its id was made; `None` without a
    /// name.
    fn record(mut self, ctx: &Context) -> Option<(Enterprise, IdFrom)> {
        let (name, name_zh) = self.names(ctx.header)?;
        let mut aliases = self.aliases;
        aliases.retain(|a| *a != name && name_zh.as_ref() != Some(a));
        let registry = self.registry;
        let code = registry.credit_code.as_ref().map(|c| c.as_str().to_owned());
        let (id, from) = match (self.id, &code) {
            (Some(id), _) => (id, IdFrom::Given),
            (None, Some(_)) => (id_for(code.as_deref(), &name).into(), IdFrom::CreditCode),
            (None, None) => (id_for(None, name_zh.as_deref().unwrap_or(&name)).into(), IdFrom::Name),
        };
        let enterprise = Enterprise {
            id,
            kind: self.kind.or_else(|| code.as_deref().and_then(kind_of)),
            name,
            name_zh,
            aliases: aliases.into_boxed_slice(),
            ownership: self.ownership,
            segments: self.segments.into_boxed_slice(),
            founded: self.founded,
            location: self.location,
            listings: self.listings.into_boxed_slice(),
            people: self.people.into_boxed_slice(),
            registry: (!registry.is_empty()).then(|| Box::new(registry)),
            summary: self.summary,
            tags: self.tags.into_boxed_slice(),
            sources: Box::new([Cite {
                source: ctx.source.clone(),
                quote: None,
                note: None,
            }]),
        };
        Some((enterprise, from))
    }
}

/// The header of the first column holding `column`, as the file writes it.
fn column_name(header: &Header, column: impl Fn(Column) -> bool) -> String {
    header
        .columns
        .iter()
        .position(|c| c.is_some_and(&column))
        .map_or_else(String::new, |i| header.names[i].clone())
}

/// Builds the record of one row, and says how its id was made, or reports every
/// problem in it.
///
/// # Errors
/// Each cell that cannot be read, and a missing name.
#[cfg(test)]
pub fn build(ctx: &Context, cells: &[Cell]) -> Result<(Enterprise, IdFrom), Vec<CellProblem>> {
    build_row(ctx, cells).map(|row| (row.enterprise, row.from))
}

/// What a row imported with a status shuibei does not read is imported without.
const NO_STATUS: &str = "the row is imported without a status, the words kept as its status_text";

/// A row's record, how its id was made, and what was left out of it (`Context::lenient`).
pub struct Row {
    pub enterprise: Enterprise,
    pub from: IdFrom,
    pub warnings: Vec<CellProblem>,
    /// The founding date was read from a spreadsheet's day count: `45000 is 2023-03-15`.
    pub day_count: Option<String>,
}

/// [`build`], with the warnings of the values left out.
///
/// # Errors
/// As [`build`].
pub fn build_row(ctx: &Context, cells: &[Cell]) -> Result<Row, Vec<CellProblem>> {
    let header = ctx.header;
    // More cells than the header has columns: a comma inside a value that is not in
    // quotes (`1,000万元`) shifted every cell after it, and each shifted cell's own
    // complaint (a capital "1" with no unit, a status "000万元") hid the cause.
    let filled = cells
        .iter()
        .rposition(|c| !c.text().trim().is_empty())
        .map_or(0, |i| i + 1);
    if filled > header.columns.len() {
        return Err(vec![CellProblem {
            column: "the row".to_owned(),
            message: format!(
                "has {filled} cells where the header has {} columns: a value with a comma that is not in quotes (1,000万元)? put such a value in double quotes, or save the file again from the spreadsheet",
                header.columns.len()
            ),
        }]);
    }
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut draft = Draft::default();
    for (i, column) in header.columns.iter().enumerate() {
        let Some(column) = *column else { continue };
        let cell = cells.get(i).unwrap_or(&Cell::Empty);
        if let Err(message) = draft.take(ctx, column, cell) {
            problems.push(CellProblem {
                column: header.names[i].clone(),
                message,
            });
        }
        if let Some(warning) = draft.warning.take() {
            warnings.push((header.names[i].clone(), warning));
        }
    }
    if let Err(message) = draft.capital() {
        problems.push(CellProblem {
            column: column_name(header, |c| matches!(c, Column::Capital(_))),
            message,
        });
    }
    if draft.id.as_deref() == Some(&*ctx.source) {
        problems.push(CellProblem {
            column: column_name(header, |c| c == Column::Id),
            message: format!(
                "\"{}\" is also the id of the source every record cites; give the row another id, or --source-id another",
                ctx.source
            ),
        });
    }
    if draft.name.is_none() && draft.name_zh.is_none() && !(header.has(Column::NameZh) && draft.english.is_some()) {
        problems.push(CellProblem {
            column: column_name(header, |c| c == Column::Name || c == Column::NameZh),
            message: "the name is missing; every row needs one".into(),
        });
    }
    if !problems.is_empty() {
        // The row is left out anyway: every value it could not read is said with it,
        // without what an imported row would have been imported without.
        problems.extend(
            warnings
                .into_iter()
                .map(|(column, (why, _))| CellProblem { column, message: why }),
        );
        return Err(problems);
    }
    let warnings = warnings
        .into_iter()
        .map(|(column, (why, without))| CellProblem {
            column,
            message: format!("{why}; {without}"),
        })
        .collect();
    let day_count = draft.day_count.take();
    let (enterprise, from) = draft.record(ctx).ok_or(problems)?;
    Ok(Row {
        enterprise,
        from,
        warnings,
        day_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::RegistryStatus;
    use std::borrow::Cow;

    fn header(names: &[&str]) -> Header {
        Header::read(&names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>()).unwrap()
    }

    fn text(s: &str) -> Cell<'_> {
        Cell::Text(Cow::Borrowed(s))
    }

    #[test]
    fn a_row_becomes_a_record() {
        let header = header(&[
            "企业名称",
            "英文名称",
            "统一社会信用代码",
            "法定代表人",
            "注册资本",
            "成立日期",
            "登记状态",
            "所属区县",
            "曾用名",
        ]);
        let ctx = Context {
            header: &header,
            source: Sym::new("src-x"),
            as_of: Date::parse("2024-05-01").ok(),
            lenient: false,
            epoch_1904: false,
        };
        let cells = [
            text("深圳市示例金饰有限公司"),
            text("Example Gold Co., Ltd."),
            text("914403001922038216"),
            text("张三"),
            text("1000万人民币"),
            Cell::Date(Date::parse("2001-03-02")),
            text("存续（在营、开业、在册）"),
            text("罗湖区"),
            text("深圳市示例首饰厂；深圳市示例金饰有限公司"),
        ];
        let (e, from) = build(&ctx, &cells).unwrap();
        assert_eq!(from, IdFrom::CreditCode);
        assert_eq!(&*e.id, "uscc-914403001922038216");
        assert_eq!(&*e.name, "Example Gold Co., Ltd.");
        assert_eq!(e.name_zh.as_deref(), Some("深圳市示例金饰有限公司"));
        assert_eq!(e.kind, Some(Kind::Company));
        assert_eq!(
            &*e.aliases,
            [Text::from("深圳市示例首饰厂")],
            "the current name is not a former one"
        );
        assert_eq!(e.people[0].role.as_deref(), Some("legal representative"));
        assert_eq!(e.people[0].as_of.map(|d| d.to_string()).as_deref(), Some("2024-05-01"));
        let r = e.registry.as_ref().unwrap();
        assert_eq!(r.capital.as_ref().map(|c| c.amount), Some(1e7));
        assert_eq!(r.district.as_deref(), Some("罗湖区"));
        assert_eq!(e.founded.map(|d| d.to_string()).as_deref(), Some("2001-03-02"));
    }

    #[test]
    fn a_row_of_shuibei_export_keeps_its_id_names_and_registry() {
        let header = header(&[
            "id",
            "name",
            "name_zh",
            "kind",
            "credit_code",
            "registry_status",
            "registry_status_text",
            "capital",
            "capital_currency",
            "people",
            "tags",
        ]);
        let ctx = Context {
            header: &header,
            source: Sym::new("src-x"),
            as_of: Date::parse("2024-05-01").ok(),
            lenient: false,
            epoch_1904: false,
        };
        let cells = [
            text("demo-gold"),
            text("Demo Gold"),
            text("深圳市示例金饰有限公司"),
            text("institution"),
            text("914403001922038216"),
            text("moved-out"),
            Cell::Empty,
            text("3000000"),
            text("USD"),
            text("张三 (legal representative, 2023-01-02)"),
            text("gold; retail"),
        ];
        let (e, from) = build(&ctx, &cells).unwrap();
        assert_eq!((&*e.id, from), ("demo-gold", IdFrom::Given));
        assert_eq!(&*e.name, "Demo Gold");
        assert_eq!(e.name_zh.as_deref(), Some("深圳市示例金饰有限公司"));
        assert_eq!(e.kind, Some(Kind::Institution), "the kind column wins over the code's");
        let r = e.registry.as_ref().unwrap();
        assert_eq!(r.status.map(RegistryStatus::as_str), Some("moved-out"));
        assert_eq!(
            r.status_text, None,
            "an empty text column is no text, not the status word"
        );
        let capital = r.capital.as_ref().unwrap();
        assert_eq!((capital.amount, &*capital.currency), (3e6, "USD"));
        assert_eq!(e.people[0].as_of.map(|d| d.to_string()).as_deref(), Some("2023-01-02"));
        assert_eq!(e.tags.iter().map(|t| &**t).collect::<Vec<_>>(), ["gold", "retail"]);

        // A name in Latin letters with no Chinese name stays without one.
        let mut cells = cells;
        cells[1] = text("Luohu bonded service trade platform");
        cells[2] = Cell::Empty;
        let (e, _) = build(&ctx, &cells).unwrap();
        assert_eq!(e.name_zh, None);
        // The Chinese name alone names the record.
        cells[1] = Cell::Empty;
        cells[2] = text("深圳市示例金饰有限公司");
        let (e, _) = build(&ctx, &cells).unwrap();
        assert_eq!(&*e.name, "深圳市示例金饰有限公司");
        cells[2] = Cell::Empty;
        let problems = build(&ctx, &cells).unwrap_err();
        assert_eq!(problems[0].column, "name");
        cells[2] = text("甲");
        cells[0] = text("src-x");
        cells[8] = text("US$");
        let problems = build(&ctx, &cells).unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(columns, ["capital_currency", "id"]);
    }

    #[test]
    fn every_problem_of_a_row_is_reported() {
        let header = header(&["企业名称", "统一社会信用代码", "成立日期"]);
        let ctx = Context {
            header: &header,
            source: Sym::new("src-x"),
            as_of: None,
            lenient: false,
            epoch_1904: false,
        };
        let problems = build(&ctx, &[text("甲公司"), text("914403001922038217"), text("2012-13-01")]).unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(columns, ["统一社会信用代码", "成立日期"]);
        let missing = build(&ctx, &[text("-"), Cell::Empty, Cell::Empty]).unwrap_err();
        assert_eq!(missing[0].column, "企业名称");
        assert!(missing[0].message.contains("name is missing"));
    }

    #[test]
    fn ids_are_stable_and_well_formed() {
        assert_eq!(id_for(Some("914403001922038216"), "x"), "uscc-914403001922038216");
        assert_eq!(id_for(None, "深圳 示例\t公司"), "name-深圳-示例-公司");
        assert_eq!(kind_of("512345"), Some(Kind::Association));
        assert_eq!(kind_of("Y1"), None);
        assert_eq!(kind_of("91440303MA5EXA0045"), Some(Kind::Company));
        // A sole trader (个体工商户) is no company: its kind is left out.
        assert_eq!(kind_of("92440303MA5EXA0055"), None);
    }
}
