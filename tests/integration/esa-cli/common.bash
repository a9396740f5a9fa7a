# SPDX-License-Identifier: BSD-2-Clause
# common.bash - the esa-cli suite: a namespace to run esa-cli in, and a pseudo-terminal
# (a private tmux server) to type into it and read the screen back; loaded by every
# file of the suite after ../lib.
#
# Topology (cli_topology): ns A: a0 02:00:00:00:0a:01 192.0.2.1/24 <-veth->
# ns B: b0 02:00:00:00:0b:01 192.0.2.2/24; IPv6 off on both links, so that nothing
# but the tests' own packets crosses them and counters stay as the golden files show.
# esa-cli runs in A with the host name example.com (its own UTS namespace), as in the
# seed's samples.

# cli_setup: the common setup of a test: root, tmux, the binary.
cli_setup() {
	esa_need_root
	command -v tmux > /dev/null || skip "tmux is not installed (make deps)"
	CLI=$(esa_bin esa-cli) || return 1
	# the server's socket in the test's own directory, which bats removes
	TMUX_SOCK=$BATS_TEST_TMPDIR/tmux
}

# cli_teardown: the tmux server and the namespaces gone, whatever happened.
cli_teardown() {
	[ -n "${TMUX_SOCK:-}" ] && tmux -S "$TMUX_SOCK" kill-server 2> /dev/null
	esa_cleanup
}

# cli_topology: A and B as above; sets NS_A and NS_B.
cli_topology() {
	NS_A=$(esa_ns_new a) || return 1
	NS_B=$(esa_ns_new b) || return 1
	ip netns exec "$NS_A" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 || return 1
	ip netns exec "$NS_B" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 || return 1
	esa_veth "$NS_A" a0 "$NS_B" b0 02:00:00:00:0a:01 02:00:00:00:0b:01 || return 1
	ip -n "$NS_A" addr add 192.0.2.1/24 dev a0 || return 1
	ip -n "$NS_B" addr add 192.0.2.2/24 dev b0
}

# cli_start NS [HOSTNAME [ARGS...]]: esa-cli ARGS on a 200x100 pseudo-terminal inside NS,
# with the host name HOSTNAME (default example.com); waits for its first prompt when
# the host name is example.com. Its exit status goes to $BATS_TEST_TMPDIR/status
# (cli_exit_status): the shell around it ignores SIGINT, so that Ctrl-C meant for
# esa-cli's tools cannot end it (esa-cli sets its own handler, the tools the default).
cli_start() {
	local ns=$1 host=${2:-example.com}
	# hostname(1) refuses names a hostile suite needs; sethostname(2) takes any bytes
	local SETHOST='import socket, sys
socket.sethostname(sys.argv[1].encode("utf-8", "surrogateescape"))'

	shift 2 || shift
	CLI_STATUS=$BATS_TEST_TMPDIR/status
	rm -f "$CLI_STATUS"
	tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -x 200 -y 100 \
		ip netns exec "$ns" unshare -u sh -c \
		'trap "" INT QUIT; s=$1; /usr/bin/python3 -c "$3" "$2" || exit; shift 3
		"$@"; echo $? > "$s"' \
		sh "$CLI_STATUS" "$host" "$SETHOST" "$CLI" "$@" || return 1
	[ "$host" = example.com ] || return 0
	cli_wait_for 'example.com>'
}

# cli_screen: what the terminal shows, from the first line, trailing blank lines cut.
cli_screen() {
	tmux -S "$TMUX_SOCK" capture-pane -p -S - -E - |
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

# cli_last_line: the screen's last line that is not blank.
cli_last_line() {
	cli_screen | tail -n 1
}

# cli_wait_for TEXT: waits (bounded) until the screen's last line is TEXT.
cli_wait_for() {
	esa_wait_for "$ESA_TIMEOUT" _cli_last_is "$1"
}
_cli_last_is() {
	[ "$(cli_last_line)" = "$1" ]
}

# cli_wait_text TEXT: waits (bounded) until some line of the screen holds TEXT.
cli_wait_text() {
	esa_wait_for "$ESA_TIMEOUT" _cli_has "$1"
}
_cli_has() {
	cli_screen | grep -qF -- "$1"
}

# cli_type TEXT: types TEXT and Enter, and waits (bounded) until the cursor has left
# the line, so that a prompt seen next is a new one, never the line just answered.
cli_type() {
	local from

	from=$(_cli_cursor) || return 1
	tmux -S "$TMUX_SOCK" send-keys -l -- "$1" && tmux -S "$TMUX_SOCK" send-keys Enter ||
		return 1
	esa_wait_for "$ESA_TIMEOUT" _cli_cursor_past "$from"
}
# _cli_cursor: the cursor's line counted from the first line of the history.
_cli_cursor() {
	local h y

	read -r h y < <(tmux -S "$TMUX_SOCK" display-message -p '#{history_size} #{cursor_y}') &&
		echo $((h + y))
}
_cli_cursor_past() {
	[ "$(_cli_cursor)" -gt "$1" ]
}

# cli_key KEY...: sends keys by tmux's names (C-c, C-d, Enter), or -l TEXT; no wait.
cli_key() {
	tmux -S "$TMUX_SOCK" send-keys "$@"
}

# cli_dialog PROMPT ANSWER...: for each pair, waits for PROMPT as the last line, then
# types ANSWER.
cli_dialog() {
	while [ $# -ge 2 ]; do
		cli_wait_for "$1" || return 1
		cli_type "$2" || return 1
		shift 2
	done
}

# cli_exit_status: waits (bounded) for esa-cli to end; echoes its exit status.
cli_exit_status() {
	esa_wait_for "$ESA_TIMEOUT" test -s "$CLI_STATUS" || return 1
	cat "$CLI_STATUS"
}

# cli_pipe NS INPUT ARGS...: esa-cli in NS with INPUT on a pipe, bounded in time.
cli_pipe() {
	local ns=$1 input=$2

	shift 2
	printf '%s' "$input" | ip netns exec "$ns" timeout "$ESA_TIMEOUT" "$CLI" "$@"
}
