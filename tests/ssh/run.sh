#!/usr/bin/env bash
# A real SSH session: shuibei run on the far side of `ssh -tt`, inside tmux, as a user on
# a server meets it. Starts its own sshd on a loopback port with a throwaway host key and
# a client key made for this run (all under a temporary directory; /etc/ssh is not read
# or changed), drives the remote shell from a tmux pane, reads the screen with
# `capture-pane -p`, runs the explorer there (tabs, help, quit with the terminal restored),
# drops the connection by killing the ssh client while the explorer runs, checks nothing is
# left running on the far side, stops sshd by its pid, and removes everything.
#
# Usage: tests/ssh/run.sh [PATH-TO-SHUIBEI]   (default: target/release/shuibei)
# Needs root, or a non-root user where /run/sshd already exists. Installs openssh-server,
# openssh-client and tmux from Debian's packages when missing. Exit 0 and "ssh: ok" on success.
set -euo pipefail

say() { printf 'ssh: %s\n' "$*"; }
die() {
    printf 'ssh: FAILED: %s\n' "$*" >&2
    if [ -n "${TMUX_SOCKET:-}" ] && tmux -S "$TMUX_SOCKET" has-session -t ssh 2>/dev/null; then
        printf -- '--- the pane ---\n' >&2
        tmux -S "$TMUX_SOCKET" capture-pane -p -t ssh >&2 || true
    fi
    if [ -n "${WORK:-}" ] && [ -f "$WORK/sshd.log" ]; then
        printf -- '--- sshd log (last 20 lines) ---\n' >&2
        tail -n 20 "$WORK/sshd.log" >&2 || true
    fi
    exit 1
}

cd "$(dirname "$0")/../.."
# shellcheck source=tests/ssh/hostile.sh
. tests/ssh/hostile.sh
BIN=$(realpath "${1:-target/release/shuibei}")
[ -x "$BIN" ] || die "no shuibei binary at $BIN (build it with: cargo build --release)"
[ "$(id -u)" -eq 0 ] && sudo="" || sudo="sudo"

# --- packages -------------------------------------------------------------------------
SSHD=$(command -v sshd || true)
[ -n "$SSHD" ] || { [ -x /usr/sbin/sshd ] && SSHD=/usr/sbin/sshd; }
missing=()
[ -n "$SSHD" ] || missing+=(openssh-server)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    # The package would start a system sshd on port 22 where nothing forbids it; this
    # test wants only its own. policy-rc.d is Debian's switch for that (101: do not start).
    made_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
        $sudo chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
    [ -z "$made_policy" ] || $sudo rm -f /usr/sbin/policy-rc.d
    SSHD=$(command -v sshd || echo /usr/sbin/sshd)
fi
[ -x "$SSHD" ] || die "sshd not found after installing openssh-server"
# sshd refuses to start without its privilege-separation directory.
[ -d /run/sshd ] || $sudo mkdir -p -m 0755 /run/sshd

# --- a throwaway server ---------------------------------------------------------------
USER_NAME=$(id -un)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/shuibei-ssh.XXXXXX")
# tmux's own server, its socket inside WORK: removed with it, and never the user's tmux.
TMUX_SOCKET="$WORK/tmux.sock"
SSHD_PID=""
cleanup() {
    tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null || true
    if [ -n "$SSHD_PID" ] && kill -0 "$SSHD_PID" 2>/dev/null; then
        kill "$SSHD_PID" 2>/dev/null || true
        wait "$SSHD_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -C shuibei-test-host -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -C shuibei-test-client -f "$WORK/client_key"
cp "$WORK/client_key.pub" "$WORK/authorized_keys"
chmod 600 "$WORK/authorized_keys" "$WORK/host_key" "$WORK/client_key"

port_in_use() { (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=$((20000 + ($$ % 20000)))
while port_in_use "$PORT"; do PORT=$((PORT + 1)); done

cat >"$WORK/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
AllowUsers $USER_NAME
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
LogLevel VERBOSE
EOF
"$SSHD" -t -f "$WORK/sshd_config" || die "sshd rejects the test configuration"
"$SSHD" -D -f "$WORK/sshd_config" -E "$WORK/sshd.log" &
SSHD_PID=$!
for _ in $(seq 100); do
    port_in_use "$PORT" && break
    kill -0 "$SSHD_PID" 2>/dev/null || die "sshd exited at start"
    sleep 0.1
done
port_in_use "$PORT" || die "sshd is not listening on 127.0.0.1:$PORT"
say "sshd (pid $SSHD_PID) on 127.0.0.1:$PORT, user $USER_NAME"

SSH_OPTS=(-p "$PORT" -i "$WORK/client_key" -F /dev/null -o IdentitiesOnly=yes -o BatchMode=yes
    -o StrictHostKeyChecking=no -o UserKnownHostsFile="$WORK/known_hosts" -o LogLevel=ERROR)
# The far side gets its own empty config directory, so a config file on this machine
# cannot change what the test sees.
REMOTE_ENV="XDG_CONFIG_HOME=$WORK/xdg"

# --- 1. without a terminal: output and exit codes cross the connection intact -----------
out=$(ssh -T "${SSH_OPTS[@]}" "$USER_NAME@127.0.0.1" "$REMOTE_ENV '$BIN' validate") ||
    die "remote validate failed: $out"
case "$out" in ok:*history*enterprises*brands*indicators*sources) ;; *) die "remote validate printed: $out" ;; esac
say "remote validate: $out"
set +e
ssh -T "${SSH_OPTS[@]}" "$USER_NAME@127.0.0.1" "$REMOTE_ENV '$BIN' show no-such-id" >/dev/null 2>"$WORK/err"
code=$?
set -e
[ "$code" -eq 1 ] || die "remote show of an unknown id exited $code, expected 1"
grep -q '^shuibei: no record or source has the id "no-such-id"' "$WORK/err" || die "remote stderr: $(cat "$WORK/err")"
say "remote exit codes and stderr cross intact"

# --- 2. with a terminal, inside tmux --------------------------------------------------
tmux_() { tmux -S "$TMUX_SOCKET" "$@"; }
pane() { tmux_ capture-pane -p -t ssh; }
# Waits until the pane shows a line matching the extended regex $1 (timeout $2 s, default 15).
wait_for() {
    local tries=$((${2:-15} * 10))
    for _ in $(seq "$tries"); do
        pane | grep -Eq -- "$1" && return 0
        sleep 0.1
    done
    die "the pane never showed /$1/"
}
# Types a command into the remote shell, then a marker, and waits for the marker's output.
step=0
remote() {
    step=$((step + 1))
    tmux_ send-keys -t ssh -l -- "$1; echo \"step-$step-done:\$?\""
    tmux_ send-keys -t ssh Enter
    # The marker must be followed by the exit status: the typed command itself, echoed
    # by the remote shell, can wrap so that a line starts with "step-N-done:$?".
    wait_for "^step-$step-done:[0-9]+\$"
}

tmux_ -f /dev/null new-session -d -s ssh -x 100 -y 30 \
    "ssh -tt ${SSH_OPTS[*]} $USER_NAME@127.0.0.1"
tmux_ set-option -t ssh remain-on-exit on >/dev/null
tmux_ set-option -s set-clipboard on >/dev/null
remote "export $REMOTE_ENV PS1='remote\$ '; tty; echo \"TERM=\$TERM\""
pane | grep -q '^/dev/pts/' || die "the remote shell has no terminal"
say "remote shell has a terminal ($(pane | grep -m1 '^TERM='))"

remote "'$BIN' validate"
pane | grep -Eq '^ok: [0-9]+ history, [0-9]+ enterprises' || die "validate did not print its summary"
pane | grep -q '^step-2-done:0$' || die "validate did not exit 0"
say "validate over ssh -tt: ok"

# The first enterprise's id, read from the binary itself so the test follows the data.
ID=$(ssh -T "${SSH_OPTS[@]}" "$USER_NAME@127.0.0.1" "$REMOTE_ENV '$BIN' export --tab enterprises --format csv" |
    sed -n 2p | cut -d, -f1)
[ -n "$ID" ] || die "could not read an enterprise id"
tmux_ send-keys -t ssh -l -- "clear"
tmux_ send-keys -t ssh Enter
remote "'$BIN' show '$ID' | head -8"
pane | grep -q "^enterprise $ID\$" || die "show did not print the record header"
pane | grep -q '^step-3-done:0$' || die "show | head did not exit 0 (pipe status of head)"
say "show $ID over ssh -tt: ok"

remote "'$BIN' export --tab indicators --format jsonl | head -1 | cut -c1-60"
pane | grep -q '^{"kind":"indicator","id":' || die "export did not print JSON Lines"
say "export over ssh -tt: ok"

# --- 3. the explorer, over ssh -tt --------------------------------------------------
# Keys go to the explorer itself now, so no step markers: wait for what it draws.
keys() { tmux_ send-keys -t ssh "$@"; }
wait_gone() {
    for _ in $(seq 150); do
        pane | grep -Eq -- "$1" || return 0
        sleep 0.1
    done
    die "the pane still shows /$1/"
}
tmux_ send-keys -t ssh -l -- "clear; '$BIN'; echo \"explorer-exit:\$?\"; stty -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)\$' | tr '\n' ' '; echo"
keys Enter
wait_for '\[0 Overview'
keys 2
wait_for '\[2 Enterprises'
keys Tab
wait_for '\[3 Brands'
keys '?'
wait_for 'Help · Esc closes'
keys Escape
wait_gone 'Help · Esc closes'
say "explorer over ssh -tt: draws, switches tabs, opens and closes help"
# Search by pinyin mixed with characters, over the link.
keys 2
wait_for '\[2 Enterprises'
keys /
tmux_ send-keys -t ssh -l -- 'zhou大生'
wait_for 'by relevance'
wait_for 'Zhou Dasheng'
keys Enter
say "search over ssh -tt: 'zhou大生' finds Zhou Dasheng"
# Copy the selected record's name: OSC 52 crosses ssh into this tmux, which keeps it
# (set-clipboard is on for this server).
keys y
wait_for 'copied |to your terminal'
tmux_ show-buffer | grep -qF 'Zhou Dasheng Jewellery' ||
    die "y did not reach tmux's clipboard (buffer: $(tmux_ show-buffer 2>&1 | head -c 200))"
say "y over ssh -tt: the name reached tmux's buffer through OSC 52"
keys q
wait_for '^explorer-exit:0$'
# stty prints after the exit line: wait for its line before judging it.
wait_for '^-?icanon -?echo *$'
pane | grep -q '^icanon echo' || die "the terminal was not restored after q (stty: $(pane | grep -E 'icanon|echo'))"
say "q: explorer exited 0, remote terminal back in cooked mode with echo"

# --- 3b. hostile data: the raw byte stream that crossed the connection -----------------
# pipe-pane records every byte the pane received from ssh while the explorer browses the
# hostile fixture; none of the fixture's escape sequences may be among them.
HOSTILE="$PWD/tests/fixtures/hostile.json"
tmux_ send-keys -t ssh -l -- "clear"
keys Enter
tmux_ pipe-pane -t ssh -o "cat >> '$WORK/stream'"
tmux_ send-keys -t ssh -l -- "'$BIN' --data '$HOSTILE'; echo \"explorer-exit:\$?\""
keys Enter
wait_for '\[0 Overview'
wait_for '␛'
for k in j j 2 j j 3 j 4 j j '?' Escape Tab; do
    keys "$k"
    sleep 0.2
done
keys q
wait_for '^explorer-exit:0$'
tmux_ pipe-pane -t ssh
[ -s "$WORK/stream" ] || die "pipe-pane recorded nothing"
found=$(hostile_escapes "$WORK/stream")
[ -z "$found" ] || die "the raw stream carried data escapes:$found"
hostile_drawn "$WORK/stream" || die "no ␛ placeholder in the stream: the hostile text was not drawn"
say "hostile data over ssh -tt: $(wc -c <"$WORK/stream") bytes received, no escape sequence from the data among them"

# --- 4. drop the connection with the explorer running on the far side ---------------
keys -l -- "clear; '$BIN'"
keys Enter
wait_for '\[0 Overview'
explorers() {
    for exe in /proc/[0-9]*/exe; do
        if [ "$(readlink "$exe" 2>/dev/null)" = "$BIN" ]; then
            pid=${exe#/proc/}
            echo "${pid%/exe}"
        fi
    done
}
RUNNING=$(explorers | xargs)
[ -n "$RUNNING" ] || die "no explorer process found on the far side"
SESSIONS=$(pgrep -P "$SSHD_PID" | tr '\n' ' ')
[ -n "$SESSIONS" ] || die "sshd has no session process for the connection"
CLIENT=$(tmux_ list-panes -t ssh -F '#{pane_pid}')
kill -KILL "$CLIENT"
say "dropped the connection (killed ssh client $CLIENT) with the explorer (pid $RUNNING) running"
left=""
for _ in $(seq 100); do
    left=$(
        explorers
        for pid in $SESSIONS; do
            if kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
        done
    )
    [ -z "$left" ] && break
    sleep 0.1
done
[ -z "$left" ] || die "processes left after the drop: $(ps -o pid,args -p "$(echo $left | tr ' ' ,)" 2>/dev/null)"
say "nothing left on the far side: the explorer ended on SIGHUP, the session closed"

# --- 5. stop sshd by its pid -----------------------------------------------------------
kill "$SSHD_PID"
wait "$SSHD_PID" 2>/dev/null || true
kill -0 "$SSHD_PID" 2>/dev/null && die "sshd $SSHD_PID did not stop"
SSHD_PID=""
say "sshd stopped"
say "ok"
