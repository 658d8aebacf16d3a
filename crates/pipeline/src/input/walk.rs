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

impl Entry {
    /// How the file is read (by its extension).
    pub fn kind(&self) -> Kind {
        Kind::of(&self.path)
    }
}

/// Why the walk will not read an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: Status,
    pub message: String,
}

/// How a walked file is read: as text, or as HTML (its text extracted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
}

impl Kind {
    /// The kind of a file by its extension (`.html`, `.htm`, `.xhtml`: HTML).
    pub fn of(path: &Path) -> Kind {
        let html = path.extension().is_some_and(|e| {
            ["html", "htm", "xhtml"]
                .iter()
                .any(|h| e.as_encoded_bytes().eq_ignore_ascii_case(h.as_bytes()))
        });
        if html {
            Kind::Html
        } else {
            Kind::Text
        }
    }
}

/// Whether a walked file name is one we analyse by default: `.txt`, `.md`,
/// HTML, and files without an extension.
fn wanted(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => {
            let ext = ext.as_encoded_bytes();
            ext.eq_ignore_ascii_case(b"txt")
                || ext.eq_ignore_ascii_case(b"md")
                || Kind::of(path) == Kind::Html
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

impl Filter {
    /// Whether the filter has `--include` globs: then a walked file of any
    /// extension is taken when it matches one.
    pub fn includes(&self) -> bool {
        self.include.is_some()
    }
}

/// What a walk found.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// The entries, sorted by display path, each path once.
    pub entries: Vec<Entry>,
    /// Files passed over in the folders walked, by extension (lowercase,
    /// with its dot): what a user may have meant to include.
    pub passed_over: std::collections::BTreeMap<String, usize>,
}

impl Walk {
    /// A sentence on what was passed over (`12 .pdf, 3 .docx`), if anything.
    pub fn passed_over_summary(&self) -> Option<String> {
        if self.passed_over.is_empty() {
            return None;
        }
        let mut by_count: Vec<(&String, &usize)> = self.passed_over.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = by_count
            .iter()
            .take(5)
            .map(|(e, n)| format!("{n} {e}"))
            .collect();
        let more = if by_count.len() > 5 { ", …" } else { "" };
        Some(format!("{}{more}", list.join(", ")))
    }
}

/// [`walk`], keeping the entries `filter` passes; with `--include` globs,
/// files of any extension are candidates.
pub fn walk_filtered(roots: &[PathBuf], filter: &Filter) -> Walk {
    let mut walk = walk_with(roots, filter.includes());
    walk.entries.retain(|e| filter.keeps(e));
    walk
}

/// Walks `roots`; entries come sorted by display path, each path once.
pub fn walk(roots: &[PathBuf]) -> Vec<Entry> {
    walk_with(roots, false).entries
}

/// Walks `roots`, taking files of any extension when `any`.
fn walk_with(roots: &[PathBuf], any: bool) -> Walk {
    let mut w = Walker {
        any,
        ancestors: std::collections::HashSet::new(),
        found: Vec::new(),
        passed_over: Default::default(),
    };
    for root in roots {
        w.visit(root, true, false);
    }
    let mut found = w.found;
    found.sort_by(|a, b| {
        (a.entry.display.as_str(), a.entry.path.as_os_str())
            .cmp(&(b.entry.display.as_str(), b.entry.path.as_os_str()))
    });
    found.dedup_by(|a, b| a.entry.path == b.entry.path);
    once_through_links(&mut found);
    Walk {
        entries: found.into_iter().map(|f| f.entry).collect(),
        passed_over: w.passed_over,
    }
}

/// An entry with what the walk knows of it: the file's identity and
/// whether a symbolic link led to it.
struct Found {
    entry: Entry,
    /// (device, inode) of a regular file.
    id: Option<(u64, u64)>,
    via_link: bool,
}

/// One file reached through symbolic links and by other paths is read
/// once: a path through a link to a file that is also reached otherwise
/// (the first such path in walk order names it), or through several links
/// (the first link keeps it), becomes a `skipped` row. Hard links — the
/// same file under two names, no symbolic link involved — stay two
/// documents.
fn once_through_links(found: &mut [Found]) {
    let mut groups: std::collections::HashMap<(u64, u64), Vec<usize>> = Default::default();
    for (i, f) in found.iter().enumerate() {
        if let (Some(id), None) = (f.id, &f.entry.problem) {
            groups.entry(id).or_default().push(i);
        }
    }
    for group in groups.into_values().filter(|g| g.len() > 1) {
        let keep = group
            .iter()
            .copied()
            .find(|&i| !found[i].via_link)
            .unwrap_or(group[0]);
        let kept = found[keep].entry.display.clone();
        let linked: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| i != keep && found[i].via_link)
            .collect();
        for i in linked {
            found[i].entry.problem = Some(Problem {
                status: Status::Skipped,
                message: format!(
                    "the same file as {kept}, reached through a symbolic link; read once"
                ),
            });
        }
    }
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

/// The state of a walk.
struct Walker {
    /// Take files of any extension (`--include` decides).
    any: bool,
    /// The folders being walked (device and inode), to detect symbolic-link
    /// loops in constant time per folder however deep the tree.
    ancestors: std::collections::HashSet<(u64, u64)>,
    found: Vec<Found>,
    passed_over: std::collections::BTreeMap<String, usize>,
}

/// A file's identity: (device, inode) where the system has them.
fn identity(meta: &fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

impl Walker {
    fn push(&mut self, entry: Entry, id: Option<(u64, u64)>, via_link: bool) {
        self.found.push(Found {
            entry,
            id,
            via_link,
        });
    }

    /// Whether a file met in a folder is taken; a passed-over file is
    /// counted by extension.
    fn takes(&mut self, path: &Path, explicit: bool) -> bool {
        if explicit || self.any || wanted(path) {
            return true;
        }
        let ext = path.extension().map_or(String::new(), |e| {
            format!(".{}", e.to_string_lossy().to_lowercase())
        });
        *self.passed_over.entry(ext).or_default() += 1;
        false
    }

    /// Visits `path`; `via_link`: a symbolic link led here.
    fn visit(&mut self, path: &Path, explicit: bool, via_link: bool) {
        let link = match fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) => {
                self.push(problem(path, Status::Error, e.to_string()), None, via_link);
                return;
            }
        };
        let is_link = link.file_type().is_symlink();
        let meta = if is_link {
            match fs::metadata(path) {
                Ok(m) => m,
                Err(e) => {
                    if !(explicit || self.any || wanted(path)) {
                        return;
                    }
                    let msg = if e.kind() == io::ErrorKind::NotFound {
                        format!("dangling symbolic link: {e}")
                    } else {
                        format!("symbolic link cannot be followed: {e}")
                    };
                    self.push(problem(path, Status::Error, msg), None, true);
                    return;
                }
            }
        } else {
            link
        };
        let via_link = via_link || is_link;
        if meta.is_dir() {
            let id = identity(&meta);
            let key = id.unwrap_or((0, 0));
            if id.is_some() && self.ancestors.contains(&key) {
                self.push(
                    problem(
                        path,
                        Status::Skipped,
                        "symbolic link loop: this folder contains itself".into(),
                    ),
                    None,
                    via_link,
                );
                return;
            }
            let mut children = Vec::new();
            match fs::read_dir(path) {
                Ok(rd) => {
                    for e in rd {
                        match e {
                            Ok(e) => children.push(e.path()),
                            Err(e) => self.push(
                                problem(
                                    path,
                                    Status::Error,
                                    format!("cannot list an entry of this folder: {e}"),
                                ),
                                None,
                                via_link,
                            ),
                        }
                    }
                }
                Err(e) => {
                    self.push(
                        problem(path, Status::Error, format!("cannot list folder: {e}")),
                        None,
                        via_link,
                    );
                    return;
                }
            }
            children.sort();
            if id.is_some() {
                self.ancestors.insert(key);
            }
            for child in children {
                if !child.file_name().is_some_and(is_hidden) {
                    self.visit(&child, false, via_link);
                }
            }
            if id.is_some() {
                self.ancestors.remove(&key);
            }
        } else if meta.is_file() {
            if self.takes(path, explicit) {
                let e = Entry {
                    bytes: meta.len(),
                    ..entry(path, None)
                };
                self.push(e, identity(&meta), via_link);
            }
        } else if explicit || self.any || wanted(path) {
            let p = problem(
                path,
                Status::Skipped,
                format!("not a regular file ({}); not opened", special_kind(&meta)),
            );
            self.push(p, None, via_link);
        }
    }
}

/// Why [`read_regular`] did not return bytes.
#[derive(Debug)]
pub enum ReadError {
    /// The path is not a regular file (it changed since the walk).
    NotRegular,
    /// The file is larger than the budget: not read.
    TooLarge { bytes: u64, budget: u64 },
    /// The operating system refused or failed.
    Io(io::Error),
}

/// What [`read_regular`] read.
#[derive(Debug, PartialEq, Eq)]
pub enum Contents {
    /// The file's bytes.
    Bytes(Vec<u8>),
    /// Its first bytes already show a binary file: the rest was not read.
    Binary,
}

/// Reads a regular file: at most `size` bytes (its size when walked, so a
/// file that keeps growing is not chased), refusing one larger than
/// `budget` bytes without reading it. The file is opened without blocking
/// (a FIFO put in its place after the walk would otherwise wait for a
/// writer) and checked to be a regular file before any read; its first
/// bytes are read first, and a binary file is left there.
pub fn read_regular(path: &Path, size: Option<u64>, budget: u64) -> Result<Contents, ReadError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let size = size.unwrap_or(meta.len()).min(meta.len());
    let mut file = file.take(size);
    let mut head = vec![0u8; super::decode::SNIFF_BYTES.min(size as usize)];
    file.read_exact(&mut head).map_err(ReadError::Io)?;
    if super::decode::looks_binary(&head) {
        return Ok(Contents::Binary);
    }
    if size > budget {
        return Err(ReadError::TooLarge {
            bytes: size,
            budget,
        });
    }
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(usize::try_from(size).unwrap_or(usize::MAX))
        .map_err(|e| ReadError::Io(io::Error::new(io::ErrorKind::OutOfMemory, e)))?;
    bytes.extend_from_slice(&head);
    file.read_to_end(&mut bytes).map_err(ReadError::Io)?;
    Ok(Contents::Bytes(bytes))
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
            read_regular(&d.join("pipe.txt"), None, 1 << 20),
            Err(ReadError::NotRegular)
        ));
        assert_eq!(
            read_regular(&d.join("sub/a.txt"), None, 1 << 20).unwrap(),
            Contents::Bytes(b"a".to_vec())
        );
    }
}
