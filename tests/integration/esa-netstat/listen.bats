#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# listen.bats - view 4, the listen queues: qlen and maxqlen as ss -ltn shows them,
# incqlen counted from real half-open connections, the host cut at 16 characters.

load ../lib
load socks

setup() {
	socks_setup
}

teardown() {
	socks_teardown
}

@test "-Ln: FreeBSD's text: the header, qlen/incqlen/maxqlen, host.port" {
	run --separate-stderr in_ns "$NETSTAT" -Ln
	esa_status 0
	esa_no_stderr
	esa_golden listen-n "$(printf '%s\n' "$output" | sorted_rows)"
}

@test "-L: qlen and maxqlen are ss -ltn's Recv-Q and Send-Q for every listener" {
	local ss ours

	ss=$(in_ns ss -Hltn | awk '{ a = $4; sub(/^\[::ffff:/, "", a); gsub(/[][]/, "", a)
		sub(/^\*:/, "any:", a); sub(/^0\.0\.0\.0:/, "any:", a); sub(/^:::/, "any:", a)
		print a, $2, $3 }' | sort)
	ours=$(in_ns "$NETSTAT" -Ln -j | jq -r '.[] | "\(if .local_address == "0.0.0.0" or
		.local_address == "::" then "any" else .local_address end):\(.local_port) \(.qlen) \(.maxqlen)"' | sort)
	esa_eq "$ours" "$ss" "listeners (address qlen maxqlen)"
	run in_ns "$NETSTAT" -L -j -4
	esa_status 0
	# -4 holds the dual-stack listener, as FreeBSD's -f inet does
	# as the text's tcp4 tcp4 tcp46: inet, inet, and inet6 taking IPv4 on "::"
	esa_eq "$(printf '%s\n' "$output" | jq -r 'map("\(.protocol) \(.family) \(if has("v6only") then .v6only else "-" end) \(.local_address)") |
		sort | join(", ")')" "tcp inet - 0.0.0.0, tcp inet - 192.0.2.1, tcp inet6 false ::" "-4 protocols"
}

@test "-L without -n: the host part is cut at 16 characters, -W keeps it whole" {
	printf '192.0.2.1 localhost.example.com\n' > "$BATS_TEST_TMPDIR/hosts"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$BATS_TEST_TMPDIR/resolv"
	printf 'hosts: files dns\n' > "$BATS_TEST_TMPDIR/nss"
	local mounts="mount --bind $BATS_TEST_TMPDIR/hosts /etc/hosts &&
		mount --bind $BATS_TEST_TMPDIR/resolv /etc/resolv.conf &&
		mount --bind $BATS_TEST_TMPDIR/nss /etc/nsswitch.conf"
	run in_ns unshare -m sh -c "$mounts && exec $NETSTAT -L -4"
	esa_status 0
	[[ $output == *$'\n'"tcp4  2/0/3          localhost.exampl.7025"* ]] || { echo "$output"; false; }
	run in_ns unshare -m sh -c "$mounts && exec $NETSTAT -L -4 -W"
	[[ $output == *$'\n'"tcp4  2/0/3          localhost.example.com.7025"* ]] || { echo "$output"; false; }
}

# Half-open connections, for real: the server's namespace drops the final ACK of
# each handshake, so its side stays SYN_RECV while the clients think they are in.
@test "-L: incqlen counts the half-open connections of each listener, as ss does; -a hides them" {
	local srv cli n

	srv=$(esa_ns_new srv)
	cli=$(esa_ns_new cli)
	esa_veth "$srv" s0 "$cli" c0
	ip -n "$srv" addr add 192.0.2.2/24 dev s0
	ip -n "$cli" addr add 192.0.2.3/24 dev c0
	ip netns exec "$srv" nft -f - <<-'NFT'
		table inet esa_test {
			chain in {
				type filter hook input priority 0;
				tcp dport 7026 tcp flags & (syn | ack | fin | rst) == ack drop
			}
		}
	NFT
	ip netns exec "$srv" timeout "$ESA_TIMEOUT" /usr/bin/python3 -c '
import socket, time
s = socket.socket(); s.bind(("192.0.2.2", 7026)); s.listen(8); time.sleep(30)' &
	esa_wait_for 10 sh -c "ip netns exec $srv ss -Hltn | grep -q ':7026'"
	ip netns exec "$cli" timeout "$ESA_TIMEOUT" /usr/bin/python3 -c '
import socket, time
cs = [socket.create_connection(("192.0.2.2", 7026), timeout=5) for i in range(3)]
time.sleep(30)' &
	esa_wait_for 10 sh -c "[ \$(ip netns exec $srv ss -Htn state syn-recv | wc -l) -eq 3 ]"
	n=$(ip netns exec "$srv" ss -Htn state syn-recv '( sport = :7026 )' | wc -l)
	run --separate-stderr ip netns exec "$srv" "$NETSTAT" -Ln
	esa_status 0
	esa_eq "${lines[2]}" "tcp4  0/$n/8          192.0.2.2.7026" "listener row"
	esa_eq "$n" 3 "half-open connections ss counts"
	# FreeBSD keeps them in its syncache, which netstat -a never lists (tcp_syncache.c
	# holds no socket for them): the listener alone
	run --separate-stderr ip netns exec "$srv" "$NETSTAT" -an
	esa_status 0
	esa_eq "${lines[*]:2}" "tcp4       0      0 192.0.2.2.7026         *.*                    LISTEN" \
		"-an without the half-open connections"
	esa_ns_kill "$srv"
	esa_ns_kill "$cli"
}
