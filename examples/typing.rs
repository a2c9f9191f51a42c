//! A profiling harness for the search engine: loads a dataset once, then types queries key
//! by key through a `Session` several times and prints, per keystroke, the median time, the
//! matches and a checksum of the complete ranked result (rows, scores and reasons), so an
//! optimisation can be checked to change nothing. Meant for `perf record`.
//!
//! `cargo run --release --example typing -- FILE [ROUNDS] [WORD...]` (`-` for no word);
//! `ONE_SHOT=q1,q2` replaces the one-shot queries.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::{Duration, Instant};

use shuibei::data::model::RecordKind;
use shuibei::search::{self, Index, Scope, Session};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: typing FILE [ROUNDS] [WORD...]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut words: Vec<&str> = args.iter().skip(2).map(String::as_str).collect();
    if words.is_empty() {
        words = vec!["jinhualong", "golden dra"];
    }
    if words == ["-"] {
        words.clear();
    }
    let t = Instant::now();
    let db = shuibei::data::load::load_file(std::path::Path::new(file)).expect("the data loads");
    eprintln!("load {:.0} ms", ms(t.elapsed()));
    let t = Instant::now();
    let index = Index::build(&db);
    eprintln!(
        "index {:.0} ms, {:.1} MB",
        ms(t.elapsed()),
        f64::from(u32::try_from(index.heap_bytes() / 1000).unwrap_or(u32::MAX)) / 1000.0
    );
    let scope = Scope::One(RecordKind::Enterprise);
    if std::env::var_os("WORKER").is_some() {
        worker(index, db, scope, &words, rounds);
        return;
    }
    for word in words {
        let prefixes: Vec<String> = word
            .char_indices()
            .map(|(i, c)| word[..i + c.len_utf8()].to_owned())
            .collect();
        let mut times = vec![Vec::new(); prefixes.len()];
        let mut cpus = vec![Vec::new(); prefixes.len()];
        let mut sums = vec![(0usize, 0u64); prefixes.len()];
        for _ in 0..rounds {
            let mut session = Session::new();
            for (k, q) in prefixes.iter().enumerate() {
                let (t, c) = (Instant::now(), cpu());
                let out = session.search(&index, &db, scope, q, None);
                times[k].push(t.elapsed());
                cpus[k].push(cpu().saturating_sub(c));
                let mut h = DefaultHasher::new();
                for hit in &out.hits {
                    (hit.rec, hit.score, format!("{:?}", hit.why)).hash(&mut h);
                }
                sums[k] = (out.matched, h.finish());
            }
        }
        for (k, q) in prefixes.iter().enumerate() {
            let (matched, sum) = sums[k];
            println!(
                "{q:<12} {matched:>8} {:>8.1} ms {:>8.1} cpu-ms  {sum:016x}",
                ms(median(&mut times[k])),
                ms(median(&mut cpus[k]))
            );
        }
    }
    let one_shot = std::env::var("ONE_SHOT").ok();
    let one_shot: Vec<&str> = match &one_shot {
        Some(list) => list.split(',').collect(),
        None => vec![
            "shenzhen golden dragon jewelry",
            "金华龙",
            "jhl",
            "金hl",
            "ownership:state segment:gold",
            "qqzzxxv",
        ],
    };
    for q in one_shot {
        let (mut times, mut cpus) = (Vec::new(), Vec::new());
        let mut sum = (0, 0);
        for _ in 0..rounds {
            let (t, c) = (Instant::now(), cpu());
            let out = search::search(&index, &db, scope, q, None);
            times.push(t.elapsed());
            cpus.push(cpu().saturating_sub(c));
            let mut h = DefaultHasher::new();
            for hit in &out.hits {
                (hit.rec, hit.score, format!("{:?}", hit.why)).hash(&mut h);
            }
            sum = (out.matched, h.finish());
        }
        println!(
            "{q:<12} {:>8} {:>8.1} ms {:>8.1} cpu-ms  {:016x}",
            sum.0,
            ms(median(&mut times)),
            ms(median(&mut cpus)),
            sum.1
        );
    }
}

/// Types each word through a `Worker`, one key per 100 ms, and prints per keystroke the
/// median time to the first rows and to the complete result, and the settled rows.
fn worker(index: Index, db: shuibei::data::db::Db, scope: Scope, words: &[&str], rounds: usize) {
    use std::sync::{Arc, mpsc};
    let (tx, rx) = mpsc::channel();
    let worker = search::Worker::spawn(Arc::new(index), Arc::new(db), move |done| {
        let _ = tx.send((Instant::now(), done));
    });
    for word in words {
        let prefixes: Vec<String> = word
            .char_indices()
            .map(|(i, c)| word[..i + c.len_utf8()].to_owned())
            .collect();
        let mut firsts = vec![Vec::new(); prefixes.len()];
        let mut completes = vec![Vec::new(); prefixes.len()];
        let mut settled = vec![(0, 0); prefixes.len()];
        for _ in 0..rounds {
            // A fresh start: an empty query forgets the last result.
            let _ = worker.request(scope, String::new());
            std::thread::sleep(Duration::from_millis(300));
            while rx.try_recv().is_ok() {}
            for (k, q) in prefixes.iter().enumerate() {
                let sent = Instant::now();
                let generation = worker.request(scope, q.clone());
                let mut first = None;
                loop {
                    let (at, done) = rx.recv().expect("the worker answers");
                    if done.generation != generation {
                        continue;
                    }
                    if first.is_none() {
                        first = Some(at - sent);
                        settled[k] = (done.settled, done.outcome.hits.len());
                    }
                    if done.complete {
                        completes[k].push(at - sent);
                        break;
                    }
                }
                firsts[k].push(first.unwrap_or_default());
                std::thread::sleep(Duration::from_millis(100).saturating_sub(sent.elapsed()));
            }
        }
        for (k, q) in prefixes.iter().enumerate() {
            println!(
                "{q:<12} first {:>6.1} ms  settled {:>4}/{:<4}  complete {:>6.1} ms",
                ms(median(&mut firsts[k])),
                settled[k].0,
                settled[k].1,
                ms(median(&mut completes[k]))
            );
        }
    }
}

/// CPU time of every thread of this process so far (the scheduler's own count, in ns):
/// steadier than wall time on a shared machine.
fn cpu() -> Duration {
    let mut ns = 0u64;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
            ns += stat.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
        }
    }
    Duration::from_nanos(ns)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
