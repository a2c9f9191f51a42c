//! Connections: the accept loop, the limits applied at accept, and each connection's
//! life: the login within the grace period, the explorer, the goodbye, the log line.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::Disconnect;
use russh::server::{Config, Handle, RunningSession, run_stream};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{sleep_until, timeout};

use super::gate::{Refusal, Ticket};
use super::handler::Handler;
use super::log::duration;
use super::shared::{ConnState, Phase, Shared};

/// Refusals being delivered at once (each needs a short SSH handshake to carry its
/// message); past this, an over-limit connection is simply closed.
const REFUSALS_AT_ONCE: usize = 8;
/// How long a refusal or a goodbye may take before the connection is cut.
const GOODBYE: Duration = Duration::from_secs(5);

/// Accepts connections until the server stops.
pub async fn accept(listener: TcpListener, shared: Arc<Shared>, config: Arc<Config>) {
    let refusals = Arc::new(Semaphore::new(REFUSALS_AT_ONCE));
    let mut stopping = shared.stopping.subscribe();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = until(&mut stopping, |s| *s) => return,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(err) => {
                // Out of file descriptors, say: wait a moment rather than spin.
                shared.log.line(&format!("accept failed: {err}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        match shared.gate.admit(peer.ip()) {
            Ok(ticket) => {
                tokio::spawn(connection(
                    stream,
                    peer,
                    ticket,
                    Arc::clone(&shared),
                    Arc::clone(&config),
                ));
            }
            Err(refusal) => {
                shared.log.line(&format!("{peer} - 0ms {}", refusal.log()));
                if let Ok(permit) = Arc::clone(&refusals).try_acquire_owned() {
                    tokio::spawn(refuse(stream, refusal, Arc::clone(&config), permit));
                }
            }
        }
    }
}

/// A handler that lets nobody in: it only carries a refusal.
struct Refuser;

impl russh::server::Handler for Refuser {
    type Error = russh::Error;
}

/// Tells an over-limit client why, in an SSH disconnect message (OpenSSH prints it).
async fn refuse(stream: TcpStream, refusal: Refusal, config: Arc<Config>, _permit: OwnedSemaphorePermit) {
    let Ok(Ok(session)) = timeout(GOODBYE, run_stream(config, stream, Refuser)).await else {
        return;
    };
    let _ = session
        .handle()
        .disconnect(Disconnect::TooManyConnections, refusal.message(), "en".into())
        .await;
    let _ = timeout(GOODBYE, session).await;
}

/// One connection, from accept to its log line.
async fn connection(stream: TcpStream, peer: SocketAddr, ticket: Ticket, shared: Arc<Shared>, config: Arc<Config>) {
    let started = Instant::now();
    let conn = ConnState::new();
    let handler = Handler::new(Arc::clone(&shared), Arc::clone(&conn));
    let grace = shared.options.login_grace;
    let deadline = tokio::time::Instant::now() + grace;
    match timeout(grace, run_stream(config, stream, handler)).await {
        Err(_) => conn.end(&format!("no SSH handshake within {}", duration(grace))),
        Ok(Err(err)) => conn.end(&format!("handshake failed: {err}")),
        Ok(Ok(session)) => serve(session, &conn, &shared, deadline).await,
    }
    shared.log.line(&format!(
        "{peer} {} {} {}",
        conn.key().unwrap_or_else(|| "-".to_owned()),
        duration(started.elapsed()),
        conn.ending().unwrap_or_else(|| "closed".to_owned())
    ));
    drop(ticket);
}

async fn serve(session: RunningSession<Handler>, conn: &ConnState, shared: &Shared, deadline: tokio::time::Instant) {
    let handle = session.handle();
    tokio::pin!(session);
    let mut phase = conn.phase.subscribe();
    let mut stopping = shared.stopping.subscribe();
    let grace = shared.options.login_grace;
    // The login: authenticated and the explorer started within the grace period.
    tokio::select! {
        result = &mut session => {
            ended(conn, &result);
            return;
        }
        () = sleep_until(deadline) => {
            conn.end(&format!("login grace ({}) ran out", duration(grace)));
            let message = format!("shuibei serve: no login within {}; connect again", duration(grace));
            cut(&handle, &mut session, message).await;
            return;
        }
        () = until(&mut stopping, |s| *s) => {
            conn.end("server stopped during login");
            cut(&handle, &mut session, "shuibei serve: the server is stopping".to_owned()).await;
            return;
        }
        () = until(&mut phase, |p| *p >= Phase::Running) => {}
    }
    // The explorer runs until it ends (for whatever reason, the server stopping
    // included) or the connection drops.
    tokio::select! {
        result = &mut session => ended(conn, &result),
        () = until(&mut phase, |p| *p >= Phase::Ended) => {
            // Its last bytes go out and the channel closes; then the client leaves.
            let mut closed = conn.phase.subscribe();
            let _ = timeout(GOODBYE, until(&mut closed, |p| *p >= Phase::Closed)).await;
            if timeout(GOODBYE, &mut session).await.is_err() {
                cut(&handle, &mut session, "shuibei serve: goodbye".to_owned()).await;
            }
        }
    }
}

/// The connection ended on the client's side or with an error.
fn ended(conn: &ConnState, result: &Result<(), russh::Error>) {
    match result {
        Ok(()) => conn.end("client disconnected"),
        Err(err) => conn.end(&format!("connection lost: {err}")),
    }
}

/// Disconnects with a message, and waits (briefly) for the connection to end.
async fn cut(handle: &Handle, session: &mut std::pin::Pin<&mut RunningSession<Handler>>, message: String) {
    let _ = handle.disconnect(Disconnect::ByApplication, message, "en".into()).await;
    let _ = timeout(GOODBYE, session).await;
}

/// Waits until the watched value satisfies `ready` (or its sender is gone), holding no
/// borrow of it afterwards.
async fn until<T>(rx: &mut tokio::sync::watch::Receiver<T>, ready: impl FnMut(&T) -> bool) {
    let _ = rx.wait_for(ready).await;
}
