//! Finding the files to analyse.
//!
//! Folders are walked recursively in sorted order; `.txt`, `.md` and
//! extension-less files are taken, hidden entries (names starting with `.`)
//! are passed over. Files named on the command line are always taken.
//! Symbolic links are followed, with loop detection. Anything that cannot be
//! analysed still yields an entry, so that it gets a row in `documents.csv`:
//! FIFOs, sockets and devices (never opened), dangling links, link loops,
//! folders that cannot be listed.
//!
//! The walk only looks at metadata (`lstat`/`stat`): it never opens a file.
//! Reading is [`read_regular`]'s job, which refuses anything but a regular
//! file without blocking.

use super::decode::Status;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One thing the walk met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path as shown in tables: as given, joined with `/`; a name that is
    /// not valid UTF-8 is shown with U+FFFD in place of the invalid bytes.
    pub display: String,
    pub path: PathBuf,
    /// `None` for a regular file to read; otherwise why it is not read.
    pub problem: Option<Problem>,
    /// A remark that does not stop the analysis (a file name that is not UTF-8).
    pub note: Option<String>,
    /// The file's size when walked (0 for problems).
    pub bytes: u64,
}

/// Why the walk will not read an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: Status,
    pub message: String,
}

/// Whether a walked file name is one we analyse.
fn wanted(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => {
            let ext = ext.as_encoded_bytes();
            ext.eq_ignore_ascii_case(b"txt") || ext.eq_ignore_ascii_case(b"md")
        }
    }
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

fn display(path: &Path) -> String {
    let s = path.to_string_lossy().into_owned();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s
    }
}

fn entry(path: &Path, problem: Option<Problem>) -> Entry {
    let note = path
        .to_str()
        .is_none()
        .then(|| "file name is not valid UTF-8; shown with U+FFFD".to_string());
    Entry {
        display: display(path),
        path: path.to_path_buf(),
        problem,
        note,
        bytes: 0,
    }
}

fn problem(path: &Path, status: Status, message: String) -> Entry {
    entry(path, Some(Problem { status, message }))
}

/// `--include` and `--exclude` globs (`*.txt`, `2025-*/**`, `**/drafts/**`),
/// matched against an entry's path as shown in the tables and against its
/// file name alone: with includes, an entry must match one; it must match no
/// exclude.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl Filter {
    /// Builds a filter; an invalid glob is an error naming it.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        let set = |globs: &[String]| -> Result<Option<globset::GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for g in globs {
                b.add(globset::Glob::new(g).map_err(|e| format!("invalid glob '{g}': {e}"))?);
            }
            b.build().map(Some).map_err(|e| e.to_string())
        };
        Ok(Filter {
            include: set(include)?,
            exclude: set(exclude)?,
        })
    }

    /// Whether an entry passes.
    pub fn keeps(&self, entry: &Entry) -> bool {
        let name = entry.path.file_name().map(Path::new);
        let hit = |set: &globset::GlobSet| {
            set.is_match(&entry.display) || name.is_some_and(|n| set.is_match(n))
        };
        self.include.as_ref().is_none_or(hit) && !self.exclude.as_ref().is_some_and(hit)
    }
}

/// [`walk`], keeping the entries `filter` passes.
pub fn walk_filtered(roots: &[PathBuf], filter: &Filter) -> Vec<Entry> {
    let mut entries = walk(roots);
    entries.retain(|e| filter.keeps(e));
    entries
}

/// Walks `roots`; entries come sorted by display path, each path once.
pub fn walk(roots: &[PathBuf]) -> Vec<Entry> {
    let mut out = Vec::new();
    for root in roots {
        visit(root, true, &mut Vec::new(), &mut out);
    }
    out.sort_by(|a, b| {
        (a.display.as_str(), a.path.as_os_str()).cmp(&(b.display.as_str(), b.path.as_os_str()))
    });
    out.dedup_by(|a, b| a.path == b.path);
    out
}

/// What kind of thing that is not a file or folder `meta` describes.
fn special_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "FIFO";
        } else if t.is_socket() {
            return "socket";
        } else if t.is_block_device() || t.is_char_device() {
            return "device";
        }
    }
    let _ = meta;
    "special file"
}

/// `ancestors` holds the canonical paths of the folders being walked, to
/// detect symbolic-link loops.
fn visit(path: &Path, explicit: bool, ancestors: &mut Vec<PathBuf>, out: &mut Vec<Entry>) {
    let link = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.push(problem(path, Status::Error, e.to_string()));
            return;
        }
    };
    let meta = if link.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                if !(explicit || wanted(path)) {
                    return;
                }
                let msg = if e.kind() == io::ErrorKind::NotFound {
                    format!("dangling symbolic link: {e}")
                } else {
                    format!("symbolic link cannot be followed: {e}")
                };
                out.push(problem(path, Status::Error, msg));
                return;
            }
        }
    } else {
        link
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
        let mut children = Vec::new();
        match fs::read_dir(path) {
            Ok(rd) => {
                for e in rd {
                    match e {
                        Ok(e) => children.push(e.path()),
                        Err(e) => out.push(problem(
                            path,
                            Status::Error,
                            format!("cannot list an entry of this folder: {e}"),
                        )),
                    }
                }
            }
            Err(e) => {
                out.push(problem(
                    path,
                    Status::Error,
                    format!("cannot list folder: {e}"),
                ));
                return;
            }
        }
        children.sort();
        ancestors.push(canonical);
        for child in children {
            if !child.file_name().is_some_and(is_hidden) {
                visit(&child, false, ancestors, out);
            }
        }
        ancestors.pop();
    } else if meta.is_file() {
        if explicit || wanted(path) {
            out.push(Entry {
                bytes: meta.len(),
                ..entry(path, None)
            });
        }
    } else if explicit || wanted(path) {
        out.push(problem(
            path,
            Status::Skipped,
            format!("not a regular file ({}); not opened", special_kind(&meta)),
        ));
    }
}

/// Why [`read_regular`] did not return bytes.
#[derive(Debug)]
pub enum ReadError {
    /// The path is not a regular file (it changed since the walk).
    NotRegular,
    /// The operating system refused or failed.
    Io(io::Error),
}

/// Reads a regular file whole. The file is opened without blocking (a FIFO
/// put in its place after the walk would otherwise wait for a writer) and
/// checked to be a regular file before any read.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::new();
    let hint = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    bytes
        .try_reserve_exact(hint.saturating_add(1))
        .map_err(|e| ReadError::Io(io::Error::new(io::ErrorKind::OutOfMemory, e)))?;
    file.read_to_end(&mut bytes).map_err(ReadError::Io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wanted_names() {
        assert!(wanted(Path::new("a/b.TXT")));
        assert!(wanted(Path::new("a/b.md")));
        assert!(wanted(Path::new("a/README")));
        assert!(!wanted(Path::new("a/b.png")));
        assert!(is_hidden(OsStr::new(".git")));
    }

    #[test]
    fn folder_named_like_a_file_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("x.txt/inner")).unwrap();
        std::fs::write(dir.path().join("x.txt/inner/a.txt"), "a").unwrap();
        let got = walk(&[dir.path().to_path_buf()]);
        assert_eq!(got.len(), 1);
        assert!(got[0].display.ends_with("x.txt/inner/a.txt"));
        assert!(got[0].problem.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn links_and_special_files() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/a.txt"), "a").unwrap();
        symlink(d, d.join("sub/loop")).unwrap();
        symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();
        symlink(d.join("self.txt"), d.join("self.txt")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(d.join("pipe.txt"))
            .status()
            .unwrap();
        assert!(status.success());
        symlink(d.join("pipe.txt"), d.join("to-pipe.txt")).unwrap();
        let got = walk(&[d.to_path_buf()]);
        let find = |name: &str| {
            got.iter()
                .find(|e| e.display.ends_with(name))
                .unwrap_or_else(|| panic!("{name} in {got:#?}"))
        };
        assert!(find("sub/a.txt").problem.is_none());
        let status = |name: &str| find(name).problem.clone().unwrap();
        assert_eq!(status("sub/loop").status, Status::Skipped);
        assert!(status("dangling.txt").message.contains("dangling"));
        assert_eq!(status("self.txt").status, Status::Error);
        assert!(status("pipe.txt").message.contains("FIFO"));
        assert!(status("to-pipe.txt").message.contains("FIFO"));
        // Reading a FIFO directly never blocks either.
        assert!(matches!(
            read_regular(&d.join("pipe.txt")),
            Err(ReadError::NotRegular)
        ));
        assert_eq!(read_regular(&d.join("sub/a.txt")).unwrap(), b"a");
    }
}
