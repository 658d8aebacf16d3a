//! Rules that hold in every language: apostrophes, spaces, soft hyphens,
//! decomposed letters, and special tokens kept whole and typed.

use duolex_tokenize::{tokenize, Lang, TokenKind};

fn words(text: &str, lang: Option<Lang>) -> Vec<&str> {
    tokenize(text, lang).iter().map(|t| t.text(text)).collect()
}

const LANGS: [Option<Lang>; 5] = [
    None,
    Some(Lang::Fr),
    Some(Lang::En),
    Some(Lang::De),
    Some(Lang::It),
];

#[test]
fn both_apostrophes() {
    assert_eq!(words("l'IA l’IA", Some(Lang::Fr)), ["l'", "IA", "l’", "IA"]);
    assert_eq!(words("AI's AI’s", Some(Lang::En)), ["AI", "'s", "AI", "’s"]);
    assert_eq!(
        words("dell'anno dell’anno", Some(Lang::It)),
        ["dell'", "anno", "dell’", "anno"]
    );
    // The modifier letter apostrophe counts too.
    assert_eq!(words("lʼIA", Some(Lang::Fr)), ["lʼ", "IA"]);
}

#[test]
fn no_break_and_thin_spaces_separate_words() {
    for lang in LANGS {
        assert_eq!(
            words("«\u{a0}IA\u{a0}» et\u{202f}!", lang),
            ["IA", "et"],
            "{lang:?}"
        );
        assert_eq!(
            words("1\u{202f}000\u{a0}000", lang),
            ["1\u{202f}000\u{a0}000"],
            "{lang:?}"
        );
    }
}

#[test]
fn soft_hyphens_and_decomposed_letters_stay_inside_words() {
    for lang in LANGS {
        assert_eq!(
            words("infor\u{ad}mation", lang),
            ["infor\u{ad}mation"],
            "{lang:?}"
        );
        assert_eq!(
            words("e\u{301}te\u{301} café", lang),
            ["e\u{301}te\u{301}", "café"],
            "{lang:?}"
        );
    }
    assert_eq!(
        words("l’e\u{301}te\u{301}", Some(Lang::Fr)),
        ["l’", "e\u{301}te\u{301}"]
    );
}

#[test]
fn special_tokens_whole_and_typed() {
    let text =
        "(voir https://ex.org/a_(b)?q=1&r=2). Mail: a.b+c@ex.co.uk; @user_1 #Tag2025 #1 🚀👩‍💻!";
    for lang in LANGS {
        let got: Vec<(&str, TokenKind)> = tokenize(text, lang)
            .iter()
            .filter(|t| t.kind != TokenKind::Word)
            .map(|t| (t.text(text), t.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("https://ex.org/a_(b)?q=1&r=2", TokenKind::Url),
                ("a.b+c@ex.co.uk", TokenKind::Email),
                ("@user_1", TokenKind::Mention),
                ("#Tag2025", TokenKind::Hashtag),
                ("1", TokenKind::Number),
                ("🚀", TokenKind::Emoji),
                ("👩‍💻", TokenKind::Emoji),
            ],
            "{lang:?}"
        );
    }
}

#[test]
fn compounds_stay_whole_without_language_rules() {
    for lang in [None, Some(Lang::De)] {
        assert_eq!(
            words("Baden-Württemberg a-t-il", lang),
            ["Baden-Württemberg", "a-t-il"]
        );
    }
}
