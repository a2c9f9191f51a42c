//! Rendering: draws the state, never changes it. The screen is split into regions by
//! `layout`; each region has its own module. After drawing, the frame is swept by
//! `sanitize::sweep_buffer`, so no text from the data can reach the terminal as a
//! control sequence, whatever widget drew it (the one sequence kept is the OSC 8
//! hyperlink `detail::hyperlinks` builds from a validated URL).

pub mod chart;
mod chrome;
pub mod compare;
pub mod detail;
pub mod list;
pub mod loading;
pub mod overlay;
pub mod overview;
pub mod theme;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::explorer::action::Tab;
use crate::explorer::app::{App, Overlay};
use crate::explorer::layout::text;
use crate::explorer::layout::{MIN_HEIGHT, MIN_WIDTH};
pub use theme::Theme;

/// Draws the whole screen for the current state.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    // The regions come from the size the state last heard of. Should the terminal have
    // changed size since (its resize event still queued), drawing them would reach past
    // the frame: leave it blank; the queued resize redraws at once.
    let area = frame.area();
    if (area.width, area.height) != app.size {
        return;
    }
    let Some(regions) = app.regions() else {
        let lines: Vec<Line> = too_small(frame.area())
            .into_iter()
            .map(|l| Line::styled(l, theme.error))
            .collect();
        frame.render_widget(Paragraph::new(lines), frame.area());
        crate::sanitize::sweep_buffer(frame.buffer_mut());
        return;
    };
    chrome::title(app, theme, frame, regions.title);
    chrome::tabs(app, theme, frame, &regions);
    let urls = if app.tab == Tab::Overview {
        overview::render(app, theme, frame, regions.body);
        Vec::new()
    } else {
        list::render(app, theme, frame, &regions);
        detail::render(app, theme, frame, regions.detail)
    };
    chrome::footer(app, theme, frame, regions.footer);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => overlay::help(app, theme, frame, *scroll),
        Overlay::Picker(picker) => overlay::picker(theme, frame, picker, app),
        Overlay::Compare(c) => compare::render(app, theme, frame, regions.body, c),
    }
    if let Some(crate::explorer::app::Input::Jump(jump)) = &app.input {
        overlay::jump(app, theme, frame, jump);
    }
    // Last, over whatever is drawn: a link never outlives the text it covers.
    if theme.hyperlinks {
        detail::hyperlinks(frame.buffer_mut(), &urls);
    }
    crate::sanitize::sweep_buffer(frame.buffer_mut());
}

/// The message for a screen below the minimum, in the fewest lines that show it whole
/// (the size needed is the part that matters most, so it goes on its own line first).
fn too_small(area: ratatui::layout::Rect) -> Vec<String> {
    let need = format!("{MIN_WIDTH}×{MIN_HEIGHT}");
    let layouts = [
        vec![format!("terminal too small (need {need})")],
        vec!["terminal too small".to_owned(), format!("(need {need})")],
        vec!["too small".to_owned(), format!("need {need}")],
        vec!["too".to_owned(), "small".to_owned(), "need".to_owned(), need.clone()],
        vec![need.clone()],
    ];
    let fits = |lines: &[String]| {
        lines.len() <= usize::from(area.height) && lines.iter().all(|l| text::width(l) <= usize::from(area.width))
    };
    match layouts.iter().find(|l| fits(l)) {
        Some(lines) => lines.clone(),
        None => vec![text::fit(&need, usize::from(area.width))],
    }
}
