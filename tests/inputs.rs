//! Inputs a careless user or an attacker brings, on the real binary: HTML
//! pages, other extensions, files too large for the budget, sparse and
//! growing files, a virtual-memory limit, links to one file, deep trees,
//! mixed encodings, an endless standard input.

mod common;

use common::{assert_code, duolex, read_table, write_tree};
use std::collections::HashMap;
use std::path::Path;

type Row = HashMap<String, String>;

fn documents(dir: &Path) -> HashMap<String, Row> {
    read_table(&dir.join("documents.csv"))
        .into_iter()
        .map(|r| (r["path"].clone(), r))
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn html_pages_are_read_as_the_text_a_reader_sees() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!doctype html><html><head><title>DeepSeek</title><script>var x = \"le la les\";</script></head>\
        <body><p>L&rsquo;entreprise a publi&eacute; son mod&egrave;le.</p>\
        <blockquote>&laquo;&nbsp;we will deliver much better models&nbsp;&raquo;</blockquote></body></html>";
    write_tree(
        dir.path(),
        &[
            ("c/page.html", page.as_bytes()),
            ("c/b.HTM", b"<p>Bonjour le monde.</p>"),
        ],
    );
    let out = duolex(dir.path(), &["analyze", "c", "--out", "o", "-q"]);
    assert_code(&out, 0);
    let docs = documents(&dir.path().join("o"));
    assert_eq!(docs.len(), 2, "{docs:?}");
    let page_row = &docs["c/page.html"];
    assert_eq!(
        (page_row["status"].as_str(), page_row["format"].as_str()),
        ("ok", "html")
    );
    assert_eq!(docs["c/b.HTM"]["format"], "html");
    let segments = read_table(&dir.path().join("o/segments.csv"));
    let texts: Vec<(&str, &str)> = segments
        .iter()
        .filter(|r| r["path"] == "c/page.html")
        .map(|r| (r["lang"].as_str(), r["text"].as_str()))
        .collect();
    assert!(
        texts
            .iter()
            .any(|(l, t)| *l == "en" && t.contains("we will deliver much better models")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|(l, t)| *l == "fr" && t.contains("L’entreprise a publié son modèle.")),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|(_, t)| t.contains("var x")),
        "scripts are not text"
    );
}

#[test]
fn other_extensions_are_passed_over_with_a_hint_and_include_brings_them_in() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("c/a.csv", b"le modele est rapide".as_slice()),
            ("c/b.pdf", b"%PDF".as_slice()),
        ],
    );
    let out = duolex(dir.path(), &["analyze", "c", "--out", "o"]);
    assert_code(&out, 0);
    assert!(
        stderr(&out).contains("no file to analyse: passed over 1 .csv, 1 .pdf"),
        "{}",
        stderr(&out)
    );
    let out = duolex(
        dir.path(),
        &["analyze", "c", "--out", "o", "--include", "*.csv", "-q"],
    );
    assert_code(&out, 0);
    let docs = documents(&dir.path().join("o"));
    assert_eq!(docs.keys().collect::<Vec<_>>(), ["c/a.csv"]);
    assert_eq!(docs["c/a.csv"]["status"], "ok");
}

#[test]
fn a_file_over_the_budget_gets_its_row_and_the_others_are_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let big = "Le modèle est rapide et les données sont publiques. ".repeat(40_000);
    write_tree(
        dir.path(),
        &[
            ("c/big.txt", big.as_bytes()),
            ("c/small.txt", b"Le modele."),
        ],
    );
    let out = duolex(
        dir.path(),
        &["analyze", "c", "--out", "o", "-q", "--max-file-mb", "1"],
    );
    assert_code(&out, 1);
    let docs = documents(&dir.path().join("o"));
    let row = &docs["c/big.txt"];
    assert_eq!(row["status"], "error");
    assert!(row["error"].contains("larger than the 1 MiB"), "{row:?}");
    assert_eq!(row["bytes"], big.len().to_string());
    assert_eq!(docs["c/small.txt"]["status"], "ok");
}

/// A sparse file of `len` bytes whose first bytes are `head`.
fn sparse(path: &Path, head: &[u8], len: u64) {
    let f = std::fs::File::create(path).unwrap();
    use std::io::Write;
    (&f).write_all(head).unwrap();
    f.set_len(len).unwrap();
}

#[test]
fn huge_sparse_files_are_told_by_their_first_bytes_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("c")).unwrap();
    sparse(&dir.path().join("c/zeros.txt"), b"", 3 << 30);
    sparse(
        &dir.path().join("c/text.txt"),
        "Le modèle est rapide. ".repeat(500).as_bytes(),
        3 << 30,
    );
    write_tree(dir.path(), &[("c/ok.txt", b"Le modele est rapide.")]);
    let out = duolex(dir.path(), &["analyze", "c", "--out", "o", "-q"]);
    assert_code(&out, 1);
    let docs = documents(&dir.path().join("o"));
    assert_eq!(docs["c/zeros.txt"]["status"], "binary");
    assert_eq!(docs["c/zeros.txt"]["bytes"], (3u64 << 30).to_string());
    assert_eq!(docs["c/text.txt"]["status"], "error");
    assert!(
        docs["c/text.txt"]["error"].contains("larger than the 64 MiB"),
        "{:?}",
        docs["c/text.txt"]
    );
    assert_eq!(docs["c/ok.txt"]["status"], "ok");
}

#[cfg(target_os = "linux")]
#[test]
fn under_a_virtual_memory_limit_a_file_larger_than_it_gets_a_row() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("c")).unwrap();
    // 1.5 GiB of address space; a 2 GiB text file (sparse after its head).
    sparse(
        &dir.path().join("c/big.txt"),
        "Le modèle. ".repeat(1000).as_bytes(),
        2 << 30,
    );
    write_tree(
        dir.path(),
        &[("c/ok.txt", "Le modèle est rapide.".as_bytes())],
    );
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_duolex"));
    cmd.current_dir(dir.path())
        .args(["analyze", "c", "--out", "o", "-q"]);
    // SAFETY: setrlimit is async-signal-safe; it only limits the child.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 3 << 29,
                rlim_max: 3 << 29,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert_code(&out, 1);
    let docs = documents(&dir.path().join("o"));
    assert_eq!(docs["c/big.txt"]["status"], "error");
    assert!(
        docs["c/big.txt"]["error"].contains("larger than the 24 MiB"),
        "{:?}",
        docs["c/big.txt"]
    );
    assert_eq!(docs["c/ok.txt"]["status"], "ok");
}

#[cfg(unix)]
#[test]
fn one_file_reached_through_links_is_read_once_and_a_deep_tree_is_walked() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[("c/real/a.txt", "Le modèle est rapide.".as_bytes())],
    );
    symlink(
        dir.path().join("c/real/a.txt"),
        dir.path().join("c/link.txt"),
    )
    .unwrap();
    symlink(dir.path().join("c/real"), dir.path().join("c/zdir")).unwrap();
    // A hard link is another name, another document.
    std::fs::hard_link(
        dir.path().join("c/real/a.txt"),
        dir.path().join("c/zz_hard.txt"),
    )
    .unwrap();
    // And a tree 600 folders deep.
    let mut deep = dir.path().join("c");
    for _ in 0..600 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("fond.txt"), "Tout au fond du dossier.").unwrap();
    let out = duolex(dir.path(), &["analyze", "c", "--out", "o", "-q"]);
    assert_code(&out, 1);
    let docs = documents(&dir.path().join("o"));
    assert_eq!(docs["c/real/a.txt"]["status"], "ok");
    assert_eq!(docs["c/zz_hard.txt"]["status"], "ok");
    for linked in ["c/link.txt", "c/zdir/a.txt"] {
        assert_eq!(docs[linked]["status"], "skipped", "{linked}");
        assert!(
            docs[linked]["error"].contains("the same file as c/real/a.txt"),
            "{:?}",
            docs[linked]
        );
    }
    let deepest = docs.keys().find(|k| k.ends_with("fond.txt")).unwrap();
    assert_eq!(docs[deepest]["status"], "ok");
    let vocabulary = std::fs::read_to_string(dir.path().join("o/vocabulary.csv")).unwrap();
    assert!(vocabulary.contains("fr,modèle,modèl,2,2,"), "{vocabulary}");
}

#[test]
fn mixed_encodings_and_utf32_are_decoded_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut mixed = "Le modèle « ouvert » coûte cher.\n".as_bytes().to_vec();
    mixed.extend(b"Une ligne coll\xE9e d'un vieux fichier : mod\xE8le fran\xE7ais.\n");
    let mut utf32 = b"\xFF\xFE\x00\x00".to_vec();
    utf32.extend("Le modèle.".chars().flat_map(|c| (c as u32).to_le_bytes()));
    write_tree(
        dir.path(),
        &[("c/mixed.txt", &mixed), ("c/u32.txt", &utf32)],
    );
    let out = duolex(dir.path(), &["analyze", "c", "--out", "o", "-q"]);
    assert_code(&out, 0);
    let docs = documents(&dir.path().join("o"));
    assert_eq!(docs["c/mixed.txt"]["encoding"], "utf-8+windows-1252");
    assert!(
        docs["c/mixed.txt"]["note"].contains("mixed encodings"),
        "{:?}",
        docs["c/mixed.txt"]
    );
    let segments = std::fs::read_to_string(dir.path().join("o/segments.csv")).unwrap();
    assert!(segments.contains("modèle français"), "{segments}");
    assert!(!segments.contains('\u{FFFD}') && !segments.contains("Ã"));
    assert_eq!(
        (
            docs["c/u32.txt"]["encoding"].as_str(),
            docs["c/u32.txt"]["status"].as_str()
        ),
        ("utf-32le", "ok")
    );
}

#[test]
fn an_endless_standard_input_is_refused_not_chased() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_duolex"))
        .args(["detect", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let block = "le modèle ".repeat(10_000);
        // Until duolex stops reading (a closed pipe ends the loop).
        for _ in 0..100_000 {
            if stdin.write_all(block.as_bytes()).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("standard input: more than the 64 MiB"),
        "{}",
        stderr(&out)
    );
}
