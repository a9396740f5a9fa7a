# SPDX-License-Identifier: BSD-2-Clause
# common.bash - the esa-tcpservices suite's namespace, listeners and parsers, loaded by
# every file of the suite after ../lib.
#
# Namespace N (tcps_topology): lo up with 192.0.2.1/32 and 2001:db8::1/128, and
#   api_server (root) and two children it forked, all holding the same sockets:
#     TCP 192.0.2.1:6080, 127.0.0.1:60001, [::]:4431 dual stack,
#     [2001:db8::1]:8081 IPv6 only (6080 on a second fd too),
#     UDP 0.0.0.0:5353 bound, 127.0.0.1:5000 connected to 127.0.0.1:53 (not a service);
#   nginx (nobody): TCP 0.0.0.0:8080, [::1]:8443 IPv6 only;
#   sshd (root): TCP 192.0.2.1:2222.
# Every listener is a python3 process (listener.py); their names are set through
# /proc/self/comm.

LISTENER=$BATS_TEST_DIRNAME/listener.py
PYTHON=/usr/bin/python3
export ESA_SERVICES=$ESA_SRCDIR/tests/data/esa-tcpservices/services

# tcps_setup: the common setup of a test: root, the binary, python3.
tcps_setup() {
	esa_need_root
	[ -x "$PYTHON" ] || skip "python3 is not installed"
	TCPS=$(esa_bin esa-tcpservices) || return 1
}

# in_ns NS COMMAND...: COMMAND inside NS, bounded in time.
in_ns() {
	local ns=$1

	shift
	ip netns exec "$ns" timeout "$ESA_TIMEOUT" "$@"
}

# tcps NS ARGS...: the program under test inside NS.
tcps() {
	local ns=$1

	shift
	in_ns "$ns" "$TCPS" "$@"
}

# start_listener NS USER READY ARGS...: listener.py as USER in NS, in the background;
# waits until READY (a file) lists its pids.
start_listener() {
	local ns=$1 user=$2 ready=$3

	shift 3
	# the script comes on stdin, opened here as root: USER may not be allowed into
	# the directory of the checkout (a root-only temporary clone, say)
	ip netns exec "$ns" setpriv --reuid="$user" --regid="$(id -gn "$user")" \
		--clear-groups "$PYTHON" - -r "$ready" "$@" < "$LISTENER" 3>&- &
	esa_wait_for 10 test -s "$ready"
}

# tcps_topology: namespace N with the listeners above; READY_* files hold the pids.
tcps_topology() {
	N=$(esa_ns_new n) || return 1
	ip -n "$N" addr add 192.0.2.1/32 dev lo &&
		ip -n "$N" addr add 2001:db8::1/128 dev lo nodad || return 1
	# a directory nobody can write to: the ready files of nobody's listener
	READY_DIR=$(mktemp -d) && chmod 777 "$READY_DIR" || return 1
	start_listener "$N" root "$READY_DIR/api" -n api_server -f 2 \
		tcp4/192.0.2.1/6080 tcp4/127.0.0.1/60001 tcp6/::/4431 \
		tcp6only/2001:db8::1/8081 udp4/0.0.0.0/5353 dup/0 \
		udp4conn/127.0.0.1/5000/127.0.0.1/53 || return 1
	start_listener "$N" nobody "$READY_DIR/nginx" -n nginx \
		tcp4/0.0.0.0/8080 tcp6only/::1/8443 || return 1
	start_listener "$N" root "$READY_DIR/sshd" -n sshd tcp4/192.0.2.1/2222
}

# tcps_teardown: the namespace and what runs in it, and the ready files.
tcps_teardown() {
	esa_cleanup
	[ -n "${READY_DIR:-}" ] && rm -rf "$READY_DIR"
	return 0
}

# user_of PID: the effective user of PID, as ps shows it.
user_of() {
	ps -o user= -p "$1" | tr -d ' '
}

# peer_tuples NS SSARGS: "COMMAND PID USER ADDRESS:PORT" for each (process, socket)
# that `ss -H SSARGS` (with -p) shows, addresses as the tool writes them ("*" for
# the unspecified address, IPv6 in brackets).
peer_tuples() {
	local ns=$1 line addr cmd pid

	shift
	ip netns exec "$ns" ss -H "$@" | while IFS= read -r line; do
		addr=$(awk '{ print $4 }' <<< "$line")
		addr=$(sed -E 's/^(0\.0\.0\.0|\[::\]|\*):/*:/' <<< "$addr")
		grep -oE '\("[^"]*",pid=[0-9]+' <<< "$line" | sed -E 's/^\("([^"]*)",pid=/\1 /' |
			sort -u | while read -r cmd pid; do
				echo "$cmd $pid $(user_of "$pid") $addr"
			done
	done | sort -u
}

# json_tuples JSON: the same tuples from the tool's JSON.
json_tuples() {
	jq -r '.[] | "\(.command) \(.pid) \(.user) " +
		(if .address == "0.0.0.0" or .address == "::" then "*"
		 elif .family == "inet6" then "[\(.address)]" else .address end) +
		":\(.port)"' <<< "$1" | sort -u
}
