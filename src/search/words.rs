//! Where the words of a Chinese sentence begin and end, so that a reading of an event's
//! title or a figure's name by pinyin or by sound counts only where it reads words, not
//! the end of one and the start of the next: `baolei` reads 爆雷 ("collapses") in
//! 粤宝鑫爆雷, but in 珠宝类 ("of the jewelry kind") only the 宝 of 珠宝 and the 类 after
//! it. Chinese writes no spaces; jieba's dictionary (about 350,000 words) and its hidden
//! Markov model for words it lacks (爆雷 is one) find them.
//!
//! The dictionary takes about 0.1 s and 45 MB to load, so it is loaded once per process
//! and only when a reading needs it: one that would explain a match by itself (a title
//! whose own words hold the term needs no reading), of two chars or more.

use std::sync::OnceLock;

use jieba_rs::Jieba;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(Jieba::new)
}

/// Whether chars `start..end` of `text` (char positions) cut a word of it: the reading
/// takes one char of a word and leaves the rest (the 宝 of 珠宝 in 珠宝类, the 复 of 复工
/// in 对复工复产). A part of two chars or more of a longer word is a word of its own
/// where it begins it (罗湖 of 罗湖区, 爆雷 of 爆雷后) or where the dictionary has it.
///
/// A word only the model guessed (the dictionary lacks it) is one unless the chars read
/// are a name the data knows (`named`): the model makes 水贝 of 水贝金价, rightly, but 就杰
/// of 罗湖就杰我睿成立工作专班, so 杰我睿, a company's name, would take one char of 就杰.
#[must_use]
pub fn cuts(text: &str, start: usize, end: usize, named: &dyn Fn(&str) -> bool) -> bool {
    if end <= start + 1 {
        return false;
    }
    let tokens = jieba().cut(text, true);
    let read = || -> String { text.chars().skip(start).take(end - start).collect() };
    let guess = |t: &&jieba_rs::Token<'_>| t.end - t.start > 1 && !jieba().has_word(t.word);
    let Some(first) = tokens.iter().find(|t| t.start <= start && start < t.end) else {
        return false;
    };
    if first.start < start && !(guess(&first) && named(&read())) {
        // Begins inside a word: only a word of its own there counts.
        let upto = end.min(first.end);
        let part: String = text.chars().skip(start).take(upto - start).collect();
        if upto - start < 2 || !jieba().has_word(&part) {
            return true;
        }
    }
    let Some(last) = tokens.iter().find(|t| t.start < end && end <= t.end) else {
        return false;
    };
    // Ends inside a word, with one char of it read.
    last.end > end && end - last.start.max(start) < 2 && !(guess(&last) && named(&read()))
}

#[cfg(test)]
mod tests {
    use super::cuts;

    /// (sentence, the chars a reading takes, whether they cut a word).
    const CASES: &[(&str, &str, bool)] = &[
        ("水贝珠宝类中国名牌数量（2018年）", "宝类", true),
        ("集聚区占全国珠宝类中国名牌比重", "宝类", true),
        ("深圳市委金融办提示黄金交易中的非法金融活动风险", "委金", true),
        ("罗湖对复工复产企业实行报备管理", "对复", true),
        ("水贝黄金原料商粤宝鑫爆雷", "爆雷", false),
        ("杰我睿平台爆雷后深圳出现罕见的公开抗议", "爆雷", false),
        ("金雅福兑付危机，罗湖总部人去楼空", "兑付", false),
        ("金雅福兑付危机，罗湖总部人去楼空", "危机", false),
        ("深圳市罗湖区水贝村", "罗湖", false),
        ("深圳市罗湖区水贝村", "水贝", false),
        ("杰我睿平台爆雷后深圳出现罕见的公开抗议", "杰我睿", false),
        ("罗湖对复工复产企业实行报备管理", "复工", false),
        ("罗湖就杰我睿成立工作专班", "杰我睿", false),
        ("继杰我睿之后，又一黄金平台云点当出现兑付异常", "杰我睿", false),
        ("中国证监会受理周六福", "会受", true),
        ("黄金加工量", "金加", true),
        ("水贝金价报价单日每克跳涨超100元", "贝金价", true),
        ("水贝金价报价单日每克跳涨超100元", "涨超", true),
    ];

    #[test]
    fn a_reading_cuts_a_word_only_where_it_takes_one_char_of_it() {
        for (text, read, want) in CASES {
            let chars: Vec<char> = text.chars().collect();
            let n = read.chars().count();
            let start = (0..=chars.len() - n)
                .find(|&i| chars[i..i + n].iter().copied().eq(read.chars()))
                .expect("the reading is in the sentence");
            let named = |part: &str| part == "杰我睿";
            assert_eq!(cuts(text, start, start + n, &named), *want, "{read} in {text}");
        }
    }

    #[test]
    fn one_char_and_an_empty_span_cut_nothing() {
        assert!(!cuts("水贝珠宝类", 3, 4, &|_| false));
        assert!(!cuts("水贝珠宝类", 3, 3, &|_| false));
        assert!(!cuts("", 0, 0, &|_| false));
    }
}
