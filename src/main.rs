//! The `ecslint` command line: parses arguments and calls the library.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ecslint::config::{Config, FailLevel};
use ecslint::lint::Selection;
use ecslint::report::{self, Format};
use ecslint::rules::{self, pages};
use ecslint::source::discover::discover;
use ecslint::{FileReport, Input, RuleFilter, check};

/// What standard input is reported as when `--stdin-filename` does not name it.
const STDIN_NAME: &str = "<stdin>";

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ecslint",
    version,
    about = "Lint ECS task definitions, services and the infrastructure that declares them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files, directories (recursively, honouring .gitignore) and glob patterns.
    Check(Box<CheckArgs>),
    /// List the rules.
    Rules {
        /// `text` or `json`.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// A rule id (`FARGATE-001`) or name (`invalid-fargate-cpu-memory`).
        rule: String,
    },
    /// Print a shell completion script (`ecslint completions bash > /etc/bash_completion.d/ecslint`).
    Completions { shell: clap_complete::Shell },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, directories or globs; `-` reads standard input. No paths: nothing is linted.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Also write SARIF to this file, whatever `--format` prints (one run for annotations
    /// and code scanning).
    #[arg(long, value_name = "FILE")]
    sarif_file: Option<PathBuf>,
    /// Append a Markdown summary (findings per rule, and those past GitHub's annotation
    /// limit) to this file: `$GITHUB_STEP_SUMMARY` in a workflow.
    #[arg(long, value_name = "FILE")]
    step_summary: Option<PathBuf>,
    /// Run only these rules: ids, names or id prefixes (`FARGATE`, `ECS-TD`), or `ALL`,
    /// comma-separated (default: the rules that are on by default).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Run these rules as well (those off by default, such as `ECS-TD-021`), comma-separated.
    #[arg(long, value_delimiter = ',')]
    extend_select: Vec<String>,
    /// Skip these rules: ids, names or id prefixes, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Exit with 1 when a finding is at or above this severity (default: the configuration's,
    /// else `error`).
    #[arg(long, value_enum)]
    fail_level: Option<FailLevel>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Colour the human format (`auto` honours NO_COLOR and whether stdout is a terminal).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// The name to report standard input under; its extension selects JSON or YAML.
    #[arg(long, default_value = STDIN_NAME)]
    stdin_filename: String,
    /// Say which files were linted as what, and why others were skipped (on stderr).
    #[arg(short, long)]
    verbose: bool,
    /// Print the findings only, without the closing summary.
    #[arg(short, long)]
    quiet: bool,
    /// Exit with 0 even when there are findings (errors reading files still exit with 2).
    #[arg(long)]
    exit_zero: bool,
    /// Print how many findings each rule has, instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Use this configuration for every file, instead of the nearest `.ecslint.yaml`.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Honour the configuration's `exclude` for files named on the command line too.
    #[arg(long)]
    force_exclude: bool,
    /// Print the settings that apply to this path, and exit.
    #[arg(long, value_name = "PATH")]
    show_settings: Option<PathBuf>,
    /// Report only findings that are not in this baseline (written by `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in this file, as a baseline, and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// The repository root that SARIF URIs and annotation paths are relative to (default:
    /// the git top level above the working directory, else the working directory).
    #[arg(long)]
    root: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => run_check(*args),
        Command::Rules { format } => {
            let all = rules::all();
            let text = match format {
                ListFormat::Text => all
                    .iter()
                    .map(|r| {
                        format!(
                            "{:<14} {:<7} {:<40} {}{}\n",
                            r.id,
                            r.severity.as_str(),
                            r.name,
                            r.summary,
                            if r.enabled_by_default {
                                ""
                            } else {
                                " (off by default)"
                            }
                        )
                    })
                    .collect(),
                ListFormat::Json => {
                    let list: Vec<_> = all
                        .iter()
                        .map(|r| {
                            serde_json::json!({"id": r.id, "name": r.name, "severity": r.severity.as_str(),
                                "summary": r.summary, "tags": r.tags, "reference": r.reference,
                                "enabled_by_default": r.enabled_by_default})
                        })
                        .collect();
                    serde_json::to_string_pretty(&list).expect("serialisable") + "\n"
                }
            };
            print!("{text}");
            ExitCode::SUCCESS
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "ecslint", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(meta) => {
                print!("{}", pages::explanation(meta));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: no rule is called `{rule}` (see `ecslint rules`)");
                ExitCode::from(2)
            }
        },
    }
}

/// The configurations read so far, and which applies to each directory.
struct Configs {
    list: Vec<Config>,
    /// `--config`: one for everything.
    forced: Option<usize>,
    by_dir: std::collections::HashMap<PathBuf, usize>,
    by_file: std::collections::HashMap<PathBuf, usize>,
    defaults: Option<usize>,
    failed: bool,
    /// The working directory relative paths are read against.
    cwd: PathBuf,
}

impl Configs {
    fn new(forced: Option<&std::path::Path>) -> Configs {
        let mut configs = Configs {
            list: Vec::new(),
            forced: None,
            by_dir: Default::default(),
            by_file: Default::default(),
            defaults: None,
            failed: false,
            cwd: std::env::current_dir().unwrap_or_default(),
        };
        if let Some(path) = forced {
            configs.forced = configs.load(path).ok();
            if configs.forced.is_none() {
                configs.failed = true;
            }
        }
        configs
    }

    /// The configuration for a path given to `--show-settings`: a directory's, or a file's.
    fn for_path(&mut self, path: &std::path::Path) -> Result<usize, ()> {
        let absolute = self.cwd.join(path);
        if absolute.is_dir() {
            self.for_dir(absolute)
        } else {
            self.for_file(path)
        }
    }

    /// The configuration for a linted file: that of its directory. Asked once per file, so
    /// it costs no system call once the directory is known.
    fn for_file(&mut self, file: &std::path::Path) -> Result<usize, ()> {
        let absolute = self.cwd.join(file);
        let dir = absolute
            .parent()
            .map_or_else(|| self.cwd.clone(), PathBuf::from);
        self.for_dir(dir)
    }

    /// The configuration for a directory: `--config`, or the nearest `.ecslint.yaml` in or
    /// above it, or the defaults. Mistakes in a configuration are printed, once.
    fn for_dir(&mut self, dir: PathBuf) -> Result<usize, ()> {
        if self.failed {
            return Err(());
        }
        if let Some(forced) = self.forced {
            return Ok(forced);
        }
        if let Some(&index) = self.by_dir.get(&dir) {
            return Ok(index);
        }
        let index = match Config::find(&dir) {
            Some(file) => match self.by_file.get(&file) {
                Some(&index) => index,
                None => self.load(&file)?,
            },
            // One set of defaults for every directory without a configuration, so files
            // are linted together (a Terraform module with the modules it calls).
            None => match self.defaults {
                Some(index) => index,
                None => {
                    self.list.push(Config::defaults(&self.cwd));
                    self.defaults = Some(self.list.len() - 1);
                    self.list.len() - 1
                }
            },
        };
        self.by_dir.insert(dir, index);
        Ok(index)
    }

    fn load(&mut self, file: &std::path::Path) -> Result<usize, ()> {
        match Config::load(file) {
            Ok(config) => {
                self.list.push(config);
                self.by_file.insert(file.to_path_buf(), self.list.len() - 1);
                Ok(self.list.len() - 1)
            }
            Err(errors) => {
                for error in errors {
                    eprintln!("error: {error}");
                }
                self.failed = true;
                Err(())
            }
        }
    }
}

/// A configuration's severities and per-file ignores, applied to a file's findings.
fn configure(config: &Config, report: &mut FileReport) {
    report
        .diagnostics
        .retain_mut(|d| match config.severity_of(d.rule, d.severity) {
            Some(severity) => {
                d.severity = severity;
                true
            }
            None => false,
        });
    let ignored = config.ignored_in(&report.path);
    if ignored.is_empty() {
        return;
    }
    let origin = config
        .path
        .as_ref()
        .map_or_else(String::new, |p| ecslint::display_path(p));
    for d in &mut report.diagnostics {
        if let Some((glob, _)) = ignored.iter().find(|(_, rule)| d.rule.matches(rule)) {
            d.suppressed.get_or_insert(ecslint::diagnostic::Suppressed {
                in_source: false,
                justification: Some(format!("per-file-ignores `{glob}` in {origin}")),
            });
        }
    }
}

/// `--statistics`: each rule's count of findings, most first.
fn statistics(reports: &[FileReport]) -> String {
    report::rule_counts(reports)
        .iter()
        .map(|(rule, n)| {
            format!(
                "{n:>6}  {:<14} {:<7}  {}\n",
                rule.id,
                rule.severity.as_str(),
                rule.name
            )
        })
        .collect()
}

/// The report without its closing summary line.
fn quiet(text: &str) -> String {
    let trimmed = text.trim_end_matches('\n');
    match trimmed.rfind('\n') {
        Some(at) => text[..=at].to_string(),
        None => String::new(),
    }
}

/// The git work tree's top level above `dir` (where GitHub resolves SARIF URIs from), or
/// `dir` itself outside a repository.
fn repository_root(dir: &std::path::Path) -> PathBuf {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(dir)
        .to_path_buf()
}

fn run_check(args: CheckArgs) -> ExitCode {
    let mut configs = Configs::new(args.config.as_deref());
    if let Some(path) = &args.show_settings {
        return match configs.for_path(path) {
            Ok(index) => {
                print!(
                    "{}",
                    configs.list[index].describe(&ecslint::display_path(path))
                );
                ExitCode::SUCCESS
            }
            Err(()) => ExitCode::from(2),
        };
    }
    if let Some(jobs) = args.jobs {
        if jobs == 0 {
            eprintln!("error: --jobs takes a number of threads, 1 or more");
            return ExitCode::from(2);
        }
        // Only fails if a pool already exists, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global();
    }
    let mut failed = false;
    let mut inputs = Vec::new();
    let (stdin, paths): (Vec<_>, Vec<_>) =
        args.paths.into_iter().partition(|p| p.as_os_str() == "-");
    if stdin.is_empty() && args.stdin_filename != STDIN_NAME {
        eprintln!(
            "error: --stdin-filename names standard input, which is read only when `-` is among the paths"
        );
        return ExitCode::from(2);
    }
    if !stdin.is_empty() {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("error: cannot read standard input: {e}");
            return ExitCode::from(2);
        }
        inputs.push(Input::Stdin {
            name: args.stdin_filename.clone(),
            bytes,
        });
    }
    let discovered = discover(&paths);
    if discovered.files.is_empty() && discovered.errors.is_empty() && !paths.is_empty() {
        eprintln!(
            "note: no files to lint there: ecslint reads .json, .yaml, .yml, .template, .tf and .tf.json files"
        );
    }
    inputs.extend(discovered.files.into_iter().map(Input::File));

    // Each input with the configuration that applies to it; excluded files are dropped.
    // (Pre-commit names thousands of files: look them up in a set.)
    let named_paths: std::collections::HashSet<&PathBuf> = paths.iter().collect();
    let mut grouped: Vec<(usize, Vec<Input>)> = Vec::new();
    for input in inputs.drain(..) {
        let path = match &input {
            Input::File(path) => path.clone(),
            Input::Stdin { .. } => PathBuf::from(&args.stdin_filename),
        };
        let Ok(index) = configs.for_file(&path) else {
            return ExitCode::from(2);
        };
        let named = named_paths.contains(&path);
        let excluded = matches!(input, Input::File(_))
            && (!named || args.force_exclude)
            && configs.list[index].excludes(&ecslint::display_path(&path));
        if excluded {
            continue;
        }
        match grouped.iter_mut().find(|(i, _)| *i == index) {
            Some((_, group)) => group.push(input),
            None => grouped.push((index, vec![input])),
        }
    }
    let mut reports = Vec::new();
    let mut thresholds = Vec::new();
    let mut files_checked = 0;
    for (index, group) in &grouped {
        let config = &configs.list[*index];
        let select = if args.select.is_empty() {
            &config.select
        } else {
            &args.select
        };
        let ignore: Vec<String> = config.ignore.iter().chain(&args.ignore).cloned().collect();
        let extend_select: Vec<String> = config
            .extend_select
            .iter()
            .chain(&args.extend_select)
            .cloned()
            .collect();
        let filter = match RuleFilter::new(Selection {
            select,
            extend_select: &extend_select,
            ignore: &ignore,
        }) {
            Ok(filter) => filter,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        };
        files_checked += group.len();
        let threshold = args
            .fail_level
            .or(config.fail_level)
            .unwrap_or(FailLevel::Error)
            .threshold();
        for mut report in check(group, &filter) {
            configure(config, &mut report);
            thresholds.push(threshold);
            reports.push(report);
        }
    }
    // Paths that could not be expanded are reported like files that could not be read, so
    // SARIF and JSON say so too.
    reports.extend(discovered.errors.iter().map(|error| {
        thresholds.push(None);
        FileReport::unreadable(ecslint::display_path(&error.path), error.message.clone())
    }));
    for report in &reports {
        if let Some(error) = &report.io_error {
            eprintln!("error: {}: {error}", report.path);
            failed = true;
        }
        if args.verbose {
            for note in &report.notes {
                eprintln!("{}: {note}", report.path);
            }
        }
    }

    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = match args.root {
        Some(root) => cwd.join(root),
        None => repository_root(&cwd),
    };
    if let Some(path) = &args.write_baseline {
        let text = ecslint::baseline::write(&reports, &root);
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        let count: usize = reports.iter().map(|r| r.shown().count()).sum();
        eprintln!("wrote {count} findings to the baseline {}", path.display());
        return if failed {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    if let Some(path) = &args.baseline {
        match ecslint::baseline::Baseline::read(path) {
            Ok(mut baseline) => baseline.apply(&mut reports, &root),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let options = report::Options {
        format: args.format,
        color,
        root,
        files_checked,
    };
    let findings: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let sarif = args.format == Format::Sarif || args.sarif_file.is_some();
    if sarif && findings > report::MAX_SARIF_RESULTS {
        eprintln!(
            "warning: {findings} findings; the SARIF file holds the {} most severe, the most GitHub code scanning accepts in one run",
            report::MAX_SARIF_RESULTS
        );
    }
    let text = if args.statistics {
        statistics(&reports)
    } else {
        let text = report::render(&reports, &options);
        if args.quiet && matches!(args.format, Format::Human | Format::Concise) {
            quiet(&text)
        } else {
            text
        }
    };
    if let Some(path) = &args.sarif_file {
        let sarif = report::render(
            &reports,
            &report::Options {
                format: Format::Sarif,
                ..options.clone()
            },
        );
        if let Err(e) = std::fs::write(path, sarif) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &args.step_summary {
        let summary = report::step_summary(&reports, &options);
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(summary.as_bytes()));
        if let Err(e) = appended {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let written = match &args.output {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write the report: {e}")),
    };
    if let Err(message) = written {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    if failed {
        return ExitCode::from(2);
    }
    let fails = reports.iter().zip(&thresholds).any(|(report, threshold)| {
        threshold.is_some_and(|t| report.shown().any(|d| d.severity >= t))
    });
    if fails && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
