//! The SSH server under load, in one run: N sessions at once (default 50), each typing
//! searches key by key on the shipped data, against the release `shuibei serve`, and side
//! by side the same explorer behind OpenSSH's sshd (one sshd session and one `shuibei`
//! process per client: how a team would serve it without `serve`).
//!
//! Reported for each: memory per session (the server's resident memory with the sessions
//! open, less before; for sshd, every process of its tree), the server's CPU while the
//! sessions type (in % of one core, and CPU time per key typed), and keystroke-to-frame
//! latency: from sending a key to the client's screen (a vt100 emulator) showing it, median
//! and 95th percentile. Then the ratios serve / sshd.
//!
//! On a machine busy with other work, read the latencies beside the load average printed:
//! Linux shares the CPU between sessions ("autogroups") before threads, so the server (one
//! session) gets one share where sshd's logins get one each. CPU per key does not depend on
//! the share.
//!
//! `cargo bench --bench serve -- [N] [--no-sshd]`. The sshd side needs root (or an sshd
//! allowed to run as this user) and is skipped with a note when sshd cannot start.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, client};

/// What each session types, rotating so that sessions do not all search the same.
const QUERIES: &[&str] = &["zhou大生", "gold", "shuibei", "jade", "chow", "金", "luohu", "cuihua"];
/// Queries per session, and the pause between keys (a quick typist: 12 keys a second).
const ROUNDS: usize = 4;
const PAUSE: Duration = Duration::from_millis(80);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(50);
    let with_sshd = !args.iter().any(|a| a == "--no-sshd");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_shuibei"));
    let work = tempfile::tempdir().expect("a temporary directory");
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&[7; 32]));
    let public = key.public_key().to_openssh().expect("the key encodes");
    let keys = work.path().join("keys");
    std::fs::create_dir(&keys).expect("keys dir");
    std::fs::write(keys.join("authorized_keys"), format!("{public}\n")).expect("authorized_keys");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    println!(
        "serve benchmark: {n} sessions at once, each typing {ROUNDS} searches key by key ({} ms between keys), {} cores",
        PAUSE.as_millis(),
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get)
    );
    println!("load average at start: {}", load_average());

    let serve = Serve::start(&bin, &keys, n);
    let ours = runtime.block_on(load(serve.port, "colleague", &key, n, None, &|| vec![serve.child.id()]));
    drop(serve);
    print("shuibei serve", &ours);

    if !with_sshd {
        return;
    }
    match Sshd::start(work.path(), &keys) {
        Ok(sshd) => {
            let user = user();
            let command = format!(
                "XDG_CONFIG_HOME={} TERM=xterm-256color {}",
                work.path().display(),
                bin.display()
            );
            let theirs = runtime.block_on(load(sshd.port, &user, &key, n, Some(&command), &|| {
                tree(sshd.child.id())
            }));
            drop(sshd);
            print("sshd + shuibei (reference)", &theirs);
            println!("\nratios, serve / sshd + shuibei (below 1: serve uses less or is faster):");
            println!(
                "  memory per session      {:.2}",
                ours.per_session_mb / theirs.per_session_mb.max(1e-9)
            );
            println!(
                "  CPU while typing        {:.2}",
                ours.cpu_percent / theirs.cpu_percent.max(1e-9)
            );
            println!(
                "  CPU per key             {:.2}",
                ours.cpu_per_key_ms / theirs.cpu_per_key_ms.max(1e-9)
            );
            println!(
                "  latency median, p95     {:.2}, {:.2}",
                ms(ours.median) / ms(theirs.median).max(1e-9),
                ms(ours.p95) / ms(theirs.p95).max(1e-9)
            );
        }
        Err(why) => println!("\nsshd reference skipped: {why}"),
    }
    println!("load average at end: {}", load_average());
}

/// What one run measured.
struct Figures {
    sessions: usize,
    keys: usize,
    per_session_mb: f64,
    cpu_percent: f64,
    /// CPU time per key typed: the work a key costs, whatever share of a busy machine the
    /// server got.
    cpu_per_key_ms: f64,
    median: Duration,
    p95: Duration,
    typing: Duration,
}

fn print(label: &str, f: &Figures) {
    println!(
        "\n{label}: {} sessions rendered, {} keys typed in {:.1} s",
        f.sessions,
        f.keys,
        f.typing.as_secs_f64()
    );
    println!("  memory per session      {:>8.2} MB", f.per_session_mb);
    println!("  server CPU while typing {:>8.1} % of one core", f.cpu_percent);
    println!("  server CPU per key      {:>8.2} ms", f.cpu_per_key_ms);
    println!("  key to frame, median    {:>8.1} ms", ms(f.median));
    println!("  key to frame, p95       {:>8.1} ms", ms(f.p95));
}

/// Runs `n` sessions at once against a server on `port` and measures the processes
/// `pids` names (called with the sessions open).
async fn load(
    port: u16,
    user: &str,
    key: &PrivateKey,
    n: usize,
    exec: Option<&str>,
    pids: &(dyn Fn() -> Vec<u32> + Sync),
) -> Figures {
    let before = rss_kib(&pids());
    let key = Arc::new(key.clone());
    // Every session opens and shows its first screen before anyone types.
    let mut sessions = Vec::new();
    for i in 0..n {
        let key = Arc::clone(&key);
        let user = user.to_owned();
        let exec = exec.map(str::to_owned);
        sessions.push(tokio::spawn(async move {
            Session::open(port, &user, key, exec.as_deref(), i).await
        }));
    }
    let mut opened = Vec::new();
    for s in sessions {
        opened.push(s.await.expect("a session task"));
    }
    let cpu_start = cpu_ticks(&pids());
    let started = Instant::now();
    let mut typing = Vec::new();
    for (i, mut session) in opened.into_iter().enumerate() {
        typing.push(tokio::spawn(async move {
            let latencies = session.type_searches(i).await;
            (session, latencies)
        }));
    }
    let mut latencies = Vec::new();
    let mut done = Vec::new();
    for t in typing {
        let (session, l) = t.await.expect("a typing task");
        latencies.extend(l);
        done.push(session);
    }
    let typing = started.elapsed();
    let pids_now = pids();
    let cpu = cpu_ticks(&pids_now).saturating_sub(cpu_start);
    let after = rss_kib(&pids_now);
    for session in &mut done {
        session.quit().await;
    }
    latencies.sort();
    let pick = |q: f64| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let at = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies.get(at).copied().unwrap_or_default()
    };
    #[allow(clippy::cast_precision_loss)]
    Figures {
        sessions: done.len(),
        keys: latencies.len(),
        per_session_mb: after.saturating_sub(before) as f64 / 1024.0 / n as f64,
        cpu_percent: cpu as f64 / ticks_per_second() / typing.as_secs_f64() * 100.0,
        cpu_per_key_ms: cpu as f64 / ticks_per_second() * 1000.0 / latencies.len().max(1) as f64,
        median: pick(0.5),
        p95: pick(0.95),
        typing,
    }
}

struct Trust;

impl client::Handler for Trust {
    type Error = russh::Error;

    /// A loopback benchmark: the server is the one just started.
    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

struct Session {
    _handle: client::Handle<Trust>,
    channel: russh::Channel<client::Msg>,
    parser: vt100::Parser,
}

impl Session {
    async fn open(port: u16, user: &str, key: Arc<PrivateKey>, exec: Option<&str>, i: usize) -> Session {
        let config = Arc::new(client::Config::default());
        let mut handle = client::connect(config, ("127.0.0.1", port), Trust)
            .await
            .unwrap_or_else(|err| panic!("session {i} cannot connect: {err}"));
        let auth = handle
            .authenticate_publickey(user, PrivateKeyWithHashAlg::new(key, None))
            .await
            .expect("login");
        assert!(auth.success(), "session {i}: login refused");
        let channel = handle.channel_open_session().await.expect("a channel");
        channel
            .request_pty(false, "xterm-256color", 100, 30, 0, 0, &[])
            .await
            .expect("a pty");
        match exec {
            Some(command) => channel.exec(false, command).await.expect("exec"),
            None => channel.request_shell(false).await.expect("a shell"),
        }
        let rows = std::num::NonZeroU16::new(30).expect("rows");
        let columns = std::num::NonZeroU16::new(100).expect("columns");
        let mut session = Session {
            _handle: handle,
            channel,
            parser: vt100::Parser::new(rows, columns, 0),
        };
        session.until(|s| s.contains("[0 Overview")).await;
        session
    }

    /// Reads until the screen satisfies `ready`.
    async fn until(&mut self, ready: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_mins(1);
        while !ready(&self.parser.screen().contents()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.parser.process(&data),
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => panic!("the screen never got there:\n{}", self.parser.screen().contents()),
            }
        }
    }

    /// Types each query key by key into the search box; returns each key's latency.
    async fn type_searches(&mut self, i: usize) -> Vec<Duration> {
        let mut latencies = Vec::new();
        self.channel.data(&b"2/"[..]).await.expect("send");
        self.until(|s| s.contains("[2 Enterprises")).await;
        for round in 0..ROUNDS {
            let query = QUERIES[(i + round) % QUERIES.len()];
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                let shown = format!("/ {typed}");
                let mut buf = [0u8; 4];
                let sent = Instant::now();
                self.channel
                    .data(c.encode_utf8(&mut buf).as_bytes())
                    .await
                    .expect("send");
                self.until(|s| s.contains(&shown)).await;
                latencies.push(sent.elapsed());
                tokio::time::sleep(PAUSE).await;
            }
            // Ctrl-U clears the box for the next query.
            let full = format!("/ {query}");
            self.channel.data(&b"\x15"[..]).await.expect("send");
            self.until(|s| !s.contains(&full)).await;
        }
        latencies
    }

    async fn quit(&mut self) {
        // Esc alone (it closes the search box), then q.
        let _ = self.channel.data(&b"\x1b"[..]).await;
        tokio::time::sleep(Duration::from_millis(150)).await;
        let _ = self.channel.data(&b"q"[..]).await;
        let _ = tokio::time::timeout(Duration::from_secs(5), async {
            while let Some(msg) = self.channel.wait().await {
                if matches!(msg, ChannelMsg::Close) {
                    break;
                }
            }
        })
        .await;
    }
}

/// `shuibei serve` on a free loopback port.
struct Serve {
    child: Child,
    port: u16,
}

impl Serve {
    fn start(bin: &Path, keys: &Path, n: usize) -> Serve {
        // In a session of its own, as a service runs (and as sshd runs each login): Linux
        // shares CPU between sessions ("autogroups") before threads, so a server left in
        // the benchmark's session would compete with the 50 clients for one share of a
        // busy machine while sshd's sessions each get a share. `setsid` execs in place
        // (the pid stays the server's).
        let mut command = match ["/usr/bin/setsid", "/bin/setsid"]
            .into_iter()
            .find(|p| Path::new(p).exists())
        {
            Some(setsid) => {
                let mut command = Command::new(setsid);
                command.arg(bin);
                command
            }
            None => Command::new(bin),
        };
        let mut child = command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .arg("--host-key")
            .arg(keys.join("host_ed25519"))
            .arg("--authorized-keys")
            .arg(keys.join("authorized_keys"))
            .args(["--max-sessions", &n.to_string(), "--max-per-address", &n.to_string()])
            .env("XDG_CONFIG_HOME", keys)
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("shuibei serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let port = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| {
                let at = line.find("listening on 127.0.0.1:")? + "listening on 127.0.0.1:".len();
                line[at..].split(' ').next()?.parse().ok()
            })
            .expect("the server says where it listens");
        // Keep reading the log so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Serve { child, port }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

/// OpenSSH's sshd on a free loopback port, with its own throwaway config and host key.
struct Sshd {
    child: Child,
    port: u16,
}

impl Sshd {
    fn start(work: &Path, keys: &Path) -> Result<Sshd, String> {
        let sshd = ["/usr/sbin/sshd", "/usr/local/sbin/sshd"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .ok_or("sshd is not installed (apt-get install openssh-server)")?;
        let host_key = work.join("sshd_host_key");
        let made = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&host_key)
            .status()
            .map_err(|e| format!("ssh-keygen: {e}"))?;
        if !made.success() {
            return Err("ssh-keygen failed".into());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let config = work.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\nAllowUsers {}\nPubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\nPrintMotd no\nPrintLastLog no\nMaxSessions 100\nMaxStartups 200\n",
                host_key.display(),
                work.join("sshd.pid").display(),
                keys.join("authorized_keys").display(),
                user()
            ),
        )
        .map_err(|e| e.to_string())?;
        std::fs::create_dir_all("/run/sshd").map_err(|e| format!("/run/sshd: {e}"))?;
        let child = Command::new(sshd)
            .arg("-D")
            .arg("-f")
            .arg(&config)
            .arg("-E")
            .arg(work.join("sshd.log"))
            .spawn()
            .map_err(|e| format!("sshd: {e}"))?;
        let mut sshd = Sshd { child, port };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(sshd);
            }
            if let Ok(Some(status)) = sshd.child.try_wait() {
                return Err(format!("sshd exited at start ({status}); it needs root"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err("sshd did not listen".into())
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

fn user() -> String {
    let out = Command::new("id").arg("-un").output().expect("id -un");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A process and all its descendants.
fn tree(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            if let Some(ppid) = stat_field(pid, 3) {
                parents.push((pid, u32::try_from(ppid).unwrap_or(0)));
            }
        }
    }
    let mut all = vec![root];
    let mut i = 0;
    while i < all.len() {
        let parent = all[i];
        all.extend(parents.iter().filter(|(_, p)| *p == parent).map(|(c, _)| *c));
        i += 1;
    }
    all
}

/// Field `n` (from 0, counting `pid` and `comm` as 0 and 1) of /proc/PID/stat.
fn stat_field(pid: u32, n: usize) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // comm may hold spaces: fields after it start past the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split_whitespace().nth(n - 2)?.parse().ok()
}

fn rss_kib(pids: &[u32]) -> u64 {
    pids.iter()
        .filter_map(|pid| {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .sum()
}

fn cpu_ticks(pids: &[u32]) -> u64 {
    pids.iter()
        .map(|pid| stat_field(*pid, 13).unwrap_or(0) + stat_field(*pid, 14).unwrap_or(0))
        .sum()
}

fn ticks_per_second() -> f64 {
    let out = Command::new("getconf").arg("CLK_TCK").output();
    out.ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}
