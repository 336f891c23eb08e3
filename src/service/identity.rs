//! Who is acting: the operating-system account of the process's real uid —
//! never `$USER` or `$LOGNAME`, which anyone can set.

use nix::unistd::{Uid, User};

/// The login name of the real uid, or `uid:N` if the account has no name.
pub fn os_login() -> String {
    let uid = Uid::current();
    match User::from_uid(uid) {
        Ok(Some(u)) => u.name,
        _ => format!("uid:{uid}"),
    }
}

/// Whether the process's real user is root.
pub fn is_os_root() -> bool {
    Uid::current().is_root()
}

/// The roles recorded for a login.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    pub admin: bool,
    pub reviewer: bool,
}

impl Roles {
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Roles {
        Roles {
            admin: names.iter().any(|n| n.as_ref() == "admin"),
            reviewer: names.iter().any(|n| n.as_ref() == "reviewer"),
        }
    }

    /// The role the status bar shows: the highest one held.
    pub fn label(self) -> &'static str {
        if self.admin {
            "admin"
        } else if self.reviewer {
            "reviewer"
        } else {
            "staff"
        }
    }
}

/// The person a service acts for.
#[derive(Debug, Clone)]
pub struct Actor {
    pub login: String,
    pub roles: Roles,
    /// Their staff record, if their login is on the staff list.
    pub staff: Option<crate::store::StaffRow>,
}

impl Actor {
    pub fn code(&self) -> Option<&str> {
        self.staff.as_ref().map(|s| s.staff.code.as_str())
    }
}
