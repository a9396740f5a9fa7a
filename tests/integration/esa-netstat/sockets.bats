#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# sockets.bats - view 1, the active sockets: FreeBSD's layout, the same sockets as ss,
# -a, -p, -4/-6, names, JSON.

load ../lib
load socks

setup() {
	socks_setup
}

teardown() {
	socks_teardown
}

@test "-an: every socket ss shows, with the same addresses, queues and state" {
	run --separate-stderr in_ns "$NETSTAT" -an
	esa_status 0
	esa_no_stderr
	esa_eq "$(ss_tuples all -a)" "$(our_tuples -an)" "sockets (ss -tuan vs esa-netstat -anj)"
	# the listing holds what socks.py made and nothing else
	esa_eq "$(our_tuples -an | wc -l)" 16 "number of sockets"
}

@test "-an: FreeBSD's text, rows laid out as formats.md says" {
	run --separate-stderr in_ns "$NETSTAT" -an
	esa_status 0
	esa_golden sockets-an "$(printf '%s\n' "$output" | sorted_rows)"
}

@test "without -a: no listener, no unconnected UDP socket" {
	run --separate-stderr in_ns "$NETSTAT" -n
	esa_status 0
	esa_golden sockets-n "$(printf '%s\n' "$output" | sorted_rows)"
	esa_eq "$(ss_tuples all state connected | grep -v ' LISTEN$' | grep -v '^udp .* any 0 ')" \
		"$(our_tuples -n)" "connected sockets"
}

@test "-p tcp, -p udp, -4 and -6 narrow the list as ss -t, -u, -4, -6 do" {
	esa_eq "$(ss_tuples tcp -a)" "$(our_tuples -an -p tcp)" "tcp"
	esa_eq "$(ss_tuples udp -a)" "$(our_tuples -an -p udp)" "udp"
	# ss -6 also lists the IPv4-mapped connection, an AF_INET6 socket, which FreeBSD
	# (and we) show as tcp4
	esa_eq "$(ss_tuples all -a -6 | awk '$2 !~ /^[0-9.]+$/')" "$(our_tuples -an -6)" "IPv6"
	# -4 also holds the IPv6 sockets that take IPv4: the dual-stack listener and
	# the IPv4-mapped connection, which ss -4 leaves out
	run in_ns "$NETSTAT" -an -4
	esa_status 0
	[[ $output == *"tcp46      0      0 *.22 "* ]] || { echo "$output"; false; }
	[[ $output == *"tcp4       0      0 192.0.2.1.22           192.0.2.1.40005        ESTABLISHED"* ]] ||
		{ echo "$output"; false; }
	[[ $output != *"tcp6 "* && $output != *"udp6 "* ]] || { echo "$output"; false; }
}

@test "-j: one array, documented keys and types, no nulls" {
	run --separate-stderr in_ns "$NETSTAT" -an -j
	esa_status 0
	esa_no_stderr
	printf '%s\n' "$output" | jq -e 'type == "array" and length == 16 and all(.[];
		(keys - ["protocol","family","v6only","recv_q_bytes","send_q_bytes","local_address",
		         "local_port","foreign_address","foreign_port","state","local_hostname",
		         "foreign_hostname","uid","inode"]) == [] and
		(.protocol == "tcp" or .protocol == "udp") and
		(.family == "inet" or .family == "inet6") and
		(has("v6only") == (.family == "inet6")) and (.recv_q_bytes | type) == "number" and
		(.local_port | type) == "number" and (.uid | type) == "number" and
		(if .protocol == "udp" then has("state") | not else (.state | type) == "string" end) and
		(has("local_hostname") | not))' > /dev/null || { echo "$output"; false; }
}

@test "-j: family and v6only as ss -e tells them, socket by socket (inode)" {
	local ours theirs

	# ss -e gives v6only (as "v6only:N") for listeners only
	ours=$(in_ns "$NETSTAT" -an -j | jq -r '.[] | select(.inode != 0) |
		"\(.inode) \(.protocol) \(.family) \(if .state == "LISTEN" and has("v6only") then .v6only else "-" end)"' |
		sort)
	# an IPv6 socket talking IPv4 ([::ffff:a.b.c.d]) is tcp4 in the text, so inet here;
	# "*" is the dual-stack listener's "::"
	theirs=$(in_ns ss -tuanHe 2> /dev/null | awk '{
		ino = ""; v6 = "-"
		for (i = 7; i <= NF; i++) {
			if ($i ~ /^ino:/) ino = substr($i, 5)
			if ($i ~ /^v6only:/) v6 = substr($i, 8) == "1" ? "true" : "false"
		}
		fam = ($5 ~ /^\[/ && $5 !~ /^\[::ffff:/) || $5 ~ /^\*:/ ? "inet6" : "inet"
		if (ino != "" && ino != "0") print ino, $1, fam, v6 }' | sort)
	esa_eq "$ours" "$theirs" "inode protocol family v6only (ours vs ss -e)"
	# the three kinds are there: inet, inet6 taking IPv4 too, inet6 only
	[[ $ours == *" tcp inet -"* && $ours == *" tcp inet6 false"* && $ours == *" tcp inet6 true"* ]] ||
		{ echo "$ours"; false; }
}

# The seed's rows: hosts by name, ports numeric (10.0.202.7.22,
# a96-17-177-18.deploy.static.akamaitechnologies.com.80); --services names the ports.
@test "names: hosts from the hosts file, ports numeric unless --services, nothing with -n" {
	printf '192.0.2.1 mx.example\n2001:db8::1 mx6.example\n' > "$BATS_TEST_TMPDIR/hosts"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$BATS_TEST_TMPDIR/resolv"
	printf 'hosts: files dns\nservices: files\n' > "$BATS_TEST_TMPDIR/nss"
	local mounts="mount --bind $BATS_TEST_TMPDIR/hosts /etc/hosts &&
		mount --bind $BATS_TEST_TMPDIR/resolv /etc/resolv.conf &&
		mount --bind $BATS_TEST_TMPDIR/nss /etc/nsswitch.conf"

	run in_ns unshare -m sh -c "$mounts && exec $NETSTAT -a -p tcp -4"
	esa_status 0
	[[ $output == *"tcp4       0      0 *.25                   *.*                    LISTEN"* ]] ||
		{ echo "$output"; false; }
	[[ $output == *"tcp4     100      0 mx.example.25          mx.example.40003       ESTABLISHED"* ]] ||
		{ echo "$output"; false; }
	[[ $output != *smtp* ]] || { echo "$output"; false; }
	run in_ns unshare -m sh -c "$mounts && exec $NETSTAT -a -p tcp -4 --services"
	esa_status 0
	[[ $output == *"tcp4       0      0 *.smtp                 *.*                    LISTEN"* ]] ||
		{ echo "$output"; false; }
	[[ $output == *"tcp4     100      0 mx.example.smtp        mx.example.40003       ESTABLISHED"* ]] ||
		{ echo "$output"; false; }
	run in_ns unshare -m sh -c "$mounts && exec $NETSTAT -an -p tcp -4 --services"
	esa_status 0
	[[ $output == *"tcp4     100      0 192.0.2.1.25           192.0.2.1.40003        ESTABLISHED"* ]] ||
		{ echo "$output"; false; }
}

@test "bad input: one line naming it, the synopsis, status 2, nothing on stdout" {
	for args in "-p sctp" "-p" "-a -r" "-p tcp -L" "-r --services" "-x" "extra" "-4 -6"; do
		run --separate-stderr in_ns "$NETSTAT" $args
		esa_status 2
		esa_eq "$output" "" "stdout of $args"
		[[ ${stderr_lines[0]} == esa-netstat:\ * && ${stderr_lines[1]} == "usage: "* ]] ||
			{ echo "$args: $stderr"; false; }
	done
}
