//! The `ecslint` command line: parses arguments and calls the library.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ecslint::diagnostic::Severity;
use ecslint::report::{self, Format};
use ecslint::rules::{self, pages};
use ecslint::source::discover::discover;
use ecslint::{FileReport, Input, RuleFilter, check};

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
    Check(CheckArgs),
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
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailLevel {
    Error,
    Warning,
    Note,
    None,
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
    /// Run only these rules: ids, names or id prefixes (`FARGATE`, `ECS-TD`), comma-separated.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules: ids, names or id prefixes, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    fail_level: FailLevel,
    /// Worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Colour the human format (`auto` honours NO_COLOR and whether stdout is a terminal).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// The name to report standard input under; its extension selects JSON or YAML.
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
    /// Say which files were linted as what, and why others were skipped (on stderr).
    #[arg(short, long)]
    verbose: bool,
    /// The repository root that SARIF URIs and annotation paths are relative to (default:
    /// the git top level above the working directory, else the working directory).
    #[arg(long)]
    root: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Rules { format } => {
            let all = rules::all();
            let text = match format {
                ListFormat::Text => all
                    .iter()
                    .map(|r| {
                        format!(
                            "{:<14} {:<7} {:<40} {}\n",
                            r.id,
                            r.severity.as_str(),
                            r.name,
                            r.summary
                        )
                    })
                    .collect(),
                ListFormat::Json => {
                    let list: Vec<_> = all
                        .iter()
                        .map(|r| {
                            serde_json::json!({"id": r.id, "name": r.name, "severity": r.severity.as_str(),
                                "summary": r.summary, "tags": r.tags, "reference": r.reference})
                        })
                        .collect();
                    serde_json::to_string_pretty(&list).expect("serialisable") + "\n"
                }
            };
            print!("{text}");
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(meta) => {
                print!("{}", pages::page(meta));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: no rule is called `{rule}` (see `ecslint rules`)");
                ExitCode::from(2)
            }
        },
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
    let filter = match RuleFilter::new(&args.select, &args.ignore) {
        Ok(filter) => filter,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if let Some(jobs) = args.jobs {
        // Only fails if a pool already exists, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
    let mut failed = false;
    let mut inputs = Vec::new();
    let (stdin, paths): (Vec<_>, Vec<_>) =
        args.paths.into_iter().partition(|p| p.as_os_str() == "-");
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
    inputs.extend(discovered.files.into_iter().map(Input::File));

    let mut reports = check(&inputs, &filter);
    // Paths that could not be expanded are reported like files that could not be read, so
    // SARIF and JSON say so too.
    reports.extend(discovered.errors.iter().map(|error| {
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
    let options = report::Options {
        format: args.format,
        color,
        root,
        files_checked: inputs.len(),
    };
    let findings: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    if args.format == Format::Sarif && findings > report::MAX_SARIF_RESULTS {
        eprintln!(
            "warning: {findings} findings; the SARIF file holds the {} most severe, the most GitHub code scanning accepts in one run",
            report::MAX_SARIF_RESULTS
        );
    }
    let text = report::render(&reports, &options);
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
    let threshold = match args.fail_level {
        FailLevel::Error => Some(Severity::Error),
        FailLevel::Warning => Some(Severity::Warning),
        FailLevel::Note => Some(Severity::Note),
        FailLevel::None => None,
    };
    let fails = threshold.is_some_and(|t| {
        reports
            .iter()
            .flat_map(FileReport::shown)
            .any(|d| d.severity >= t)
    });
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
