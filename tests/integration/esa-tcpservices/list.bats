#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# list.bats - esa-tcpservices's table against ss, golden texts, the legend, -4/-6/-u.

load ../lib
load common

setup() {
	tcps_setup
	tcps_topology
}

teardown() {
	tcps_teardown
}

@test "the rows are ss -ltnp's: command, pid, user, address, for two users and a shared socket" {
	run --separate-stderr tcps "$N" -n -j
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$(json_tuples "$output")" "$(peer_tuples "$N" -ltnp)" "rows vs ss -ltnp"
	# the parent and its two children each show the shared sockets, once per process
	esa_eq "$(jq -r '[.[] | select(.port == 6080) | .pid] | length' <<< "$output")" 3
	esa_eq "$(jq -r '[.[] | select(.port == 6080) | .pid] | sort' <<< "$output")" \
		"$(jq -R . "$READY_DIR/api" | jq -s 'map(tonumber) | sort')" "pids holding 6080"
	esa_eq "$(jq -r '[.[] | .user] | unique | join(" ")' <<< "$output")" "nobody root"
}

@test "-u adds the bound UDP sockets as ss -lunp shows them, not the connected one" {
	run --separate-stderr tcps "$N" -n -u -j
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$(json_tuples "$output")" \
		"$(printf '%s\n%s\n' "$(peer_tuples "$N" -ltnp)" "$(peer_tuples "$N" -lunp)")" \
		"rows vs ss -ltnp and ss -lunp"
	jq -e 'all(.[]; .port != 5000)' <<< "$output"
}

@test "text: the golden table, the legend of the processes found only" {
	run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_no_stderr
	esa_golden list
}

@test "-4 -u with a second services file that overrides a description" {
	ESA_SERVICES=$ESA_SERVICES:$ESA_SRCDIR/tests/data/esa-tcpservices/services.local \
		run --separate-stderr tcps "$N" -n -4 -u
	esa_status 0
	esa_no_stderr
	esa_golden list-udp-v4
}

@test "-6: only the IPv6 sockets; --ipv4 and --ipv6 as long options" {
	run --separate-stderr tcps "$N" -n -6
	esa_status 0
	esa_eq "$(sed -n '/^COMMAND /,$p' <<< "$output" | tail -n +2 | awk '{ print $3 }' | sort -u)" "IPv6" "TYPE of -6"
	run --separate-stderr tcps "$N" --numeric --ipv4
	esa_status 0
	esa_eq "$(sed -n '/^COMMAND /,$p' <<< "$output" | tail -n +2 | awk '{ print $3 }' | sort -u)" "IPv4" "TYPE of -4"
}

@test "an empty namespace: the header alone, status 0" {
	local e

	e=$(esa_ns_new e)
	run --separate-stderr tcps "$e" -n -u
	esa_status 0
	esa_no_stderr
	esa_golden empty
	run --separate-stderr tcps "$e" -j
	esa_status 0
	esa_eq "$output" "[]"
}

# The seed's rows are numeric (10.0.202.7:25, 127.0.0.1:5432): so is the default; -N
# names the hosts (127.0.0.1 is localhost in the hosts file), never the ports.
@test "numeric by default, as the appliance; -N: host names, ports still numeric" {
	run --separate-stderr tcps "$N"
	esa_status 0
	[[ $output == *$'\nnginx        nobody       IPv4 TCP    *:8080\n'* ]] || { echo "$output"; false; }
	[[ $output == *$'\napi_serve    root         IPv4 TCP    127.0.0.1:60001\n'* ]] ||
		{ echo "$output"; false; }
	local numeric=$output
	run --separate-stderr tcps "$N" -n
	esa_eq "$output" "$numeric" "-n against the default"
	run --separate-stderr tcps "$N" -N
	esa_status 0
	[[ $output == *$'\nnginx        nobody       IPv4 TCP    *:8080\n'* ]] || { echo "$output"; false; }
	[[ $output == *$'\napi_serve    root         IPv4 TCP    localhost:60001\n'* ]] ||
		{ echo "$output"; false; }
	run --separate-stderr tcps "$N" --names
	[[ $output == *"localhost:60001"* ]] || { echo "$output"; false; }
}

@test "the shipped data file is found through ESA_SERVICES, a missing one is named" {
	ESA_SERVICES=$ESA_SRCDIR/bin/esa-tcpservices/services run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_no_stderr
	[[ $output == *"  nginx        - The nginx web server"* ]] || { echo "$output"; false; }
	ESA_SERVICES=/nonexistent/services run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_eq "$stderr" "esa-tcpservices: /nonexistent/services: No such file or directory"
	[[ ${lines[0]} == "COMMAND "* ]] || { echo "$output"; false; }
}

@test "a services file with bad lines: one warning each, the rest used" {
	local f=$BATS_TEST_TMPDIR/bad-services

	printf '[feature]\nnginx\n[nope]\napi_server Good one\n' > "$f"
	ESA_SERVICES=$f run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_eq "$stderr" "esa-tcpservices: $f:2: no description
esa-tcpservices: $f:3: unknown section (use [system] or [feature])"
	[[ $output == "Feature Processes"$'\n\n'"  api_server   - Good one"$'\n\n'"COMMAND"* ]] ||
		{ echo "$output"; false; }
}
