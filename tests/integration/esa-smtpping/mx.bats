#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# mx.bats - -M: the MX hosts from the namespace's dnsmasq, tried in preference order,
# the first one down; -l; a domain without MX, with a null MX, without existence.

load ../lib
load common

setup_file() {
	esa_is_root || return 0
	smtp_up || { smtp_down; return 1; }
}

teardown_file() {
	smtp_down
}

setup() {
	esa_need_root
}

@test "mx: -M -l lists the MX hosts dnsmasq serves, by preference, and exits 0" {
	run --separate-stderr smtpping -M -l example.com
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "MX hosts of example.com:
     10 mx1.example.com
     20 mail.example.com"
	run --separate-stderr smtpping -M -l -j example.com
	esa_status 0
	# a listing: one document, an array of the hosts
	esa_eq "$(jq -r '.[] | "\(.domain) \(.preference) \(.host)"' <<< "$output")" \
		"example.com 10 mx1.example.com
example.com 20 mail.example.com"
	run --separate-stderr smtpping -M -l -j example.net
	esa_status 1
	esa_eq "$output" "[]"
}

@test "mx: -M: the first MX refuses connections, the second takes the mail for postmaster@domain" {
	pat='disconnect from unknown\[(192\.0\.2\.10|2001:db8::10)\] ehlo=1 mail=1 rcpt=1 rset=1 quit=1'
	before=$(smtp_log_count "$pat")
	run --separate-stderr smtpping -4 -M -H client.example.net -v example.com
	esa_status 0
	esa_no_stderr
	esa_eq "$(printf '%s\n' "${lines[@]:0:4}")" "MX hosts of example.com:
     10 mx1.example.com
     20 mail.example.com
SMTPPING example.com port 25"
	[[ ${lines[4]} =~ ^connect\ +time=[0-9.]+\ ms\ \ 192\.0\.2\.26\ port\ 25:\ Connection\ refused$ ]]
	[[ ${lines[5]} =~ ^connect\ +time=[0-9.]+\ ms\ \ 192\.0\.2\.25\ port\ 25$ ]]
	printf '%s\n' "$output" | grep -qx -- '-> RCPT TO:<postmaster@example.com>'
	smtp_log_wait $((before + 1)) "$pat"
}

@test "mx: a domain without MX is its own MX (RFC 5321 5.1)" {
	run --separate-stderr smtpping -M -H client.example.net example.net
	esa_status 0
	[[ ${lines[1]} == "  (none: the domain's own address, RFC 5321 5.1)" ]]
	printf '%s\n' "$output" | grep -qE '^connect +time=[0-9.]+ ms  192\.0\.2\.25 port 25$'
	run --separate-stderr smtpping -M -l example.net
	esa_status 1
}

@test "mx: a null MX, an unknown domain: one line, exit 2, nothing on stdout" {
	run --separate-stderr smtpping -M nomail.example.net
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-smtpping: nomail.example.net: accepts no mail (null MX, RFC 7505)"
	run --separate-stderr smtpping -M nosuch.example.com
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-smtpping: nosuch.example.com: no such domain"
}
