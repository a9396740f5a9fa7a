#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-netstat against hostile input: arguments with control bytes and
# bidi controls, a 15-byte kernel name holding ESC and a bidi override (its link-local
# %scope in -i and -rn), an alias of the same; closed, full and broken standard
# outputs. The escaped forms are written out by hand; JSON keeps the bytes. Also
# under `make SANITIZE=1 check`.

load ../lib
load common

IF=$ESA_HOSTILE_IF
IF_SAFE=$ESA_HOSTILE_IF_SAFE

# One namespace: h0 <-> the hostile name, with fe80::1 and 192.0.2.1 on the hostile
# end and a route through a link-local gateway on it.
setup() {
	ns_setup
	A=$(esa_ns_new a)
	# no address of the kernel's making: the rows are the test's alone
	ip netns exec "$A" sysctl -qw net.ipv6.conf.default.addr_gen_mode=1 > /dev/null
	ip -n "$A" link add h0 address 02:00:00:00:0a:01 type veth peer name "$IF" \
		address 02:00:00:00:0a:02
	ip -n "$A" -batch - <<-EOF
		link set h0 up
		link set $IF up
		addr add 192.0.2.1/24 dev $IF
		addr add fe80::1/64 dev $IF nodad
		route add 2001:db8:5::/48 via fe80::2 dev $IF
	EOF
}

teardown() {
	esa_cleanup
}

@test "hostile arguments: one escaped line, the usage where it is a usage error, status 2" {
	esa_one_error "esa-netstat: $ESA_HOSTILE_SAFE: no such interface" \
		netstat "$A" -i -I "$ESA_HOSTILE"
	local args
	for args in "-p" "-w" "-c"; do
		run --separate-stderr netstat "$A" -w 1 "$args" "$ESA_HOSTILE"
		esa_status 2
		esa_eq "$output" "" stdout
		[[ ${stderr_lines[0]} == "esa-netstat: $args: "*": $ESA_HOSTILE_SAFE" ]] ||
			{ echo "$stderr"; false; }
		[[ ${stderr_lines[1]} == "usage: esa-netstat "* ]]
		esa_no_controls "$stderr" stderr
	done
	run --separate-stderr netstat "$A" -rn "$ESA_HOSTILE"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-netstat: too many operands: $ESA_HOSTILE_SAFE"
	run --separate-stderr netstat "$A" "--$ESA_HOSTILE=1"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-netstat: --$ESA_HOSTILE_SAFE: unknown option"
}

@test "-i: a hostile kernel name and its link-local %scope are escaped; JSON keeps them" {
	run --separate-stderr netstat "$A" -i -n -I "$IF"
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	# the link row, the IPv4 row, the link-local row (network and address with %scope)
	esa_eq "${#lines[@]}" 4 "number of lines"
	[[ ${lines[1]} == "$IF_SAFE  1500 <Link#"* ]] || { echo "${lines[1]}"; false; }
	[[ ${lines[2]} == "$IF_SAFE     - 192.0.2.0     192.0.2.1 "* ]] || { echo "${lines[2]}"; false; }
	[[ ${lines[3]} == "$IF_SAFE     - fe80::%$IF_SAFE fe80::1%$IF_SAFE "* ]] ||
		{ echo "${lines[3]}"; false; }
	run --separate-stderr netstat "$A" -i -n -j -I "$IF"
	esa_status 0
	jq -e --arg i "$IF" '.[0].interface == $i and (.[0] | has("alias") | not) and
	    ([.[0].addresses[] | select(.family == "inet6")][0] |
	     .address == "fe80::1%" + $i and .network == "fe80::%" + $i)' <<< "$output"
}

@test "-rn: a link-local gateway and destination with a hostile %scope are escaped" {
	# ip agrees on the route
	ip -n "$A" -6 route show 2001:db8:5::/48 | grep -qF "via fe80::2 dev $IF"
	run --separate-stderr netstat "$A" -rnW -6
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	local row
	row=$(grep '^2001:db8:5::/48 ' <<< "$output")
	# FreeBSD 11's route.c: IPv6 with -n is 33 and 29 wide, and what runs past a
	# column is taken from the next (35 characters of gateway leave Flags none)
	esa_eq "$row" "2001:db8:5::/48$(printf '%18s' '') fe80::2%$IF_SAFE UGS $IF_SAFE"
	row=$(grep '^fe80::%' <<< "$output")
	esa_eq "$row" "fe80::%$IF_SAFE/64 link#2$(printf '%19s' '') U      $IF_SAFE"
	run --separate-stderr netstat "$A" -rn -6 -j
	esa_status 0
	jq -e --arg i "$IF" '[.[] | select(.destination == "2001:db8:5::")][0] |
	    .gateway == "fe80::2%" + $i and .interface == $i' <<< "$output"
}

@test "an alias with control bytes and bidi controls is escaped in -i" {
	ip -n "$A" link set dev h0 alias "$ESA_HOSTILE"
	run --separate-stderr netstat "$A" -i -n -I h0
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	[[ ${lines[1]} == "$ESA_HOSTILE_SAFE "* ]] || { echo "${lines[1]}"; false; }
}

@test "closed, full and broken standard output: status 2, a message or silence" {
	local args
	for args in "-an" "-i -n" "-rn" "-Ln"; do
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_closed ip netns exec "$A" "$NETSTAT" $args
		esa_status 2
		esa_eq "$stderr" "esa-netstat: write error: Bad file descriptor" "stderr of $args"
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_full ip netns exec "$A" "$NETSTAT" $args
		esa_status 2
		esa_eq "$stderr" "esa-netstat: write error: No space left on device" "stderr of $args"
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_broken ignored ip netns exec "$A" "$NETSTAT" $args
		esa_status 2
		esa_no_stderr
	done
	# the live view ends at its first line, whatever -c says
	run --separate-stderr esa_out_broken ignored ip netns exec "$A" "$NETSTAT" -w 1
	esa_status 2
	esa_no_stderr
	run --separate-stderr esa_out_closed ip netns exec "$A" "$NETSTAT" -w 1
	esa_status 2
	esa_eq "$stderr" "esa-netstat: write error: Bad file descriptor"
}

@test "-h, --help, -V and --version into /dev/full or a closed stdout: the write error, status 2" {
	esa_help_write_errors esa-netstat ip netns exec "$A" "$NETSTAT"
}
