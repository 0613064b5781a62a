//! Byte ranges into a file's text. Every node, key and diagnostic label carries one; line and
//! column numbers are computed from them only when a report is written.

use std::ops::Range;

/// A half-open byte range `start..end` in one file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        // Files larger than 4 GiB are refused (`lint::MAX_FILE_BYTES`), so offsets always fit.
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// An empty span at `offset`, for "something is missing here" diagnostics.
    pub fn at(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The whole character at `offset` (empty at the end of the text), so an error never
    /// points at half of a multi-byte character. An offset inside a character moves back to
    /// its start.
    pub fn char_at(text: &str, offset: usize) -> Self {
        let mut start = offset.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let len = text[start..].chars().next().map_or(0, char::len_utf8);
        Span::new(start, start + len)
    }

    /// The same range in a text where this one's starts at `base` (a file within a
    /// Terraform module's combined text).
    pub fn shifted(self, base: usize) -> Span {
        Span::new(self.start as usize + base, self.end as usize + base)
    }

    /// The inverse of [`Span::shifted`].
    pub fn unshifted(self, base: usize) -> Span {
        Span::new(
            (self.start as usize).saturating_sub(base),
            (self.end as usize).saturating_sub(base),
        )
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A value together with where it was written: `span` is the use site; `origin` is where the
/// value really came from when it arrived through indirection (a CloudFormation parameter's
/// `Default`, a Terraform variable), so a diagnostic can label both.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
    /// Boxed: few values arrive indirectly, and the model holds a `Located` for every
    /// property it reads (a container definition has ~45), so its size is the model's.
    pub origin: Option<Box<Origin>>,
}

/// Where an indirectly written value was defined, and what that place is ("the default of
/// parameter `TaskCpu`"), so a label can say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub span: Span,
    pub what: String,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Self {
        Located {
            value,
            span,
            origin: None,
        }
    }

    /// The same place and origin, holding `f(value)`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located {
            value: f(self.value),
            span: self.span,
            origin: self.origin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn char_at_covers_whole_characters() {
        let text = "a\u{feff}é";
        assert_eq!(Span::char_at(text, 0), Span::new(0, 1));
        assert_eq!(Span::char_at(text, 1), Span::new(1, 4));
        assert_eq!(Span::char_at(text, 2), Span::new(1, 4));
        assert_eq!(Span::char_at(text, 4), Span::new(4, 6));
        assert_eq!(Span::char_at(text, 6), Span::new(6, 6));
        assert_eq!(Span::char_at(text, 99), Span::new(6, 6));
    }
}
