//! A generator of SYNTHETIC registry exports (the CSV a registry service exports, with a
//! title line and Chinese headers) for the import benchmark. Every company is made up:
//! names are assembled from common syllables, people's names too, and credit codes are
//! numbered (with a correct check character) in a block no registry hands out to real
//! companies here ("MA" + a counter). Nothing generated here may ever be shipped as data.
//! Deterministic for a given seed.

use std::fmt::Write as _;

use super::synth::{CITIES, Rng, SYLLABLES, TRADES, names};

const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The `i`-th synthetic credit code: `91440303MA` + seven characters counting `i` in the
/// code's alphabet, then the GB 32100-2015 check character.
pub fn credit_code(i: usize) -> String {
    let mut code = String::from("91440303MA");
    let mut digits = [b'0'; 7];
    let mut n = i;
    for d in digits.iter_mut().rev() {
        *d = CHARSET[n % 31];
        n /= 31;
    }
    code.push_str(std::str::from_utf8(&digits).unwrap_or_default());
    code.push(shuibei::data::model::check_character(&code).unwrap_or('0'));
    code
}

const STATUSES: &[&str] = &[
    "存续（在营、开业、在册）",
    "存续（在营、开业、在册）",
    "存续（在营、开业、在册）",
    "在业",
    "注销",
    "吊销，未注销",
    "迁出",
];
const DISTRICTS: &[&str] = &["罗湖区", "罗湖区", "罗湖区", "福田区", "龙岗区", "宝安区"];
const FORMS: &[&str] = &[
    "有限责任公司（自然人投资或控股）",
    "有限责任公司",
    "个体工商户",
    "股份有限公司（非上市、自然人投资或控股）",
];
const INDUSTRIES: &[&str] = &["批发业", "零售业", "珠宝首饰及有关物品制造", "商务服务业"];
const SCOPES: &[&str] = &[
    "金银饰品、珠宝首饰、工艺品的批发与零售；国内贸易；货物及技术进出口",
    "珠宝首饰的设计、加工与销售；黄金制品的批发；钻石、玉石的购销",
    "贵金属制品的研发与销售；珠宝鉴定咨询；网上经营珠宝首饰",
];

/// The header line of the synthetic export (as 企查查 names its columns), with one
/// column shuibei does not know (参保人数).
pub const HEADER: &str = "序号,企业名称,英文名称,统一社会信用代码,法定代表人,注册资本,成立日期,登记状态,所属省份,所属城市,所属区县,企业类型,所属行业,企业地址,经营范围,曾用名,电话,网址,参保人数";

fn han(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| rng.pick(SYLLABLES).1).collect()
}

/// One row's cells, in [`HEADER`] order.
pub fn row(i: usize, rng: &mut Rng) -> Vec<String> {
    let (_, city) = *rng.pick(CITIES);
    let (_, trade) = *rng.pick(TRADES);
    let words = 2 + rng.below(2);
    let name = format!("{city}{}{trade}", han(rng, words));
    let english = if rng.below(3) == 0 {
        names(rng).name
    } else {
        String::new()
    };
    let year = 1990 + rng.below(35);
    let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
    let founded = match rng.below(3) {
        0 => format!("{year}-{month:02}-{day:02}"),
        1 => format!("{year}/{month}/{day}"),
        _ => format!("{year}年{month:02}月{day:02}日"),
    };
    let capital = match rng.below(4) {
        0 => format!("{}万美元", 10 + rng.below(500)),
        1 => format!("{}万人民币", 10 + rng.below(10_000)),
        _ => format!("{}万元人民币", 10 + rng.below(5000)),
    };
    let former = if rng.below(10) == 0 {
        format!("{city}{}{trade}", han(rng, 2))
    } else {
        String::new()
    };
    let person = 2 + rng.below(2);
    let person = han(rng, person);
    let mut address = String::from("深圳市罗湖区");
    let _ = write!(address, "{}路{}号", han(rng, 2), 1 + rng.below(300));
    vec![
        (i + 1).to_string(),
        name,
        english,
        credit_code(i),
        person,
        capital,
        founded,
        (*rng.pick(STATUSES)).to_owned(),
        "广东省".to_owned(),
        "深圳市".to_owned(),
        (*rng.pick(DISTRICTS)).to_owned(),
        (*rng.pick(FORMS)).to_owned(),
        (*rng.pick(INDUSTRIES)).to_owned(),
        address,
        (*rng.pick(SCOPES)).to_owned(),
        former,
        format!("0755-{:08}", rng.below(100_000_000)),
        "-".to_owned(),
        rng.below(50).to_string(),
    ]
}

/// A whole export of `n` rows as CSV text: UTF-8 with a byte-order mark (as Excel saves
/// "CSV UTF-8"), a title line, the header, the rows, `\r\n` line ends.
pub fn csv(n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(n * 400 + 1024);
    out.push('\u{feff}');
    out.push_str("SYNTHETIC registry export: made-up companies for benchmarks (benches/support/registry.rs)\r\n");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for i in 0..n {
        for (j, cell) in row(i, &mut rng).iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            if cell.contains(',') {
                let _ = write!(out, "\"{}\"", cell.replace('"', "\"\""));
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}
