//! The command line as clap reads it: flags, subcommands and their help texts.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::settings::{ColorChoice, ThemeChoice};

/// Explore the Shenzhen gold and jewelry industry cluster base (Shuibei, Luohu) from a terminal.
///
/// Without a command, opens the interactive explorer on the shipped dataset (or --data FILE),
/// with any datasets laid over it (--add FILE). The explorer's query engine also serves the
/// `search`, `show` and `export` commands; `validate` checks a dataset file, and `import`
/// turns a company-registry export into one.
#[derive(Debug, Parser)]
#[command(name = "shuibei", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// Load this dataset (format shuibei/1) instead of the one built into the binary.
    /// Also `SHUIBEI_DATA` (an empty one counts as unset) and the config file's `data`.
    #[arg(long, global = true, value_name = "FILE", help_heading = "Global options")]
    pub data: Option<PathBuf>,

    /// Lay this dataset over the base (the built-in one, or --data); repeat for more.
    /// Enterprises with the credit code of one below become one record. Also
    /// `SHUIBEI_ADD` (paths separated as in `PATH`) and the config file's `add = [...]`,
    /// which --add replaces (a notice names the layers so dropped).
    #[arg(long, global = true, value_name = "FILE", action = clap::ArgAction::Append, help_heading = "Global options")]
    pub add: Vec<PathBuf>,

    /// When to use colour in the explorer.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// Colour theme of the explorer.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeChoice>,

    /// Print the effective settings (config file, environment, flags) and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Neither read nor write the search index cache that `search` and the explorer keep
    /// in the user's cache directory (other commands use none).
    #[arg(
        long,
        global = true,
        conflicts_with = "rebuild_index",
        help_heading = "Global options"
    )]
    pub no_cache: bool,

    /// Build the search index again and rewrite its cache, even if the cache is current
    /// (`search` and the explorer only).
    #[arg(long, global = true, help_heading = "Global options")]
    pub rebuild_index: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The query syntax, for `search --help` (the README and the help overlay say the same).
const QUERY_SYNTAX: &str = "\
Query syntax:
  gold jade        every term must match (in any order)
  zds zhoudasheng  Chinese names by pinyin initials or full pinyin; 周ds, zhou大生 mix them
  'word            exact: the characters together
  ^word  word$     starts with / ends with
  !word            leave out records containing it; !chow-tai-fook: the words together
  gold | silver    either term
  field:term       only in that field, e.g. ownership:private segment:gold year:2004
  year:2024..2026  a range of years (year:2024|2025|2026)
  date:2025-10..2026-03
                   a range of dates, ends included, in dataset order; date:2025.. date:..2024
  \"united daily\"   the words together, in order; also in a field: source:\"united daily news\"
  reliability:low  the WEAKEST source a record cites (the list's Src column shows its strongest)
  chow-tai-fook    words joined by hyphens, side by side (a record with that id first)
  … Co., Ltd.      company forms (Limited, 有限公司) are left out when nothing matches with them
Case is ignored unless the term mixes capitals and small letters (Gold, not GOLD or gold);
fullwidth and halfwidth forms, and traditional and simplified Chinese, match. Exit status
1 when nothing matches as typed (stderr says so), also when the rows shown
are only near spellings, sound-alikes or a Chinese term's characters apart (stderr says
which); --as-typed prints only the matches as typed, --names only the records named so.";

/// The syntax, then each tab's `field:` names, from the engine's own table.
fn query_help() -> String {
    use std::fmt::Write as _;
    let mut help = QUERY_SYNTAX.to_owned();
    for kind in crate::data::model::RecordKind::ALL {
        let names: Vec<String> = crate::search::fields(kind)
            .iter()
            .map(|(f, _)| format!("{f}:"))
            .collect();
        let _ = write!(help, "\nFields in {}: {}", kind.section(), names.join(" "));
    }
    help
}

/// `--limit`: a count of at least 1, said plainly when it is not.
fn parse_limit(text: &str) -> Result<std::num::NonZeroUsize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .and_then(std::num::NonZeroUsize::new)
        .ok_or_else(|| "write a whole number of at least 1".to_owned())
}

/// A duration as people write it: a whole number with `s`, `m` or `h` (a bare number
/// counts seconds).
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let scale = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => 0,
    };
    match number.parse::<u64>() {
        Ok(n) if scale > 0 => Ok(std::time::Duration::from_secs(n.saturating_mul(scale))),
        _ => Err("write a whole number with s, m or h, like 90s, 30m or 2h (0 for never)".to_owned()),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset file and print a one-line summary, or its problems (the first 50,
    /// then how many more; `--all` lists every one).
    Validate {
        /// The file to check (default: --data, else the shipped dataset).
        file: Option<PathBuf>,
        /// List every problem, not only the first 50 (slower on a file with very many:
        /// each is placed in the file).
        #[arg(long)]
        all: bool,
    },
    /// Show one record (or source) with everything known about it and its sources.
    Show {
        /// The record's or source's id, as `shuibei search` prints it (or the whole name of
        /// exactly one record: stderr then names its id).
        id: String,
        /// Print JSON: the record, its kind and the sources it cites.
        #[arg(long)]
        json: bool,
    },
    /// Search the records (names, Chinese names, pinyin, then every other field), or the
    /// sources with --tab sources; best matches first, one line per match.
    ///
    /// Exit status: 0 when something matched, 1 when nothing did (near spellings, when
    /// shown instead, still exit 1), 2 on error. Why nothing matched, or what a flag left
    /// out, is said on stderr.
    #[command(after_long_help = query_help())]
    Search {
        /// The query; `--help` shows the syntax.
        query: String,
        /// Which records to search (`all`: every tab of records), or `sources`.
        #[arg(long, value_enum, default_value_t = TabChoice::All)]
        tab: TabChoice,
        /// Print at most N matches (N ≥ 1).
        #[arg(long, value_name = "N", value_parser = parse_limit, allow_negative_numbers = true)]
        limit: Option<std::num::NonZeroUsize>,
        /// Print JSON Lines: one object per match with kind, id, name, score, positions, why
        /// it matched and whether it matches as typed.
        #[arg(long)]
        json: bool,
        /// Print only the matches as typed: no near spellings, sound-alikes, or a term's
        /// characters, syllables or hyphenated words apart (for scripts: `| wc -l` counts
        /// answers). Exit 1 when none is left.
        #[arg(long)]
        as_typed: bool,
        /// Print only the records whose own names hold the query as typed (name, Chinese
        /// name, alias, or their pinyin): a script's "is X in the data?" (a record that only
        /// mentions X in a summary, or whose owner or brand is named X, is left out). A name
        /// that holds it with more words is kept, so a registered name wants --exact-name.
        /// Implies --as-typed; exit 1 when none is left.
        #[arg(long)]
        names: bool,
        /// Print only the records whose name, Chinese name or an alias is the query, letter
        /// for letter once case, width, spacing, punctuation, British spellings, company
        /// forms (Limited, Co., Ltd., 有限公司) and leading places (深圳市) are set aside:
        /// a counterparty screen's "is this company in the data?" (a near spelling, a name
        /// one word short or longer, or a record that only holds the words is not).
        /// Exit 1 when none is left.
        #[arg(long, conflicts_with = "names")]
        exact_name: bool,
        /// Print the time spent loading, indexing and matching to stderr.
        #[arg(long)]
        stats: bool,
        /// Only the rows the explorer's filter (key f) keeps: FACET=VALUE, named as its picker
        /// names them (listing=listed, segment=gold, district=Luohu; a value in quotes
        /// when it has spaces: 'listing=never listed'). Repeat it: values of one facet add
        /// up, facets narrow each other. Facets: history decade, tag; enterprises listing,
        /// exchange, kind, ownership, segment, district; brands segment, honour, owner;
        /// indicators metric, group, scope, reliability; sources reliability, publisher.
        /// With --tab all, only the tabs that have every facet named. A wrong name or value
        /// lists the valid ones.
        #[arg(long, value_name = "FACET=VALUE", value_parser = super::filter::parse)]
        filter: Vec<(String, String)>,
    },
    /// Write the records of one tab (optionally filtered by a query), or the sources, as
    /// CSV, JSON, JSON Lines or xlsx.
    ///
    /// For Excel take xlsx (typed dates and numbers, a frozen and filtered header, a
    /// Sources sheet); for scripts JSON Lines; for other tools CSV (UTF-8, no BOM).
    Export {
        /// Which records to export (one kind: each has its own columns); `sources` lists
        /// every source with its reliability and the records citing it.
        #[arg(long, value_enum)]
        tab: OneTab,
        /// Only the records (or sources) matching this query as typed, best first (see
        /// --sort); the syntax is `search`'s. Near spellings and sound-alikes are left out,
        /// and stderr counts them.
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// Only the rows the explorer's filter (key f) keeps, as `search --filter`:
        /// FACET=VALUE (listing=listed, segment=gold), repeated: values of one facet add
        /// up, facets narrow each other. A wrong name or value lists the valid ones.
        #[arg(long, value_name = "FACET=VALUE", value_parser = super::filter::parse)]
        filter: Vec<(String, String)>,
        /// The rows' order [default: relevance with --query, else file]. `date` and
        /// `newest` order by the tab's date as the explorer does (History's timeline,
        /// Enterprises by founding, Indicators by as-of, Sources by date; undated rows
        /// last); Brands have no date.
        #[arg(long, value_enum, value_name = "ORDER")]
        sort: Option<SortChoice>,
        /// Output format (default: from the --output file's extension, which must then be
        /// .csv, .json, .jsonl or .xlsx; csv on stdout). xlsx is binary: give --output
        /// FILE.xlsx or redirect stdout to a file.
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Write to this file instead of stdout (`-`: stdout). A FIFO or a character device
        /// is written in place, a symbolic link's target replaced, never the link.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace an existing --output even when it does not hold this format's export.
        #[arg(long)]
        force: bool,
    },
    /// Serve the explorer over SSH: colleagues connect with `ssh -p 2222 HOST`, no accounts.
    ///
    /// The server holds no shell: public-key login only (the keys in --authorized-keys),
    /// one explorer per connection over one shared read-only dataset (--data, --add), nothing
    /// else reachable. It prints where it listens and its host key's fingerprint, then one
    /// log line per connection, on stderr. SIGTERM or Ctrl-C closes every session cleanly.
    /// docs/serve.md explains running it as a service and exposing it safely.
    Serve {
        /// Address and port to listen on; `0.0.0.0:2222` exposes it to the network.
        #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
        listen: String,
        /// The server's private key, made (Ed25519, mode 0600) on first start
        /// [default: `shuibei/host_ed25519` in the config directory].
        #[arg(long, value_name = "FILE")]
        host_key: Option<PathBuf>,
        /// The public keys allowed in, one per line as in `~/.ssh/authorized_keys`, without
        /// options [default: `shuibei/authorized_keys` in the config directory].
        #[arg(long, value_name = "FILE")]
        authorized_keys: Option<PathBuf>,
        /// The most sessions at once; more connections are refused with a message.
        #[arg(long, value_name = "N", default_value = "32", value_parser = parse_limit)]
        max_sessions: std::num::NonZeroUsize,
        /// The most sessions at once from one address.
        #[arg(long, value_name = "N", default_value = "4", value_parser = parse_limit)]
        max_per_address: std::num::NonZeroUsize,
        /// Close a session after this long without a key pressed (90s, 30m, 2h; 0: never).
        #[arg(long, value_name = "DURATION", default_value = "30m", value_parser = parse_duration)]
        idle_timeout: std::time::Duration,
    },
    /// Turn a company-registry export (CSV or Excel, Chinese headers) into a dataset for --add.
    ///
    /// Reads .csv (UTF-8 with or without a byte-order mark, or GB18030/GBK as Chinese Excel
    /// saves it) and .xlsx (the first sheet, or --sheet). Title lines above the header are
    /// skipped; headers such as 企业名称, 统一社会信用代码, 法定代表人, 注册资本, 成立日期,
    /// 登记状态, 住所 are recognised, and so is an Enterprises export of shuibei itself (it
    /// imports back whole); columns not known are listed and left out. Every
    /// problem is reported as `FILE:ROW: column: what is wrong`; then nothing is written,
    /// unless --skip-invalid. An existing output is replaced only by a complete new one,
    /// and never when it is a dataset this command line loads (--data, --add,
    /// `SHUIBEI_DATA`, `SHUIBEI_ADD`, the config file's data or add).
    #[command(after_long_help = import_help())]
    Import {
        /// The export: a .csv or .xlsx file.
        file: PathBuf,
        /// The sheet of a workbook to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Who published the export (e.g. the registry service), for the source every record cites.
        #[arg(long, value_name = "TEXT")]
        publisher: Option<String>,
        /// The date the export speaks for, YYYY-MM-DD (default: the file's modification date).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<crate::data::model::Date>,
        /// How far the export can be trusted.
        #[arg(long, value_enum, value_name = "LEVEL", default_value_t = ReliabilityChoice::Medium)]
        reliability: ReliabilityChoice,
        /// Import the rows without problems, and report the others; a status, kind or
        /// ownership not understood leaves only that field out, with a warning.
        #[arg(long)]
        skip_invalid: bool,
        /// The dataset file to write (JSON, format shuibei/1).
        #[arg(long, short = 'o', value_name = "OUT.json")]
        output: PathBuf,
        /// Replace an existing --output even when it is not a shuibei dataset (never one
        /// this command loads).
        #[arg(long)]
        force: bool,
        /// The id of the source every record cites (default: src-FILE-DATE-HASH, the same
        /// for the same file, different for two files of one name).
        #[arg(long, value_name = "ID")]
        source_id: Option<String>,
    },
    /// Print a shell completion script (e.g. `shuibei completions bash >
    /// ~/.local/share/bash-completion/completions/shuibei`).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout.
    Man,
    /// Describe the dataset format (`shuibei/1`) that --data, --add and validate read:
    /// every field, the checks, and how to cite sources.
    Format {
        /// Print a small, valid example dataset instead (JSON), to copy and edit.
        #[arg(long)]
        example: bool,
    },
}

/// `--reliability` of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReliabilityChoice {
    High,
    Medium,
    Low,
}

impl ReliabilityChoice {
    #[must_use]
    pub fn level(self) -> crate::data::model::Reliability {
        use crate::data::model::Reliability;
        match self {
            ReliabilityChoice::High => Reliability::High,
            ReliabilityChoice::Medium => Reliability::Medium,
            ReliabilityChoice::Low => Reliability::Low,
        }
    }
}

/// `--date`: a date as the dataset format writes it.
fn parse_date(text: &str) -> Result<crate::data::model::Date, String> {
    crate::data::model::Date::parse(text.trim())
}

/// The headers `import` knows, for `import --help`.
fn import_help() -> String {
    format!(
        "Headers recognised (case and width ignored; English equivalents too):\n{}\n\n\
         Example:\n  shuibei import 企查查导出.xlsx --publisher 企查查 -o registry.json\n  shuibei --add registry.json",
        crate::import::known_headers()
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TabChoice {
    History,
    Enterprises,
    Brands,
    Indicators,
    All,
    /// The sources (not records): their titles, publishers, ids, addresses, files, dates and notes.
    Sources,
}

impl TabChoice {
    /// The record kinds this choice covers, in tab order.
    #[must_use]
    pub fn kinds(self) -> Vec<crate::data::model::RecordKind> {
        use crate::data::model::RecordKind;
        match self {
            TabChoice::History => vec![RecordKind::History],
            TabChoice::Enterprises => vec![RecordKind::Enterprise],
            TabChoice::Brands => vec![RecordKind::Brand],
            TabChoice::Indicators => vec![RecordKind::Indicator],
            TabChoice::All => RecordKind::ALL.to_vec(),
            TabChoice::Sources => Vec::new(),
        }
    }
}

/// A tab for `export`: one kind of record (each has its own columns), or the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OneTab {
    History,
    Enterprises,
    Brands,
    Indicators,
    Sources,
}

impl OneTab {
    /// The kind of record the tab lists; `None` for the sources.
    #[must_use]
    pub fn kind(self) -> Option<crate::data::model::RecordKind> {
        use crate::data::model::RecordKind;
        match self {
            OneTab::History => Some(RecordKind::History),
            OneTab::Enterprises => Some(RecordKind::Enterprise),
            OneTab::Brands => Some(RecordKind::Brand),
            OneTab::Indicators => Some(RecordKind::Indicator),
            OneTab::Sources => None,
        }
    }

    /// The tab as `--tab` writes it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            OneTab::History => "history",
            OneTab::Enterprises => "enterprises",
            OneTab::Brands => "brands",
            OneTab::Indicators => "indicators",
            OneTab::Sources => "sources",
        }
    }
}

/// `export --sort`: the explorer's orders of a tab's rows, by the names its list title
/// gives them ("by relevance", "oldest first", "newest first", "file order").
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortChoice {
    /// Best match first, as `search` and the explorer rank a query's matches (needs --query).
    Relevance,
    /// By date, oldest first.
    #[value(alias = "oldest")]
    Date,
    /// By date, newest first.
    Newest,
    /// The dataset's order.
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Jsonl,
    Xlsx,
}
