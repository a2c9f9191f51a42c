//! Rendering: draws the state, never changes it. The screen is split into regions by
//! `layout`; each region has its own module. After drawing, the frame is swept by
//! `sanitize::sweep_buffer`, so no text from the data can reach the terminal as a
//! control sequence, whatever widget drew it.

pub mod chart;
mod chrome;
pub mod detail;
pub mod list;
pub mod overlay;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::{App, Overlay};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
pub use theme::Theme;

/// Draws the whole screen for the current state.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let Some(regions) = app.regions() else {
        let message = format!("terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})");
        let text = text::fit(&message, usize::from(frame.area().width));
        frame.render_widget(Paragraph::new(Line::styled(text, theme.error)), frame.area());
        crate::sanitize::sweep_buffer(frame.buffer_mut());
        return;
    };
    chrome::title(app, theme, frame, regions.title);
    chrome::tabs(app, theme, frame, &regions);
    list::render(app, theme, frame, &regions);
    detail::render(app, theme, frame, regions.detail);
    chrome::footer(app, theme, frame, regions.footer);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => overlay::help(app, theme, frame, *scroll),
        Overlay::Picker(picker) => overlay::picker(theme, frame, picker, app),
    }
    if let Some(crate::app::Input::Jump(jump)) = &app.input {
        overlay::jump(app, theme, frame, jump);
    }
    crate::sanitize::sweep_buffer(frame.buffer_mut());
}
