//! The hidden `clerk corpus`: writes a benchmark corpus to disk. The
//! generator ([`generate`]) is here, beside the one command that uses it,
//! not on the library's floors.

mod generate;

use std::fs;

use crate::Error;
use crate::cli::CorpusArgs;
use crate::model::Document;
use crate::source::load::{Target, load};
use generate::{Pool, Sequence, document_source, revision_pair};

pub fn run(args: &CorpusArgs) -> Result<u8, Error> {
    if let Some(dir) = &args.floor {
        return floor(dir);
    }
    let project = load(&Target::Protocols(args.protocols.clone()))?;
    let documents: Vec<&Document> = project
        .councils
        .iter()
        .flat_map(|c| c.documents.iter())
        .collect();
    let pool = Pool::from_documents(&documents);
    if pool.clauses.is_empty() || pool.headings.is_empty() {
        return Err(Error::new(format!(
            "{}: no clauses to recombine",
            args.protocols.display()
        )));
    }
    let mut seq = Sequence::new(args.seed);
    let mut bytes = 0;
    for number in 1..=args.councils {
        // One council is `bench`, as every benchmark before many councils named it.
        let (id, name, short) = match args.councils {
            1 => (
                "bench".to_string(),
                "Benchmark Council".to_string(),
                "Benchmark".to_string(),
            ),
            _ => (
                format!("council-{number:05}"),
                format!("Benchmark Council {number}"),
                format!("Benchmark {number}"),
            ),
        };
        let names = (id.as_str(), name.as_str(), short.as_str());
        bytes += write_council(&args.out, names, args.documents, &pool, &mut seq)?;
    }
    for size in &args.pair_bytes {
        let dir = args.out.join("pairs").join(size.to_string());
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "cannot create", &e))?;
        let (old, new, script) = revision_pair(*size, &pool, &mut seq);
        write(&dir.join("old.md"), &old)?;
        write(&dir.join("new.md"), &new)?;
        eprintln!(
            "pair {}: {} and {} bytes; {} inserted, {} deleted, {} moved, {} edited clauses",
            dir.display(),
            old.len(),
            new.len(),
            script.inserted,
            script.deleted,
            script.moved,
            script.edited
        );
    }
    eprintln!(
        "wrote {} councils of {} documents ({:.1} MB) to {}",
        args.councils,
        args.documents,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(0)
}

/// Writes a council of `documents` generated documents into `out/<id>`,
/// named `(id, name, short name)`; the bytes of its documents.
fn write_council(
    out: &std::path::Path,
    (id, name, short): (&str, &str, &str),
    documents: usize,
    pool: &Pool,
    seq: &mut Sequence,
) -> Result<usize, Error> {
    let council = out.join(id);
    fs::create_dir_all(&council).map_err(|e| Error::io(&council, "cannot create", &e))?;
    let parts: Vec<String> = (1..=documents)
        .map(|i| format!("\"protocol-{i:04}\""))
        .collect();
    let config = format!(
        "name = \"{name}\"\nshort_name = \"{short}\"\n\n[[parts]]\ntitle = \"Protocols\"\ndocuments = [{}]\n",
        parts.join(", ")
    );
    write(&council.join("council.toml"), &config)?;
    let mut bytes = 0;
    for i in 1..=documents {
        let sections = 3 + seq.below(4);
        let source = document_source(id, i, sections, 4 + seq.below(5), pool, seq);
        bytes += source.len();
        write(&council.join(format!("protocol-{i:04}.md")), &source)?;
    }
    Ok(bytes)
}

fn write(path: &std::path::Path, text: &str) -> Result<(), Error> {
    fs::write(path, text).map_err(|e| Error::io(path, "cannot write", &e))
}

/// pulldown-cmark's own HTML writer over every .md file: the floor for an
/// HTML build (no structure, no templates, no checks). Prints the seconds
/// taken to make every page in memory, and then to make them again and
/// write each to a new folder beside `dir` (`<dir>.floor`), as a build
/// writes its pages to a new folder.
fn floor(dir: &std::path::Path) -> Result<u8, Error> {
    let mut sources = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        for entry in fs::read_dir(&path).map_err(|e| Error::io(&path, "cannot list", &e))? {
            let path = entry.map_err(|e| Error::io(dir, "cannot list", &e))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                sources.push(path);
            }
        }
    }
    let render = |path: &std::path::Path, html: &mut String| -> Result<usize, Error> {
        let text = fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read", &e))?;
        html.clear();
        pulldown_cmark::html::push_html(html, crate::source::markdown::new_parser(&text));
        Ok(text.len())
    };
    let mut html = String::new();
    let started = std::time::Instant::now();
    let mut bytes = 0usize;
    for path in &sources {
        bytes += render(path, &mut html)?;
    }
    let in_memory = started.elapsed().as_secs_f64();
    let out = dir.with_extension("floor");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| Error::io(&out, "cannot remove", &e))?;
    }
    let started = std::time::Instant::now();
    fs::create_dir_all(&out).map_err(|e| Error::io(&out, "cannot create", &e))?;
    for path in &sources {
        render(path, &mut html)?;
        let page = out
            .join(path.file_name().unwrap_or_default())
            .with_extension("html");
        fs::write(&page, &html).map_err(|e| Error::io(&page, "cannot write", &e))?;
    }
    let written = started.elapsed().as_secs_f64();
    // Read by benches/run.
    #[allow(clippy::print_stdout)]
    {
        println!("{in_memory:.4} {written:.4}");
    }
    eprintln!(
        "pulldown-cmark push_html: {:.1} MB in {in_memory:.3} s in memory, {written:.3} s written to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(0)
}
