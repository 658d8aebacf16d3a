//! "Bare unicode_words + count" floor for the duolex end-to-end benchmark.
//!
//! Usage: duolex-bench-floor CORPUS_DIR OUT_FILE
//!
//! Walks CORPUS_DIR recursively, reads every regular file (lossy UTF-8),
//! lowercases it, counts `unicode_words` in one hash map per rayon worker
//! thread (RAYON_NUM_THREADS sets how many), merges the maps, and writes
//! `word<TAB>count` lines to OUT_FILE.
//! It does no language detection, no stemming and no sorting: it is the
//! least work a word counter over this corpus can reasonably do.

use rustc_hash::FxHashMap;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use unicode_segmentation::UnicodeSegmentation;

type Counts = FxHashMap<String, u64>;

fn collect_files(root: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    Ok(())
}

fn count_file(counts: &mut Counts, path: &Path) {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("floor: skipping {}: {e}", path.display());
            return;
        }
    };
    let text = String::from_utf8_lossy(&bytes).to_lowercase();
    for word in text.unicode_words() {
        if let Some(n) = counts.get_mut(word) {
            *n += 1;
        } else {
            counts.insert(word.to_owned(), 1);
        }
    }
}

fn run(root: &Path, out: &Path) -> io::Result<(usize, usize, u64)> {
    let mut files = Vec::new();
    collect_files(root, &mut files)?;

    // One map per worker thread; workers take the next file from a shared
    // index, so a few big files do not leave a thread idle.
    let next = AtomicUsize::new(0);
    let mut maps: Vec<Counts> = rayon::broadcast(|_| {
        let mut counts = Counts::default();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            match files.get(i) {
                Some(path) => count_file(&mut counts, path),
                None => return counts,
            }
        }
    });

    // Merge into the largest map.
    maps.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let mut maps = maps.into_iter();
    let mut counts = maps.next().unwrap_or_default();
    for other in maps {
        for (word, n) in other {
            *counts.entry(word).or_insert(0) += n;
        }
    }

    let mut w = BufWriter::with_capacity(1 << 20, fs::File::create(out)?);
    let mut tokens = 0u64;
    for (word, n) in &counts {
        tokens += n;
        writeln!(w, "{word}\t{n}")?;
    }
    w.flush()?;
    Ok((files.len(), counts.len(), tokens))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: {} CORPUS_DIR OUT_FILE", args[0]);
        return ExitCode::from(2);
    }
    match run(Path::new(&args[1]), Path::new(&args[2])) {
        Ok((files, types, tokens)) => {
            eprintln!("floor: {files} files, {tokens} tokens, {types} distinct words");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}
