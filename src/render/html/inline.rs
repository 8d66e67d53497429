//! Inline content to escaped HTML: text, emphasis, links, line breaks.
//!
//! Every character of source text is escaped, so raw HTML in a source (a
//! pasted `<script>`, an `onerror=` attribute) reaches the page as visible
//! text, never as markup. Only `http:`, `https:`, `mailto:` and `tel:` links
//! and resolved cross-references become `href`s.

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::model::{Inline, LinkTarget};
use crate::render::present::links::Links;

/// Escaped HTML for inline content of document `from`.
pub fn inline_html(inlines: &[Inline], from: &str, links: &Links<'_>) -> String {
    let mut out = String::new();
    push_inlines(inlines, from, links, &mut out);
    out
}

fn push_inlines(inlines: &[Inline], from: &str, links: &Links<'_>, out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => push_text(text, out),
            Inline::Code { text } => {
                out.push_str("<code>");
                push_text(text, out);
                out.push_str("</code>");
            }
            Inline::Emphasis { content } => wrap("em", content, from, links, out),
            Inline::Strong { content } => wrap("strong", content, from, links, out),
            Inline::Break => out.push_str("<br>"),
            Inline::Link {
                target, content, ..
            } => match links.resolve(from, target) {
                Some(destination) => {
                    let href = destination.href();
                    let class = match target {
                        LinkTarget::External { .. } => "external",
                        LinkTarget::CrossRef { .. } => "xref",
                    };
                    out.push_str(&format!("<a class=\"{class}\" href=\""));
                    // escape_href makes the URL safe inside a quoted attribute.
                    let _ = escape_href(&mut *out, &href);
                    out.push_str("\">");
                    push_inlines(content, from, links, out);
                    out.push_str("</a>");
                }
                // An unresolved reference (reported by `clerk check`) keeps its text.
                None => push_inlines(content, from, links, out),
            },
        }
    }
}

fn wrap(tag: &str, content: &[Inline], from: &str, links: &Links<'_>, out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    push_inlines(content, from, links, out);
    out.push_str(&format!("</{tag}>"));
}

fn push_text(text: &str, out: &mut String) {
    let _ = escape_html(&mut *out, text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Branding, Council};

    fn empty_council() -> Council {
        Council {
            id: "c".into(),
            name: "C".into(),
            short_name: "C".into(),
            parts: vec![],
            branding: Branding::default(),
            documents: vec![],
            reports: vec![],
            as_at: None,
            retired_terms: Vec::new(),
            delegated_powers: Vec::new(),
            successors: Default::default(),
        }
    }

    #[test]
    fn escapes_raw_html_and_drops_unsafe_links() {
        let council = empty_council();
        let links = Links::new(&council, &[], false);
        let inlines = vec![
            Inline::Text {
                text: "<script>alert(1)</script> & <img src=x onerror=alert(1)>".into(),
            },
            Inline::Link {
                target: LinkTarget::External {
                    url: "javascript:alert(1)".into(),
                },
                content: vec![Inline::Text {
                    text: "click".into(),
                }],
                span: Default::default(),
            },
            Inline::Link {
                target: LinkTarget::External {
                    url: "https://example.org/?a=1&b=\"2\"".into(),
                },
                content: vec![Inline::Text {
                    text: "site".into(),
                }],
                span: Default::default(),
            },
        ];
        let html = inline_html(&inlines, "d", &links);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("click"), "{html}");
        assert!(
            html.contains("href=\"https://example.org/?a=1&amp;b=%222%22\""),
            "{html}"
        );
    }
}
