//! The keymap is data: one table of bindings (context, keys, action, footer?) drives key
//! handling, the footer hints, the help overlay and the README's key list, so they can
//! never disagree. The config file may rebind any action by name.
//!
//! This module maps keys to actions and names keys for people; it never changes state.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::explorer::action::{Action, Tab};

/// Where the keyboard is: which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Browsing a tab's list.
    List,
    /// Walking the links of the detail pane.
    Detail,
    /// The help overlay is open.
    Help,
    /// The filter picker is open.
    Picker,
    /// The figures of one question, compared.
    Compare,
    /// Typing in a search or jump box, or a file-name prompt.
    Input,
}

impl Context {
    /// The order in which the help and the README list the contexts.
    pub const HELP_ORDER: [Context; 6] = [
        Context::List,
        Context::Detail,
        Context::Picker,
        Context::Compare,
        Context::Input,
        Context::Help,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Context::List => "Browsing a list",
            Context::Detail => "In the detail pane",
            Context::Help => "Help",
            Context::Picker => "Filter picker",
            Context::Compare => "Comparing figures",
            Context::Input => "Typing in a box",
        }
    }
}

/// A key with its modifiers, as the terminal reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    #[must_use]
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    #[must_use]
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    #[must_use]
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    #[must_use]
    pub const fn alt(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::ALT,
        }
    }

    /// The key of a terminal event, in the one form config keys also take (see
    /// `settings::normalize`: Shift folded into characters, Ctrl letters lower-case,
    /// Shift-Tab as `BackTab`).
    #[must_use]
    pub fn from_event(event: KeyEvent) -> Key {
        let (code, mods) = crate::settings::normalize(event.code, event.modifiers);
        Key { code, mods }
    }

    /// A key that a text box types rather than obeys: a character without Ctrl or Alt.
    #[must_use]
    pub fn is_typed(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// The key as the help overlay and README write it: `Ctrl-P`, `Alt-←`, `PgDn`, `G`.
    #[must_use]
    pub fn name(self) -> String {
        crate::settings::key_name(self.code, self.mods)
    }
}

/// The key that quits from anywhere, whatever the config file rebinds.
const CTRL_C: Key = Key::ctrl('c');

/// Which tabs a binding applies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tabs {
    All,
    Only(&'static [Tab]),
}

impl Tabs {
    fn contains(self, tab: Tab) -> bool {
        match self {
            Tabs::All => true,
            Tabs::Only(list) => list.contains(&tab),
        }
    }
}

/// One line of the keymap.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub context: Context,
    pub tabs: Tabs,
    pub keys: Vec<Key>,
    pub action: Action,
    /// Shown in the footer of this context (the few keys that matter most).
    pub footer: bool,
}

/// Tabs whose columns sort.
const TABLES: &[Tab] = &[Tab::Enterprises, Tab::Brands, Tab::Indicators, Tab::Sources];
/// Tabs that list rows: every tab but the Overview.
const LISTS: &[Tab] = Tab::LISTS;

/// The default bindings, in the order the help overlay lists them.
#[must_use]
#[allow(clippy::too_many_lines)] // a table reads best as one table
pub fn defaults() -> Vec<Binding> {
    use Action as A;
    use Context::{Compare, Detail, Help, Input, List, Picker};
    use KeyCode as K;
    let b = |context, keys: &[Key], action, footer| Binding {
        context,
        tabs: Tabs::All,
        keys: keys.to_vec(),
        action,
        footer,
    };
    let only = |tabs: &'static [Tab], context, keys: &[Key], action, footer| Binding {
        context,
        tabs: Tabs::Only(tabs),
        keys: keys.to_vec(),
        action,
        footer,
    };
    let moves = |context| {
        vec![
            b(context, &[Key::plain(K::Up), Key::ch('k')], A::Up, false),
            b(context, &[Key::plain(K::Down), Key::ch('j')], A::Down, false),
            b(context, &[Key::ctrl('u')], A::HalfPageUp, false),
            b(context, &[Key::ctrl('d')], A::HalfPageDown, false),
            b(context, &[Key::plain(K::PageUp)], A::PageUp, false),
            b(context, &[Key::plain(K::PageDown)], A::PageDown, false),
            b(context, &[Key::plain(K::Home), Key::ch('g')], A::Top, false),
            b(context, &[Key::plain(K::End), Key::ch('G')], A::Bottom, false),
        ]
    };
    let mut table = vec![
        b(
            List,
            &[Key::plain(K::Enter), Key::ch('l'), Key::plain(K::Right)],
            A::Open,
            true,
        ),
        only(LISTS, List, &[Key::ch('/')], A::Search, true),
        // The search box's Esc, once the box is left with a query kept (Enter).
        only(LISTS, List, &[Key::plain(K::Esc)], A::ClearSearch, false),
        b(List, &[Key::ctrl('p')], A::Jump, true),
        // The Overview has no rows to filter: there `/` looks through every record.
        only(&[Tab::Overview], List, &[Key::ch('/')], A::Jump, false),
        only(&[Tab::History], List, &[Key::ch('r')], A::Reverse, true),
        only(TABLES, List, &[Key::ch('s')], A::SortNext, true),
        only(TABLES, List, &[Key::ch('S')], A::SortFlip, false),
        only(LISTS, List, &[Key::ch('f')], A::Filters, true),
        only(&[Tab::Indicators], List, &[Key::ch('=')], A::Compare, true),
        only(&[Tab::Brands], List, &[Key::ch('v')], A::Group, true),
        only(LISTS, List, &[Key::ch('z')], A::Zoom, false),
    ];
    table.extend(moves(List));
    table.extend([
        b(Detail, &[Key::plain(K::Enter)], A::Follow, true),
        b(
            Detail,
            &[Key::plain(K::Esc), Key::ch('h'), Key::plain(K::Left)],
            A::Close,
            true,
        ),
    ]);
    table.extend(moves(Detail));
    table.extend([
        b(List, &[Key::plain(K::Backspace), Key::alt(K::Left)], A::Back, true),
        b(Detail, &[Key::plain(K::Backspace), Key::alt(K::Left)], A::Back, true),
        b(Detail, &[Key::ch('z')], A::Zoom, false),
        b(List, &[Key::plain(K::Tab)], A::NextTab, false),
        b(List, &[Key::plain(K::BackTab)], A::PrevTab, false),
        b(Detail, &[Key::plain(K::Tab)], A::NextTab, false),
        b(Detail, &[Key::plain(K::BackTab)], A::PrevTab, false),
    ]);
    for (n, tab) in ('0'..='5').zip(Tab::ALL) {
        table.push(b(List, &[Key::ch(n)], A::GoTab(tab), false));
        table.push(b(Detail, &[Key::ch(n)], A::GoTab(tab), false));
    }
    table.extend([
        only(LISTS, List, &[Key::ch('y')], A::CopyName, false),
        only(LISTS, List, &[Key::ch('Y')], A::CopyRecord, false),
        only(LISTS, List, &[Key::ch('c')], A::CopyCitation, false),
        only(LISTS, List, &[Key::ch('e')], A::Export, false),
        only(LISTS, Detail, &[Key::ch('y')], A::CopyName, false),
        only(LISTS, Detail, &[Key::ch('Y')], A::CopyRecord, false),
        only(LISTS, Detail, &[Key::ch('c')], A::CopyCitation, true),
        only(LISTS, Detail, &[Key::ch('e')], A::Export, false),
        only(&[Tab::Indicators], Detail, &[Key::ch('=')], A::Compare, false),
        only(LISTS, Detail, &[Key::ch('f')], A::Filters, false),
        only(LISTS, Detail, &[Key::ch('/')], A::Search, false),
        b(Detail, &[Key::ctrl('p')], A::Jump, false),
        b(List, &[Key::ch('?')], A::Help, true),
        b(Detail, &[Key::ch('?')], A::Help, true),
        b(List, &[Key::ctrl('l')], A::Redraw, false),
        b(Detail, &[Key::ctrl('l')], A::Redraw, false),
        b(List, &[Key::ctrl('z')], A::Suspend, false),
        b(Detail, &[Key::ctrl('z')], A::Suspend, false),
        b(List, &[Key::ch('q'), Key::ctrl('c')], A::Quit, true),
        b(Detail, &[Key::ch('q'), Key::ctrl('c')], A::Quit, false),
        // Overlays.
        b(
            Help,
            &[Key::plain(K::Esc), Key::ch('?'), Key::ch('q')],
            A::Dismiss,
            true,
        ),
        b(Help, &[Key::plain(K::Up), Key::ch('k')], A::Up, true),
        b(Help, &[Key::plain(K::Down), Key::ch('j')], A::Down, false),
        b(Help, &[Key::plain(K::PageUp), Key::ctrl('u')], A::PageUp, false),
        b(Help, &[Key::plain(K::PageDown), Key::ctrl('d')], A::PageDown, false),
        b(Help, &[Key::plain(K::Home), Key::ch('g')], A::Top, false),
        b(Help, &[Key::plain(K::End), Key::ch('G')], A::Bottom, false),
        b(Help, &[Key::ctrl('c')], A::Quit, false),
        b(Picker, &[Key::plain(K::Up), Key::ch('k')], A::Up, true),
        b(Picker, &[Key::plain(K::Down), Key::ch('j')], A::Down, false),
        b(Picker, &[Key::ch(' '), Key::plain(K::Enter)], A::ToggleFacet, true),
        b(Picker, &[Key::ch('c')], A::ClearFacets, true),
        b(Picker, &[Key::plain(K::Tab)], A::NextFacet, true),
        b(Picker, &[Key::plain(K::BackTab)], A::PrevFacet, false),
        b(Picker, &[Key::plain(K::PageUp), Key::ctrl('u')], A::PageUp, false),
        b(Picker, &[Key::plain(K::PageDown), Key::ctrl('d')], A::PageDown, false),
        b(Picker, &[Key::plain(K::Home), Key::ch('g')], A::Top, false),
        b(Picker, &[Key::plain(K::End), Key::ch('G')], A::Bottom, false),
        b(
            Picker,
            &[Key::plain(K::Esc), Key::ch('f'), Key::ch('q')],
            A::Dismiss,
            true,
        ),
        b(Picker, &[Key::ctrl('c')], A::Quit, false),
        b(Compare, &[Key::plain(K::Up), Key::ch('k')], A::Up, true),
        b(Compare, &[Key::plain(K::Down), Key::ch('j')], A::Down, false),
        b(Compare, &[Key::plain(K::PageUp), Key::ctrl('u')], A::PageUp, false),
        b(Compare, &[Key::plain(K::PageDown), Key::ctrl('d')], A::PageDown, false),
        b(Compare, &[Key::plain(K::Home), Key::ch('g')], A::Top, false),
        b(Compare, &[Key::plain(K::End), Key::ch('G')], A::Bottom, false),
        b(Compare, &[Key::plain(K::Enter)], A::Follow, true),
        b(
            Compare,
            &[Key::plain(K::Esc), Key::ch('='), Key::ch('q')],
            A::Dismiss,
            true,
        ),
        b(Compare, &[Key::ctrl('c')], A::Quit, false),
        // Text boxes: every other printable key is typed into the box.
        b(Input, &[Key::plain(K::Enter)], A::Accept, true),
        b(Input, &[Key::plain(K::Esc)], A::Cancel, true),
        b(Input, &[Key::plain(K::Backspace)], A::DeleteBack, false),
        b(Input, &[Key::ctrl('w')], A::DeleteWord, false),
        b(Input, &[Key::ctrl('u')], A::DeleteToStart, false),
        b(Input, &[Key::plain(K::Left)], A::CaretLeft, false),
        b(Input, &[Key::plain(K::Right)], A::CaretRight, false),
        b(Input, &[Key::plain(K::Home), Key::ctrl('a')], A::CaretHome, false),
        b(Input, &[Key::plain(K::End), Key::ctrl('e')], A::CaretEnd, false),
        b(Input, &[Key::plain(K::Up)], A::Up, true),
        b(Input, &[Key::plain(K::Down)], A::Down, false),
        b(Input, &[Key::ctrl('p')], A::Jump, false),
        b(Input, &[Key::ctrl('c')], A::Quit, false),
    ]);
    table
}

/// The bindings in force, after any overrides from the config file.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap { bindings: defaults() }
    }
}

impl Keymap {
    /// The default keymap with the config file's `[keys]` overrides applied and checked.
    ///
    /// # Errors
    /// The first bad override, as `FILE:LINE:COLUMN: message; fix the config file`.
    pub fn with_overrides(overrides: &[crate::settings::KeyOverride]) -> Result<Keymap, String> {
        let mut keymap = Keymap::default();
        for o in overrides {
            let keys: Vec<Key> = o
                .keys
                .iter()
                .map(|(code, mods)| Key {
                    code: *code,
                    mods: *mods,
                })
                .collect();
            keymap.rebind(&[(o.action.clone(), keys)]).map_err(|message| {
                format!(
                    "{}: {message}; fix the file, or move it aside to use the defaults",
                    o.place
                )
            })?;
        }
        Ok(keymap)
    }

    /// Rebinds actions by name: each listed action's keys are replaced, in every context
    /// where it is bound. Rules keep the explorer usable whatever the config says: Ctrl-C
    /// always quits (and alone quits overlays and boxes), and a plain character is never
    /// bound in a text box (it is typed there). A key that another action already holds in the same context is
    /// refused rather than silently shadowing one of the two.
    ///
    /// # Errors
    /// A message naming the unknown action (listing the known ones) or the conflict.
    pub fn rebind(&mut self, overrides: &[(String, Vec<Key>)]) -> Result<(), String> {
        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                let known: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                return Err(format!(
                    "unknown action {name:?} in [keys]; known actions: {}",
                    known.join(", ")
                ));
            };
            if action != Action::Quit && keys.contains(&CTRL_C) {
                return Err(format!(
                    "keys.{name}: Ctrl-C always quits and cannot be given to {name}"
                ));
            }
            for i in 0..self.bindings.len() {
                if self.bindings[i].action != action {
                    continue;
                }
                let context = self.bindings[i].context;
                // Overlays and boxes quit by Ctrl-C alone: their letters mean other things.
                if action == Action::Quit && self.bindings[i].keys == [CTRL_C] {
                    continue;
                }
                let mut new: Vec<Key> = keys
                    .iter()
                    .copied()
                    .filter(|k| context != Context::Input || !k.is_typed())
                    .collect();
                if new.is_empty() {
                    // Only typed keys were given: the box keeps its own.
                    continue;
                }
                if action == Action::Quit && !new.contains(&CTRL_C) {
                    new.push(CTRL_C);
                }
                for key in &new {
                    let taken = self.bindings.iter().enumerate().find(|(j, b)| {
                        *j != i
                            && b.action != action
                            && b.context == context
                            && b.keys.contains(key)
                            && Tab::ALL
                                .iter()
                                .any(|t| b.tabs.contains(*t) && self.bindings[i].tabs.contains(*t))
                    });
                    if let Some((_, other)) = taken {
                        return Err(format!(
                            "keys.{name}: {} already means \"{}\" ({}); rebind {} too, or pick another key",
                            key.name(),
                            other.action.describe(),
                            context.title().to_lowercase(),
                            other.action.name()
                        ));
                    }
                }
                self.bindings[i].keys = new;
            }
        }
        Ok(())
    }

    /// The action a key means here, if any.
    #[must_use]
    pub fn action(&self, context: Context, tab: impl Into<Tab>, key: Key) -> Option<Action> {
        let tab = tab.into();
        self.bindings
            .iter()
            .find(|b| b.context == context && b.tabs.contains(tab) && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The bindings that apply in a context and tab, in table order.
    pub fn bindings(&self, context: Context, tab: impl Into<Tab>) -> impl Iterator<Item = &Binding> {
        let tab = tab.into();
        self.bindings
            .iter()
            .filter(move |b| b.context == context && b.tabs.contains(tab) && !b.keys.is_empty())
    }

    /// Every binding, for the README.
    #[must_use]
    pub fn all(&self) -> &[Binding] {
        &self.bindings
    }

    /// What the help shows: for each context in reading order, its bindings with each
    /// action once (its first binding), limited to one tab's when `tab` is given.
    #[must_use]
    pub fn help(&self, tab: Option<Tab>) -> Vec<(Context, Vec<&Binding>)> {
        Context::HELP_ORDER
            .iter()
            .map(|context| {
                let mut seen: Vec<Action> = Vec::new();
                let bindings = self
                    .bindings
                    .iter()
                    .filter(|b| b.context == *context && !b.keys.is_empty())
                    .filter(|b| tab.is_none_or(|t| b.tabs.contains(t)))
                    .filter(|b| {
                        let first = !seen.contains(&b.action);
                        seen.push(b.action);
                        first
                    })
                    .collect();
                (*context, bindings)
            })
            .filter(|(_, bindings): &(Context, Vec<&Binding>)| !bindings.is_empty())
            .collect()
    }

    /// Footer hints for a context: `(keys, action)` pairs, most important first.
    #[must_use]
    pub fn hints(&self, context: Context, tab: Tab) -> Vec<(String, Action)> {
        self.bindings(context, tab)
            .filter(|b| b.footer)
            .map(|b| {
                let key = if b.action == Action::Up {
                    "↑↓".to_owned()
                } else {
                    b.keys[0].name()
                };
                (key, b.action)
            })
            .collect()
    }
}

/// The footer's one-word version of an action.
#[must_use]
pub fn short(action: Action) -> &'static str {
    match action {
        Action::Open => "open",
        Action::Close => "list",
        Action::Follow => "follow",
        Action::Back => "back",
        Action::Search => "search",
        Action::Jump => "jump",
        Action::Reverse => "reverse",
        Action::SortNext => "sort",
        Action::Filters => "filter",
        Action::Compare => "compare",
        Action::Zoom => "zoom",
        Action::Group => "group",
        Action::Help => "help",
        Action::Quit => "quit",
        Action::Dismiss => "close",
        Action::Up => "move",
        Action::ToggleFacet => "toggle",
        Action::ClearFacets | Action::Cancel => "clear",
        Action::Accept => "keep",
        Action::CopyCitation => "cite",
        other => other.describe(),
    }
}

/// The key list as Markdown, for the README (a test keeps the README in step).
#[must_use]
pub fn markdown(keymap: &Keymap) -> String {
    let mut out = String::new();
    for (context, bindings) in keymap.help(None) {
        out.push_str(&format!(
            "\n**{}**\n\n| keys | action | tabs |\n|---|---|---|\n",
            context.title()
        ));
        for binding in bindings {
            let mut keys: Vec<String> = binding.keys.iter().map(|k| format!("`{}`", k.name())).collect();
            // The same action's keys on only some tabs (`/` jumps on the Overview).
            for other in keymap.all().iter().filter(|o| {
                o.context == context && o.action == binding.action && o.tabs != binding.tabs && !o.keys.is_empty()
            }) {
                if let Tabs::Only(list) = other.tabs {
                    let names: Vec<String> = other.keys.iter().map(|k| format!("`{}`", k.name())).collect();
                    let tabs: Vec<&str> = list.iter().map(|t| t.section()).collect();
                    keys.push(format!("({} in {})", names.join(" "), tabs.join(", ")));
                }
            }
            let tabs = match binding.tabs {
                Tabs::All => "all".to_owned(),
                Tabs::Only(list) => list.iter().map(|k| k.section()).collect::<Vec<_>>().join(", "),
            };
            out.push_str(&format!(
                "| {} | {} | {tabs} |\n",
                keys.join(" "),
                binding.action.describe()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests;
