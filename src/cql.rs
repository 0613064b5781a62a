//! The Cluster Query Language of `memberOf` placement constraints: a checker that says
//! where an expression goes wrong, so a finding points inside it.
//!
//! Grammar, from the Amazon ECS Developer Guide, "Create expressions to define container
//! instances for Amazon ECS tasks" (cluster-query-language):
//!
//! ```text
//! expression := term (("||" | "or") term)*
//! term       := factor (("&&" | "and") factor)*
//! factor     := ("!" | "not") factor | "(" expression ")" | subject operator [argument]
//! argument   := value | "[" value ("," value)* "]"        (lists for in / not_in)
//! ```
//!
//! Subjects are `agentConnected`, `agentVersion`, `attribute:<name>`, `ec2InstanceId`,
//! `registeredAt`, `runningTasksCount` and `task:group`, each with the operators the guide
//! lists for it; "a single expression can't contain parentheses", so values never do.
//! Keywords are matched without case: ECS's own parser is not published, and a checker
//! that is stricter than ECS would report expressions that work.

use crate::source::span::Span;

/// Where an expression goes wrong (byte offsets into it) and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub span: Span,
    pub message: String,
}

/// Checks `expression`; `Ok` when ECS's grammar accepts it.
pub fn check(expression: &str) -> Result<(), Error> {
    let tokens = tokenize(expression)?;
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        end: expression.len(),
        depth: 0,
    };
    parser.expression()?;
    match parser.peek() {
        None => Ok(()),
        Some(token) => Err(token.error(match token.kind {
            Kind::Close => "`)` closes no `(`".to_string(),
            _ => format!(
                "expected `and`, `or` or the end of the expression, found `{}`",
                token.text
            ),
        })),
    }
}

/// Operators, by their symbol and their word.
const OPERATORS: &[(&str, &str)] = &[
    ("==", "equals"),
    ("!=", "not_equals"),
    (">=", "greater_than_equal"),
    ("<=", "less_than_equal"),
    (">", "greater_than"),
    ("<", "less_than"),
    ("=~", "matches"),
    ("!~", "not_matches"),
    ("!exists", "not_exists"),
    ("!in", "not_in"),
    ("", "exists"),
    ("", "in"),
];

/// The operators the guide lists for each subject (by word); subjects it lists none for
/// (`attribute:…`, `task:group`) take any.
const SUBJECTS: &[(&str, &[&str])] = &[
    ("agentConnected", MATCHING),
    ("agentVersion", ORDERED),
    ("ec2InstanceId", MATCHING),
    ("registeredAt", ORDERED),
    ("runningTasksCount", ORDERED),
    ("task:group", &[]),
];
const MATCHING: &[&str] = &[
    "equals",
    "not_equals",
    "in",
    "not_in",
    "matches",
    "not_matches",
];
const ORDERED: &[&str] = &[
    "equals",
    "not_equals",
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
];

/// The nesting of parentheses and negations the checker follows; an expression is at most
/// 2,000 characters, so only a hostile one goes deeper.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
    /// A comparison operator, as its word.
    Operator(&'static str),
    And,
    Or,
    Not,
    /// A subject, a value, or a keyword written as a word.
    Word,
    Quoted,
}

#[derive(Debug, Clone, Copy)]
struct Token<'e> {
    kind: Kind,
    text: &'e str,
    span: Span,
}

impl Token<'_> {
    fn error(&self, message: impl Into<String>) -> Error {
        Error {
            span: self.span,
            message: message.into(),
        }
    }
}

fn tokenize(expression: &str) -> Result<Vec<Token<'_>>, Error> {
    let bytes = expression.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let c = bytes[at];
        // Any Unicode blank separates tokens (a YAML `\L` is U+2028): a word never starts with
        // one, so skipping only ASCII blanks here left the word loop below making no progress.
        if let Some(blank) = expression[at..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
        {
            at += blank.len_utf8();
            continue;
        }
        let start = at;
        let single = match c {
            b'(' => Some(Kind::Open),
            b')' => Some(Kind::Close),
            b'[' => Some(Kind::OpenList),
            b']' => Some(Kind::CloseList),
            b',' => Some(Kind::Comma),
            _ => None,
        };
        let kind = if let Some(kind) = single {
            at += 1;
            kind
        } else if c == b'\'' || c == b'"' {
            let close = expression[at + 1..].find(c as char).ok_or_else(|| Error {
                span: Span::new(at, expression.len()),
                message: format!("the quote `{}` is never closed", c as char),
            })?;
            at += close + 2;
            Kind::Quoted
        } else if b"=!<>&|".contains(&c) {
            let rest = &expression[at..];
            if let Some((symbol, kind)) = [
                ("&&", Kind::And),
                ("||", Kind::Or),
                ("!exists", Kind::Operator("not_exists")),
                ("!in", Kind::Operator("not_in")),
            ]
            .into_iter()
            .find(|(symbol, _)| {
                rest.starts_with(symbol)
                    && (symbol.len() == 2 || !rest[symbol.len()..].starts_with(is_word_char))
            }) {
                at += symbol.len();
                kind
            } else if let Some((symbol, word)) = OPERATORS.iter().find(|(symbol, _)| {
                symbol.len() <= 2 && !symbol.is_empty() && rest.starts_with(symbol)
            }) {
                at += symbol.len();
                Kind::Operator(word)
            } else if c == b'!' {
                at += 1;
                Kind::Not
            } else {
                let hint = match c {
                    b'=' => " (equality is `==`)",
                    b'&' => " (and is `&&`)",
                    b'|' => " (or is `||`)",
                    _ => "",
                };
                return Err(Error {
                    span: Span::new(at, at + 1),
                    message: format!("unexpected `{}`{hint}", c as char),
                });
            }
        } else {
            while at < bytes.len() && expression[at..].starts_with(is_word_char) {
                at += expression[at..].chars().next().map_or(1, char::len_utf8);
            }
            let word = &expression[start..at];
            if word.eq_ignore_ascii_case("and") {
                Kind::And
            } else if word.eq_ignore_ascii_case("or") {
                Kind::Or
            } else if word.eq_ignore_ascii_case("not") {
                Kind::Not
            } else if let Some((_, operator)) =
                OPERATORS.iter().find(|(_, w)| word.eq_ignore_ascii_case(w))
            {
                Kind::Operator(operator)
            } else {
                Kind::Word
            }
        };
        tokens.push(Token {
            kind,
            text: &expression[start..at],
            span: Span::new(start, at),
        });
    }
    Ok(tokens)
}

/// What a word or value may contain: anything but blanks, brackets, commas, quotes and the
/// operators' first characters.
fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !"()[],'\"=!<>&|".contains(c)
}

struct Parser<'t, 'e> {
    tokens: &'t [Token<'e>],
    at: usize,
    end: usize,
    depth: usize,
}

impl<'e> Parser<'_, 'e> {
    fn peek(&self) -> Option<Token<'e>> {
        self.tokens.get(self.at).copied()
    }

    fn next(&mut self) -> Option<Token<'e>> {
        let token = self.peek()?;
        self.at += 1;
        Some(token)
    }

    /// An error at the end of the expression: something is missing.
    fn missing(&self, what: &str) -> Error {
        Error {
            span: Span::at(self.end),
            message: format!("the expression ends where {what} should be"),
        }
    }

    fn expression(&mut self) -> Result<(), Error> {
        self.term()?;
        while self.peek().is_some_and(|t| t.kind == Kind::Or) {
            self.next();
            self.term()?;
        }
        Ok(())
    }

    fn term(&mut self) -> Result<(), Error> {
        self.factor()?;
        while self.peek().is_some_and(|t| t.kind == Kind::And) {
            self.next();
            self.factor()?;
        }
        Ok(())
    }

    fn factor(&mut self) -> Result<(), Error> {
        let token = self.next().ok_or_else(|| self.missing("an expression"))?;
        match token.kind {
            Kind::Not | Kind::Open => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(token.error("the expression is nested too deeply"));
                }
                if token.kind == Kind::Not {
                    self.factor()?;
                } else {
                    self.expression()?;
                    match self.next() {
                        Some(t) if t.kind == Kind::Close => {}
                        Some(t) => {
                            return Err(t.error(format!(
                                "expected `)` to close the `(`, found `{}`",
                                t.text
                            )));
                        }
                        None => return Err(token.error("this `(` is never closed")),
                    }
                }
                self.depth -= 1;
                Ok(())
            }
            Kind::Word => self.comparison(token),
            _ => Err(token.error(format!(
                "expected a subject (`attribute:…`, `task:group`, `ec2InstanceId`, …), found `{}`",
                token.text
            ))),
        }
    }

    fn comparison(&mut self, subject: Token<'e>) -> Result<(), Error> {
        let allowed = subject_operators(subject)?;
        let operator = self.next().ok_or_else(|| self.missing("an operator"))?;
        let Kind::Operator(word) = operator.kind else {
            return Err(operator.error(format!(
                "expected an operator (`==`, `!=`, `in`, `=~`, `exists`, …) after `{}`, found `{}`",
                subject.text, operator.text
            )));
        };
        if !allowed.is_empty() && !allowed.contains(&word) {
            return Err(operator.error(format!(
                "`{}` does not take `{}`; it takes {}",
                subject.text,
                operator.text,
                allowed
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        match word {
            "exists" | "not_exists" => Ok(()),
            "in" | "not_in" => self.list(operator),
            _ => {
                let value = self.value(operator)?;
                check_value(subject, value)
            }
        }
    }

    fn value(&mut self, after: Token<'e>) -> Result<Token<'e>, Error> {
        match self.next() {
            Some(t) if matches!(t.kind, Kind::Word | Kind::Quoted) => Ok(t),
            Some(t) => Err(t.error(format!(
                "expected a value after `{}`, found `{}`",
                after.text, t.text
            ))),
            None => Err(self.missing(&format!("the value after `{}`", after.text))),
        }
    }

    fn list(&mut self, operator: Token<'e>) -> Result<(), Error> {
        match self.next() {
            Some(t) if t.kind == Kind::OpenList => {}
            Some(t) => {
                return Err(t.error(format!(
                    "`{}` takes a list, `[a, b]`, found `{}`",
                    operator.text, t.text
                )));
            }
            None => return Err(self.missing(&format!("the list after `{}`", operator.text))),
        }
        let mut previous = operator;
        loop {
            self.value(previous)?;
            match self.next() {
                Some(t) if t.kind == Kind::Comma => previous = t,
                Some(t) if t.kind == Kind::CloseList => return Ok(()),
                Some(t) => {
                    return Err(t.error(format!("expected `,` or `]`, found `{}`", t.text)));
                }
                None => return Err(self.missing("`]`")),
            }
        }
    }
}

/// The operators a subject takes (empty: any), or why it is not a subject.
fn subject_operators(subject: Token) -> Result<&'static [&'static str], Error> {
    let text = subject.text;
    if let Some(name) = text
        .get(..10)
        .filter(|p| p.eq_ignore_ascii_case("attribute:"))
        .map(|_| &text[10..])
    {
        return if name.is_empty() {
            Err(subject.error("`attribute:` names no attribute"))
        } else {
            Ok(&[])
        };
    }
    SUBJECTS
        .iter()
        .find(|(name, _)| text.eq_ignore_ascii_case(name))
        .map(|(_, operators)| *operators)
        .ok_or_else(|| {
            subject.error(format!(
                "`{text}` is not a subject; subjects are `attribute:<name>`, `task:group`, `ec2InstanceId`, `agentConnected`, `agentVersion`, `registeredAt` and `runningTasksCount`"
            ))
        })
}

/// Values with a documented form: a count, a registration date.
fn check_value(subject: Token, value: Token) -> Result<(), Error> {
    let text = value.text.trim_matches(|c| c == '\'' || c == '"');
    if subject.text.eq_ignore_ascii_case("runningTasksCount") && text.parse::<u32>().is_err() {
        return Err(value.error(format!(
            "`runningTasksCount` is compared with a number, not `{text}`"
        )));
    }
    if subject.text.eq_ignore_ascii_case("registeredAt") && !is_date(text) {
        return Err(value.error(format!(
            "`{text}` is not a date ECS reads (2018-06-18, 2018-06-18T22:28:28, with `Z` or `+00:00`)"
        )));
    }
    Ok(())
}

/// The guide's date formats: `2018-06-18`, then optionally `T22:28:28`, then optionally `Z`
/// or an offset `+00:00`.
fn is_date(text: &str) -> bool {
    fn digits(s: &str, n: usize) -> bool {
        s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
    }
    let (date, time) = text.split_once('T').unwrap_or((text, ""));
    let date_ok = matches!(date.split('-').collect::<Vec<_>>()[..],
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2));
    if !date_ok || time.is_empty() {
        return date_ok && !text.contains('T');
    }
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => (time, ""),
    };
    let clock_ok = matches!(clock.split(':').collect::<Vec<_>>()[..],
        [h, m, s] if digits(h, 2) && digits(m, 2) && digits(s, 2));
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || matches!(zone[1..].split(':').collect::<Vec<_>>()[..],
            [h, m] if digits(h, 2) && digits(m, 2));
    clock_ok && zone_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_at(expression: &str) -> (String, String) {
        let error = check(expression).unwrap_err();
        (expression[error.span.range()].to_string(), error.message)
    }

    #[test]
    fn the_guides_examples_parse() {
        for expression in [
            "attribute:ecs.instance-type == t2.small",
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
            "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
            "task:group == service:production",
            "not(task:group == database)",
            "runningTasksCount == 1",
            "agentVersion < 1.14.5",
            "registeredAt < 2018-02-13",
            "registeredAt >= 2018-06-18T22:28:28+00:00",
            "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
            "(attribute:a exists || attribute:b !exists) && !(attribute:c not_in [x])",
            "attribute:ecs.os-type == windows",
            "attribute:stack EQUALS prod",
        ] {
            assert_eq!(check(expression), Ok(()), "{expression}");
        }
    }

    #[test]
    fn errors_point_at_the_token_that_breaks_the_grammar() {
        assert_eq!(error_at("attribute:ecs.instance-type = t2.small").0, "=");
        assert!(
            error_at("attribute:ecs.instance-type = t2.small")
                .1
                .contains("==")
        );
        assert_eq!(error_at("instance-type == t2.small").0, "instance-type");
        assert_eq!(error_at("attribute:a in us-east-1a").0, "us-east-1a");
        assert_eq!(error_at("attribute:a == x and").0, "");
        assert_eq!(error_at("(attribute:a == x").0, "(");
        assert_eq!(error_at("attribute:a == x)").0, ")");
        assert_eq!(
            error_at("attribute:a == x attribute:b == y").0,
            "attribute:b"
        );
        assert_eq!(error_at("ec2InstanceId > i-1").0, ">");
        assert_eq!(error_at("runningTasksCount == many").0, "many");
        assert_eq!(error_at("registeredAt < 13/02/2018").0, "13/02/2018");
        assert_eq!(error_at("attribute:a == 'x").0, "'x");
        assert_eq!(error_at("attribute: == x").0, "attribute:");
        assert_eq!(error_at("").0, "");
    }

    #[test]
    fn every_unicode_blank_separates_tokens() {
        for blank in ['\u{85}', '\u{a0}', '\u{2028}', '\u{3000}'] {
            assert_eq!(check(&format!("attribute:a{blank}=={blank}x")), Ok(()));
            assert!(check(&blank.to_string()).is_err());
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "(".repeat(1000) + "attribute:a exists" + &")".repeat(1000);
        assert!(check(&deep).unwrap_err().message.contains("nested"));
        let negations = "!".repeat(10_000) + "attribute:a exists";
        assert!(check(&negations).is_err());
    }
}
