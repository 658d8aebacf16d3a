//! English tokenisation, sentence by sentence, against the conventions of
//! the Universal Dependencies English EWT treebank (surface words,
//! punctuation left out) — except that duolex splits the possessive `'s`.

use duolex_tokenize::{tokenize, Lang, TokenKind};

fn words(text: &str) -> Vec<&str> {
    tokenize(text, Some(Lang::En))
        .iter()
        .map(|t| t.text(text))
        .collect()
}

const CASES: &[(&str, &[&str])] = &[
    (
        "DeepSeek's model isn't what OpenAI’s team expected.",
        &[
            "DeepSeek", "'s", "model", "isn't", "what", "OpenAI", "’s", "team", "expected",
        ],
    ),
    (
        "It's the company's best year, and that's why I'm here, y'all.",
        &[
            "It's", "the", "company", "'s", "best", "year", "and", "that's", "why", "I'm", "here",
            "y'all",
        ],
    ),
    (
        "Mr. Smith and Dr. Jones met at Acme Inc. in the U.S. yesterday.",
        &[
            "Mr.",
            "Smith",
            "and",
            "Dr.",
            "Jones",
            "met",
            "at",
            "Acme",
            "Inc.",
            "in",
            "the",
            "U.S.",
            "yesterday",
        ],
    ),
    (
        "Bring snacks, e.g. chips, i.e. anything before 9 a.m. tomorrow.",
        &[
            "Bring", "snacks", "e.g.", "chips", "i.e.", "anything", "before", "9", "a.m.",
            "tomorrow",
        ],
    ),
    (
        "The 15-year-old co-founder sent an e-mail about state-of-the-art non-profit work.",
        &[
            "The",
            "15",
            "year",
            "old",
            "co-founder",
            "sent",
            "an",
            "e-mail",
            "about",
            "state",
            "of",
            "the",
            "art",
            "non-profit",
            "work",
        ],
    ),
    (
        "Call 713-853-3242 or 555-0199 before 10:30, not in 1998-2001.",
        &[
            "Call",
            "713-853-3242",
            "or",
            "555-0199",
            "before",
            "10:30",
            "not",
            "in",
            "1998",
            "2001",
        ],
    ),
    (
        "Meeting on 08/16/2000 at 2:30 pm w/ Jim b/c the deal and/or the plan.",
        &[
            "Meeting",
            "on",
            "08/16/2000",
            "at",
            "2:30",
            "pm",
            "w/",
            "Jim",
            "b/c",
            "the",
            "deal",
            "and",
            "or",
            "the",
            "plan",
        ],
    ),
    (
        "We need 375mm pipes, 8gb cards and 650k dollars, like in the 1990s, the 70's, the 29th.",
        &[
            "We", "need", "375", "mm", "pipes", "8", "gb", "cards", "and", "650", "k", "dollars",
            "like", "in", "the", "1990s", "the", "70's", "the", "29th",
        ],
    ),
    (
        "I can't believe it... alot of people love it!!",
        &[
            "I", "can't", "believe", "it", "a", "lot", "of", "people", "love", "it",
        ],
    ),
    (
        "Smith et al. (2004) showed that Tom & Jerry's show was $5 cheaper.",
        &[
            "Smith", "et", "al.", "2004", "showed", "that", "Tom", "Jerry", "'s", "show", "was",
            "5", "cheaper",
        ],
    ),
    (
        "The soldiers' families, the 90's kids and the A's stayed.",
        &[
            "The", "soldiers", "families", "the", "90's", "kids", "and", "the", "A's", "stayed",
        ],
    ),
];

#[test]
fn ewt_conventions() {
    for (text, expected) in CASES {
        assert_eq!(words(text), *expected, "{text}");
    }
}

#[test]
fn kinds() {
    let text = "Write to jane.doe@example.com, see www.example.com/path. @sama's #AI :-) 🚀";
    let kinds: Vec<(&str, TokenKind)> = tokenize(text, Some(Lang::En))
        .iter()
        .map(|t| (t.text(text), t.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Write", TokenKind::Word),
            ("to", TokenKind::Word),
            ("jane.doe@example.com", TokenKind::Email),
            ("see", TokenKind::Word),
            ("www.example.com/path", TokenKind::Url),
            ("@sama", TokenKind::Mention),
            ("'s", TokenKind::Clitic),
            ("#AI", TokenKind::Hashtag),
            (":-)", TokenKind::Emoji),
            ("🚀", TokenKind::Emoji),
        ]
    );
}

#[test]
fn masked_and_internal_addresses() {
    for (text, addr) in [
        (
            "From: \"Julie\"<julie...@example.net>",
            "julie...@example.net",
        ),
        ("cc: Warner@ENRON", "Warner@ENRON"),
    ] {
        let toks = tokenize(text, Some(Lang::En));
        let email = toks
            .iter()
            .find(|t| t.kind == TokenKind::Email)
            .map(|t| t.text(text));
        assert_eq!(email, Some(addr), "{text}");
    }
}
