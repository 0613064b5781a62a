//! Discovery, reading and parsing: from paths to spanned document trees.

pub mod discover;
pub mod embedded;
pub mod json;
pub mod line_index;
pub mod sources;
pub mod span;
pub mod tree;
pub mod yaml;

use span::Span;
use tree::Node;

/// A file that could not be parsed, with where.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

impl ParseError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        ParseError {
            message: message.into(),
            span,
        }
    }
}

/// The syntax a file is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

impl Syntax {
    /// By extension; for anything else (`.template`, stdin, an explicitly named file) by the
    /// first significant character, as CloudFormation itself does.
    pub fn detect(name: &str, text: &str) -> Syntax {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".json") {
            return Syntax::Json;
        }
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            return Syntax::Yaml;
        }
        let first = text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next();
        if matches!(first, Some('{' | '[')) {
            Syntax::Json
        } else {
            Syntax::Yaml
        }
    }
}

/// The file's text as UTF-8, or a located error at the first invalid byte.
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        ParseError::new(
            "the file is not valid UTF-8",
            Span::new(at, at + e.error_len().unwrap_or(1)),
        )
    })
}

/// Parse a file's text into its documents (JSON always has one; a YAML stream may have several).
pub fn parse(syntax: Syntax, text: &str) -> Result<Vec<Node<'_>>, ParseError> {
    match syntax {
        Syntax::Json => json::parse_json(text).map(|root| vec![root]),
        Syntax::Yaml => yaml::parse_yaml(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_syntax_by_extension_then_content() {
        assert_eq!(Syntax::detect("a.json", "x: 1"), Syntax::Json);
        assert_eq!(Syntax::detect("a.YML", "{}"), Syntax::Yaml);
        assert_eq!(
            Syntax::detect("a.template", "\u{feff}  {\"a\": 1}"),
            Syntax::Json
        );
        assert_eq!(Syntax::detect("a.template", "Resources: {}"), Syntax::Yaml);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"{\"a\": \"\xff\"}").unwrap_err();
        assert_eq!(err.span, Span::new(7, 8));
    }
}
