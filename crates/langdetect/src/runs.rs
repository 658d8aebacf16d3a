//! A document split into language runs.

use crate::evidence::{leader, CLEAR_MARGIN};
use crate::{Detector, Evidence};
use duolex_tokenize::units::Boundary;
use duolex_tokenize::Lang;

/// Whether a run is in the document's main language or quotes another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SegmentKind {
    /// The document's main language.
    Body,
    /// Another language.
    Quote,
}

impl SegmentKind {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Body => "body",
            SegmentKind::Quote => "quote",
        }
    }
}

/// A maximal run of one language. `start..end` slices the text given to
/// [`Detector::segments`]; runs are ordered, disjoint, and together hold
/// every letter of the text. Between two runs lie only spaces, quotation
/// marks or punctuation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    /// `None` (`und`) when the whole text holds no language evidence.
    pub lang: Option<Lang>,
    pub kind: SegmentKind,
    /// How sure the run's language is, from 0 to 1.
    pub confidence: f64,
}

impl Segment {
    /// The language code, `und` for undetermined.
    pub fn code(&self) -> &'static str {
        self.lang.map_or("und", Lang::code)
    }
}

/// What it costs to change language between two pieces, by the boundary
/// between them: cheap at a paragraph or a quotation mark, dear inside a
/// sentence.
fn switch_cost(boundary: Boundary) -> f64 {
    match boundary {
        Boundary::Paragraph => 0.5,
        Boundary::Line => 1.0,
        Boundary::Quote => 1.0,
        Boundary::Sentence => 1.5,
        Boundary::Clause => 2.5,
    }
}

pub(crate) fn segments(
    detector: &Detector,
    text: &str,
    pieces: &[duolex_tokenize::Piece],
) -> Vec<Segment> {
    let langs = detector.langs();
    let k = langs.len();
    let has_letters: Vec<bool> = pieces
        .iter()
        .map(|p| p.text(text).chars().any(char::is_alphabetic))
        .collect();
    let evidence = spend_on_uncertain(detector, text, pieces, &has_letters);
    let speaks: Vec<bool> = evidence
        .iter()
        .map(|e| e.iter().any(|&s| s != 0.0))
        .collect();

    // 1. Viterbi over the pieces that hold evidence. Between two of them the
    //    language may change at the cheapest boundary in between.
    let voters: Vec<usize> = (0..pieces.len()).filter(|&i| speaks[i]).collect();
    let mut labels: Vec<Option<usize>> = vec![None; pieces.len()];
    if !voters.is_empty() {
        let costs: Vec<f64> = voters
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let from = if n == 0 { i } else { voters[n - 1] + 1 };
                (from..=i)
                    .map(|j| switch_cost(pieces[j].before))
                    .fold(f64::MAX, f64::min)
            })
            .collect();
        let ev: Vec<&[f64]> = voters.iter().map(|&i| evidence[i].as_slice()).collect();
        for (&i, l) in voters.iter().zip(viterbi(&ev, &costs, k)) {
            labels[i] = Some(l);
        }
        // 2. Pieces with letters but no evidence (names, numbers) take the
        //    language of the nearest voter at their quote depth or shallower:
        //    a name after a quote belongs to the sentence around the quote.
        //    The nearest voters are found by one sweep each way (linear time
        //    even when a long text has few voters).
        let depth = |i: usize| pieces[i].quote_depth;
        let before = nearest_voters(0..pieces.len(), &speaks, depth);
        let after = nearest_voters((0..pieces.len()).rev(), &speaks, depth);
        for i in 0..pieces.len() {
            if speaks[i] || !has_letters[i] {
                continue;
            }
            let pick = match (before[i].0, after[i].0) {
                (Some(b), Some(a))
                    if pieces[b].paragraph != pieces[i].paragraph
                        && pieces[a].paragraph == pieces[i].paragraph =>
                {
                    Some(a)
                }
                (Some(b), _) => Some(b),
                // No voter at this depth or shallower: the nearest voter at
                // any depth, the earlier one on a tie.
                (None, None) => match (before[i].1, after[i].1) {
                    (Some(b), Some(a)) => Some(if i - b <= a - i { b } else { a }),
                    (b, a) => b.or(a),
                },
                (None, a) => a,
            };
            labels[i] = pick.and_then(|j| labels[j]);
        }
    }

    // Runs: consecutive lettered pieces with one label; pieces without
    // letters (punctuation, closing marks) belong to no run.
    let mut out = Vec::new();
    let lettered: Vec<usize> = (0..pieces.len()).filter(|&i| has_letters[i]).collect();
    let mut n = 0;
    while n < lettered.len() {
        let label = labels[lettered[n]];
        let mut m = n;
        let mut margin = 0.0;
        while m < lettered.len() && labels[lettered[m]] == label {
            if let Some(l) = label {
                let ev = &evidence[lettered[m]];
                let other = (0..k)
                    .filter(|&o| o != l)
                    .map(|o| ev[o])
                    .fold(f64::MIN, f64::max);
                margin += ev[l] - if k > 1 { other } else { 0.0 };
            }
            m += 1;
        }
        let confidence = match label {
            None => 0.0,
            Some(_) if k == 1 => 1.0,
            Some(_) => 1.0 / (1.0 + (-margin).exp()),
        };
        out.push(Segment {
            start: pieces[lettered[n]].start,
            end: pieces[lettered[m - 1]].end,
            lang: label.map(|l| langs[l]),
            kind: SegmentKind::Body,
            confidence,
        });
        n = m;
    }
    mark_body(text, langs, &mut out);
    out
}

/// Marks each run `Body` or `Quote`: the document's main language is the
/// one of `langs` with most letters in its runs (ties to the earlier in
/// `langs`); runs in it, and runs without a language, are the body. Returns
/// the main language, `None` when no run has one.
///
/// ```
/// use duolex_langdetect::{mark_body, Segment, SegmentKind};
/// use duolex_tokenize::Lang;
/// let text = "Le modèle est rapide. The end.";
/// let run = |start, end, lang| Segment { start, end, lang: Some(lang), kind: SegmentKind::Body, confidence: 1.0 };
/// let mut runs = [run(0, 21, Lang::Fr), run(22, 30, Lang::En)];
/// assert_eq!(mark_body(text, &[Lang::Fr, Lang::En], &mut runs), Some(Lang::Fr));
/// assert_eq!((runs[0].kind, runs[1].kind), (SegmentKind::Body, SegmentKind::Quote));
/// ```
pub fn mark_body(text: &str, langs: &[Lang], segments: &mut [Segment]) -> Option<Lang> {
    let mut letters = vec![0usize; langs.len()];
    for s in segments.iter() {
        if let Some(i) = langs.iter().position(|&l| Some(l) == s.lang) {
            letters[i] += letter_count(&text[s.start..s.end]);
        }
    }
    let main = (0..langs.len()).fold(
        0,
        |best, i| {
            if letters[i] > letters[best] {
                i
            } else {
                best
            }
        },
    );
    for s in segments.iter_mut() {
        s.kind = if s.lang.is_none_or(|l| l == langs[main]) {
            SegmentKind::Body
        } else {
            SegmentKind::Quote
        };
    }
    segments
        .iter()
        .find(|s| s.kind == SegmentKind::Body)
        .and_then(|s| s.lang)
}

/// Evidence for every piece. Function words settle most sentences; the
/// trigram models run only on pieces that are unsettled and not simply
/// agreeing with settled neighbours on both sides.
fn spend_on_uncertain(
    detector: &Detector,
    text: &str,
    pieces: &[duolex_tokenize::Piece],
    has_letters: &[bool],
) -> Vec<Vec<f64>> {
    // The open pieces' samples for the models, and their letter counts.
    let mut samples: Vec<Option<(String, usize)>> = Vec::with_capacity(pieces.len());
    let mut evidence: Vec<Vec<f64>> = pieces
        .iter()
        .zip(has_letters)
        .map(|(p, &letters)| {
            if letters {
                let (ev, sample) = detector.cheap_evidence(p.text(text));
                samples.push(sample.map(|s| (s, ev.letters)));
                ev.scores
            } else {
                samples.push(None);
                vec![0.0; detector.langs().len()]
            }
        })
        .collect();
    let settled: Vec<Option<usize>> = evidence.iter().map(|e| leader(e, CLEAR_MARGIN)).collect();
    // The settled language nearest before and after each piece.
    let mut before = vec![None; pieces.len()];
    let mut after = vec![None; pieces.len()];
    let mut last = None;
    for i in 0..pieces.len() {
        before[i] = last;
        last = settled[i].or(last);
    }
    last = None;
    for i in (0..pieces.len()).rev() {
        after[i] = last;
        last = settled[i].or(last);
    }
    for i in 0..pieces.len() {
        if settled[i].is_some() || !has_letters[i] {
            continue;
        }
        let context = before[i].filter(|&b| Some(b) == after[i]);
        let leaning = leader(&evidence[i], 0.0);
        // Inside settled text of one language, a piece that leans the same
        // way, or an unquoted piece with no lean at all, cannot change the
        // runs: the models are not worth asking. A quoted piece may still
        // be a short quotation in another language.
        let follows = context.is_some()
            && (leaning == context || leaning.is_none() && pieces[i].quote_depth == 0);
        if let Some((sample, letters)) = samples[i].as_ref().filter(|_| !follows) {
            let cheap = Evidence {
                scores: std::mem::take(&mut evidence[i]),
                letters: *letters,
            };
            // An unquoted piece leaning like a settled neighbour only
            // confirms its context (see `Detector::add_models`); one that
            // leans against both may be an unmarked quotation.
            let confirming = pieces[i].quote_depth == 0
                && leaning.is_some()
                && (leaning == before[i] || leaning == after[i]);
            evidence[i] = detector.add_models(sample, cheap, confirming).scores;
        }
    }
    evidence
}

/// For each position of `order` (a forward or backward sweep over piece
/// indices), the nearest voter already passed whose quote depth is at most
/// the piece's own, and the nearest voter at any depth.
///
/// A stack keeps the voters that can still answer: a newer voter hides every
/// older one at its depth or deeper, so depths strictly increase from the
/// bottom and the answer is the topmost entry not deeper than the query.
fn nearest_voters(
    order: impl Iterator<Item = usize>,
    speaks: &[bool],
    depth: impl Fn(usize) -> u8,
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = vec![(None, None); speaks.len()];
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut any = None;
    for i in order {
        let d = depth(i);
        // Depths increase upwards: the entries not deeper than `d` are a
        // prefix of the stack, and the last of them is the nearest.
        let shallow = stack.partition_point(|&(sd, _)| sd <= d);
        out[i] = (shallow.checked_sub(1).map(|k| stack[k].1), any);
        if speaks[i] {
            while stack.last().is_some_and(|&(sd, _)| sd >= d) {
                stack.pop();
            }
            stack.push((d, i));
            any = Some(i);
        }
    }
    out
}

/// Best label sequence: maximise the sum of each piece's evidence for its
/// label, less the switch cost wherever the label changes. Ties keep the
/// earlier label, then the earlier language of the set.
fn viterbi(evidence: &[&[f64]], cost: &[f64], k: usize) -> Vec<usize> {
    let n = evidence.len();
    let mut score = evidence[0].to_vec();
    let mut next = vec![0.0; k];
    // back[t * k + s]: the best state before state `s` at step `t`.
    let mut back = vec![0usize; n * k];
    for t in 1..n {
        for s in 0..k {
            let (mut best, mut arg) = (score[s], s);
            for (p, &ps) in score.iter().enumerate() {
                let v = ps - cost[t];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            next[s] = best + evidence[t][s];
            back[t * k + s] = arg;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut state = (0..k).fold(0, |b, s| if score[s] > score[b] { s } else { b });
    let mut path = vec![0; n];
    for t in (0..n).rev() {
        path[t] = state;
        state = back[t * k + state];
    }
    path
}

/// Letters (alphabetic characters) in `s`; ASCII text byte by byte.
fn letter_count(s: &str) -> usize {
    if s.is_ascii() {
        s.bytes().filter(u8::is_ascii_alphabetic).count()
    } else {
        s.chars().filter(|c| c.is_alphabetic()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs<'t>(text: &'t str, langs: &[Lang]) -> Vec<(&'t str, &'static str, &'static str)> {
        Detector::new(langs)
            .segments(text)
            .iter()
            .map(|s| (&text[s.start..s.end], s.code(), s.kind.as_str()))
            .collect()
    }

    #[test]
    fn english_quote_inside_french_sentence() {
        let t = "Le PDG a déclaré « we are going to ship it next week » devant la presse, puis il est reparti.";
        assert_eq!(
            runs(t, &[Lang::Fr, Lang::En]),
            [
                ("Le PDG a déclaré", "fr", "body"),
                ("we are going to ship it next week", "en", "quote"),
                ("devant la presse, puis il est reparti.", "fr", "body"),
            ]
        );
    }

    #[test]
    fn french_quote_in_french_stays_body() {
        let t = "Il a reconnu que DeepSeek R1 était un modèle « impressionnant ». Tout le monde ne partage pas cet optimisme.";
        assert_eq!(
            runs(t, &[Lang::Fr, Lang::En]),
            [(t.trim_end(), "fr", "body")]
        );
    }

    #[test]
    fn english_article_quoting_french() {
        let t = "The minister was blunt. « Nous ne céderons pas sur ce point », she told reporters on Monday, before leaving for the summit.";
        let got = runs(t, &[Lang::Fr, Lang::En]);
        assert_eq!(got[0], ("The minister was blunt.", "en", "body"));
        assert_eq!(got[1], ("Nous ne céderons pas sur ce point", "fr", "quote"));
        assert_eq!(got[2].1, "en");
    }

    #[test]
    fn names_numbers_urls_do_not_split() {
        let t = "Selon Sam Altman, OpenAI a publié GPT-4o le 13 mai 2024 sur https://openai.com/index. C’est un modèle rapide.";
        assert_eq!(runs(t, &[Lang::Fr, Lang::En]).len(), 1);
    }

    #[test]
    fn german_and_english() {
        let t = "Die Regierung hat am Montag einen neuen Plan vorgestellt, der die Kosten senken soll.\n\nThe government presented a new plan on Monday that is meant to cut costs.";
        let got = runs(t, &[Lang::De, Lang::En]);
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].1, got[1].1), ("de", "en"));
    }

    #[test]
    fn no_evidence_is_und() {
        assert_eq!(
            runs("OpenAI GPT-4o — 42 %", &[Lang::Fr, Lang::En]),
            [("OpenAI GPT-4o", "und", "body")]
        );
        assert!(runs("2025 — 42 %", &[Lang::Fr, Lang::En]).is_empty());
        assert!(runs("   ", &[Lang::Fr, Lang::En]).is_empty());
    }
}
