# Sourced by the SSH tests: what the hostile fixture (tests/fixtures/hostile.json) must
# never get through to a terminal. `hostile_escapes FILE` prints the names of the data's
# escape sequences found among the raw bytes in FILE (nothing when none crossed);
# `hostile_drawn FILE` succeeds when the ␛ placeholder is there (the text was drawn).
hostile_escapes() {
    local found="" name
    for name in osc52:'\x1b\]52;c;ZXZpbA==' osc8:'\x1b\]8;;https://evil' title:'\x1b\]0;pwned' \
        dcs:'\x1bP1\$r' reset:'\x1bc' bell:'\x07' c1:'\xc2[\x80-\x9f]' rlo:'\xe2\x80\xae' \
        isolates:'\xe2\x81[\xa6-\xa9]' marks:'\xe2\x80[\x8e\x8f]|\xd8\x9c'; do
        if LC_ALL=C grep -aqP -- "${name#*:}" "$1"; then found="$found ${name%%:*}"; fi
    done
    printf '%s' "$found"
}
hostile_drawn() {
    LC_ALL=C grep -aq "$(printf '\xe2\x90\x9b')" "$1"
}
