#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# errors.bats - esa-etherconfig's bad input: one line naming the problem, status 2,
# nothing on stdout and nothing changed in the namespace (links, addresses, ruleset,
# sysctls and state files compared before and after); usage errors add the synopsis.

load ../lib
load common

setup() {
	ec_setup
	BEFORE=$(snapshot "$A")
}

teardown() {
	esa_cleanup
}

# one_error WANT ARGS...: status 2, no stdout, exactly WANT on stderr, nothing changed.
one_error() {
	local want=$1

	shift
	run --separate-stderr ec "$A" "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "$want" stderr
	esa_eq "$(snapshot "$A")" "$BEFORE" "namespace state after: $*"
}

# usage_error WANT ARGS...: as one_error, then the synopsis.
usage_error() {
	local want=$1

	shift
	run --separate-stderr ec "$A" "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr_lines[0]}" "$want" "first stderr line"
	esa_golden usage "$(printf '%s\n' "${stderr_lines[@]:1}")"
	esa_eq "$(snapshot "$A")" "$BEFORE" "namespace state after: $*"
}

@test "VLAN ids 0, 4095, 4096 and abc are refused" {
	one_error "esa-etherconfig: VLAN ID: too small (at least 1): 0" vlan add a0 0
	one_error "esa-etherconfig: VLAN ID: too large (at most 4094): 4095" vlan add a0 4095
	one_error "esa-etherconfig: VLAN ID: too large (at most 4094): 4096" vlan add a0 4096
	one_error "esa-etherconfig: VLAN ID: not a number: abc" vlan add a0 abc
	one_error "esa-etherconfig: VLAN ID: too small (at least 1): -1" vlan add a0 -1
}

@test "a VLAN NAME the kernel would not take as given is refused" {
	local n

	for n in 'v%d' 'a/b' 'a:b' 'a b' 'sixteen-chars-xx' ''; do
		one_error "esa-etherconfig: $n: not a valid interface name (1 to 15 characters, no '/', ':', '%' or blanks)" \
			vlan add a0 34 "$n"
	done
}

@test "an unknown interface is named" {
	one_error "esa-etherconfig: eth9: no such interface" media eth9
	one_error "esa-etherconfig: eth9: no such interface" media eth9 auto
	one_error "esa-etherconfig: eth9: no such interface" mtu eth9
	one_error "esa-etherconfig: eth9: no such interface" mtu eth9 1500
	one_error "esa-etherconfig: eth9: no such interface" vlan add eth9 34
	one_error "esa-etherconfig: eth9.34: no such VLAN" vlan delete eth9.34
	one_error "esa-etherconfig: a0: no such VLAN" vlan delete a0
}

@test "MTUs 0, 70000, abc, -1 and 1e3 are refused" {
	one_error "esa-etherconfig: MTU 0 is out of range for Data 1 (68 to 65535)" mtu a0 0
	one_error "esa-etherconfig: MTU 70000 is out of range for Data 1 (68 to 65535)" mtu a0 70000
	one_error "esa-etherconfig: MTU: not a number: abc" mtu a0 abc
	one_error "esa-etherconfig: MTU: not a number: -1" mtu a0 -1
	one_error "esa-etherconfig: MTU: not a number: 1e3" mtu a0 1e3
}

@test "media eth0 123 full, a bad duplex" {
	one_error "esa-etherconfig: speed: not an Ethernet speed (10, 100, 1000, 2500, 5000, 10000, 25000, 40000, 50000, 100000... Mb/s): 123" \
		media eth0 123 full
	one_error "esa-etherconfig: speed: not a number: fast" media a0 fast full
	one_error "esa-etherconfig: duplex: not half or full: quarter" media a0 100 quarter
}

@test "an address that is not one" {
	one_error "esa-etherconfig: address: bad address: 192.0.2.300" loopback enable 192.0.2.300
	one_error "esa-etherconfig: address: not a numeric address: mail.example.com" \
		loopback enable mail.example.com
	one_error "esa-etherconfig: address: takes no scope: fe80::1%lo" loopback enable fe80::1%lo
}

@test "an address that is not a unicast one (the kernel would take the IPv4 ones on lo)" {
	local a

	for a in 0.0.0.0 224.0.0.1 239.255.255.255 255.255.255.255 :: ff02::1; do
		one_error "esa-etherconfig: address: not a unicast address: $a" loopback enable "$a"
	done
}

@test "usage errors name the problem, then the synopsis" {
	usage_error "esa-etherconfig: a view is needed: media, vlan, loopback, mtu or multicast"
	usage_error "esa-etherconfig: unknown view: ether" ether
	usage_error "esa-etherconfig: --bogus: unknown option" --bogus media
	usage_error "esa-etherconfig: vlan add: give IFACE VID [NAME]" vlan add a0
	usage_error "esa-etherconfig: vlan delete: give IFACE.VID or NAME" vlan delete
	usage_error "esa-etherconfig: vlan: unknown action: remove" vlan remove a0.34
	usage_error "esa-etherconfig: media: give IFACE auto, or IFACE SPEED half|full" media a0 100
	usage_error "esa-etherconfig: too many operands: x" media a0 100 full x
	usage_error "esa-etherconfig: too many operands: x" mtu a0 1500 x
	usage_error "esa-etherconfig: loopback enable: give one ADDR" loopback enable
	usage_error "esa-etherconfig: too many operands: x" loopback disable x
	usage_error "esa-etherconfig: multicast: unknown action: drop" multicast drop
	usage_error "esa-etherconfig: -j: only for listings" mtu -j a0 1500
	usage_error "esa-etherconfig: -j: only for listings" -j multicast reject
	usage_error "esa-etherconfig: -f: only for mtu IFACE MTU" mtu a0 -f
	usage_error "esa-etherconfig: -f: only for mtu IFACE MTU" --force vlan add a0 34
	usage_error "esa-etherconfig: -f: only for mtu IFACE MTU" loopback -f disable
}

@test "-h prints the synopsis on stdout, --version the version" {
	run --separate-stderr ec "$A" -h
	esa_status 0
	esa_no_stderr
	esa_golden usage
	run --separate-stderr ec "$A" mtu a0 --help
	esa_status 0
	esa_golden usage
	run --separate-stderr ec "$A" --version
	esa_status 0
	[[ $output == "esa-etherconfig "[0-9]* ]] || { echo "$output"; false; }
}

@test "-j goes before or after the view" {
	run --separate-stderr ec "$A" -j mtu
	esa_status 0
	esa_eq "$(jq -r '.[0].interface' <<< "$output")" a0
	run --separate-stderr ec "$A" mtu a0 --json
	esa_eq "$(jq -r '.[0].mtu' <<< "$output")" 1500
}
