//! "Did you mean ...?" for misspelled names and values.

/// Words longer than this get no suggestion: no name ecslint suggests is near that long,
/// and the distance costs length × length.
const MAX_WORD: usize = 128;

/// The candidate closest to `word`, if it is close enough to be a plausible typo: at most a
/// third of the longer name's characters differ. A candidate whose length alone puts it out
/// of reach costs a character count, nothing more: most of a long list (an IAM service's
/// actions) is rejected so.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower: Vec<char> = word.to_ascii_lowercase().chars().collect();
    if lower.len() > MAX_WORD {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    let mut rows = Rows::default();
    let mut candidate = Vec::new();
    for c in candidates {
        let length = c.chars().count();
        let bound = (length.max(lower.len()) / 3).max(1);
        let bound = best.map_or(bound, |(d, _)| bound.min(d));
        if length.abs_diff(lower.len()) > bound {
            continue;
        }
        candidate.clear();
        candidate.extend(c.chars().map(|c| c.to_ascii_lowercase()));
        let Some(d) = rows.distance_within(&lower, &candidate, bound) else {
            continue;
        };
        if d == 0 && c == word {
            continue;
        }
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Three rows of the distance matrix, kept from one candidate to the next.
#[derive(Default)]
struct Rows {
    before: Vec<usize>,
    previous: Vec<usize>,
    row: Vec<usize>,
}

impl Rows {
    /// Levenshtein distance with adjacent transpositions counted as one edit, if it is at
    /// most `bound`, stopping as soon as a row has nothing within it.
    fn distance_within(&mut self, a: &[char], b: &[char], bound: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > bound {
            return None;
        }
        let Rows {
            before,
            previous,
            row,
        } = self;
        before.clear();
        before.resize(b.len() + 1, 0);
        previous.clear();
        previous.extend(0..=b.len());
        row.clear();
        row.resize(b.len() + 1, 0);
        for i in 1..=a.len() {
            row[0] = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (previous[j] + 1)
                    .min(row[j - 1] + 1)
                    .min(previous[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(before[j - 2] + 1);
                }
                row[j] = best;
            }
            if row.iter().min().is_some_and(|&m| m > bound) {
                return None;
            }
            std::mem::swap(before, previous);
            std::mem::swap(previous, row);
        }
        let d = previous[b.len()];
        (d <= bound).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let modes = ["bridge", "host", "awsvpc", "none"];
        assert_eq!(closest("awsvcp", modes), Some("awsvpc"));
        assert_eq!(closest("Bridge", modes), Some("bridge"));
        assert_eq!(closest("overlay", modes), None);
        assert_eq!(
            closest("privilege", ["privileged", "links"]),
            Some("privileged")
        );
        assert_eq!(closest("abcd", ["abdc"]), Some("abdc"));
        assert_eq!(
            closest("awslogs-groups", ["awslogs-group", "awslogs-groups"]),
            Some("awslogs-group")
        );
    }

    #[test]
    fn long_words_cost_nothing() {
        let long = "x".repeat(40_000);
        assert_eq!(closest(&long, [long.as_str()]), None);
        let names: Vec<String> = (0..10_000).map(|i| format!("name{i}")).collect();
        assert_eq!(
            closest(&"y".repeat(100), names.iter().map(String::as_str)),
            None
        );
    }
}
