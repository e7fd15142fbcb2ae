# Shared helpers of the script tests that drive the TUI in tmux.  Source
# it from bash after lib.sh and make_tmpdir (it needs $TMPD):
#	. "$TESTS_SRCDIR/tmux.sh"
#
# It provides:
#	SOCK		the private tmux server's socket, $TMPD/tmux.sock; a
#			test may point it elsewhere at any time (T follows)
#	S		the session the helpers look at: wiretop-$ME unless the
#			test sets it (before or after)
#	T ARGS...	tmux on $SOCK
#	new_session ARGS...	tmux new-session -d ARGS on $SOCK, tried
#			again once if the server did not come up
#	screen		the session's screen, as text
#	has / hasnt	does the screen show a pattern (grep -E) / not show it
#	wait_for REGEX [SECONDS]	wait for the screen to show it (5 s)
#	keys KEYS...	send keys, then give the TUI 0.3 s to draw
#	wait_exit	wait (5 s) for $TMPD/exit, which the pane writes
#	check DESCRIPTION COMMAND...	count a check (checks), and on
#			failure (fails) print FAIL and the screen; with
#			CHECK_OK=1 also "ok - DESCRIPTION" when it passes
#	fails, checks	the counters (kept if the test set them already)
#	attr_lines	the screen, each line after "R ", "B " or "- " (its
#			first character reverse, bold or neither)
#	selected	the number of the selected list row
#	highlighted_hex	the hex pane's bytes shown in reverse video
#
# An EXIT trap (replacing make_tmpdir's) kills the server, calls the
# test's cleanup_extra function if it defines one, and removes $TMPD.

SOCK=$TMPD/tmux.sock
: "${S:=wiretop-$ME}"
: "${fails:=0}" "${checks:=0}"

# tmux on our private server.
T() { tmux -S "$SOCK" "$@"; }

# Start a detached session (ARGS: -s NAME, size, command).  A server that
# exits as it starts (seen once in a loaded distcheck: "server exited
# unexpectedly") gets a second chance.
new_session() {
	T -f /dev/null new-session -d "$@" && return 0
	sleep 1
	T -f /dev/null new-session -d "$@"
}

# Kill the server, run the test's own cleanup, remove $TMPD.
tmux_cleanup() {
	T kill-server >/dev/null 2>&1
	if declare -F cleanup_extra >/dev/null; then
		cleanup_extra
	fi
	rm -rf "$TMPD"
}
trap tmux_cleanup EXIT

# The screen of session $S (nothing if there is none).
screen() { T capture-pane -p -t "$S" 2>/dev/null; }

# Does the screen show a pattern (grep -E)?
has() { screen | grep -Eq -- "$1"; }

# Does the screen not show it?
hasnt() { ! has "$1"; }

# Wait until the screen shows a pattern (grep -E): wait_for REGEX [SECONDS]
# (5 s unless told).
wait_for() {
	local i
	for i in $(seq $((${2:-5} * 10))); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

# Send keys to session $S and let the TUI draw.
keys() { T send-keys -t "$S" "$@"; sleep 0.3; }

# Wait until the pane's command has written $TMPD/exit, at most 5 s.
wait_exit() {
	for _ in $(seq 50); do [ -f "$TMPD/exit" ] && break; sleep 0.1; done
}

# Run a check, counting it; on failure say so and show the screen (if
# session $S has one).
check() {	# check DESCRIPTION COMMAND...
	local what=$1 shot
	shift
	checks=$((checks + 1))
	if "$@"; then
		[ "${CHECK_OK:-0}" = 1 ] && echo "ok - $what"
	else
		echo "FAIL: $what"
		shot=$(screen)
		if [ -n "$shot" ]; then
			echo "---- screen:"
			printf '%s\n' "$shot" | sed 's/^/    | /'
		fi
		fails=$((fails + 1))
	fi
	return 0
}

# Reading attributes off the screen (tmux writes only their changes, so
# they carry over from line to line).
# The screen's lines with the attributes they start with, "R " (reverse
# video), "B " (bold) or "- " before each (tmux writes only the changes of
# attributes, so they carry over from line to line).
attr_lines() {
	T capture-pane -p -e -t "$S" | python3 -c '
import re, sys
rev = bold = False
for line in sys.stdin.read().split("\n"):
    first = None
    text = []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
        if m.group(2) is None:
            for c in (m.group(1) or "0").split(";"):
                if c in ("0", "27"): rev = False
                if c in ("0", "22"): bold = False
                if c == "7": rev = True
                if c == "1": bold = True
        else:
            if first is None:
                first = "R" if rev else "B" if bold else "-"
            text.append(m.group(2))
    print((first or "-") + " " + "".join(text))'
}
# The number of the selected list row (reverse video, or bold while the
# detail pane has the focus).
selected() {
	attr_lines | sed -nE 's/^[RB] ([0-9]+) .*/\1/p' | head -n 1
}
# The characters in reverse video in the hex pane's byte columns.
highlighted_hex() {
	T capture-pane -p -e -t "$S" | python3 -c '
import re, sys
out = []
rev = False
for line in sys.stdin:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", line)
    hexline = re.match(r"^[0-9a-f]{4} ", plain)
    col = 0
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
        if m.group(2) is None:
            for c in (m.group(1) or "0").split(";"):
                if c in ("0", "27"): rev = False
                if c == "7": rev = True
            continue
        if hexline and rev and 5 <= col < 55 and m.group(2) not in " \n":
            out.append(m.group(2))
        col += 1
print("".join(out))'
}
