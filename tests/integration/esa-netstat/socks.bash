# SPDX-License-Identifier: BSD-2-Clause
# socks.bash - the namespace and sockets of the socket views (1, -a, and 4, -L):
# one namespace, 192.0.2.1 and 2001:db8::1 on its lo, socks.py holding the sockets.

# socks_setup: namespace $NS with socks.py running; $SOCKS_PID its process.
socks_setup() {
	esa_need_root
	NS=$(esa_ns_new sock) || return 1
	ip -n "$NS" addr add 192.0.2.1/32 dev lo
	ip -n "$NS" addr add 2001:db8::1/128 dev lo nodad
	NETSTAT=$(esa_bin esa-netstat) || return 1
	# stdin stays open on a fifo held by the test; closing it ends socks.py
	mkfifo "$BATS_TEST_TMPDIR/hold"
	ip netns exec "$NS" timeout "$ESA_TIMEOUT" /usr/bin/python3 \
		"$BATS_TEST_DIRNAME/socks.py" "$BATS_TEST_TMPDIR/ready" < "$BATS_TEST_TMPDIR/hold" 3>&- &
	SOCKS_PID=$!
	exec 9> "$BATS_TEST_TMPDIR/hold"
	esa_wait_for 10 test -s "$BATS_TEST_TMPDIR/ready"
}

socks_teardown() {
	exec 9>&- 2> /dev/null
	[ -n "${SOCKS_PID:-}" ] && wait "$SOCKS_PID" 2> /dev/null
	esa_cleanup
}

in_ns() {
	ip netns exec "$NS" timeout "$ESA_TIMEOUT" "$@"
}

# Sorted rows after the two header lines: the kernel's hash order is random.
sorted_rows() {
	local all

	all=$(cat)
	printf '%s\n' "$all" | sed -n '1,2p'
	printf '%s\n' "$all" | sed '1,2d' | sort
}

# ss_tuples tcp|udp|all [ss options]: "proto local lport foreign fport recvq sendq
# state" per socket as ss reports it, addresses unbracketed, IPv4-mapped ones
# unmapped, the unspecified address "any", a port "*" 0; UDP has no state ("-"); a
# listener's queues 0 0, as FreeBSD's netstat (its Recv-Q and Send-Q are bytes).
# ss is always asked for both protocols: with one it leaves its Netid column out.
ss_tuples() {
	local proto=$1

	shift
	in_ns ss -H -n -t -u "$@" | awk -v proto="$proto" '
	proto != "all" && $1 != proto { next }
	function split_ap(s, out,    i, host, port) {
		i = match(s, /:[^:]*$/)
		host = substr(s, 1, i - 1); port = substr(s, i + 1)
		gsub(/[][]/, "", host); sub(/%.*/, "", host); sub(/^::ffff:/, "", host)
		if (host == "*" || host == "0.0.0.0" || host == "::") host = "any"
		if (port == "*") port = 0
		out[1] = host; out[2] = port
	}
	{
		split_ap($5, l); split_ap($6, f)
		st = $2
		m["ESTAB"] = "ESTABLISHED"; m["LISTEN"] = "LISTEN"; m["TIME-WAIT"] = "TIME_WAIT"
		m["SYN-RECV"] = "SYN_RCVD"; m["SYN-SENT"] = "SYN_SENT"; m["CLOSE-WAIT"] = "CLOSE_WAIT"
		m["FIN-WAIT-1"] = "FIN_WAIT_1"; m["FIN-WAIT-2"] = "FIN_WAIT_2"
		m["LAST-ACK"] = "LAST_ACK"; m["CLOSING"] = "CLOSING"; m["UNCONN"] = "CLOSED"
		state = $1 == "udp" ? "-" : (st in m ? m[st] : st)
		# ss gives a listener its accept queue and backlog; FreeBSD bytes, 0 0
		if (state == "LISTEN") { $3 = 0; $4 = 0 }
		print $1, l[1], l[2], f[1], f[2], $3, $4, state
	}' | sort
}

# our_tuples [esa-netstat options]: the same tuples from esa-netstat -j.
our_tuples() {
	in_ns "$NETSTAT" -j "$@" | jq -r '.[] |
		[ .protocol,
		  (if .local_address == "0.0.0.0" or .local_address == "::" then "any" else .local_address end),
		  .local_port,
		  (if .foreign_address == "0.0.0.0" or .foreign_address == "::" then "any" else .foreign_address end),
		  .foreign_port, .recv_q_bytes, .send_q_bytes, (.state // "-") ] | map(tostring) | join(" ")' | sort
}
