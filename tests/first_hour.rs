//! What a new user meets first, on the real binary: typos in paths, closed
//! pipes, impossible options — each a clear message, the documented exit
//! code, and nothing written that should not be.

mod common;

use common::{assert_code, duolex, write_tree};
use std::io::Read;
use std::process::{Command, Stdio};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_missing_input_is_named_and_nothing_is_written_when_nothing_exists() {
    let dir = tempfile::tempdir().unwrap();
    let out = duolex(dir.path(), &["analyze", "nosuchdir", "--out", "o"]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("nosuchdir: No such file"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("o").exists(), "no output folder");
    for cmd in [
        &["keywords", "nosuch"][..],
        &["kwic", "modèle", "nosuchdir"],
    ] {
        let out = duolex(dir.path(), cmd);
        assert_code(&out, 2);
        assert!(stderr(&out).contains("nosuch"), "{cmd:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{cmd:?}");
    }
}

#[test]
fn a_partly_missing_input_list_gives_rows_for_all_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[("c/a.txt", "Le modèle est rapide.".as_bytes())],
    );
    let out = duolex(dir.path(), &["analyze", "c", "typo", "--out", "o", "-q"]);
    assert_code(&out, 1);
    assert!(
        stderr(&out).contains("typo: no such file"),
        "{}",
        stderr(&out)
    );
    let documents = std::fs::read_to_string(dir.path().join("o/documents.csv")).unwrap();
    assert!(documents.contains("c/a.txt,ok,"), "{documents}");
    assert!(documents.contains("typo,error,"), "{documents}");
    let out = duolex(dir.path(), &["kwic", "modèle", "c", "typo"]);
    assert_code(&out, 1);
    assert!(String::from_utf8_lossy(&out.stdout).contains("[modèle]"));
    assert!(stderr(&out).contains("typo: error:"), "{}", stderr(&out));
}

#[test]
fn a_missing_reference_or_default_corpus_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[("c/a.txt", "Le modèle est rapide.".as_bytes())],
    );
    let out = duolex(
        dir.path(),
        &["analyze", "c", "--reference", "nosuch", "--out", "o"],
    );
    assert_code(&out, 2);
    assert!(stderr(&out).contains("nosuch"), "{}", stderr(&out));
    assert!(!dir.path().join("o").exists());
    // No path given, and no corpus/ here: nothing is created.
    let out = duolex(dir.path(), &["analyze"]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("no corpus/ folder here"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn impossible_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[("c/a.txt", "Le modèle est rapide.".as_bytes())],
    );
    let out = duolex(dir.path(), &["analyze", "c", "--jobs", "100000"]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("threads of this machine"),
        "{}",
        stderr(&out)
    );
    let out = duolex(
        dir.path(),
        &["analyze", "c", "--langs", "fr,en,fr", "--out", "o"],
    );
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("--langs names fr twice"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("o").exists());
    let out = duolex(dir.path(), &["detect", "c/a.txt", "--langs", "en,en"]);
    assert_code(&out, 2);
}

/// Reads a little of a command's output, then closes the pipe.
fn closed_early(args: &[&str], cwd: &std::path::Path) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_duolex"))
        .current_dir(cwd)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Le modèle est rapide. « The model is open », dit-il.\n".repeat(40_000);
    write_tree(dir.path(), &[("c/a.txt", text.as_bytes())]);
    for args in [
        &["kwic", "modèle", "c"][..],
        &["detect", "c/a.txt"],
        &["tokens", "c/a.txt"],
        &["keywords", "c", "--top", "100000"],
    ] {
        let out = closed_early(args, dir.path());
        assert_code(&out, 0);
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr(&out));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_standard_error_that_cannot_be_written_is_exit_2_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[("c/a.txt", "Le modèle est rapide.".as_bytes())],
    );
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_duolex"))
        .current_dir(dir.path())
        .args(["analyze", "c", "--out", "o"])
        .stderr(full)
        .output()
        .unwrap();
    assert_code(&out, 2);
    // The tables were written; only the summary could not be.
    assert!(dir.path().join("o/documents.csv").exists());
}
