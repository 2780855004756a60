//! `herald serve`: build, serve the site on loopback, rebuild on every edit and tell open
//! pages to reload (a long-polling script the server adds to each page; no browser
//! extension). A build with errors keeps the last good site served and shows the errors over
//! the page and in the terminal.

use crate::diagnostics::{human, use_color};
use crate::{Fatal, Options};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Open pages ask this URL for the next build; it answers when one has finished.
pub const WAIT: &str = "/__herald/wait";

#[derive(Clone, Default, serde::Serialize)]
struct Generation {
    generation: u64,
    /// The errors of the last build, as text, while it failed.
    error: Option<String>,
}

struct State {
    site: PathBuf,
    now: Mutex<Generation>,
    changed: Condvar,
}

impl State {
    fn current(&self) -> Generation {
        self.now.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn publish(&self, error: Option<String>) {
        let mut g = self.now.lock().unwrap_or_else(|e| e.into_inner());
        g.generation += 1;
        g.error = error;
        self.changed.notify_all();
    }

    /// Waits up to `timeout` for a generation other than `since`.
    fn wait(&self, since: u64, timeout: Duration) -> Generation {
        let g = self.now.lock().unwrap_or_else(|e| e.into_inner());
        let (g, _) = self
            .changed
            .wait_timeout_while(g, timeout, |g| g.generation == since)
            .unwrap_or_else(|e| e.into_inner());
        g.clone()
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "txt" | "sha256" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file inside the site folder, or `None` if it would leave it.
pub fn resolve(site: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut out = site.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    (!s.contains('\0')).then_some(s)
}

/// The script added to every HTML page served (never to the files on disk).
fn reload_script(now: &Generation) -> String {
    let error = serde_json::to_string(&now.error).unwrap_or_else(|_| "null".into());
    format!(
        r#"<script>
(function () {{
  var generation = {generation};
  function overlay(text) {{
    var o = document.getElementById("herald-errors");
    if (!text) {{ if (o) o.remove(); return; }}
    if (!o) {{
      o = document.createElement("div");
      o.id = "herald-errors";
      o.setAttribute("role", "alert");
      o.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.95);color:#fff;padding:1.5rem;font:15px/1.5 ui-monospace,monospace;white-space:pre-wrap;direction:ltr;text-align:left";
      document.body.appendChild(o);
    }}
    o.textContent = "herald: the last edit has errors; this is the last good build.\n\n" + text;
  }}
  overlay({error});
  function next() {{
    fetch("{WAIT}?since=" + generation, {{ cache: "no-store" }})
      .then(function (r) {{ return r.json(); }})
      .then(function (s) {{
        if (s.generation !== generation) {{
          generation = s.generation;
          if (s.error) {{ overlay(s.error); }} else {{ location.reload(); return; }}
        }}
        next();
      }})
      .catch(function () {{ setTimeout(next, 1000); }});
  }}
  next();
}})();
</script>"#,
        generation = now.generation
    )
}

fn handle(state: &State, req: tiny_http::Request) {
    let url = req.url().to_string();
    let header = |k: &str, v: &str| {
        tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("static header")
    };
    if let Some(query) = url.strip_prefix(WAIT) {
        let since = query
            .trim_start_matches('?')
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(u64::MAX);
        let g = state.wait(since, Duration::from_secs(25));
        let body = serde_json::to_string(&g).unwrap_or_default();
        let resp = tiny_http::Response::from_string(body)
            .with_header(header("Content-Type", "application/json"))
            .with_header(header("Cache-Control", "no-store"));
        let _ = req.respond(resp);
        return;
    }
    let (status, path) = match resolve(&state.site, &url) {
        Some(p) if p.is_file() => (200, p),
        _ => (404, state.site.join("404.html")),
    };
    let Ok(mut bytes) = std::fs::read(&path) else {
        let _ = req.respond(tiny_http::Response::from_string("Not found").with_status_code(404));
        return;
    };
    let ctype = content_type(&path);
    if ctype.starts_with("text/html") {
        let script = reload_script(&state.current());
        let html = String::from_utf8_lossy(&bytes);
        let injected = match html.rfind("</body>") {
            Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
            None => format!("{html}{script}"),
        };
        bytes = injected.into_bytes();
    }
    let resp = tiny_http::Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"));
    let _ = req.respond(resp);
}

/// Builds once, then reports: returns the error text when the build failed.
fn rebuild(opts: &Options) -> Result<Option<String>, Fatal> {
    let start = Instant::now();
    let report = crate::build(opts)?;
    let color = use_color();
    let text: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| human(d, &opts.root, color))
        .collect();
    for t in &text {
        eprintln!("{t}");
    }
    if report.built {
        eprintln!(
            "rebuilt in {:.0} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
        Ok(None)
    } else {
        let plain: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .map(|d| human(d, &opts.root, false))
            .collect();
        eprintln!("the build has errors: still serving the last good site");
        Ok(Some(plain.join("\n")))
    }
}

/// Reports an incremental rebuild like [`rebuild`] reports a full one.
fn report_edit(edit: &crate::live::Edit, root: &Path) -> Option<String> {
    let color = use_color();
    for d in &edit.diagnostics {
        eprintln!("{}", human(d, root, color));
    }
    let errors: Vec<String> = edit
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .map(|d| human(d, root, false))
        .collect();
    if edit.written {
        eprintln!(
            "updated {} pages in {:.1} ms",
            edit.rendered,
            edit.written_after.as_secs_f64() * 1000.0
        );
    } else {
        eprintln!("the edited page has errors: still serving its last good version");
    }
    (!errors.is_empty()).then(|| errors.join("\n"))
}

fn listen(bind: IpAddr, port: Option<u16>) -> Result<TcpListener, Fatal> {
    match port {
        Some(p) => TcpListener::bind(SocketAddr::new(bind, p))
            .map_err(|e| Fatal(format!("cannot listen on {bind}:{p}: {e}"))),
        None => (1111..1200)
            .find_map(|p| TcpListener::bind(SocketAddr::new(bind, p)).ok())
            .ok_or_else(|| {
                Fatal(format!(
                    "no free port between 1111 and 1199 on {bind}: choose one with --port"
                ))
            }),
    }
}

pub fn serve(opts: &Options, bind: IpAddr, port: Option<u16>, open: bool) -> Result<(), Fatal> {
    let listener = listen(bind, port)?;
    let addr = listener.local_addr().map_err(|e| Fatal(e.to_string()))?;
    let first_error = rebuild(opts)?;
    let state = Arc::new(State {
        site: opts.out_dir().join("site"),
        now: Mutex::new(Generation {
            generation: 1,
            error: first_error,
        }),
        changed: Condvar::new(),
    });
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Fatal(format!("cannot start the server: {e}")))?;
    let url = format!("http://{addr}/");
    eprintln!("Serving {} at {url} (Ctrl+C to stop)", state.site.display());
    if !bind.is_loopback() {
        eprintln!("warning: listening on {bind}: other machines on the network can read the site");
    }
    if open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&url)
        .spawn();
    }

    // Watch the campaign's sources.
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reading a file is an event too on Linux; only changes matter, or every build
        // would trigger the next.
        if let Ok(ev) = res {
            if matches!(
                ev.kind,
                notify::EventKind::Create(_)
                    | notify::EventKind::Modify(_)
                    | notify::EventKind::Remove(_)
            ) {
                let _ = tx.send(ev);
            }
        }
    })
    .map_err(|e| Fatal(format!("cannot watch the campaign: {e}")))?;
    use notify::Watcher;
    for part in ["content", "locales", "themes", "campaign.yaml"] {
        let p = opts.root.join(part);
        if p.exists() {
            let mode = if p.is_dir() {
                notify::RecursiveMode::Recursive
            } else {
                notify::RecursiveMode::NonRecursive
            };
            watcher
                .watch(&p, mode)
                .map_err(|e| Fatal(format!("cannot watch {}: {e}", p.display())))?;
        }
    }
    let watch_state = Arc::clone(&state);
    let watch_opts = opts.clone();
    let mut live = crate::live::Live::load(opts).ok();
    std::thread::spawn(move || {
        let _watcher = watcher;
        while let Ok(first) = rx.recv() {
            let mut changed: Vec<PathBuf> = first.paths;
            // Editors write a file in several steps (truncate, write, rename): wait for the
            // burst to end, but briefly, since the reader is waiting too.
            while let Ok(ev) = rx.recv_timeout(Duration::from_millis(15)) {
                changed.extend(ev.paths);
            }
            changed.sort();
            changed.dedup();
            if changed.iter().all(|p| {
                p.file_name().is_some_and(|n| {
                    n.to_string_lossy().starts_with(".herald") || n.to_string_lossy().ends_with('~')
                })
            }) {
                continue;
            }
            if let Some(edit) = live.as_mut().and_then(|l| l.edit(&changed)) {
                watch_state.publish(report_edit(&edit, &watch_opts.root));
                continue;
            }
            match rebuild(&watch_opts) {
                Ok(error) => watch_state.publish(error),
                Err(f) => eprintln!("error: {f}"),
            }
            live = crate::live::Live::load(&watch_opts).ok();
        }
    });

    for req in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || handle(&state, req));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_site() {
        let site = Path::new("/srv/site");
        assert_eq!(
            resolve(site, "/en/a.css").unwrap(),
            Path::new("/srv/site/en/a.css")
        );
        assert!(resolve(site, "/../etc/passwd").is_none());
        assert!(resolve(site, "/en/%2e%2e/%2e%2e/etc").is_none());
        assert!(resolve(site, "/a%00b").is_none());
        assert_eq!(
            resolve(site, "/a%20b.txt?x=1").unwrap(),
            Path::new("/srv/site/a b.txt")
        );
    }
}
