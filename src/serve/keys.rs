//! The server's keys: its own host key (made on first start, kept, refused when others
//! can read it) and the authorized keys of the people who may connect (refused whole at
//! start when a line carries options the server would not enforce).
//!
//! Everything is checked before the server listens, so a bad file is a message at
//! start, never a surprise at the first connection.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::ssh_key::public::KeyData;
use russh::keys::ssh_key::{Algorithm, HashAlg, LineEnding, authorized_keys::Entry};
use russh::keys::{PrivateKey, PublicKey};

use super::error::ServeError;

/// The SHA256 fingerprint of a public key, as `ssh-keygen -l` prints it (`SHA256:…`).
#[must_use]
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// The host key at `path`, made (Ed25519, mode 0600, its directory 0700 when made
/// here, with the public half beside it as `PATH.pub`) when there is none yet. Returns
/// the key and whether it was made now.
///
/// # Errors
/// A key others can read, a directory others can write, a file that is not a private
/// key in OpenSSH format, an encrypted key, or an I/O error; each says what to do.
pub fn host_key(path: &Path) -> Result<(PrivateKey, bool), ServeError> {
    match fs::symlink_metadata(path) {
        Ok(meta) => {
            if !meta.is_file() {
                return Err(ServeError::Key(format!(
                    "host key {} is not a regular file; point --host-key at the key file",
                    path.display()
                )));
            }
            let mode = meta.mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(ServeError::Key(format!(
                    "host key {} can be read by others (mode {mode:04o}); make it private with `chmod 600 {}`",
                    path.display(),
                    path.display()
                )));
            }
            check_directory(path)?;
            let text = fs::read(path).map_err(ServeError::io(format!("reading host key {}", path.display())))?;
            let key = PrivateKey::from_openssh(&text).map_err(|err| {
                ServeError::Key(format!(
                    "host key {} is not an OpenSSH private key ({err}); make one with `ssh-keygen -t ed25519 -N '' -f {}` or remove the file to have one made",
                    path.display(),
                    path.display()
                ))
            })?;
            if key.is_encrypted() {
                return Err(ServeError::Key(format!(
                    "host key {} is protected by a passphrase; the server starts unattended, so give it a key without one",
                    path.display()
                )));
            }
            if !matches!(key.algorithm(), Algorithm::Ed25519 | Algorithm::Ecdsa { .. }) {
                return Err(ServeError::Key(format!(
                    "host key {} is {}; this server signs with Ed25519 or ECDSA keys only (no RSA); make one with `ssh-keygen -t ed25519 -N '' -f {}`",
                    path.display(),
                    key.algorithm(),
                    path.display()
                )));
            }
            Ok((key, false))
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => make_host_key(path).map(|key| (key, true)),
        Err(err) => Err(ServeError::Io {
            context: format!("reading host key {}", path.display()),
            source: err,
        }),
    }
}

/// A directory others can write could have the key swapped: refuse it, as sshd's
/// `StrictModes` does.
fn check_directory(path: &Path) -> Result<(), ServeError> {
    let dir = parent(path);
    let meta = fs::metadata(&dir).map_err(ServeError::io(format!("reading directory {}", dir.display())))?;
    let mode = meta.mode() & 0o777;
    if mode & 0o022 != 0 {
        return Err(ServeError::Key(format!(
            "{} can be written by others (mode {mode:04o}), so the keys in it could be replaced; run `chmod go-w {}`",
            dir.display(),
            dir.display()
        )));
    }
    Ok(())
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn make_host_key(path: &Path) -> Result<PrivateKey, ServeError> {
    let dir = parent(path);
    if !dir.exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(ServeError::io(format!("making directory {}", dir.display())))?;
        // The mode given to DirBuilder is filtered by the umask; say it plainly.
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))
            .map_err(ServeError::io(format!("making {} private", dir.display())))?;
    }
    check_directory(path)?;
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|err| ServeError::Key(format!("no randomness for a new host key: {err}")))?;
    let mut key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    seed.fill(0);
    key.set_comment("shuibei serve host key");
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|err| ServeError::Key(format!("encoding the new host key: {err}")))?;
    // create_new: never write over a key another process made meanwhile.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(ServeError::io(format!("creating host key {}", path.display())))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(ServeError::io(format!("writing host key {}", path.display())))?;
    let public = key
        .public_key()
        .to_openssh()
        .map_err(|err| ServeError::Key(format!("encoding the new host key: {err}")))?;
    let mut pub_path = path.as_os_str().to_owned();
    pub_path.push(".pub");
    fs::write(&pub_path, format!("{public}\n"))
        .map_err(ServeError::io(format!("writing {}", Path::new(&pub_path).display())))?;
    Ok(key)
}

/// The keys that may connect, one per line of an authorized-keys file, with their
/// comments (for the log).
#[derive(Debug, Clone, Default)]
pub struct Authorized {
    keys: Vec<(KeyData, String)>,
}

impl Authorized {
    /// Reads and checks the file.
    ///
    /// # Errors
    /// A missing or empty file, a file others can write, a line that is not a public key,
    /// a line with options (`from=`, `command=`, …: they would not be enforced), or a key
    /// type the server cannot verify (RSA, DSA).
    pub fn read(path: &Path) -> Result<Authorized, ServeError> {
        let meta = fs::metadata(path).map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => ServeError::Key(format!(
                "no authorized keys file at {}; create it with the public key of each person who may connect, one per line as in ~/.ssh/authorized_keys, or name another with --authorized-keys",
                path.display()
            )),
            _ => ServeError::Io {
                context: format!("reading {}", path.display()),
                source: err,
            },
        })?;
        let mode = meta.mode() & 0o777;
        if mode & 0o022 != 0 {
            return Err(ServeError::Key(format!(
                "{} can be written by others (mode {mode:04o}), so anyone could add a key; run `chmod go-w {}`",
                path.display(),
                path.display()
            )));
        }
        let text = fs::read_to_string(path).map_err(ServeError::io(format!("reading {}", path.display())))?;
        Authorized::parse(&text).map_err(|(line, why)| ServeError::Key(format!("{}:{line}: {why}", path.display())))
    }

    /// Parses the text of an authorized-keys file; an error names the line (from 1).
    ///
    /// # Errors
    /// The first bad line and what is wrong with it.
    pub fn parse(text: &str) -> Result<Authorized, (usize, String)> {
        let mut keys = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry: Entry = line.parse().map_err(|err| {
                (
                    i + 1,
                    format!("not a public key ({err}); each line is `TYPE BASE64 [COMMENT]`, as ssh-keygen writes it"),
                )
            })?;
            if !entry.config_opts().is_empty() {
                return Err((
                    i + 1,
                    format!(
                        "options ({}) are not supported: this server would not enforce them, so it refuses the file; remove them from the line",
                        entry.config_opts().as_str()
                    ),
                ));
            }
            let key = entry.public_key();
            if !matches!(key.algorithm(), Algorithm::Ed25519 | Algorithm::Ecdsa { .. }) {
                return Err((
                    i + 1,
                    format!(
                        "{} keys cannot sign in here (the server has Ed25519 and ECDSA only); ask for an ed25519 key (`ssh-keygen -t ed25519`)",
                        key.algorithm()
                    ),
                ));
            }
            keys.push((key.key_data().clone(), key.comment().to_string()));
        }
        if keys.is_empty() {
            return Err((
                text.lines().count().max(1),
                "no keys: add the public key of each person who may connect".to_owned(),
            ));
        }
        Ok(Authorized { keys })
    }

    /// Whether this key may connect.
    #[must_use]
    pub fn allows(&self, key: &PublicKey) -> bool {
        self.keys.iter().any(|(data, _)| data == key.key_data())
    }

    /// How many keys there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are none (never, once read).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHrfxKL6Qe8AYRZoyAAKAnQ1ZoZhd2kd4bTF9O9MWbVb alice@example";
    const RSA: &str = concat!(
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCxpg17i/ZI92PcDIZN4JnrYnlhLXG/5Y",
        "R0meJiDWT354WfqXx2xroVXHVIpDTGqabHelCWlQsSWnlBBtGxSGV0X8/pfEww3cGWXyWS",
        "ajDJ2n23f5bDAkm+8aocTLDYP6u/bSPHcAPPltxrfSDo1RbhjY39Ws2666tpHJmkaDgQzw== bob"
    );

    #[test]
    fn keys_comments_and_blank_lines() {
        let keys = Authorized::parse(&format!("# team\n\n{ED}\n")).unwrap();
        assert_eq!(keys.len(), 1);
        let key = PublicKey::from_openssh(ED).unwrap();
        assert!(keys.allows(&key));
    }

    #[test]
    fn options_are_refused_with_the_line() {
        let (line, why) = Authorized::parse(&format!("{ED}\nfrom=\"10.0.0.1\" {ED}\n")).unwrap_err();
        assert_eq!(line, 2);
        assert!(
            why.contains("from=\"10.0.0.1\"") && why.contains("not enforce"),
            "{why}"
        );
        let (_, why) = Authorized::parse(&format!("command=\"ls\" {ED}")).unwrap_err();
        assert!(why.contains("command="), "{why}");
    }

    #[test]
    fn rsa_and_junk_are_refused() {
        let (line, why) = Authorized::parse(&format!("{ED}\n{RSA}\n")).unwrap_err();
        assert_eq!(line, 2);
        assert!(why.contains("ed25519"), "{why}");
        let (line, why) = Authorized::parse("hello world\n").unwrap_err();
        assert_eq!(line, 1);
        assert!(why.contains("not a public key"), "{why}");
        let (_, why) = Authorized::parse("# nothing\n").unwrap_err();
        assert!(why.contains("no keys"), "{why}");
    }

    #[test]
    fn a_host_key_is_made_private_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conf/shuibei/host_ed25519");
        let (key, made) = host_key(&path).unwrap();
        assert!(made);
        assert_eq!(key.algorithm(), Algorithm::Ed25519);
        assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
        assert_eq!(fs::metadata(path.parent().unwrap()).unwrap().mode() & 0o777, 0o700);
        let public = fs::read_to_string(format!("{}.pub", path.display())).unwrap();
        assert!(public.starts_with("ssh-ed25519 "));
        let (again, made) = host_key(&path).unwrap();
        assert!(!made);
        assert_eq!(fingerprint(again.public_key()), fingerprint(key.public_key()));
    }

    #[test]
    fn a_host_key_others_can_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("host");
        host_key(&path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let err = host_key(&path).unwrap_err().to_string();
        assert!(err.contains("mode 0644") && err.contains("chmod 600"), "{err}");
    }
}
