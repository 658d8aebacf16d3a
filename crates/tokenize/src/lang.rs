//! The languages duolex knows: those that both whatlang (detection) and
//! rust-stemmers (Snowball stemming) support.

use std::fmt;
use std::str::FromStr;

/// A language that duolex can detect, tokenise and stem.
///
/// The set is the intersection of what `whatlang` detects and what
/// `rust-stemmers` stems. Codes are ISO 639-1 (`no` is Norwegian Bokmål).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Ar,
    Da,
    De,
    El,
    En,
    Es,
    Fi,
    Fr,
    Hu,
    It,
    Nl,
    No,
    Pt,
    Ro,
    Ru,
    Sv,
    Ta,
    Tr,
}

impl Lang {
    /// Every supported language, sorted by code.
    pub const ALL: [Lang; 18] = [
        Lang::Ar,
        Lang::Da,
        Lang::De,
        Lang::El,
        Lang::En,
        Lang::Es,
        Lang::Fi,
        Lang::Fr,
        Lang::Hu,
        Lang::It,
        Lang::Nl,
        Lang::No,
        Lang::Pt,
        Lang::Ro,
        Lang::Ru,
        Lang::Sv,
        Lang::Ta,
        Lang::Tr,
    ];

    /// The position of the language in [`Lang::ALL`] (for tables indexed
    /// by language).
    ///
    /// ```
    /// use duolex_tokenize::Lang;
    /// assert!(Lang::ALL.iter().enumerate().all(|(i, l)| l.index() == i));
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }

    /// The ISO 639-1 code, as used in tables and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Da => "da",
            Lang::De => "de",
            Lang::El => "el",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fi => "fi",
            Lang::Fr => "fr",
            Lang::Hu => "hu",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::No => "no",
            Lang::Pt => "pt",
            Lang::Ro => "ro",
            Lang::Ru => "ru",
            Lang::Sv => "sv",
            Lang::Ta => "ta",
            Lang::Tr => "tr",
        }
    }

    /// The language's English name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ar => "Arabic",
            Lang::Da => "Danish",
            Lang::De => "German",
            Lang::El => "Greek",
            Lang::En => "English",
            Lang::Es => "Spanish",
            Lang::Fi => "Finnish",
            Lang::Fr => "French",
            Lang::Hu => "Hungarian",
            Lang::It => "Italian",
            Lang::Nl => "Dutch",
            Lang::No => "Norwegian",
            Lang::Pt => "Portuguese",
            Lang::Ro => "Romanian",
            Lang::Ru => "Russian",
            Lang::Sv => "Swedish",
            Lang::Ta => "Tamil",
            Lang::Tr => "Turkish",
        }
    }

    /// Parses a comma-separated list such as `fr,en`, keeping the order given
    /// and dropping repeats.
    pub fn parse_list(list: &str) -> Result<Vec<Lang>, UnknownLang> {
        let mut out = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let lang: Lang = part.parse()?;
            if !out.contains(&lang) {
                out.push(lang);
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for a language code duolex does not support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        write!(
            f,
            "unknown or unsupported language '{}' (supported: {})",
            self.0,
            codes.join(", ")
        )
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts ISO 639-1 codes, ISO 639-3 codes and English names, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_lowercase();
        let found = Lang::ALL.iter().copied().find(|l| {
            l.code() == lower
                || l.name().to_lowercase() == lower
                || iso639_3(*l) == lower
                || (*l == Lang::No && (lower == "nb" || lower == "nob"))
        });
        found.ok_or_else(|| UnknownLang(s.to_string()))
    }
}

/// A language is serialised as its ISO 639-1 code.
impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Lang;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an ISO 639-1 language code")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Lang, E> {
                Lang::ALL
                    .iter()
                    .copied()
                    .find(|l| l.code() == v)
                    .ok_or_else(|| E::custom(UnknownLang(v.to_string())))
            }
        }
        d.deserialize_str(Visit)
    }
}

fn iso639_3(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "ara",
        Lang::Da => "dan",
        Lang::De => "deu",
        Lang::El => "ell",
        Lang::En => "eng",
        Lang::Es => "spa",
        Lang::Fi => "fin",
        Lang::Fr => "fra",
        Lang::Hu => "hun",
        Lang::It => "ita",
        Lang::Nl => "nld",
        Lang::No => "nor",
        Lang::Pt => "por",
        Lang::Ro => "ron",
        Lang::Ru => "rus",
        Lang::Sv => "swe",
        Lang::Ta => "tam",
        Lang::Tr => "tur",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>().unwrap(), lang);
            assert_eq!(lang.name().parse::<Lang>().unwrap(), lang);
        }
    }

    #[test]
    fn parse_list_keeps_order_and_drops_repeats() {
        assert_eq!(
            Lang::parse_list("fr, en,fr").unwrap(),
            vec![Lang::Fr, Lang::En]
        );
        assert_eq!(
            Lang::parse_list("FRA,English").unwrap(),
            vec![Lang::Fr, Lang::En]
        );
        assert!(Lang::parse_list("fr,xx").is_err());
        assert!(Lang::parse_list("zh").is_err());
    }
}
