//! The hidden `clerk corpus`: writes a benchmark corpus to disk.

use std::fs;

use crate::Error;
use crate::cli::CorpusArgs;
use crate::corpus::{Pool, Sequence, document_source, revision_pair};
use crate::model::Document;
use crate::source::load::{Target, load};

pub fn run(args: &CorpusArgs) -> Result<u8, Error> {
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
    let council = args.out.join("bench");
    fs::create_dir_all(&council).map_err(|e| Error::io(&council, "cannot create", &e))?;
    let parts: Vec<String> = (1..=args.documents)
        .map(|i| format!("\"protocol-{i:04}\""))
        .collect();
    let config = format!(
        "name = \"Benchmark Council\"\nshort_name = \"Benchmark\"\n\n[[parts]]\ntitle = \"Protocols\"\ndocuments = [{}]\n",
        parts.join(", ")
    );
    write(&council.join("council.toml"), &config)?;
    let mut bytes = 0;
    for i in 1..=args.documents {
        let sections = 3 + seq.below(4);
        let source = document_source("bench", i, sections, 4 + seq.below(5), &pool, &mut seq);
        bytes += source.len();
        write(&council.join(format!("protocol-{i:04}.md")), &source)?;
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
        "wrote {} documents ({:.1} MB) to {}",
        args.documents,
        bytes as f64 / 1e6,
        council.display()
    );
    Ok(0)
}

fn write(path: &std::path::Path, text: &str) -> Result<(), Error> {
    fs::write(path, text).map_err(|e| Error::io(path, "cannot write", &e))
}
