//! Keys written twice in one mapping, found by one pass over the document.

use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Declared;
use crate::source::span::Span;
use crate::source::tree::{Expr, Node, Value};

declare_rule! {
    /// ## What it does
    /// Finds a key written twice in one JSON object or YAML mapping of a document ecslint
    /// checks, and points at the second with a label on the first.
    ///
    /// ## Why is this bad?
    /// The first value is dead: CloudFormation, the AWS CLI and the SDKs keep the last one,
    /// so a fix made to the first never takes effect. `aws cloudformation deploy` refuses a
    /// YAML template with a duplicated key ("found duplicate key"), which is why it is an
    /// error in YAML and a warning in JSON.
    ///
    /// ## Example
    /// ```yaml
    /// Properties:
    ///   Cpu: "256"
    ///   Memory: "512"
    ///   Cpu: "1024"
    /// ```
    ///
    /// Use instead: one `Cpu`.
    ///
    /// ## References
    /// - [AWS CLI: cloudformation deploy](https://docs.aws.amazon.com/cli/latest/reference/cloudformation/deploy/)
    /// - [RFC 8259 §4: "The names within an object SHOULD be unique"](https://www.rfc-editor.org/rfc/rfc8259#section-4)
    pub DuplicateKey {
        id: "INPUT-004",
        name: "duplicate-key",
        severity: Warning,
        summary: "Key written twice in one mapping",
        tags: ["input"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/cli/latest/reference/cloudformation/deploy/",
    }
}

/// Objects up to this size are checked without hashing (see [`Buckets`]).
const SMALL: usize = 64;

/// The duplicated keys of a document, each reported at its second occurrence; an error
/// when the document is YAML.
pub fn duplicates(root: &Node, yaml: bool, out: &mut Vec<Diagnostic>) {
    let mut stack = vec![root];
    let mut seen: FxHashMap<&str, Span> = FxHashMap::default();
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Object(entries) => {
                seen.clear();
                let mut buckets = Buckets::default();
                for (index, entry) in entries.iter().enumerate() {
                    let first = if entries.len() <= SMALL {
                        // Almost every key lands in a bucket no key before it took; only a
                        // key that does not is compared with those before it (at most
                        // SMALL² comparisons, a constant).
                        if buckets.insert(&entry.key) {
                            None
                        } else {
                            entries[..index]
                                .iter()
                                .find(|e| e.key == entry.key)
                                .map(|e| e.key_span)
                        }
                    } else {
                        let first = seen.get(entry.key.as_ref()).copied();
                        seen.entry(&entry.key).or_insert(entry.key_span);
                        first
                    };
                    if let Some(first) = first {
                        let mut diagnostic = Diagnostic::new(
                            DuplicateKey::meta(),
                            entry.key_span,
                            format!(
                                "`{}` is written twice here; only this one counts",
                                entry.key
                            ),
                        );
                        diagnostic.label(first, "first written here, and ignored");
                        diagnostic.help = Some("Keep one of them.".into());
                        if yaml {
                            diagnostic.severity = Severity::Error;
                        }
                        out.push(diagnostic);
                    }
                }
                stack.extend(entries.iter().map(|e| &e.value));
            }
            Value::Array(items) => stack.extend(items.iter()),
            // Terraform: the documents written inside `jsonencode(…)` and templates.
            Value::Expr(expr) => match &**expr {
                Expr::Call { args: nodes, .. } | Expr::Template(nodes) => stack.extend(nodes),
                Expr::Conditional(branches) => stack.extend(branches.iter()),
                _ => {}
            },
            _ => {}
        }
    }
}

/// Which of 256 buckets the keys of one object fall in, by their length and three of their
/// bytes: cheaper than hashing whole keys, and distinct enough that a dozen keys rarely
/// share one.
#[derive(Default)]
struct Buckets([u64; 4]);

impl Buckets {
    /// Puts the key in its bucket; `false` if the bucket already held a key (maybe the same).
    fn insert(&mut self, key: &str) -> bool {
        let bytes = key.as_bytes();
        let byte = |i: usize| bytes.get(i).map_or(0, |&b| usize::from(b));
        let hash = bytes.len() * 41
            + byte(0) * 7
            + byte(bytes.len() / 2) * 3
            + byte(bytes.len().wrapping_sub(1));
        let (word, bit) = ((hash >> 6) & 3, 1u64 << (hash & 63));
        let empty = self.0[word] & bit == 0;
        self.0[word] |= bit;
        empty
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json::parse_json;

    /// An object of `count` distinct keys `k0`, `k1`…, with `k3` written again last.
    fn object(count: usize) -> String {
        let members: Vec<String> = (0..count)
            .map(|i| format!("\"k{i}\": {i}"))
            .chain(std::iter::once("\"k3\": 0".to_string()))
            .collect();
        format!("{{{}}}", members.join(", "))
    }

    #[test]
    fn only_the_key_written_twice_is_reported_in_small_and_large_objects() {
        // 60 keys share buckets (k10…k19 differ only in their last byte's bucket), 200 are
        // hashed.
        for count in [5, 60, 200] {
            let text = object(count);
            let root = parse_json(&text).unwrap();
            let mut out = Vec::new();
            duplicates(&root, false, &mut out);
            assert_eq!(out.len(), 1, "{count} keys");
            assert_eq!(&text[out[0].span.range()], "\"k3\"");
        }
    }

    #[test]
    fn keys_sharing_a_bucket_are_not_duplicates() {
        let mut buckets = Buckets::default();
        assert!(buckets.insert("k12"));
        // Same length, first and middle byte; the last byte moves the bucket by one.
        assert!(buckets.insert("k13"));
        assert!(!buckets.insert("k12"));
        // Found by search: a distinct key in the bucket of `k12`.
        let letters = || b'a'..=b'z';
        let twin = letters()
            .flat_map(|a| letters().flat_map(move |b| letters().map(move |c| [a, b, c])))
            .map(|bytes| String::from_utf8(bytes.to_vec()).unwrap())
            .find(|k| {
                let mut b = Buckets::default();
                b.insert("k12");
                !b.insert(k)
            })
            .unwrap();
        let text = format!("{{\"k12\": 1, \"{twin}\": 2}}");
        let mut out = Vec::new();
        duplicates(&parse_json(&text).unwrap(), false, &mut out);
        assert!(out.is_empty());
    }
}
