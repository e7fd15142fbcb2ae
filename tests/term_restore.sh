#!/bin/bash
# The terminal is given back on every way out of the TUI: q, SIGTERM,
# SIGHUP (the SSH session dropped), SIGINT and a crash signal (SIGSEGV):
# after wiretop exits, the same terminal is back in canonical mode with
# echo on, and the exit status is 0 (q, signals) or 128+11 (a crash).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
tui_test

# run_case NAME ACTION WANT_STATUS: start the TUI, do ACTION, check.
run_case() {
	local name=$1 action=$2 want=$3 S=wt-$1 pid i
	# A server of its own: a new session on the socket of the server
	# the last kill-session is shutting down can meet it exiting
	# ("server exited unexpectedly").
	SOCK=$TMPD/tmux.$name.sock
	rm -f "$TMPD/$name".*
	new_session -s "$S" -x 100 -y 30 \
		"stty -a >'$TMPD/$name.before'; LC_ALL=C.UTF-8 sh -c 'echo \$\$ >\"\$1\"; shift; exec \"\$@\"' sh '$TMPD/$name.pid' '$WIRETOP' -n -r '$GEN/basic.pcap'; echo \$? >'$TMPD/$name.status'; stty -a >'$TMPD/$name.after'; sleep 30"
	wait_for '^No\.'
	pid=$(cat "$TMPD/$name.pid" 2>/dev/null)
	case $action in
	q) T send-keys -t "$S" q ;;
	*) kill -s "$action" "$pid" ;;
	esac
	for i in $(seq 50); do [ -s "$TMPD/$name.after" ] && break; sleep 0.1; done
	checks=$((checks + 1))
	if ! [ -s "$TMPD/$name.after" ]; then
		echo "FAIL: $name: wiretop did not exit"
		fails=$((fails + 1))
		kill -9 "$pid" 2>/dev/null
		return
	fi
	st=$(cat "$TMPD/$name.status")
	if [ "$st" != "$want" ]; then
		echo "FAIL: $name: exit status $st, want $want"
		fails=$((fails + 1))
	fi
	# The terminal modes after equal those before (curses turned off
	# icanon and echo while it ran).
	if ! diff "$TMPD/$name.before" "$TMPD/$name.after" >/dev/null ||
	   ! grep -qw icanon "$TMPD/$name.after" || ! grep -qw echo "$TMPD/$name.after"; then
		echo "FAIL: $name: terminal modes not restored:"
		diff "$TMPD/$name.before" "$TMPD/$name.after" | head
		fails=$((fails + 1))
	fi
	T kill-session -t "$S" 2>/dev/null
}

run_case quit q 0
run_case term TERM 0
run_case hup HUP 0
run_case int INT 0
run_case segv SEGV 139

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
