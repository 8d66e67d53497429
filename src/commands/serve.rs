//! `clerk serve`: a local preview of the HTML site for authors. The site is
//! built into a preview folder of its own, rebuilt (incrementally) when a
//! source or template is saved, and served on loopback; each page served
//! gets a script that shows the check findings and reloads the page after a
//! rebuild. The published output is never touched, and never gets the script.

mod http;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use serde::Serialize;

use crate::Error;
use crate::cli::{BuildArgs, ServeArgs};
use crate::commands::project::check_paths;
use crate::diagnostic::render_human;
use crate::render::Format;
use crate::site::plan::Formats;
use http::{Hosts, MAX_CONNECTIONS, Reply, read_request, send};

/// What the page's script asks for: the build it shows, and what check found.
#[derive(Debug, Default, Clone, Serialize)]
struct State {
    /// Counts finished builds: a page reloads when it changes.
    generation: u64,
    /// Each finding as `clerk check` prints it, without colour.
    findings: Vec<String>,
    /// Why the last build did not publish, if it did not.
    failed: Option<String>,
}

/// Served at `/__clerk/live.js`: polls the state, lists the findings in a
/// panel, reloads the page after a rebuild.
const LIVE_SCRIPT: &str = r#"(function () {
  var seen = null;
  function panel(state) {
    var old = document.getElementById("clerk-preview");
    if (old) old.remove();
    var lines = state.findings.slice();
    if (state.failed) lines.unshift(state.failed);
    if (!lines.length) return;
    var aside = document.createElement("aside");
    aside.id = "clerk-preview";
    aside.setAttribute("role", "status");
    aside.setAttribute("aria-label", "clerk check findings");
    aside.style.cssText = "position:fixed;bottom:0;left:0;right:0;max-height:45vh;overflow:auto;margin:0;padding:0.5em 1em;background:#fff8e1;color:#1a1a1a;border-top:3px solid #8a5a00;font:14px/1.4 monospace;white-space:pre-wrap;z-index:1000";
    var details = document.createElement("details");
    details.open = !!state.failed;
    var summary = document.createElement("summary");
    summary.style.cssText = "cursor:pointer;font-weight:bold";
    summary.textContent = (state.failed ? "Not rebuilt. " : "") + "clerk check: " + state.findings.length + " finding" + (state.findings.length === 1 ? "" : "s") + " (shown in the preview only)";
    details.appendChild(summary);
    details.appendChild(document.createTextNode(lines.join("\n\n")));
    aside.appendChild(details);
    document.body.appendChild(aside);
  }
  function poll() {
    fetch("/__clerk/state", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (seen !== null && state.generation !== seen) { location.reload(); return; }
        if (seen === null) panel(state);
        seen = state.generation;
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
"#;

pub fn run(args: &ServeArgs) -> Result<u8, Error> {
    // A fresh folder of the server's own, made exclusively (a random name,
    // mode 0700), so no link planted beforehand is followed and no other
    // user reads the drafts; it goes when the server stops.
    let mut private = tempfile::Builder::new();
    private.prefix("clerk-serve-");
    #[cfg(unix)]
    private.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let private = private.tempdir().map_err(|e| {
        Error::io(
            &std::env::temp_dir(),
            "cannot create a preview folder in",
            &e,
        )
    })?;
    serve(args, &private.path().join("site"))
}

fn serve(args: &ServeArgs, preview: &Path) -> Result<u8, Error> {
    let build_args = BuildArgs {
        protocols: args.protocols.clone(),
        out: preview.to_path_buf(),
        format: Formats::only(Format::Html),
        council: None,
        fresh: false,
        force: false,
        as_at: None,
    };
    let state = Arc::new(Mutex::new(rebuild(&build_args, 0)));

    let listener = TcpListener::bind((args.bind.as_str(), args.port)).map_err(|e| {
        Error::new(format!(
            "cannot listen on {}:{}: {e}; choose another --port",
            args.bind, args.port
        ))
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::new(format!("the server has no address: {e}")))?;
    if !address.ip().is_loopback() {
        eprintln!(
            "warning: listening on {address}, not on loopback: anyone who can reach this machine on port {} can read the drafts being previewed and every check finding with its source text; leave out --bind to serve this machine only",
            address.port()
        );
    }
    let stopping = Arc::new(AtomicBool::new(false));
    {
        let stopping = Arc::clone(&stopping);
        let wake = wake_address(address);
        ctrlc::set_handler(move || {
            stopping.store(true, Ordering::SeqCst);
            // The accepting loop wakes to see it.
            let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        })
        .map_err(|e| Error::new(format!("cannot handle Ctrl-C: {e}")))?;
    }

    // The watcher: every save under the sources or the templates rebuilds.
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|e| Error::new(format!("cannot watch the sources: {e}")))?;
    let mut watched = vec![args.protocols.clone()];
    let templates = args
        .protocols
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("templates");
    if templates.is_dir() {
        watched.push(templates);
    }
    for dir in &watched {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| Error::new(format!("cannot watch {}: {e}", dir.display())))?;
    }
    let rebuilding = {
        let state = Arc::clone(&state);
        let stopping = Arc::clone(&stopping);
        std::thread::spawn(move || {
            while let Ok(event) = receiver.recv() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if !event
                    .is_ok_and(|e| e.kind.is_modify() || e.kind.is_create() || e.kind.is_remove())
                {
                    continue;
                }
                // An editor's save is several events: take them as one.
                while receiver.recv_timeout(Duration::from_millis(150)).is_ok() {}
                let generation = state.lock().map_or(0, |s| s.generation) + 1;
                let rebuilt = rebuild(&build_args, generation);
                if let Ok(mut state) = state.lock() {
                    *state = rebuilt;
                }
            }
        })
    };

    // Said only once every save will be seen.
    // The one line on standard output: scripts and tests wait for it.
    #[allow(clippy::print_stdout)]
    {
        println!("serving the preview at http://{address}/ (Ctrl-C to stop)");
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();

    let hosts = Hosts::new(address);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(mut stream) = stream else {
            continue;
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            send(&mut stream, &Reply::text(503, "busy: try again"), true);
            continue;
        }
        let (preview, state, hosts, open) = (
            preview.to_path_buf(),
            Arc::clone(&state),
            hosts.clone(),
            Arc::clone(&open),
        );
        std::thread::spawn(move || {
            answer(&mut stream, &preview, &state, &hosts);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    // No more saves are seen; a rebuild under way ends before the preview
    // folder is removed, so it cannot write into the folder as it goes.
    drop(watcher);
    let _ = rebuilding.join();
    eprintln!("preview stopped");
    Ok(0)
}

/// Where to connect to wake the accepting loop: the bound address, or
/// loopback when bound to every address.
fn wake_address(bound: SocketAddr) -> SocketAddr {
    let ip = match bound.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, bound.port())
}

/// Reads one request and answers it: a `Host` the server is not known by
/// gets 421 whatever the path, a method other than GET or HEAD gets 405.
fn answer(stream: &mut TcpStream, preview: &Path, state: &Mutex<State>, hosts: &Hosts) {
    let request = match read_request(stream) {
        Ok(request) => request,
        Err(Some(reply)) => return send(stream, &reply, true),
        Err(None) => return,
    };
    let reply = if !request.host.as_deref().is_some_and(|h| hosts.allows(h)) {
        Reply::text(
            421,
            "this preview answers only to the address it printed on start (http://127.0.0.1:PORT/ or http://localhost:PORT/)",
        )
    } else if request.method != "GET" && request.method != "HEAD" {
        Reply::text(405, "the preview only serves pages")
    } else {
        respond(&request.path, preview, state)
    };
    send(stream, &reply, request.method != "HEAD");
}

/// Checks and builds the preview; the findings and any failure go to the page.
fn rebuild(args: &BuildArgs, generation: u64) -> State {
    let findings = match check_paths(std::slice::from_ref(&args.protocols)) {
        Ok(outcome) => outcome
            .diagnostics
            .iter()
            .map(|d| {
                let source = d.path.as_deref().and_then(|p| outcome.project.source_of(p));
                render_human(d, source, false)
            })
            .collect(),
        Err(error) => vec![error.message],
    };
    let failed = match crate::commands::build::run(args) {
        Ok(0) => None,
        Ok(_) => Some("the preview was not rebuilt: fix the errors below".to_string()),
        Err(error) => Some(format!("the preview was not rebuilt: {}", error.message)),
    };
    State {
        generation,
        findings,
        failed,
    }
}

fn respond(url: &str, preview: &Path, state: &Mutex<State>) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    match path {
        "/__clerk/live.js" => Reply::new(
            200,
            "text/javascript; charset=utf-8",
            LIVE_SCRIPT.as_bytes().to_vec(),
        ),
        "/__clerk/state" => {
            let state = state.lock().map(|s| s.clone()).unwrap_or_default();
            let json = serde_json::to_vec(&state).unwrap_or_default();
            Reply::new(200, "application/json", json)
        }
        _ => match file_for(path, preview) {
            Some(file) => match std::fs::read(&file) {
                Ok(bytes) => {
                    let kind = content_type(&file);
                    let bytes = match kind.starts_with("text/html") {
                        true => with_live_script(bytes),
                        false => bytes,
                    };
                    Reply::new(200, kind, bytes)
                }
                Err(_) => not_made_by_the_preview(path).unwrap_or_else(not_found),
            },
            None => not_made_by_the_preview(path).unwrap_or_else(not_found),
        },
    }
}

/// The preview file a URL path names: only inside the preview, a folder
/// meaning its `index.html`.
fn file_for(path: &str, preview: &Path) -> Option<PathBuf> {
    let mut file = preview.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        let part = percent_decoded(part)?;
        let mut components = Path::new(&part).components();
        match (components.next(), components.next()) {
            // Hidden files (the manifest, a build's staging) are clerk's own.
            (Some(Component::Normal(name)), None) if !part.starts_with('.') => file.push(name),
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// `%20` and the like decoded; `None` for what is not UTF-8.
fn percent_decoded(part: &str) -> Option<String> {
    let bytes = part.as_bytes();
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
    String::from_utf8(out).ok()
}

/// The page with the preview script before `</body>`.
fn with_live_script(mut html: Vec<u8>) -> Vec<u8> {
    const TAG: &[u8] = b"<script src=\"/__clerk/live.js\"></script>\n";
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, TAG.iter().copied());
    html
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

fn not_found() -> Reply {
    Reply::text(404, "not found in the preview")
}

/// A PDF or Word file asked of the preview, which makes the HTML pages only.
fn not_made_by_the_preview(path: &str) -> Option<Reply> {
    let kind = match path.rsplit('.').next()? {
        "pdf" => "PDFs",
        "docx" => "Word files",
        _ => return None,
    };
    Some(Reply::text(
        404,
        &format!(
            "{kind} are not made by the preview, which shows the HTML pages as you edit: run `clerk build` and open output{path}"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_stays_inside_the_preview() {
        let dir = std::env::temp_dir().join(format!("clerk-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("bury")).unwrap();
        std::fs::write(dir.join("bury/index.html"), "x").unwrap();
        assert_eq!(file_for("/bury/", &dir), Some(dir.join("bury/index.html")));
        assert_eq!(
            file_for("/bury/index.html", &dir),
            Some(dir.join("bury/index.html"))
        );
        assert_eq!(file_for("/../etc/passwd", &dir), None);
        assert_eq!(file_for("/bury/%2e%2e/%2e%2e/etc/passwd", &dir), None);
        assert_eq!(file_for("/missing.html", &dir), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_pdf_asked_of_the_preview_says_where_pdfs_come_from() {
        let dir = std::env::temp_dir().join(format!("clerk-serve-pdf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let state = Mutex::new(State::default());
        let reply = respond("/bury/constitution.pdf", &dir, &state);
        assert_eq!(reply.status, 404);
        let said = String::from_utf8(reply.body).unwrap();
        assert!(
            said.contains("run `clerk build` and open output/bury/constitution.pdf"),
            "{said}"
        );
        let reply = respond("/bury/missing.html", &dir, &state);
        assert_eq!(
            String::from_utf8(reply.body).unwrap(),
            "not found in the preview\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = with_live_script(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__clerk/live.js\"></script>\n</body></html>"
        );
    }
}
