//! The `herald` command line: parses arguments and calls the library.

use clap::{Parser, Subcommand, ValueEnum};
use herald::diagnostics::{Severity, Summary};
use herald::Options;
use std::path::PathBuf;
use std::process::ExitCode;

// A build allocates and frees millions of small strings and template values on every thread;
// glibc's allocator spent a tenth of a large build on them, mimalloc about a third of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "herald", version, about = "Build multilingual, accessible public-information campaigns", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, Default, PartialEq, Eq)]
enum Format {
    #[default]
    Human,
    Json,
    /// SARIF 2.1.0, for code hosts that annotate pull requests.
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Only {
    /// The HTML pages, sitemap and static files: no print packs, bundles, search or dashboard.
    Site,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// The campaign folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder (default: ROOT/output). The site goes to OUT/site.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Treat overdue reviews as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check the campaign, then render the site into output/.
    #[command(
        after_help = "Examples:\n  herald build\n  herald build --root my-campaign --out /tmp/site\n  herald build --allow-incomplete"
    )]
    Build {
        #[command(flatten)]
        common: Common,
        /// Publish locales still in progress: untranslated pages show the source text with a notice.
        #[arg(long)]
        allow_incomplete: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Build only part of the output: `site` is the HTML site alone.
        #[arg(long, value_enum)]
        only: Option<Only>,
    },
    /// Build, like `build`, and list the hostable bundles it wrote into output/bundles/.
    #[command(
        after_help = "Each bundle is a zip with a folder that works under any sub-path of any host and opened from disk:
  output/bundles/<campaign>-<locale>.zip   one locale
  output/bundles/<campaign>-all.zip        every locale
Inside: HOSTING.html (how to host it) and MANIFEST.sha256 (check with `sha256sum -c MANIFEST.sha256`).

Examples:
  herald bundle
  herald bundle --out /tmp/campaign"
    )]
    Bundle {
        #[command(flatten)]
        common: Common,
        /// Publish locales still in progress: untranslated pages show the source text with a notice.
        #[arg(long)]
        allow_incomplete: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Run every check without writing anything; exit 1 on any error.
    #[command(
        after_help = "Examples:\n  herald check\n  herald check --format json > diagnostics.json"
    )]
    Check {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Create a new campaign that builds and passes `check` at once.
    #[command(
        after_help = "Examples:\n  herald init my-campaign\n  herald init my-campaign --locales en,fr,ar"
    )]
    Init {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
        /// The campaign's locales, the source locale first.
        #[arg(long, value_delimiter = ',', default_value = "en")]
        locales: Vec<String>,
    },
    /// Create something new in the campaign.
    #[command(subcommand)]
    New(NewCommand),
    /// Build, serve on 127.0.0.1 and rebuild on every edit, reloading open pages.
    #[command(after_help = "Examples:\n  herald serve\n  herald serve --port 8000 --open")]
    Serve {
        #[command(flatten)]
        common: Common,
        /// The port to listen on (default: the first free one from 1111).
        #[arg(long)]
        port: Option<u16>,
        /// The address to listen on. Only loopback unless you say otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Publish locales still in progress while previewing.
        #[arg(long)]
        allow_incomplete: bool,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  herald completions bash > /etc/bash_completion.d/herald\n  herald completions zsh > ~/.zfunc/_herald"
    )]
    Completions { shell: clap_complete::Shell },
    /// Translation status per locale: what is missing, out of date or still a copy.
    #[command(
        after_help = "Examples:\n  herald status                 all locales, as a table\n  herald status ar              what the Arabic translator must do, file by file\n  herald status --format json\n  herald status --accept content/ar/work/rights.md locales/ar/main.ftl\n  herald status ar --scaffold   create the missing Arabic files from the source"
    )]
    Status {
        /// Only this locale, with its to-do list.
        locale: Option<String>,
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Record that these translated files are up to date with their source.
        #[arg(long, num_args = 1.., value_name = "FILE")]
        accept: Vec<String>,
        /// Create the locale's missing pages and messages, copied from the source and marked untranslated.
        #[arg(long, requires = "locale")]
        scaffold: bool,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A page in the source locale, with its front matter filled in.
    #[command(
        after_help = "Examples:\n  herald new page work/overtime\n  herald new page health/vaccines.md --root my-campaign"
    )]
    Page {
        /// The page's path inside the source locale folder.
        path: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn status_command(
    common: &Common,
    locale: Option<&str>,
    format: Format,
    accept: &[String],
    scaffold: bool,
) -> ExitCode {
    let opts = options(common);
    if !accept.is_empty() {
        return match herald::accept(&opts, accept) {
            Ok(Ok(files)) => {
                for f in files {
                    eprintln!("accepted {f}");
                }
                ExitCode::SUCCESS
            }
            Ok(Err(diags)) => {
                for d in &diags {
                    eprintln!(
                        "{}",
                        herald::diagnostics::human(d, &opts.root, herald::diagnostics::use_color())
                    );
                }
                ExitCode::from(1)
            }
            Err(f) => fatal(f),
        };
    }
    if scaffold {
        return match herald::scaffold(&opts, locale.unwrap_or_default()) {
            Ok(files) => {
                for f in &files {
                    eprintln!("created {f}");
                }
                eprintln!("{} files created or extended. Translate them, remove the `untranslated` marks, then run `herald status --accept FILE…`.", files.len());
                ExitCode::SUCCESS
            }
            Err(f) => fatal(f),
        };
    }
    match herald::translation_status(&opts) {
        Ok((statuses, coverage)) => {
            if let Some(l) = locale {
                if !statuses.iter().any(|s| s.locale == l) {
                    return fatal(herald::Fatal(format!(
                        "`{l}` is not one of the campaign's locales"
                    )));
                }
            }
            match format {
                Format::Json | Format::Sarif => {
                    let shown: Vec<_> = statuses
                        .iter()
                        .filter(|s| locale.is_none_or(|l| s.locale == l))
                        .collect();
                    out(&format!(
                        "{}\n",
                        serde_json::json!({ "locales": shown, "coverage": coverage })
                    ));
                }
                Format::Human => {
                    out(&herald::status::human(&statuses, locale));
                    out(&herald::coverage::human(&coverage, locale));
                }
            }
            ExitCode::SUCCESS
        }
        Err(f) => fatal(f),
    }
}

/// Writes to standard output, ignoring a closed pipe (`herald status | head`).
fn out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().write_all(text.as_bytes());
}

fn fatal(f: herald::Fatal) -> ExitCode {
    eprintln!("error: {f}");
    ExitCode::from(2)
}

/// A progress bar on stderr; indicatif hides it when stderr is not a terminal.
struct Bar(indicatif::ProgressBar);

impl herald::Progress for Bar {
    fn begin(&self, stage: &str, total: usize) {
        self.0.reset();
        self.0.set_length(total as u64);
        self.0.set_message(stage.to_string());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} {msg:>8} [{bar:30}] {pos}/{len} {elapsed}",
        ) {
            self.0.set_style(style.progress_chars("=> "));
        }
    }
    fn advance(&self, n: usize) {
        self.0.inc(n as u64);
    }
    fn end(&self) {
        self.0.finish_and_clear();
    }
}

fn options(c: &Common) -> Options {
    Options {
        progress: Some(std::sync::Arc::new(Bar(indicatif::ProgressBar::new(0)))),
        root: c.root.clone(),
        out: c.out.clone(),
        strict: c.strict,
        ..Options::default()
    }
}

fn print_report(report: &herald::Report, opts: &Options, format: Format) {
    match format {
        Format::Json => out(&format!(
            "{}\n",
            herald::diagnostics::to_json(&report.diagnostics)
        )),
        Format::Sarif => out(&format!(
            "{}\n",
            herald::diagnostics::to_sarif(&report.diagnostics)
        )),
        Format::Human => {
            let color = herald::diagnostics::use_color();
            for d in &report.diagnostics {
                eprintln!("{}", herald::diagnostics::human(d, &opts.root, color));
            }
            let s = Summary::of(&report.diagnostics);
            if let Some(stats) = &report.site {
                let pages: Vec<String> = stats
                    .pages
                    .iter()
                    .map(|(l, n)| format!("{l} {n}"))
                    .collect();
                if report.built {
                    eprintln!(
                        "Built {} pages ({}) into {}",
                        stats.pages.iter().map(|p| p.1).sum::<usize>(),
                        pages.join(", "),
                        opts.out_dir().join("site").display()
                    );
                    if let Some(p) = report.print.as_ref().filter(|p| p.documents > 0) {
                        eprintln!(
                            "Printed {} PDFs, {} pages ({}) into {} in {:.2} s",
                            p.documents,
                            p.pages,
                            p.per_locale
                                .iter()
                                .map(|(l, n)| format!("{l} {n}"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            opts.out_dir().join("print").display(),
                            p.elapsed.as_secs_f64()
                        );
                    }
                    if let Some(b) = report.bundles.as_ref().filter(|b| !b.bundles.is_empty()) {
                        eprintln!(
                            "Bundled {} zips ({}) into {}",
                            b.bundles.len(),
                            b.bundles
                                .iter()
                                .map(|z| format!(
                                    "{} {} files {} KB",
                                    z.name,
                                    z.files,
                                    z.bytes.div_ceil(1024)
                                ))
                                .collect::<Vec<_>>()
                                .join(", "),
                            opts.out_dir().join("bundles").display()
                        );
                    }
                }
                if !stats.fallbacks.is_empty() {
                    eprintln!(
                        "{} pages are shown in the source language until they are translated:",
                        stats.fallbacks.len()
                    );
                    for (l, p) in &stats.fallbacks {
                        eprintln!("  {l}: {p}");
                    }
                }
            }
            eprintln!(
                "{} error{}, {} warning{}, {} info in {:.2} s",
                s.errors,
                if s.errors == 1 { "" } else { "s" },
                s.warnings,
                if s.warnings == 1 { "" } else { "s" },
                s.infos,
                report.elapsed.as_secs_f64()
            );
            if !report.built && report.has_errors() && report.site.is_none() {
                eprintln!("Nothing was written: fix the errors above first.");
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, opts, format) = match &cli.command {
        Command::Status {
            locale,
            common,
            format,
            accept,
            scaffold,
        } => {
            return status_command(common, locale.as_deref(), *format, accept, *scaffold);
        }
        Command::Init { dir, locales } => {
            return match herald::init::init(dir, locales, herald::today()) {
                Ok(files) => {
                    eprintln!(
                        "Created a campaign in {} ({} files).",
                        dir.display(),
                        files.len()
                    );
                    eprintln!("Next:\n  cd {}\n  herald serve      # preview it at http://127.0.0.1:1111\n  herald build      # build it into output/", dir.display());
                    ExitCode::SUCCESS
                }
                Err(f) => fatal(f),
            };
        }
        Command::New(NewCommand::Page { path, root }) => {
            return match herald::init::new_page(root, path, herald::today()) {
                Ok(rel) => {
                    eprintln!("Created {rel}. Fill in its front matter and text, then run `herald check`.");
                    ExitCode::SUCCESS
                }
                Err(f) => fatal(f),
            };
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                *shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "herald",
                &mut std::io::stdout(),
            );
            return ExitCode::SUCCESS;
        }
        Command::Serve {
            common,
            port,
            bind,
            open,
            allow_incomplete,
        } => {
            let mut o = options(common);
            o.allow_incomplete = *allow_incomplete;
            o.preview = true;
            return match herald::serve::serve(&o, *bind, *port, *open) {
                Ok(()) => ExitCode::SUCCESS,
                Err(f) => fatal(f),
            };
        }
        Command::Build {
            common,
            allow_incomplete,
            format,
            only,
        } => {
            let mut o = options(common);
            o.allow_incomplete = *allow_incomplete;
            o.only_site = *only == Some(Only::Site);
            (herald::build(&o), o, *format)
        }
        Command::Bundle {
            common,
            allow_incomplete,
            format,
        } => {
            let mut o = options(common);
            o.allow_incomplete = *allow_incomplete;
            (herald::build(&o), o, *format)
        }
        Command::Check { common, format } => {
            let o = options(common);
            (herald::check_campaign(&o), o, *format)
        }
    };
    match result {
        Ok(report) => {
            print_report(&report, &opts, format);
            if report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
            {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(f) => fatal(f),
    }
}
