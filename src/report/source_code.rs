//! A miette `SourceCode` backed by a line index. miette's own implementation for `str`
//! scans from the start of the file for every label (O(offset)); on a 1 MB template that is
//! 2.9 ms per diagnostic against 42 µs with this window (stack research §2.6).

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::line_index::LineIndex;

pub struct IndexedSource<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let start = span.offset().min(self.text.len());
        let end = (start + span.len()).min(self.text.len());
        let first_line = self.index.line_of(start).saturating_sub(before);
        let last_line = (self.index.line_of(end) + after).min(self.index.line_count() - 1);
        let window_start = self.index.line_start(first_line);
        let window_end = if last_line + 1 < self.index.line_count() {
            self.index.line_start(last_line + 1)
        } else {
            self.text.len()
        };
        let window = &self.text.as_bytes()[window_start..window_end];
        let inner = SourceSpan::new((start - window_start).into(), end - start);
        let contents = window.read_span(&inner, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + window_start).into(),
                contents.span().len(),
            ),
            contents.line() + first_line,
            contents.column(),
            contents.line_count(),
        )))
    }
}
