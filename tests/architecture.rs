//! The code follows its map: inside every crate, the modules that share a
//! parent use each other one way only (no import cycle), so a contributor
//! finds the stage to change by following the data.
//!
//! References are read from the source text: `crate::a::b`, `super::a`,
//! `self::a` paths, including grouped `use crate::{a, b::c}`. Test modules
//! (`tests`, `mod tests;` files) may reach anything and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type ModPath = Vec<String>;

/// Every module of a crate (by path) with its source text.
fn modules(src: &Path) -> BTreeMap<ModPath, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel: PathBuf = path.strip_prefix(src).unwrap().with_extension("");
            let mut m: ModPath = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(m.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                m.pop();
            }
            if m.iter().any(|p| p == "tests") {
                continue;
            }
            out.insert(m, std::fs::read_to_string(&path).unwrap());
        }
    }
    out
}

/// Drops `#[cfg(test)] mod tests { … }` blocks (to the end of the file:
/// they come last).
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// The paths a module's text refers to, each as written after its root
/// (`crate`, `super` or `self`) and resolved against the module.
fn references(module: &ModPath, text: &str) -> Vec<ModPath> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for root in ["crate::", "super::", "self::"] {
        let mut at = 0;
        while let Some(i) = text[at..].find(root) {
            let start = at + i;
            at = start + root.len();
            if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
                continue;
            }
            let base: ModPath = match root {
                "crate::" => Vec::new(),
                "super::" => module[..module.len().saturating_sub(1)].to_vec(),
                _ => module.clone(),
            };
            for tail in paths_after(&text[at..]) {
                let mut p = base.clone();
                p.extend(tail);
                out.push(p);
            }
        }
    }
    out
}

/// The paths at the start of `s`: `a::b` or a group `{a::b, c}`.
fn paths_after(s: &str) -> Vec<Vec<String>> {
    let ident = |s: &str| -> usize {
        s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    if let Some(group) = s.strip_prefix('{') {
        let end = group.find('}').unwrap_or(group.len());
        return group[..end]
            .split(',')
            .map(|part| {
                part.trim()
                    .split("::")
                    .map(|seg| seg[..ident(seg)].to_string())
                    .filter(|seg| !seg.is_empty())
                    .collect()
            })
            .collect();
    }
    let mut segs = Vec::new();
    let mut rest = s;
    loop {
        let n = ident(rest);
        if n == 0 {
            break;
        }
        segs.push(rest[..n].to_string());
        match rest[n..].strip_prefix("::") {
            Some(r) if !r.starts_with('{') => rest = r,
            _ => break,
        }
    }
    vec![segs]
}

/// Edges between sibling modules: parent → (from child, to child).
fn sibling_edges(src: &Path) -> BTreeMap<ModPath, BTreeSet<(String, String)>> {
    let mods = modules(src);
    let mut edges: BTreeMap<ModPath, BTreeSet<(String, String)>> = BTreeMap::new();
    for (m, text) in &mods {
        for r in references(m, without_tests(text)) {
            // The longest prefix of the reference that is a module.
            let Some(t) = (0..=r.len())
                .rev()
                .map(|n| r[..n].to_vec())
                .find(|p| mods.contains_key(p))
            else {
                continue;
            };
            let common = m.iter().zip(&t).take_while(|(a, b)| a == b).count();
            if common < m.len() && common < t.len() {
                edges
                    .entry(m[..common].to_vec())
                    .or_default()
                    .insert((m[common].clone(), t[common].clone()));
            }
        }
    }
    edges
}

/// A cycle among the edges, if any.
fn cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeSet<(String, String)>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c = path[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for (_, to) in edges.iter().filter(|(from, _)| from == n) {
            if let Some(c) = visit(to, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .iter()
        .find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_cycles_in_any_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.push(root.join("src"));
    crates.sort();
    let mut cycles = Vec::new();
    for src in &crates {
        for (parent, edges) in sibling_edges(src) {
            if let Some(c) = cycle(&edges) {
                cycles.push(format!(
                    "{}: in `{}`: {}",
                    src.display(),
                    parent.join("::"),
                    c.join(" → ")
                ));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_finds_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::write(src.join("lib.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(src.join("a.rs"), "use crate::b::B;\npub struct A;\n").unwrap();
    std::fs::write(src.join("b.rs"), "use crate::{a::A, c};\npub struct B;\n").unwrap();
    let edges = sibling_edges(src);
    assert_eq!(
        cycle(&edges[&Vec::new()]),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
    std::fs::write(src.join("b.rs"), "pub struct B;\n").unwrap();
    assert_eq!(cycle(&sibling_edges(src)[&Vec::new()]), None);
}
