//! The output folder as one set (issues #22 and #21): a run replaces the
//! whole set of tables and `run.json` at once — a full disk, a kill
//! between commit steps or a folder in `run.json`'s place leave the
//! previous set whole, never a mix (checked with `run.json`'s checksums
//! by `duolex verify`) —, a second run into the same folder is refused
//! while the first holds its lock, and a run removes the tables of
//! duolex's names it did not write, never another file.
#![cfg(unix)]

mod common;

use common::{assert_code, duolex, write_tree};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const DOC_A: &str = "date 2025-01\nLe modèle de langage est rapide.\n\nThe model is open.\n";
const DOC_B: &str = "date 2025-02\nUne autre histoire, un autre modèle.\n";

fn run_in(dir: &Path, args: &[&str], fault: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_duolex"));
    cmd.current_dir(dir).args(args);
    if let Some(f) = fault {
        cmd.env("DUOLEX_TEST_FAULT", f);
    }
    cmd.output().expect("run duolex")
}

fn verify(dir: &Path, out: &str) -> Output {
    duolex(dir, &["verify", out])
}

/// The names users see in a folder (not the hidden state).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Every file's bytes as users see them.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    listing(dir)
        .into_iter()
        .filter_map(|n| std::fs::read(dir.join(&n)).ok().map(|b| (n, b)))
        .collect()
}

/// What the state folder holds: the lock, the pointer and one generation.
fn assert_clean_state(out: &Path) {
    let mut names: Vec<String> = std::fs::read_dir(out.join(".duolex"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "current");
    assert!(names[1].starts_with("gen-"), "{names:?}");
    assert_eq!(names[2], "lock");
    let stray: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_run_owns_its_tables_and_verify_checks_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_tree(
        d,
        &[("c/a.txt", DOC_A.as_bytes()), ("c/b.txt", DOC_B.as_bytes())],
    );
    // Files of the user's own in the output folder are never touched.
    write_tree(d, &[("out/notes.txt", b"mine"), ("out/mine.csv", b"a,b\n")]);
    std::fs::create_dir_all(d.join("out/keep")).unwrap();

    assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
    let out = d.join("out");
    let all = [
        "documents.csv",
        "keep",
        "keyness.csv",
        "keywords.csv",
        "mine.csv",
        "ngrams.csv",
        "notes.txt",
        "run.json",
        "segments.csv",
        "terms.csv",
        "vocabulary.csv",
    ];
    assert_eq!(listing(&out), all);
    let ok = verify(d, "out");
    assert_code(&ok, 0);
    assert!(String::from_utf8_lossy(&ok.stdout).contains("one consistent run (7 tables"));
    assert_clean_state(&out);

    // A subset: the tables it did not write go, and the summary says so.
    let subset = duolex(d, &["analyze", "c", "--out", "out", "--tables", "segments"]);
    assert_code(&subset, 0);
    let err = stderr(&subset);
    assert!(
        err.contains("removed tables of an earlier run that this run did not write: keyness.csv keywords.csv ngrams.csv terms.csv vocabulary.csv"),
        "{err}"
    );
    assert_eq!(
        listing(&out),
        [
            "documents.csv",
            "keep",
            "mine.csv",
            "notes.txt",
            "run.json",
            "segments.csv"
        ]
    );
    assert_code(&verify(d, "out"), 0);

    // Another format: the CSV tables go.
    assert_code(
        &duolex(
            d,
            &["analyze", "c", "--out", "out", "--format", "jsonl", "-q"],
        ),
        0,
    );
    let jsonl = listing(&out);
    assert!(
        jsonl.contains(&"terms.jsonl".to_string())
            && !jsonl.iter().any(|n| n.ends_with(".csv") && n != "mine.csv")
    );
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
    assert_eq!(std::fs::read(out.join("mine.csv")).unwrap(), b"a,b\n");
    assert!(out.join("keep").is_dir());
    assert_code(&verify(d, "out"), 0);

    // A changed table, and a table from elsewhere, are reported by name.
    std::fs::write(out.join("terms.jsonl"), "{}\n").unwrap();
    let changed = verify(d, "out");
    assert_code(&changed, 1);
    assert!(stderr(&changed).contains("out/terms.jsonl: not the table run.json describes"));
    std::fs::write(out.join("ngrams.csv"), "x\n").unwrap();
    let stray = verify(d, "out");
    assert_code(&stray, 1);
    assert!(stderr(&stray).contains("out/ngrams.csv: a table run.json does not list"));
    // No run.json, and no folder at all.
    assert_code(&verify(d, "c"), 1);
    let none = verify(d, "nosuch");
    assert_code(&none, 2);
    assert!(stderr(&none).contains("nosuch"));
}

/// Mounts a tmpfs of `size` at `at`; unmounted when dropped. None when the
/// test may not mount (not root, no mount namespace).
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A corpus of many distinct words: its tables take a few megabytes.
fn big_corpus(dir: &Path) {
    let mut text = String::new();
    for i in 0..60_000u32 {
        // A distinct made-up word of letters for each sentence.
        let mut word = String::from("mot");
        let mut n = i;
        loop {
            word.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
            if n == 0 {
                break;
            }
        }
        text.push_str(&format!("Le modèle {word} avance. "));
        if i % 20 == 19 {
            text.push_str("\n\n");
        }
    }
    write_tree(dir, &[("big/a.txt", text.as_bytes())]);
}

#[test]
fn a_full_disk_fails_the_run_before_anything_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_tree(d, &[("c/a.txt", DOC_A.as_bytes())]);
    big_corpus(d);

    // Injected: the last buffer of a table, or run.json, cannot be written.
    assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
    let before = snapshot(&d.join("out"));
    for file in ["vocabulary.csv", "run.json"] {
        let failed = run_in(
            d,
            &["analyze", "big", "--out", "out", "-q"],
            Some(&format!("enospc@{file}")),
        );
        assert_code(&failed, 2);
        let err = stderr(&failed);
        assert!(
            err.contains(&format!("out/{file}")) && err.contains("No space left"),
            "{err}"
        );
        assert_eq!(
            snapshot(&d.join("out")),
            before,
            "{file}: the old set changed"
        );
        assert_code(&verify(d, "out"), 0);
        assert_clean_state(&d.join("out"));
    }

    // A real full disk, where the test may mount a small tmpfs.
    let Some(fs) = Tmpfs::mount(&d.join("disk"), "1m") else {
        eprintln!("cannot mount a tmpfs here: the injected full disk above stands in");
        return;
    };
    let out = fs.0.join("out");
    let out_arg = out.to_str().unwrap();
    assert_code(&duolex(d, &["analyze", "c", "--out", out_arg, "-q"]), 0);
    let before = snapshot(&out);
    let failed = duolex(d, &["analyze", "big", "--out", out_arg, "-q"]);
    assert_code(&failed, 2);
    let err = stderr(&failed);
    assert!(
        err.contains(out_arg) && err.contains("No space left"),
        "{err}"
    );
    assert_eq!(snapshot(&out), before, "the old set changed");
    assert_code(&verify(d, out_arg), 0);
    assert_clean_state(&out);
}

#[test]
fn a_kill_between_commit_steps_leaves_one_whole_set() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_tree(
        d,
        &[("c/a.txt", DOC_A.as_bytes()), ("n/b.txt", DOC_B.as_bytes())],
    );
    let manifest = |d: &Path| std::fs::read_to_string(d.join("out/run.json")).unwrap();
    // Before the switch the old set stays; after it the new set is whole.
    for (step, new) in [("staged", false), ("linked", false), ("flipped", true)] {
        assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
        let old = snapshot(&d.join("out"));
        let killed = run_in(
            d,
            &["analyze", "n", "--out", "out", "-q", "--tables", "terms"],
            Some(&format!("kill@{step}")),
        );
        assert_eq!(killed.status.code(), None, "{step}: killed by a signal");
        assert_code(&verify(d, "out"), 0);
        if new {
            assert!(manifest(d).contains("\"n\""), "{step}: the new set");
            assert!(!d.join("out/keyness.csv").exists());
        } else {
            assert_eq!(snapshot(&d.join("out")), old, "{step}: the old set");
        }
        // The next run clears what the killed one left.
        assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
        assert_clean_state(&d.join("out"));
    }
    // The fallback (no links) moves tables one by one after removing
    // run.json: a kill in that window leaves a folder verify calls
    // unfinished, never one that claims a run it does not hold.
    let killed = run_in(
        d,
        &["analyze", "n", "--out", "out", "-q"],
        Some("no-links,kill@moved-2"),
    );
    assert_eq!(killed.status.code(), None);
    let unfinished = verify(d, "out");
    assert_code(&unfinished, 1);
    assert!(stderr(&unfinished).contains("run.json: missing"));
    let fallback = run_in(d, &["analyze", "n", "--out", "out", "-q"], Some("no-links"));
    assert_code(&fallback, 0);
    assert_code(&verify(d, "out"), 0);
    assert!(std::fs::symlink_metadata(d.join("out/terms.csv"))
        .unwrap()
        .is_file());
    // Back to links: the plain files are adopted, then replaced as a set.
    assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
    assert_code(&verify(d, "out"), 0);
    assert!(manifest(d).contains("\"c\""));
    assert!(std::fs::symlink_metadata(d.join("out/terms.csv"))
        .unwrap()
        .is_symlink());
    assert_clean_state(&d.join("out"));
}

#[test]
fn a_second_run_into_a_locked_folder_is_refused_with_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_tree(d, &[("c/a.txt", DOC_A.as_bytes())]);
    big_corpus(d);
    let mut first = Command::new(env!("CARGO_BIN_EXE_duolex"))
        .current_dir(d)
        .args(["analyze", "big", "--out", "out", "-q"])
        .spawn()
        .unwrap();
    // Stop the first run once it holds the lock.
    let lock = d.join("out/.duolex/lock");
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&lock).is_ok_and(|s| s.starts_with("pid ")) {
        assert!(
            started.elapsed().as_secs() < 60,
            "the first run never took the lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let pid = first.id().to_string();
    assert!(Command::new("kill")
        .args(["-STOP", &pid])
        .status()
        .unwrap()
        .success());
    let second = duolex(d, &["analyze", "c", "--out", "out", "-q"]);
    assert!(Command::new("kill")
        .args(["-CONT", &pid])
        .status()
        .unwrap()
        .success());
    assert_code(&second, 2);
    let err = stderr(&second);
    assert!(
        err.contains("out") && err.contains(&format!("another duolex run (pid {pid}")),
        "{err}"
    );
    assert!(first.wait().unwrap().success());
    assert_code(&verify(d, "out"), 0);
    assert!(std::fs::read_to_string(d.join("out/run.json"))
        .unwrap()
        .contains("\"big\""));
    // Once the first is done, the folder is free again.
    assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
}

#[test]
fn a_folder_in_run_json_place_fails_before_anything_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_tree(
        d,
        &[("c/a.txt", DOC_A.as_bytes()), ("n/b.txt", DOC_B.as_bytes())],
    );
    assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
    std::fs::remove_file(d.join("out/run.json")).unwrap();
    std::fs::create_dir_all(d.join("out/run.json/inside")).unwrap();
    let before = snapshot(&d.join("out"));
    let failed = duolex(d, &["analyze", "n", "--out", "out", "-q"]);
    assert_code(&failed, 2);
    let err = stderr(&failed);
    assert!(
        err.contains("out/run.json") && err.contains("folder"),
        "{err}"
    );
    assert_eq!(snapshot(&d.join("out")), before);
    assert!(d.join("out/run.json/inside").is_dir());
}

#[test]
fn stale_temporaries_are_cleared_whatever_their_process_id() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_tree(d, &[("c/a.txt", DOC_A.as_bytes())]);
    assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
    // Process 1 is always alive: a dead-PID rule would keep these.
    write_tree(
        d,
        &[
            ("out/.terms.csv.tmp-1", b"half"),
            ("out/.duolex-stats-0.tmp-1", b"half"),
            ("out/.duolex/gen-1-1/terms.csv", b"half"),
            ("out/.notes.txt.tmp-1", b"not ours"),
        ],
    );
    assert_code(&duolex(d, &["analyze", "c", "--out", "out", "-q"]), 0);
    assert!(!d.join("out/.terms.csv.tmp-1").exists());
    assert!(!d.join("out/.duolex-stats-0.tmp-1").exists());
    assert!(!d.join("out/.duolex/gen-1-1").exists());
    assert!(d.join("out/.notes.txt.tmp-1").exists(), "not a duolex name");
}
