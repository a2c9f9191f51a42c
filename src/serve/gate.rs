//! The connection limits: at most `--max-sessions` connections at once, and at most
//! `--max-per-address` from one address. A connection holds its place from accept to
//! close (login included: a login in progress holds resources too); each connection
//! runs at most one explorer, so the limits are limits on sessions.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// The counts, shared by every connection.
#[derive(Debug)]
pub struct Gate {
    max_total: usize,
    max_per_address: usize,
    counts: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// Why a connection was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The server holds its maximum number of sessions.
    Full(usize),
    /// This address holds its maximum number of sessions.
    Address(usize),
}

impl Refusal {
    /// What the client is told.
    #[must_use]
    pub fn message(self) -> String {
        match self {
            Refusal::Full(max) => {
                format!("shuibei serve: all {max} sessions are in use; try again in a few minutes")
            }
            Refusal::Address(max) => format!(
                "shuibei serve: your address already has {max} sessions open, the most allowed; close one and try again"
            ),
        }
    }

    /// What the log says.
    #[must_use]
    pub fn log(self) -> String {
        match self {
            Refusal::Full(max) => format!("refused: server full ({max} sessions)"),
            Refusal::Address(max) => format!("refused: {max} sessions from this address"),
        }
    }
}

/// A place taken; dropping it gives the place back.
#[derive(Debug)]
pub struct Ticket {
    gate: Arc<Gate>,
    address: IpAddr,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Ok(mut counts) = self.gate.counts.lock() {
            counts.total = counts.total.saturating_sub(1);
            if let Some(n) = counts.by_address.get_mut(&self.address) {
                *n -= 1;
                if *n == 0 {
                    counts.by_address.remove(&self.address);
                }
            }
        }
    }
}

impl Gate {
    #[must_use]
    pub fn new(max_total: usize, max_per_address: usize) -> Arc<Gate> {
        Arc::new(Gate {
            max_total,
            max_per_address,
            counts: Mutex::new(Counts::default()),
        })
    }

    /// Takes a place for a connection from `address`, or says why there is none.
    ///
    /// # Errors
    /// The [`Refusal`] when a limit is reached.
    pub fn admit(self: &Arc<Gate>, address: IpAddr) -> Result<Ticket, Refusal> {
        let mut counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if counts.total >= self.max_total {
            return Err(Refusal::Full(self.max_total));
        }
        let here = counts.by_address.entry(address).or_insert(0);
        if *here >= self.max_per_address {
            return Err(Refusal::Address(self.max_per_address));
        }
        *here += 1;
        counts.total += 1;
        Ok(Ticket {
            gate: Arc::clone(self),
            address,
        })
    }

    /// Connections open now.
    #[must_use]
    pub fn open(&self) -> usize {
        self.counts.lock().map_or(0, |c| c.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_hold_and_places_come_back() {
        let gate = Gate::new(3, 2);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let a1 = gate.admit(a).unwrap();
        let _a2 = gate.admit(a).unwrap();
        assert_eq!(gate.admit(a).unwrap_err(), Refusal::Address(2));
        let _b1 = gate.admit(b).unwrap();
        assert_eq!(gate.admit(b).unwrap_err(), Refusal::Full(3));
        drop(a1);
        assert_eq!(gate.open(), 2);
        let _b2 = gate.admit(b).unwrap();
        assert!(Refusal::Full(3).message().contains("all 3 sessions"));
    }
}
