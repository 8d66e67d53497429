//! The default templates, embedded in the binary, and per-council overrides.
//!
//! Lookup order for each template name: the council's own
//! `protocols/<council>/templates/<name>` if it exists, else the default
//! built into clerk. Overrides are read by the command, not here.

use tera::Tera;

use crate::Error;

/// Every template clerk renders with, and its default text.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../templates/base.html")),
    (
        "components.html",
        include_str!("../../../templates/components.html"),
    ),
    (
        "site-index.html",
        include_str!("../../../templates/site-index.html"),
    ),
    (
        "council-index.html",
        include_str!("../../../templates/council-index.html"),
    ),
    (
        "document.html",
        include_str!("../../../templates/document.html"),
    ),
    (
        "constitution.html",
        include_str!("../../../templates/constitution.html"),
    ),
    (
        "constitution-document.html",
        include_str!("../../../templates/constitution-document.html"),
    ),
    (
        "changes.html",
        include_str!("../../../templates/changes.html"),
    ),
    (
        "report.html",
        include_str!("../../../templates/report.html"),
    ),
    (
        "tables.html",
        include_str!("../../../templates/tables.html"),
    ),
    (
        "change-log.html",
        include_str!("../../../templates/change-log.html"),
    ),
    (
        "search.html",
        include_str!("../../../templates/search.html"),
    ),
];

/// The shared stylesheet, written to `output/style.css`.
pub const STYLESHEET: &str = include_str!("../../../templates/style.css");

pub use crate::source::templates::Overrides;

/// The names of the templates clerk has, which a council may override.
pub fn names() -> Vec<&'static str> {
    DEFAULTS.iter().map(|(name, _)| *name).collect()
}

/// A template engine with the defaults and a council's overrides loaded.
pub fn engine(council: Option<&str>, overrides: &Overrides) -> Result<Tera, Error> {
    let own = council.and_then(|c| overrides.by_council.get(c));
    let mut tera = Tera::default();
    let templates = DEFAULTS.iter().map(|(name, default)| {
        let text = own
            .and_then(|o| o.get(*name))
            .map_or(*default, String::as_str);
        (*name, text)
    });
    tera.add_raw_templates(templates).map_err(|e| {
        let whose = match council {
            Some(c) => format!("the templates of council `{c}`"),
            None => "the built-in templates".to_string(),
        };
        Error::new(format!(
            "{whose} do not compile: {}\nhelp: fix the template named in the message in protocols/<council>/templates/, or delete it to use the default",
            error_chain(&e)
        ))
    })?;
    Ok(tera)
}

/// A tera error with its causes, which hold the line and column.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}
