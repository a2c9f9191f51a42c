//! [`Sym`]: short text shared between records through a per-thread interner, so a
//! million records that repeat the same segments, units and source ids keep one copy.
//!
//! Only the loader's threads intern; nothing here does I/O.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Short text that repeats across records (segments, tags, units, cited source ids):
/// equal values share one allocation, which keeps a million-record dataset small.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(Arc<str>);

/// How many distinct values one thread's interner keeps; past that, values are stored
/// unshared, so a field that is unique per record cannot make the interner grow forever.
const INTERNER_CAP: usize = 65_536;

// hashbrown's default hasher (foldhash, randomly seeded, as the id table uses): interning
// hashes several short strings per record, and SipHash showed in load profiles.
type Interner = hashbrown::HashSet<Arc<str>>;

thread_local! {
    static INTERNER: RefCell<Interner> = RefCell::new(Interner::default());
}

impl Sym {
    #[must_use]
    pub fn new(text: &str) -> Sym {
        INTERNER.with(|cell| {
            let mut set = cell.borrow_mut();
            if let Some(shared) = set.get(text) {
                return Sym(Arc::clone(shared));
            }
            let fresh: Arc<str> = Arc::from(text);
            if set.len() < INTERNER_CAP {
                set.insert(Arc::clone(&fresh));
            }
            Sym(fresh)
        })
    }

    /// Text that will not repeat (an address): stored as it is, without the interner's
    /// lookup, which would only miss and fill its table.
    #[must_use]
    pub fn unshared(text: &str) -> Sym {
        Sym(Arc::from(text))
    }

    /// Forgets this thread's interned values (the records keep theirs). Loading calls it
    /// when done so the table does not outlive the load.
    pub fn release_interner() {
        INTERNER.with(|cell| *cell.borrow_mut() = Interner::default());
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Sym {
    fn from(text: &str) -> Sym {
        Sym::new(text)
    }
}

impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Sym;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Sym, E> {
                Ok(Sym::new(v))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}
