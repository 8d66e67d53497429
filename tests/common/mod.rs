//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test binary uses some of these helpers

pub mod revisions;
pub mod word;

use clerk::model::{Document, blocks_plain_text, plain_text};

/// Words as runs of letters or of digits, so `5.3As` and `5.3 As` agree.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut kind = 0u8;
    for c in text.chars() {
        let k = if c.is_alphabetic() {
            1
        } else if c.is_numeric() {
            2
        } else {
            0
        };
        if k != kind && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if k != 0 {
            current.push(c);
        }
        kind = k;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Markdown source without the syntax that is not published text: the
/// `Table:` that marks a table's caption, and links' addresses.
pub fn as_published(source: &str) -> String {
    let lines: Vec<String> = source
        .lines()
        .map(|line| {
            let indent = line.len() - line.trim_start().len();
            match line.trim_start().strip_prefix("Table:") {
                Some(caption) => format!("{}{}", &line[..indent], caption),
                None => line.to_string(),
            }
        })
        .collect();
    let mut text = lines.join("\n");
    while let Some(start) = text.find("](") {
        let Some(length) = text[start..].find(')') else {
            break;
        };
        text.replace_range(start + 1..start + length + 1, "");
    }
    text
}

pub fn document_text(document: &Document) -> String {
    let mut parts = vec![blocks_plain_text(&document.preamble)];
    for section in &document.sections {
        let label = section
            .label
            .as_ref()
            .map(|l| l.written.clone())
            .unwrap_or_default();
        parts.push(format!("{label} {}", plain_text(&section.title)));
        parts.push(blocks_plain_text(&section.blocks));
    }
    parts.join("\n")
}

/// Runs the clerk binary with colours off.
pub fn clerk(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("clerk runs")
}

/// Runs the clerk binary in `dir` with colours off and no simulated faults.
pub fn clerk_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLERK_SIMULATE_WRITE_FAILURE_AFTER")
        .output()
        .expect("clerk runs")
}

/// Runs the clerk binary in `dir` as [`clerk_in`] does, with `env` set too.
pub fn clerk_in_env(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLERK_SIMULATE_WRITE_FAILURE_AFTER")
        .envs(env.iter().copied())
        .output()
        .expect("clerk runs")
}

/// The words of HTML: tags out (each a space), the escaper's entities
/// decoded, each run of white space one space.
pub fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a run printed on standard error.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `root` with its bytes, by path relative to `root`.
pub fn tree(root: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

/// A council `small` under `dir/protocols/`, its council.toml holding its
/// name and then `extra`; returns the council's folder.
pub fn small_council(dir: &std::path::Path, extra: &str) -> std::path::PathBuf {
    let council = dir.join("protocols/small");
    std::fs::create_dir_all(&council).unwrap();
    std::fs::write(
        council.join("council.toml"),
        format!("name = \"Small Council\"\nshort_name = \"Small\"\n{extra}"),
    )
    .unwrap();
    council
}

/// A source of council `small` titled "Protocol": `front` adds front-matter
/// lines (version, status, dates...), `body` is the Markdown.
pub fn small_source(front: &str, body: &str) -> String {
    format!("+++\ncouncil = \"small\"\ntitle = \"Protocol\"\n{front}+++\n{body}")
}

/// Whether strace can be used: without it a test of fault injection cannot
/// run, and under CI its absence fails the test instead of skipping it.
pub fn strace_ready() -> bool {
    let found = std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_ok();
    if !found && std::env::var_os("CI").is_some() {
        panic!("strace is needed for this test under CI: apt-get install strace");
    }
    if !found {
        eprintln!("strace is not installed: this test did not run");
    }
    found
}

/// A PDF's text as `pdftotext` reads it, its words joined by single spaces.
pub fn pdf_words(pdf: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
