//! Byte offset → line and column, computed once per reported file and only when reporting.

/// Line starts of one file's text, and what it takes to count columns on long lines.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Empty when the text is ASCII (a column is then a byte count). Otherwise, for every
    /// [`CHECKPOINT`] bytes, the characters and UTF-16 units before that point: a column is
    /// counted from the nearest checkpoint, never from the start of a line, so a finding far
    /// along a minified line (a Terraform plan is one line) costs a bounded count.
    checkpoints: Vec<Checkpoint>,
}

/// Bytes between checkpoints.
const CHECKPOINT: usize = 4096;

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    /// The checkpoint's byte offset: a character boundary at or before its multiple of
    /// [`CHECKPOINT`].
    byte: u32,
    chars: u32,
    utf16: u32,
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
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let mut at = Checkpoint {
                byte: 0,
                chars: 0,
                utf16: 0,
            };
            for multiple in (0..=text.len()).step_by(CHECKPOINT) {
                let byte = floor_boundary(text, multiple);
                let (chars, utf16) = count(&text[at.byte as usize..byte]);
                at = Checkpoint {
                    byte: byte as u32,
                    chars: at.chars + chars as u32,
                    utf16: at.utf16 + utf16 as u32,
                };
                checkpoints.push(at);
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
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

    /// The position of `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let (chars, utf16) = self.before(text, offset);
        let (line_chars, line_utf16) = self.before(text, self.line_start(line));
        Position {
            line: line + 1,
            column: chars - line_chars + 1,
            column_utf16: utf16 - line_utf16 + 1,
        }
    }

    /// The characters and UTF-16 units of `text` before `offset`, a character boundary.
    fn before(&self, text: &str, offset: usize) -> (usize, usize) {
        let Some(at) = self.checkpoints.get(offset / CHECKPOINT) else {
            return (offset, offset); // ASCII
        };
        let (chars, utf16) = count(&text[at.byte as usize..offset]);
        (at.chars as usize + chars, at.utf16 as usize + utf16)
    }
}

/// The characters and UTF-16 units of `text`.
fn count(text: &str) -> (usize, usize) {
    if text.is_ascii() {
        return (text.len(), text.len());
    }
    text.chars().fold((0, 0), |(chars, utf16), c| {
        (chars + 1, utf16 + c.len_utf16())
    })
}

/// The character boundary of `text` at or before `offset`.
fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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

    /// Columns far along one long line, across checkpoints, with multi-byte characters
    /// before and after them: the same as counting from the start of the line.
    #[test]
    fn columns_across_checkpoints_match_a_count_from_the_line_start() {
        let text = format!("x\n{}", "aé😀b".repeat(3 * CHECKPOINT));
        let index = LineIndex::new(&text);
        for offset in (2..text.len())
            .step_by(997)
            .filter(|&o| text.is_char_boundary(o))
        {
            let prefix = &text[2..offset];
            assert_eq!(
                index.position(&text, offset),
                Position {
                    line: 2,
                    column: prefix.chars().count() + 1,
                    column_utf16: prefix.encode_utf16().count() + 1,
                },
                "at {offset}"
            );
        }
    }
}
