#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# routes.bats - view 3, the routing tables: the same routes as `ip route`, FreeBSD's
# text (golden files), names and cutting, JSON, -4/-6, bad command lines.

load ../lib
load common

setup() {
	ns_setup
	ns_topology
	ns_routes
}

teardown() {
	ns_teardown
}

# display_names NS: a JSON object mapping each kernel name to the shown name.
display_names() {
	ip -n "$1" -j link show | jq -c 'map({key: .ifname, value: (.ifalias // .ifname)}) |
		from_entries'
}

# ip_tuples NS FAMILY(4|6) [json]: "destination|gateway|interface" of each next hop of
# the main table as ip shows them; "-" for no gateway or no interface. The interface is
# the shown name (alias or kernel name), or with json the kernel name and its alias
# ("interface|alias", alias "-" when none), as -j names it.
ip_tuples() {
	ip -n "$1" "-$2" -j route show table main |
		jq -r --argjson n "$(display_names "$1")" --arg mode "${3:-text}" '.[] | . as $r |
		(if .nexthops then .nexthops[] else . end) |
		[ $r.dst, (.gateway // "-"),
		  ((.dev // "-") as $d | if $mode == "json" and $d != "-"
		   then $d + "|" + (if $n[$d] == null or $n[$d] == $d then "-" else $n[$d] end)
		   else $n[$d] // $d end) ] | join("|")'
}

# own_tuples NS FAMILY(4|6) text|json: the host's own addresses, the local table's
# local host routes as ip shows them, as -r lists them: "address|-|lo" (FreeBSD's
# loopback routes) in the text, with the interface that holds them in the JSON.
own_tuples() {
	ip -n "$1" "-$2" -j route show table local type local |
		jq -r --argjson n "$(display_names "$1")" --arg mode "$3" '.[] |
		select(.dst | contains("/") | not) |
		[ .dst, "-", (if $mode == "text" then "lo"
		  else .dev + "|" + (if $n[.dev] == .dev then "-" else $n[.dev] end) end) ] |
		join("|")'
}

# text_tuples TEXT: the same from our -n text, the Netif column read by position
# (a name may hold blanks); link#N is no gateway, and %scope is dropped.
text_tuples() {
	local line rest flags netif gw dst re='^([^ ]+) +([^ ]+) +([A-Z0-9]+)(.*)$'

	while IFS= read -r line; do
		[[ $line =~ $re ]] || continue
		dst=${BASH_REMATCH[1]} gw=${BASH_REMATCH[2]} flags=${BASH_REMATCH[3]}
		[ "$dst" = Destination ] && continue
		rest=${BASH_REMATCH[4]}
		rest=${rest:$((7 - ${#flags}))}
		netif=${rest:0:8}
		netif=${netif#"${netif%%[! ]*}"}
		[[ $gw == link#* ]] && gw=-
		# a network keeps its /len, a host loses its %scope, as ip prints them
		if [[ $dst == */* ]]; then dst=${dst/\%*\//\/}; else dst=${dst%%\%*}; fi
		echo "$dst|${gw%%%*}|${netif:--}"
	done <<< "$1"
}

# json_tuples JSON: the same from our -j output.
json_tuples() {
	printf '%s\n' "$1" | jq -r '.[] |
		[ (if .prefix_len == 0 then "default"
		   elif (.family == "inet" and .prefix_len == 32) or .prefix_len == 128
		   then (.destination | sub("%.*"; ""))
		   else (.destination | sub("%.*"; "")) + "/" + (.prefix_len | tostring) end),
		  ((.gateway // "-") | sub("%.*"; "")),
		  (if has("interface") then .interface + "|" + (.alias // "-") else "-" end) ] |
		join("|")'
}

@test "-rn: every route ip shows in the main table, IPv4 then IPv6, with the same next hops" {
	run --separate-stderr netstat "$A" -rn
	esa_status 0
	esa_no_stderr
	local v4=${output%%Internet6:*} v6=${output#*Internet6:}
	esa_sets_eq "$(text_tuples "$v4")" "$(ip_tuples "$A" 4; own_tuples "$A" 4 text)" \
		"IPv4 routes (ip -4 route vs -rn)"
	esa_sets_eq "$(text_tuples "$v6")" "$(ip_tuples "$A" 6; own_tuples "$A" 6 text)" \
		"IPv6 routes (ip -6 route vs -rn)"
	# seven own addresses: 127.0.0.1, ::1, and those of a0 and a1 (a2 is down)
	esa_eq "$(own_tuples "$A" 4 text; own_tuples "$A" 6 text)" "127.0.0.1|-|lo
192.0.2.1|-|lo
198.51.100.1|-|lo
::1|-|lo
2001:db8::1|-|lo
fe80::ff:fe00:a01|-|lo
fe80::ff:fe00:a02|-|lo" "own addresses in ip's local table"
	# one row per next hop of the multipath routes
	esa_eq "$(grep -c '^203.0.113.0/28 ' <<< "$output")" 2 "rows of the IPv4 multipath route"
	esa_eq "$(grep -c '^2001:db8:3::/48 ' <<< "$output")" 2 "rows of the IPv6 multipath route"
}

# Written from FreeBSD 11's usr.bin/netstat/route.c: Destination and Gateway 18 wide,
# 33 and 29 for IPv6 with -n; Flags left 6, Netif right 8; the defaults first; the
# host's own addresses as host routes on the loopback (link#N UHS, the seed's
# "10.0.202.7 link#2 UHS lo0"; UH for the loopback's own, its "localhost link#4 UH").
@test "-rn: FreeBSD's text, flags and columns (golden)" {
	run --separate-stderr netstat "$A" -rn
	esa_status 0
	local exp
	exp=$(sed -nE 's|^2001:db8:2::/48 .* ([0-9]+)$|\1|p' <<< "$output")
	# expires 600: the seconds left, read a moment later
	[ -n "$exp" ] && [ "$exp" -gt 580 ] && [ "$exp" -le 600 ] || { echo "expire: '$exp'"; false; }
	esa_golden routes-n "$(sed -E "/^2001:db8:2::\/48 /s/ [ 0-9]{6}\$/ EXPIRE/" <<< "$output")"
}

@test "-r: names from the hosts file, long values cut to 18 columns; -W and -n never cut" {
	run --separate-stderr netstat "$A" -r -4
	esa_status 0
	esa_no_stderr
	esa_golden routes-names "$output"
	run --separate-stderr netstat "$A" -rW -4
	esa_status 0
	# route.c's p_sockaddr(): what runs past Destination is taken from Gateway, and
	# what runs past Gateway from Flags; Netif is 10 wide for IPv4 with -W
	[[ $output == *$'\nhost7.with-a-long-name.example.net gw.example.net UGHS     Data 1\n'* ]] ||
		{ echo "$output"; false; }
	run --separate-stderr netstat "$A" -r -6
	esa_status 0
	[[ $output == *$'\n2001:db8:aaaa:bbbb 2001:db8::2        UGS      Data 1\n'* ]] ||
		{ echo "$output"; false; }
	run --separate-stderr netstat "$A" -rn -6
	[[ $output == *$'\n2001:db8:aaaa:bbbb:cccc::/80      2001:db8::2                   UGS      Data 1\n'* ]] ||
		{ echo "$output"; false; }
}

@test "-r -4 and -r -6 print only their family" {
	run --separate-stderr netstat "$A" -rn -4
	esa_status 0
	[[ $output == *Internet:* && $output != *Internet6:* ]] || { echo "$output"; false; }
	run --separate-stderr netstat "$A" -rn -6
	esa_status 0
	[[ $output != *Internet:* && $output == *Internet6:* ]] || { echo "$output"; false; }
	[[ $output == $'Routing tables\n\nInternet6:\n'* ]] || { echo "$output"; false; }
}

@test "-rj: one JSON array, the same routes as ip, the keys of the man page" {
	run --separate-stderr netstat "$A" -rnj
	esa_status 0
	esa_no_stderr
	local json=$output
	printf '%s\n' "$json" | jq -e 'type == "array" and length == 26' > /dev/null ||
		{ echo "$json" | jq 'length'; false; }
	esa_sets_eq "$(json_tuples "$json")" "$(ip_tuples "$A" 4 json; ip_tuples "$A" 6 json
		own_tuples "$A" 4 json; own_tuples "$A" 6 json)" "routes"
	# an own address: the interface that holds it, type local
	esa_eq "$(jq -c '.[] | select(.destination == "192.0.2.1") |
		[.flags, .route_type, .interface, .alias, has("gateway")]' <<< "$json")" \
		'["UHS","local","a0","Data 1",false]' "own address"
	# the blackhole, the unreachable and the expiring route, field by field
	esa_eq "$(jq -c '.[] | select(.destination == "203.0.113.128") |
		[.flags, .route_type, .route_protocol, has("gateway"), has("interface")]' <<< "$json")" \
		'["UBS","blackhole","boot",false,false]' "blackhole route"
	esa_eq "$(jq -c '.[] | select(.destination == "203.0.113.64") | [.flags, .route_type]' \
		<<< "$json")" '["URS","unreachable"]' "unreachable route"
	esa_eq "$(jq -c '.[] | select(.destination == "203.0.113.32") | [.flags, .route_type]' \
		<<< "$json")" '["URS","prohibit"]' "prohibit route"
	jq -e '.[] | select(.destination == "2001:db8:2::") | .expires_s > 580 and
		.expires_s <= 600 and .gateway == "2001:db8::2" and .interface == "a0" and
		.ifindex > 0 and .family == "inet6" and .prefix_len == 48' <<< "$json" > /dev/null
	jq -e '[.[] | select(.destination == "2001:db8:1::") | .gateway] ==
		["'"$B_LL"'%a0"]' <<< "$json" > /dev/null
	# without -n, the name found beside the address, never instead of it
	run --separate-stderr netstat "$A" -rj -4
	jq -e '.[] | select(.prefix_len == 0) | .gateway == "192.0.2.2" and
		.gateway_hostname == "gw.example.net"' <<< "$output" > /dev/null
	jq -e '.[] | select(.destination == "203.0.113.7") |
		.destination_hostname == "host7.with-a-long-name.example.net"' <<< "$output" > /dev/null
}

# route_kinds NS|-: "destination type protocol" of each route of the main table, from
# `ip -d -j route` (NS) or from our -rn -j on stdin (-), one line per route.
route_kinds() {
	if [ "$1" = - ]; then
		jq -r '.[] | select(.route_type != "local") |
			[ (if .prefix_len == 0 then "default"
			   elif (.family == "inet" and .prefix_len == 32) or .prefix_len == 128
			   then .destination else .destination + "/" + (.prefix_len | tostring) end |
			   sub("%[^/]*"; "")),
			  .route_type, .route_protocol ] | join(" ")' | sort -u
	else
		{ ip -n "$1" -4 -d -j route show table main; ip -n "$1" -6 -d -j route show table main; } |
			jq -r '.[] | [ .dst, (.type // "unicast"), (.protocol // "boot") ] | join(" ")' |
			sort -u
	fi
}

@test "-rj: route_type and route_protocol are ip -d -j route's type and protocol" {
	run --separate-stderr netstat "$A" -rnj
	esa_status 0
	esa_eq "$(route_kinds - <<< "$output")" "$(route_kinds "$A")" "routes (ours vs ip -d -j route)"
	# the kinds ns_routes made are all there to compare
	esa_eq "$(route_kinds "$A" | awk '{ print $2, $3 }' | sort -u | tr '\n' ',')" \
		"blackhole boot,prohibit boot,unicast boot,unicast kernel,unicast static,unreachable boot," \
		"kinds"
}

@test "-r: an empty table prints the title only; JSON an empty array" {
	local ns
	ns=$(esa_ns_new empty)
	# lo without its addresses: not even the loopback's own host routes
	ip -n "$ns" addr flush dev lo
	run --separate-stderr netstat "$ns" -rn
	esa_status 0
	esa_eq "$output" "Routing tables"
	run --separate-stderr netstat "$ns" -rnj
	esa_status 0
	esa_eq "$output" "[]"
}

@test "bad command lines: one line and the usage, status 2, nothing on standard output" {
	local args
	for args in "-r -i" "-r -w 1" "-r -L" "-r -d" "-r -I lo" "-r -a" "-r -p tcp" \
	    "-r -4 -6" "-r -c 1" "-r extra"; do
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr netstat "$A" $args
		esa_status 2
		esa_eq "$output" "" "standard output of esa-netstat $args"
		[[ ${stderr%%$'\n'*} == "esa-netstat: "* ]] || { echo "$stderr"; false; }
		[[ $stderr == *$'\nusage: esa-netstat '* ]] || { echo "$stderr"; false; }
	done
}
