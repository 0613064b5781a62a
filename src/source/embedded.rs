//! Documents written inside a string: a CloudFormation `PolicyDocument` given as a JSON
//! string, in a JSON file (`"{\"Version\": …}"`) or a YAML one (a quoted or block scalar).
//!
//! The string's value is parsed as JSON, then every position in it is mapped back to where
//! that character is written in the file, so diagnostics point inside the string. The map
//! aligns the value with the written text character by character, skipping what the
//! written form adds (quotes, escapes' backslashes, YAML's indentation); when the two cannot
//! be aligned (a string assembled by `Fn::Join`), every position maps to the whole string.

use super::ParseError;
use super::json::parse_json;
use super::span::Span;
use super::tree::{Node, Value};

/// Parses `value`, the value of the string written at `written` in `text`, as JSON.
pub fn parse_json_in_string<'v>(
    value: &'v str,
    text: &str,
    written: Span,
) -> Result<Node<'v>, ParseError> {
    let map = PositionMap::new(value, text, written);
    match parse_json(value) {
        Ok(mut node) => {
            map.remap(&mut node);
            Ok(node)
        }
        Err(error) => Err(ParseError::new(error.message, map.span(error.span))),
    }
}

/// For each byte of a string's value, the range of the file that writes it: so a finding
/// about part of a value (a JSON document, a Cluster Query Language expression) points at
/// that part.
///
/// Kept as runs, not a range per byte: a document in a string is mostly characters written as
/// themselves, one run each stretch, so a plan's container definitions (tens of kilobytes in
/// one string) cost a few runs, not eight bytes per byte.
#[derive(Debug, Clone, Default)]
pub struct PositionMap {
    written: Span,
    /// The value's length, and its runs in order; `None` when the value could not be aligned
    /// with its written form.
    runs: Option<(u32, Vec<Run>)>,
}

/// The bytes of the value from `value` up to the next run's start.
#[derive(Debug, Clone, Copy)]
struct Run {
    value: u32,
    kind: RunKind,
}

impl Run {
    /// The value's bytes from `value` on, all written by the file's `start..end`.
    fn whole(value: usize, start: u32, end: u32) -> Run {
        Run {
            value: value as u32,
            kind: RunKind::Whole { start, end },
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum RunKind {
    /// Written as themselves: the value's byte `value + k` is the file's byte `file + k`.
    Verbatim { file: u32 },
    /// All written by the file's range `start..end`: an escape, a multi-byte character, an
    /// interpolation.
    Whole { start: u32, end: u32 },
}

impl PositionMap {
    /// The map of `value`, the value of the string written at `written` in `text`.
    pub fn new(value: &str, text: &str, written: Span) -> Self {
        Self::align(
            value,
            text.get(written.range()).unwrap_or_default(),
            written,
        )
    }

    fn align(value: &str, raw: &str, written: Span) -> Self {
        let base = written.start;
        let mut runs: Vec<Run> = Vec::new();
        let (bytes, raw_bytes) = (value.as_bytes(), raw.as_bytes());
        let (mut i, mut at) = (0, 0);
        while i < bytes.len() {
            // Characters written as themselves, byte for byte: one run.
            let same = bytes[i..]
                .iter()
                .zip(&raw_bytes[at.min(raw_bytes.len())..])
                .take_while(|&(&v, &w)| v == w && v.is_ascii())
                .count();
            if same > 0 {
                runs.push(Run {
                    value: i as u32,
                    kind: RunKind::Verbatim {
                        file: base + at as u32,
                    },
                });
                i += same;
                at += same;
                continue;
            }
            let ch = value[i..].chars().next().expect("a character boundary");
            let Some(written_ch) = raw[at..].chars().next() else {
                // The value has more than its written form: not aligned.
                return PositionMap {
                    written,
                    runs: None,
                };
            };
            let (start, end) = (base + at as u32, base + (at + written_ch.len_utf8()) as u32);
            if written_ch == ch {
                runs.push(Run::whole(i, start, end));
                i += ch.len_utf8();
                at += written_ch.len_utf8();
            } else if written_ch == '\\'
                && let Some((len, unescaped)) = unescape(&raw[at + 1..])
                && unescaped == ch
            {
                runs.push(Run::whole(i, start, end + len as u32));
                i += ch.len_utf8();
                at += 1 + len;
            } else if raw[at..].starts_with("${")
                && let Some(close) = raw[at..].find('}')
            {
                // An interpolation the value has filled in (a Terraform template): the value's
                // characters up to the one written after it come from the interpolation.
                let resume = at + close + 1;
                let next = raw[resume..].chars().next();
                let filled = value[i..]
                    .char_indices()
                    .find(|&(_, c)| Some(c) == next)
                    .map_or(value.len() - i, |(k, _)| k);
                if filled > 0 {
                    runs.push(Run::whole(i, start, base + resume as u32));
                }
                i += filled;
                at = resume;
            } else {
                // What only the written form has: quotes, indentation.
                at += written_ch.len_utf8();
            }
        }
        PositionMap {
            written,
            runs: Some((value.len() as u32, runs)),
        }
    }

    /// The range of the file that writes the value's byte `index`, if the value has it.
    fn byte(&self, (len, runs): &(u32, Vec<Run>), index: usize) -> Option<(u32, u32)> {
        if index >= *len as usize {
            return None;
        }
        let index = index as u32;
        let run = runs[runs.partition_point(|r| r.value <= index) - 1];
        Some(match run.kind {
            RunKind::Verbatim { file } => {
                let at = file + (index - run.value);
                (at, at + 1)
            }
            RunKind::Whole { start, end } => (start, end),
        })
    }

    /// Where the value's bytes `span` are written.
    pub fn span(&self, span: Span) -> Span {
        let Some(runs) = &self.runs else {
            return self.written;
        };
        let (start, end) = (span.start as usize, span.end as usize);
        let first = self.byte(runs, start);
        let last = end.checked_sub(1).and_then(|e| self.byte(runs, e));
        match (first, last) {
            (Some((first, _)), Some((_, last))) if end > start => {
                Span::new(first as usize, last as usize)
            }
            (Some((first, _)), _) => Span::at(first as usize),
            // The end of the value: just before the closing quote.
            _ => Span::at(
                (runs.0 as usize)
                    .checked_sub(1)
                    .and_then(|e| self.byte(runs, e))
                    .map_or(self.written.start, |(_, e)| e) as usize,
            ),
        }
    }

    fn remap(&self, node: &mut Node) {
        node.span = self.span(node.span);
        match &mut node.value {
            Value::Array(items) => items.iter_mut().for_each(|item| self.remap(item)),
            Value::Object(entries) => {
                for entry in entries.iter_mut() {
                    entry.key_span = self.span(entry.key_span);
                    self.remap(&mut entry.value);
                }
            }
            _ => {}
        }
    }
}

/// The character a backslash escape after `\` stands for, and how many bytes follow the
/// backslash: JSON's escapes (a surrogate pair is one character; a lone surrogate is the
/// replacement character, as the JSON reader reads it) and YAML's double-quoted ones.
fn unescape(after: &str) -> Option<(usize, char)> {
    let hex =
        |from: usize, digits: usize| u32::from_str_radix(after.get(from..from + digits)?, 16).ok();
    let letter = after.chars().next()?;
    let ch = match letter {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'b' => '\u{8}',
        'f' => '\u{c}',
        '0' => '\0',
        'a' => '\u{7}',
        'v' => '\u{b}',
        'e' => '\u{1b}',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' => return Some((3, char::from_u32(hex(1, 2)?)?)),
        'U' => return Some((9, char::from_u32(hex(1, 8)?)?)),
        'u' => {
            let code = hex(1, 4)?;
            if (0xD800..0xDC00).contains(&code)
                && after.get(5..7) == Some("\\u")
                && let Some(low) = hex(7, 4).filter(|l| (0xDC00..0xE000).contains(l))
            {
                let pair = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                return Some((11, char::from_u32(pair)?));
            }
            return Some((5, char::from_u32(code).unwrap_or('\u{fffd}')));
        }
        other => other,
    };
    // What is written after the backslash, not what it stands for: `\L` is one byte for a
    // three-byte character.
    Some((letter.len_utf8(), ch))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::tree::Value;

    fn written(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    #[test]
    fn positions_in_an_escaped_json_string_point_into_the_file() {
        let text = r#"{"PolicyDocument": "{\"Version\": \"2012-10-17\", \"Statement\": []}"}"#;
        let outer = parse_json(text).unwrap();
        let string = outer.get("PolicyDocument").unwrap();
        let inner = parse_json_in_string(string.as_str().unwrap(), text, string.span).unwrap();
        let version = inner.entry("Version").unwrap();
        assert_eq!(written(text, version.key_span), r#"\"Version\""#);
        assert_eq!(written(text, version.value.span), r#"\"2012-10-17\""#);
        assert!(matches!(
            inner.get("Statement").unwrap().value,
            Value::Array(_)
        ));
    }

    #[test]
    fn positions_in_a_yaml_block_scalar_skip_the_indentation() {
        let text = "Doc: |\n  {\n    \"Version\": \"2012-10-17\"\n  }\n";
        let value = "{\n  \"Version\": \"2012-10-17\"\n}\n";
        let start = text.find('|').unwrap();
        let inner = parse_json_in_string(value, text, Span::new(start, text.len())).unwrap();
        let version = inner.get("Version").unwrap();
        assert_eq!(written(text, version.span), "\"2012-10-17\"");
    }

    #[test]
    fn errors_are_located_and_unaligned_strings_fall_back_to_the_whole_string() {
        let text = r#"{"P": "{\"Version\" \"x\"}"}"#;
        let outer = parse_json(text).unwrap();
        let string = outer.get("P").unwrap();
        let error = parse_json_in_string(string.as_str().unwrap(), text, string.span).unwrap_err();
        assert_eq!(written(text, error.span), r#"\""#);

        let joined = parse_json_in_string("{\"a\": 1}", "xyz", Span::new(0, 3)).unwrap();
        assert_eq!(joined.get("a").unwrap().span, Span::new(0, 3));
    }

    #[test]
    fn surrogate_pairs_and_yaml_escapes_map_to_their_escape() {
        let text = r#"{"P": "{\"a\": \"\ud83d\ude00\", \"b\": 1}"}"#;
        let outer = parse_json(text).unwrap();
        let string = outer.get("P").unwrap();
        let inner = parse_json_in_string(string.as_str().unwrap(), text, string.span).unwrap();
        assert_eq!(written(text, inner.get("b").unwrap().span), "1");
        assert_eq!(
            written(text, inner.get("a").unwrap().span),
            r#"\"\ud83d\ude00\""#
        );

        // In a YAML double-quoted string: `\x41`, `\U0001F600`; and `\N`, `\_`, `\L`, `\P`,
        // one letter after the backslash for a character of two or three bytes (found by
        // fuzzing: the map ran past the end of the written string).
        let escaped = |escapes: &str, value: &str| {
            let text = format!("P: \"{{\\\"a\\\": \\\"{escapes}\\\", \\\"b\\\": 2}}\"");
            let value = format!("{{\"a\": \"{value}\", \"b\": 2}}");
            let start = text.find('"').unwrap();
            let inner = parse_json_in_string(&value, &text, Span::new(start, text.len())).unwrap();
            assert_eq!(written(&text, inner.get("b").unwrap().span), "2");
            let a = written(&text, inner.get("a").unwrap().span).to_string();
            assert_eq!(a, format!("\\\"{escapes}\\\""));
        };
        escaped("\\x41\\U0001F600\\_", "A\u{1f600}\u{a0}");
        escaped("\\N\\_\\L\\P", "\u{85}\u{a0}\u{2028}\u{2029}");
        let text = "n: \"\\LP?LGL\\Le?\\LP?LGL\\L\"\n";
        let root = crate::source::yaml::parse_yaml(text).unwrap().remove(0);
        let string = root.get("n").unwrap();
        let error = parse_json_in_string(string.as_str().unwrap(), text, string.span).unwrap_err();
        assert!(error.span.end as usize <= text.len());
    }

    #[test]
    fn filled_interpolations_map_to_where_they_are_written() {
        let text = "[{\"name\": \"${name}\", \"port\": ${port}, \"b\": 1}]";
        let value = "[{\"name\": \"worker\", \"port\": 9090, \"b\": 1}]";
        let inner = parse_json_in_string(value, text, Span::new(0, text.len())).unwrap();
        let object = &inner.as_array().unwrap()[0];
        assert_eq!(written(text, object.get("port").unwrap().span), "${port}");
        assert_eq!(
            written(text, object.get("name").unwrap().span),
            "\"${name}\""
        );
        assert_eq!(written(text, object.get("b").unwrap().span), "1");
    }
}
