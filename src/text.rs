//! Small helpers for writing messages.

/// "a", "a or b", "a, b or c".
pub fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    list(items, "or")
}

/// "a", "a and b", "a, b and c".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    list(items, "and")
}

/// Like [`and_list`], naming at most `shown` items and counting the rest: "a, b and 3 more".
pub fn and_list_cut<S: AsRef<str>>(items: &[S], shown: usize) -> String {
    if items.len() <= shown {
        return and_list(items);
    }
    let named: Vec<&str> = items[..shown].iter().map(AsRef::as_ref).collect();
    format!("{} and {} more", named.join(", "), items.len() - shown)
}

fn list<S: AsRef<str>>(items: &[S], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {conjunction} {}", rest.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{and_list, and_list_cut, or_list};

    #[test]
    fn lists() {
        assert_eq!(or_list::<&str>(&[]), "");
        assert_eq!(or_list(&["a"]), "a");
        assert_eq!(or_list(&["a", "b"]), "a or b");
        assert_eq!(or_list(&["a", "b", "c"]), "a, b or c");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(and_list_cut(&["a", "b", "c"], 3), "a, b and c");
        assert_eq!(and_list_cut(&["a", "b", "c", "d"], 2), "a, b and 2 more");
    }
}
