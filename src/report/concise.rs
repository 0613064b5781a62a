//! `path:line:col: severity[ID] message`, one finding per line (columns count characters).

use super::{Options, Positions, printable, summary};
use crate::lint::FileReport;

pub fn render(reports: &[FileReport], options: &Options) -> String {
    let mut out = String::new();
    for report in reports.iter().filter(|r| r.has_shown()) {
        let positions = Positions::new(report);
        for d in report.shown() {
            let start = positions.region(d.span).start;
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                printable(&report.path),
                start.line,
                start.column,
                d.severity.as_str(),
                d.rule.id,
                printable(&d.message)
            ));
        }
    }
    out.push_str(&summary(reports, options.files_checked));
    out.push('\n');
    out
}
