//! What a search says while the user waits for it: reading and indexing a large dataset
//! takes seconds, so a terminal is told why (a script reading stderr is not).

use super::super::settings::notices;

/// Indexing a large dataset takes seconds: say why the wait, on a terminal only (a script
/// reading stderr gets no progress chatter). `what` has `{}` where the file's name goes.
pub(super) fn announce_indexing(ticket: Option<&crate::search::cache::Ticket>, what: &str) {
    if let Some(ticket) = ticket {
        announce(&ticket.named(), ticket.bytes(), what);
    }
}

/// Says `what` of a dataset of 32 MiB or more (`bytes`, every file's), on a terminal only;
/// `name` names its files.
pub(super) fn announce(name: &str, bytes: u64, what: &str) {
    const BIG: u64 = 32 << 20;
    if bytes >= BIG && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        // Rounded, as the explorer's loading screen says it.
        let name = format!("{name} ({} MB)", (bytes + 500_000) / 1_000_000);
        notices(&[format!("shuibei: {}", what.replacen("{}", &name, 1))]);
    }
}
