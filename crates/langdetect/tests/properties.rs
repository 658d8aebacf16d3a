//! Invariants of language runs on arbitrary text.

use duolex_langdetect::Detector;
use duolex_tokenize::Lang;
use proptest::prelude::*;

fn mixed() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(vec![
        "Le modèle est impressionnant. ",
        "the model is impressive ",
        "« ",
        " »",
        "“",
        "”",
        "\"",
        "DeepSeek ",
        "OpenAI ",
        "2025 ",
        "https://example.org ",
        ": ",
        "\n",
        "\n\n",
        "l’IA ",
        "we will deliver ",
        "qu’il ",
        ". ",
        "— ",
        "Die Regierung hat ",
        "-a, --all ",
        "%k ",
        "root ",
        "bs=N ",
        "copy_up ",
        "/etc/hosts ",
        "w ",
        " ou ",
    ]);
    prop::collection::vec(parts, 0..30).prop_map(|v| v.concat())
}

/// French sentences with technical pieces between, after and inside them:
/// option names, placeholders, format codes, identifiers, paths, single
/// letters, lone words in quotation marks, on lines of their own or not.
fn technical_french() -> impl Strategy<Value = String> {
    let prose = prop::sample::select(vec![
        "Afficher les informations des fichiers du répertoire courant.",
        "lire et écrire jusqu’à OCTETS octets à la fois",
        "Les paramètres obligatoires pour les options de forme longue le sont aussi pour les options de forme courte.",
        "omettre les entrées qui se terminent par un tilde",
        "Le format indique l’heure sur deux chiffres, de 00 à 23.",
    ]);
    let code = prop::sample::select(vec![
        "-a, --all",
        "--block-size=TAILLE",
        "%k",
        "bs=OCTETS",
        "copy_up",
        "/etc/hosts",
        "open(2)",
        "w",
        "K",
        "« never »",
        "« y » ou « Y »",
        "root",
        "SYNOPSIS",
        "dd [OPÉRANDE]...",
        "LIBBLKID_DEBUG=all",
    ]);
    let sep = prop::sample::select(vec![" ", "\n", "\n\n", " : ", ", "]);
    prop::collection::vec((prose, sep.clone(), code, sep), 1..8).prop_map(|v| {
        v.into_iter()
            .map(|(p, s1, c, s2)| format!("{p}{s1}{c}{s2}"))
            .collect::<String>()
    })
}

proptest! {
    #[test]
    fn technical_pieces_never_make_a_quote(text in technical_french()) {
        let d = Detector::new(&[Lang::Fr, Lang::En]);
        let segs = d.segments(&text);
        for s in &segs {
            prop_assert_eq!(s.code(), "fr", "{:?} in {:?}", &text[s.start..s.end], text);
        }
    }

    #[test]
    fn segments_are_ordered_disjoint_and_cover_every_letter(text in mixed()) {
        let d = Detector::new(&[Lang::Fr, Lang::En]);
        let segs = d.segments(&text);
        let mut last = 0;
        let mut covered = vec![false; text.len()];
        for s in &segs {
            prop_assert!(s.start >= last && s.end > s.start && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert!((0.0..=1.0).contains(&s.confidence));
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
            last = s.end;
        }
        for pair in segs.windows(2) {
            prop_assert!(pair[0].lang != pair[1].lang, "adjacent runs share a language");
        }
        for (i, c) in text.char_indices() {
            if c.is_alphabetic() {
                prop_assert!(covered[i], "letter at {} outside every run", i);
            }
        }
    }

    #[test]
    fn no_panic_on_any_string(text in any::<String>()) {
        let d = Detector::new(&[Lang::Fr, Lang::En, Lang::De]);
        let _ = d.segments(&text);
        let _ = d.detect(&text);
    }
}
