//! Whether a text mentions something in a negated clause: "no 中国驰名商标 statement was
//! found", "the sources do not place it in Luohu", "Shenzhen (Shuibei not stated)". Such a
//! mention says the record lacks what the query names, so it ranks below every record that
//! has it (`rank::Tier::Negated`); it still matches, and the "why" says so.
//!
//! A clause runs between punctuation (`. ; : , ( ) [ ]`, their fullwidth forms, dashes) and
//! the word "but". A negation word negates what follows it in its clause ("gives no 驰名商标
//! for it"). One after the match reaches back to it only as the clause's predicate: "X is
//! not …", "X not stated", "X was not found", "X could not be confirmed". Any other
//! negation after the match starts a phrase of its own and negates what it heads: "shops
//! closed for fear of not being able to restock" (the shops did close), "the article that
//! reports it gives no exact year" (the article is there), "counters had not opened", "the
//! exchange's removal date is not given" (a possessor is presupposed). Deliberately plain:
//! words next to the cue, no parsing. The data's summaries state what the sources do not
//! say in exactly this way.

/// English words that negate what follows them (lower case); words ending in "n't" do too.
const CUES: &[&str] = &[
    "no",
    "not",
    "never",
    "none",
    "neither",
    "nor",
    "without",
    "unverified",
    "unconfirmed",
    "unstated",
    "cannot",
];

/// Chinese words that negate what follows them.
const CUES_ZH: &[&str] = &[
    "没有",
    "并非",
    "不是",
    "不属于",
    "未经",
    "尚未",
    "未被",
    "未获",
    "未能",
    "无法",
];

/// Chinese negations that also reach back to what stands before them, as "X is not …" and
/// "X is not stated" do: "X并非…", "X未被提及". Others say what X does not do or have, or
/// what did not happen to it ("X没有…", "X无法交付", "申请未获批准"), and X is there.
const CUES_ZH_PREDICATE: &[&str] = &[
    "并非",
    "不是",
    "未被提及",
    "未被证实",
    "未获证实",
    "未经证实",
    "未被确认",
    "未获确认",
    "未被披露",
];

/// Forms of "to be": "X is not stated", "X was not found".
const BE: &[&str] = &["is", "are", "was", "were", "be", "been"];

/// Words after which a negation opens a phrase of its own: "for fear of not being able",
/// "and not in Luohu".
const OPENS_GERUND: &[&str] = &[
    "to", "of", "for", "by", "with", "without", "in", "on", "at", "from", "and", "or",
];

/// Words between a negation and the verb it negates: "has not been stated", "is not
/// otherwise stated", "were not already reserved".
const SKIPPED: &[&str] = &[
    "be",
    "been",
    "otherwise",
    "explicitly",
    "already",
    "yet",
    "also",
    "necessarily",
];

/// What a source says or leaves out: "X is not stated" says the sources lack X.
const REPORTED: &[&str] = &[
    "stated",
    "given",
    "found",
    "known",
    "named",
    "said",
    "confirmed",
    "verified",
    "specified",
    "mentioned",
    "recorded",
    "reported",
    "dated",
    "described",
    "identified",
    "shown",
    "disclosed",
    "documented",
    "clear",
    "explicit",
    "certain",
];

/// Words that open a phrase or clause of their own between the match and a later cue:
/// "an article that is not dated" speaks of the date, not of what precedes "that".
const OPENS_PHRASE: &[&str] = &[
    "that", "which", "who", "whom", "whose", "where", "when", "while", "because", "since", "although", "though",
    "unless", "whether", "if", "so",
];

/// Verbs of saying: "X is not stated in the sources" leaves X out, not the sources.
const SAYS: &[&str] = &[
    "stated",
    "given",
    "named",
    "said",
    "mentioned",
    "recorded",
    "reported",
    "specified",
    "described",
    "identified",
    "dated",
    "disclosed",
    "documented",
    "confirmed",
    "verified",
    "shown",
];

/// Past participles that do not end in "-ed".
const PARTICIPLES: &[&str] = &[
    "made", "seen", "told", "written", "held", "sold", "paid", "built", "done", "taken", "set", "put", "run", "shut",
];

fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | ';'
            | ':'
            | ','
            | '('
            | ')'
            | '['
            | ']'
            | '!'
            | '?'
            | '—'
            | '–'
            | '。'
            | '；'
            | '：'
            | '，'
            | '、'
            | '（'
            | '）'
            | '！'
            | '？'
    )
}

/// Whether the clause holding chars `start..start + len` of `text` negates it.
#[must_use]
pub fn negated(text: &str, start: usize, len: usize) -> bool {
    // Most values hold no cue at all: every English cue has an `n`, every Chinese one one
    // of these chars.
    if !text.bytes().any(|b| b | 0x20 == b'n') && !text.contains(['没', '非', '不', '未', '无']) {
        return false;
    }
    // The clause: byte bounds around the match.
    let (mut from, mut at, mut to) = (0, text.len(), text.len());
    let mut end = text.len();
    for (i, (byte, c)) in text.char_indices().enumerate() {
        if i == start {
            at = byte;
        }
        if i == start + len {
            end = byte;
        }
        if ends_clause(c) {
            if i < start {
                from = byte + c.len_utf8();
            } else if i >= start + len {
                to = byte;
                break;
            }
        }
    }
    let at = at.min(to);
    let end = end.max(at).min(to);
    // "but" starts a new clause: "holders but does not state the mark" negates the mark,
    // not the holders.
    let mut lo = from;
    let mut hi = to;
    for (begin, word) in words(&text[from..to]) {
        let begin = from + begin;
        if word.eq_ignore_ascii_case("but") {
            if begin < at {
                lo = begin + word.len();
            } else if begin >= end && begin < hi {
                hi = begin;
            }
        }
    }
    let lo = lo.min(at);
    let hi = hi.max(end);
    let words: Vec<(usize, &str)> = words(&text[lo..hi]).map(|(b, w)| (lo + b, w)).collect();
    let possessive = text[end..hi].starts_with("'s") || text[end..hi].starts_with("’s");
    let english = words.iter().enumerate().any(|(i, &(begin, w))| {
        if !is_cue(w) || words.get(i + 1).is_some_and(|(_, next)| changes_or_adds(w, next)) {
            return false;
        }
        if begin + w.len() <= at {
            return !(i == 0 && lo == from && after_a_ban(text, from)) && reaches_forward(&words, i, at);
        }
        // A cue after the match (the match itself is no cue of its own: `unverified`
        // finds what is unverified).
        begin >= end && !possessive && reaches_back(&words, i, end)
    });
    english
        || CUES_ZH.iter().any(|cue| text[lo..at].contains(cue))
        || CUES_ZH_PREDICATE.iter().any(|cue| text[end..hi].contains(cue))
}

fn is_cue(w: &str) -> bool {
    CUES.iter().any(|cue| w.eq_ignore_ascii_case(cue)) || contraction(w).is_some()
}

/// The word a "n't" ends ("isn't" → "is", "doesn't" → "does"), if it ends in one.
fn contraction(w: &str) -> Option<&str> {
    let ascii = w.len() > 3 && w.as_bytes()[w.len() - 3..].eq_ignore_ascii_case(b"n't");
    if ascii {
        return Some(&w[..w.len() - 3]);
    }
    w.strip_suffix("n’t").filter(|stem| !stem.is_empty())
}

fn is_in(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Whether the cue `words[i]`, before a match starting at byte `at`, negates it. "and"
/// ends what it negates: "for not filing its annual report and said it expected a
/// delisting", "without authority and issued false certificates" ("or" does not: "no 中国名牌
/// or 驰名商标"). Where a statement is not made is there: "not given in the sources".
fn reaches_forward(words: &[(usize, &str)], i: usize, at: usize) -> bool {
    let between = || {
        words[i + 1..]
            .iter()
            .take_while(|&&(begin, _)| begin < at)
            .map(|(_, w)| *w)
    };
    if between().any(|w| w.eq_ignore_ascii_case("and")) {
        return false;
    }
    let mut rest = between().skip_while(|w| is_in(SKIPPED, w));
    let first = rest.next();
    let where_said = match first {
        Some(w) if w.eq_ignore_ascii_case("among") => true,
        Some(w) if is_in(SAYS, w) => rest.next().is_some_and(|p| is_in(&["in", "by", "among"], p)),
        _ => false,
    };
    !where_said
}

/// Whether the cue `words[i]`, after a match ending at byte `end`, is the predicate of the
/// clause the match stands in: "X is not …", "X not stated", "X could not be found",
/// "X isn't …", "(X unverified)".
fn reaches_back(words: &[(usize, &str)], i: usize, end: usize) -> bool {
    // A relative or subordinate word between them: the cue speaks of that phrase.
    if words[..i]
        .iter()
        .any(|&(begin, w)| begin >= end && is_in(OPENS_PHRASE, w))
    {
        return false;
    }
    let cue = words[i].1;
    let prev = i.checked_sub(1).map(|p| words[p].1);
    let after_be = prev.is_some_and(|p| is_in(BE, p)) || contraction(cue).is_some_and(|stem| is_in(BE, stem));
    let lower = cue.to_ascii_lowercase();
    if matches!(lower.as_str(), "unverified" | "unconfirmed" | "unstated") {
        // "the year is unstated", "(date unverified)".
        return after_be || i + 1 == words.len();
    }
    // "no", "none", "neither", "nor", "without" head a phrase of their own: "gives no
    // exact year", "could neither deliver", "gems without authority".
    if !matches!(lower.as_str(), "not" | "never" | "cannot") && contraction(cue).is_none() {
        return false;
    }
    // The verb the cue negates, past "be", "been" and adverbs: "is not otherwise stated".
    let verb = words[i + 1..].iter().map(|(_, w)| *w).find(|w| !is_in(SKIPPED, w));
    match verb {
        // What the sources leave out: "X not stated", "X has not been given", "X could not
        // be found"; not after a word that opens a phrase ("for not stated reasons").
        Some(v) if is_in(REPORTED, v) => !prev.is_some_and(|p| is_in(OPENS_GERUND, p)),
        // Something else did not happen to X, which is there: "the attempt was not
        // approved", "counters had not opened", "could not be reached".
        Some(v) if participle(v) => false,
        // "X is not a Shenzhen brand", "X isn't O'Brien's".
        _ => after_be,
    }
}

/// A past participle: "approved", "opened", "made".
fn participle(w: &str) -> bool {
    (w.len() > 3 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed")) || is_in(PARTICIPLES, w)
}

/// Cues that say what changed or what comes on top, not what is absent: "since the gold
/// tax change Shuibei no longer priced … apart" still speaks of the tax change, and "not
/// only in Shuibei" of Shuibei.
/// "Not to" is an instruction, not an absence: "telling members not to run illegal
/// 'pre-pricing' gold trading" speaks of that trading.
fn changes_or_adds(cue: &str, next: &str) -> bool {
    (cue.eq_ignore_ascii_case("no") && next.eq_ignore_ascii_case("longer"))
        || (cue.eq_ignore_ascii_case("not")
            && (next.eq_ignore_ascii_case("only")
                || next.eq_ignore_ascii_case("just")
                || next.eq_ignore_ascii_case("to")))
}

/// Words that make the clauses after them a list of what is forbidden: "listing forbidden
/// gold business …: no pre-pricing …; no false claims of Shanghai Gold Exchange
/// membership" names that membership, as a ban does.
const BANS: &[&str] = &[
    "ban",
    "bans",
    "banned",
    "banning",
    "forbid",
    "forbids",
    "forbidden",
    "forbidding",
    "prohibit",
    "prohibits",
    "prohibited",
    "prohibiting",
    "prohibition",
    "prohibitions",
];

/// Whether the sentence before byte `from` names a ban ([`BANS`], 禁止, 不得): then a
/// clause that opens with a cue lists what is forbidden, not what is absent.
fn after_a_ban(text: &str, from: usize) -> bool {
    let before = &text[..from];
    let sentence = before
        .rfind(". ")
        .map_or(0, |i| i + 2)
        .max(before.rfind('。').map_or(0, |i| i + '。'.len_utf8()));
    let sentence = &before[sentence..];
    sentence.contains("禁止") || sentence.contains("不得") || words(sentence).any(|(_, w)| is_in(BANS, w))
}

/// The ASCII words of a text (apostrophes kept: "doesn't"), with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '\'' || c == '’';
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.next_if(|(_, c)| !is_word(*c)).is_some() {}
        let (begin, _) = *rest.peek()?;
        let mut end = begin;
        while let Some((i, c)) = rest.next_if(|(_, c)| is_word(*c)) {
            end = i + c.len_utf8();
        }
        Some((begin, &text[begin..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::negated;

    fn at(text: &str, word: &str) -> bool {
        let byte = text.find(word).expect("the word is in the text");
        let start = text[..byte].chars().count();
        negated(text, start, word.chars().count())
    }

    #[test]
    fn negation_words_negate_their_clause_only() {
        let s = "Its JNA award is a company award; no 中国名牌 or 中国驰名商标 statement was found.";
        assert!(at(s, "驰名商标"));
        assert!(!at(s, "JNA"));
        assert!(at("Shenzhen (Shuibei not stated)", "Shuibei"));
        assert!(!at("Shenzhen (Shuibei not stated)", "Shenzhen"));
        assert!(at("The sources do not place it in Luohu.", "Luohu"));
        assert!(!at(
            "Registered in Luohu (2017); the founding year is not stated.",
            "Luohu"
        ));
        assert!(!at(
            "The owner was a 中国驰名商标 holder by June 2011, but the mark itself is not stated",
            "驰名商标"
        ));
        assert!(!at(
            "The source counts the owner among Shenzhen 中国驰名商标 holders but does not state the mark",
            "驰名商标"
        ));
        assert!(at(
            "This is an association title, not the statutory 中国驰名商标",
            "驰名商标"
        ));
        assert!(at("It doesn't hold a refining licence", "refining"));
        assert!(at("该企业并非水贝企业", "水贝"));
        assert!(!at("No. 3 in the index of 50 brands", "index"));
        assert!(
            !at("Notable brands of Shenzhen", "Shenzhen"),
            "a word that starts with 'no'"
        );
    }

    /// "No longer" and "not only" say what changed or what comes on top: the clause still
    /// speaks of what it names (a trial's `gold tax` event ranked last).
    #[test]
    fn no_longer_and_not_only_negate_nothing() {
        let s = "since the gold tax change of November Shuibei no longer priced gold apart";
        assert!(!at(s, "gold tax"));
        assert!(!at("sold not only in Shuibei but in Hong Kong", "Shuibei"));
        assert!(at("Shuibei no longer hosts it and no refinery is stated", "refinery"));
        assert!(at("not stated whether it is in Shuibei", "Shuibei"));
    }

    /// A negation after the match reaches back to it only as its clause's predicate.
    /// One that opens a phrase of its own negates that phrase: the shops did close (a
    /// fact-checker's `export --query 'closed year:2026'` left the record out), the
    /// article that gives no exact year is Luohu's.
    #[test]
    fn a_later_negation_reaches_back_only_as_the_predicate() {
        let s = "raw-material dealers held back stock and a few shops closed for fear of not being able to restock.";
        assert!(!at(s, "closed"));
        assert!(!at(s, "shops"));
        assert!(at(s, "restock"));
        let s = "The c. 2007 Luohu District government article that reports it gives no exact year; 1990 only orders the timeline.";
        assert!(!at(s, "Luohu"));
        assert!(!at(s, "District"));
        assert!(at(s, "exact year"));
        let s = "Shenzhen-based Fuqi International received a final NASDAQ noncompliance notice for not filing its 2010 annual report";
        assert!(!at(s, "Shenzhen"));
        assert!(!at(s, "noncompliance"));
        assert!(at(s, "annual report"));
        let s = "a Shuibei silver shop founded in 2022 that could neither deliver silver plate nor refund payments";
        assert!(!at(s, "founded"));
        assert!(!at(s, "Shuibei"));
        assert!(at(s, "silver plate"));
        assert!(at(s, "refund"));
        assert!(!at(
            "(raw gold, a market board price, or jewelry with or without labour)",
            "jewelry"
        ));
        assert!(!at(
            "certified gold, silver and gems without authority and issued false certificates",
            "silver"
        ));
        assert!(!at(
            "At a press conference Luohu District explained its 2026 No. 1 document.",
            "District"
        ));
        let s = "several counters near one trader's shop in 水贝一号 had not opened by noon on 4 November.";
        assert!(!at(s, "shop"));
        assert!(!at(s, "水贝"));
        assert!(!at(
            "The attempt was not approved (November 2020, the company says).",
            "attempt"
        ));
        assert!(!at("its owner, 谈广, could not be reached", "owner"));
        let s =
            "received a notice for not filing its 2010 annual report and said it expected a delisting determination";
        assert!(!at(s, "delisting"));
        assert!(!at(
            "gems without authority and issued false certificates",
            "false certificates"
        ));
        assert!(!at("The report has no known address and is rated low", "rated low"));
        assert!(!at(
            "telling members not to run illegal trading and to register by real name",
            "register"
        ));
    }

    /// Where a statement is not made is there: "not given in the sources" leaves out what
    /// is not given, not the sources.
    #[test]
    fn where_a_statement_is_not_made_is_not_negated() {
        let s = "Its Chinese name is not given in the sources.";
        assert!(!at(s, "sources"));
        assert!(at(s, "Chinese name"));
        assert!(!at(
            "Its tie to the Shenzhen cluster is not stated in the sources.",
            "sources"
        ));
        assert!(!at(
            "the index company's own announcement is not among the sources",
            "sources"
        ));
        assert!(!at("The owner is not named by the report", "report"));
        // A place where something is not is negated: "do not place it in Luohu".
        assert!(at("The sources do not place it in Luohu.", "Luohu"));
        assert!(at("sold in Shuibei, not in Luohu", "Luohu"));
        assert!(at("not stated whether it is in Shuibei", "Shuibei"));
        assert!(at("No source links it to 金雅福.", "source"));
    }

    /// What stands before the negation of its own clause's predicate is what the sources
    /// leave out: these stay negated.
    #[test]
    fn the_predicate_negates_its_subject() {
        assert!(at(
            "Its tie to the Shenzhen cluster is not stated in the sources.",
            "Shenzhen"
        ));
        assert!(at("The mark and the year are not stated.", "year"));
        assert!(at("The mark and the year are not stated.", "mark"));
        assert!(at("founding year and ownership are not stated.", "founding year"));
        assert!(at("Diamond-set jewelry brand (years not stated).", "years"));
        assert!(at("final result not known, owner not named", "owner"));
        assert!(at("its Shenzhen district is not otherwise stated.", "district"));
        assert!(at("No 驰名商标 statement was found.", "驰名商标"));
        assert!(at("A 驰名商标 statement was not found.", "驰名商标"));
        assert!(at("The ownership could not be confirmed.", "ownership"));
        assert!(at("The ownership hasn't been confirmed.", "ownership"));
        assert!(at("The year is unstated", "year"));
        assert!(at("Shenzhen (date unverified)", "date"));
        assert!(at(
            "It names no store or brand, so the figure is not one of the brand list prices",
            "brand"
        ));
        assert!(at(
            "the index company's own announcement is not among the sources",
            "announcement"
        ));
        assert!(at("其成立年份未被提及", "成立年份"));
        assert!(at("该企业并非水贝企业", "该企业"));
        assert!(!at("该企业的上市申请未获批准", "上市申请"));
        // "do not": the sources are there; what they do not do is to place it in Luohu.
        assert!(!at("The sources do not place it in Luohu.", "sources"));
        // A match is no cue of its own: `unverified` finds what is unverified.
        assert!(!at("Its founding year is unverified", "unverified"));
    }

    /// An owner named in the possessive is there; what it owns is left out: "the
    /// exchange's own removal date is not given" speaks of NASDAQ.
    #[test]
    fn a_possessor_is_not_negated_by_what_follows() {
        let s = "ending its NASDAQ listing (the exchange's own removal date is not given)";
        assert!(!at(s, "exchange"));
        assert!(at(s, "removal date"));
        assert!(!at("Shuibei’s share is not stated", "Shuibei"));
    }

    /// A typographic apostrophe is three bytes: a word ending in one (`O’Brien’s`) was cut
    /// inside it when its last three bytes were compared with "n't", and the search panicked.
    #[test]
    fn a_ban_or_an_instruction_names_what_it_forbids() {
        let notice = "listing forbidden gold business: no pre-pricing, leveraged or deferred trading; no false \
                      claims of Shanghai Gold Exchange membership; no absolute slogans such as 'gold will soar'.";
        assert!(!at(notice, "membership"));
        assert!(!at(notice, "slogans"));
        assert!(!at(notice, "soar"));
        assert!(!at(
            "telling members not to run illegal 'pre-pricing' gold trading",
            "illegal"
        ));
        // Without a ban before it, the same clause is an absence.
        assert!(at(
            "The notice was published: no false claims of membership were found.",
            "membership"
        ));
        // A ban in an earlier sentence does not reach.
        assert!(at(
            "The rules ban leverage. The report gives no exact year; no membership is named.",
            "membership"
        ));
    }

    #[test]
    fn typographic_apostrophes_are_read_whole() {
        assert!(!at("Mr O’Brien’s shop is in Shuibei", "shop"));
        assert!(at("The shop isn’t O’Brien’s", "shop"));
        assert!(at("The shop doesn’t sell gold", "gold"));
    }
}
