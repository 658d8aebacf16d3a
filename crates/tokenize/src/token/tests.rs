use super::*;

fn words(text: &str, lang: Option<Lang>) -> Vec<&str> {
    tokenize(text, lang).iter().map(|t| t.text(text)).collect()
}

#[test]
fn french_elisions() {
    assert_eq!(
        words("qu’il l'IA jusqu’à lorsqu'on c’est", Some(Lang::Fr)),
        ["qu’", "il", "l'", "IA", "jusqu’", "à", "lorsqu'", "on", "c’", "est"]
    );
    assert_eq!(
        words(
            "aujourd’hui quelqu’un prud’homme presqu’île c’est-à-dire",
            Some(Lang::Fr)
        ),
        [
            "aujourd’hui",
            "quelqu’un",
            "prud’homme",
            "presqu’île",
            "c’est-à-dire"
        ]
    );
}

#[test]
fn french_hyphens_and_inversions() {
    assert_eq!(
        words(
            "États-Unis peut-être GPT-4o a-t-il dit-elle rendez-vous",
            Some(Lang::Fr)
        ),
        [
            "États-Unis",
            "peut-être",
            "GPT-4o",
            "a",
            "-t-il",
            "dit",
            "-elle",
            "rendez-vous"
        ]
    );
}

#[test]
fn english_possessive_and_contractions() {
    assert_eq!(
        words("deepseek's r1 it's DeepSeek’s don't I'm", Some(Lang::En)),
        ["deepseek", "'s", "r1", "it's", "DeepSeek", "’s", "don't", "I'm"]
    );
    let kinds: Vec<TokenKind> = tokenize("AI's", Some(Lang::En))
        .iter()
        .map(|t| t.kind)
        .collect();
    assert_eq!(kinds, [TokenKind::Word, TokenKind::Clitic]);
}

#[test]
fn numbers_and_spaces() {
    let t = "1\u{a0}000 euros, 3,5 % et 1\u{202f}234\u{202f}567 ; 12 345";
    assert_eq!(
        words(t, Some(Lang::Fr)),
        [
            "1\u{a0}000",
            "euros",
            "3,5",
            "et",
            "1\u{202f}234\u{202f}567",
            "12 345"
        ]
    );
    assert_eq!(tokenize("3,5", None)[0].kind, TokenKind::Number);
}

#[test]
fn specials_are_whole_and_typed() {
    let t = "Voir https://example.org/a(b)c. ou écrire à jean.dupont@exemple.fr (@sama #IA) 🚀!";
    let toks = tokenize(t, Some(Lang::Fr));
    let got: Vec<(&str, TokenKind)> = toks.iter().map(|k| (k.text(t), k.kind)).collect();
    assert_eq!(
        got,
        [
            ("Voir", TokenKind::Word),
            ("https://example.org/a(b)c", TokenKind::Url),
            ("ou", TokenKind::Word),
            ("écrire", TokenKind::Word),
            ("à", TokenKind::Word),
            ("jean.dupont@exemple.fr", TokenKind::Email),
            ("@sama", TokenKind::Mention),
            ("#IA", TokenKind::Hashtag),
            ("🚀", TokenKind::Emoji),
        ]
    );
}

#[test]
fn soft_hyphen_stays_inside_word() {
    assert_eq!(words("infor\u{ad}mation", None), ["infor\u{ad}mation"]);
}

#[test]
fn plain_spaces_group_digits_only_in_french() {
    assert_eq!(
        words("80 000 habitants", Some(Lang::Fr)),
        ["80 000", "habitants"]
    );
    assert_eq!(
        words("80 000 people", Some(Lang::En)),
        ["80", "000", "people"]
    );
    // Only groups of three after a group of one to three digits.
    assert_eq!(
        words("en 2008 100 hommes", Some(Lang::Fr)),
        ["en", "2008", "100", "hommes"]
    );
    assert_eq!(words("1 2345", Some(Lang::Fr)), ["1", "2345"]);
    assert_eq!(words("1 234,5 m", Some(Lang::Fr)), ["1 234,5", "m"]);
}

#[test]
fn fast_path_agrees_with_segmentation() {
    // The same words through the fast path (plain chunks) and through UAX #29
    // (a chunk with an apostrophe forces segmentation).
    for lang in [None, Some(Lang::Fr), Some(Lang::En)] {
        let fast = words("(Déjà vu», dit-on.", lang);
        assert_eq!(fast[0], "Déjà");
        assert_eq!(words("Mr. Smith", Some(Lang::En)), ["Mr.", "Smith"]);
        assert_eq!(words("Mr.' Smith", Some(Lang::En)), ["Mr.", "Smith"]);
    }
}

#[test]
fn full_stops_of_abbreviations() {
    let en = Some(Lang::En);
    assert_eq!(
        words("the U.S. and Mr. X", en),
        ["the", "U.S.", "and", "Mr.", "X"]
    );
    // At the end of the text the full stop ends the sentence.
    assert_eq!(words("in the U.S.", en), ["in", "the", "U.S"]);
    assert_eq!(words("because of X.", en), ["because", "of", "X"]);
    // An initial needs a capitalised word after it.
    assert_eq!(words("J. Chirac", Some(Lang::Fr)), ["J.", "Chirac"]);
    assert_eq!(
        words("dans A. et B", Some(Lang::Fr)),
        ["dans", "A", "et", "B"]
    );
    // English `I.` is a pronoun ending a sentence.
    assert_eq!(words("So do I. Then", en), ["So", "do", "I", "Then"]);
    // An ellipsis is not a full stop.
    assert_eq!(words("etc... and", en), ["etc", "and"]);
    assert_eq!(words("Acme Inc.. Then", en), ["Acme", "Inc.", "Then"]);
}

#[test]
fn emoticons_and_emoji() {
    let t = "so cool :) really;-) 👩‍💻 🇫🇷 👍🏽 <3";
    let got: Vec<(&str, TokenKind)> = tokenize(t, Some(Lang::En))
        .iter()
        .map(|k| (k.text(t), k.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("so", TokenKind::Word),
            ("cool", TokenKind::Word),
            (":)", TokenKind::Emoji),
            ("really", TokenKind::Word),
            (";-)", TokenKind::Emoji),
            ("👩‍💻", TokenKind::Emoji),
            ("🇫🇷", TokenKind::Emoji),
            ("👍🏽", TokenKind::Emoji),
            ("<3", TokenKind::Emoji),
        ]
    );
}

#[test]
fn signs_and_times() {
    let fr = Some(Lang::Fr);
    assert_eq!(words("de -0,8 à +14", fr), ["de", "-0,8", "à", "+14"]);
    assert_eq!(words("vers-365", fr), ["vers-365"]);
    assert_eq!(tokenize("(-3)", fr)[0].kind, TokenKind::Number);
    // EWT keeps the sign apart.
    assert_eq!(words("Sector -37", Some(Lang::En)), ["Sector", "37"]);
    assert_eq!(words("à 08:02:59, 12:30", fr), ["à", "08:02:59", "12:30"]);
    assert_eq!(
        words("à 20h30 ou 23h", fr),
        ["à", "20", "h", "30", "ou", "23", "h"]
    );
}

#[test]
fn no_allocation_growth_when_reused() {
    let text = "L’IA d’OpenAI, aujourd’hui aux États-Unis : 1 000 € !";
    let mut out = Vec::with_capacity(64);
    tokenize_into(text, Some(Lang::Fr), &mut out);
    let first = out.clone();
    tokenize_into(text, Some(Lang::Fr), &mut out);
    assert_eq!(out.len(), 2 * first.len());
    assert_eq!(&out[first.len()..], &first[..]);
}

#[test]
fn folding_compares_ascii_and_other_letters_alike() {
    use super::shared::eq_fold;
    assert!(eq_fold("ALOT", "alot") && eq_fold("Alot", "alot"));
    assert!(!eq_fold("alots", "alot") && !eq_fold("alo", "alot"));
    assert!(eq_fold("aujourd'hui", "aujourd'hui") && eq_fold("Aujourd’hui", "aujourd'hui"));
    assert!(eq_fold("LÀ", "là") && !eq_fold("la", "là"));
}

#[test]
fn tokens_longer_than_the_cap_are_blobs() {
    let kinds = |t: &str, lang| -> Vec<(usize, TokenKind)> {
        tokenize(t, lang)
            .iter()
            .map(|k| (k.end - k.start, k.kind))
            .collect()
    };
    let longest = "a".repeat(MAX_TOKEN_BYTES);
    assert_eq!(
        kinds(&longest, Some(Lang::Fr)),
        [(MAX_TOKEN_BYTES, TokenKind::Word)]
    );
    let long = "a".repeat(MAX_TOKEN_BYTES + 1);
    for lang in [None, Some(Lang::Fr), Some(Lang::En)] {
        assert_eq!(
            kinds(&format!("le {long}."), lang),
            [(2, TokenKind::Word), (MAX_TOKEN_BYTES + 1, TokenKind::Blob)]
        );
    }
    // The rules still apply: an elision is split off, then the rest is a blob.
    assert_eq!(
        kinds(&format!("l’{long}"), Some(Lang::Fr)),
        [
            (4, TokenKind::Elision),
            (MAX_TOKEN_BYTES + 1, TokenKind::Blob)
        ]
    );
    let digits = "1".repeat(1000);
    assert_eq!(kinds(&digits, None), [(1000, TokenKind::Blob)]);
    let mention = format!("@{long}");
    assert_eq!(kinds(&mention, None), [(mention.len(), TokenKind::Blob)]);
    // URLs and e-mail addresses are not capped.
    let url = format!("https://example.com/{long}");
    assert_eq!(kinds(&url, None), [(url.len(), TokenKind::Url)]);
}

#[test]
fn hostile_chains_read_in_linear_time() {
    // Each of these took quadratic time: a few seconds at this size.
    let n = 200_000;
    // The last two letters join like `b/c`.
    let slashes = "a/".repeat(n);
    assert_eq!(tokenize(&slashes, Some(Lang::Fr)).len(), n - 1);
    let elisions = format!("{}a", "l’".repeat(n));
    assert_eq!(tokenize(&elisions, Some(Lang::Fr)).len(), n + 1);
    let hearts = "<3,1".repeat(n);
    assert!(!tokenize(&hearts, None).is_empty());
    // Short chains keep their meaning.
    assert_eq!(
        words("08/16/2000 1/2/3/4 b/c km/h a/b/c a/a/a/a/", Some(Lang::En)),
        [
            "08/16/2000",
            "1",
            "2/3/4",
            "b/c",
            "km/h",
            "a",
            "b/c",
            "a",
            "a",
            "a/a"
        ]
    );
}
