//! The output formats, and which kinds of page each one makes. The page
//! plan, the site's dispatch and the command line all ask [`Format::makes`],
//! so "Word only for tracked changes and reports" is said once.

/// An output format: one folder of `render/` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// HTML pages of the site, or a page that stands alone.
    Html,
    /// Tagged PDF.
    Pdf,
    /// Word (.docx): tracked changes as Word revisions.
    Docx,
    /// Terminal text: `[-deleted-]` and `{+inserted+}`.
    Text,
    /// The change model as JSON, for other tools.
    Json,
    /// Markdown with CriticMarkup: `{++ ++}`, `{-- --}`, `{~~ ~> ~~}`.
    Markdown,
}

/// A kind of page, whatever its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The site's list of councils.
    SiteIndex,
    /// The stylesheet of the HTML site.
    Stylesheet,
    /// A council's contents page.
    Contents,
    /// One version of a document.
    Document,
    /// The tracked changes from one version to the next.
    Changes,
    /// The sections of the constitution in force.
    Constitution,
    /// A council's list of editions.
    Editions,
    /// The whole constitution as it stood on one day.
    Edition,
    /// The tracked changes of the whole constitution from one edition to the next.
    EditionChanges,
    /// The change-control log.
    ChangeLog,
    /// A committee report with its generated appendices.
    Report,
    /// A council's search page.
    Search,
    /// The search's script and the files of a council's search index.
    SearchIndex,
}

impl Format {
    /// Every format, in the order a build makes them.
    pub const ALL: [Format; 6] = [
        Format::Html,
        Format::Pdf,
        Format::Docx,
        Format::Text,
        Format::Json,
        Format::Markdown,
    ];

    /// The name on the command line, such as `html`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Text => "text",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }

    /// The format a command-line name stands for.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// What the format is, for `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Format::Html => "HTML: accessible pages; outside a build, one page that stands alone",
            Format::Pdf => {
                "Tagged PDF; tracked changes with deletions struck through, insertions underlined and change bars"
            }
            Format::Docx => {
                "Word: tracked changes as Word revisions, to accept or reject one by one or by class"
            }
            Format::Text => {
                "Terminal text, coloured when standard output is a terminal (NO_COLOR respected)"
            }
            Format::Json => "The change model as JSON, for other tools",
            Format::Markdown => "CriticMarkup: {++ ++}, {-- --}, {~~ ~> ~~}",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Text => "txt",
            Format::Json => "json",
            Format::Markdown => "md",
        }
    }

    /// Whether the format is bytes a terminal cannot show (it must go to a file).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx)
    }

    /// Whether the format makes `kind` of page.
    pub fn makes(self, kind: PageKind) -> bool {
        use PageKind::*;
        match self {
            Format::Html => true,
            Format::Pdf => !matches!(
                kind,
                SiteIndex
                    | Stylesheet
                    | Contents
                    | Editions
                    | EditionChanges
                    | Search
                    | SearchIndex
            ),
            Format::Docx => matches!(kind, Changes | Report),
            Format::Text | Format::Json | Format::Markdown => kind == Changes,
        }
    }

    /// Whether a build publishes the format in the site.
    pub fn published(self) -> bool {
        matches!(self, Format::Html | Format::Pdf | Format::Docx)
    }

    /// Every format that makes `kind` of page.
    pub fn making(kind: PageKind) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |f| f.makes(kind))
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_as_its_format() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        assert_eq!(Format::from_name("word"), None);
    }

    #[test]
    fn word_makes_only_tracked_changes_and_reports() {
        let word: Vec<PageKind> = [
            PageKind::SiteIndex,
            PageKind::Stylesheet,
            PageKind::Contents,
            PageKind::Document,
            PageKind::Changes,
            PageKind::Constitution,
            PageKind::Editions,
            PageKind::Edition,
            PageKind::ChangeLog,
            PageKind::Report,
        ]
        .into_iter()
        .filter(|k| Format::Docx.makes(*k))
        .collect();
        assert_eq!(word, [PageKind::Changes, PageKind::Report]);
    }
}
