#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# partial.bats - run by a user who cannot read other users' processes: what is visible,
# one warning line, status 0.

load ../lib
load common

setup() {
	tcps_setup
	tcps_topology
	# a copy nobody can run, whatever the permissions of the build tree
	BIN_DIR=$(mktemp -d) && chmod 755 "$BIN_DIR" && cp "$TCPS" "$BIN_DIR/" &&
		chmod 755 "$BIN_DIR/esa-tcpservices" && cp "$ESA_SERVICES" "$BIN_DIR/services" &&
		chmod 644 "$BIN_DIR/services"
}

teardown() {
	tcps_teardown
	rm -rf "$BIN_DIR"
}

as_nobody() {
	in_ns "$N" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env ESA_SERVICES="$BIN_DIR/services" "$BIN_DIR/esa-tcpservices" "$@"
}

# Sockets whose process cannot be seen are listed as FreeBSD's sockstat lists a socket
# it finds no file for: "?" for the command, the user the socket belongs to.
@test "as nobody: nobody's processes, root's sockets without theirs, one warning line, status 0" {
	run --separate-stderr as_nobody -n
	esa_status 0
	esa_golden nobody
	[[ $stderr =~ ^"esa-tcpservices: the list is partial: the owners of 5 sockets are unknown: the open files of "[0-9]+" processes could not be read (that needs CAP_DAC_READ_SEARCH and CAP_SYS_PTRACE)"$ ]] ||
		{ echo "$stderr"; false; }
	# the rows with a process are those ss shows for nobody's processes
	run --separate-stderr as_nobody -n -j
	esa_status 0
	esa_sets_eq "$(json_tuples "$(jq '[.[] | select(has("pid"))]' <<< "$output")")" \
		"$(peer_tuples "$N" -ltnp | grep ' nobody ')" "nobody's rows vs ss"
	# the others are partial, with the socket's user
	esa_eq "$(jq -c '[.[] | select(has("pid") | not) | [.partial, .user, .port]] | sort' \
		<<< "$output")" '[[true,"root",2222],[true,"root",4431],[true,"root",6080],[true,"root",8081],[true,"root",60001]]' \
		"the rows without a process"
}

# A PID namespace of its own, with its own /proc: every holder is out of sight, and
# root has every capability, so none is blamed.
@test "in a child PID namespace: every listener with ?, the socket's user, one accurate line" {
	run --separate-stderr in_ns "$N" unshare -pf --mount-proc "$TCPS" -n
	esa_status 0
	esa_eq "$stderr" "esa-tcpservices: the owners of 7 sockets are unknown: not visible from this PID namespace (or held by the kernel)" stderr
	esa_eq "$(sed -n '/^COMMAND /,$p' <<< "$output" | tail -n +2)" \
"?            nobody       IPv4 TCP    *:8080
?            root         IPv4 TCP    127.0.0.1:60001
?            root         IPv4 TCP    192.0.2.1:2222
?            root         IPv4 TCP    192.0.2.1:6080
?            root         IPv6 TCP    *:4431
?            nobody       IPv6 TCP    [::1]:8443
?            root         IPv6 TCP    [2001:db8::1]:8081" "rows"
	# as many as ss -ltn shows, every one partial
	run --separate-stderr in_ns "$N" unshare -pf --mount-proc "$TCPS" -j
	esa_status 0
	esa_eq "$(jq 'length' <<< "$output")" "$(in_ns "$N" ss -Hltn | wc -l)" "rows vs ss -ltn"
	jq -e 'all(.[]; .partial == true and (has("pid") | not) and (.uid | type) == "number")' \
		<<< "$output" > /dev/null || { echo "$output"; false; }
}

@test "as root: no warning" {
	run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_no_stderr
}
