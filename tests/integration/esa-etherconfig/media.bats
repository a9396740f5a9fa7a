#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# media.bats - esa-etherconfig media: the listing against ethtool, and the driver's
# answer to a change (veth has no link settings to change: the kernel says so).

load ../lib
load common

setup() {
	ec_setup
}

teardown() {
	esa_cleanup
}

@test "media lists each Ethernet interface numbered, by alias, with its MAC" {
	run --separate-stderr ec "$A" media
	esa_status 0
	esa_no_stderr
	esa_golden media
}

@test "media -j agrees with ethtool: speed, duplex, autonegotiation, link" {
	local speed duplex autoneg link

	speed=$(ethtool_field "$A" a0 Speed)
	duplex=$(ethtool_field "$A" a0 Duplex)
	autoneg=$(ethtool_field "$A" a0 Auto-negotiation)
	link=$(ethtool_field "$A" a0 'Link detected')
	run --separate-stderr ec "$A" media -j
	esa_status 0
	esa_no_stderr
	esa_eq "$(jq -r '.[0] | "\(.speed_mbps)Mb/s"' <<< "$output")" "$speed" speed
	esa_eq "$(jq -r '.[0].duplex' <<< "$output")" "${duplex,,}" duplex
	esa_eq "$(jq -r '.[0] | if .autoneg then "on" else "off" end' <<< "$output")" "$autoneg" autoneg
	esa_eq "$(jq -r '.[0] | if .link then "yes" else "no" end' <<< "$output")" "$link" link
	# interface, alias, ifindex and mac as ip -j link's ifname, ifalias, ifindex, address
	esa_eq "$(jq -r '.[0] | "\(.ifindex) \(.alias) \(.interface) \(.mac)"' <<< "$output")" \
		"$(ip -n "$A" -j link show a0 | jq -r '.[0] | "\(.ifindex) \(.ifalias) \(.ifname) \(.address)"')"
	# the connector as ethtool's Port, in its short words
	local port
	port=$(ethtool_field "$A" a0 Port)
	case $port in
	"Twisted Pair") port=TP ;;
	"Direct Attach Copper") port=DA ;;
	None) port=NONE ;;
	esac
	esa_eq "$(jq -r '.[0].connector' <<< "$output")" "$port" connector
}

@test "media -j: the supported modes and autonegotiation as ethtool reports them (veth: none)" {
	local modes auto

	# (on one line for veth; a real NIC's list goes on over the next lines)
	modes=$(ethtool_field "$A" a0 'Supported link modes' | sed 's/^ *//; s/ *$//')
	auto=$(ethtool_field "$A" a0 'Supports auto-negotiation')
	run --separate-stderr ec "$A" media a0 -j
	esa_status 0
	esa_no_stderr
	jq -e '.[0] | (.supported_media | type) == "array" and (.autoneg_supported | type) == "boolean"' \
		<<< "$output"
	# ethtool says "Not reported" for no mode, else "10baseT/Half 10baseT/Full ..."
	esa_eq "$(jq -r '.[0].supported_media | if length == 0 then "Not reported" else
		map("\(.speed_mbps)/\(.duplex)") | join(" ") end' <<< "$output")" \
		"$(sed -E 's/([0-9]+)base[A-Za-z0-9]*\/(Half|Full)/\1\/\L\2/g' <<< "$modes")" \
		"supported modes (ethtool: $modes)"
	esa_eq "$(jq -r '.[0] | if .autoneg_supported then "Yes" else "No" end' <<< "$output")" \
		"$auto" "autonegotiation supported"
}

@test "media shows <link is down> when ethtool sees no link" {
	ip -n "$B" link set b0 down
	esa_wait_for 5 bash -c "[ \"\$(ip netns exec $A ethtool a0 | sed -n 's/.*Link detected: //p')\" = no ]"
	run --separate-stderr ec "$A" media
	esa_status 0
	esa_golden media-down
	run --separate-stderr ec "$A" media -j
	esa_eq "$(jq -r '.[0].link' <<< "$output")" false
}

@test "media IFACE lists that interface only, by kernel name or alias" {
	esa_veth "$A" a1 "$B" b1 02:00:00:00:0a:02 02:00:00:00:0b:02
	run --separate-stderr ec "$A" media a0
	esa_status 0
	esa_golden media
	run --separate-stderr ec "$A" media "Data 1"
	esa_golden media
	run --separate-stderr ec "$A" media
	esa_eq "${lines[2]}" "2. a1 (Manual: <10000baseT full-duplex>) 02:00:00:00:0a:02"
}

@test "setting media on veth: the driver's refusal, as ethtool gets it, exit 2, nothing changed" {
	local before

	# ethtool itself is refused the same way
	run in_ns "$A" ethtool -s a0 speed 100 duplex half autoneg off
	[ "$status" -ne 0 ]
	before=$(in_ns "$A" ethtool a0)
	run --separate-stderr ec "$A" media "Data 1" 100 half
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: Data 1: setting media: Operation not supported"
	run --separate-stderr ec "$A" media a0 auto
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: Data 1: setting media: Operation not supported"
	esa_eq "$(in_ns "$A" ethtool a0)" "$before" "ethtool a0"
}

@test "a refusal names a long alias whole (aliases go up to 255 bytes)" {
	local alias

	alias=$(printf 'x%.0s' {1..200})
	ip -n "$A" link set a0 alias "$alias"
	run --separate-stderr ec "$A" media a0 auto
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: $alias: setting media: Operation not supported"
}

@test "media as nobody: the listing works, a change names CAP_NET_ADMIN" {
	run --separate-stderr ec_nobody "$A" media
	esa_status 0
	esa_golden media
	run --separate-stderr ec_nobody "$A" media a0 auto
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: media: Operation not permitted (needs CAP_NET_ADMIN)"
}

# bats test_tags=vm
@test "media on a dummy interface: no link settings, as ethtool says; a change is refused" {
	esa_skip_unless_kernel dummy
	ip -n "$A" link add d0 address 02:00:00:00:0d:01 type dummy
	ip -n "$A" link set d0 up
	run in_ns "$A" ethtool d0
	[[ $output != *"Speed: 1"* ]]
	run --separate-stderr ec "$A" media d0
	esa_status 0
	esa_eq "$output" "Ethernet interfaces:
1. d0 (Media: <unknown>) 02:00:00:00:0d:01"
	run --separate-stderr ec "$A" media d0 100 full
	esa_status 2
	[[ $stderr == "esa-etherconfig: d0: setting media: Operation not supported"* ]] ||
		{ echo "$stderr"; false; }
}
