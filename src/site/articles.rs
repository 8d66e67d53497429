//! The whole-constitution pages' articles, kept beside the published site
//! between builds: a rebuild after one document changed makes that
//! document's article again and takes every other from the last build,
//! rather than render a thousand articles for two pages.
//!
//! Each article is a file under `.clerk-articles/<council>/`, named by its
//! key: the content key of its document's own page (the document, its
//! versions, the reports that compare them, its council's interface, the
//! templates and clerk's version) and how every document stands on the
//! page's day. The files are published with the site, in the same
//! transaction, and listed in `.clerk-manifest` with their keys and
//! digests, so an article is reused only if it is still as clerk wrote it;
//! they are not part of the verification manifest, as they are not pages.
//! Only a council of [`KEPT_FROM_VERSIONS`] versions or more keeps them.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::Error;
use crate::model::Council;
use crate::render::Format;
use crate::render::html::ArticleStore;

use super::keys::CouncilKeys;
use super::plan::Page;
use super::publish::Publication;

/// The folder of the kept articles, at the top of the output.
pub const ARTICLES_DIR: &str = ".clerk-articles";

/// The fewest versions a council has for its articles to be kept. A
/// smaller council's articles are made again each time it changes: that
/// takes a millisecond or two, while keeping them costs a file, a link
/// and a manifest line each, which a site of thousands of parish councils
/// of ten documents would pay ten times over.
pub const KEPT_FROM_VERSIONS: usize = 32;

/// Whether `council`'s articles are kept between builds.
pub fn kept_for(council: &Council) -> bool {
    council.documents.len() >= KEPT_FROM_VERSIONS
}

/// The articles of one council: reused from the last build, or written
/// into the new one as they are made.
pub struct KeptArticles<'a> {
    council: &'a Council,
    keys: &'a CouncilKeys,
    publication: &'a Publication,
    /// Whether to make every article afresh (`--fresh`): articles are
    /// still kept for the next build.
    fresh: bool,
    /// The articles this build keeps, by path, with their keys.
    kept: Mutex<BTreeMap<PathBuf, String>>,
}

impl<'a> KeptArticles<'a> {
    pub fn new(
        council: &'a Council,
        keys: &'a CouncilKeys,
        publication: &'a Publication,
        fresh: bool,
    ) -> KeptArticles<'a> {
        KeptArticles {
            council,
            keys,
            publication,
            fresh,
            kept: Mutex::new(BTreeMap::new()),
        }
    }

    /// Every article this build keeps, by path, with its key: for the
    /// manifest. A build that made no whole-constitution page of the
    /// council (they were unchanged) keeps the articles the last build
    /// kept, as they still are.
    pub fn into_kept(self) -> Result<BTreeMap<PathBuf, String>, Error> {
        let mut kept = self.kept.into_inner().unwrap_or_else(|e| e.into_inner());
        if kept.is_empty() {
            let folder = Path::new(ARTICLES_DIR).join(&self.council.id);
            // Paths sort by their parts, so the council's follow its folder.
            let previous = self.publication.previous().files.range(folder.clone()..);
            for (path, key) in previous.take_while(|(path, _)| path.starts_with(&folder)) {
                if self.publication.intact(path) {
                    self.publication.reuse(path)?;
                    kept.insert(path.clone(), key.clone());
                }
            }
        }
        Ok(kept)
    }

    fn path(&self, key: &str) -> PathBuf {
        Path::new(ARTICLES_DIR)
            .join(&self.council.id)
            .join(format!("{key}.article"))
    }

    fn keep(&self, path: PathBuf, key: &str) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.insert(path, key.to_string());
    }
}

impl ArticleStore for KeptArticles<'_> {
    fn key(&self, id: &str, standings: u64) -> Option<String> {
        let document = self.council.document(id)?;
        let page = self
            .keys
            .key(&Page::Document(self.council, document, Format::Html));
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        ("article", page, standings).hash(&mut hasher);
        Some(format!("{:016x}", hasher.finish()))
    }

    fn load(&self, key: &str) -> Option<String> {
        if self.fresh {
            return None;
        }
        let path = self.path(key);
        let html = String::from_utf8(self.publication.read_reusable(&path, key)?).ok()?;
        self.publication.reuse(&path).ok()?;
        self.keep(path, key);
        Some(html)
    }

    fn save(&self, key: &str, html: &str) -> Result<(), Error> {
        // A key holds the standings, so each is made, and saved, once a build.
        let path = self.path(key);
        self.publication.write(&path, html.as_bytes())?;
        self.keep(path, key);
        Ok(())
    }
}
