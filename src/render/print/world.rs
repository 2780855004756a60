//! A small Typst [`World`]: the theme's print folder at `/`, the document's data at
//! `/data.json`, the campaign's shared files at `/assets/…`, the theme's fonts, and nothing
//! else (no packages, no system fonts, no other files).

use super::fonts::FontSet;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The template every document starts from, inside the theme's print folder.
pub const MAIN: &str = "main.typ";
pub const DATA: &str = "/data.json";

/// A file id in the project root. Ids are interned for the life of the process, so
/// documents reuse the same few paths.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

/// What every document of a build shares: the library, fonts, parsed sources and files read.
pub struct Shared {
    library: LazyHash<Library>,
    pub fonts: Arc<FontSet>,
    print_dir: PathBuf,
    assets_dir: PathBuf,
    assets: BTreeSet<String>,
    main: FileId,
    data: FileId,
    today: Option<Datetime>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl Shared {
    pub fn new(
        fonts: Arc<FontSet>,
        print_dir: &Path,
        assets_dir: &Path,
        assets: BTreeSet<String>,
        today: jiff::civil::Date,
    ) -> Shared {
        Shared {
            library: LazyHash::new(Library::builder().build()),
            fonts,
            print_dir: print_dir.to_path_buf(),
            assets_dir: assets_dir.to_path_buf(),
            assets,
            main: file_id(&format!("/{MAIN}")).expect("a valid path"),
            data: file_id(DATA).expect("a valid path"),
            today: Datetime::from_ymd(today.year() as i32, today.month() as u8, today.day() as u8),
            sources: Mutex::new(HashMap::new()),
            files: Mutex::new(HashMap::new()),
        }
    }

    /// The file on disk behind a path of the world, if it is one we serve.
    fn disk_path(&self, id: FileId) -> FileResult<PathBuf> {
        let rooted = id.get();
        if !matches!(rooted.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "print templates cannot use Typst packages".into(),
            )));
        }
        let path = rooted.vpath().get_without_slash().to_string();
        if let Some(asset) = path.strip_prefix("assets/") {
            return if self.assets.contains(asset) {
                Ok(self.assets_dir.join(asset))
            } else {
                Err(FileError::NotFound(PathBuf::from(format!(
                    "content/assets/{asset}"
                ))))
            };
        }
        let p = self.print_dir.join(&path);
        if p.is_file() {
            Ok(p)
        } else {
            Err(FileError::NotFound(p))
        }
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(hit) = self.files.lock().expect("file cache").get(&id) {
            return hit.clone();
        }
        let result = self.disk_path(id).and_then(|p| {
            std::fs::read(&p)
                .map(Bytes::new)
                .map_err(|e| FileError::from_io(e, &p))
        });
        self.files
            .lock()
            .expect("file cache")
            .insert(id, result.clone());
        result
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(hit) = self.sources.lock().expect("source cache").get(&id) {
            return hit.clone();
        }
        let result = self.read(id).and_then(|b| {
            let text = std::str::from_utf8(b.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.to_string()))
        });
        self.sources
            .lock()
            .expect("source cache")
            .insert(id, result.clone());
        result
    }

    /// The world of one document, whose data is `data`.
    pub fn world(&self, data: Vec<u8>) -> DocWorld<'_> {
        DocWorld {
            shared: self,
            data: Bytes::new(data),
        }
    }

    /// The file a diagnostic's span points into, relative to the print folder.
    pub fn name_of(&self, id: FileId) -> String {
        id.get().vpath().get_without_slash().to_string()
    }
}

pub struct DocWorld<'a> {
    shared: &'a Shared,
    data: Bytes,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.fonts.book
    }

    fn main(&self) -> FileId {
        self.shared.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.data {
            return Err(FileError::NotSource);
        }
        self.shared.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.data {
            return Ok(self.data.clone());
        }
        self.shared.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.shared.today
    }
}
