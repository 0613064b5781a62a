//! Matching IAM patterns (`arn:aws:logs:*:*:log-group:/ecs/*`, `s3:Get*`) against values that
//! may themselves be partly unknown (`arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:…`).
//!
//! Both sides may hold `${Name}` parts: a template's deploy-time values, a link to a resource
//! (`${Secret}`), or a policy variable (`${aws:username}`). The answer is three-valued: a
//! match that depends on what an unknown part turns out to be is `Maybe`, never `Yes` or `No`.
//! The same name on both sides is the same value. `${AWS::Partition}` is read as `aws`.

/// How certainly a pattern matches, ordered so that `max` is "either" and `min` is "both".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    No,
    Maybe,
    Yes,
}

impl std::ops::Not for Match {
    type Output = Match;

    /// The match of the complement (`NotAction`, `NotResource`).
    fn not(self) -> Match {
        match self {
            Match::No => Match::Yes,
            Match::Maybe => Match::Maybe,
            Match::Yes => Match::No,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Char(char),
    /// `*`: any run of characters (patterns only).
    Any,
    /// `?`: any one character (patterns only).
    One,
    /// `${Name}`: a value not known here.
    Unknown(&'a str),
}

/// Whether `pattern` matches `value`. Action names are compared without case
/// (`ignore_case`), ARNs with it.
pub fn matches(pattern: &str, value: &str, ignore_case: bool) -> Match {
    if pattern.bytes().all(|b| b == b'*') && !pattern.is_empty() {
        return Match::Yes;
    }
    if !pattern.contains('$') && !value.contains('$') {
        return if wildcard(pattern.as_bytes(), value.as_bytes(), ignore_case) {
            Match::Yes
        } else {
            Match::No
        };
    }
    if literal_prefixes_differ(pattern, value, ignore_case) {
        return Match::No;
    }
    let pattern = normalise(pattern);
    let value = normalise(value);
    let p = tokens(&pattern, true);
    let v = tokens(&value, false);
    let same = |a: &Token, b: &Token| match (a, b) {
        (Token::Char(a), Token::Char(b)) if ignore_case => a.eq_ignore_ascii_case(b),
        (Token::Char(a), Token::Char(b)) => a == b,
        (Token::Unknown(a), Token::Unknown(b)) => a == b,
        _ => false,
    };
    // A literal character or the same unknown part at the start, or a literal character at
    // the end, can only match itself: strip them, and leave the table the part that varies
    // (ARNs share long prefixes).
    let start = p.iter().zip(&v).take_while(|(a, b)| same(a, b)).count();
    let (p, v) = (&p[start..], &v[start..]);
    let end = p
        .iter()
        .rev()
        .zip(v.iter().rev())
        .take_while(|(a, b)| matches!(a, Token::Char(_)) && same(a, b))
        .count();
    table(&p[..p.len() - end], &v[..v.len() - end], ignore_case)
}

/// Whether the two differ before either has a wildcard or an unknown part: the cheap
/// answer for most resources that do not match (another service, another account).
fn literal_prefixes_differ(pattern: &str, value: &str, ignore_case: bool) -> bool {
    for (p, v) in pattern.bytes().zip(value.bytes()) {
        if matches!(p, b'*' | b'?' | b'$') || v == b'$' {
            return false;
        }
        let equal = if ignore_case {
            p.eq_ignore_ascii_case(&v)
        } else {
            p == v
        };
        if !equal {
            return true;
        }
    }
    false
}

/// `*` and `?` matching of fully known text, without allocating: the classic linear
/// algorithm that backtracks only to the last `*`. Patterns and values are ASCII in
/// practice; other bytes compare exactly, and `?` matches one byte.
fn wildcard(pattern: &[u8], value: &[u8], ignore_case: bool) -> bool {
    let same = |a: u8, b: u8| {
        if ignore_case {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let (mut p, mut v) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while v < value.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, v));
                p += 1;
            }
            Some(&c) if c == b'?' || same(c, value[v]) => {
                p += 1;
                v += 1;
            }
            _ => match star {
                Some((star_p, star_v)) => {
                    p = star_p + 1;
                    v = star_v + 1;
                    star = Some((star_p, star_v + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("${AWS::Partition}") {
        text.replace("${AWS::Partition}", "aws").into()
    } else {
        text.into()
    }
}

fn tokens(text: &str, wildcards: bool) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if ch == '$'
            && rest[1..].starts_with('{')
            && let Some(end) = rest.find('}')
        {
            out.push(Token::Unknown(&rest[2..end]));
            rest = &rest[end + 1..];
            continue;
        }
        out.push(match ch {
            '*' if wildcards => Token::Any,
            '?' if wildcards => Token::One,
            c => Token::Char(c),
        });
        rest = &rest[ch.len_utf8()..];
    }
    out
}

/// How well `p` matches `v`, by dynamic programming from the ends: `next[j]` is how well
/// `p[i + 1..]` matches `v[j..]`, `row[j]` how well `p[i..]` does. Two rows of the value's
/// length, whatever the inputs: no recursion, so no input can exhaust the stack.
fn table(p: &[Token], v: &[Token], ignore_case: bool) -> Match {
    let n = v.len();
    // With the pattern used up, the value must be too (or be only unknown parts, which may
    // be empty).
    let mut next: Vec<Match> = (0..=n)
        .map(|j| {
            if j == n {
                Match::Yes
            } else if v[j..].iter().all(|t| matches!(t, Token::Unknown(_))) {
                Match::Maybe
            } else {
                Match::No
            }
        })
        .collect();
    let mut row = vec![Match::No; n + 1];
    for &token in p.iter().rev() {
        for j in (0..=n).rev() {
            let here = v.get(j).copied();
            row[j] = match (token, here) {
                (Token::Any, None) => next[j],
                (Token::Any, Some(_)) => next[j].max(row[j + 1]),
                // The same value on both sides: it matches itself, and only itself.
                (Token::Unknown(name), Some(Token::Unknown(other))) if name == other => next[j + 1],
                // An unknown part of the pattern may stand for any run of the value.
                (Token::Unknown(_), None) => next[j].min(Match::Maybe),
                (Token::Unknown(_), Some(_)) => next[j].max(row[j + 1]).min(Match::Maybe),
                (_, None) => Match::No,
                // The value's unknown part may stand for what the pattern has here.
                (_, Some(Token::Unknown(_))) => {
                    row[j + 1].max(next[j]).max(next[j + 1]).min(Match::Maybe)
                }
                (Token::One, Some(_)) => next[j + 1],
                (Token::Char(a), Some(Token::Char(b))) => {
                    let equal = if ignore_case {
                        a.eq_ignore_ascii_case(&b)
                    } else {
                        a == b
                    };
                    if equal { next[j + 1] } else { Match::No }
                }
                (Token::Char(_), Some(Token::Any | Token::One)) => Match::No,
            };
        }
        std::mem::swap(&mut next, &mut row);
    }
    next[0]
}

#[cfg(test)]
mod tests {
    use super::Match::*;
    use super::*;

    #[test]
    fn wildcards() {
        assert_eq!(matches("s3:Get*", "s3:GetObject", true), Yes);
        assert_eq!(matches("S3:get*", "s3:GetObject", true), Yes);
        assert_eq!(matches("s3:Get*", "s3:PutObject", true), No);
        assert_eq!(matches("*", "anything:AtAll", true), Yes);
        assert_eq!(matches("ecs:?unTask", "ecs:RunTask", true), Yes);
        assert_eq!(
            matches(
                "arn:aws:logs:*:*:log-group:/ecs/*",
                "arn:aws:logs:eu-west-1:123:log-group:/ecs/web:log-stream:x",
                false
            ),
            Yes
        );
        assert_eq!(
            matches("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket", false),
            No
        );
        assert_eq!(matches("a*b*c", "aXbYbZc", false), Yes);
        assert_eq!(matches("a*b*c", "aXbYbZ", false), No);
    }

    #[test]
    fn unknown_parts_make_a_match_uncertain_unless_they_are_the_same() {
        let grant =
            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/ecs/web:*";
        assert_eq!(
            matches(
                grant,
                "arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/ecs/web:log-stream:a",
                false
            ),
            Yes
        );
        assert_eq!(
            matches(
                grant,
                "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:log-stream:a",
                false
            ),
            Maybe
        );
        assert_eq!(
            matches(
                grant,
                "arn:aws:logs:eu-west-1:123456789012:log-group:/other:log-stream:a",
                false
            ),
            No
        );
        assert_eq!(matches("${Secret}", "${Secret}", false), Yes);
        assert_eq!(
            matches(
                "arn:aws:logs:r:${AWS::AccountId}:log-group:/ecs/web",
                "arn:aws:logs:r:${AWS::AccountId}:log-group:/ecs/web:log-stream:${Stream}",
                false
            ),
            No
        );
        assert_eq!(matches("${Secret}", "${Other}", false), Maybe);
        assert_eq!(matches("arn:aws:s3:::b/*", "${Bucket.Arn}/x", false), Maybe);
        assert_eq!(
            matches(
                "arn:aws:s3:::b",
                "arn:aws:ecr:${AWS::Region}:1:repository/x",
                false
            ),
            No
        );
        assert_eq!(
            matches(
                "arn:aws:s3:::home/${aws:username}/*",
                "arn:aws:s3:::home/bob/x",
                false
            ),
            Maybe
        );
    }
}
