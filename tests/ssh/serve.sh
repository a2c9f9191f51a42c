#!/usr/bin/env bash
# `shuibei serve` met by the real OpenSSH client, as a colleague meets it: the server on a
# loopback port with a host key and an authorized key made for this run (all under a
# temporary directory; nothing in ~/.ssh or /etc/ssh is read or changed), ssh -tt inside
# tmux, the screen read with `capture-pane -p`. Checks: the start lines (address, host
# key fingerprint as ssh-keygen computes it); the explorer appears, typing and resizing
# work, q ends with exit 0 and the terminal restored; an unknown key, an exec request,
# `-s sftp` and sftp itself are refused; 20 sessions at once all render; the hostile
# fixture's escapes never cross the connection; an --add layer reaches the sessions;
# SIGTERM closes every session (each told why) and the server exits 0. The servers are
# stopped by their pids.
#
# Usage: tests/ssh/serve.sh [PATH-TO-SHUIBEI]   (default: target/release/shuibei)
# Installs openssh-client and tmux from Debian's packages when missing (no sshd needed).
# Exit 0 and "serve: ok" on success.
set -euo pipefail

say() { printf 'serve: %s\n' "$*"; }
die() {
    printf 'serve: FAILED: %s\n' "$*" >&2
    if [ -n "${TMUX_SOCKET:-}" ] && tmux -S "$TMUX_SOCKET" has-session -t s 2>/dev/null; then
        printf -- '--- the pane ---\n' >&2
        tmux -S "$TMUX_SOCKET" capture-pane -p -t s >&2 || true
    fi
    for log in "${WORK:-/nonexistent}"/serve*.log; do
        [ -f "$log" ] || continue
        printf -- '--- %s (last 20 lines) ---\n' "$(basename "$log")" >&2
        tail -n 20 "$log" >&2 || true
    done
    exit 1
}

cd "$(dirname "$0")/../.."
# shellcheck source=tests/ssh/hostile.sh
. tests/ssh/hostile.sh
BIN=$(realpath "${1:-target/release/shuibei}")
[ -x "$BIN" ] || die "no shuibei binary at $BIN (build it with: cargo build --release)"
[ "$(id -u)" -eq 0 ] && sudo="" || sudo="sudo"

missing=()
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
command -v sftp >/dev/null 2>&1 || missing+=(openssh-client)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -gt 0 ]; then
    mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
    say "installing ${packages[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/shuibei-serve.XXXXXX")
TMUX_SOCKET="$WORK/tmux.sock"
SERVERS=()
cleanup() {
    for socket in "$WORK"/tmux*.sock; do
        [ -S "$socket" ] && tmux -S "$socket" kill-server 2>/dev/null || true
    done
    for pid in "${SERVERS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -m 700 "$WORK/conf" "$WORK/xdg"
ssh-keygen -q -t ed25519 -N '' -C serve-test-client -f "$WORK/client_key"
ssh-keygen -q -t ed25519 -N '' -C serve-test-stranger -f "$WORK/stranger_key"
cp "$WORK/client_key.pub" "$WORK/conf/authorized_keys"
chmod 600 "$WORK/conf/authorized_keys"

port_in_use() { (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local port=$((20000 + (RANDOM % 20000)))
    while port_in_use "$port"; do port=$((port + 1)); done
    echo "$port"
}

# Starts a server; $1 names its log, the rest are extra flags. Sets PORT and SERVER.
start_server() {
    local name=$1
    shift
    PORT=$(free_port)
    XDG_CONFIG_HOME="$WORK/xdg" "$BIN" serve --listen "127.0.0.1:$PORT" \
        --host-key "$WORK/conf/host_ed25519" --authorized-keys "$WORK/conf/authorized_keys" \
        "$@" 2>"$WORK/$name.log" &
    SERVER=$!
    SERVERS+=("$SERVER")
    for _ in $(seq 150); do
        grep -q 'listening on' "$WORK/$name.log" 2>/dev/null && port_in_use "$PORT" && return 0
        kill -0 "$SERVER" 2>/dev/null || die "the server exited at start: $(cat "$WORK/$name.log")"
        sleep 0.1
    done
    die "the server is not listening on 127.0.0.1:$PORT"
}

start_server serve --max-sessions 24 --max-per-address 24
say "server (pid $SERVER) on 127.0.0.1:$PORT"
# The fingerprint it printed is the one ssh-keygen computes from the key it made.
want=$(ssh-keygen -lf "$WORK/conf/host_ed25519.pub" | awk '{print $2}')
grep -q "host key ssh-ed25519 $want" "$WORK/serve.log" || die "the start lines do not show $want: $(cat "$WORK/serve.log")"
[ "$(stat -c %a "$WORK/conf/host_ed25519")" = 600 ] || die "the host key is not mode 600"
# Clients check the host key strictly, against the public key the server wrote.
client_for_port() {
    echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$WORK/conf/host_ed25519.pub")" >"$WORK/known_hosts"
    SSH_OPTS=(-p "$PORT" -F /dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes
        -o UserKnownHostsFile="$WORK/known_hosts" -o LogLevel=ERROR)
    SSH_LINE="ssh -tt ${SSH_OPTS[*]} ${ME[*]} colleague@127.0.0.1"
}
ME=(-i "$WORK/client_key")
client_for_port
say "host key $want, made mode 600, checked by ssh against known_hosts"

# --- refusals, without a terminal ----------------------------------------------------
set +e
ssh "${SSH_OPTS[@]}" -i "$WORK/stranger_key" -tt colleague@127.0.0.1 >"$WORK/out" 2>&1
code=$?
set -e
[ "$code" -eq 255 ] && grep -q 'Permission denied (publickey)' "$WORK/out" || die "an unknown key got: $code $(cat "$WORK/out")"
say "unknown key: refused (Permission denied)"
set +e
ssh "${SSH_OPTS[@]}" "${ME[@]}" colleague@127.0.0.1 cat /etc/passwd >"$WORK/out" 2>&1
code=$?
set -e
[ "$code" -eq 1 ] && grep -q 'runs the explorer only' "$WORK/out" || die "exec got: $code $(cat "$WORK/out")"
grep -q 'root:' "$WORK/out" && die "exec ran a command"
say "exec: refused with a message, exit 1"
set +e
ssh "${SSH_OPTS[@]}" "${ME[@]}" -s colleague@127.0.0.1 sftp </dev/null >"$WORK/out" 2>&1
code=$?
sftp -b /dev/null -P "$PORT" -F /dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$WORK/known_hosts" -i "$WORK/client_key" colleague@127.0.0.1 >"$WORK/sftp" 2>&1
sftp_code=$?
set -e
[ "$code" -eq 1 ] || die "ssh -s sftp got: $code $(cat "$WORK/out")"
[ "$sftp_code" -ne 0 ] || die "sftp connected: $(cat "$WORK/sftp")"
say "ssh -s sftp: refused, exit 1; sftp: refused, exit $sftp_code"
grep -q 'refused: exec' "$WORK/serve.log" && grep -q 'refused: subsystem sftp' "$WORK/serve.log" &&
    grep -q 'refused: key SHA256:' "$WORK/serve.log" || die "the log lacks the refusals"

# --- the explorer, in tmux -----------------------------------------------------------
tmux_() { tmux -S "$TMUX_SOCKET" "$@"; }
pane() { tmux_ capture-pane -p -t "${1:-s}"; }
wait_for() {
    local tries=$((${3:-15} * 10))
    for _ in $(seq "$tries"); do
        pane "${2:-s}" | grep -Eq -- "$1" && return 0
        sleep 0.1
    done
    die "the pane ${2:-s} never showed /$1/"
}
keys() { tmux_ send-keys -t s "$@"; }
# A new tmux server on a socket of its own: a server just killed may still hold the old one.
sockets=0
fresh_tmux() {
    tmux_ kill-server 2>/dev/null || true
    sockets=$((sockets + 1))
    TMUX_SOCKET="$WORK/tmux$sockets.sock"
}

tmux_ -f /dev/null new-session -d -s s -x 100 -y 30 "$SSH_LINE; echo serve-exit:\$?; sleep 600"
tmux_ set-option -s set-clipboard on >/dev/null
wait_for '\[0 Overview'
keys 2
wait_for '\[2 Enterprises'
keys /
tmux_ send-keys -t s -l -- 'zhou大生'
wait_for 'by relevance'
wait_for 'Zhou Dasheng'
keys Enter
keys y
wait_for 'copied |to your terminal'
tmux_ show-buffer | grep -qF 'Zhou Dasheng Jewellery' || die "y did not reach tmux's clipboard"
say "explorer: draws, switches tabs, 'zhou大生' finds Zhou Dasheng, y copies through OSC 52"
tmux_ resize-window -t s -x 80 -y 24
for _ in $(seq 50); do
    # The frame follows the new size: its last line is the footer at row 24, none wider than 80.
    if [ "$(pane | wc -l)" -le 24 ] && pane | sed -n 23p | grep -q '^└' && ! pane | awk 'length > 80 {f=1} END {exit !f}'; then
        break
    fi
    sleep 0.1
done
pane | sed -n 23p | grep -q '^└' || die "after resizing to 80x24 the frame does not end at row 23"
keys 3
wait_for '\[3 Brands'
tmux_ resize-window -t s -x 200 -y 60
wait_for '\[3 Brands'
for _ in $(seq 50); do pane | sed -n 59p | grep -q '^└' && break; sleep 0.1; done
pane | sed -n 59p | grep -q '^└' || die "after resizing to 200x60 the frame does not end at row 59"
say "resize: the frame follows 80x24 and 200x60"
keys q
wait_for '^serve-exit:0$'
pane | grep -Eq 'Brands|│' && die "the explorer's screen was left behind after q"
say "q: ssh exited 0, the client's screen restored"

# --- 20 sessions at once ----------------------------------------------------------------
for i in $(seq 20); do
    tmux_ new-window -d -t s: -n "w$i" "$SSH_LINE; sleep 600"
done
for i in $(seq 20); do
    wait_for '\[0 Overview' "s:w$i" 30
done
say "20 sessions at once: every one shows the explorer"
for i in $(seq 20); do tmux_ send-keys -t "s:w$i" q; done
for i in $(seq 20); do
    for _ in $(seq 100); do pane "s:w$i" | grep -q 'History' || break; sleep 0.1; done
done
[ "$(grep -c ' quit$' "$WORK/serve.log")" -ge 21 ] || die "the log does not show 21 sessions that quit"

# --- SIGTERM closes every session and exits 0 --------------------------------------------
fresh_tmux
tmux_ -f /dev/null new-session -d -s s -x 100 -y 30 "$SSH_LINE; echo serve-exit:\$?; sleep 600"
wait_for '\[0 Overview'
kill -TERM "$SERVER"
wait_for 'the server is stopping'
wait_for '^serve-exit:1$'
set +e
wait "$SERVER"
code=$?
set -e
[ "$code" -eq 0 ] || die "the server exited $code after SIGTERM"
grep -q 'SIGTERM: stopping 1 session' "$WORK/serve.log" && grep -q 'server stopped$' "$WORK/serve.log" ||
    die "the log does not tell the stop"
say "SIGTERM: the session was told and restored (ssh exit 1), the server exited 0"

# --- --add: a registry layer laid over the shipped data, in every session -----------------
env -u SHUIBEI_DATA -u SHUIBEI_ADD XDG_CONFIG_HOME="$WORK/xdg" "$BIN" import --date 2024-05-01 \
    -o "$WORK/registry.json" tests/fixtures/import/qcc-shuibei-example.csv 2>"$WORK/import.log" ||
    die "the import failed: $(cat "$WORK/import.log")"
start_server serve-layers --add "$WORK/registry.json"
client_for_port
fresh_tmux
tmux_ -f /dev/null new-session -d -s s -x 100 -y 30 "$SSH_LINE; echo serve-exit:\$?; sleep 600"
wait_for '\[0 Overview'
pane | head -1 | grep -qF '+ registry.json (5 records)' || die "the header does not name the layer"
keys 2
wait_for '\[2 Enterprises'
keys /
tmux_ send-keys -t s -l -- 'sbsl'
wait_for '深圳市水贝示例'
# Escape clears the search and stays in the box; a second Escape leaves it.
keys Escape
wait_for 'Esc close'
keys Escape
wait_for 'q quit'
keys q
wait_for '^serve-exit:0$'
kill -TERM "$SERVER"
wait "$SERVER" || die "the layered server did not exit 0"
say "--add: the layer is named in the header and its company found by pinyin"

# --- the hostile dataset: the raw bytes that crossed the connection ----------------------
start_server serve-hostile --data "$PWD/tests/fixtures/hostile.json"
client_for_port
fresh_tmux
tmux_ -f /dev/null new-session -d -s s -x 100 -y 30 "sleep 600"
tmux_ set-option -s set-clipboard on >/dev/null
tmux_ pipe-pane -t s -o "cat >> '$WORK/stream'"
tmux_ respawn-pane -k -t s "$SSH_LINE; echo serve-exit:\$?; sleep 600"
wait_for '\[0 Overview'
keys 1
wait_for '\[1 History'
wait_for '␛'
for k in j j 2 j j 3 j 4 j j '?' Escape Tab; do
    keys "$k"
    sleep 0.2
done
keys q
wait_for '^serve-exit:0$'
tmux_ pipe-pane -t s
[ -s "$WORK/stream" ] || die "pipe-pane recorded nothing"
found=$(hostile_escapes "$WORK/stream")
[ -z "$found" ] || die "the raw stream carried data escapes:$found"
hostile_drawn "$WORK/stream" || die "no ␛ placeholder in the stream: the hostile text was not drawn"
say "hostile data: $(wc -c <"$WORK/stream") bytes received, no escape sequence from the data among them"
kill -TERM "$SERVER"
wait "$SERVER" || die "the hostile-data server did not exit 0"
say "ok"
