//! A generator of SYNTHETIC `shuibei/1` datasets for benchmarks and load tests.
//!
//! Every record it writes is made up: names are assembled from common syllables, the
//! cluster is named "SYNTHETIC TEST DATA", and every record cites a single source whose
//! title says it is synthetic. Nothing generated here may ever be shipped as data.
//! Deterministic for a given seed, so benchmarks compare like with like.

use std::fmt::Write as _;

/// Syllables with a Chinese character that reads that way, so pinyin search has real work.
pub const SYLLABLES: &[(&str, &str)] = &[
    ("jin", "金"),
    ("hua", "华"),
    ("long", "龙"),
    ("feng", "凤"),
    ("bao", "宝"),
    ("tai", "泰"),
    ("fu", "福"),
    ("xing", "星"),
    ("da", "大"),
    ("sheng", "生"),
    ("liu", "六"),
    ("zhou", "周"),
    ("yu", "玉"),
    ("cui", "翠"),
    ("ya", "雅"),
    ("kai", "凯"),
    ("li", "丽"),
    ("heng", "恒"),
    ("xin", "鑫"),
    ("yin", "银"),
    ("zhen", "珍"),
    ("mei", "美"),
    ("xiang", "祥"),
    ("rui", "瑞"),
    ("jia", "嘉"),
    ("wan", "万"),
    ("de", "德"),
    ("rong", "荣"),
    ("bai", "百"),
    ("cai", "彩"),
    ("dong", "东"),
    ("fang", "方"),
    ("zuan", "钻"),
    ("shi", "石"),
    ("hang", "行"),
    ("chang", "昌"),
    ("guang", "光"),
    ("ming", "明"),
    ("tian", "天"),
    ("yuan", "源"),
    ("hong", "鸿"),
    ("an", "安"),
    ("kang", "康"),
    ("shun", "顺"),
    ("tong", "通"),
    ("ying", "盈"),
    ("hao", "豪"),
    ("yi", "艺"),
    ("qi", "琦"),
    ("lin", "林"),
    ("sen", "森"),
    ("gu", "古"),
    ("chen", "辰"),
    ("yue", "悦"),
];
pub const CITIES: &[(&str, &str)] = &[
    ("Shenzhen", "深圳市"),
    ("Shenzhen", "深圳市"),
    ("Shenzhen", "深圳市"),
    ("Guangzhou", "广州市"),
    ("Dongguan", "东莞市"),
    ("Foshan", "佛山市"),
    ("Zhuhai", "珠海市"),
    ("Huizhou", "惠州市"),
];
pub const TRADES: &[(&str, &str)] = &[
    ("Jewelry Co Ltd", "珠宝首饰有限公司"),
    ("Gold Jewelry Co Ltd", "黄金珠宝有限公司"),
    ("Precious Metals Co Ltd", "贵金属有限公司"),
    ("Diamond Co Ltd", "钻石有限公司"),
    ("Jewellery Manufacturing Co Ltd", "珠宝制造有限公司"),
    ("Gem Trading Co Ltd", "珠宝贸易有限公司"),
    ("Jade Co Ltd", "玉器有限公司"),
    ("Jewelry Design Studio", "珠宝设计工作室"),
];
const ENGLISH: &[&str] = &[
    "Golden", "Dragon", "Phoenix", "Pearl", "River", "Orient", "Star", "Royal", "Crown", "Lotus", "Jade", "Harbor",
    "Summit", "Silver", "Crystal", "Imperial", "Rainbow", "Eternal", "Lucky", "Grand", "Noble", "Ocean", "Sun", "Moon",
    "Bright", "Prime", "Victory", "Unity", "Fortune",
];
const KINDS: &[&str] = &[
    "company",
    "company",
    "company",
    "company",
    "company",
    "company",
    "trading-center",
    "association",
    "institution",
];
const OWNERSHIP: &[&str] = &[
    "private",
    "private",
    "private",
    "private",
    "state-owned",
    "foreign-invested",
    "joint-venture",
    "collective",
    "unknown",
];
const SEGMENTS: &[&str] = &[
    "gold",
    "platinum",
    "silver",
    "diamond",
    "inlaid",
    "jade",
    "k-gold",
    "fashion",
    "design",
    "wholesale",
    "retail",
    "manufacturing",
    "testing",
];
const STREETS: &[&str] = &[
    "Shuibei 1st Road",
    "Shuibei 2nd Road",
    "Wanshan Industrial Zone",
    "Buxin Road",
    "Tianbei 4th Road",
    "Cuizhu Road",
    "Beili North Road",
];

/// A small, fast, deterministic generator (xorshift64*); statistical quality is plenty here.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One synthetic enterprise's names: English (or pinyin) and, for about a third, Chinese.
pub struct Names {
    pub name: String,
    pub name_zh: Option<String>,
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

pub fn names(rng: &mut Rng) -> Names {
    let (city, city_zh) = *rng.pick(CITIES);
    let (trade, trade_zh) = *rng.pick(TRADES);
    if rng.below(3) == 0 {
        let n = 2 + rng.below(2);
        let mut word = String::new();
        let mut zh = String::new();
        for _ in 0..n {
            let (py, han) = *rng.pick(SYLLABLES);
            word.push_str(py);
            zh.push_str(han);
        }
        Names {
            name: format!("{city} {} {trade}", capitalize(&word)),
            name_zh: Some(format!("{city_zh}{zh}{trade_zh}")),
        }
    } else {
        let a = rng.pick(ENGLISH);
        let b = rng.pick(ENGLISH);
        Names {
            name: format!("{city} {a} {b} {trade}"),
            name_zh: None,
        }
    }
}

fn json_str(out: &mut String, s: &str) {
    // Only generated ASCII/CJK text goes through here: no escaping needed beyond quotes.
    out.push('"');
    out.push_str(s);
    out.push('"');
}

/// A complete synthetic dataset with `n` enterprises, as JSON text, plus the lines of a
/// matching `names.txt` (name and Chinese name per enterprise) for `fzf --filter`.
pub fn dataset(n: usize, seed: u64) -> (String, String) {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(n * 260 + 1024);
    let mut names_txt = String::with_capacity(n * 50);
    out.push_str(concat!(
        "{\"format\":\"shuibei/1\",\n",
        "\"cluster\":{\"name\":\"SYNTHETIC TEST DATA (not real companies)\",\"summary\":\"Generated by benches/support/synth.rs for benchmarks. Every record is made up.\"},\n",
        "\"sources\":[{\"id\":\"synthetic\",\"title\":\"SYNTHETIC: generated test data, not real companies\",\"reliability\":\"low\",\"note\":\"made up by benches/support/synth.rs\"}],\n",
        "\"enterprises\":[\n"
    ));
    for i in 0..n {
        let names = names(&mut rng);
        if i > 0 {
            out.push_str(",\n");
        }
        let _ = write!(out, "{{\"id\":\"syn-{i:07}\",\"name\":");
        json_str(&mut out, &names.name);
        names_txt.push_str(&names.name);
        if let Some(zh) = &names.name_zh {
            out.push_str(",\"name_zh\":");
            json_str(&mut out, zh);
            names_txt.push(' ');
            names_txt.push_str(zh);
        }
        names_txt.push('\n');
        let _ = write!(
            out,
            ",\"kind\":\"{}\",\"ownership\":\"{}\"",
            rng.pick(KINDS),
            rng.pick(OWNERSHIP)
        );
        out.push_str(",\"segments\":[");
        for s in 0..=rng.below(3) {
            if s > 0 {
                out.push(',');
            }
            let segment = *rng.pick(SEGMENTS);
            json_str(&mut out, segment);
        }
        out.push(']');
        if rng.below(4) != 0 {
            let year = 1981 + rng.below(44);
            if rng.below(2) == 0 {
                let _ = write!(out, ",\"founded\":\"{year}-{:02}\"", 1 + rng.below(12));
            } else {
                let _ = write!(out, ",\"founded\":\"{year}\"");
            }
        }
        let _ = write!(out, ",\"location\":\"{}, Luohu District\"", rng.pick(STREETS));
        if rng.below(100) == 0 {
            let _ = write!(
                out,
                ",\"listings\":[{{\"exchange\":\"SZSE\",\"code\":\"{:06}\"}}]",
                rng.below(1_000_000)
            );
        }
        out.push_str(",\"sources\":[{\"source\":\"synthetic\"}]}");
    }
    out.push_str("\n]}\n");
    (out, names_txt)
}

/// The synthetic dataset of `n` enterprises under `target/bench-data`, generated (seed 42)
/// the first time it is asked for; its path.
#[allow(dead_code)] // not every benchmark takes its data from here
pub fn file(n: usize) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench-data dir");
    let file = dir.join(format!("synthetic-{n}.json"));
    if !file.exists() {
        eprintln!("generating {} (synthetic, {n} enterprises)...", file.display());
        let (json, names) = dataset(n, 42);
        std::fs::write(&file, json).expect("write dataset");
        std::fs::write(dir.join(format!("synthetic-{n}-names.txt")), names).expect("write names");
    }
    file
}

/// A count from the environment (`SHUIBEI_BENCH_N`, `SHUIBEI_BENCH_RUNS`), else `default`.
#[allow(dead_code)]
pub fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
