//! The output folder: its lock, and the commit that replaces one set of
//! tables by another so that a reader, a crash or a full disk sees the old
//! set whole or the new set whole, never a mix.
//!
//! ```text
//! out/
//!   documents.csv -> .duolex/current/documents.csv   (one link per table, and run.json)
//!   run.json      -> .duolex/current/run.json
//!   .duolex/
//!     lock                  advisory lock (flock) held by the run writing here
//!     current -> gen-…      the one pointer: the committed generation
//!     gen-…/                a generation: every table and run.json of one run
//! ```
//!
//! A run writes its tables and `run.json` into a fresh generation folder,
//! flushes and syncs every file and the folder, makes sure each of its
//! tables has its link in `out/` (a link to a table the old set lacks
//! points at nothing until the switch), then renames a new `current` link
//! over the old one: that one `rename(2)` switches the whole set. Only then
//! are links to tables the run did not write, and old generations, removed.
//! Users open `out/documents.csv` as before; the links are relative, so a
//! copied or moved folder keeps working.
//!
//! A folder whose tables are plain files (written by an earlier duolex, or
//! saved over by a spreadsheet) is adopted first: its files are hard-linked
//! into a generation of their own, `current` points there, and each file is
//! replaced by its link — every path shows the same bytes at every step.
//!
//! Where the file system has no symbolic links (FAT, exFAT, some network
//! shares) or hard links, or off Unix, the fallback writes the same
//! staging folder, removes `run.json`, moves the tables into place one by
//! one, and moves `run.json` in last: a crash in that window (a few
//! milliseconds) leaves a folder without `run.json`, which `duolex verify`
//! reports as an interrupted commit, never a folder that claims a run it
//! does not hold.

use crate::config::{Error, Table};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// The folder of duolex's own state inside an output folder.
pub const STATE_DIR: &str = ".duolex";
const LOCK: &str = "lock";
const CURRENT: &str = "current";
const GENERATION: &str = "gen-";

/// File extensions of tables, one file per table (the workbook is
/// `duolex.xlsx`).
const TABLE_EXTENSIONS: [&str; 3] = ["csv", "jsonl", "parquet"];

/// Whether `name` is one of the names duolex writes in an output folder:
/// a table in any format (`terms.csv`, `terms.jsonl`, …), the workbook
/// `duolex.xlsx`, or `run.json`. Only such files are ever replaced or
/// removed.
///
/// ```
/// use duolex_pipeline::output::is_duolex_name;
/// assert!(is_duolex_name("terms.csv") && is_duolex_name("run.json") && is_duolex_name("duolex.xlsx"));
/// assert!(!is_duolex_name("notes.csv") && !is_duolex_name("terms.xlsx"));
/// ```
pub fn is_duolex_name(name: &str) -> bool {
    if name == "run.json" || name == "duolex.xlsx" {
        return true;
    }
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        TABLE_EXTENSIONS.contains(&ext) && Table::ALL.iter().any(|t| t.name() == stem)
    })
}

/// A test seam, read in every build like git's `GIT_TEST_*` variables:
/// `DUOLEX_TEST_FAULT` holds comma-separated faults — `kill@STEP` (the
/// process kills itself with SIGKILL at a commit step: `staged`, `linked`,
/// `flipped`, or `moved-N` in the fallback), `enospc@NAME` (writing the
/// staged file NAME fails as on a full disk), `no-links` (the fallback
/// commit).
fn faults() -> &'static [String] {
    static FAULTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FAULTS.get_or_init(|| {
        std::env::var("DUOLEX_TEST_FAULT")
            .map(|v| v.split(',').map(str::to_string).collect())
            .unwrap_or_default()
    })
}

/// Kills the process at commit step `step` if a fault asks for it.
fn step(step: &str) {
    if faults()
        .iter()
        .any(|f| f.strip_prefix("kill@") == Some(step))
    {
        #[cfg(unix)]
        // SAFETY: sends a signal to this process.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
        std::process::abort();
    }
}

/// An injected full disk for the staged file `name`.
pub(crate) fn write_fault(name: &str) -> io::Result<()> {
    if faults()
        .iter()
        .any(|f| f.strip_prefix("enospc@") == Some(name))
    {
        #[cfg(unix)]
        return Err(io::Error::from_raw_os_error(libc::ENOSPC));
        #[cfg(not(unix))]
        return Err(io::Error::other("no space left on device (injected)"));
    }
    Ok(())
}

/// Flushes a folder's entries to disk (a no-op where folders cannot be
/// opened as files).
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    let _ = dir;
    Ok(())
}

/// The advisory lock on an output folder, held from the start of a run to
/// the end of its commit.
struct Lock {
    // Closing the file releases the lock.
    _file: File,
}

impl Lock {
    /// Takes the lock at `path`, or says who holds it.
    #[cfg(unix)]
    fn take(path: &Path, dir: &Path) -> Result<Lock, Error> {
        use std::io::{Read, Seek, Write};
        use std::os::unix::io::AsRawFd;
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| Error::output(path, e))?;
        // SAFETY: flock on a descriptor this function owns.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::WouldBlock {
                return Err(Error::output(path, err));
            }
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            return Err(Error::output(dir, busy(&holder)));
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let holder = format!("pid {} started {now}\n", std::process::id());
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(holder.as_bytes()));
        Ok(Lock { _file: file })
    }

    #[cfg(not(unix))]
    fn take(path: &Path, _dir: &Path) -> Result<Lock, Error> {
        let file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| Error::output(path, e))?;
        Ok(Lock { _file: file })
    }
}

/// The error of a folder another run holds, naming it from the lock
/// file's `pid N started SECS`.
fn busy(holder: &str) -> io::Error {
    let mut words = holder.split_whitespace();
    let (pid, started) = match (words.next(), words.next(), words.next(), words.next()) {
        (Some("pid"), Some(pid), Some("started"), Some(secs)) => (pid, secs.parse::<u64>().ok()),
        _ => ("unknown", None),
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let since = started.map_or(String::new(), |s| {
        format!(", started {} s ago", now.saturating_sub(s))
    });
    io::Error::new(
        io::ErrorKind::WouldBlock,
        format!(
            "another duolex run (pid {pid}{since}) is writing into this folder; \
             wait for it to finish or choose another --out"
        ),
    )
}

/// An output folder being written: locked, with a fresh staging folder
/// that becomes the committed generation.
pub(crate) struct Folder {
    dir: PathBuf,
    state: PathBuf,
    staging: PathBuf,
    /// Whether the commit goes through links (else the fallback).
    links: bool,
    committed: bool,
    _lock: Lock,
}

/// What a commit did besides placing the new set.
#[derive(Debug, Default)]
pub(crate) struct Replaced {
    /// Tables of duolex's names this run did not write, removed.
    pub removed: Vec<PathBuf>,
}

impl Folder {
    /// Creates `dir` if needed and locks it, clears what killed runs left
    /// (nothing else can be writing while the lock is held), refuses a
    /// folder in the place of any of `names` before anything is written,
    /// and makes a fresh staging folder.
    pub(crate) fn open(dir: &Path, names: &[String]) -> Result<Folder, Error> {
        fs::create_dir_all(dir).map_err(|e| Error::output(dir, e))?;
        let state = dir.join(STATE_DIR);
        match fs::create_dir(&state) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && state.is_dir() => {}
            Err(e) => return Err(Error::output(&state, e)),
        }
        let lock = Lock::take(&state.join(LOCK), dir)?;
        clean_stale(dir, &state);
        // A name taken by a folder would only fail when the set is
        // switched: fail before writing.
        for name in names {
            let target = dir.join(name);
            if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
                return Err(Error::output(
                    target,
                    io::Error::other("a folder of that name is in the way"),
                ));
            }
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let staging = state.join(format!("{GENERATION}{nanos}-{}", std::process::id()));
        fs::create_dir(&staging).map_err(|e| Error::output(&staging, e))?;
        let links = cfg!(unix) && !faults().iter().any(|f| f == "no-links") && links_work(&state);
        Ok(Folder {
            dir: dir.to_path_buf(),
            state,
            staging,
            links,
            committed: false,
            _lock: lock,
        })
    }

    /// Where the new set is written.
    pub(crate) fn staging(&self) -> &Path {
        &self.staging
    }

    /// Puts the staged set in place of the old one: `names` are the files
    /// of the staging folder (every one written, flushed and synced).
    pub(crate) fn commit(mut self, names: &[String]) -> Result<Replaced, Error> {
        sync_dir(&self.staging).map_err(|e| Error::output(&self.staging, e))?;
        step("staged");
        let adopted = self.links && self.adopt().map_err(|e| Error::output(&self.dir, e))?;
        let replaced = if adopted {
            self.switch(names)?
        } else {
            self.move_in(names)?
        };
        self.committed = true;
        Ok(replaced)
    }

    /// The committed generation's folder name, if any.
    fn current(&self) -> Option<String> {
        fs::read_link(self.state.join(CURRENT))
            .ok()
            .map(|p| p.to_string_lossy().into_owned())
    }

    /// Gives the tables that are plain files (or links elsewhere) a
    /// generation of their own, so that every table is a link into
    /// `current` before the switch; each path shows the same bytes at
    /// every step. False when the file system refuses hard links (then the
    /// fallback commits).
    #[cfg(unix)]
    fn adopt(&self) -> io::Result<bool> {
        let current = self.current();
        let mut strays = Vec::new();
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !is_duolex_name(&name) {
                continue;
            }
            let meta = entry.path().symlink_metadata()?;
            let ours = meta.file_type().is_symlink()
                && fs::read_link(entry.path()).is_ok_and(|t| t == link_target(&name));
            if !ours && !meta.is_dir() {
                strays.push(name);
            }
        }
        if strays.is_empty() {
            return Ok(true);
        }
        // The adopted generation holds every table as each path shows it
        // now: the strays' files, and the current generation's others.
        let adopted = self
            .state
            .join(format!("{GENERATION}adopted-{}", std::process::id()));
        if adopted.exists() {
            fs::remove_dir_all(&adopted)?;
        }
        fs::create_dir(&adopted)?;
        let mut shown: Vec<(String, PathBuf)> = Vec::new();
        if let Some(current) = &current {
            for entry in fs::read_dir(self.state.join(current))? {
                let name = entry?.file_name().to_string_lossy().into_owned();
                if !strays.contains(&name) {
                    shown.push((name.clone(), self.state.join(current).join(&name)));
                }
            }
        }
        for name in &strays {
            // What the path shows: the file, or the file a link leads to.
            match fs::canonicalize(self.dir.join(name)) {
                Ok(file) if file.is_file() => shown.push((name.clone(), file)),
                _ => {}
            }
        }
        for (name, file) in &shown {
            if fs::hard_link(file, adopted.join(name)).is_err() {
                let _ = fs::remove_dir_all(&adopted);
                return Ok(false);
            }
        }
        sync_dir(&adopted)?;
        self.point_current_at(&adopted)?;
        for name in &strays {
            self.link(name)?;
        }
        sync_dir(&self.dir)?;
        Ok(true)
    }

    #[cfg(not(unix))]
    fn adopt(&self) -> io::Result<bool> {
        Ok(false)
    }

    /// Places `out/NAME -> .duolex/current/NAME`, replacing what is there.
    #[cfg(unix)]
    fn link(&self, name: &str) -> io::Result<()> {
        let path = self.dir.join(name);
        let target = link_target(name);
        if fs::read_link(&path).is_ok_and(|t| t == target) {
            return Ok(());
        }
        let tmp = self
            .state
            .join(format!("link-{name}.tmp-{}", std::process::id()));
        let _ = fs::remove_file(&tmp);
        std::os::unix::fs::symlink(&target, &tmp)?;
        fs::rename(&tmp, &path).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }

    /// Renames a new `current` link to `generation` over the old one.
    #[cfg(unix)]
    fn point_current_at(&self, generation: &Path) -> io::Result<()> {
        let name = generation.file_name().unwrap_or_default();
        let tmp = self
            .state
            .join(format!("{CURRENT}.tmp-{}", std::process::id()));
        let _ = fs::remove_file(&tmp);
        std::os::unix::fs::symlink(name, &tmp)?;
        fs::rename(&tmp, self.state.join(CURRENT))?;
        sync_dir(&self.state)
    }

    /// The commit through links: every link of the new set, then the one
    /// rename that switches `current`, then the cleaning.
    #[cfg(unix)]
    fn switch(&self, names: &[String]) -> Result<Replaced, Error> {
        let fail = |path: &Path, e| Error::output(path, e);
        for name in names {
            self.link(name).map_err(|e| fail(&self.dir.join(name), e))?;
        }
        sync_dir(&self.dir).map_err(|e| fail(&self.dir, e))?;
        // What each stale name shows before the switch (a link whose table
        // the old set lacks shows nothing, and is not reported).
        let stale: Vec<(PathBuf, bool)> = self
            .stale_tables(names)
            .into_iter()
            .map(|p| {
                let shown = p.exists();
                (p, shown)
            })
            .collect();
        step("linked");
        self.point_current_at(&self.staging)
            .map_err(|e| fail(&self.state.join(CURRENT), e))?;
        step("flipped");
        // The new set is in place: what follows only removes.
        let mut replaced = Replaced::default();
        for (path, shown) in stale {
            if fs::remove_file(&path).is_ok() && shown {
                replaced.removed.push(path);
            }
        }
        clean_stale(&self.dir, &self.state);
        let _ = sync_dir(&self.dir);
        Ok(replaced)
    }

    #[cfg(not(unix))]
    fn switch(&self, names: &[String]) -> Result<Replaced, Error> {
        self.move_in(names)
    }

    /// Entries of duolex's names in `out/` that the new set lacks (never
    /// folders).
    fn stale_tables(&self, names: &[String]) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut stale: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                is_duolex_name(&name)
                    && !names.contains(&name)
                    && e.path().symlink_metadata().is_ok_and(|m| !m.is_dir())
            })
            .map(|e| e.path())
            .collect();
        stale.sort();
        stale
    }

    /// The fallback commit: `run.json` out, the tables moved in one by
    /// one, `run.json` in last, then the tables of the old set removed.
    fn move_in(&self, names: &[String]) -> Result<Replaced, Error> {
        let fail = |path: &Path, e| Error::output(path, e);
        let manifest = self.dir.join("run.json");
        match fs::remove_file(&manifest) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(fail(&manifest, e)),
            _ => {}
        }
        let stale = self.stale_tables(names);
        let (last, first): (Vec<&String>, Vec<&String>) =
            names.iter().partition(|n| *n == "run.json");
        for (i, name) in first.into_iter().chain(last).enumerate() {
            let to = self.dir.join(name);
            fs::rename(self.staging.join(name), &to).map_err(|e| fail(&to, e))?;
            step(&format!("moved-{i}"));
        }
        sync_dir(&self.dir).map_err(|e| fail(&self.dir, e))?;
        let mut replaced = Replaced::default();
        for path in stale {
            if fs::remove_file(&path).is_ok() {
                replaced.removed.push(path);
            }
        }
        // The tables are plain files now: no generation is current.
        let _ = fs::remove_file(self.state.join(CURRENT));
        clean_stale(&self.dir, &self.state);
        Ok(replaced)
    }
}

impl Drop for Folder {
    /// A folder dropped before its commit (a failed run) removes its
    /// staging folder; the old set was never touched.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// `.duolex/current/NAME`, the target of a table's link.
fn link_target(name: &str) -> PathBuf {
    Path::new(STATE_DIR).join(CURRENT).join(name)
}

/// Whether symbolic links can be made in `state` (not on FAT, exFAT and
/// some network shares).
fn links_work(state: &Path) -> bool {
    #[cfg(unix)]
    {
        let probe = state.join(format!("probe.tmp-{}", std::process::id()));
        let _ = fs::remove_file(&probe);
        let ok = std::os::unix::fs::symlink(CURRENT, &probe).is_ok();
        let _ = fs::remove_file(&probe);
        ok
    }
    #[cfg(not(unix))]
    {
        let _ = state;
        false
    }
}

/// Removes what runs killed in this folder left: generations other than
/// the current one, temporary links, and duolex's temporary files in the
/// folder itself (`.NAME.tmp-PID` of a table, `.duolex-stats-N.tmp-PID`).
/// Called with the folder's lock held, so none of them belongs to a live
/// run, whatever its process id (an id may be in use again); older duolex
/// versions, which took no lock, named theirs the same way.
fn clean_stale(dir: &Path, state: &Path) {
    let current = fs::read_link(state.join(CURRENT))
        .ok()
        .map(|p| p.to_string_lossy().into_owned());
    if let Ok(entries) = fs::read_dir(state) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == LOCK || name == CURRENT || Some(&name) == current.as_ref() {
                continue;
            }
            let path = entry.path();
            if path.symlink_metadata().is_ok_and(|m| m.is_dir()) {
                let _ = fs::remove_dir_all(&path);
            } else {
                let _ = fs::remove_file(&path);
            }
        }
    }
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((base, pid)) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp-"))
            else {
                continue;
            };
            let ours = is_duolex_name(base) || base.starts_with("duolex-stats-");
            if ours && pid.parse::<u32>().is_ok() {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}
