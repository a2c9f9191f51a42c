//! Every style the explorer uses, in one place. Colours are the terminal's named ANSI
//! colours, so they follow the user's palette; with no colour, every distinction that
//! matters (selection, active tab, matches, low reliability, links) still shows through
//! reverse video, bold and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::explorer::layout::text::Role;

/// Which palette to draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    Dark,
    Light,
    /// No colour at all: modifiers only.
    Mono,
}

/// The styles of the explorer.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub palette: Palette,
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub title_zh: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub border: Style,
    pub border_focus: Style,
    pub column_header: Style,
    pub selected: Style,
    /// The selection of the list while the detail pane has the keyboard.
    pub selected_idle: Style,
    /// Characters a search matched.
    pub matched: Style,
    pub label: Style,
    pub link: Style,
    pub link_selected: Style,
    pub heading: Style,
    pub high: Style,
    pub medium: Style,
    pub low: Style,
    pub quote: Style,
    pub status: Style,
    pub error: Style,
    pub key: Style,
    pub hint: Style,
    pub bar: Style,
    pub bar_selected: Style,
    pub gauge: Style,
    pub overlay: Style,
    /// Whether the terminal shows OSC 8 hyperlinks (`term::hyperlinks`): source URLs
    /// are then drawn as links. Off unless the terminal owner turns it on.
    pub hyperlinks: bool,
}

impl Theme {
    #[must_use]
    pub fn new(palette: Palette) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let underline = Style::new().add_modifier(Modifier::UNDERLINED);
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        let mono = Theme {
            palette,
            base: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            title: bold,
            title_zh: bold,
            tab: Style::new(),
            tab_active: reverse.add_modifier(Modifier::BOLD),
            border: Style::new(),
            border_focus: bold,
            column_header: bold.add_modifier(Modifier::UNDERLINED),
            selected: reverse,
            selected_idle: underline,
            matched: bold.add_modifier(Modifier::UNDERLINED),
            label: Style::new().add_modifier(Modifier::DIM),
            link: underline,
            link_selected: reverse,
            heading: bold,
            high: Style::new(),
            medium: Style::new(),
            low: bold.add_modifier(Modifier::UNDERLINED),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            status: bold,
            error: bold.add_modifier(Modifier::REVERSED),
            key: bold,
            hint: Style::new(),
            bar: reverse,
            bar_selected: reverse.add_modifier(Modifier::BOLD),
            gauge: reverse,
            overlay: Style::new(),
            hyperlinks: false,
        };
        let (accent, accent2, warn, good, soft) = match palette {
            Palette::Mono => return mono,
            Palette::Dark => (
                Color::Cyan,
                Color::Yellow,
                Color::LightRed,
                Color::Green,
                Color::DarkGray,
            ),
            Palette::Light => (Color::Blue, Color::Magenta, Color::Red, Color::Green, Color::Gray),
        };
        Theme {
            title: bold.fg(accent2),
            title_zh: bold.fg(accent2),
            tab_active: mono.tab_active.fg(accent),
            border_focus: bold.fg(accent),
            column_header: bold.fg(accent),
            selected: reverse.fg(accent),
            selected_idle: underline.fg(accent),
            matched: bold.fg(accent2).add_modifier(Modifier::UNDERLINED),
            link: underline.fg(accent),
            link_selected: reverse.fg(accent),
            heading: bold.fg(accent),
            high: Style::new().fg(good),
            medium: Style::new().fg(accent2),
            low: bold.fg(warn),
            status: bold.fg(accent),
            error: bold.fg(warn),
            key: bold.fg(accent),
            border: Style::new().fg(soft),
            bar: Style::new().fg(accent),
            bar_selected: bold.fg(accent2),
            gauge: Style::new().fg(accent),
            ..mono
        }
    }

    /// The style of a piece of laid-out text.
    #[must_use]
    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Base => self.base,
            Role::Dim => self.dim,
            Role::Title => self.title,
            Role::TitleZh => self.title_zh,
            Role::Label => self.label,
            Role::Matched => self.matched,
            Role::Low => self.low,
            Role::Heading => self.heading,
            Role::Link => self.link,
            Role::LinkSelected => self.link_selected,
            Role::Quote => self.quote,
            Role::Key => self.key,
            Role::Reliability(reliability) => self.reliability(Some(reliability)),
        }
    }

    /// The style of a reliability mark.
    #[must_use]
    pub fn reliability(&self, reliability: Option<crate::data::model::Reliability>) -> Style {
        use crate::data::model::Reliability;
        match reliability {
            Some(Reliability::High) => self.high,
            Some(Reliability::Medium) => self.medium,
            Some(Reliability::Low) | None => self.low,
        }
    }
}
