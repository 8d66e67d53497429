//! Command-line arguments. The doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};

use crate::render::{Format, PageKind};
use crate::site::plan::Formats;

/// Keep a council constitution as structured text: check it, publish it, and
/// show exactly what a revision changes.
#[derive(Debug, Parser)]
#[command(name = "clerk", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check protocol sources and print diagnostics (exit 0 clean, 1 errors, 2 could not run).
    Check(CheckArgs),
    /// Turn text extracted from a council's PDF or Word file into protocol Markdown.
    Import(ImportArgs),
    /// Build every council in protocols/ into the output directory.
    Build(BuildArgs),
    /// Show the tracked changes from one version of a document to another
    /// (exit 0 identical, 1 different, 2 could not run).
    Diff(DiffArgs),
    /// Render a committee report with its appendices, as HTML, PDF or Word.
    Report(ReportArgs),
    /// Start a new source file from a skeleton.
    #[command(subcommand)]
    New(NewCommand),
    /// Replace the terms a council has retired (council.toml's
    /// [retired_terms]) with the current ones: prints the tracked changes
    /// it would make, and makes them with --write (exit 1 when a dry run
    /// finds some).
    ApplyTerms(ApplyTermsArgs),
    /// Write protocol sources in the canonical form, never changing what
    /// they say (--check: exit 1 and show the difference instead).
    Fmt(FmtArgs),
    /// Preview the HTML site while you edit: rebuilt when a source or
    /// template is saved, the page reloading itself and showing what
    /// `clerk check` finds (loopback only unless --bind says otherwise).
    Serve(ServeArgs),
    /// Renumber a document's sections and clauses in order and rewrite the
    /// cross-references to them, in it and in its council's other
    /// documents (--dry-run shows the tracked changes instead).
    Renumber(RenumberArgs),
    /// Check a published site, one published PDF or Word file, or a folder
    /// of sources against a site's manifest.json, offline, and say exactly
    /// what differs (exit 0 all match, 1 something differs, 2 could not run).
    Verify(VerifyArgs),
    /// The schedule of a document's variations from the model it was
    /// adopted from (`model = "..."`): each provision as the model, varied,
    /// a blank filled, an option chosen or not taken, omitted, or added.
    Variations(VariationsArgs),
    /// Generate a benchmark corpus from the clauses of real protocols.
    #[command(hide = true)]
    Corpus(CorpusArgs),
}

/// Arguments of `clerk verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// A published site (the folder holding manifest.json), one file from
    /// it, or a protocols or council folder of sources.
    pub path: PathBuf,
    /// The manifest to check against: a copy you trust, such as the one
    /// kept with the minutes. By default, the site's own manifest.json
    /// (required for a folder of sources).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
}

/// Arguments of `clerk variations`.
#[derive(Debug, clap::Args)]
pub struct VariationsArgs {
    /// The council's document, in its council's folder; the model is read
    /// from the folders beside it.
    pub document: PathBuf,
    /// `text` (a line for each provision) or `json` (each provision and
    /// the tracked changes from the model).
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

/// Arguments of `clerk renumber`.
#[derive(Debug, clap::Args)]
pub struct RenumberArgs {
    /// The document to renumber.
    pub file: PathBuf,
    /// Print the tracked changes it would make, and write nothing (exit 1 when there are some).
    #[arg(long)]
    pub dry_run: bool,
    /// Renumber an adopted version too (a record, left alone otherwise),
    /// and cited numbers in adopted versions; each correction is logged.
    #[arg(long)]
    pub correct: bool,
}

/// Arguments of `clerk serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The protocols directory to preview.
    #[arg(long, default_value = "protocols")]
    pub protocols: PathBuf,
    /// The port to listen on (0: any free port, printed on start).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// The address to listen on: loopback, this machine only, unless you
    /// name another.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
}

/// Arguments of `clerk fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// A protocols directory, a council directory, or one document.
    #[arg(default_value = "protocols")]
    pub path: PathBuf,
    /// Write nothing; exit 1 and show the difference if a document is not
    /// in canonical form.
    #[arg(long)]
    pub check: bool,
}

/// Arguments of `clerk apply-terms`.
#[derive(Debug, clap::Args)]
pub struct ApplyTermsArgs {
    /// A protocols directory, a council directory, or one document (which
    /// is changed even if it is a faithful copy).
    #[arg(default_value = "protocols")]
    pub path: PathBuf,
    /// Rewrite the sources (each atomically) instead of showing the changes.
    #[arg(long)]
    pub write: bool,
    /// Correct adopted versions too (each a record, left alone otherwise);
    /// the correction is logged in the version's front matter and the
    /// change-control log.
    #[arg(long)]
    pub correct: bool,
}

/// Arguments of the hidden `clerk corpus`.
#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// Where the real protocols are.
    #[arg(long, default_value = "protocols")]
    pub protocols: PathBuf,
    /// The directory to write (a protocols directory with one council).
    #[arg(long, default_value = "corpus")]
    pub out: PathBuf,
    /// How many documents to generate (in each council, with --councils).
    #[arg(long, default_value_t = 100)]
    pub documents: usize,
    /// How many councils: one (`bench`, the default), or this many
    /// (`council-00001` and on), each with --documents documents.
    #[arg(long, default_value_t = 1)]
    pub councils: usize,
    /// Also write revision pairs of about this many bytes (old.md, new.md) into OUT/pairs/.
    #[arg(long)]
    pub pair_bytes: Vec<usize>,
    /// The seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 2023)]
    pub seed: u64,
    /// Instead of generating, time raw pulldown-cmark HTML over every .md
    /// file in this directory, in memory and written to a new folder beside
    /// it: the floor an HTML build cannot beat.
    #[arg(long)]
    pub floor: Option<PathBuf>,
}

/// What `clerk new` can start.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A Standards Committee update report for a revision, with its appendices set up.
    Report(NewReportArgs),
    /// A council: its folder under protocols/ and a commented council.toml.
    Council(NewCouncilArgs),
    /// The next version of a document, as a draft that supersedes it.
    #[command(disable_version_flag = true)]
    Revision(NewRevisionArgs),
}

/// Arguments of `clerk new revision`.
#[derive(Debug, clap::Args)]
pub struct NewRevisionArgs {
    /// The version to revise, such as protocols/bury/member-officer-relations-2023.md.
    pub file: PathBuf,
    /// The new version's id, its file name without .md (default: the old id
    /// with its year made this year's, or with the new version added).
    #[arg(long)]
    pub id: Option<String>,
    /// The new version's label (default: the old one counted on, "3" to "4").
    #[arg(long)]
    pub version: Option<String>,
    /// Bring a document adopted from a model up to the model's new release
    /// (as `model = ...` names it, such as `models/model-code-2025`, or its
    /// file): the model's changes are made to the council's text, and where
    /// the council varied what the model changed, both are kept and the
    /// conflict reported (exit 1).
    #[arg(long, value_name = "MODEL")]
    pub to_model: Option<String>,
}

/// Arguments of `clerk new council`.
#[derive(Debug, clap::Args)]
pub struct NewCouncilArgs {
    /// The council's id: its folder name and the start of its web addresses, such as `bury`.
    pub id: String,
    /// The council's name, as its pages and PDFs head it, such as "Bury Council".
    #[arg(long)]
    pub name: String,
    /// A short name for running headers (default: the name).
    #[arg(long)]
    pub short_name: Option<String>,
    /// The protocols directory to put it in.
    #[arg(long, default_value = "protocols")]
    pub protocols: PathBuf,
}

/// Arguments of `clerk new report`.
#[derive(Debug, clap::Args)]
pub struct NewReportArgs {
    /// The council directory, such as protocols/bury.
    #[arg(long)]
    pub council: PathBuf,
    /// The id of the existing version (its file name without .md; default:
    /// the version the revised one supersedes).
    #[arg(long)]
    pub existing: Option<String>,
    /// The id of the revised version.
    #[arg(long, required_unless_present = "delegated")]
    pub revised: Option<String>,
    /// Instead, the report of the amendments made under delegated powers
    /// and not yet reported to the body `--to` names.
    #[arg(long, requires = "to", conflicts_with_all = ["revised", "existing"])]
    pub delegated: bool,
    /// The body a delegated amendments report goes to, such as "Council".
    #[arg(long)]
    pub to: Option<String>,
    /// The report's item number on the agenda, for its cover.
    #[arg(long)]
    pub item_number: Option<String>,
    /// The report's author, such as "Jane Smith, Monitoring Officer".
    #[arg(long)]
    pub author: Option<String>,
    /// The meeting date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub meeting_date: Option<String>,
    /// Where to write the report (default: <council>/reports/<date>-<revised>-update.md).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite the file if it exists (never one of the council's sources).
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `clerk report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The report source, in protocols/<council>/reports/.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_parser = formats_making(PageKind::Report), default_value = "html")]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists (never one of the report's sources).
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `clerk check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check: a protocols directory, a council
    /// directory, or a document.
    #[arg(default_value = "protocols")]
    pub paths: Vec<PathBuf>,
    /// Output format for diagnostics.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    /// Also print findings that documents acknowledge with `[check] allow`.
    #[arg(long)]
    pub show_acknowledged: bool,
    /// List every lint code with its severity and meaning, then exit.
    #[arg(long)]
    pub list: bool,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// rustc-style messages with the source line and a caret.
    Human,
    /// One JSON array of diagnostics, for tools.
    Json,
}

/// Arguments of `clerk import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file to import: a Word file (.docx), a PDF (read with poppler's
    /// `pdftotext -layout`), or text extracted from either.
    pub file: PathBuf,
    /// Where to write the Markdown (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The council id to put in the front matter.
    #[arg(long, default_value = "council")]
    pub council: String,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Import a Word file that holds tracked changes as if every change
    /// were accepted (otherwise it is refused).
    #[arg(long)]
    pub accept_changes: bool,
    /// Set a title written in capitals in title case ("MEMBER/OFFICER
    /// PROTOCOL" as "Member/Officer Protocol"); otherwise it is kept as
    /// written.
    #[arg(long)]
    pub title_case: bool,
}

/// Arguments of `clerk build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The protocols directory to build.
    #[arg(long, default_value = "protocols")]
    pub protocols: PathBuf,
    /// The output directory.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// What to build: everything, or only the HTML site, the PDFs or the
    /// Word files (the output then holds only what was built).
    #[arg(long, value_parser = published_formats(), default_value = "all")]
    pub format: Formats,
    /// Build only this council (its directory name under protocols/).
    #[arg(long)]
    pub council: Option<String>,
    /// Render everything, reusing nothing from the previous build.
    #[arg(long)]
    pub fresh: bool,
    /// Build into a non-empty output directory that clerk did not make;
    /// clerk keeps every file in it that it did not write, and refuses to
    /// replace any of them.
    #[arg(long)]
    pub force: bool,
    /// Build the constitution as it stood on this day (YYYY-MM-DD): the
    /// versions adopted and in force then. Default: today, or the day
    /// SOURCE_DATE_EPOCH names.
    #[arg(long, value_name = "DATE")]
    pub as_at: Option<String>,
}

/// Arguments of `clerk diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The existing version (a protocol Markdown file); with --as-at, a
    /// council's folder.
    pub old: PathBuf,
    /// The revised version.
    #[arg(required_unless_present = "as_at")]
    pub new: Option<PathBuf>,
    /// Given twice, instead of two versions: the tracked changes of the
    /// whole constitution of the council folder OLD from the first day to
    /// the second (YYYY-MM-DD), every revision in force between them once.
    #[arg(long = "as-at", value_parser = parse_date, conflicts_with = "new")]
    pub as_at: Vec<crate::model::Date>,
    /// Output format.
    #[arg(long, value_parser = formats_making(PageKind::Changes), default_value = "text")]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists (never OLD or NEW).
    #[arg(long)]
    pub force: bool,
    /// Classes of change to apply silently and only count:
    /// any of case, whitespace, punctuation (comma-separated).
    #[arg(long, value_delimiter = ',', value_enum)]
    pub ignore: Vec<IgnoreClass>,
    /// Fold equal runs of up to this many words between two changes into one change.
    #[arg(long, default_value_t = 1)]
    pub coalesce: usize,
    /// The most time, in milliseconds, the word diff of one clause may take.
    #[arg(long, default_value_t = 500)]
    pub time_limit_ms: u64,
    /// The date of the Word revisions (YYYY-MM-DD), where the revised
    /// version's front matter gives none (effective, adopted, approved).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<crate::model::Date>,
    /// Instead of the tracked changes, the tables of destinations and
    /// origins, as a rewrite is checked: where each existing unit went,
    /// where each revised unit came from (in every format).
    #[arg(long)]
    pub tables: bool,
}

/// Change classes `--ignore` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IgnoreClass {
    Case,
    Whitespace,
    Punctuation,
}

/// The formats that make `kind` of page, as `--format` values with
/// their help.
fn formats_making(kind: PageKind) -> impl TypedValueParser<Value = Format> {
    let names = Format::making(kind).map(|f| PossibleValue::new(f.name()).help(f.description()));
    PossibleValuesParser::new(names).map(|name| Format::from_name(&name).unwrap_or(Format::Html))
}

/// `all`, or one of the formats a build publishes.
fn published_formats() -> impl TypedValueParser<Value = Formats> {
    let all = PossibleValue::new("all").help("Every format a build publishes");
    let names = Format::ALL
        .into_iter()
        .filter(|f| f.published())
        .map(|f| PossibleValue::new(f.name()).help(f.description()));
    PossibleValuesParser::new(std::iter::once(all).chain(names))
        .map(|name| Format::from_name(&name).map_or(Formats::PUBLISHED, Formats::only))
}

/// A date given on the command line, as YYYY-MM-DD.
fn parse_date(text: &str) -> Result<crate::model::Date, String> {
    crate::model::Date::from_iso(text)
        .ok_or_else(|| format!("`{text}` is not a date: give it as YYYY-MM-DD, such as 2023-03-14"))
}
