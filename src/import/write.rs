//! The output file, written beside its final place under a temporary name and renamed
//! over it only when complete, so an existing file is replaced by a whole new one or not
//! at all. Dropped without [`Pending::commit`], the temporary file is removed.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// A temporary output file that becomes the output on [`Pending::commit`].
pub struct Pending {
    temp: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Pending {
    /// Creates `.NAME.PID.tmp` in the output's directory (the rename must not cross
    /// file systems), with the permissions any new file gets.
    ///
    /// # Errors
    /// The directory is missing or not writable.
    pub fn create(target: &Path) -> io::Result<(Pending, File)> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy());
        let mut attempt = 0;
        loop {
            let temp = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
            match File::create_new(&temp) {
                Ok(file) => {
                    let pending = Pending {
                        temp,
                        target: target.to_owned(),
                        done: false,
                    };
                    return Ok((pending, file));
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(err) => return Err(err),
            }
        }
    }

    /// Renames the complete file over the output.
    ///
    /// # Errors
    /// The rename failed (the temporary file is then removed).
    pub fn commit(mut self) -> io::Result<()> {
        std::fs::rename(&self.temp, &self.target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_committed_file_takes_the_outputs_place() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        std::fs::write(&target, "old").unwrap();
        let (pending, file) = Pending::create(&target).unwrap();
        std::io::Write::write_all(&mut &file, b"new").unwrap();
        drop(pending);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "the temporary file is gone"
        );
        let (pending, file) = Pending::create(&target).unwrap();
        std::io::Write::write_all(&mut &file, b"new").unwrap();
        pending.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
