//! Whether a record bears a name typed in full, as a registry screen asks it (`search
//! --exact-name`, `show NAME`). Names compare by [`name_key`]: width, case, spelling,
//! company forms and leading places aside. But a name typed with its company form
//! (`深圳市周大福有限公司`) is a company's registered name, and a brand (周大福) or a
//! short name kept as an alias (六福, of 六福集团) is no company registered so: a screen
//! of borrowers read 深圳市金龙有限公司 as the Dongguan brand 金龙. Nor are two Chinese
//! legal forms one company: 深圳市盛钻黄金股份有限公司 (joint-stock) is not the
//! 深圳市盛钻黄金有限公司 (limited) a registry lists.

use super::query::name_key;
use super::records::Records;
use crate::data::db::Rec;
use crate::data::model::RecordKind;

/// A name as typed, ready to compare with records' names.
#[derive(Debug, Clone)]
pub struct TypedName {
    key: String,
    /// It ends in a company form: only a company's own name, or an alias that is a
    /// registered name itself, can be it.
    registered: bool,
    /// The Chinese legal form it ends with, if one: a name ending in another is another.
    form: Option<Form>,
}

/// The Chinese legal forms that make two companies of one name two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// 股份有限公司: a joint-stock company.
    JointStock,
    /// 有限公司, 有限责任公司 (one form, written short or in full).
    Limited,
    /// 分公司: a branch, not the company it belongs to.
    Branch,
}

/// The Chinese legal form `name` ends with (its trailing spaces aside).
fn form_of(name: &str) -> Option<Form> {
    let name = name.trim_end();
    if name.ends_with("股份有限公司") {
        Some(Form::JointStock)
    } else if name.ends_with("分公司") {
        Some(Form::Branch)
    } else if name.ends_with("有限公司") || name.ends_with("有限责任公司") {
        Some(Form::Limited)
    } else {
        None
    }
}

impl TypedName {
    #[must_use]
    pub fn of(typed: &str) -> TypedName {
        TypedName {
            key: name_key(typed),
            registered: carries_company_form(typed),
            form: form_of(typed),
        }
    }

    /// The name's length in chars, its forms and places aside.
    #[must_use]
    pub fn chars(&self) -> usize {
        self.key.chars().count()
    }

    /// Whether one of the record's names (its name, Chinese name or an alias, each also
    /// without an acronym in brackets at its end) is this name.
    #[must_use]
    pub fn names(&self, records: Records<'_>, rec: Rec) -> bool {
        if self.key.is_empty() || (self.registered && rec.kind == RecordKind::Brand) {
            return false;
        }
        let is = |name: &str| {
            [Some(name), without_acronym(name)].into_iter().flatten().any(|n| {
                name_key(n) == self.key && (self.form.is_none() || form_of(n).is_none_or(|f| Some(f) == self.form))
            })
        };
        records.primary_names(rec).into_iter().flatten().any(is)
            || records
                .aliases(rec)
                .iter()
                .any(|alias| (!self.registered || carries_company_form(alias)) && is(alias))
    }
}

/// Whether a name ends in a company form (`有限公司`, `Limited`, `Co., Ltd.`), a place
/// in brackets before it aside: a registered name.
#[must_use]
pub fn carries_company_form(name: &str) -> bool {
    let folded: String = fast2s::convert(&name.chars().map(super::fold::width).collect::<String>());
    let Some(last) = folded
        .split(|c: char| !c.is_alphanumeric() && c != '(' && c != ')')
        .rfind(|w| !w.is_empty())
    else {
        return false;
    };
    super::query::is_company_form(last)
}

/// A name without the acronym it ends with in brackets: "Dia Co., Ltd. (DR)" is the
/// company a registry calls "Dia Co., Ltd." (a trial's counterparty screen found no
/// record of two listed companies so). Only capitals and digits, 2 to 6 of them: a place
/// in brackets ("(Shenzhen)") tells one company from another and stays.
fn without_acronym(name: &str) -> Option<&str> {
    let head = name.strip_suffix(')')?;
    let at = head.rfind(" (")?;
    let inner = &head[at + 2..];
    let acronym = (2..=6).contains(&inner.len())
        && inner.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && inner.bytes().any(|b| b.is_ascii_uppercase());
    acronym.then(|| head[..at].trim_end()).filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_chinese_legal_form_is_another_company() {
        assert_eq!(form_of("深圳市盛钻黄金股份有限公司"), Some(Form::JointStock));
        assert_eq!(form_of("深圳市盛钻黄金有限责任公司"), Some(Form::Limited));
        assert_eq!(form_of("深圳市盛钻黄金有限公司水贝分公司"), Some(Form::Branch));
        assert_eq!(form_of("Shengzuan Gold Co., Ltd."), None);
    }

    #[test]
    fn a_registered_name_ends_in_a_form() {
        for name in [
            "深圳市周大福有限公司",
            "周大福珠宝金行(深圳)有限公司",
            "Luk Fook Holdings (International) Limited",
            "Dia Co., Ltd.",
            "ＡＢＣ有限公司",
        ] {
            assert!(carries_company_form(name), "{name}");
        }
        for name in [
            "周大福",
            "六福集团",
            "Chow Tai Fook Jewellery Group",
            "Luk Fook",
            "",
            "公司 gold",
        ] {
            assert!(!carries_company_form(name), "{name}");
        }
    }

    #[test]
    fn an_acronym_in_brackets_is_set_aside_but_a_place_is_not() {
        assert_eq!(without_acronym("Dia Co., Ltd. (DR)"), Some("Dia Co., Ltd."));
        assert_eq!(without_acronym("Jewellery (Shenzhen)"), None);
        assert_eq!(without_acronym("(DR)"), None);
    }
}
