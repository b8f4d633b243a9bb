//! Where `login` keeps the access token: `credentials.json` in the tool's folder of the user's
//! configuration directory (`~/.config/verycloud/` on Linux, `~/Library/Application
//! Support/verycloud/` on macOS, `%APPDATA%\verycloud\` on Windows), or in
//! `$VERYCLOUD_CONFIG_DIR`.
//!
//! It holds one token per base URL, so a token for one server is never sent to another (a
//! mock server's address, say), and never a password. On Unix the folder is created readable
//! by its owner only (0700) and the file is written so (0600): to a new file beside it, then
//! renamed over it, so a reader never sees half a file. A file others can read is refused
//! until `login` writes it again. (On Windows, the user's profile folder is the user's alone.)

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use verycloud::Secret;

use crate::exit::Failure;

/// The variable that names the folder instead of the user's configuration directory.
pub const CONFIG_DIR_VARIABLE: &str = "VERYCLOUD_CONFIG_DIR";

/// The file's name in the folder.
pub const FILE_NAME: &str = "credentials.json";

/// The token store of one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
}

/// The file's contents.
#[derive(Default, Serialize, Deserialize)]
struct Stored {
    /// By base URL, without a trailing `/`.
    tokens: BTreeMap<String, Entry>,
}

/// One stored token.
#[derive(Serialize, Deserialize)]
struct Entry {
    token: String,
    /// When `login` stored it, in unix seconds.
    saved_at: u64,
}

impl Store {
    /// The store in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The store `$VERYCLOUD_CONFIG_DIR` (as `config_dir` gives it) names, else the folder
    /// `app` of the user's configuration directory.
    pub fn locate(config_dir: Option<PathBuf>, app: &str) -> Result<Store, Failure> {
        match config_dir {
            Some(dir) if dir.as_os_str().is_empty() => Err(Failure::Credentials(format!(
                "{CONFIG_DIR_VARIABLE} is empty"
            ))),
            Some(dir) => Ok(Store::new(dir)),
            None => dirs::config_dir()
                .map(|dir| Store::new(dir.join(app)))
                .ok_or_else(|| {
                    Failure::Credentials(format!(
                        "cannot tell where your configuration directory is: set {CONFIG_DIR_VARIABLE}"
                    ))
                }),
        }
    }

    /// The file the tokens are kept in.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The token stored for `base_url`, if any.
    pub fn token(&self, base_url: &str) -> Result<Option<Secret>, Failure> {
        let stored = self.read()?;
        Ok(stored
            .tokens
            .get(key(base_url))
            .map(|entry| Secret::new(entry.token.clone())))
    }

    /// Stores `token` for `base_url`, replacing any other for it.
    pub fn save(&self, base_url: &str, token: &Secret) -> Result<(), Failure> {
        // An unreadable or unsafe file is replaced: logging in is how to mend it.
        let mut stored = self.read().unwrap_or_default();
        let saved_at = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        stored.tokens.insert(
            key(base_url).to_owned(),
            Entry {
                token: token.expose().to_owned(),
                saved_at,
            },
        );
        self.write(&stored)
    }

    /// Forgets the token stored for `base_url`; whether there was one.
    pub fn remove(&self, base_url: &str) -> Result<bool, Failure> {
        let mut stored = self.read()?;
        let removed = stored.tokens.remove(key(base_url)).is_some();
        if removed {
            self.write(&stored)?;
        }
        Ok(removed)
    }

    fn read(&self) -> Result<Stored, Failure> {
        let path = self.path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Stored::default());
            }
            Err(error) => {
                return Err(Failure::Credentials(format!(
                    "cannot read {}: {error}",
                    path.display()
                )));
            }
        };
        check_private(&path)?;
        // Only the position: serde_json's message may quote a value, which may be a token.
        serde_json::from_str(&text).map_err(|error| {
            Failure::Credentials(format!(
                "{} is damaged (at line {}, column {}); log in again to replace it",
                path.display(),
                error.line(),
                error.column()
            ))
        })
    }

    fn write(&self, stored: &Stored) -> Result<(), Failure> {
        let local = |action: &str, path: &Path, error: std::io::Error| {
            Failure::Local(format!("cannot {action} {}: {error}", path.display()))
        };
        create_private_dir(&self.dir).map_err(|error| local("create", &self.dir, error))?;
        let path = self.path();
        let staged = self
            .dir
            .join(format!(".{FILE_NAME}.{}", std::process::id()));
        let text = serde_json::to_string_pretty(stored)
            .map_err(|error| Failure::Local(format!("cannot write the token file: {error}")))?;
        let written = (|| {
            let _ = fs::remove_file(&staged);
            let mut file = private_file(&staged)?;
            file.write_all(text.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_all()
        })();
        if let Err(error) = written {
            let _ = fs::remove_file(&staged);
            return Err(local("write", &staged, error));
        }
        fs::rename(&staged, &path).map_err(|error| {
            let _ = fs::remove_file(&staged);
            local("replace", &path, error)
        })
    }
}

/// A base URL as the store keys it: without trailing slashes.
fn key(base_url: &str) -> &str {
    base_url.trim_end_matches('/')
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::DirBuilder::new().mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Refuses a token file that users other than its owner may read or write.
#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), Failure> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = fs::metadata(path)
        .map_err(|error| {
            Failure::Credentials(format!("cannot inspect {}: {error}", path.display()))
        })?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(Failure::Credentials(format!(
            "{} may be read by other users (mode {:o}); run `chmod 600` on it, or log in again to rewrite it",
            path.display(),
            mode & 0o777
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_: &Path) -> Result<(), Failure> {
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    #[test]
    fn keeps_one_token_per_base_url() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("verycloud"));
        assert_eq!(store.token("https://a.example").unwrap(), None);
        store
            .save("https://a.example/", &Secret::new("token-a"))
            .unwrap();
        store
            .save("http://127.0.0.1:4010", &Secret::new("token-b"))
            .unwrap();
        assert_eq!(
            store.token("https://a.example").unwrap(),
            Some(Secret::new("token-a"))
        );
        assert_eq!(
            store.token("http://127.0.0.1:4010/").unwrap(),
            Some(Secret::new("token-b"))
        );
        assert!(store.remove("https://a.example").unwrap());
        assert!(!store.remove("https://a.example").unwrap());
        assert_eq!(store.token("https://a.example").unwrap(), None);
        assert_eq!(
            store.token("http://127.0.0.1:4010").unwrap(),
            Some(Secret::new("token-b"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_the_owner_may_read_it() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("deeper/verycloud");
        let store = Store::new(&folder);
        store
            .save("https://a.example", &Secret::new("token-a"))
            .unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&store.path()), 0o600);
        // No staging file is left behind.
        let names: Vec<_> = fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME]);

        fs::set_permissions(store.path(), fs::Permissions::from_mode(0o644)).unwrap();
        let refused = store.token("https://a.example").unwrap_err();
        assert!(matches!(refused, Failure::Credentials(_)));
        assert!(refused.to_string().contains("mode 644"), "{refused}");
        assert!(!refused.to_string().contains("token-a"));
        // Logging in again rewrites it privately.
        store
            .save("https://a.example", &Secret::new("token-c"))
            .unwrap();
        assert_eq!(mode(&store.path()), 0o600);
        assert_eq!(
            store.token("https://a.example").unwrap(),
            Some(Secret::new("token-c"))
        );
    }

    #[test]
    fn a_damaged_file_is_refused_without_quoting_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store
            .save("https://a.example", &Secret::new("token-a"))
            .unwrap();
        let path = store.path();
        // The token where a record belongs: serde's own message would quote it.
        fs::write(&path, r#"{"tokens": {"https://a.example": "token-a"}}"#).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        }
        let refused = store.token("https://a.example").unwrap_err();
        assert!(refused.to_string().contains("is damaged"), "{refused}");
        assert!(!refused.to_string().contains("token-a"), "{refused}");
    }

    #[test]
    fn the_variable_names_the_folder() {
        let store = Store::locate(Some(PathBuf::from("/tmp/x")), "verycloud").unwrap();
        assert_eq!(store.path(), PathBuf::from("/tmp/x/credentials.json"));
        assert!(Store::locate(Some(PathBuf::new()), "verycloud").is_err());
    }
}
