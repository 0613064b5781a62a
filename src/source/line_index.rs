//! Byte offset → line and column, computed once per reported file and only when reporting.

/// Line starts of one file's text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
}

/// A 1-based position. `column` counts Unicode scalar values; `column_utf16` counts UTF-16
/// code units (SARIF's default `columnKind`). Both equal the byte column on ASCII lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex { starts }
    }

    /// The 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&(offset as u32)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line] as usize
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &text[start..end];
        let (column, column_utf16) = if prefix.is_ascii() {
            (prefix.len() + 1, prefix.len() + 1)
        } else {
            (
                prefix.chars().count() + 1,
                prefix.chars().map(char::len_utf16).sum::<usize>() + 1,
            )
        };
        Position {
            line: line + 1,
            column,
            column_utf16,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_utf16_units() {
        let text = "ab\n😀é x\n";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text, 0),
            Position {
                line: 1,
                column: 1,
                column_utf16: 1
            }
        );
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(text, x),
            Position {
                line: 2,
                column: 4,
                column_utf16: 5
            }
        );
        assert_eq!(index.position(text, text.len()).line, 3);
    }
}
