//! Documents adopted from a model (`model = "..."`): the model must exist,
//! its statutory provisions must be kept as they are, every blank must be
//! filled, and a newer release of the model is worth knowing of.

use crate::check::Finding;
use crate::diagnostic::Diagnostic;
use crate::diff::upgrade::UNRESOLVED;
use crate::diff::variations::{Variation, blanks, schedule};
use crate::model::adoption::{model_of, model_reference, newer_model};
use crate::model::{Block, Council, Document, Standing, plain_text, span_of, standing};

/// The findings about `council`'s documents that name a model, among `councils`.
pub fn check(councils: &[Council], council: &Council) -> Vec<Finding> {
    let mut out = Vec::new();
    for document in &council.documents {
        let Some(reference) = &document.front_matter.model else {
            continue;
        };
        let unresolved = unresolved_changes(document);
        // A version no longer in force keeps the variations it was adopted with.
        if standing(council, document) == Standing::Replaced {
            continue;
        }
        let mut found = Vec::new();
        match model_of(councils, council, document) {
            None => {
                let (owner, id) = model_reference(reference.get_ref(), &council.id);
                found.push(
                    Diagnostic::error(
                        "model",
                        format!("`model` names `{}`, which is not a document clerk has read", reference.get_ref()),
                    )
                    .with_span(span_of(reference))
                    .with_help(format!(
                        "name the model's version as `council/document` (here the document `{id}` of the council `{owner}`), with the model's folder beside the councils in the protocols folder"
                    )),
                );
            }
            Some((owner, model)) => {
                found.extend(statutory(model, document, span_of(reference)));
                // A draft on its way that names the newer release is the answer.
                let answered = |newer: &Document| {
                    crate::model::successor_on_its_way(council, document).is_some_and(|next| {
                        model_of(councils, council, next).is_some_and(|(_, m)| m.id == newer.id)
                    })
                };
                if let Some(newer) = newer_model(owner, model).filter(|n| !answered(n)) {
                    found.push(
                        Diagnostic::note(
                            "newer-model",
                            format!(
                                "the model `{}` (version {}) has a newer release: `{}` (version {})",
                                reference.get_ref(),
                                model.front_matter.version,
                                newer.id,
                                newer.front_matter.version
                            ),
                        )
                        .with_span(span_of(reference))
                        .with_help(format!(
                            "`clerk diff` of `{}.md` and `{}.md` in the `{}` folder shows what the release changes; `clerk new revision FILE --to-model {}/{}` makes a draft of this document brought up to it",
                            model.id, newer.id, owner.id, owner.id, newer.id
                        )),
                    );
                }
            }
        }
        found.extend(unfilled_blanks(document));
        found.extend(unresolved);
        out.extend(found.into_iter().map(|diagnostic| Finding {
            document: Some(document.id.clone()),
            diagnostic,
            near: None,
        }));
    }
    out
}

/// An error for each statutory provision of `model` that `document`
/// varies or omits, at the clause (or, for one omitted, at `reference`).
fn statutory(
    model: &Document,
    document: &Document,
    reference: crate::model::Span,
) -> Vec<Diagnostic> {
    let schedule = schedule(model, document);
    schedule
        .statutory_breaches()
        .map(|provision| {
            let number = provision.model_number.as_deref().unwrap_or("?");
            let (message, span) = match provision.variation {
                Variation::Omitted => (
                    format!("this document omits the model's provision {number}, which the model marks statutory"),
                    reference,
                ),
                _ => (
                    format!("this document varies the model's provision {number}, which the model marks statutory"),
                    provision
                        .number
                        .as_deref()
                        .and_then(|n| document.clause_by_label(n))
                        .map_or(reference, |clause| clause.label.span),
                ),
            };
            Diagnostic::error("statutory-provision", message)
                .with_span(span)
                .with_help(format!(
                    "the model's text is: \"{}\"; keep it word for word (a statutory provision carries the law's own words)",
                    provision.model_text.as_deref().unwrap_or("")
                ))
        })
        .collect()
}

/// An error for each paragraph of `document` that still holds a blank.
fn unfilled_blanks(document: &Document) -> Vec<Diagnostic> {
    document
        .paragraphs()
        .into_iter()
        .filter(|p| !blanks(&plain_text(&p.content)).is_empty())
        .map(|p| {
            Diagnostic::error(
                "unfilled-blank",
                "this paragraph still has a blank from the model, such as \"( )\"",
            )
            .with_span(p.span)
            .with_help("fill it with the council's own words or figure")
        })
        .collect()
}

/// An error for each quotation `clerk new revision --to-model` left to
/// mark a conflict between the council's text and the model's new release.
fn unresolved_changes(document: &Document) -> Vec<Diagnostic> {
    fn walk(block: &Block, out: &mut Vec<Diagnostic>) {
        let inner: Vec<&Block> = match block {
            Block::Quote(quote) => {
                if let Some(Block::Paragraph(first)) = quote.body.first()
                    && plain_text(&first.content).starts_with(UNRESOLVED)
                {
                    out.push(
                        Diagnostic::error(
                            "unresolved-model-change",
                            "the council's text and the model's new release still differ here",
                        )
                        .with_span(first.span)
                        .with_help("keep the council's text or take the model's (the quotation says which is which), then delete the quotation"),
                    );
                }
                quote.body.iter().collect()
            }
            Block::Clause(clause) => clause.body.iter().collect(),
            Block::List(list) => list.items.iter().flat_map(|i| &i.body).collect(),
            Block::Paragraph(_) | Block::Table(_) => Vec::new(),
        };
        for block in inner {
            walk(block, out);
        }
    }
    let mut out = Vec::new();
    let blocks = document
        .preamble
        .iter()
        .chain(document.sections.iter().flat_map(|s| &s.blocks));
    for block in blocks {
        walk(block, &mut out);
    }
    out
}
