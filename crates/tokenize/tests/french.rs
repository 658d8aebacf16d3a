//! French tokenisation, sentence by sentence, against the conventions of the
//! Universal Dependencies French GSD treebank (surface words, punctuation
//! left out). Each row: a sentence, then its tokens.

use duolex_tokenize::{tokenize, Lang, TokenKind};

fn words(text: &str) -> Vec<&str> {
    tokenize(text, Some(Lang::Fr))
        .iter()
        .map(|t| t.text(text))
        .collect()
}

const CASES: &[(&str, &[&str])] = &[
    (
        "L’IA d’OpenAI n’a pas été présentée jusqu’à hier.",
        &[
            "L’",
            "IA",
            "d’",
            "OpenAI",
            "n’",
            "a",
            "pas",
            "été",
            "présentée",
            "jusqu’",
            "à",
            "hier",
        ],
    ),
    (
        "Lorsqu'il pleut, c'est qu'on s'ennuie.",
        &[
            "Lorsqu'", "il", "pleut", "c'", "est", "qu'", "on", "s'", "ennuie",
        ],
    ),
    (
        "Puisqu’elle m’écrit, je t’appelle ; quoiqu’il arrive, j’y serai.",
        &[
            "Puisqu’",
            "elle",
            "m’",
            "écrit",
            "je",
            "t’",
            "appelle",
            "quoiqu’",
            "il",
            "arrive",
            "j’",
            "y",
            "serai",
        ],
    ),
    (
        "Aujourd’hui, quelqu’un de la presqu’île a vu le prud’homme, que l’on connaît.",
        &[
            "Aujourd’hui",
            "quelqu’un",
            "de",
            "la",
            "presqu’île",
            "a",
            "vu",
            "le",
            "prud’homme",
            "que",
            "l’on",
            "connaît",
        ],
    ),
    (
        "Aux États-Unis, c’est-à-dire peut-être avec GPT-4o, l’après-midi.",
        &[
            "Aux",
            "États-Unis",
            "c’est-à-dire",
            "peut-être",
            "avec",
            "GPT-4o",
            "l’",
            "après-midi",
        ],
    ),
    (
        "Que fera-t-il ? Rien, dit-elle. Qu’est-ce que c’est ?",
        &[
            "Que", "fera", "-t-il", "Rien", "dit", "-elle", "Qu’", "est", "-ce", "que", "c’", "est",
        ],
    ),
    (
        "Donne-le-moi, allez-y, et rendez-vous cette fois-ci chez celui-ci.",
        &[
            "Donne",
            "-le",
            "-moi",
            "allez",
            "-y",
            "et",
            "rendez-vous",
            "cette",
            "fois",
            "-ci",
            "chez",
            "celui-ci",
        ],
    ),
    (
        "Qu'en dira-t-on ? A-t-elle fini ? Sommes-nous prêts ? Peut-on entrer ?",
        &[
            "Qu'", "en", "dira", "-t-on", "A", "-t-elle", "fini", "Sommes", "-nous", "prêts",
            "Peut", "-on", "entrer",
        ],
    ),
    (
        "Le budget atteint 1\u{202f}000\u{202f}000 euros, soit 3,5\u{a0}% de plus.",
        &[
            "Le",
            "budget",
            "atteint",
            "1\u{202f}000\u{202f}000",
            "euros",
            "soit",
            "3,5",
            "de",
            "plus",
        ],
    ),
    (
        "La ville compte 80 000 habitants et 2 500 000 visiteurs en 2023.",
        &[
            "La",
            "ville",
            "compte",
            "80 000",
            "habitants",
            "et",
            "2 500 000",
            "visiteurs",
            "en",
            "2023",
        ],
    ),
    (
        "M. Dupont cite Jules César, mort en 44 av. J.-C., et d’autres, etc.",
        &[
            "M.", "Dupont", "cite", "Jules", "César", "mort", "en", "44", "av.", "J.-C.", "et",
            "d’", "autres", "etc",
        ],
    ),
    (
        "Départ à 20h30, arrivée vers 23h à 130 km/h.",
        &[
            "Départ", "à", "20", "h", "30", "arrivée", "vers", "23", "h", "à", "130", "km/h",
        ],
    ),
    (
        "Au XIXe siècle, le 1er mai, elle finit 2e sur 160km.",
        &[
            "Au", "XIXe", "siècle", "le", "1er", "mai", "elle", "finit", "2e", "sur", "160", "km",
        ],
    ),
    (
        "Le thermomètre passe de -0,8 degré à +14 (et 9°C la nuit).",
        &[
            "Le",
            "thermomètre",
            "passe",
            "de",
            "-0,8",
            "degré",
            "à",
            "+14",
            "et",
            "9",
            "C",
            "la",
            "nuit",
        ],
    ),
    (
        "Y'a personne dans le n° 12 du journal.",
        &["Y'", "a", "personne", "dans", "le", "12", "du", "journal"],
    ),
    (
        "Le mot l'« IA » revient, « aujourd’hui » comme hier.",
        &[
            "Le",
            "mot",
            "l'",
            "IA",
            "revient",
            "aujourd’hui",
            "comme",
            "hier",
        ],
    ),
];

#[test]
fn gsd_conventions() {
    for (text, expected) in CASES {
        assert_eq!(words(text), *expected, "{text}");
    }
}

#[test]
fn kinds() {
    let text = "L’IA a-t-elle 1 000 abonnés sur https://exemple.fr ? Écrivez à marie@exemple.fr, @duolex #IA 🚀";
    let kinds: Vec<(&str, TokenKind)> = tokenize(text, Some(Lang::Fr))
        .iter()
        .map(|t| (t.text(text), t.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("L’", TokenKind::Elision),
            ("IA", TokenKind::Word),
            ("a", TokenKind::Word),
            ("-t-elle", TokenKind::Word),
            ("1 000", TokenKind::Number),
            ("abonnés", TokenKind::Word),
            ("sur", TokenKind::Word),
            ("https://exemple.fr", TokenKind::Url),
            ("Écrivez", TokenKind::Word),
            ("à", TokenKind::Word),
            ("marie@exemple.fr", TokenKind::Email),
            ("@duolex", TokenKind::Mention),
            ("#IA", TokenKind::Hashtag),
            ("🚀", TokenKind::Emoji),
        ]
    );
}

#[test]
fn place_names_and_compounds_stay_whole() {
    for w in [
        "Marne-la-Vallée",
        "Montigny-le-Bretonneux",
        "cessez-le-feu",
        "Sainte-Anne-d’Auray",
        "celle-là",
        "jusque-là",
        "vis-à-vis",
        "chez-moi",
        "1752-1807",
    ] {
        assert_eq!(words(w), [w], "{w}");
    }
}
