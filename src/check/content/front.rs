//! Checks on a page's front matter: `missing-title`, `review-overdue` (an error with
//! `--strict`) and `missing-review-date`.

use super::Ctx;
use crate::diagnostics::Diagnostic;

pub(super) fn title(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    if cx
        .page
        .front
        .title
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
    {
        return;
    }
    out.push(cx.at_line(
        Diagnostic::error("missing-title", "this page has no title"),
        cx.page.key_line("title"),
    ).help("Add `title: …` to the front matter (between the `---` lines): it is the page's main heading and its name in menus, lists, search results and the browser tab."));
}

pub(super) fn review(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let (page, today) = (cx.page, cx.site.today);
    let overdue = |msg: String| {
        if cx.strict {
            Diagnostic::error("review-overdue", msg)
        } else {
            Diagnostic::warning("review-overdue", msg)
        }
    };
    let help = "Check the facts against the page's sources (laws, fees, phone numbers, addresses change), correct what is out of date, then set `reviewed:` to the date of the check and `review_by:` to the date of the next one.";
    if let Some(by) = page.review_by.filter(|by| *by < today) {
        let days = (today - by).get_days();
        let ago = if days == 1 {
            "1 day".to_string()
        } else {
            format!("{days} days")
        };
        out.push(cx.at_line(
            overdue(format!("this page was due for review on {by} ({ago} ago): its information may be out of date")),
            page.key_line("review_by"),
        ).help(help));
    }
    let period = cx.site.config.review_period_days;
    if let Some(reviewed) = page.reviewed {
        let due = reviewed.checked_add(jiff::Span::new().days(i64::from(period)));
        if due.is_ok_and(|due| due < today) {
            out.push(cx.at_line(
                overdue(format!("this page was last reviewed on {reviewed}, more than {period} days ago (`review_period_days` in campaign.yaml): its information may be out of date")),
                page.key_line("reviewed"),
            ).help(help));
        }
    } else if !page.is_index() && page.front.reviewed.is_none() {
        out.push(cx.at_line(
            Diagnostic::warning("missing-review-date", "this page does not say when its facts were last checked"),
            1,
        ).help("Add `reviewed: YYYY-MM-DD` (the day someone last checked the facts) to the front matter; the page shows it, and Herald reminds you when a new check is due. Add `review_by:` too if the facts expire on a known date."));
    }
}
