//! Which version bump a set of changes calls for, and whether `info.version` got it.
//!
//! One number, `info.version`, versions both outputs: the generated crate takes it as its
//! package version and the OpenAPI document as its `info.version`. So the bump the spec needs
//! is the larger of the two the report computes: the crate's (from the Rust verdicts) and the
//! document's (from the wire verdicts).
//!
//! Versions below 1.0.0 follow Cargo's reading of semver, in which the first non-zero
//! component is the major one: for `0.y.z` a breaking change bumps `y` and anything else bumps
//! `z`; for `0.0.z` every change bumps `z`. The same reading serves the OpenAPI document,
//! since it shares the number.

use semver::Version;
use serde::Serialize;

/// A semver bump, from none to major.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// The version may stay.
    None,
    /// `z` in `x.y.z`.
    Patch,
    /// `y` in `x.y.z`; `z` below 1.0.0.
    Minor,
    /// `x` in `x.y.z`; `y` in `0.y.z` and `z` in `0.0.z`.
    Major,
}

impl Bump {
    /// The bump as reports write it (`none`, `patch`, `minor`, `major`).
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// The outcome of comparing OLD's and NEW's `info.version` with the bump the changes need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionCheck {
    /// NEW's version is at least `minimum`.
    Enough {
        /// The lowest version that carries the needed bump over OLD's.
        minimum: Version,
    },
    /// NEW's version is below `minimum`.
    NotEnough {
        /// The lowest version that carries the needed bump over OLD's.
        minimum: Version,
    },
    /// One of the versions is not semver, so nothing can be said.
    Unreadable {
        /// Which side's version it is: `OLD` or `NEW` (OLD's when both are unreadable).
        side: &'static str,
        /// The version as written.
        version: String,
        /// Why the semver parser rejects it.
        error: String,
    },
}

impl VersionCheck {
    /// Whether NEW's version carries the needed bump; `false` when a version is unreadable.
    pub fn passed(&self) -> bool {
        matches!(self, VersionCheck::Enough { .. })
    }

    /// The lowest acceptable NEW version; `None` when a version is unreadable.
    pub fn minimum(&self) -> Option<&Version> {
        match self {
            VersionCheck::Enough { minimum } | VersionCheck::NotEnough { minimum } => Some(minimum),
            VersionCheck::Unreadable { .. } => None,
        }
    }
}

/// The lowest version that carries `bump` over `old`, in Cargo's reading of semver.
pub fn minimum_version(old: &Version, bump: Bump) -> Version {
    let (major, minor, patch) = (old.major, old.minor, old.patch);
    let release = match bump {
        Bump::None => return old.clone(),
        _ if major > 0 => match bump {
            Bump::Major => (major + 1, 0, 0),
            Bump::Minor => (major, minor + 1, 0),
            _ => (major, minor, patch + 1),
        },
        Bump::Major if minor > 0 => (0, minor + 1, 0),
        _ => (0, minor, patch + 1),
    };
    Version::new(release.0, release.1, release.2)
}

/// Compares the versions the report saw with the bump its changes need.
pub fn check(old: &str, new: &str, needed: Bump) -> VersionCheck {
    let parse = |side: &'static str, text: &str| {
        Version::parse(text).map_err(|error| VersionCheck::Unreadable {
            side,
            version: text.to_owned(),
            error: error.to_string(),
        })
    };
    let (old, new) = match (parse("OLD", old), parse("NEW", new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(unreadable), _) | (_, Err(unreadable)) => return unreadable,
    };
    let minimum = minimum_version(&old, needed);
    if new >= minimum && new >= old {
        VersionCheck::Enough { minimum }
    } else {
        VersionCheck::NotEnough { minimum }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).expect("test versions are semver")
    }

    #[test]
    fn bumps_from_one_point_oh() {
        assert_eq!(minimum_version(&v("1.2.3"), Bump::Major), v("2.0.0"));
        assert_eq!(minimum_version(&v("1.2.3"), Bump::Minor), v("1.3.0"));
        assert_eq!(minimum_version(&v("1.2.3"), Bump::Patch), v("1.2.4"));
        assert_eq!(minimum_version(&v("1.2.3"), Bump::None), v("1.2.3"));
    }

    #[test]
    fn bumps_below_one_point_oh_as_cargo_reads_them() {
        assert_eq!(minimum_version(&v("0.3.1"), Bump::Major), v("0.4.0"));
        assert_eq!(minimum_version(&v("0.3.1"), Bump::Minor), v("0.3.2"));
        assert_eq!(minimum_version(&v("0.3.1"), Bump::Patch), v("0.3.2"));
        assert_eq!(minimum_version(&v("0.0.4"), Bump::Major), v("0.0.5"));
        assert_eq!(minimum_version(&v("0.0.4"), Bump::Patch), v("0.0.5"));
    }

    #[test]
    fn checks_the_new_version_against_the_minimum() {
        assert!(check("0.1.0", "0.2.0", Bump::Major).passed());
        assert!(check("0.1.0", "1.0.0", Bump::Major).passed());
        assert!(!check("0.1.0", "0.1.1", Bump::Major).passed());
        assert!(check("1.0.0", "1.0.0", Bump::None).passed());
        assert!(
            !check("1.1.0", "1.0.0", Bump::None).passed(),
            "a version going backwards fails"
        );
        assert!(matches!(
            check("one", "1.0.0", Bump::Patch),
            VersionCheck::Unreadable { side: "OLD", .. }
        ));
    }
}
