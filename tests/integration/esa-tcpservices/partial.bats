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

@test "as nobody: only nobody's processes, one warning line, status 0" {
	run --separate-stderr as_nobody -n
	esa_status 0
	esa_golden nobody
	esa_eq "$stderr" "esa-tcpservices: the list is partial: the open files of other users' processes could not be read (that needs CAP_DAC_READ_SEARCH and CAP_SYS_PTRACE, as root has)" stderr
	# the rows are those ss shows for nobody's processes
	run --separate-stderr as_nobody -n -j
	esa_status 0
	esa_sets_eq "$(json_tuples "$output")" "$(peer_tuples "$N" -ltnp | grep ' nobody ')" \
		"nobody's rows vs ss"
}

@test "as root: no warning" {
	run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_no_stderr
}
