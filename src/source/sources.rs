//! Several files read as one text: a Terraform module is its directory's files, the child
//! modules it calls and the files its expressions read. Spans index the combined text, so the
//! model and rules work on one text as for a single file; the reports split it back into
//! files.

use super::span::Span;

#[derive(Debug, Default)]
pub struct Sources {
    pub text: String,
    pub files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as reports show it (`/`-separated).
    pub path: String,
    pub span: Span,
}

impl Sources {
    /// Appends a file's text; returns where it starts. A file added before is not added
    /// again.
    pub fn add(&mut self, path: String, text: &str) -> usize {
        if let Some(file) = self.find(&path) {
            return file.span.start as usize;
        }
        let start = self.text.len();
        self.text.push_str(text);
        // A separator, so no span of one file ends where the next begins.
        self.text.push('\n');
        self.files.push(SourceFile {
            path,
            span: Span::new(start, start + text.len()),
        });
        start
    }

    pub fn find(&self, path: &str) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The file holding byte `offset`.
    pub fn file_at(&self, offset: u32) -> Option<&SourceFile> {
        let index = self
            .files
            .partition_point(|f| f.span.start <= offset)
            .checked_sub(1)?;
        self.files.get(index).filter(|f| offset <= f.span.end)
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_found_by_offset() {
        let mut sources = Sources::default();
        assert_eq!(sources.add("a.tf".into(), "abc"), 0);
        assert_eq!(sources.add("b.tf".into(), "de"), 4);
        assert_eq!(sources.add("a.tf".into(), "abc"), 0);
        assert_eq!(sources.file_at(2).unwrap().path, "a.tf");
        assert_eq!(sources.file_at(3).unwrap().path, "a.tf");
        assert_eq!(sources.file_at(5).unwrap().path, "b.tf");
        assert_eq!(&sources.text[4..6], "de");
    }
}
