//! Never a panic: thousands of mutated variants of every fixture go through the whole
//! pipeline (parse, recognise, schema, model, rules, every report format), and every span
//! must lie inside the text on character boundaries. The mutations are deterministic.

mod common;

use common::{files_under, manifest_dir};
use ecslint::RuleFilter;
use ecslint::lint::{lint_bytes, lint_module_text};
use ecslint::report::{self, Format, Options};

/// xorshift64*: a fixed sequence, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to JSON and YAML syntax, and a few that test UTF-8 handling.
const INTERESTING: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b":",
    b",",
    b"\n",
    b" ",
    b"-",
    b"!Ref ",
    b"&a ",
    b"*a",
    b"null",
    b"0",
    b"1e999",
    b"\xc3\xa9",
    b"\xff",
    b"\t",
    b"#",
    b"'",
    b"{{ x }}",
    b"\xef\xbb\xbf",
];

fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => bytes.truncate(at),
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            _ => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
        }
    }
    bytes
}

#[test]
fn mutated_fixtures_never_panic_and_spans_stay_in_bounds() {
    let filter = RuleFilter::all();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let fixtures: Vec<_> = ["testdata/examples", "testdata/rules"]
        .iter()
        .flat_map(|d| files_under(&manifest_dir().join(d)))
        .collect();
    let mut linted = 0;
    for path in &fixtures {
        let original = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for _ in 0..60 {
            let bytes = mutate(&mut rng, &original);
            // Terraform configuration is read a module at a time; a lone file is a module.
            let reports = match std::str::from_utf8(&bytes) {
                Ok(text) if name.ends_with(".tf") => lint_module_text(&name, text, &filter).reports,
                _ => vec![lint_bytes(name.clone(), &bytes, &filter)],
            };
            for report in &reports {
                for d in &report.diagnostics {
                    for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
                        assert!(
                            span.start <= span.end && span.end as usize <= report.text.len(),
                            "{name}: {span:?}"
                        );
                        assert!(
                            report.text.is_char_boundary(span.start as usize),
                            "{name}: {span:?}"
                        );
                        assert!(
                            report.text.is_char_boundary(span.end as usize),
                            "{name}: {span:?} {} {:?} {:?}",
                            d.rule.id,
                            d.message,
                            report.text.as_bytes().get(..40)
                        );
                    }
                }
                // Each mutation goes through one format, in turn: every format sees a share of
                // every fixture's mutations, and the suite stays quick (SARIF alone writes every
                // rule's documentation each time).
                const FORMATS: [Format; 5] = [
                    Format::Human,
                    Format::Concise,
                    Format::Json,
                    Format::Sarif,
                    Format::Github,
                ];
                let options = Options {
                    format: FORMATS[linted % FORMATS.len()],
                    color: false,
                    root: manifest_dir().to_path_buf(),
                    files_checked: 1,
                };
                report::render(std::slice::from_ref(report), &options);
            }
            linted += 1;
        }
    }
    assert!(linted > 3000, "{linted}");
}
