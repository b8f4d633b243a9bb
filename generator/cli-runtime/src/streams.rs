//! Where a run reads and writes: the standard streams, whether they are terminals, and the
//! environment; the process's, or a test's.

use std::ffi::OsString;
use std::io::{IsTerminal as _, Read, Write};

/// Where a run reads and writes: the process's streams, terminal and environment, or a test's.
pub struct Io<'a> {
    /// Standard input (`--json -`, `login --password-stdin`).
    pub stdin: &'a mut dyn Read,
    /// Standard output: the command's output, and `--help`.
    pub stdout: &'a mut dyn Write,
    /// Standard error: errors and reports.
    pub stderr: &'a mut dyn Write,
    /// Which of the streams are terminals.
    pub terminal: Terminal,
    /// The environment.
    pub env: &'a dyn Fn(&str) -> Option<OsString>,
    /// Asks for a password on the terminal without echoing it.
    pub ask_password: &'a dyn Fn(&str) -> std::io::Result<String>,
}

/// Which standard streams are terminals, and how wide standard output is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Standard input is a terminal (so `login` may prompt).
    pub stdin: bool,
    /// Standard output is a terminal (indented JSON, tables to its width, colour in help).
    pub stdout: bool,
    /// Standard error is a terminal (progress bars, colour in errors).
    pub stderr: bool,
    /// Standard output's width in columns, when it is a terminal.
    pub width: Option<u16>,
}

impl Terminal {
    /// The process's.
    pub fn detect() -> Terminal {
        let stdout = std::io::stdout().is_terminal();
        Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout,
            stderr: std::io::stderr().is_terminal(),
            width: stdout
                .then(|| console::Term::stdout().size_checked())
                .flatten()
                .map(|(_, columns)| columns),
        }
    }
}
