//! A council from nothing: `clerk new council`, `clerk import` into its
//! folder, and a folder with protocols but no council.toml caught.

mod common;

use std::fs;

use common::{clerk_in, stderr};

#[test]
fn a_council_from_nothing_to_published() {
    let dir = tempfile::tempdir().unwrap();
    let new = clerk_in(
        dir.path(),
        &[
            "new",
            "council",
            "small-town",
            "--name",
            "Small Town Council",
        ],
    );
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    let config = fs::read_to_string(dir.path().join("protocols/small-town/council.toml")).unwrap();
    assert!(config.contains("name = \"Small Town Council\""));
    assert!(
        config.contains("# [[parts]]"),
        "the file says how to list Parts"
    );
    let again = clerk_in(dir.path(), &["new", "council", "small-town", "--name", "X"]);
    assert_eq!(again.status.code(), Some(2), "never overwritten");
    let bad = clerk_in(dir.path(), &["new", "council", "Small Town", "--name", "X"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("U+0020"), "{}", stderr(&bad));

    // Import straight into a folder that does not exist yet.
    fs::write(
        dir.path().join("protocol.txt"),
        "Protocol on Member/Officer Relations\n\n1. Roles\n\n1.1 Members set the policy of the council.\n",
    )
    .unwrap();
    let import = clerk_in(
        dir.path(),
        &[
            "import",
            "protocol.txt",
            "--council",
            "other-town",
            "-o",
            "protocols/other-town/protocol.md",
        ],
    );
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    assert!(
        dir.path()
            .join("protocols/other-town/protocol.md")
            .is_file()
    );
    assert!(
        stderr(&import)
            .contains("has no council.toml; set the council up with `clerk new council other-town"),
        "{}",
        stderr(&import)
    );

    // That folder, still without council.toml, stops check and build.
    let check = clerk_in(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("protocols/other-town holds protocol files but no council.toml"),
        "{}",
        stderr(&check)
    );
    let build = clerk_in(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(1));

    // Set up, the council checks and builds.
    let new = clerk_in(
        dir.path(),
        &[
            "new",
            "council",
            "other-town",
            "--name",
            "Other Town Council",
        ],
    );
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    let protocol = fs::read_to_string(dir.path().join("protocols/other-town/protocol.md"))
        .unwrap()
        .replacen(
            "status = \"draft\"",
            "status = \"adopted\"\nadopted = 2024-05-01",
            1,
        );
    fs::write(
        dir.path().join("protocols/other-town/protocol.md"),
        protocol,
    )
    .unwrap();
    let build = clerk_in(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(dir.path().join("output/other-town/protocol.html").is_file());
}
