//! Bytes to text: byte-order marks, UTF-8, UTF-16, legacy encodings, binary
//! detection.
//!
//! The order of the checks:
//!
//! 1. a byte-order mark decides (UTF-8, UTF-16 LE, UTF-16 BE);
//! 2. otherwise, text that looks like UTF-16 without a mark (every other
//!    byte is zero, as in Latin-script UTF-16) is decoded as UTF-16;
//! 3. otherwise a NUL byte in the first block means a binary file, as
//!    ripgrep and git decide;
//! 4. valid UTF-8 is UTF-8;
//! 5. UTF-8 with a few invalid bytes (most non-ASCII sequences valid) stays
//!    UTF-8, the invalid bytes replaced by U+FFFD and counted;
//! 6. anything else goes to a detector (`chardetng`) and is decoded from the
//!    legacy encoding it names (`windows-1252`, `iso-8859-2`, `shift_jis`…)
//!    with `encoding_rs`.
//!
//! Decoding never fails: invalid bytes become U+FFFD, their number is
//! reported, and the status says so.

use std::borrow::Cow;

/// What happened to a file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    /// Decoded cleanly and analysed.
    Ok,
    /// No text at all (zero bytes, a byte-order mark alone, or only white space).
    Empty,
    /// Looks like a binary file (NUL bytes); not analysed.
    Binary,
    /// Decoded with replacement characters for invalid bytes, then analysed.
    DecodeErrors,
    /// Not a regular file (FIFO, socket, device), or a repeat of a file already seen.
    Skipped,
    /// Could not be read (the default: nothing is known of it yet).
    #[default]
    Error,
}

impl Status {
    /// The name used in `documents.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Empty => "empty",
            Status::Binary => "binary",
            Status::DecodeErrors => "decode_errors",
            Status::Skipped => "skipped",
            Status::Error => "error",
        }
    }

    /// Whether the status is a problem worth exit code 1.
    pub fn is_problem(self) -> bool {
        !matches!(self, Status::Ok | Status::Empty)
    }
}

/// How a file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-32 with its byte-order mark.
    Utf32Le,
    Utf32Be,
    /// A legacy encoding named by the detector (`windows-1252`, `shift_jis`…).
    Legacy(&'static encoding_rs::Encoding),
    /// UTF-8 lines and lines in a legacy encoding in one file (a paste from
    /// an old file): each line read in its own (see [`decode`]).
    Mixed(&'static encoding_rs::Encoding),
    /// Not decoded: the content is binary.
    Binary,
}

impl Encoding {
    /// The name in `documents.csv`, lowercase: `utf-8`, `utf-8-bom`,
    /// `utf-16le`, `utf-16be`, `windows-1252`, … `binary`.
    pub fn name(self) -> Cow<'static, str> {
        match self {
            Encoding::Utf8 => "utf-8".into(),
            Encoding::Utf8Bom => "utf-8-bom".into(),
            Encoding::Utf16Le => "utf-16le".into(),
            Encoding::Utf16Be => "utf-16be".into(),
            Encoding::Utf32Le => "utf-32le".into(),
            Encoding::Utf32Be => "utf-32be".into(),
            Encoding::Mixed(e) => format!("utf-8+{}", Encoding::Legacy(e).name()).into(),
            Encoding::Binary => "binary".into(),
            Encoding::Legacy(e) if e.name().bytes().any(|b| b.is_ascii_uppercase()) => {
                e.name().to_ascii_lowercase().into()
            }
            Encoding::Legacy(e) => e.name().into(),
        }
    }
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text; byte offsets in every table refer to it.
    pub text: String,
    pub encoding: Encoding,
    pub status: Status,
    /// How many U+FFFD replacement characters decoding had to insert.
    pub replacements: u64,
    /// A remark on the decoding (mixed encodings).
    pub note: Option<String>,
}

/// How many leading bytes are inspected for NUL bytes.
const BINARY_SNIFF: usize = 8192;
/// How many leading bytes the legacy-encoding detector reads at most.
const DETECT_SNIFF: usize = 1 << 20;

/// Decodes a file's bytes. Never fails: invalid bytes become U+FFFD and the
/// status says so.
///
/// ```
/// use duolex_pipeline::input::{decode, Status};
/// let d = decode(b"\xEF\xBB\xBFl\xE2\x80\x99IA");
/// assert_eq!((d.text.as_str(), d.encoding.name().as_ref(), d.status), ("l’IA", "utf-8-bom", Status::Ok));
/// assert_eq!(decode(b"\xFF\xFEa\x00").text, "a");
/// assert_eq!(decode(b"\x89PNG\r\n\x1a\n\x00\x00").status, Status::Binary);
/// let legacy = decode(b"Le mod\xE8le fran\xE7ais co\xFBte 5 \x80.");
/// assert_eq!((legacy.text.as_str(), legacy.encoding.name().as_ref()), ("Le modèle français coûte 5 €.", "windows-1252"));
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_vec(bytes.to_vec())
}

/// Like [`decode`], taking ownership of the bytes so that valid UTF-8 (the
/// common case) is not copied.
pub fn decode_vec(mut bytes: Vec<u8>) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\x00\x00") {
        let (text, replacements) = utf32(rest, u32::from_le_bytes);
        return finish(text, Encoding::Utf32Le, replacements, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\x00\x00\xFE\xFF") {
        let (text, replacements) = utf32(rest, u32::from_be_bytes);
        return finish(text, Encoding::Utf32Be, replacements, true);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        let (text, replacements) = utf8_vec(bytes);
        return finish(text, Encoding::Utf8Bom, replacements, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, replacements) = utf16(rest, u16::from_le_bytes);
        return finish(text, Encoding::Utf16Le, replacements, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, replacements) = utf16(rest, u16::from_be_bytes);
        return finish(text, Encoding::Utf16Be, replacements, true);
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF)];
    if head.contains(&0) {
        if let Some(little) = utf16_without_bom(head) {
            let (text, replacements) = if little {
                utf16(&bytes, u16::from_le_bytes)
            } else {
                utf16(&bytes, u16::from_be_bytes)
            };
            let encoding = if little {
                Encoding::Utf16Le
            } else {
                Encoding::Utf16Be
            };
            return finish(text, encoding, replacements, true);
        }
        return binary();
    }
    if std::str::from_utf8(&bytes).is_ok() {
        let (text, _) = utf8_vec(bytes);
        return finish(text, Encoding::Utf8, 0, false);
    }
    if has_utf8_multibyte(&bytes) {
        return by_lines(&bytes);
    }
    let encoding = detect_legacy(&bytes);
    if encoding == encoding_rs::UTF_8 {
        let (text, replacements) = utf8_vec(bytes);
        return finish(text, Encoding::Utf8, replacements, false);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    // No legacy encoding maps a byte to U+FFFD, so every one is a replacement.
    let replacements = if had_errors {
        text.chars()
            .filter(|&c| c == char::REPLACEMENT_CHARACTER)
            .count() as u64
    } else {
        0
    };
    let text = text.into_owned();
    drop(bytes);
    finish(text, Encoding::Legacy(encoding), replacements, false)
}

fn binary() -> Decoded {
    Decoded {
        text: String::new(),
        encoding: Encoding::Binary,
        status: Status::Binary,
        replacements: 0,
        note: None,
    }
}

/// The status of decoded text; `sniff_nul`: whether NUL characters at the
/// start of the text still make it binary (after a byte-order mark).
fn finish(text: String, encoding: Encoding, replacements: u64, sniff_nul: bool) -> Decoded {
    if sniff_nul && text.as_bytes()[..text.len().min(BINARY_SNIFF)].contains(&0) {
        return Decoded {
            encoding,
            ..binary()
        };
    }
    let status = if text.trim().is_empty() {
        Status::Empty
    } else if replacements > 0 {
        Status::DecodeErrors
    } else {
        Status::Ok
    };
    Decoded {
        text,
        encoding,
        status,
        replacements,
        note: None,
    }
}

/// UTF-8, invalid sequences replaced (one U+FFFD per maximal invalid
/// sequence, as `String::from_utf8_lossy` does) and counted.
fn utf8_vec(bytes: Vec<u8>) -> (String, u64) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, 0),
        Err(e) => {
            let bytes = e.into_bytes();
            let mut text = String::with_capacity(bytes.len() + 16);
            let mut replacements = 0;
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    text.push(char::REPLACEMENT_CHARACTER);
                    replacements += 1;
                }
            }
            (text, replacements)
        }
    }
}

/// Whether invalid UTF-8 is still best read as UTF-8, at least in part:
/// most of its non-ASCII sequences are valid (a damaged UTF-8 text), or one
/// of its lines is valid UTF-8 with non-ASCII letters (a UTF-8 file with
/// lines pasted from an old one). Text in a legacy encoding seldom forms
/// valid multi-byte sequences by chance, and never a whole line of them.
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    mostly_utf8(bytes)
        || bytes
            .split(|&b| b == b'\n')
            .any(|line| std::str::from_utf8(line).is_ok_and(|l| !l.is_ascii()))
}

/// Valid multi-byte sequences, at least as many as invalid ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > 0 && multibyte >= invalid
}

/// The legacy encoding chardetng names for `bytes` (from its first MiB).
fn detect_legacy(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    let sniff = &bytes[..bytes.len().min(DETECT_SNIFF)];
    detector.feed(sniff, sniff.len() == bytes.len());
    detector.guess(None, true)
}

/// Invalid UTF-8 that is UTF-8 at least in part, read line by line: a valid
/// line is UTF-8; an invalid line whose non-ASCII sequences are mostly valid
/// is UTF-8 with its invalid bytes replaced (a damaged UTF-8 line); any
/// other invalid line is in a legacy encoding (a line pasted
/// from an old file), decoded with the encoding chardetng names for those
/// lines. Such a file is `utf-8+<legacy>` with a note; replaced bytes make
/// it `decode_errors`.
fn by_lines(bytes: &[u8]) -> Decoded {
    let lines = || bytes.split_inclusive(|&b| b == b'\n');
    let legacy_line = |line: &[u8]| std::str::from_utf8(line).is_err() && !mostly_utf8(line);
    let legacy_bytes: Vec<u8> = lines()
        .filter(|l| legacy_line(l))
        .flatten()
        .copied()
        .collect();
    let legacy = if legacy_bytes.is_empty() {
        None
    } else {
        Some(detect_legacy(&legacy_bytes)).filter(|e| *e != encoding_rs::UTF_8)
    };
    let mut text = String::with_capacity(bytes.len() + 16);
    let (mut replacements, mut legacy_lines) = (0u64, 0usize);
    for line in lines() {
        match (legacy, legacy_line(line)) {
            (Some(encoding), true) => {
                let (decoded, had_errors) = encoding.decode_without_bom_handling(line);
                if had_errors {
                    replacements += decoded
                        .chars()
                        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
                        .count() as u64;
                }
                text.push_str(&decoded);
                legacy_lines += 1;
            }
            _ => {
                for chunk in line.utf8_chunks() {
                    text.push_str(chunk.valid());
                    if !chunk.invalid().is_empty() {
                        text.push(char::REPLACEMENT_CHARACTER);
                        replacements += 1;
                    }
                }
            }
        }
    }
    match legacy.filter(|_| legacy_lines > 0) {
        Some(encoding) => {
            let mut d = finish(text, Encoding::Mixed(encoding), replacements, false);
            d.note = Some(format!(
                "mixed encodings: {legacy_lines} line(s) read as {}, the rest as UTF-8",
                Encoding::Legacy(encoding).name()
            ));
            d
        }
        None => finish(text, Encoding::Utf8, replacements, false),
    }
}

/// Whether the first bytes of a file (at least [`SNIFF_BYTES`] of them, or
/// the whole file) already show it binary, as [`decode`] would call it: no
/// byte-order mark, a NUL byte, and not UTF-16 without a mark. A reader
/// can then leave the rest unread.
pub fn looks_binary(head: &[u8]) -> bool {
    let head = &head[..head.len().min(BINARY_SNIFF)];
    let bom = [
        &b"\xEF\xBB\xBF"[..],
        b"\xFF\xFE",
        b"\xFE\xFF",
        b"\x00\x00\xFE\xFF",
    ];
    !bom.iter().any(|b| head.starts_with(b))
        && head.contains(&0)
        && utf16_without_bom(head).is_none()
}

/// How many leading bytes [`looks_binary`] needs.
pub const SNIFF_BYTES: usize = BINARY_SNIFF;

/// UTF-16 without a byte-order mark, as Latin-script text gives it: zero
/// bytes at every other position and nowhere else, and no control
/// characters once decoded. `Some(true)` for little-endian.
fn utf16_without_bom(head: &[u8]) -> Option<bool> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |parity: usize| {
        head[..pairs * 2]
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let little = match (even, odd) {
        (0, o) if o * 2 >= pairs => true,
        (e, 0) if e * 2 >= pairs => false,
        _ => return None,
    };
    let unit = if little {
        u16::from_le_bytes
    } else {
        u16::from_be_bytes
    };
    let units = head[..pairs * 2]
        .chunks_exact(2)
        .map(|c| unit([c[0], c[1]]));
    let plausible = char::decode_utf16(units).all(|r| match r {
        Ok(c) => !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'),
        // A surrogate pair cut by the end of the sniffed block is fine.
        Err(e) => (0xD800..0xDC00).contains(&e.unpaired_surrogate()),
    });
    plausible.then_some(little)
}

fn utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> (String, u64) {
    let mut replacements = u64::from(!bytes.len().is_multiple_of(4));
    let mut text = String::with_capacity(bytes.len() / 4 + 3);
    for c in bytes.chunks_exact(4) {
        text.push(
            char::from_u32(unit([c[0], c[1], c[2], c[3]])).unwrap_or_else(|| {
                replacements += 1;
                char::REPLACEMENT_CHARACTER
            }),
        );
    }
    if !bytes.len().is_multiple_of(4) {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, replacements)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, u64) {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut replacements = u64::from(bytes.len() % 2 == 1);
    let mut text = String::with_capacity(bytes.len() / 2 * 3 / 2 + 3);
    for r in char::decode_utf16(units) {
        text.push(r.unwrap_or_else(|_| {
            replacements += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, replacements)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn encodings_and_statuses() {
        assert_eq!(decode(b"").status, Status::Empty);
        let bom_only = decode(b"\xEF\xBB\xBF");
        assert_eq!(
            (bom_only.status, bom_only.encoding),
            (Status::Empty, Encoding::Utf8Bom)
        );
        assert_eq!(decode(b"\xFF\xFE").status, Status::Empty);
        assert_eq!(decode(b" \n\t").status, Status::Empty);
        let be = decode(b"\xFE\xFF\x00\xE9\x00t\x00\xE9");
        assert_eq!((be.text.as_str(), be.encoding), ("été", Encoding::Utf16Be));
    }

    #[test]
    fn invalid_bytes_inside_utf8_are_counted() {
        let bad = decode(b"Le mod\xC3\xA8le \xFF co\xC3\xBBte cher \xC3");
        assert_eq!(bad.encoding, Encoding::Utf8);
        assert_eq!(bad.status, Status::DecodeErrors);
        assert_eq!(bad.replacements, 2);
        assert_eq!(bad.text, "Le modèle \u{FFFD} coûte cher \u{FFFD}");
    }

    #[test]
    fn windows_1252_french_comes_back_intact() {
        let text = "Le modèle français de l’œuvre coûte 20 € — « déjà vu » à Noël.";
        let (bytes, _, errors) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!errors);
        let d = decode(&bytes);
        assert_eq!(d.encoding.name(), "windows-1252");
        assert_eq!(d.status, Status::Ok);
        assert_eq!(d.replacements, 0);
        assert_eq!(d.text, text);
    }

    #[test]
    fn other_legacy_encodings() {
        let text = "Zażółć gęślą jaźń, powiedział. Dzień dobry, jak się masz? Świetnie, dziękuję.";
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(text);
        let d = decode(&bytes);
        assert_eq!(d.status, Status::Ok);
        assert!(d.encoding.name().starts_with("iso-8859-2") || d.encoding.name() == "windows-1250");
        assert_eq!(d.text, text);
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("日本語のテキストです。こんにちは、世界。");
        let d = decode(&sjis);
        assert_eq!(d.encoding.name(), "shift_jis");
        assert_eq!(d.text, "日本語のテキストです。こんにちは、世界。");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "L’œuvre « déjà » vue.\r\nThe end.";
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf16le(text));
        let mut be = b"\xFE\xFF".to_vec();
        be.extend(utf16be(text));
        for (bytes, enc) in [(le, Encoding::Utf16Le), (be, Encoding::Utf16Be)] {
            let d = decode(&bytes);
            assert_eq!(
                (d.text.as_str(), d.encoding, d.status),
                (text, enc, Status::Ok)
            );
        }
        let d = decode(&utf16le(text));
        assert_eq!((d.text.as_str(), d.encoding), (text, Encoding::Utf16Le));
        let d = decode(&utf16be(text));
        assert_eq!((d.text.as_str(), d.encoding), (text, Encoding::Utf16Be));
        // A lone surrogate and an odd trailing byte are replaced and counted.
        let mut bad = b"\xFF\xFE".to_vec();
        bad.extend(utf16le("ab"));
        bad.extend([0x00, 0xD8, b'c', 0, 0x41]);
        let d = decode(&bad);
        assert_eq!(d.status, Status::DecodeErrors);
        assert_eq!(d.replacements, 2);
        assert_eq!(d.text, "ab\u{FFFD}c\u{FFFD}");
    }

    #[test]
    fn utf32_with_a_byte_order_mark() {
        let text = "L’œuvre « déjà » vue 🚀.";
        let mut le = b"\xFF\xFE\x00\x00".to_vec();
        le.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        let mut be = b"\x00\x00\xFE\xFF".to_vec();
        be.extend(text.chars().flat_map(|c| (c as u32).to_be_bytes()));
        for (bytes, enc) in [(le, Encoding::Utf32Le), (be, Encoding::Utf32Be)] {
            let d = decode(&bytes);
            assert_eq!(
                (d.text.as_str(), d.encoding, d.status),
                (text, enc, Status::Ok)
            );
        }
        let d = decode(b"\xFF\xFE\x00\x00a\x00\x00\x00\x00\x00\x11\x00b");
        assert_eq!((d.text.as_str(), d.replacements), ("a\u{FFFD}\u{FFFD}", 2));
    }

    #[test]
    fn utf8_lines_and_legacy_lines_are_each_read_in_their_encoding() {
        let mut bytes = "Le modèle « ouvert » coûte cher.\n".as_bytes().to_vec();
        let (legacy, _, _) = encoding_rs::WINDOWS_1252
            .encode("Une ligne collée d’un vieux fichier : modèle, française, où.\n");
        bytes.extend_from_slice(&legacy);
        bytes.extend_from_slice("Dernière ligne en UTF-8.".as_bytes());
        let d = decode(&bytes);
        assert_eq!(
            d.text,
            "Le modèle « ouvert » coûte cher.\nUne ligne collée d’un vieux fichier : modèle, française, où.\nDernière ligne en UTF-8."
        );
        assert_eq!(
            (d.encoding.name().as_ref(), d.status),
            ("utf-8+windows-1252", Status::Ok)
        );
        assert!(d.note.unwrap().contains("1 line(s) read as windows-1252"));
        // A damaged UTF-8 line keeps its UTF-8 and has its bad byte replaced.
        let d = decode(
            "Première ligne.\n"
                .bytes()
                .chain(*b"mod\xC3\xA8le \xFF\nl\xE0\n")
                .collect::<Vec<u8>>()
                .as_slice(),
        );
        assert_eq!(d.text, "Première ligne.\nmodèle \u{FFFD}\nlà\n");
        assert_eq!((d.status, d.replacements), (Status::DecodeErrors, 1));
    }

    #[test]
    fn the_head_of_a_file_tells_binary_as_decode_does() {
        for bytes in [
            &b"\x89PNG\r\n\x1a\n\x00\x00"[..],
            b"\x00\x01\x02",
            b"plain text",
            b"\xFF\xFEa\x00b\x00",
            b"a\x00b\x00c\x00d\x00",
            b"\xEF\xBB\xBFab\x00",
            b"\x00\x00\xFE\xFFab",
        ] {
            let whole = decode(bytes).status == Status::Binary;
            // A BOM'd text with NULs is binary only after decoding: the head
            // test never claims more than decode does.
            assert!(!looks_binary(bytes) || whole, "{bytes:?}");
        }
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00"));
        assert!(!looks_binary(b"plain text"));
    }

    #[test]
    fn binary_files() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
        assert_eq!(decode(png).status, Status::Binary);
        assert_eq!(decode(b"\x00\x01\x02\x03\x04\x05").status, Status::Binary);
        // NUL characters right after a byte-order mark.
        assert_eq!(decode(b"\xEF\xBB\xBFab\x00\x00cd").status, Status::Binary);
        // Control characters do not pass for UTF-16.
        assert_eq!(
            decode(b"\x01\x00\x02\x00\x03\x00\x04\x00").status,
            Status::Binary
        );
    }
}
