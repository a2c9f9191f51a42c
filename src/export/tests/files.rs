//! Tests of how `export` treats the files around it: links followed, partial files of
//! dead and live processes, another user's files and names planted in a shared folder.

use super::*;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_symlink_is_followed_and_stays_a_link() {
    let db = db();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.csv");
    let link = dir.path().join("link.csv");
    std::fs::write(&target, "old\n").unwrap();
    std::os::unix::fs::symlink("target.csv", &link).unwrap();
    let written = to_file(&db, &all(&db, RecordKind::Brand), &link, None).unwrap();
    assert_eq!(written.path, link, "the confirmation names the path given");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("id,name,"));
    assert_eq!(names_in(dir.path()), ["link.csv", "target.csv"]);

    // A link to a link to a file in another folder: the last one is replaced, there.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink("../link.csv", sub.join("again.json")).unwrap();
    to_file(&db, &all(&db, RecordKind::Brand), &sub.join("again.json"), None).unwrap();
    assert!(
        std::fs::read_to_string(&target).unwrap().starts_with('['),
        "JSON, by the name given"
    );
    assert_eq!(names_in(&sub), ["again.json"]);

    // Dangling into a missing folder: the reason names where it leads.
    let nowhere = dir.path().join("nowhere.csv");
    std::os::unix::fs::symlink("missing/x.csv", &nowhere).unwrap();
    let err = to_file(&db, &all(&db, RecordKind::Brand), &nowhere, None).unwrap_err();
    let expected = format!(
        "it is a symbolic link to {}, whose folder {} does not exist",
        dir.path().join("missing/x.csv").display(),
        dir.path().join("missing").display()
    );
    assert_eq!(err.short_reason(), expected);
    assert_eq!(
        err.to_string(),
        format!("cannot write {}: {expected}", nowhere.display())
    );

    // A loop of links is an error, not a hang.
    std::os::unix::fs::symlink("loop-b.csv", dir.path().join("loop-a.csv")).unwrap();
    std::os::unix::fs::symlink("loop-a.csv", dir.path().join("loop-b.csv")).unwrap();
    let err = to_file(&db, &all(&db, RecordKind::Brand), &dir.path().join("loop-a.csv"), None).unwrap_err();
    assert!(err.short_reason().contains("symbolic links in a row"), "{err}");
}

#[test]
fn an_abandoned_export_writes_nothing() {
    let db = db();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quit.csv");
    // Abandoned before its thread got to write (the explorer quit at once).
    abandon(&path);
    let err = to_file(&db, &all(&db, RecordKind::Brand), &path, None).unwrap_err();
    assert_eq!(err.source.kind(), io::ErrorKind::Interrupted);
    assert_eq!(names_in(dir.path()), Vec::<String>::new(), "no file, no partial file");
    // Another name is not abandoned.
    to_file(&db, &all(&db, RecordKind::Brand), &dir.path().join("other.csv"), None).unwrap();
}

#[test]
fn a_dead_processes_partial_file_is_removed_a_live_ones_kept() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let db = db();
    let dir = tempfile::tempdir().unwrap();
    // Above the kernel's highest pid (2^22): no process has it. Pid 1 always runs.
    for pid in [4_194_305, 1] {
        std::fs::write(dir.path().join(format!(".out.csv.{pid}.partial")), "x").unwrap();
    }
    std::fs::write(dir.path().join(".out.csv.4194305.partial.bak"), "x").unwrap();
    std::fs::write(dir.path().join(".out.csv.x4194305.partial"), "x").unwrap();
    to_file(&db, &all(&db, RecordKind::Brand), &dir.path().join("out.csv"), None).unwrap();
    assert_eq!(
        names_in(dir.path()),
        [
            ".out.csv.1.partial",
            ".out.csv.4194305.partial.bak",
            ".out.csv.x4194305.partial",
            "out.csv"
        ]
    );
}

/// The uid of a user that is not this one, to own what another user would leave in a
/// shared folder; only root can give a file away, so `None` elsewhere.
fn another_user() -> Option<u32> {
    // nobody
    (file::effective_uid() == 0).then_some(65_534)
}

/// Gives `path` to `uid`; false where even root may not (a container without the
/// CHOWN capability, a user namespace that does not map the uid): the test then takes
/// the branch for a file of this user's.
fn given_away(path: &Path, uid: u32) -> bool {
    std::os::unix::fs::lchown(path, Some(uid), Some(uid))
        .inspect_err(|e| eprintln!("cannot give {} to uid {uid}: {e}", path.display()))
        .is_ok()
}

/// A folder like `/tmp`: sticky and writable by everyone.
fn shared_folder() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    dir
}

#[test]
fn a_link_another_user_planted_in_a_shared_folder_is_not_followed() {
    let db = db();
    let dir = shared_folder();
    let home = tempfile::tempdir().unwrap();
    let victim = home.path().join(".bashrc");
    std::fs::write(&victim, "mine\n").unwrap();
    let planted = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let rows = all(&db, RecordKind::Brand);
    if another_user().is_some_and(|uid| given_away(&planted, uid)) {
        let err = to_file(&db, &rows, &planted, None).unwrap_err();
        assert_eq!(err.source.kind(), io::ErrorKind::PermissionDenied, "{err}");
        assert!(
            err.short_reason().contains("another user made in the shared folder"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine\n");
        assert_eq!(names_in(dir.path()), ["out.csv"], "no temporary left");
    } else {
        // Not root: the link is this user's own, and followed as anywhere else.
        to_file(&db, &rows, &planted, None).unwrap();
        assert!(std::fs::read_to_string(&victim).unwrap().starts_with("id,name,"));
    }
}

#[test]
fn a_name_planted_where_the_temporary_goes_is_never_written_through() {
    let db = db();
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "mine\n").unwrap();
    let path = dir.path().join("out.csv");
    let temporary = dir.path().join(format!(".out.csv.{}.partial", std::process::id()));
    std::os::unix::fs::symlink(&victim, &temporary).unwrap();
    let err = to_file(&db, &all(&db, RecordKind::Brand), &path, None).unwrap_err();
    assert_eq!(err.source.kind(), io::ErrorKind::AlreadyExists, "{err}");
    assert!(
        err.short_reason().contains("is in the way of the temporary file"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine\n");
    assert!(!path.exists());
    // A plain file of this user's there (left by an earlier process with this pid) is
    // replaced, and the export goes through.
    std::fs::remove_file(&temporary).unwrap();
    std::fs::write(&temporary, "left over").unwrap();
    to_file(&db, &all(&db, RecordKind::Brand), &path, None).unwrap();
    assert_eq!(names_in(dir.path()), ["out.csv", "victim.txt"]);
}

#[test]
fn another_users_partial_file_is_kept() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let db = db();
    let dir = shared_folder();
    let partial = dir.path().join(".out.csv.4194305.partial");
    std::fs::write(&partial, "x").unwrap();
    let expected: &[&str] = match another_user().filter(|&uid| given_away(&partial, uid)) {
        Some(_) => &[".out.csv.4194305.partial", "out.csv"],
        // Not root: the partial is this user's own, and its process is gone.
        None => &["out.csv"],
    };
    to_file(&db, &all(&db, RecordKind::Brand), &dir.path().join("out.csv"), None).unwrap();
    assert_eq!(names_in(dir.path()), expected);
}

/// The explorer's prompt shows `short_reason`: a refusal other than the workbook's size
/// (a disk, a terminal) is told as itself, not as "over 1,048,575 rows for xlsx".
#[test]
fn a_refusal_is_worded_as_itself_in_short() {
    let refused = |source| FileError {
        path: "/dev/x".into(),
        source,
    };
    let disk = io::Error::new(io::ErrorKind::InvalidInput, "it is a block device");
    assert_eq!(refused(disk).short_reason(), "it is a block device");
    let big = io::Error::new(
        io::ErrorKind::InvalidInput,
        super::workbook::TooManyRows("an xlsx sheet holds at most".into()),
    );
    assert!(refused(big).short_reason().starts_with("over 1,048,575 rows for xlsx"));
}
