//! The formula guard: a text cell a spreadsheet would run as a formula.

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
