//! What the terminal can show: the colour depth chosen from `--color`, `NO_COLOR`,
//! `COLORTERM` and `TERM`, and the mapping of any colour down to that depth; and whether
//! it shows OSC 8 hyperlinks ([`hyperlinks`]).
//!
//! Pure functions of their inputs: the environment and whether stdout is a terminal
//! are passed in, never read here. Themes (which colours to use) are the UI's; this
//! module only says how many colours there are and converts.

use ratatui::style::{Color, Style};

use crate::env::Env;
use crate::settings::ColorChoice;

/// How many colours the terminal shows, from most to fewest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorDepth {
    /// 24-bit RGB.
    TrueColor,
    /// The xterm 256-colour palette.
    Ansi256,
    /// The 16 named colours (the user's own palette).
    Ansi16,
    /// No colour at all: emphasis by bold, reverse and underline only.
    None,
}

/// The colour depth to draw with.
///
/// - `--color never` → none; `--color always` → what `COLORTERM`/`TERM` say, at least 16,
///   whatever `NO_COLOR` says and even when stdout is not a terminal.
/// - `--color auto` → none when stdout is not a terminal, `NO_COLOR` is set to anything
///   non-empty, or `TERM` is unset, empty or `dumb`; else truecolor when `COLORTERM` is
///   `truecolor` or `24bit` (or `TERM` ends in `-direct`), 256 when `TERM` ends in
///   `256color`, 16 for anything else (`xterm`, `linux`, `vt220`, …).
#[must_use]
pub fn detect(choice: ColorChoice, env: &Env, stdout_is_terminal: bool) -> ColorDepth {
    let from_term = || {
        let term = env.get("TERM").unwrap_or("");
        let colorterm = env.get("COLORTERM").unwrap_or("").to_ascii_lowercase();
        if term.is_empty() || term == "dumb" {
            ColorDepth::None
        } else if colorterm == "truecolor" || colorterm == "24bit" || term.ends_with("-direct") {
            ColorDepth::TrueColor
        } else if term.ends_with("256color") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    };
    match choice {
        ColorChoice::Never => ColorDepth::None,
        ColorChoice::Always => from_term().min(ColorDepth::Ansi16),
        ColorChoice::Auto if !stdout_is_terminal || env.is_set("NO_COLOR") => ColorDepth::None,
        ColorChoice::Auto => from_term(),
    }
}

/// Whether to draw source URLs as OSC 8 hyperlinks (a click opens the source).
///
/// Never with `--color never`, with `NO_COLOR` (unless `--color always`), or when stdout
/// is not a terminal: plain text there. Then `SHUIBEI_HYPERLINKS=always` or `never`
/// decides, for a terminal this cannot recognise (over SSH only `TERM` arrives).
/// Otherwise, only terminals known to show them, since an unknown one might print the
/// sequence as text:
/// - inside tmux, only tmux 3.4 or later (`TERM_PROGRAM=tmux`, `TERM_PROGRAM_VERSION`),
///   which passes links on to a terminal it knows shows them and drops them silently
///   otherwise; never inside GNU screen (`STY`, `TERM=screen*` without tmux), which
///   does not know them;
/// - by `TERM_PROGRAM`: iTerm2 (`iTerm.app`), `WezTerm`, VS Code (`vscode`), Ghostty,
///   Hyper, Tabby, Rio, Warp (`WarpTerminal`), mintty;
/// - by `TERM`: kitty (`xterm-kitty`), Alacritty, foot, Ghostty (`xterm-ghostty`),
///   `WezTerm` (`wezterm`), Contour, Rio; kitty also by `KITTY_WINDOW_ID`;
/// - Windows Terminal (`WT_SESSION`), VTE terminals (GNOME Terminal, Tilix, Terminator…)
///   from VTE 0.50 (`VTE_VERSION` ≥ 5000), Konsole from 20.12 (`KONSOLE_VERSION` ≥ 201200).
///
/// Anything else (xterm, the Linux console, Apple's Terminal, an unknown `TERM`) gets
/// plain text; the URL is shown whole either way.
#[must_use]
pub fn hyperlinks(choice: ColorChoice, env: &Env, stdout_is_terminal: bool) -> bool {
    let no_color = choice == ColorChoice::Auto && env.is_set("NO_COLOR");
    if !stdout_is_terminal || choice == ColorChoice::Never || no_color {
        return false;
    }
    match env.get("SHUIBEI_HYPERLINKS").map(str::to_ascii_lowercase).as_deref() {
        Some("always") => return true,
        Some("never") => return false,
        _ => {}
    }
    let term = env.get("TERM").unwrap_or("");
    let program = env.get("TERM_PROGRAM").unwrap_or("");
    if term.is_empty() || term == "dumb" {
        return false;
    }
    // A multiplexer stands between us and the terminal: it decides, whatever the
    // variables inherited from the terminal it was started in say.
    if program == "tmux" {
        return version(env.get("TERM_PROGRAM_VERSION")) >= (3, 4);
    }
    if env.is_set("TMUX") || env.is_set("STY") || term.starts_with("screen") {
        return false;
    }
    let number = |name: &str| env.get(name).and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(0);
    matches!(
        program,
        "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Hyper" | "Tabby" | "rio" | "WarpTerminal" | "mintty"
    ) || matches!(
        term,
        "xterm-kitty" | "alacritty" | "foot" | "foot-extra" | "xterm-ghostty" | "wezterm" | "contour" | "rio"
    ) || env.is_set("KITTY_WINDOW_ID")
        || env.is_set("WT_SESSION")
        || number("VTE_VERSION") >= 5000
        || number("KONSOLE_VERSION") >= 201_200
}

/// `3.4`, `3.5a`, `next-3.6` → (major, minor); (0, 0) when unreadable.
fn version(text: Option<&str>) -> (u32, u32) {
    let text = text.unwrap_or("");
    let text = text.strip_prefix("next-").unwrap_or(text);
    let mut parts = text.split('.').map(|p| {
        p.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse::<u32>()
            .unwrap_or(0)
    });
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The xterm palette's value for each of the 16 named colours (terminals differ; this
/// is the common reference used to pick the nearest).
const NAMED: [(Color, [u8; 3]); 16] = [
    (Color::Black, [0, 0, 0]),
    (Color::Red, [205, 0, 0]),
    (Color::Green, [0, 205, 0]),
    (Color::Yellow, [205, 205, 0]),
    (Color::Blue, [0, 0, 238]),
    (Color::Magenta, [205, 0, 205]),
    (Color::Cyan, [0, 205, 205]),
    (Color::Gray, [229, 229, 229]),
    (Color::DarkGray, [127, 127, 127]),
    (Color::LightRed, [255, 0, 0]),
    (Color::LightGreen, [0, 255, 0]),
    (Color::LightYellow, [255, 255, 0]),
    (Color::LightBlue, [92, 92, 255]),
    (Color::LightMagenta, [255, 0, 255]),
    (Color::LightCyan, [0, 255, 255]),
    (Color::White, [255, 255, 255]),
];

/// The six levels of each channel in the 256-colour cube (indices 16–231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| {
            let d = u32::from(x.abs_diff(y));
            d * d
        })
        .sum()
}

/// The RGB value of a 256-palette index (0–15 as in [`NAMED`]).
fn indexed_rgb(i: u8) -> [u8; 3] {
    match i {
        0..=15 => NAMED[usize::from(i)].1,
        16..=231 => {
            let i = i - 16;
            [
                CUBE[usize::from(i / 36)],
                CUBE[usize::from(i / 6 % 6)],
                CUBE[usize::from(i % 6)],
            ]
        }
        _ => {
            let level = 8 + 10 * (i - 232);
            [level; 3]
        }
    }
}

/// The nearest index in the cube or the grey ramp (16–255); 0–15 are skipped because
/// their real colours are whatever the user's palette says.
fn nearest_indexed(rgb: [u8; 3]) -> u8 {
    let level = |c: u8| -> u8 {
        // CUBE has 6 entries, so the position fits in a u8.
        #[allow(clippy::cast_possible_truncation)]
        let nearest = (0..CUBE.len()).min_by_key(|&k| CUBE[k].abs_diff(c)).unwrap_or(0) as u8;
        nearest
    };
    let cube = 16 + 36 * level(rgb[0]) + 6 * level(rgb[1]) + level(rgb[2]);
    let average = (u32::from(rgb[0]) + u32::from(rgb[1]) + u32::from(rgb[2])) / 3;
    // The ramp runs 8, 18, …, 238 in 24 steps; the clamp keeps the index in 232–255.
    #[allow(clippy::cast_possible_truncation)]
    let grey = 232 + ((average.saturating_sub(3)) / 10).min(23) as u8;
    if distance(indexed_rgb(grey), rgb) < distance(indexed_rgb(cube), rgb) {
        grey
    } else {
        cube
    }
}

fn nearest_named(rgb: [u8; 3]) -> Color {
    NAMED
        .iter()
        .min_by_key(|(_, value)| distance(*value, rgb))
        .map_or(Color::Reset, |(color, _)| *color)
}

/// A colour as the terminal at `depth` can show it: RGB to the nearest 256-palette
/// index or the nearest named colour, indices above 15 to the nearest named colour,
/// and every colour to [`Color::Reset`] when there is no colour.
#[must_use]
pub fn downgrade(color: Color, depth: ColorDepth) -> Color {
    match (depth, color) {
        (ColorDepth::None, _) => Color::Reset,
        (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_indexed([r, g, b])),
        (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => nearest_named([r, g, b]),
        (ColorDepth::Ansi16, Color::Indexed(i)) if i < 16 => NAMED[usize::from(i)].0,
        (ColorDepth::Ansi16, Color::Indexed(i)) => nearest_named(indexed_rgb(i)),
        // Truecolor shows everything; named colours and Reset are shown at every depth.
        (_, c) => c,
    }
}

/// A style with its colours downgraded and its modifiers (bold, reverse, underline, …)
/// untouched, so emphasis survives a terminal with no colour.
#[must_use]
pub fn downgrade_style(style: Style, depth: ColorDepth) -> Style {
    Style {
        fg: style.fg.map(|c| downgrade(c, depth)),
        bg: style.bg.map(|c| downgrade(c, depth)),
        underline_color: style.underline_color.map(|c| downgrade(c, depth)),
        ..style
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn auto(pairs: &[(&str, &str)]) -> ColorDepth {
        detect(ColorChoice::Auto, &Env::from_pairs(pairs.iter().copied()), true)
    }

    #[test]
    fn term_sets_the_depth() {
        assert_eq!(auto(&[("TERM", "xterm-256color")]), ColorDepth::Ansi256);
        assert_eq!(auto(&[("TERM", "screen-256color")]), ColorDepth::Ansi256);
        assert_eq!(auto(&[("TERM", "xterm")]), ColorDepth::Ansi16);
        assert_eq!(auto(&[("TERM", "linux")]), ColorDepth::Ansi16);
        assert_eq!(auto(&[("TERM", "xterm-direct")]), ColorDepth::TrueColor);
        assert_eq!(auto(&[("TERM", "dumb")]), ColorDepth::None);
        assert_eq!(auto(&[("TERM", "")]), ColorDepth::None);
        assert_eq!(auto(&[]), ColorDepth::None, "no TERM: nothing known, no colour");
    }

    #[test]
    fn colorterm_announces_truecolor() {
        for value in ["truecolor", "24bit", "TrueColor"] {
            assert_eq!(
                auto(&[("TERM", "xterm-256color"), ("COLORTERM", value)]),
                ColorDepth::TrueColor
            );
        }
        assert_eq!(auto(&[("TERM", "xterm"), ("COLORTERM", "yes")]), ColorDepth::Ansi16);
        assert_eq!(auto(&[("TERM", "dumb"), ("COLORTERM", "truecolor")]), ColorDepth::None);
    }

    #[test]
    fn no_color_turns_colour_off_unless_always() {
        let pairs = [
            ("TERM", "xterm-256color"),
            ("NO_COLOR", "1"),
            ("COLORTERM", "truecolor"),
        ];
        assert_eq!(auto(&pairs), ColorDepth::None);
        let env = Env::from_pairs(pairs);
        assert_eq!(detect(ColorChoice::Always, &env, true), ColorDepth::TrueColor);
        assert_eq!(
            auto(&[("TERM", "xterm"), ("NO_COLOR", "")]),
            ColorDepth::Ansi16,
            "empty means unset"
        );
    }

    #[test]
    fn always_gives_at_least_16_and_never_gives_none() {
        let dumb = Env::from_pairs([("TERM", "dumb")]);
        assert_eq!(detect(ColorChoice::Always, &dumb, false), ColorDepth::Ansi16);
        assert_eq!(detect(ColorChoice::Always, &Env::default(), false), ColorDepth::Ansi16);
        let rich = Env::from_pairs([("TERM", "xterm-256color"), ("COLORTERM", "truecolor")]);
        assert_eq!(detect(ColorChoice::Never, &rich, true), ColorDepth::None);
        assert_eq!(detect(ColorChoice::Always, &rich, false), ColorDepth::TrueColor);
    }

    #[test]
    fn auto_without_a_terminal_means_no_colour() {
        let env = Env::from_pairs([("TERM", "xterm-256color")]);
        assert_eq!(detect(ColorChoice::Auto, &env, false), ColorDepth::None);
    }

    fn links(pairs: &[(&str, &str)]) -> bool {
        hyperlinks(ColorChoice::Auto, &Env::from_pairs(pairs.iter().copied()), true)
    }

    #[test]
    fn known_terminals_get_hyperlinks_and_unknown_ones_plain_text() {
        for yes in [
            &[("TERM", "xterm-kitty")][..],
            &[("TERM", "alacritty")],
            &[("TERM", "foot")],
            &[("TERM", "xterm-ghostty")],
            &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "iTerm.app")],
            &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "WezTerm")],
            &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "vscode")],
            &[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")],
            &[("TERM", "xterm-256color"), ("KONSOLE_VERSION", "230805")],
            &[("TERM", "xterm-256color"), ("WT_SESSION", "8c2d…")],
            &[("TERM", "xterm-256color"), ("KITTY_WINDOW_ID", "1")],
            &[
                ("TERM", "tmux-256color"),
                ("TERM_PROGRAM", "tmux"),
                ("TERM_PROGRAM_VERSION", "3.4"),
            ],
            &[
                ("TERM", "screen-256color"),
                ("TMUX", "/tmp/t,1,0"),
                ("TERM_PROGRAM", "tmux"),
                ("TERM_PROGRAM_VERSION", "3.5a"),
            ],
            &[
                ("TERM", "tmux-256color"),
                ("TERM_PROGRAM", "tmux"),
                ("TERM_PROGRAM_VERSION", "next-3.6"),
            ],
        ] {
            assert!(links(yes), "{yes:?}");
        }
        for no in [
            &[("TERM", "xterm-256color")][..],
            &[("TERM", "xterm")],
            &[("TERM", "linux")],
            &[("TERM", "dumb"), ("TERM_PROGRAM", "WezTerm")],
            &[],
            &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "Apple_Terminal")],
            &[("TERM", "xterm-256color"), ("VTE_VERSION", "4803")],
            &[("TERM", "xterm-256color"), ("VTE_VERSION", "new")],
            // Old tmux drops the sequence, and variables from the outer terminal do not count.
            &[
                ("TERM", "screen-256color"),
                ("TMUX", "/tmp/t,1,0"),
                ("TERM_PROGRAM", "tmux"),
                ("TERM_PROGRAM_VERSION", "3.3a"),
                ("KITTY_WINDOW_ID", "1"),
            ],
            &[
                ("TERM", "screen-256color"),
                ("TMUX", "/tmp/t,1,0"),
                ("VTE_VERSION", "7600"),
            ],
            &[
                ("TERM", "screen.xterm-256color"),
                ("STY", "1.pts-0.host"),
                ("TERM_PROGRAM", "WezTerm"),
            ],
        ] {
            assert!(!links(no), "{no:?}");
        }
    }

    #[test]
    fn no_color_never_a_pipe_and_the_override_decide_first() {
        let kitty = [("TERM", "xterm-kitty")];
        assert!(!links(&[("TERM", "xterm-kitty"), ("NO_COLOR", "1")]));
        let env = Env::from_pairs(kitty);
        assert!(!hyperlinks(ColorChoice::Never, &env, true));
        assert!(!hyperlinks(ColorChoice::Auto, &env, false));
        assert!(hyperlinks(
            ColorChoice::Always,
            &Env::from_pairs([("TERM", "xterm-kitty"), ("NO_COLOR", "1")]),
            true
        ));
        assert!(links(&[("TERM", "xterm-256color"), ("SHUIBEI_HYPERLINKS", "always")]));
        assert!(!links(&[("TERM", "xterm-kitty"), ("SHUIBEI_HYPERLINKS", "never")]));
        assert!(links(&[("TERM", "xterm-kitty"), ("SHUIBEI_HYPERLINKS", "auto")]));
        assert!(!links(&[
            ("TERM", "xterm-256color"),
            ("SHUIBEI_HYPERLINKS", "always"),
            ("NO_COLOR", "1")
        ]));
    }

    #[test]
    fn rgb_maps_to_the_nearest_palette_entry() {
        let to256 = |r, g, b| downgrade(Color::Rgb(r, g, b), ColorDepth::Ansi256);
        assert_eq!(to256(255, 0, 0), Color::Indexed(196));
        assert_eq!(to256(0, 0, 0), Color::Indexed(16));
        assert_eq!(to256(255, 255, 255), Color::Indexed(231));
        assert_eq!(to256(212, 175, 55), Color::Indexed(179), "gold: 215,175,95");
        assert_eq!(to256(128, 128, 128), Color::Indexed(244), "mid grey is on the ramp");
        assert_eq!(to256(18, 18, 18), Color::Indexed(233));
        let to16 = |r, g, b| downgrade(Color::Rgb(r, g, b), ColorDepth::Ansi16);
        assert_eq!(to16(212, 175, 55), Color::Yellow);
        assert_eq!(to16(250, 10, 10), Color::LightRed);
        assert_eq!(to16(20, 20, 30), Color::Black);
        assert_eq!(to16(120, 120, 120), Color::DarkGray);
        assert_eq!(to16(90, 90, 250), Color::LightBlue);
    }

    #[test]
    fn indexed_colours_map_down_to_named_ones() {
        assert_eq!(downgrade(Color::Indexed(1), ColorDepth::Ansi16), Color::Red);
        assert_eq!(downgrade(Color::Indexed(15), ColorDepth::Ansi16), Color::White);
        assert_eq!(downgrade(Color::Indexed(196), ColorDepth::Ansi16), Color::LightRed);
        assert_eq!(downgrade(Color::Indexed(178), ColorDepth::Ansi16), Color::Yellow);
        assert_eq!(downgrade(Color::Indexed(244), ColorDepth::Ansi16), Color::DarkGray);
        assert_eq!(downgrade(Color::Indexed(178), ColorDepth::Ansi256), Color::Indexed(178));
    }

    #[test]
    fn every_256_index_round_trips_through_its_rgb() {
        for i in 16..=255u8 {
            let back = nearest_indexed(indexed_rgb(i));
            assert_eq!(indexed_rgb(back), indexed_rgb(i), "index {i} came back as {back}");
        }
    }

    #[test]
    fn named_colours_stay_and_nothing_survives_no_colour() {
        assert_eq!(downgrade(Color::Cyan, ColorDepth::Ansi16), Color::Cyan);
        assert_eq!(
            downgrade(Color::Rgb(1, 2, 3), ColorDepth::TrueColor),
            Color::Rgb(1, 2, 3)
        );
        for c in [Color::Cyan, Color::Rgb(1, 2, 3), Color::Indexed(200), Color::Reset] {
            assert_eq!(downgrade(c, ColorDepth::None), Color::Reset);
        }
    }

    #[test]
    fn styles_keep_their_emphasis() {
        let style = Style::new()
            .fg(Color::Rgb(212, 175, 55))
            .bg(Color::Blue)
            .bold()
            .reversed()
            .underlined();
        let plain = downgrade_style(style, ColorDepth::None);
        assert_eq!(plain.fg, Some(Color::Reset));
        assert_eq!(plain.bg, Some(Color::Reset));
        assert!(
            plain
                .add_modifier
                .contains(Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED)
        );
        let sixteen = downgrade_style(style, ColorDepth::Ansi16);
        assert_eq!(sixteen.fg, Some(Color::Yellow));
        assert_eq!(sixteen.add_modifier, style.add_modifier);
        assert_eq!(
            downgrade_style(Style::new(), ColorDepth::None),
            Style::new(),
            "unset stays unset"
        );
    }
}
