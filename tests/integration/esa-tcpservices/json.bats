#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# json.bats - esa-tcpservices -j: a valid document with the documented keys and types.

load ../lib
load common

setup() {
	tcps_setup
	tcps_topology
}

teardown() {
	tcps_teardown
}

KEYS='["command","pid","user","uid","family","protocol","address","port","v6only","inode",
	"category","description"]'

@test "-j: documented keys and types; v6only for inet6 only; legend fields when known" {
	run --separate-stderr tcps "$N" -n -u -j
	esa_status 0
	esa_no_stderr
	jq -e --argjson keys "$KEYS" '
		type == "array" and length == 18 and all(.[];
			(keys - $keys) == [] and
			(.command | type) == "string" and (.pid | type) == "number" and
			(.user | type) == "string" and (.uid | type) == "number" and
			(.family == "inet" or .family == "inet6") and
			(.protocol == "tcp" or .protocol == "udp") and
			(.address | type) == "string" and (.port | type) == "number" and
			(.inode | type) == "number" and
			(has("v6only") == (.family == "inet6")) and
			(has("description") == has("category")))' <<< "$output"
	jq -e '[.[] | select(.command == "api_server")] | all(.category == "feature" and
		.description == "The API server of the test")' <<< "$output"
	jq -e '[.[] | select(.port == 4431)] | all(.v6only == false and .address == "::")' <<< "$output"
	jq -e '[.[] | select(.port == 8081)] | all(.v6only == true)' <<< "$output"
	jq -e '[.[] | select(.protocol == "udp") | .port] | unique == [5353]' <<< "$output"
	# uid and user agree with the system's
	jq -e '[.[] | select(.command == "nginx")] | all(.uid == 65534 and .user == "nobody")' <<< "$output"
	# every row's inode is the socket's, as ss -e shows it
	esa_sets_eq "$(jq -r '.[] | select(.protocol == "tcp") | .inode' <<< "$output" | sort -u)" \
		"$(ip netns exec "$N" ss -ltneH | grep -oE 'ino:[0-9]+' | cut -d: -f2 | sort -u)" \
		"inodes vs ss -e"
}

@test "-j without -n: the same numeric addresses and ports" {
	local a b

	run --separate-stderr tcps "$N" -j
	esa_status 0
	a=$(jq -c 'map({command, pid, address, port})' <<< "$output")
	run --separate-stderr tcps "$N" -n -j
	esa_status 0
	b=$(jq -c 'map({command, pid, address, port})' <<< "$output")
	esa_eq "$a" "$b"
}
