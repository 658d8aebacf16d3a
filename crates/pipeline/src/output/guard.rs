//! What a spreadsheet does to a text cell of a CSV file it opens: run it
//! as a formula, or read it as something else than text (a boolean, a
//! number, a date, a time). The spreadsheet profiles write such cells so
//! that they come back as the text they are; standard CSV, JSON Lines and
//! XLSX (whose cells are typed) keep every text as it is.

/// Excel's longest text literal inside a formula.
const LITERAL_MAX_CHARS: usize = 255;

/// Whether a spreadsheet would take `text` for a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return and is not a number
/// (OWASP's advice against CSV injection; `-1.5` is left alone). Such a
/// cell is written with a leading `'`, which spreadsheets show but do not
/// run.
///
/// ```
/// use duolex_pipeline::output::looks_like_formula;
/// assert!(looks_like_formula("=1+2") && looks_like_formula("-x") && looks_like_formula("\tcmd"));
/// assert!(!looks_like_formula("-1.5") && !looks_like_formula("modèle"));
/// ```
pub fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    ) && text.trim().parse::<f64>().is_err()
}

/// Boolean words of the locales Excel and LibreOffice read them in
/// (English, French, German, Spanish, Italian, Portuguese, Dutch).
const BOOLEANS: [&str; 12] = [
    "true",
    "false",
    "vrai",
    "faux",
    "wahr",
    "falsch",
    "verdadero",
    "falso",
    "vero",
    "verdadeiro",
    "waar",
    "onwaar",
];

/// Month names and abbreviations (English and French, without accents)
/// that spreadsheets read as a date when a day or year follows
/// (`MARCH1`, `Sept 2`, `mars 2025`).
const MONTHS: [&str; 41] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "jan",
    "feb",
    "fev",
    "apr",
    "avr",
    "jul",
    "juil",
    "aug",
    "sept",
    "mar",
    "jun",
    "sep",
    "oct",
    "nov",
    "dec",
    "janv",
    "fevr",
];

/// Whether a spreadsheet opening a CSV file (Excel, or LibreOffice with its
/// default import options) might read the text cell `text` as something
/// else than that text: a boolean (`vrai`, `faux`, `true`, `false`, and
/// their German, Spanish, Italian, Portuguese and Dutch counterparts), a
/// number or a number that loses its form (`007`, `1E5`, 20 digits, `22%`, `$5`, `(12)`, `3.5`), a date or a time
/// (`1-2`, `1/2`, `2025-02-03`, `10pm`, `12:30`, `MARCH1`, `mars 2025`) or
/// an error value (`#N/A`).
///
/// It errs on the side of protecting: every text that starts like a number
/// (a digit, after an optional sign, parenthesis, currency sign or decimal
/// mark) is protected, whether or not a given program would convert it;
/// protection keeps the text as it is in both programs, so a needless one
/// costs nothing a spreadsheet user sees.
///
/// ```
/// use duolex_pipeline::output::converts_on_import;
/// for t in ["vrai", "FAUX", "true", "10pm", "1-2", "MARCH1", "007", "1E5", "2025-02", "#N/A"] {
///     assert!(converts_on_import(t), "{t}");
/// }
/// for t in ["modèle", "vraiment", "IA", "#IA", "March", "mai", "x1"] {
///     assert!(!converts_on_import(t), "{t}");
/// }
/// ```
pub fn converts_on_import(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c == ' ' || c == '\u{a0}');
    if BOOLEANS.iter().any(|b| t.eq_ignore_ascii_case(b)) {
        return true;
    }
    if t.starts_with('#') && (t.eq_ignore_ascii_case("#N/A") || t.ends_with(['!', '?'])) {
        return true;
    }
    // A number, a date or a time: a digit after an optional sign,
    // parenthesis, currency sign and decimal mark.
    let rest = t.trim_start_matches(['+', '-', '(', '$', '€', '£', '¥']);
    let rest = rest.trim_start_matches(['.', ',']);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    month_then_number(t)
}

/// `MARCH1`, `Sept-2`, `févr. 2025`: a month name, an optional separator,
/// then a digit.
fn month_then_number(t: &str) -> bool {
    let letters = t
        .find(|c: char| !c.is_alphabetic())
        .map_or(t, |end| &t[..end]);
    if letters.is_empty() || letters.len() > 12 {
        return false;
    }
    let folded: String = letters
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'û' | 'ù' => 'u',
            c => c,
        })
        .collect();
    let known = MONTHS.contains(&folded.as_str());
    let after = t[letters.len()..].trim_start_matches(['.', '-', '/', ' ', '\u{a0}']);
    known && after.starts_with(|c: char| c.is_ascii_digit())
}

/// How a spreadsheet profile writes a text cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    /// As it is.
    Plain,
    /// With a leading `'` (a formula, or a long text a spreadsheet would
    /// convert): shown, never run.
    Apostrophe,
    /// As the text literal formula `="…"`, whose value both Excel and
    /// LibreOffice show as exactly the text.
    Literal,
}

/// How the spreadsheet profiles write `text`: formulas get the `'` guard;
/// text a spreadsheet would convert becomes a text literal formula
/// (`="007"`) when it fits one (at most 255 characters, no control
/// character), and gets the `'` otherwise.
pub(crate) fn spreadsheet_guard(text: &str) -> Guard {
    if looks_like_formula(text) {
        Guard::Apostrophe
    } else if !converts_on_import(text) {
        Guard::Plain
    } else if text.chars().count() <= LITERAL_MAX_CHARS && !text.contains(char::is_control) {
        Guard::Literal
    } else {
        Guard::Apostrophe
    }
}

/// Appends `text` to `out` as written under `guard`.
pub(crate) fn push_guarded(out: &mut String, text: &str, guard: Guard) {
    match guard {
        Guard::Plain => out.push_str(text),
        Guard::Apostrophe => {
            out.push('\'');
            out.push_str(text);
        }
        Guard::Literal => {
            out.push_str("=\"");
            for c in text.chars() {
                if c == '"' {
                    out.push('"');
                }
                out.push(c);
            }
            out.push('"');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> String {
        let mut out = String::new();
        push_guarded(&mut out, text, spreadsheet_guard(text));
        out
    }

    #[test]
    fn spreadsheet_cells() {
        assert_eq!(written("modèle"), "modèle");
        assert_eq!(written("=1+2"), "'=1+2");
        assert_eq!(written("-a"), "'-a");
        assert_eq!(written("-1.5"), "=\"-1.5\"");
        assert_eq!(written("007"), "=\"007\"");
        assert_eq!(written("vrai"), "=\"vrai\"");
        assert_eq!(written("1\"2"), "=\"1\"\"2\"");
        let long = "1".repeat(300);
        assert_eq!(written(&long), format!("'{long}"));
        assert_eq!(
            written("2025 a été une année\nde modèles"),
            "'2025 a été une année\nde modèles"
        );
    }

    #[test]
    fn what_converts() {
        for t in [
            "true",
            "False",
            "VRAI",
            "faux",
            "wahr",
            "10pm",
            "2am",
            "12:30",
            "1-2",
            "1/2",
            "2025-02-03",
            "2025-02",
            "MARCH1",
            "SEPT2",
            "Dec-1",
            "mars 2025",
            "févr. 2025",
            "007",
            "1E5",
            "12345678901234567890",
            "22%",
            "$5",
            "(12)",
            "3.5",
            ".5",
            "-1",
            "#N/A",
            "#DIV/0!",
            "#NAME?",
        ] {
            assert!(converts_on_import(t), "{t}");
        }
        for t in [
            "",
            "modèle",
            "vraiment",
            "trueness",
            "IA",
            "#IA",
            "#",
            "March",
            "mars",
            "x1",
            "marsupial2",
            "é1",
            "a-1",
        ] {
            assert!(!converts_on_import(t), "{t}");
        }
    }
}
