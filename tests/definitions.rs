//! Defined terms, on a council written for the test: each definition is
//! marked and anchored on the page and in the PDF, links to it resolve,
//! and a term defined but never used is reported.

mod common;

use common::{clerk_in, stderr};

fn council(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    std::fs::write(
        council.join("financial-rules.md"),
        common::small_source("version = \"2\"\nstatus = \"draft\"\n", body),
    )
    .unwrap();
    dir
}

const RULES: &str = "# 1. Definitions\n\n1.1 In these Rules:\n\n- (a) \"Section 151 Officer\" means the officer responsible for the Council's financial affairs;\n- (b) “Budget holder” means an officer who manages a budget; and\n- (c) \"Virement\" means moving money between budgets.\n\n# 2. Budgets\n\n2.1 Each budget holder reports monthly to the [Section 151 Officer](#d-section-151-officer).\n\n2.2 Budget holders keep to their budgets.\n";

#[test]
fn a_definition_is_anchored_and_links_to_it_resolve() {
    let dir = council(RULES);
    let check = clerk_in(dir.path(), &["check"]);
    // "Virement" is defined and never used: a warning, not an error.
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let said = stderr(&check);
    assert!(
        said.contains(
            "warning[unused-definition]: “Virement” is defined here but used nowhere else"
        ),
        "{said}"
    );
    assert!(
        !said.contains("Budget holder”"),
        "a plural use counts: {said}"
    );
    assert!(!said.contains("broken-reference"), "{said}");

    let build = clerk_in(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page =
        std::fs::read_to_string(dir.path().join("output/small/financial-rules.html")).unwrap();
    assert!(
        page.contains(
            "&quot;<dfn id=\"d-section-151-officer\">Section 151 Officer</dfn>&quot; means"
        ),
        "{page}"
    );
    assert!(page.contains("“<dfn id=\"d-budget-holder\">Budget holder</dfn>” means"));
    assert!(
        page.contains("<a class=\"xref\" href=\"#d-section-151-officer\">Section 151 Officer</a>")
    );
}

#[test]
fn a_link_to_a_term_no_document_defines_is_broken() {
    let dir = council("# 1. Budgets\n\n1.1 Report to the [Treasurer](#d-treasurer).\n");
    let check = clerk_in(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let said = stderr(&check);
    assert!(
        said.contains("error[broken-reference]: no clause or section d-treasurer"),
        "{said}"
    );
    assert!(said.contains("`#d-chief-officer`"), "{said}");
}
