//! What the server says to each SSH request of a connection: public keys from the
//! authorized list are let in (three refusals end the login); one session channel with a
//! pty and then a shell runs the explorer; everything else is refused with an answer, so
//! no client waits: exec, subsystems (sftp), X11, agent and port forwarding, a second
//! session channel, a shell before a pty. Of the environment only `COLORTERM`,
//! `NO_COLOR` and `LANG` are taken.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use russh::keys::PublicKey;
use russh::server::{self, Auth, ChannelOpenHandle, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, ChannelWriteHalf, MethodSet, Pty};

use super::keys::fingerprint;
use super::session::{self, Spec};
use super::shared::{ConnState, Event, Phase, Shared};
use crate::env::Env;

/// Refused logins allowed on one connection; the next request ends it.
pub const MAX_AUTH_ATTEMPTS: usize = 3;

/// The environment variables a client may set, and how long a value may be.
const ACCEPTED_ENV: [&str; 3] = ["COLORTERM", "NO_COLOR", "LANG"];
const ENV_VALUE_LIMIT: usize = 128;

/// Said on stderr when something other than the explorer is asked for.
const NO_COMMANDS: &str = "shuibei serve runs the explorer only: no commands, no shell, no file transfer. Connect with `ssh -t` and no command.\r\n";
const NEEDS_TERMINAL: &str =
    "shuibei serve shows the explorer in a terminal: connect with `ssh -t` (not -T, and not from a pipe).\r\n";

/// The one session channel of a connection.
struct Open {
    id: ChannelId,
    /// Taken by the session when it starts.
    write: Option<ChannelWriteHalf<server::Msg>>,
    term: Option<String>,
    size: (u16, u16),
    env: Vec<(&'static str, String)>,
    /// The running explorer's events, once the shell started.
    session: Option<Sender<Event>>,
}

/// The handler of one connection.
pub struct Handler {
    shared: Arc<Shared>,
    conn: Arc<ConnState>,
    refused: usize,
    /// The last key refused, for the log when no key got in.
    last_refused: Option<String>,
    open: Option<Open>,
}

impl Handler {
    #[must_use]
    pub fn new(shared: Arc<Shared>, conn: Arc<ConnState>) -> Handler {
        Handler {
            shared,
            conn,
            refused: 0,
            last_refused: None,
            open: None,
        }
    }

    /// Lets the key in, or counts a refusal; after the last one, the client is told no
    /// method is left, and a further attempt ends the connection.
    fn check(&mut self, key: &PublicKey, verified: bool) -> Result<Auth, russh::Error> {
        if self.refused >= MAX_AUTH_ATTEMPTS {
            return Err(russh::Error::NotAuthenticated);
        }
        if self.shared.authorized.allows(key) {
            if verified {
                self.conn.logged_in(fingerprint(key));
            }
            return Ok(Auth::Accept);
        }
        self.refused += 1;
        self.last_refused = Some(fingerprint(key));
        if self.refused >= MAX_AUTH_ATTEMPTS {
            return Ok(Auth::Reject {
                proceed_with_methods: Some(MethodSet::empty()),
                partial_success: false,
            });
        }
        Ok(Auth::reject())
    }

    /// The channel, if it is this connection's session channel and still waits for its shell.
    fn waiting(&mut self, channel: ChannelId) -> Option<&mut Open> {
        self.open
            .as_mut()
            .filter(|open| open.id == channel && open.session.is_none())
    }

    fn events(&self, channel: ChannelId) -> Option<&Sender<Event>> {
        self.open
            .as_ref()
            .filter(|open| open.id == channel)
            .and_then(|open| open.session.as_ref())
    }

    /// Refuses a request on the session channel with a line on the client's stderr, and
    /// closes it: the client ends at once instead of waiting.
    fn refuse_and_close(&mut self, channel: ChannelId, message: &str, why: &str, session: &mut Session) {
        self.conn.end(why);
        // The message and the channel's end first: OpenSSH exits as soon as it reads a
        // failure, dropping stderr it has not yet written.
        let _ = session.extended_data(channel, 1, message.as_bytes().to_vec());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
        let _ = session.channel_failure(channel);
        // Nothing more can happen on this connection (one session channel each): let it end.
        self.conn.advance(Phase::Closed);
    }

    fn start(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), russh::Error> {
        let Some(open) = self.waiting(channel) else {
            return session.channel_failure(channel);
        };
        let Some(term) = open.term.clone() else {
            self.refuse_and_close(channel, NEEDS_TERMINAL, "refused: shell without a pty", session);
            return Ok(());
        };
        let Some(write) = open.write.take() else {
            return session.channel_failure(channel);
        };
        let mut pairs: Vec<(&str, &str)> = vec![("TERM", term.as_str())];
        // LANG is accepted (clients send it by default) but the explorer draws UTF-8
        // whatever it says, as it does locally; it is not passed on.
        pairs.extend(
            open.env
                .iter()
                .filter(|(name, _)| *name != "LANG")
                .map(|(name, value)| (*name, value.as_str())),
        );
        let spec = Spec {
            size: open.size,
            env: Env::from_pairs(pairs),
        };
        session.channel_success(channel)?;
        match session::spawn(Arc::clone(&self.shared), Arc::clone(&self.conn), spec, write) {
            Ok(events) => {
                if let Some(open) = self.open.as_mut() {
                    open.session = Some(events);
                }
                self.conn.advance(Phase::Running);
            }
            Err(err) => {
                self.conn.end(&format!("session failed to start: {err}"));
                let _ = session.close(channel);
            }
        }
        Ok(())
    }
}

impl Drop for Handler {
    fn drop(&mut self) {
        if let (Some(key), None) = (&self.last_refused, self.conn.key()) {
            self.conn.end(&format!("refused: key {key} is not authorized"));
        }
        if let Some(events) = self.open.as_ref().and_then(|open| open.session.as_ref()) {
            let _ = events.send(Event::Closed);
        }
    }
}

impl server::Handler for Handler {
    type Error = russh::Error;

    async fn auth_publickey_offered(&mut self, _user: &str, offer: PublicKeyOffer<'_>) -> Result<Auth, Self::Error> {
        self.check(offer.public_key, false)
    }

    async fn auth_publickey(&mut self, _user: &str, key: VerifiedPublicKey<'_>) -> Result<Auth, Self::Error> {
        self.check(key.public_key, true)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<server::Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.open.is_some() {
            reply.reject(ChannelOpenFailure::AdministrativelyProhibited).await;
            return Ok(());
        }
        // Requests and data reach the handler's methods; the read half is not needed, and
        // once dropped it cannot fill and hold up the connection.
        let (_read, write) = channel.split();
        self.open = Some(Open {
            id: write.id(),
            write: Some(write),
            term: None,
            size: (80, 24),
            env: Vec::new(),
            session: None,
        });
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(open) = self.waiting(channel) else {
            return session.channel_failure(channel);
        };
        open.term = Some(term.chars().take(64).collect());
        open.size = session::clamp_size(columns, rows);
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let accepted = ACCEPTED_ENV.iter().find(|n| **n == name);
        match (self.waiting(channel), accepted) {
            (Some(open), Some(name)) if value.len() <= ENV_VALUE_LIMIT => {
                open.env.retain(|(n, _)| n != name);
                open.env.push((name, value.to_owned()));
                session.channel_success(channel)
            }
            _ => session.channel_failure(channel),
        }
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        self.start(channel, session)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_and_close(channel, NO_COMMANDS, "refused: exec", session);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let why = format!("refused: subsystem {}", name.chars().take(32).collect::<String>());
        self.refuse_and_close(channel, NO_COMMANDS, &why, session);
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(&mut self, _path: &str, _session: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    // Forwarding channels (direct-tcpip, direct-streamlocal, x11) are not implemented
    // here: russh's defaults drop the open request's handle, which refuses the channel
    // ("administratively prohibited"); the in-process tests check it.

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(events) = self.events(channel) {
            let _ = events.send(Event::Resize(columns, rows));
        }
        Ok(())
    }

    async fn data(&mut self, channel: ChannelId, data: &[u8], _session: &mut Session) -> Result<(), Self::Error> {
        if let Some(events) = self.events(channel) {
            let _ = events.send(Event::Input(data.to_vec()));
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        if let Some(events) = self.events(channel) {
            let _ = events.send(Event::Closed);
        }
        Ok(())
    }
}
