//! `clerk fmt`: writes protocol sources in the canonical form, or with
//! `--check` says which are not in it (exit 1), showing the difference.

use crate::Error;
use crate::cli::FmtArgs;
use crate::diagnostic::render_human;
use crate::site::write::{Destination, write_stdout};
use crate::source::format::format_document;
use crate::source::load::{classify, load};

pub fn run(args: &FmtArgs) -> Result<u8, Error> {
    let project = load(&classify(&args.path)?)?;
    if let Some(d) = project.diagnostics.iter().find(|d| d.is_error()) {
        let source = d.path.as_deref().and_then(|p| project.source_of(p));
        anstream::eprintln!("{}", render_human(d, source, false));
        eprintln!("nothing formatted: fix the errors `clerk check` reports first");
        return Ok(2);
    }
    let by_id = project.document_files();
    let mut files: Vec<_> = project
        .councils
        .iter()
        .flat_map(|c| {
            c.documents
                .iter()
                .map(move |d| (c.id.as_str(), d.id.as_str()))
        })
        .filter_map(|key| by_id.get(&key).copied())
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut unformatted = 0;
    for file in &files {
        let path = file.path.display();
        let formatted = format_document(&file.text)
            .map_err(|d| Error::new(format!("{path}: cannot be formatted: {}", d.message)))?;
        for rule in &formatted.declined {
            eprintln!(
                "{path}: not applied, as it would change what the document says here: {rule}"
            );
        }
        if formatted.text == file.text {
            continue;
        }
        unformatted += 1;
        let changes = formatted.changed.join("; ");
        if args.check {
            let diff = similar::TextDiff::from_lines(&file.text, &formatted.text);
            let shown = format!(
                "{}",
                diff.unified_diff()
                    .header(&path.to_string(), &path.to_string())
            );
            write_stdout(shown.as_bytes())?;
            eprintln!("{path}: not in canonical form ({changes})");
        } else {
            Destination::source(&file.path, project.root.as_deref())?
                .write(formatted.text.as_bytes())?;
            eprintln!("{path}: formatted ({changes})");
        }
    }
    let documents = files.len();
    match (args.check, unformatted) {
        (_, 0) => eprintln!("{documents} document(s) already in canonical form"),
        (true, n) => {
            eprintln!(
                "{n} of {documents} document(s) not in canonical form; run `clerk fmt` to format them"
            );
            return Ok(1);
        }
        (false, n) => eprintln!("formatted {n} of {documents} document(s)"),
    }
    Ok(0)
}
