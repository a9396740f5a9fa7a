# SPDX-License-Identifier: BSD-2-Clause
# common.bash - the esa-etherconfig suite's topology and helpers, loaded by every file
# of the suite after ../lib.
#
# Topology (ec_setup):
#   ns A: a0 02:00:00:00:0a:01 alias "Data 1" 192.0.2.1/24  <-veth->
#   ns B: b0 02:00:00:00:0b:01 192.0.2.2/24
# The loopback state file goes to the test's own directory (ESA_ETHERCONFIG_STATE_DIR),
# never to the host's /run/esa-tools.

A_MAC=02:00:00:00:0a:01
B_MAC=02:00:00:00:0b:01

ec_setup() {
	esa_need_root
	EC=$(esa_bin esa-etherconfig) || return 1
	A=$(esa_ns_new a)
	B=$(esa_ns_new b)
	esa_veth "$A" a0 "$B" b0 "$A_MAC" "$B_MAC"
	ip -n "$A" link set a0 alias "Data 1"
	ip -n "$A" addr add 192.0.2.1/24 dev a0
	ip -n "$B" addr add 192.0.2.2/24 dev b0
	STATE_DIR=$BATS_TEST_TMPDIR/state
}

# in_ns NS COMMAND...: COMMAND inside NS, bounded in time.
in_ns() {
	local ns=$1

	shift
	ip netns exec "$ns" timeout "$ESA_TIMEOUT" "$@"
}

# ec NS ARGS...: the program under test inside NS, with the test's state directory.
ec() {
	local ns=$1

	shift
	in_ns "$ns" env ESA_ETHERCONFIG_STATE_DIR="$STATE_DIR" "$EC" "$@"
}

# ec_nobody NS ARGS...: the program run as nobody inside NS (a copy outside the
# checkout, which nobody cannot read).
ec_nobody() {
	local ns=$1 dir

	shift
	dir=$(mktemp -d /tmp/esa-ec-XXXXXX)
	chmod 755 "$dir"
	cp "$EC" "$dir/esa-etherconfig"
	chmod 755 "$dir/esa-etherconfig"
	in_ns "$ns" setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
		env ESA_ETHERCONFIG_STATE_DIR="$STATE_DIR" "$dir/esa-etherconfig" "$@"
	local st=$?
	rm -rf "$dir"
	return $st
}

# snapshot NS: what a failed change must leave alone: links, addresses, ruleset, sysctls.
snapshot() {
	ip -n "$1" -d link show
	ip -n "$1" addr show
	in_ns "$1" nft list ruleset
	in_ns "$1" sysctl net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce
	ls -A "$STATE_DIR" 2> /dev/null || :
}

# ethtool_field NS IFACE FIELD: the value after "FIELD: " in `ethtool IFACE`.
ethtool_field() {
	in_ns "$1" ethtool "$2" | sed -n "s/^[[:space:]]*$3: //p"
}

# kernel_has_vlan: status 0 when a VLAN link can be created (8021q).
kernel_has_vlan() {
	local ns="esa-t-$$-probe-$RANDOM" ok=1

	ip netns add "$ns" || return 1
	ip -n "$ns" link add p0 type veth peer name p1 2> /dev/null &&
		ip -n "$ns" link add link p0 name p0.5 type vlan id 5 2> /dev/null || ok=0
	ip netns del "$ns"
	[ "$ok" -eq 1 ]
}
