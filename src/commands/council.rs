//! `clerk new council`: a council's folder and a commented `council.toml`.

use std::fs;

use crate::Error;
use crate::cli::NewCouncilArgs;
use crate::model::id_problem;
use crate::site::write::Destination;
use crate::source::scaffold::council_toml;

pub fn new_council(args: &NewCouncilArgs) -> Result<u8, Error> {
    if let Some(problem) = id_problem(&args.id) {
        return Err(Error::new(format!(
            "{problem}\nhelp: use letters, digits and hyphens, such as `bury` or `north-northamptonshire`"
        )));
    }
    let folder = args.protocols.join(&args.id);
    let config = folder.join("council.toml");
    if fs::symlink_metadata(&config).is_ok() {
        return Err(Error::new(format!(
            "{} already exists: the council is set up",
            config.display()
        )));
    }
    let destination = Destination::output(&config, false, &[])?;
    fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, "cannot create", &e))?;
    let short_name = args.short_name.as_deref().unwrap_or(&args.name);
    destination.write(council_toml(&args.name, short_name)?.as_bytes())?;
    eprintln!(
        "wrote {}\nnext: bring in a protocol from its Word file or PDF with `clerk import protocol.docx --council {} -o {}`, then `clerk check {}` (this council alone, not the others beside it) and `clerk build --council {}`",
        config.display(),
        args.id,
        folder.join("member-officer-relations.md").display(),
        folder.display(),
        args.id
    );
    Ok(0)
}
