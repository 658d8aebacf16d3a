//! A document split into language runs.

use crate::evidence::{bit, leader, margin, Mask, CLEAR_MARGIN};
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

/// A quoted piece whose own evidence leads by less than this is undecided
/// (see [`quote_prior`]).
const UNDECIDED: f64 = 1.0;
/// The vote an undecided quote gets for the language of the document's
/// nearest settled quote: it outweighs switching language at both its
/// quotation marks (2 × 1.0) even against an undecided lean.
const QUOTE_PRIOR: f64 = CLEAR_MARGIN;
/// A run needs this many words that speak to stand apart from its
/// surroundings (see [`absorb_thin_runs`]).
const MIN_RUN_WORDS: usize = 2;

pub(crate) fn segments(
    detector: &Detector,
    text: &str,
    pieces: &[duolex_tokenize::Piece],
) -> Vec<Segment> {
    let langs = detector.langs();
    let k = langs.len();
    let letters: Vec<usize> = pieces.iter().map(|p| letter_count(p.text(text))).collect();
    let has_letters: Vec<bool> = letters.iter().map(|&n| n > 0).collect();
    let gathered = spend_on_uncertain(detector, text, pieces, &has_letters);
    let words: Vec<usize> = gathered.iter().map(|e| e.words).collect();
    let function_langs: Vec<Mask> = gathered.iter().map(|e| e.function_langs).collect();
    let mut evidence: Vec<Vec<f64>> = gathered.into_iter().map(|e| e.scores).collect();
    quote_prior(&mut evidence, pieces, &words);

    // 1–2. Viterbi over the pieces that hold evidence, then the others
    //    from their nearest voter (see `label_pieces`).
    let mut labels = label_pieces(&evidence, pieces, &has_letters, k, None);
    // 3. A piece whose function words all belong to the main language is
    //    never labelled another language: `ou` between two English
    //    quotations stays French.
    let mut main = main_language(&letters, &labels, k);
    let locked: Vec<bool> = function_langs
        .iter()
        .map(|&m| m != 0 && m == bit(langs[main]))
        .collect();
    if (0..pieces.len()).any(|i| locked[i] && labels[i] != Some(main)) {
        labels = label_pieces(&evidence, pieces, &has_letters, k, Some((&locked, main)));
    }
    // 4. A run of fewer than two words that speak (a value, a command
    //    name, a tag) takes its surroundings' language.
    let anchored: Vec<bool> = (0..pieces.len())
        .map(|i| locked[i] && labels[i] == Some(main))
        .collect();
    absorb_thin_runs(&mut labels, pieces, &has_letters, &words, &anchored);
    main = main_language(&letters, &labels, k);

    // Runs: consecutive lettered pieces with one label; pieces without
    // letters (punctuation, closing marks) belong to no run.
    let mut out = Vec::new();
    let lettered: Vec<usize> = (0..pieces.len()).filter(|&i| has_letters[i]).collect();
    let mut n = 0;
    while n < lettered.len() {
        let label = labels[lettered[n]];
        let mut m = n;
        let mut lead = 0.0;
        while m < lettered.len() && labels[lettered[m]] == label {
            if let Some(l) = label {
                let ev = &evidence[lettered[m]];
                let other = (0..k)
                    .filter(|&o| o != l)
                    .map(|o| ev[o])
                    .fold(f64::MIN, f64::max);
                lead += ev[l] - if k > 1 { other } else { 0.0 };
            }
            m += 1;
        }
        let confidence = match label {
            None => 0.0,
            Some(_) if k == 1 => 1.0,
            Some(_) => 1.0 / (1.0 + (-lead).exp()),
        };
        out.push(Segment {
            start: pieces[lettered[n]].start,
            end: pieces[lettered[m - 1]].end,
            lang: label.map(|l| langs[l]),
            kind: if label.is_none_or(|l| l == main) {
                SegmentKind::Body
            } else {
                SegmentKind::Quote
            },
            confidence,
        });
        n = m;
    }
    out
}

/// Labels every piece: Viterbi over the pieces that hold evidence, with a
/// switch cost by boundary (`lock`: pieces that may only take one
/// language); pieces with letters but no evidence (names, numbers, code)
/// take the language of the nearest voter at their quote depth or
/// shallower.
fn label_pieces(
    evidence: &[Vec<f64>],
    pieces: &[duolex_tokenize::Piece],
    has_letters: &[bool],
    k: usize,
    lock: Option<(&[bool], usize)>,
) -> Vec<Option<usize>> {
    let speaks: Vec<bool> = evidence
        .iter()
        .map(|e| e.iter().any(|&s| s != 0.0))
        .collect();
    let voters: Vec<usize> = (0..pieces.len()).filter(|&i| speaks[i]).collect();
    let mut labels: Vec<Option<usize>> = vec![None; pieces.len()];
    if voters.is_empty() {
        return labels;
    }
    // Between two voters the language may change at the cheapest boundary
    // in between.
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
    // Locked pieces (a pass that is rarely needed) have no score for the
    // languages they may not take.
    let masked: Vec<Vec<f64>>;
    let ev: Vec<&[f64]> = match lock {
        Some((locked, only)) => {
            masked = voters
                .iter()
                .map(|&i| {
                    let mut row = evidence[i].clone();
                    if locked[i] {
                        for (l, s) in row.iter_mut().enumerate() {
                            if l != only {
                                *s = f64::NEG_INFINITY;
                            }
                        }
                    }
                    row
                })
                .collect();
            masked.iter().map(Vec::as_slice).collect()
        }
        None => voters.iter().map(|&i| evidence[i].as_slice()).collect(),
    };
    for (&i, l) in voters.iter().zip(viterbi(&ev, &costs, k)) {
        labels[i] = Some(l);
    }
    // Pieces with letters but no evidence (names, numbers) take the
    // language of the nearest voter at their quote depth or shallower: a
    // name after a quote belongs to the sentence around the quote. The
    // nearest voters are found by one sweep each way (linear time even when
    // a long text has few voters).
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
    labels
}

/// The main language: the one with most letters (`letters`: per piece; the
/// first of the set on a tie or when nothing is labelled).
fn main_language(letters: &[usize], labels: &[Option<usize>], k: usize) -> usize {
    let mut by_lang = vec![0usize; k];
    for (&n, label) in letters.iter().zip(labels) {
        if let Some(l) = label {
            by_lang[*l] += n;
        }
    }
    most_letters(&by_lang)
}

/// The rule of the main language: the one with most letters, ties to the
/// earlier in the detector's set.
fn most_letters(by_lang: &[usize]) -> usize {
    (0..by_lang.len()).fold(
        0,
        |best, i| if by_lang[i] > by_lang[best] { i } else { best },
    )
}

/// Marks each run `Body` or `Quote` by the main language of the runs
/// (the one with most letters, ties to the earlier in `langs`): runs in it, and runs without a language, are
/// the body — for runs joined from several texts (a long document detected
/// by sections). Returns the main language, `None` when no run has one.
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
    let mut by_lang = vec![0usize; langs.len()];
    for s in segments.iter() {
        if let Some(i) = langs.iter().position(|&l| Some(l) == s.lang) {
            by_lang[i] += letter_count(&text[s.start..s.end]);
        }
    }
    let main = langs.get(most_letters(&by_lang)).copied();
    for s in segments.iter_mut() {
        s.kind = if s.lang.is_none_or(|l| Some(l) == main) {
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

/// Quotations in one document tend to be in one language: a quoted piece
/// of two words or more whose own evidence leaves it undecided (lead under
/// [`UNDECIDED`], as `« excellent AI advancement »`, on which the models
/// split evenly) gets a vote ([`QUOTE_PRIOR`]) for the language of the
/// nearest quoted piece that is settled (lead of at least
/// [`CLEAR_MARGIN`]), the earlier one on a tie. Without a settled quote
/// nothing changes.
fn quote_prior(evidence: &mut [Vec<f64>], pieces: &[duolex_tokenize::Piece], words: &[usize]) {
    let settled: Vec<(usize, usize)> = (0..pieces.len())
        .filter(|&i| pieces[i].quote_depth > 0)
        .filter_map(|i| leader(&evidence[i], CLEAR_MARGIN).map(|l| (i, l)))
        .collect();
    if settled.is_empty() {
        return;
    }
    for i in 0..pieces.len() {
        let open = pieces[i].quote_depth > 0
            && words[i] >= MIN_RUN_WORDS
            && evidence[i].iter().any(|&s| s != 0.0)
            && margin(&evidence[i]) < UNDECIDED;
        if !open {
            continue;
        }
        // The nearest settled quote: the first at or after `i`, or the
        // last before it.
        let at = settled.partition_point(|&(j, _)| j < i);
        let nearest = match (at.checked_sub(1).map(|n| settled[n]), settled.get(at)) {
            (Some((b, lb)), Some(&(a, la))) => {
                if i - b <= a - i {
                    lb
                } else {
                    la
                }
            }
            (Some((_, l)), None) | (None, Some(&(_, l))) => l,
            (None, None) => continue,
        };
        evidence[i][nearest] += QUOTE_PRIOR;
    }
}

/// Runs (maximal stretches of lettered pieces with one label) holding fewer
/// than [`MIN_RUN_WORDS`] words that speak are not language of their own: a
/// quoted value, a command name, a tag such as `root` or `never`. Each takes
/// the language of the nearest *solid* run (enough words, or `anchored`:
/// held by the main language's function words): the one before and after
/// when they agree, else the one in the same paragraph (the earlier first),
/// else the earlier. A text without a solid run is left as it is.
fn absorb_thin_runs(
    labels: &mut [Option<usize>],
    pieces: &[duolex_tokenize::Piece],
    has_letters: &[bool],
    words: &[usize],
    anchored: &[bool],
) {
    // (first piece, last piece, label, solid)
    let mut runs: Vec<(usize, usize, Option<usize>, bool)> = Vec::new();
    let mut words_in = 0;
    let mut anchor = false;
    for i in (0..pieces.len()).filter(|&i| has_letters[i]) {
        match runs.last_mut() {
            Some(run) if run.2 == labels[i] => {
                run.1 = i;
            }
            _ => {
                if let Some(run) = runs.last_mut() {
                    run.3 = words_in >= MIN_RUN_WORDS || anchor;
                }
                runs.push((i, i, labels[i], false));
                words_in = 0;
                anchor = false;
            }
        }
        words_in += words[i];
        anchor |= anchored[i];
    }
    if let Some(run) = runs.last_mut() {
        run.3 = words_in >= MIN_RUN_WORDS || anchor;
    }
    let solid: Vec<usize> = (0..runs.len())
        .filter(|&r| runs[r].3 && runs[r].2.is_some())
        .collect();
    if solid.is_empty() {
        return;
    }
    for r in 0..runs.len() {
        let (first, last, label, is_solid) = runs[r];
        if is_solid || label.is_none() {
            continue;
        }
        let at = solid.partition_point(|&s| s < r);
        let before = at.checked_sub(1).map(|n| runs[solid[n]]);
        let after = solid.get(at).map(|&s| runs[s]);
        let pick = match (before, after) {
            (Some(b), Some(a)) if b.2 == a.2 => b.2,
            (Some(b), _) if pieces[b.1].paragraph == pieces[first].paragraph => b.2,
            (_, Some(a)) if pieces[a.0].paragraph == pieces[last].paragraph => a.2,
            (Some(b), _) => b.2,
            (None, Some(a)) => a.2,
            (None, None) => continue,
        };
        for l in &mut labels[first..=last] {
            if l.is_some() {
                *l = pick;
            }
        }
    }
}

/// Evidence for every piece. Function words settle most sentences; the
/// trigram models run only on pieces that are unsettled and not simply
/// agreeing with settled neighbours on both sides.
fn spend_on_uncertain(
    detector: &Detector,
    text: &str,
    pieces: &[duolex_tokenize::Piece],
    has_letters: &[bool],
) -> Vec<Evidence> {
    // The open pieces' samples for the models.
    let mut samples: Vec<Option<String>> = Vec::with_capacity(pieces.len());
    let mut evidence: Vec<Evidence> = pieces
        .iter()
        .zip(has_letters)
        .map(|(p, &letters)| {
            if letters {
                let (ev, sample) = detector.cheap_evidence(p.text(text));
                samples.push(sample);
                ev
            } else {
                samples.push(None);
                Evidence {
                    scores: vec![0.0; detector.langs().len()],
                    letters: 0,
                    words: 0,
                    function_langs: 0,
                }
            }
        })
        .collect();
    let settled: Vec<Option<usize>> = evidence
        .iter()
        .map(|e| leader(&e.scores, CLEAR_MARGIN))
        .collect();
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
        let leaning = leader(&evidence[i].scores, 0.0);
        // Inside settled text of one language, a piece that leans the same
        // way, or an unquoted piece with no lean at all, cannot change the
        // runs: the models are not worth asking. A quoted piece may still
        // be a short quotation in another language.
        let follows = context.is_some()
            && (leaning == context || leaning.is_none() && pieces[i].quote_depth == 0);
        if let Some(sample) = samples[i].as_ref().filter(|_| !follows) {
            let cheap = evidence[i].clone();
            // An unquoted piece leaning like a settled neighbour only
            // confirms its context (see `Detector::add_models`); one that
            // leans against both may be an unmarked quotation.
            let confirming = pieces[i].quote_depth == 0
                && leaning.is_some()
                && (leaning == before[i] || leaning == after[i]);
            evidence[i] = detector.add_models(sample, cheap, confirming);
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
    fn short_english_quote_in_french_is_found() {
        // The sample corpus: the models split evenly on the first quote;
        // the document's other quote is plainly English.
        let t = "Dans un communiqué publié le soir même, l’entreprise a qualifié DeepSeek d’« excellent AI advancement », avant d’ajouter que ce travail montrait « how new models can be created using test-time scaling ».";
        let got = runs(t, &[Lang::Fr, Lang::En]);
        assert!(
            got.contains(&("excellent AI advancement", "en", "quote")),
            "{got:?}"
        );
        assert!(got.contains(&(
            "how new models can be created using test-time scaling",
            "en",
            "quote"
        )));
        // Without an English quote to follow, an undecided quote stays in
        // its sentence.
        let t =
            "L’entreprise a qualifié DeepSeek d’« excellent AI advancement », avant de se taire.";
        assert_eq!(runs(t, &[Lang::Fr, Lang::En]).len(), 1);
    }

    #[test]
    fn option_names_take_the_language_around_them() {
        let t = "OPTIONS\n-a, --all\ninclure les entrées débutant par « . »\n\n-A, --almost-all\nomettre les fichiers « . » et « .. »\n\n--block-size=TAILLE\navec -l, ajuster les tailles avec TAILLE ; par exemple « --block-size=M »\n\nLe format %k affiche l’heure ; w, K et n sont des lettres.\n";
        let got = runs(t, &[Lang::Fr, Lang::En]);
        assert_eq!(got, [(t.trim_end(), "fr", "body")]);
    }

    #[test]
    fn a_lone_word_is_not_a_quote() {
        // A tag or a quoted value of one word (`root`, « never ») follows
        // the text around it, however English it looks.
        let t = "Le propriétaire du fichier devient :\n\nroot\nl’administrateur du système, qui peut tout faire.\n\nLa valeur « never » désactive la vérification des fichiers.\n";
        let got = runs(t, &[Lang::Fr, Lang::En]);
        assert_eq!(got, [(t.trim_end(), "fr", "body")]);
        // Two words make a run of their own.
        let t = "La valeur « never again » désactive la vérification des fichiers.";
        assert!(runs(t, &[Lang::Fr, Lang::En]).iter().any(|r| r.1 == "en"));
    }

    #[test]
    fn french_function_words_stay_out_of_english_runs() {
        let t = "Le programme affiche « connection refused » ou « not found » selon le cas, puis il s’arrête.";
        let got = runs(t, &[Lang::Fr, Lang::En]);
        assert!(
            got.contains(&("connection refused", "en", "quote")),
            "{got:?}"
        );
        assert!(got.contains(&("not found", "en", "quote")), "{got:?}");
        assert!(got.contains(&("ou", "fr", "body")), "{got:?}");
        let t = "Répondez « y » ou « Y » pour continuer, puis validez la saisie.";
        assert_eq!(runs(t, &[Lang::Fr, Lang::En]), [(t, "fr", "body")]);
    }

    #[test]
    fn code_alone_is_und() {
        assert_eq!(
            runs("-a, --all", &[Lang::Fr, Lang::En]),
            [("-a, --all", "und", "body")]
        );
        // Asked about on its own, a span of code still gets a guess.
        let d = Detector::new(&[Lang::Fr, Lang::En]);
        assert!(d.detect("-a, --all").lang.is_some());
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
