//! HTML to text: the text a reader sees, through html5ever's tokenizer (the
//! WHATWG tokenization algorithm: entities decoded, malformed markup
//! handled as browsers do). Scripts, styles and other non-text elements are
//! skipped; block elements (paragraphs, headings, list items, table rows,
//! `<br>`…) become line breaks, blank lines between paragraphs, so the
//! language runs and n-grams follow the page's structure; white space is
//! collapsed as a browser shows it, except in `<pre>`. Offsets in every
//! table refer to this text.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// The text of an HTML page.
///
/// ```
/// use duolex_pipeline::input::html_text;
/// let page = "<html><head><title>Le modèle</title><style>p{}</style></head>\
///   <body><h1>DeepSeek</h1><p>L&rsquo;IA &laquo;&nbsp;ouverte&nbsp;&raquo;<br>va   vite.</p>\
///   <script>alert('x')</script><ul><li>un</li><li>deux</li></ul></body></html>";
/// assert_eq!(html_text(page), "Le modèle\n\nDeepSeek\n\nL’IA «\u{a0}ouverte\u{a0}»\nva vite.\n\nun\n\ndeux\n");
/// ```
pub fn html_text(page: &str) -> String {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(page));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let text = tokenizer.sink.state.into_inner();
    text.out
}

/// Elements whose content is not text a reader sees.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas",
];

/// Elements that end a paragraph (a blank line around them).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "hr",
    "title",
    "details",
    "summary",
    "form",
    "fieldset",
    "legend",
    "body",
    "html",
];

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    out: String,
    /// Depth inside skipped elements (the title is read inside the head).
    skip: usize,
    in_title: bool,
    pre: usize,
    /// A paragraph or line break is due before the next text.
    pending: Option<&'static str>,
    /// The last character written was white space (or nothing yet).
    space: bool,
}

impl State {
    fn text(&mut self, s: &str) {
        if self.skip > 0 && !self.in_title {
            return;
        }
        for c in s.chars() {
            let white = c.is_ascii_whitespace();
            if white && self.pre == 0 {
                if !self.space && self.pending.is_none() && !self.out.is_empty() {
                    self.out.push(' ');
                    self.space = true;
                }
                continue;
            }
            if let Some(p) = self.pending.take() {
                while self.out.ends_with(' ') {
                    self.out.pop();
                }
                if !self.out.is_empty() {
                    self.out.push_str(p);
                }
            }
            self.out.push(c);
            self.space = white;
        }
    }

    /// A break before what follows: `"\n\n"` (paragraph) or `"\n"` (line).
    fn pause(&mut self, brk: &'static str) {
        if self.pending != Some("\n\n") {
            self.pending = Some(brk);
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(t) => st.text(&t),
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let start = tag.kind == TagKind::StartTag;
                if name == "title" {
                    st.in_title = start;
                }
                if SKIPPED.contains(&name) && !tag.self_closing {
                    if start {
                        st.skip += 1;
                    } else {
                        st.skip = st.skip.saturating_sub(1);
                    }
                }
                if name == "pre" {
                    st.pre = if start {
                        st.pre + 1
                    } else {
                        st.pre.saturating_sub(1)
                    };
                }
                if name == "br" {
                    st.pause("\n");
                } else if matches!(name, "td" | "th") && start {
                    st.text(" ");
                } else if BLOCKS.contains(&name) {
                    st.pause("\n\n");
                }
                if start && !tag.self_closing {
                    // Tell the tokenizer which elements hold raw text, as the
                    // tree builder would.
                    return match name {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => TokenSinkResult::Plaintext,
                        _ => TokenSinkResult::Continue,
                    };
                }
            }
            Token::NullCharacterToken => st.text("\u{FFFD}"),
            Token::EOFToken if !st.out.is_empty() => {
                while st.out.ends_with(' ') {
                    st.out.pop();
                }
                st.out.push('\n');
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_not_text() {
        let page = "<p>Avant</p><script>var s = '</p><p>x';</script><!-- note --><style>.a{}</style><p>Après &amp; fin</p>";
        assert_eq!(html_text(page), "Avant\n\nAprès & fin\n");
    }

    #[test]
    fn preformatted_text_keeps_its_spaces_and_broken_markup_is_read_as_browsers_do() {
        assert_eq!(html_text("<pre>a  b\n  c</pre>"), "a  b\n  c\n");
        assert_eq!(html_text("<p>un <b>deux<p>trois"), "un deux\n\ntrois\n");
        assert_eq!(html_text("texte sans balise"), "texte sans balise\n");
        assert_eq!(html_text(""), "");
        assert_eq!(html_text("<td>a</td><td>b</td>"), "a b\n");
    }
}
