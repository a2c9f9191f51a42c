//! `shuibei serve` in process: the server on a loopback port, russh's client connecting
//! as a person's ssh would, and a terminal emulator (vt100) reading what the client's
//! screen shows. Login accepted and refused, pty and resize, keys and paste, copying,
//! refused requests (exec, sftp, X11, agent, forwarding, a second session, a shell with
//! no pty, environment variables), the limits, the login grace, the idle timeout, a
//! panicking session beside a healthy one, a client that stops reading, the hostile
//! dataset, and stopping the server.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, client};
use shuibei::explorer::keymap::Keymap;
use shuibei::serve::{self, Explorer, Options, Running};
use shuibei::settings::{ColorChoice, ThemeChoice};

const WAIT: Duration = Duration::from_secs(15);

/// A log sink the test can read.
#[derive(Clone, Default)]
struct LogBuf(Arc<Mutex<Vec<u8>>>);

impl Write for LogBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl LogBuf {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// Waits until the log has a line containing `what`.
    async fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if text.contains(what) {
                return text;
            }
            assert!(start.elapsed() < WAIT, "the log never said {what:?}:\n{text}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

fn parser(rows: u16, columns: u16) -> vt100::Parser {
    vt100::Parser::new(nz(rows), nz(columns), 0)
}

/// A deterministic key, made from a seed byte.
fn key(seed: u8) -> PrivateKey {
    PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]))
}

struct Server {
    running: Option<Running>,
    log: LogBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// A server allowing the key of seed 1, with `tune` applied to its options.
    async fn start(tune: impl FnOnce(&mut Options)) -> Server {
        Server::with_data(None, tune).await
    }

    async fn with_data(data: Option<PathBuf>, tune: impl FnOnce(&mut Options)) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().join("keys");
        std::fs::create_dir(&keys).unwrap();
        let authorized = keys.join("authorized_keys");
        std::fs::write(&authorized, format!("{}\n", key(1).public_key().to_openssh().unwrap())).unwrap();
        let mut options = Options::new(&keys);
        "127.0.0.1:0".clone_into(&mut options.listen);
        options.auth_delay = Duration::from_millis(100);
        tune(&mut options);
        let db = match data {
            Some(path) => shuibei::data::load::load_file(&path).unwrap(),
            None => shuibei::data::load::embedded().unwrap(),
        };
        let explorer = Explorer {
            db,
            keymap: Keymap::with_overrides(&[]).unwrap(),
            theme: ThemeChoice::Dark,
            color: ColorChoice::Auto,
        };
        let log = LogBuf::default();
        let running = serve::start(options, explorer, Box::new(log.clone())).await.unwrap();
        Server {
            running: Some(running),
            log,
            _dir: dir,
        }
    }

    fn address(&self) -> SocketAddr {
        self.running.as_ref().unwrap().address
    }

    async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await;
        }
    }
}

/// The client side: accepts the server's key only if it is the one the server printed,
/// and keeps the reason of a disconnect.
struct Client {
    host_key: russh::keys::PublicKey,
    disconnect: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(matches!(key, PublicKeyOrCertificate::PublicKey { key, .. } if key.key_data() == self.host_key.key_data()))
    }

    async fn disconnected(&mut self, reason: client::DisconnectReason<Self::Error>) -> Result<(), Self::Error> {
        if let client::DisconnectReason::ReceivedDisconnect(info) = reason {
            *self.disconnect.lock().unwrap() = Some(info.message);
        }
        Ok(())
    }
}

struct Conn {
    handle: client::Handle<Client>,
    disconnect: Arc<Mutex<Option<String>>>,
}

/// Connects; `None` when the connection was refused before login (the reason is kept).
async fn connect(server: &Server) -> (Option<client::Handle<Client>>, Arc<Mutex<Option<String>>>) {
    let disconnect = Arc::new(Mutex::new(None));
    let handler = Client {
        host_key: server.running.as_ref().unwrap().host_key.clone(),
        disconnect: Arc::clone(&disconnect),
    };
    let config = Arc::new(client::Config::default());
    let handle = client::connect(config, server.address(), handler).await.ok();
    (handle, disconnect)
}

async fn login(server: &Server, seed: u8) -> Result<Conn, String> {
    let (handle, disconnect) = connect(server).await;
    let Some(mut handle) = handle else {
        return Err(disconnect.lock().unwrap().clone().unwrap_or_default());
    };
    let key = PrivateKeyWithHashAlg::new(Arc::new(key(seed)), None);
    let outcome = handle.authenticate_publickey("anyone", key).await;
    if outcome.as_ref().is_ok_and(client::AuthResult::success) {
        return Ok(Conn { handle, disconnect });
    }
    // A disconnect message (a refusal at the limits) may still be on its way.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let told = disconnect.lock().unwrap().clone();
    Err(told.unwrap_or_else(|| "refused".to_owned()))
}

/// A session with a pty, read through a terminal emulator.
struct Term {
    channel: russh::Channel<client::Msg>,
    parser: vt100::Parser,
    raw: Vec<u8>,
    exit: Option<u32>,
    closed: bool,
}

impl Term {
    async fn open(conn: &Conn, columns: u16, rows: u16, env: &[(&str, &str)]) -> Term {
        Term::open_as(conn, "xterm-256color", columns, rows, env).await
    }

    /// A session whose pty announces `term` as its `TERM`.
    async fn open_as(conn: &Conn, term: &str, columns: u16, rows: u16, env: &[(&str, &str)]) -> Term {
        let channel = conn.handle.channel_open_session().await.unwrap();
        channel
            .request_pty(true, term, columns.into(), rows.into(), 0, 0, &[])
            .await
            .unwrap();
        for (name, value) in env {
            channel.set_env(true, *name, *value).await.unwrap();
        }
        channel.request_shell(true).await.unwrap();
        Term {
            channel,
            parser: parser(rows, columns),
            raw: Vec::new(),
            exit: None,
            closed: false,
        }
    }

    /// A channel asked for nothing yet (or for something other than the explorer).
    fn bare(channel: russh::Channel<client::Msg>, columns: u16, rows: u16) -> Term {
        Term {
            channel,
            parser: parser(rows, columns),
            raw: Vec::new(),
            exit: None,
            closed: false,
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    async fn send(&self, bytes: &[u8]) {
        self.channel.data(bytes).await.unwrap();
    }

    /// Reads until `ready` holds for the screen (or the channel closes), or fails.
    async fn wait(&mut self, what: &str, ready: impl Fn(&Term) -> bool) {
        let deadline = Instant::now() + WAIT;
        while !ready(self) {
            assert!(
                !self.closed,
                "the channel closed before {what}; screen:\n{}",
                self.screen()
            );
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "never saw {what}; screen:\n{}", self.screen());
            match tokio::time::timeout(left, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    self.raw.extend_from_slice(&data);
                    self.parser.process(&data);
                }
                Ok(Some(ChannelMsg::ExtendedData { data, .. })) => self.raw.extend_from_slice(&data),
                Ok(Some(ChannelMsg::ExitStatus { exit_status })) => self.exit = Some(exit_status),
                Ok(Some(ChannelMsg::Close) | None) => self.closed = true,
                Ok(Some(_)) | Err(_) => {}
            }
        }
    }

    async fn wait_text(&mut self, text: &str) {
        self.wait(text, |t| t.screen().contains(text)).await;
    }

    async fn wait_closed(&mut self) {
        self.wait("the channel closing", |t| t.closed).await;
    }

    /// `q`, then the channel closes with exit status 0.
    async fn quit(&mut self) {
        self.send(b"q").await;
        self.wait_closed().await;
        assert_eq!(self.exit, Some(0), "q ends with exit status 0");
    }

    fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }
}

/// Two connections, each with the explorer on screen at 80×24.
async fn two_sessions(server: &Server) -> (Conn, Conn, Term, Term) {
    let one = login(server, 1).await.unwrap();
    let two = login(server, 1).await.unwrap();
    let mut a = Term::open(&one, 80, 24, &[]).await;
    let mut b = Term::open(&two, 80, 24, &[]).await;
    a.wait_text("[0 Overview").await;
    a.send(b"1").await;
    a.wait_text("[1 History").await;
    b.wait_text("[0 Overview").await;
    b.send(b"1").await;
    b.wait_text("[1 History").await;
    (one, two, a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_explorer_over_ssh_keys_paste_resize_copy_and_quit() {
    let mut server = Server::start(|_| {}).await;
    let log = server.log.wait_for("listening on 127.0.0.1:").await;
    let fingerprint = serve::fingerprint(&server.running.as_ref().unwrap().host_key);
    assert!(log.contains(&fingerprint), "the start lines name the host key: {log}");

    let conn = login(&server, 1).await.unwrap();
    let mut term = Term::open(&conn, 100, 30, &[]).await;
    term.wait_text("[0 Overview").await;
    term.send(b"1").await;
    term.wait_text("[1 History").await;
    assert!(
        term.parser.screen().alternate_screen(),
        "the explorer draws on the alternate screen"
    );
    term.send(b"2").await;
    term.wait_text("[2 Enterprises").await;
    // Search by pasting pinyin mixed with characters (bracketed paste).
    term.send(b"/").await;
    term.send("\x1b[200~zhou大生\x1b[201~".as_bytes()).await;
    term.wait_text("by relevance").await;
    term.wait_text("Zhou Dasheng").await;
    // Enter keeps the query and returns to the list.
    term.send(b"\r").await;
    // Copy the name: OSC 52 goes to the client's terminal.
    term.send(b"y").await;
    term.wait_text("copied").await;
    assert!(term.raw_text().contains("\x1b]52;c;"), "an OSC 52 copy was sent");

    // The window shrinks: the next frame is drawn at the new size.
    term.channel.window_change(80, 24, 0, 0).await.unwrap();
    term.parser.set_size(nz(24), nz(80));
    term.send(b"\x0c").await; // Ctrl-L redraws in full at the size the server now has
    term.wait("a frame at 80×24", |t| {
        let screen = t.screen();
        let lines: Vec<&str> = screen.lines().collect();
        lines.len() <= 24 && lines.iter().any(|l| l.starts_with('└')) && screen.contains("[2 Enterprises")
    })
    .await;
    // Arrows arrive as escape sequences.
    term.send(b"\x1b[B").await;
    term.send(b"3").await;
    term.wait_text("[3 Brands").await;

    term.quit().await;
    assert!(
        !term.parser.screen().alternate_screen(),
        "the client's screen is restored"
    );
    server.log.wait_for(" quit").await;
    let log = server.log.text();
    let line = log.lines().find(|l| l.ends_with(" quit")).unwrap();
    assert!(line.contains("127.0.0.1:") && line.contains("SHA256:"), "{line}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_keys_are_refused_and_three_refusals_end_the_login() {
    let mut server = Server::start(|_| {}).await;
    assert_eq!(login(&server, 9).await.err().as_deref(), Some("refused"));
    server.log.wait_for("refused: key SHA256:").await;

    // One connection trying key after key: three refusals, then no more tries.
    let (handle, _) = connect(&server).await;
    let mut handle = handle.unwrap();
    let mut outcomes = Vec::new();
    for seed in [5, 6, 7, 1] {
        let key = PrivateKeyWithHashAlg::new(Arc::new(key(seed)), None);
        let started = Instant::now();
        let outcome = handle.authenticate_publickey("anyone", key).await;
        outcomes.push((outcome.is_ok_and(|r| r.success()), started.elapsed()));
    }
    assert!(
        outcomes.iter().all(|(ok, _)| !ok),
        "the right key came too late: {outcomes:?}"
    );
    assert!(
        outcomes[0].1 >= Duration::from_millis(90),
        "a refusal waits the fixed delay: {outcomes:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_but_the_explorer_is_refused_with_an_answer() {
    let mut server = Server::start(|_| {}).await;
    let conn = login(&server, 1).await.unwrap();

    // exec: a message on stderr, exit status 1, closed.
    let mut exec = Term::bare(conn.handle.channel_open_session().await.unwrap(), 80, 24);
    exec.channel.exec(true, "cat /etc/passwd").await.unwrap();
    exec.wait_closed().await;
    assert!(
        exec.raw_text().contains("runs the explorer only"),
        "{}",
        exec.raw_text()
    );
    assert_eq!(exec.exit, Some(1));
    drop(conn);
    server.log.wait_for("refused: exec").await;

    // sftp: the same.
    let conn = login(&server, 1).await.unwrap();
    let channel = conn.handle.channel_open_session().await.unwrap();
    channel.request_subsystem(true, "sftp").await.unwrap();
    let mut sftp = Term::bare(channel, 80, 24);
    sftp.wait_closed().await;
    assert_eq!(sftp.exit, Some(1));
    drop(conn);
    server.log.wait_for("refused: subsystem sftp").await;

    // A shell with no pty.
    let conn = login(&server, 1).await.unwrap();
    let channel = conn.handle.channel_open_session().await.unwrap();
    channel.request_shell(true).await.unwrap();
    let mut shell = Term::bare(channel, 80, 24);
    shell.wait_closed().await;
    assert!(shell.raw_text().contains("ssh -t"), "{}", shell.raw_text());

    // On a working session: X11, agent forwarding, unknown variables are each answered
    // with a failure; the accepted variables with success; a second session channel and
    // port forwarding are refused.
    let conn = login(&server, 1).await.unwrap();
    let mut channel = conn.handle.channel_open_session().await.unwrap();
    let mut answers = Vec::new();
    channel
        .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
        .await
        .unwrap();
    channel.agent_forward(true).await.unwrap();
    channel.set_env(true, "LD_PRELOAD", "/tmp/x.so").await.unwrap();
    channel.set_env(true, "COLORTERM", "truecolor").await.unwrap();
    while answers.len() < 4 {
        match tokio::time::timeout(WAIT, channel.wait()).await.unwrap() {
            Some(ChannelMsg::Success) => answers.push(true),
            Some(ChannelMsg::Failure) => answers.push(false),
            Some(_) => {}
            None => panic!("the channel closed"),
        }
    }
    assert_eq!(answers, vec![false, false, false, true]);
    assert!(
        conn.handle.channel_open_session().await.is_err(),
        "a second session channel is refused"
    );
    assert!(
        conn.handle
            .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
            .await
            .is_err(),
        "local port forwarding is refused"
    );
    assert!(
        conn.handle.tcpip_forward("127.0.0.1", 0).await.is_err(),
        "remote port forwarding is refused"
    );
    // The session still works after all that.
    channel.request_pty(true, "xterm", 90, 25, 0, 0, &[]).await.unwrap();
    channel.request_shell(true).await.unwrap();
    let mut term = Term::bare(channel, 90, 25);
    term.wait_text("[0 Overview").await;
    term.send(b"1").await;
    term.wait_text("[1 History").await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_refuse_with_a_message_and_free_up_when_sessions_end() {
    let mut server = Server::start(|o| {
        o.max_per_address = 2;
        o.max_sessions = 3;
    })
    .await;
    let first = login(&server, 1).await.unwrap();
    let second = login(&server, 1).await.unwrap();
    let refused = login(&server, 1).await.err().unwrap_or_default();
    assert!(
        refused.contains("already has 2 sessions"),
        "the client is told why: {refused:?}"
    );
    server.log.wait_for("refused: 2 sessions from this address").await;
    drop(first);
    // The place comes back once the first connection is gone.
    let deadline = Instant::now() + WAIT;
    loop {
        if login(&server, 1).await.is_ok() {
            break;
        }
        assert!(Instant::now() < deadline, "the place never came back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(second);
    server.stop().await;

    // The server-wide limit, with another address standing in for other people.
    let mut server = Server::start(|o| {
        o.max_sessions = 1;
    })
    .await;
    let _only = login(&server, 1).await.unwrap();
    let refused = login(&server, 1).await.err().unwrap_or_default();
    assert!(refused.contains("all 1 sessions are in use"), "{refused:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_close_with_a_notice_and_logins_have_a_grace_period() {
    let mut server = Server::start(|o| {
        o.idle_timeout = Duration::from_secs(1);
        o.login_grace = Duration::from_secs(1);
    })
    .await;
    let conn = login(&server, 1).await.unwrap();
    let mut term = Term::open(&conn, 80, 24, &[]).await;
    term.wait_text("[0 Overview").await;
    term.send(b"1").await;
    term.wait_text("[1 History").await;
    let started = Instant::now();
    term.wait_closed().await;
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert!(
        term.screen().contains("closed after 1s without a key pressed"),
        "{}",
        term.screen()
    );
    assert_eq!(term.exit, Some(1));
    server.log.wait_for("idle for 1s").await;

    // Logged in but never asking for the explorer: cut at the end of the grace period.
    let idle = login(&server, 1).await.unwrap();
    server.log.wait_for("login grace (1s) ran out").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(idle.handle.is_closed(), "the connection was closed");
    let told = idle.disconnect.lock().unwrap().clone().unwrap_or_default();
    assert!(told.contains("no login within 1s"), "{told:?}");
    server.stop().await;
}

#[cfg(debug_assertions)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_session_ends_alone() {
    let mut server = Server::start(|o| o.debug_panic = true).await;
    let (_one, _two, mut a, mut b) = two_sessions(&server).await;
    a.send(b"\x1b[24~").await; // F12
    a.wait_closed().await;
    assert_eq!(a.exit, Some(70));
    assert!(a.screen().contains("internal error"), "{}", a.screen());
    assert!(
        !a.parser.screen().alternate_screen(),
        "its client's terminal is restored"
    );
    server.log.wait_for("session failed: panic: deliberate panic").await;
    // The other session goes on.
    b.send(b"4").await;
    b.wait_text("[4 Indicators").await;
    b.quit().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_gets_the_latest_state_when_it_reads_again() {
    let mut server = Server::start(|_| {}).await;
    let conn = login(&server, 1).await.unwrap();
    let mut term = Term::open(&conn, 120, 40, &[]).await;
    term.wait_text("[0 Overview").await;
    term.send(b"1").await;
    term.wait_text("[1 History").await;
    // Many keys, nothing read meanwhile: the server draws what it can as the window
    // allows and holds the rest back; reading again shows the final state.
    for _ in 0..200 {
        term.send(b"jk").await;
    }
    term.send(b"4").await;
    term.wait_text("[4 Indicators").await;
    term.quit().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn colour_follows_the_clients_terminal_and_no_color() {
    let mut server = Server::start(|_| {}).await;
    let coloured = |t: &Term| {
        let screen = t.parser.screen();
        (0..5).any(|row| {
            (0..40).any(|col| {
                screen
                    .cell(row, col)
                    .is_some_and(|c| c.fgcolor() != vt100::Color::Default || c.bgcolor() != vt100::Color::Default)
            })
        })
    };
    let conn = login(&server, 1).await.unwrap();
    let mut term = Term::open(&conn, 80, 24, &[]).await;
    term.wait_text("[0 Overview").await;
    term.send(b"1").await;
    term.wait_text("[1 History").await;
    assert!(coloured(&term), "xterm-256color draws in colour");
    let conn = login(&server, 1).await.unwrap();
    let mut term = Term::open(&conn, 80, 24, &[("NO_COLOR", "1")]).await;
    term.wait_text("[0 Overview").await;
    term.send(b"1").await;
    term.wait_text("[1 History").await;
    assert!(!coloured(&term), "NO_COLOR: no colour, emphasis only");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn source_links_are_hyperlinks_only_for_a_terminal_that_shows_them() {
    let mut server = Server::start(|_| {}).await;
    // Indicators (4): the short detail beside the list shows the first figure's sources with their URLs.
    let conn = login(&server, 1).await.unwrap();
    let mut kitty = Term::open_as(&conn, "xterm-kitty", 160, 45, &[]).await;
    kitty.wait_text("[0 Overview").await;
    kitty.send(b"4").await;
    kitty.wait_text("https://").await;
    assert!(
        kitty.raw_text().contains("\x1b]8;id=shuibei-") && kitty.raw_text().contains(";https://"),
        "TERM=xterm-kitty: the URL is an OSC 8 hyperlink"
    );
    let conn = login(&server, 1).await.unwrap();
    let mut xterm = Term::open(&conn, 160, 45, &[]).await;
    xterm.wait_text("[0 Overview").await;
    xterm.send(b"4").await;
    xterm.wait_text("https://").await;
    assert!(
        !xterm.raw_text().contains("\x1b]8;"),
        "TERM=xterm-256color: the URL is plain text"
    );
    let conn = login(&server, 1).await.unwrap();
    let mut plain = Term::open_as(&conn, "xterm-kitty", 160, 45, &[("NO_COLOR", "1")]).await;
    plain.wait_text("[0 Overview").await;
    plain.send(b"4").await;
    plain.wait_text("https://").await;
    assert!(!plain.raw_text().contains("\x1b]8;"), "NO_COLOR: no hyperlinks");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hostile_dataset_leaks_no_escape_through_the_server() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.json");
    let mut server = Server::with_data(Some(fixture), |_| {}).await;
    let conn = login(&server, 1).await.unwrap();
    let mut term = Term::open(&conn, 100, 30, &[]).await;
    term.wait_text("[0 Overview").await;
    term.send(b"1").await;
    term.wait_text("[1 History").await;
    for key in ["j", "j", "2", "j", "3", "j", "4", "j", "?"] {
        term.send(key.as_bytes()).await;
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    term.wait_text("Help · Esc closes").await;
    // A lone Esc: what follows must come after the wait that tells it from a sequence.
    term.send(b"\x1b").await;
    term.wait("the help closed", |t| !t.screen().contains("Help · Esc closes"))
        .await;
    for key in ["\t", "y", "Y"] {
        term.send(key.as_bytes()).await;
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    term.send(b"q").await;
    term.wait_closed().await;
    let raw = &term.raw;
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for (name, needle) in [
        ("OSC 52 from the data", &b"\x1b]52;c;ZXZpbA=="[..]),
        ("OSC 8", b"\x1b]8;;https://evil"),
        ("title", b"\x1b]0;pwned"),
        ("DCS", b"\x1bP1$r"),
        ("reset", b"\x1bc"),
        ("RLO", "\u{202e}".as_bytes()),
    ] {
        assert!(!has(needle), "the stream carried {name}");
    }
    assert!(
        has("␛".as_bytes()),
        "the hostile text was drawn, escapes as placeholders"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_the_server_restores_every_clients_terminal() {
    let mut server = Server::start(|_| {}).await;
    let (_one, _two, mut a, mut b) = two_sessions(&server).await;
    let stopping = tokio::spawn(async move {
        server.stop().await;
        server
    });
    for term in [&mut a, &mut b] {
        term.wait_closed().await;
        assert!(term.screen().contains("the server is stopping"), "{}", term.screen());
        assert!(!term.parser.screen().alternate_screen());
        assert_eq!(term.exit, Some(1));
    }
    let server = stopping.await.unwrap();
    let log = server.log.text();
    assert!(
        log.contains("server stopped") && log.trim_end().ends_with("stopped"),
        "{log}"
    );
}
