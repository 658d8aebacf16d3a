//! `duolex verify DIR`: whether an output folder holds one consistent run —
//! every table `run.json` lists, with its length and SHA-256, and no other
//! table of duolex's names.

use super::commit::{is_duolex_name, STATE_DIR};
use crate::config::Error;
use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// What `run.json` says of a table.
#[derive(Debug, serde::Deserialize)]
struct Recorded {
    bytes: u64,
    sha256: String,
}

/// The part of `run.json` a check reads.
#[derive(Debug, serde::Deserialize)]
struct RecordedRun {
    duolex: String,
    outputs: BTreeMap<String, Recorded>,
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The duolex version that wrote `run.json` (empty without one).
    pub duolex: String,
    /// The tables `run.json` lists.
    pub tables: Vec<String>,
    /// What does not match, one line each; empty when the folder holds one
    /// consistent run.
    pub problems: Vec<String>,
}

impl Verification {
    /// Whether the folder holds one consistent run.
    pub fn is_consistent(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the folder `dir` as users see it: `run.json`, each table it
/// lists (present, same length, same SHA-256), and no other table of
/// duolex's names. A commit switching the set during the check is waited
/// out (the check is repeated). Errors are folders that cannot be read
/// and a `run.json` that is not duolex's.
///
/// ```
/// use duolex_pipeline::output::verify::verify;
/// let dir = tempfile::tempdir().unwrap();
/// let v = verify(dir.path()).unwrap();
/// assert!(!v.is_consistent() && v.problems[0].contains("run.json"));
/// ```
pub fn verify(dir: &Path) -> Result<Verification, Error> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::output(dir, e))?;
    if !meta.is_dir() {
        return Err(Error::output(dir, io::Error::other("not a folder")));
    }
    let current = || std::fs::read_link(dir.join(STATE_DIR).join("current")).ok();
    let mut tries = 0;
    loop {
        let before = current();
        let checked = check(dir)?;
        tries += 1;
        if checked.is_consistent() || current() == before || tries == 3 {
            return Ok(checked);
        }
    }
}

fn check(dir: &Path) -> Result<Verification, Error> {
    let manifest = dir.join("run.json");
    let text = match std::fs::read_to_string(&manifest) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Verification {
                duolex: String::new(),
                tables: Vec::new(),
                problems: vec![format!(
                    "{}: missing (no committed run: an interrupted commit, or not a duolex output folder)",
                    manifest.display()
                )],
            });
        }
        Err(e) => return Err(Error::output(&manifest, e)),
    };
    let run: RecordedRun = serde_json::from_str(&text).map_err(|e| {
        Error::output(
            &manifest,
            io::Error::other(format!("not a duolex run.json: {e}")),
        )
    })?;
    let mut problems = Vec::new();
    for (name, recorded) in &run.outputs {
        let path = dir.join(name);
        match super::sha256_of(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                problems.push(format!("{}: missing", path.display()));
            }
            Err(e) => return Err(Error::output(&path, e)),
            Ok((bytes, sha)) => {
                let hex: String = sha.iter().map(|b| format!("{b:02x}")).collect();
                if bytes != recorded.bytes || hex != recorded.sha256 {
                    problems.push(format!(
                        "{}: not the table run.json describes ({bytes} bytes, SHA-256 {hex}; run.json: {} bytes, {})",
                        path.display(),
                        recorded.bytes,
                        recorded.sha256
                    ));
                }
            }
        }
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::output(dir, e))?;
    let mut others = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::output(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // A link to nothing (a table the committed set lacks) shows nothing.
        if is_duolex_name(&name)
            && name != "run.json"
            && !run.outputs.contains_key(&name)
            && entry.path().is_file()
        {
            others.push(format!(
                "{}: a table run.json does not list (from another run)",
                entry.path().display()
            ));
        }
    }
    others.sort();
    problems.extend(others);
    Ok(Verification {
        duolex: run.duolex,
        tables: run.outputs.into_keys().collect(),
        problems,
    })
}
