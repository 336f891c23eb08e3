//! The setgid group, and giving it up.
//!
//! On a shared server the binary is setgid to the group that owns the
//! office's database (docs/DEPLOY.md). The group's rights serve one purpose:
//! opening that database. The command line front end reads
//! `/etc/danhgia/config.toml`, opens every connection it will need to the
//! database the file names, and then calls [`drop_group`] — before it
//! starts a thread or touches any other file. Everything a user names
//! (`--db`, `DANHGIA_DB`, their own config, files to import, reports and
//! backups to write) is opened after that, with the user's own rights.

use nix::unistd::{Gid, Group, Uid, getgid, getgroups, getresgid, setresgid};

#[derive(Debug, thiserror::Error)]
#[error("cannot give up the group of the program (setresgid): {0}")]
pub struct DropError(#[from] nix::Error);

/// Sets the real, effective and saved group to the real group, for good.
/// A no-op for a process that was not setgid. Checked after the call: a
/// process that could regain the group is an error, never a warning.
pub fn drop_group() -> Result<(), DropError> {
    let g = getgid();
    setresgid(g, g, g)?;
    let now = getresgid()?;
    if now.real != g || now.effective != g || now.saved != g {
        return Err(DropError(nix::Error::EPERM));
    }
    Ok(())
}

/// Whether the process runs with another group than its user's own (setgid).
pub fn has_other_group() -> bool {
    nix::unistd::getegid() != getgid()
}

/// Whether the real user is root or a member of the operating-system group
/// `admin_group` (by their primary or a supplementary group): who may
/// `init` the office's database. Reads the group database, so call it after
/// [`drop_group`].
pub fn is_root_or_member(admin_group: Option<&str>) -> bool {
    if Uid::current().is_root() {
        return true;
    }
    let Some(name) = admin_group else {
        return false;
    };
    let Ok(Some(group)) = Group::from_name(name) else {
        return false;
    };
    let mine: Vec<Gid> = getgroups().unwrap_or_default();
    getgid() == group.gid || mine.contains(&group.gid)
}
