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
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["serve", "--port", "0"])
        .current_dir(dir)
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
    Serving { child, address }
}

/// GET `path`: the status code and the body.
fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
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

    let serving = start(dir.path());
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
    let preview = std::env::temp_dir().join(format!("clerk-serve-{pid}"));
    assert!(!preview.exists(), "the preview is removed on stop");
}
