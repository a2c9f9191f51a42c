//! The documentation's examples are real: the dataset-format example loads.

#[test]
fn the_format_documents_example_validates() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/dataset-format.md")).unwrap();
    let start = doc.find("```json\n").expect("an example") + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let db = shuibei::data::load::load_slice("docs/dataset-format.md", &doc.as_bytes()[start..end])
        .expect("the example loads");
    assert_eq!(db.enterprises().len(), 1);
    assert_eq!(shuibei::data::present::figure(&db.indicators()[0]), "566,300 m²");
}

/// Replaces the text between two marker lines of the README, or checks it is current.
/// With `SHUIBEI_UPDATE_README=1` the README is rewritten; otherwise a difference fails.
fn readme_section(start: &str, end: &str, generated: &str) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let a = readme
        .find(start)
        .unwrap_or_else(|| panic!("README has no {start} marker"))
        + start.len();
    let b = readme.find(end).unwrap_or_else(|| panic!("README has no {end} marker"));
    let current = &readme[a..b];
    let wanted = format!("\n{}\n", generated.trim());
    if current == wanted {
        return;
    }
    if std::env::var_os("SHUIBEI_UPDATE_README").is_some() {
        std::fs::write(path, format!("{}{wanted}{}", &readme[..a], &readme[b..])).unwrap();
        return;
    }
    panic!(
        "the README section {start} is out of date; run `SHUIBEI_UPDATE_README=1 cargo test --test cli docs::`\n--- README\n{current}\n--- generated\n{wanted}"
    );
}

#[test]
fn the_readme_key_list_is_the_keymap() {
    let keymap = shuibei::explorer::keymap::Keymap::default();
    readme_section(
        "<!-- keys:start -->",
        "<!-- keys:end -->",
        &shuibei::explorer::keymap::markdown(&keymap),
    );
}

#[test]
fn the_readme_config_example_is_a_valid_config() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("```toml\n").expect("a config example") + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let env = shuibei::env::Env::from_pairs([("HOME", "/home/someone")]);
    let config = shuibei::settings::parse(std::path::Path::new("README.md"), &readme[start..end], &env)
        .expect("the README's config example parses");
    let keymap = shuibei::explorer::keymap::Keymap::with_overrides(&config.keys).expect("its rebindings are accepted");
    assert_eq!(
        keymap.action(
            shuibei::explorer::keymap::Context::List,
            shuibei::data::model::RecordKind::Brand,
            shuibei::explorer::keymap::Key::ctrl('k')
        ),
        Some(shuibei::explorer::action::Action::Jump)
    );
}
