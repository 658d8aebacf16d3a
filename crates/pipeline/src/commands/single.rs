//! Output of the single-document commands `duolex detect` and `duolex tokens`.
//! Writers are generic over `io::Write` so tests can write to a `Vec<u8>`.

use super::{visible, Format, Terminal};
use crate::config::{CsvProfile, Table};
use crate::output::number::fixed;
use crate::output::TextSink;
use crate::rows::{segment_cells, Cell};
use duolex_analyze::date_marker;
use duolex_langdetect::{Detector, SegmentKind};
use duolex_tokenize::{tokenize, Lang, Token};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct SegmentRow<'a> {
    segment: usize,
    start: usize,
    end: usize,
    lang: &'a str,
    kind: &'a str,
    confidence: f64,
    text: &'a str,
}

/// Rounds for JSON output, so numbers print short and stable.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `duolex detect FILE`: the language runs of one document.
pub fn detect_document<W: Write>(
    text: &str,
    detector: &Detector,
    format: Format,
    terminal: Terminal,
    mut w: W,
) -> io::Result<()> {
    let (_, body) = date_marker(text);
    let mut segments = detector.segments(&text[body..]);
    for s in &mut segments {
        s.start += body;
        s.end += body;
    }
    match format {
        Format::Jsonl => {
            for (i, s) in segments.iter().enumerate() {
                let row = SegmentRow {
                    segment: i,
                    start: s.start,
                    end: s.end,
                    lang: s.code(),
                    kind: s.kind.as_str(),
                    confidence: round3(s.confidence),
                    text: &text[s.start..s.end],
                };
                serde_json::to_writer(&mut w, &row)?;
                w.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            let mut c = TextSink::csv(&mut w, CsvProfile::Standard);
            // The columns of segments.csv, without the path.
            c.header(&Table::Segments.columns()[1..])?;
            for (i, s) in segments.iter().enumerate() {
                c.row(&segment_cells("", text, i, s)[1..])?;
            }
            c.into_inner()?;
        }
        Format::Text => {
            let shown = |t: &str| visible(t, terminal.escape_controls).into_owned();
            let mut at = 0;
            for s in &segments {
                w.write_all(shown(&text[at..s.start]).as_bytes())?;
                let run = shown(&text[s.start..s.end]);
                match (s.kind, terminal.color) {
                    (SegmentKind::Body, _) => w.write_all(run.as_bytes())?,
                    (SegmentKind::Quote, true) => {
                        write!(w, "\x1b[1;36m{run}\x1b[0m\x1b[2m[{}]\x1b[0m", s.code())?
                    }
                    (SegmentKind::Quote, false) => write!(w, "[{}: {run}]", s.code())?,
                }
                at = s.end;
            }
            w.write_all(shown(&text[at..]).as_bytes())?;
            if !text.ends_with('\n') {
                w.write_all(b"\n")?;
            }
        }
    }
    w.flush()
}

#[derive(Serialize)]
struct LineDetection<'a> {
    lang: &'a str,
    confidence: f64,
}

/// The lines of a text for `--lines` modes: split on `\n`, a final `\r`
/// dropped, no phantom last line after a final newline.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let empty = text.is_empty();
    body.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(move |_| !empty)
}

/// `duolex detect --lines`: one answer per input line, in order.
pub fn detect_lines<W: Write>(
    text: &str,
    detector: &Detector,
    format: Format,
    mut w: W,
) -> io::Result<()> {
    if format == Format::Csv {
        let mut c = TextSink::csv(&mut w, CsvProfile::Standard);
        c.header(&["line", "lang", "confidence"])?;
        for (i, line) in lines(text).enumerate() {
            let d = detector.detect(line);
            c.row(&[
                Cell::Int(i as i64 + 1),
                Cell::Text(d.code()),
                Cell::Float(d.confidence, 3),
            ])?;
        }
        c.into_inner()?;
        return w.flush();
    }
    for line in lines(text) {
        let d = detector.detect(line);
        if format == Format::Jsonl {
            serde_json::to_writer(
                &mut w,
                &LineDetection {
                    lang: d.code(),
                    confidence: round3(d.confidence),
                },
            )?;
            w.write_all(b"\n")?;
        } else {
            writeln!(w, "{}\t{}", d.code(), fixed(d.confidence, 3))?;
        }
    }
    w.flush()
}

/// Which language rules `duolex tokens` applies.
pub enum TokenLang<'a> {
    /// One language for the whole input.
    Fixed(Lang),
    /// Each language run with its own rules.
    Auto(&'a Detector),
}

/// Tokens of `text` with spans relative to it.
fn tokens_of(text: &str, lang: &TokenLang) -> Vec<Token> {
    match lang {
        TokenLang::Fixed(l) => tokenize(text, Some(*l)),
        TokenLang::Auto(detector) => {
            let mut out = Vec::new();
            for s in detector.segments(text) {
                for mut t in tokenize(&text[s.start..s.end], s.lang) {
                    t.start += s.start;
                    t.end += s.start;
                    out.push(t);
                }
            }
            out
        }
    }
}

#[derive(Serialize)]
struct TokenRow<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    kind: &'a str,
}

#[derive(Serialize)]
struct TokenLine<'a> {
    tokens: Vec<TokenRow<'a>>,
}

fn rows<'a>(text: &'a str, tokens: &[Token]) -> Vec<TokenRow<'a>> {
    tokens
        .iter()
        .map(|t| TokenRow {
            text: t.text(text),
            start: t.start,
            end: t.end,
            kind: t.kind.as_str(),
        })
        .collect()
}

/// `duolex tokens`: every word token (stop words and elisions included,
/// punctuation left out). Text: one token per line, or with `lines`, the
/// tokens of each input line on one output line separated by spaces.
/// JSONL: one object per token, or with `lines` one `{"tokens": [...]}` per
/// input line (offsets relative to that line).
pub fn tokens<W: Write>(
    text: &str,
    lang: &TokenLang,
    format: Format,
    per_line: bool,
    mut w: W,
) -> io::Result<()> {
    if per_line {
        for line in lines(text) {
            let toks = tokens_of(line, lang);
            match format {
                Format::Jsonl | Format::Csv => {
                    serde_json::to_writer(
                        &mut w,
                        &TokenLine {
                            tokens: rows(line, &toks),
                        },
                    )?;
                    w.write_all(b"\n")?;
                }
                Format::Text => {
                    let words: Vec<&str> = toks.iter().map(|t| t.text(line)).collect();
                    writeln!(w, "{}", words.join(" "))?;
                }
            }
        }
    } else {
        let toks = tokens_of(text, lang);
        for row in rows(text, &toks) {
            match format {
                Format::Jsonl | Format::Csv => {
                    serde_json::to_writer(&mut w, &row)?;
                    w.write_all(b"\n")?;
                }
                Format::Text => writeln!(w, "{}", row.text)?,
            }
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_mode_answers_once_per_line() {
        let d = Detector::new(&[Lang::Fr, Lang::En]);
        let mut out = Vec::new();
        detect_lines(
            "les données\n\nthe data\r\n42\n",
            &d,
            Format::Jsonl,
            &mut out,
        )
        .unwrap();
        let got: Vec<&str> = std::str::from_utf8(&out).unwrap().lines().collect();
        assert_eq!(got.len(), 4);
        assert!(got[0].starts_with(r#"{"lang":"fr","#));
        assert_eq!(got[1], r#"{"lang":"und","confidence":0.0}"#);
        assert!(got[2].starts_with(r#"{"lang":"en","#));
        assert_eq!(got[3], r#"{"lang":"und","confidence":0.0}"#);
    }

    #[test]
    fn tokens_lines_jsonl() {
        let mut out = Vec::new();
        tokens(
            "l’IA\nDeepSeek's model\n",
            &TokenLang::Fixed(Lang::Fr),
            Format::Jsonl,
            true,
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["tokens"][0]["text"], "l’");
        assert_eq!(first["tokens"][1]["kind"], "word");
        assert_eq!(text.lines().count(), 2);
    }
}
