//! The search index: its units, its keys, its files, and the page's
//! script, which must split and stem a query as the index was made.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use clerk::render::search::words::{Words, split};

/// Node runs the page's script, when the machine has it (CI does).
fn node() -> Option<&'static str> {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "CI must install Node.js (it runs the browser check)"
    );
    found.then_some("node")
}

/// Runs `templates/search.js` in Node with `program` after it, `input` on
/// its standard input; its standard output.
fn run_script(program: &str, input: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/search.js");
    let mut child = Command::new(node().unwrap())
        .arg("-e")
        .arg(format!(
            "require({:?}); {program}",
            script.to_str().unwrap()
        ))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_page_stems_every_word_as_the_index_does() {
    if node().is_none() {
        eprintln!("skipped: no node on this machine");
        return;
    }
    let list = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/words.txt"),
    )
    .unwrap();
    let words: Vec<&str> = list.lines().filter(|w| !w.is_empty()).collect();
    assert!(
        words.len() > 1500,
        "the word list is the bundled protocols' words"
    );
    let stemmer = Words::default();
    let expected: Vec<String> = words
        .iter()
        .map(|w| stemmer.stem(w).unwrap_or_else(|| w.to_string()))
        .collect();
    let got = run_script(
        "const words = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);\
         console.log(words.map(w => clerkSearch.stem(w)).join('\\n'));",
        &words.join("\n"),
    );
    let got: Vec<&str> = got.lines().collect();
    let wrong: Vec<String> = words
        .iter()
        .zip(expected.iter().zip(&got))
        .filter(|(w, (e, g))| e != *g && !clerk::render::search::words::STOP_WORDS.contains(w))
        .map(|(w, (e, g))| format!("{w}: index {e}, page {g}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} words stemmed apart:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_page_splits_text_into_words_as_the_index_does() {
    if node().is_none() {
        return;
    }
    let text = "The Council’s Chief Officer (Section 151) — co-operate; O'Brien's 4.12.3 ÉLU naïve";
    let expected: Vec<String> = split(text).collect();
    let got = run_script(
        "console.log(JSON.stringify(clerkSearch.split(require('fs').readFileSync(0, 'utf8'))));",
        text,
    );
    let got: Vec<String> = serde_json::from_str(got.trim()).unwrap();
    assert_eq!(got, expected);
}
