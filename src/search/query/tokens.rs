//! A query's text → tokens: words split at whitespace, except where double quotes hold
//! words together (`source:"united daily news"`, `"united daily"`), and the rewritings a
//! token needs before it is a term (hyphenated words, `|` inside a word, `field:`).
//! Pure text: nothing here knows terms or fields.

use super::super::fold::is_han;

/// One token of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    /// The token without its quotes; whitespace inside them is one space.
    pub text: String,
    /// Quotes held two or more words together: one term, matched as written.
    pub phrase: bool,
    /// Where (a byte offset of `text`) the quoted part starts: a `:` before it can name a
    /// field, one inside it is text (`"gold: the rush"`).
    pub quoted_at: usize,
}

impl Token {
    /// A token of one word, without quotes.
    pub(super) fn word(text: &str) -> Token {
        Token {
            text: text.to_owned(),
            phrase: false,
            quoted_at: usize::MAX,
        }
    }
}

/// Whether `c` opens or closes a phrase: a straight double quote (a fullwidth one is
/// folded to it first), or a curly one, as word processors and Chinese input write them.
fn quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}')
}

/// The query's tokens, and a note when a quote was left open: the phrase is read to the
/// end of the query then (the explorer goes on searching while it is typed), and the note
/// makes it an error on the command line.
pub(super) fn tokens(text: &str) -> (Vec<Token>, Option<String>) {
    fn empty() -> Token {
        Token {
            text: String::new(),
            phrase: false,
            quoted_at: usize::MAX,
        }
    }
    let mut tokens = Vec::new();
    let mut current = empty();
    // Inside quotes: where they opened, how many words they hold so far, and whether a
    // space is owed before the next char.
    let mut opened: Option<usize> = None;
    let mut words = 0;
    let mut space = false;
    for c in text.chars() {
        if quote(c) {
            if opened.take().is_some() {
                current.phrase |= words > 1;
            } else {
                opened = Some(current.text.len());
                current.quoted_at = current.quoted_at.min(current.text.len());
                words = 0;
            }
            space = false;
        } else if c.is_whitespace() {
            if opened.is_some() {
                space = words > 0;
            } else if !current.text.is_empty() {
                tokens.push(std::mem::replace(&mut current, empty()));
            }
        } else {
            if opened.is_some() && (space || words == 0) {
                // Chinese marks no words with spaces: `"周大生 珠宝"` is 周大生珠宝.
                let han = current.text.chars().next_back().is_some_and(is_han) && is_han(c);
                if space && !han {
                    current.text.push(' ');
                    words += 1;
                }
                words = words.max(1);
                space = false;
            }
            current.text.push(c);
        }
    }
    let open = opened.map(|at| {
        current.phrase |= words > 1;
        let (before, inside) = current.text.split_at(at);
        format!("a phrase in quotes needs a closing `\"`: `{before}\"{inside}\"`")
    });
    if !current.text.is_empty() {
        tokens.push(current);
    }
    (tokens.into_iter().flat_map(percent).collect(), open)
}

/// The text of each side of a query's spaced `|` (outside quotes), as [`tokens`] splits
/// the query into words: `A B | C` gives `A B` and `C`. Each side parses alone as that
/// side of the whole (a screen's names are searched one by one, see `search::sides`).
/// Empty sides are left out, as the parser leaves them.
pub(super) fn side_texts(text: &str) -> Vec<String> {
    let mut sides = vec![String::new()];
    let mut word = String::new();
    let mut quoted = false;
    let end_word = |word: &mut String, sides: &mut Vec<String>| {
        if word == "|" {
            sides.push(String::new());
        } else if !word.is_empty() {
            let side = sides.last_mut().expect("one side at least");
            if !side.is_empty() {
                side.push(' ');
            }
            side.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if quote(c) {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            end_word(&mut word, &mut sides);
        } else {
            word.push(c);
        }
    }
    end_word(&mut word, &mut sides);
    sides.retain(|side| !side.is_empty());
    sides
}

/// A figure typed with its percent sign (`50%`, `value:50%`) is the figure and the sign,
/// two words, as the screen writes a share ("50 %"): `50%` finds what `50 %` finds. An
/// exclusion or a phrase stays as typed.
fn percent(token: Token) -> Vec<Token> {
    let figure = |text: &str| {
        let bytes = text.as_bytes();
        bytes.first().is_some_and(u8::is_ascii_digit)
            && bytes.last().is_some_and(u8::is_ascii_digit)
            && bytes.iter().all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
    };
    let split = token.quoted_at == usize::MAX
        && token
            .text
            .strip_suffix('%')
            .is_some_and(|body| match split_field(body) {
                Some((name, value)) => name == "value" && figure(value),
                None => figure(body),
            });
    if !split {
        return vec![token];
    }
    let body = &token.text[..token.text.len() - 1];
    vec![Token::word(body), Token::word("%")]
}

/// A token whose term must be one: an exclusion, whose hyphenated word is the words with
/// spaces (`!chow tai fook`: an exclusion looks for the words as written, see
/// `Matcher::contains`), and the sides of a `|` inside a word, each hyphenated word's
/// words written together (`chowtai|lukfook`: fuzzy runs read them in order, as a name
/// writes them).
pub(super) fn one_term(token: &str) -> std::borrow::Cow<'_, str> {
    let together = |word: &str| -> Option<String> {
        let parts = words(word);
        (parts.len() > 1).then(|| parts.concat())
    };
    if let Some(rest) = token.strip_prefix('!') {
        let parts = words(rest);
        if parts.len() > 1 {
            return format!("!{}", parts.join(" ")).into();
        }
    }
    // A field's values keep their hyphens (`ownership:private|state-owned`).
    if token.contains('|') && token.len() > 1 && !token.starts_with('!') && split_field(token).is_none() {
        let sides: Vec<String> = token
            .split('|')
            .map(|side| together(side).unwrap_or_else(|| side.to_owned()))
            .collect();
        return sides.join("|").into();
    }
    token.into()
}

/// A plain word joined by hyphens or underscores (`chow-tai-fook`, as ids and web
/// addresses write a name) as its words, which names write with spaces: each must match,
/// as if typed apart. A word with a field, a modifier, or a part without a letter keeps
/// its hyphens (`id:chow-tai-fook`, `'k-gold`, `covid-19`, `2024-10-21`); so does a
/// leading hyphen (`-silver`, see `search::hyphenated`).
pub(super) fn words(token: &str) -> Vec<&str> {
    // An en dash too: word processors turn a typed hyphen into one.
    let joiner = |c: char| matches!(c, '-' | '_' | '\u{2013}');
    let plain = token.chars().next().is_some_and(char::is_alphanumeric)
        && token.chars().all(|c| c.is_alphanumeric() || joiner(c))
        && token.contains(joiner);
    if !plain {
        return vec![token];
    }
    let parts: Vec<&str> = token.split(joiner).filter(|p| !p.is_empty()).collect();
    if parts.iter().all(|p| p.chars().any(char::is_alphabetic)) {
        parts
    } else {
        vec![token]
    }
}

/// The values of a token that names several with `|` and no spaces (`gold|silver`,
/// `segment:gold|silver`), each as a token of its own (`segment:silver`); `None` for any
/// other token, and for an exclusion (`!a|b` would read either way).
pub(super) fn either_values(token: &str) -> Option<Vec<String>> {
    if !token.contains('|') || token.starts_with('!') {
        return None;
    }
    let (field, values) = match split_field(token) {
        Some((name, values)) => (Some(name), values),
        None => (None, token),
    };
    let values: Vec<String> = values
        .split('|')
        .filter(|v| !v.is_empty())
        .map(|v| field.map_or_else(|| v.to_owned(), |name| format!("{name}:{v}")))
        .collect();
    (!values.is_empty()).then_some(values)
}

/// `name:value` when `name` looks like a field name (ASCII letters); `http://x` and
/// `10:30` stay plain terms.
pub(super) fn split_field(token: &str) -> Option<(&str, &str)> {
    let (name, value) = token.split_once(':')?;
    (!name.is_empty() && !value.starts_with("//") && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_'))
        .then_some((name, value))
}
