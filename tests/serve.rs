//! `clerk serve`: answers on loopback, rebuilds when a source is saved (the
//! page's text changes and the findings follow), never touches the
//! published output, and stops cleanly on SIGTERM, taking its preview with it.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{small_council, small_source};

/// A running `clerk serve`, stopped when dropped if the test did not.
struct Serving {
    child: Child,
    address: String,
    /// The temporary folder it was given, when the test did not give one:
    /// a server killed outright cannot remove its preview, so this does.
    _temp: Option<tempfile::TempDir>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path) -> Serving {
    let temp = tempfile::tempdir().unwrap();
    let mut serving = start_with(dir, temp.path(), &[]);
    serving._temp = Some(temp);
    serving
}

/// `clerk serve` with its temporary folder in `temp` and more arguments.
fn start_with(dir: &std::path::Path, temp: &std::path::Path, more: &[&str]) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["serve", "--port", "0"])
        .args(more)
        .current_dir(dir)
        .env("TMPDIR", temp)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("clerk serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Serving {
        child,
        address,
        _temp: None,
    }
}

/// GET `path`: the status code and the body.
fn get(address: &str, path: &str) -> (u16, String) {
    get_as(address, path, address)
}

/// GET `path` naming `host` in the request.
fn get_as(address: &str, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls until `done` holds of the page, for up to 20 seconds.
fn wait_for(address: &str, path: &str, done: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let (_, body) = get(address, path);
        if done(&body) {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{path} never changed: {body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_rebuilds_on_save_and_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council(dir.path(), "");
    let front = "version = \"1\"\nstatus = \"adopted\"\nadopted = 2024-01-01\n";
    let source = council.join("protocol.md");
    std::fs::write(
        &source,
        small_source(front, "\n# 1. Scope\n\n1.1 Members set policy.\n"),
    )
    .unwrap();

    let temp = tempfile::tempdir().unwrap();
    let serving = start_with(dir.path(), temp.path(), &[]);
    assert!(
        serving.address.starts_with("127.0.0.1:"),
        "loopback by default: {}",
        serving.address
    );
    let (status, page) = get(&serving.address, "/small/protocol.html");
    assert_eq!(status, 200);
    assert!(page.contains("Members set policy."));
    assert!(page.contains("<script src=\"/__clerk/live.js\"></script>\n</body>"));
    let (_, state) = get(&serving.address, "/__clerk/state");
    assert!(state.contains("\"generation\":0"), "{state}");
    assert_eq!(
        get(&serving.address, "/../protocols/small/protocol.md").0,
        404
    );
    assert_eq!(
        get(
            &serving.address,
            "/small/%2e%2e/%2e%2e/protocols/small/council.toml"
        )
        .0,
        404
    );

    // Saved with new words and a finding: the page and the findings follow.
    std::fs::write(
        &source,
        small_source(
            front,
            "\n# 1. Scope\n\n1.1 Members set policy for the council,\n",
        ),
    )
    .unwrap();
    wait_for(&serving.address, "/small/protocol.html", |page| {
        page.contains("Members set policy for the council,")
    });
    let state = wait_for(&serving.address, "/__clerk/state", |state| {
        state.contains("unfinished-sentence")
    });
    assert!(!state.contains("\"generation\":0"), "{state}");
    assert!(state.contains("protocol.md:11:"), "{state}");
    assert!(state.contains("\"failed\":null"), "{state}");

    // Saved with a placeholder, an error: the preview is not rebuilt, and
    // the page keeps what it showed, saying why.
    std::fs::write(
        &source,
        small_source(front, "\n# 1. Scope\n\n1.1 Members set policy on xxxxxx.\n"),
    )
    .unwrap();
    let state = wait_for(&serving.address, "/__clerk/state", |state| {
        state.contains("placeholder")
    });
    assert!(state.contains("the preview was not rebuilt"), "{state}");
    let (_, page) = get(&serving.address, "/small/protocol.html");
    assert!(
        page.contains("Members set policy for the council,"),
        "{page}"
    );

    // Nothing of the preview reaches a published build.
    std::fs::write(
        &source,
        small_source(front, "\n# 1. Scope\n\n1.1 Members set policy.\n"),
    )
    .unwrap();
    let built = common::clerk_in(dir.path(), &["build"]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    for (path, bytes) in common::tree(&dir.path().join("output")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__clerk"),
            "{} carries the preview script",
            path.display()
        );
    }

    let mut serving = serving;
    let pid = serving.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let status = serving.child.wait().unwrap();
    assert!(status.success(), "clerk serve stops cleanly: {status}");
    let left: Vec<_> = std::fs::read_dir(temp.path()).unwrap().collect();
    assert!(left.is_empty(), "the preview is removed on stop: {left:?}");
}

fn council(dir: &std::path::Path) {
    let council = small_council(dir, "");
    let front = "version = \"1\"\nstatus = \"adopted\"\nadopted = 2024-01-01\n";
    std::fs::write(
        council.join("protocol.md"),
        small_source(
            front,
            "\n# 1. Scope\n\n1.1 Members set policy.\n\n1.2 Officers carry it out.\n",
        ),
    )
    .unwrap();
}

#[test]
fn only_this_servers_own_names_are_answered() {
    let dir = tempfile::tempdir().unwrap();
    council(dir.path());
    let serving = start(dir.path());
    let port = serving.address.rsplit(':').next().unwrap().to_string();
    for path in [
        "/",
        "/small/protocol.html",
        "/__clerk/state",
        "/__clerk/live.js",
    ] {
        for host in [
            "attacker.example".to_string(),
            format!("attacker.example:{port}"),
            format!("127.0.0.1.nip.io:{port}"),
            "127.0.0.1:1".to_string(),
        ] {
            let (status, body) = get_as(&serving.address, path, &host);
            assert_eq!(status, 421, "{path} as {host}: {body}");
            assert!(!body.contains("Members"), "{path} as {host}");
        }
        let (status, _) = get_as(&serving.address, path, &format!("localhost:{port}"));
        assert_eq!(status, 200, "{path} as localhost");
    }
    // No Host at all is refused too.
    let mut stream = TcpStream::connect(&serving.address).unwrap();
    write!(stream, "GET / HTTP/1.0\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 421"), "{response}");
    // clerk's own files are not served.
    assert_eq!(get(&serving.address, "/.clerk-manifest").0, 404);
}

/// The server's resident memory in kB.
fn resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap()
}

#[test]
fn a_ten_megabyte_header_is_cut_off_and_held_to_nothing() {
    let dir = tempfile::tempdir().unwrap();
    council(dir.path());
    let serving = start(dir.path());
    let before = resident_kb(serving.child.id());
    let mut stream = TcpStream::connect(&serving.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Long: ",
        serving.address
    )
    .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let mut sent = 0;
    for _ in 0..10 {
        match stream.write_all(&chunk) {
            Ok(()) => sent += chunk.len(),
            Err(_) => break, // the server closed the connection, as it should
        }
    }
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    assert!(
        response.starts_with("HTTP/1.1 431"),
        "after {sent} bytes: {response}"
    );
    let after = resident_kb(serving.child.id());
    assert!(
        after < before + 8 * 1024,
        "the server grew from {before} kB to {after} kB"
    );
    // And it still serves.
    assert_eq!(get(&serving.address, "/small/protocol.html").0, 200);
}

#[test]
fn the_preview_is_a_private_folder_no_planted_link_leads_out_of() {
    let dir = tempfile::tempdir().unwrap();
    council(dir.path());
    // A published site, with PDFs, that a link could lead the preview into.
    let built = common::clerk_in(dir.path(), &["build"]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let output = dir.path().join("output");
    let published = common::tree(&output);
    assert!(
        published
            .keys()
            .any(|p| p.extension().is_some_and(|e| e == "pdf"))
    );
    // Links at the names an earlier release gave its preview: the next
    // process numbers, in a temporary folder of the test's own.
    let temp = tempfile::tempdir().unwrap();
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(1);
    for pid in last..last + 200 {
        std::os::unix::fs::symlink(&output, temp.path().join(format!("clerk-serve-{pid}")))
            .unwrap();
    }
    let serving = start_with(dir.path(), temp.path(), &[]);
    assert_eq!(get(&serving.address, "/small/protocol.html").0, 200);
    let made: Vec<_> = std::fs::read_dir(temp.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .collect();
    assert_eq!(made.len(), 1, "one folder of its own");
    use std::os::unix::fs::PermissionsExt;
    let mode = made[0].metadata().unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "readable by its user only");

    let pid = serving.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let mut serving = serving;
    assert!(serving.child.wait().unwrap().success());
    assert_eq!(
        common::tree(&output),
        published,
        "the published site is untouched"
    );
    let dirs = std::fs::read_dir(temp.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .count();
    assert_eq!(dirs, 0, "the preview is removed on Ctrl-C");
}

#[test]
fn listening_beyond_this_machine_is_said_with_its_risk() {
    let dir = tempfile::tempdir().unwrap();
    council(dir.path());
    let temp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .current_dir(dir.path())
        .env("TMPDIR", temp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("warning: listening on 0.0.0.0")
            && said.contains("anyone who can reach this machine"),
        "{said}"
    );
}
