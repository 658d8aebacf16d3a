//! A word or short phrase stored without a heap allocation when it is short.
//!
//! Later stages keep many small strings: the stem cache's written forms and
//! keys, and for every term and n-gram of every document its key and the
//! forms it was written in — most are a word or two. A [`Form`] of up to
//! [`INLINE`] bytes lives inside its 24 bytes, a longer one in a `Box<str>`,
//! so storing one allocates nothing in the common case, and reading one does
//! not chase a pointer to another cache line.

/// Longest form (in UTF-8 bytes) kept inline.
pub const INLINE: usize = 22;

/// A string of up to [`INLINE`] bytes inline, longer ones on the heap.
///
/// ```
/// use duolex_tokenize::form::Form;
/// let short = Form::new("modèle");
/// let long = Form::new("intelligence artificielle générative");
/// assert_eq!((short.as_str(), short.is_inline()), ("modèle", true));
/// assert_eq!((long.as_str(), long.is_inline()), ("intelligence artificielle générative", false));
/// ```
#[derive(Clone)]
pub struct Form(Repr);

#[derive(Clone)]
enum Repr {
    /// `bytes[..len]` is a copy of a whole `&str` (only [`Form::new`] writes it).
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

impl Form {
    /// A copy of `s`.
    #[inline]
    pub fn new(s: &str) -> Form {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Form(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            Form(Repr::Heap(s.into()))
        }
    }

    /// The form as a string slice.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let b = &bytes[..usize::from(*len)];
                // SAFETY: the inline bytes are private and only `Form::new`
                // writes them, copying a whole `&str`: they are valid UTF-8.
                unsafe { std::str::from_utf8_unchecked(b) }
            }
            Repr::Heap(s) => s,
        }
    }

    /// Whether the form is stored inline.
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }
}

impl std::ops::Deref for Form {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Form {
    fn from(s: &str) -> Form {
        Form::new(s)
    }
}

impl From<String> for Form {
    fn from(s: String) -> Form {
        if s.len() <= INLINE {
            Form::new(&s)
        } else {
            Form(Repr::Heap(s.into_boxed_str()))
        }
    }
}

/// Hashes, compares and orders like the string it holds, so a map keyed on
/// forms can be searched with a `&str`.
impl std::hash::Hash for Form {
    #[inline]
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl std::borrow::Borrow<str> for Form {
    #[inline]
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Form {
    #[inline]
    fn eq(&self, other: &Form) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Form {}

impl PartialOrd for Form {
    fn partial_cmp(&self, other: &Form) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Form {
    fn cmp(&self, other: &Form) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::fmt::Display for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_round_trip_at_every_length_around_the_inline_limit() {
        for n in 0..=INLINE + 2 {
            let s = "é".repeat(n / 2) + &"a".repeat(n % 2);
            let f = Form::new(&s);
            assert_eq!(f.as_str(), s);
            assert_eq!(f.is_inline(), s.len() <= INLINE, "{s}");
        }
        assert_eq!(std::mem::size_of::<Form>(), 24);
        let (a, b) = (Form::new("zèbre"), Form::from("a".repeat(40)));
        assert!(b < a && a == Form::from("zèbre".to_string()));
        let hash = |h: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
            let mut s = std::collections::hash_map::DefaultHasher::new();
            h(&mut s);
            std::hash::Hasher::finish(&s)
        };
        use std::hash::Hash;
        assert_eq!(hash(&|s| b.hash(s)), hash(&|s| b.as_str().hash(s)));
    }
}

/// A form is serialised as the string it holds.
impl serde::Serialize for Form {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Form {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Form, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Form;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Form, E> {
                Ok(Form::new(v))
            }
        }
        d.deserialize_str(Visit)
    }
}
