//! Expanding the command line's paths into the files to lint: files as given, directories
//! walked recursively (honouring `.gitignore` and `.ignore`, skipping hidden entries), and
//! glob patterns. The result is sorted so output never depends on walk order.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

/// Extensions linted when walking a directory. Files named explicitly are always linted.
/// `.tf.json` ends in `json`.
pub const LINTED_EXTENSIONS: &[&str] = &["json", "yaml", "yml", "template", "tf"];

/// A path that could not be expanded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryError {
    pub path: PathBuf,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub errors: Vec<DiscoveryError>,
}

pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    for path in paths {
        if path.is_file() {
            found.files.push(path.clone());
        } else if path.is_dir() {
            walk(path, None, &mut found);
        } else if let Some((base, matcher)) = glob(path) {
            let before = found.files.len();
            walk(&base, Some(&matcher), &mut found);
            if found.files.len() == before {
                found.errors.push(DiscoveryError {
                    path: path.clone(),
                    message: "the pattern matched no files".into(),
                });
            }
        } else {
            let message = match std::fs::metadata(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    "no such file or directory".to_string()
                }
                Err(e) => e.to_string(),
                Ok(_) => "not a regular file or directory".to_string(),
            };
            found.errors.push(DiscoveryError {
                path: path.clone(),
                message,
            });
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

fn walk(root: &Path, only: Option<&GlobMatcher>, found: &mut Discovered) {
    // Depth first with each directory's names sorted, the walk already yields paths in
    // `Path` order: the final sort then only checks it (comparing paths component by
    // component costs ~1 µs a pair — most of discovery on a tree of thousands of files).
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let path = entry.path();
                let wanted = match only {
                    // A pattern with no directory part (`*.json`) is walked from `.`, whose
                    // paths read `./x.json`.
                    Some(matcher) => {
                        matcher.is_match(path)
                            || path.strip_prefix(".").is_ok_and(|p| matcher.is_match(p))
                    }
                    None => has_linted_extension(path),
                };
                if is_file && wanted {
                    let path = entry.into_path();
                    // Reported as the user would write it: `x.json`, not `./x.json`.
                    let path = match (only, path.strip_prefix(".")) {
                        (Some(_), Ok(rest)) if root == Path::new(".") => rest.to_path_buf(),
                        _ => path,
                    };
                    found.files.push(path);
                }
            }
            Err(err) => found.errors.push(DiscoveryError {
                path: error_path(&err).unwrap_or_else(|| root.to_path_buf()),
                message: error_message(&err),
            }),
        }
    }
}

fn has_linted_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| LINTED_EXTENSIONS.iter().any(|l| e.eq_ignore_ascii_case(l)))
}

/// A pattern is a glob when it has glob syntax and names nothing that exists. Returns the
/// directory to walk (the pattern's literal prefix) and the matcher for whole paths.
fn glob(path: &Path) -> Option<(PathBuf, GlobMatcher)> {
    let text = path.to_str()?;
    if !text.contains(['*', '?', '[', '{']) {
        return None;
    }
    let matcher = GlobBuilder::new(text)
        .literal_separator(true)
        .build()
        .ok()?
        .compile_matcher();
    let mut base = PathBuf::new();
    for component in path.components() {
        let part = component.as_os_str().to_str()?;
        if part.contains(['*', '?', '[', '{']) {
            break;
        }
        base.push(component);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    Some((base, matcher))
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_message(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", ancestor.display())
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_honouring_gitignore_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/td.json"), "{}").unwrap();
        std::fs::write(root.join("a/b/svc.yaml"), "{}").unwrap();
        std::fs::write(root.join("a/readme.md"), "x").unwrap();
        std::fs::write(root.join("a/skip.json"), "{}").unwrap();
        std::fs::write(root.join(".gitignore"), "skip.json\n").unwrap();

        let found = discover(&[root.to_path_buf()]);
        let names: Vec<_> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            vec![PathBuf::from("a/b/svc.yaml"), PathBuf::from("a/td.json")]
        );
        assert!(found.errors.is_empty());

        let pattern = root.join("a/**/*.yaml");
        let found = discover(&[pattern]);
        assert_eq!(found.files, vec![root.join("a/b/svc.yaml")]);

        let found = discover(&[root.join("missing.json")]);
        assert_eq!(found.errors[0].message, "no such file or directory");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("d")).unwrap();
        std::fs::write(root.join("d/td.json"), "{}").unwrap();
        std::os::unix::fs::symlink(root.join("d"), root.join("d/loop")).unwrap();
        let found = discover(&[root.to_path_buf()]);
        assert_eq!(found.files, vec![root.join("d/td.json")]);
        assert!(
            found.errors.iter().any(|e| e.message.contains("loop")),
            "{:?}",
            found.errors
        );
    }
}
