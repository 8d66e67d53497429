//! A council's own templates, `protocols/<council>/templates/`, read from
//! disk: each file overrides the built-in template of the same name.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::Error;
use crate::diagnostic::did_you_mean;

/// Template overrides by council id: template name to template text.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub by_council: BTreeMap<String, BTreeMap<String, String>>,
}

/// Reads the templates of each council in `councils` (ids of folders under
/// `protocols`). `known` names the templates clerk has: any other file is
/// an error naming it, with the nearest name. Hidden files are skipped; a
/// template that leads outside its council's folder is refused.
pub fn load_overrides(
    protocols: &Path,
    councils: &[&str],
    known: &[&str],
) -> Result<Overrides, Error> {
    let mut overrides = Overrides::default();
    for id in councils {
        let council_dir = protocols.join(id);
        if let Some(templates) = load_council_templates(&council_dir, known)? {
            overrides.by_council.insert(id.to_string(), templates);
        }
    }
    Ok(overrides)
}

/// The templates in one council folder, or `None` when it has no
/// `templates/` folder.
pub fn load_council_templates(
    council_dir: &Path,
    known: &[&str],
) -> Result<Option<BTreeMap<String, String>>, Error> {
    let dir = council_dir.join("templates");
    if !dir.is_dir() {
        return Ok(None);
    }
    let mut templates = BTreeMap::new();
    let entries = fs::read_dir(&dir).map_err(|e| Error::io(&dir, "cannot list", &e))?;
    for entry in entries {
        let path = entry
            .map_err(|e| Error::io(&dir, "cannot list", &e))?
            .path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if !known.contains(&name.as_str()) {
            let hint = match did_you_mean(&name, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("templates are: {}", known.join(", ")),
            };
            return Err(Error::new(format!(
                "{}: not a clerk template; {hint}",
                path.display()
            )));
        }
        // The folder itself may be the link: compare with the council's.
        let within = |inner: &Path, outer: &Path| {
            let real = |p: &Path| {
                p.canonicalize()
                    .map_err(|e| Error::io(p, "cannot read", &e))
            };
            Ok::<bool, Error>(real(inner)?.starts_with(real(outer)?))
        };
        if !within(&path, council_dir)? {
            return Err(Error::new(format!(
                "{}: the template points outside {} (a symbolic link, or a linked templates folder?): copy the templates into the council's folder instead",
                path.display(),
                council_dir.display()
            )));
        }
        let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read", &e))?;
        templates.insert(name, text);
    }
    Ok(Some(templates))
}
