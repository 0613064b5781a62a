//! A quick look at a file's brackets before hcl-edit parses it. hcl-edit backtracks over
//! brackets that are never closed, and each one multiplies its time: fuzzing found 480 bytes
//! with 48 unclosed `{` that took 4 s (60 would take minutes), while a file with so many
//! cannot parse anyway. This pass is linear.

/// More brackets left open than this and the file is not handed to hcl-edit (16 cost it a
/// few milliseconds). Real files leave at most a few open, while being typed.
pub const MAX_UNCLOSED: usize = 16;

/// Where the brackets (`{`, `[`, `(`) that are never closed open, outermost first.
/// Comments, quoted strings and heredoc bodies are skipped: the brackets of their text do
/// not count.
pub fn unclosed(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut open = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => i = line_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |end| end + 2);
            }
            b'"' => i = string_end(bytes, i + 1),
            b'<' if bytes.get(i + 1) == Some(&b'<') => i = heredoc_end(text, i + 2),
            b'{' | b'[' | b'(' => {
                open.push(i);
                i += 1;
            }
            b'}' | b']' | b')' => {
                open.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    open
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    find(bytes, from, b"\n").unwrap_or(bytes.len())
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle).map(|at| from + at)
}

/// After a quoted string that starts at `from` (after its quote): its closing quote, or the
/// end of the line, where HCL ends an unterminated one.
fn string_end(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() {
        match bytes[from] {
            b'\\' => from += 2,
            b'"' => return from + 1,
            b'\n' => return from,
            _ => from += 1,
        }
    }
    bytes.len()
}

/// After a heredoc whose `<<` ends at `from` (`<<EOT` or `<<-EOT`, the marker ending its
/// line): the end of its closing line. Not a heredoc: just past the `<<`.
fn heredoc_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let marker_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let marker = &rest[..marker_len];
    let body_start = text.len() - rest.len() + marker_len;
    if marker.is_empty() || !text[body_start..].starts_with('\n') {
        return from;
    }
    let mut at = body_start + 1;
    for line in text[at..].split_inclusive('\n') {
        at += line.len();
        if line.trim() == marker {
            return at;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::unclosed;

    #[test]
    fn only_code_brackets_count() {
        assert!(unclosed("a = { b = [1, (2)] }\n").is_empty());
        assert_eq!(unclosed("a = { b = [\n"), [4, 10]);
        let skipped = concat!(
            "# {\n// [\n/* ( */\n",
            "a = \"{[(\\\"\"\n",
            "b = <<-EOT\n  {[(\n  EOT\n",
            "c = {}\n",
        );
        assert!(unclosed(skipped).is_empty(), "{:?}", unclosed(skipped));
        // An unterminated string ends at its line; `<<` alone is an operator's start.
        assert_eq!(unclosed("a = \"{\nb = 1 << {\n"), [16]);
    }
}
