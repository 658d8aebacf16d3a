//! Finding the files to analyse.
//!
//! Folders are walked recursively in sorted order; `.txt`, `.md` and
//! extension-less files are taken, hidden entries (names starting with `.`)
//! are passed over. Files named on the command line are always taken.
//! Symbolic links are followed, with loop detection. Anything that cannot be
//! analysed still yields an entry, so that it gets a row in `documents.csv`.

use crate::decode::Status;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One thing the walk met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path as shown in tables: as given, joined with `/`.
    pub display: String,
    pub path: PathBuf,
    /// `None` for a regular file to read; otherwise why it is not read.
    pub problem: Option<(Status, String)>,
}

/// Whether a walked file name is one we analyse.
fn wanted(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("md"),
    }
}

fn display(path: &Path) -> String {
    let s = path.to_string_lossy().into_owned();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s
    }
}

/// Walks `roots`; entries come sorted by display path, each path once.
pub fn walk(roots: &[PathBuf]) -> Vec<Entry> {
    let mut out = Vec::new();
    for root in roots {
        visit(root, true, &mut Vec::new(), &mut out);
    }
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out.dedup_by(|a, b| a.display == b.display);
    out
}

fn problem(path: &Path, status: Status, message: String) -> Entry {
    Entry {
        display: display(path),
        path: path.to_path_buf(),
        problem: Some((status, message)),
    }
}

/// `ancestors` holds the canonical paths of the folders being walked, to
/// detect symbolic-link loops.
fn visit(path: &Path, explicit: bool, ancestors: &mut Vec<PathBuf>, out: &mut Vec<Entry>) {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let dangling = fs::symlink_metadata(path).is_ok();
            let msg = if dangling {
                format!("dangling symbolic link: {e}")
            } else {
                e.to_string()
            };
            out.push(problem(path, Status::Error, msg));
            return;
        }
    };
    if meta.is_dir() {
        let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if ancestors.contains(&canonical) {
            out.push(problem(
                path,
                Status::Skipped,
                "symbolic link loop: this folder contains itself".into(),
            ));
            return;
        }
        let children = match fs::read_dir(path) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect::<BTreeSet<_>>(),
            Err(e) => {
                out.push(problem(
                    path,
                    Status::Error,
                    format!("cannot list folder: {e}"),
                ));
                return;
            }
        };
        ancestors.push(canonical);
        for child in children {
            let hidden = child
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                visit(&child, false, ancestors, out);
            }
        }
        ancestors.pop();
    } else if meta.is_file() {
        if explicit || wanted(path) {
            out.push(Entry {
                display: display(path),
                path: path.to_path_buf(),
                problem: None,
            });
        }
    } else if explicit || wanted(path) {
        out.push(problem(
            path,
            Status::Skipped,
            "not a regular file (FIFO, socket or device)".into(),
        ));
    }
}
