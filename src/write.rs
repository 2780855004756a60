//! Write: outputs are built in a staging folder beside the output folder and swapped in only
//! when everything succeeded, so a failed or interrupted build leaves the previous output.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as Herald's own output, safe to replace.
pub const MARKER: &str = ".herald-output";
const STAGING_PREFIX: &str = ".herald-staging-";
const OLD_PREFIX: &str = ".herald-old-";

pub struct Staging {
    dir: Option<tempfile::TempDir>,
    target: PathBuf,
}

/// Why an output folder cannot be used.
#[derive(Debug)]
pub enum OutError {
    /// The folder holds files Herald did not create: refuse rather than lose them.
    NotOurs(PathBuf),
    Io(io::Error),
}

impl From<io::Error> for OutError {
    fn from(e: io::Error) -> Self {
        OutError::Io(e)
    }
}

fn is_empty_dir(p: &Path) -> bool {
    fs::read_dir(p)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

impl Staging {
    /// Prepares a staging folder for `target`. Leftovers of builds that were killed are removed.
    pub fn new(target: &Path) -> Result<Staging, OutError> {
        if target.exists() && !(target.join(MARKER).is_file() || is_empty_dir(target)) {
            return Err(OutError::NotOurs(target.to_path_buf()));
        }
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // A build killed between the two renames of `commit` leaves the previous output
        // aside and none in place: put it back before anything else.
        if !target.exists() {
            let aside = fs::read_dir(parent).ok().and_then(|rd| {
                rd.flatten()
                    .filter(|e| {
                        e.file_name()
                            .to_string_lossy()
                            .starts_with(&format!("{OLD_PREFIX}{name}-"))
                            && e.path().join(MARKER).is_file()
                    })
                    .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
            });
            if let Some(aside) = aside {
                fs::rename(aside.path(), target)?;
            }
        }
        if let Ok(rd) = fs::read_dir(parent) {
            for e in rd.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                let ours = n.starts_with(&format!("{STAGING_PREFIX}{name}-"))
                    || n.starts_with(&format!("{OLD_PREFIX}{name}-"));
                if ours && e.path().join(MARKER).is_file() {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
        let dir = tempfile::Builder::new()
            .prefix(&format!("{STAGING_PREFIX}{name}-"))
            .tempdir_in(parent)?;
        fs::write(dir.path().join(MARKER), b"This folder is written by herald build. Anything in it is replaced on the next build.\n")?;
        Ok(Staging {
            dir: Some(dir),
            target: target.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.as_ref().map(|d| d.path()).unwrap_or(&self.target)
    }

    /// Moves the staged output into place. The old output is renamed aside first, so at no
    /// moment is a half-written folder in place.
    pub fn commit(mut self) -> io::Result<()> {
        let dir = self.dir.take().expect("staging folder").keep();
        let parent = dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut old = None;
        if self.target.exists() {
            let aside = tempfile::Builder::new()
                .prefix(&format!("{OLD_PREFIX}{name}-"))
                .tempdir_in(&parent)?
                .keep();
            fs::remove_dir(&aside)?;
            fs::rename(&self.target, &aside)?;
            old = Some(aside);
        }
        if let Err(e) = fs::rename(&dir, &self.target) {
            if let Some(old) = &old {
                let _ = fs::rename(old, &self.target);
            }
            let _ = fs::remove_dir_all(&dir);
            return Err(e);
        }
        if let Some(old) = old {
            let _ = fs::remove_dir_all(old);
        }
        Ok(())
    }
}
