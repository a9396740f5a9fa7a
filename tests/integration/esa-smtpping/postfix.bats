#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# postfix.bats - esa-smtpping against a real Postfix in a namespace: every step, a
# refused recipient, the message as Postfix received it, the sessions Postfix logged,
# swaks' view of the same server, the source address, IPv6, -c and SIGINT.

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

# The reply codes of a JSON Lines run's steps, one line "step code".
codes() {
	printf '%s\n' "$1" | jq -r 'select(.type == "step" and .step != "connect") |
		"\(.step) \(.code)"'
}

# The final reply codes of a swaks transcript, one per line, in order ("<-  250 ok",
# "<** 554 ..."; a multi-line reply counts once, by its last line).
swaks_codes() {
	printf '%s\n' "$1" | sed -nE 's/^<(-|\*\*) +([0-9]{3})( .*)?$/\2/p'
}

@test "postfix: every step accepted, with DATA: the steps, the verdict, exit 0" {
	run --separate-stderr smtpping -n -d -H client.example.net -t postmaster@example.com \
		192.0.2.25
	esa_status 0
	esa_no_stderr
	steps=$(printf '%s\n' "$output" | awk 'NR > 1 && !/^PASSED/ { print $1 }' | paste -sd ' ')
	esa_eq "$steps" "connect banner EHLO MAIL RCPT DATA message QUIT"
	[[ ${lines[0]} == "SMTPPING 192.0.2.25 port 25" ]]
	[[ ${lines[2]} =~ ^banner\ +time=[0-9]+\.[0-9]{3}\ ms\ \ 220\ mail\.example\.com\ ESMTP\ Postfix$ ]]
	[[ ${lines[-1]} =~ ^PASSED\ 192\.0\.2\.25\ \(192\.0\.2\.25\):\ every\ step\ accepted\ in\ [0-9.]+\ ms$ ]]
}

@test "postfix: the steps and codes are those swaks reports on the same server" {
	run swaks_ns --server 192.0.2.25 --helo client.example.net --from sender@example.net \
		--to postmaster@example.com
	[ "$status" -eq 0 ]
	want=$(swaks_codes "$output")
	run --separate-stderr smtpping -n -j -d -H client.example.net -f sender@example.net \
		-t postmaster@example.com 192.0.2.25
	esa_status 0
	have=$(codes "$output" | awk '{ print $2 }')
	esa_eq "$have" "$want" "reply codes"
	esa_eq "$(codes "$output" | awk '{ print $1 }' | paste -sd ' ')" \
		"banner ehlo mail_from rcpt_to data message quit"
}

@test "postfix: a refused recipient: exit 1, RCPT TO named with Postfix's code and text, as swaks saw it" {
	run swaks_ns --server 192.0.2.25 --helo client.example.net --from '<>' \
		--to nobody@example.com --quit-after RCPT
	want=$(printf '%s\n' "$output" | sed -nE 's/^<\*\* +(554 .*)$/\1/p')
	[ -n "$want" ] || { printf 'swaks saw no 554:\n%s\n' "$output"; false; }
	# the null path, esa-smtpping's default (swaks's own is root@ the host's name)
	grep -qx " -> MAIL FROM:<>" <<< "$output"
	run --separate-stderr smtpping -n -H client.example.net -t nobody@example.com 192.0.2.25
	esa_status 1
	esa_no_stderr
	esa_eq "${lines[-1]}" "REFUSED at RCPT TO: $want"
	[[ $want == "554 5.7.1 <nobody@example.com>: Recipient address rejected: Access denied" ]]
	# nothing was asked after the refusal but QUIT
	[[ ${lines[-2]} =~ ^QUIT\ .*\ 221\  ]]
}

@test "postfix: -D: the message Postfix delivered is the file, dots and all" {
	f=$BATS_TEST_TMPDIR/msg
	printf '%s\n' "Subject: dot test" "From: <sender@example.net>" "" "first" "." \
		".hidden" "..two" "last ." > "$f"
	rm -f "$SMTP_DIR/mail/keep@example.com"
	run --separate-stderr smtpping -n -D "$f" -H client.example.net -f sender@example.net \
		-t keep@example.com 192.0.2.25
	esa_status 0
	esa_wait_for 10 test -s "$SMTP_DIR/mail/keep@example.com"
	got=$(sed -n '/^Subject: dot test$/,$p' "$SMTP_DIR/mail/keep@example.com")
	esa_eq "$got" "$(cat "$f")" "delivered message"
}

@test "postfix: -d: the test message carries Date, Message-ID, From, To and a Subject naming the tool and host" {
	rm -f "$SMTP_DIR/mail/keep@example.com"
	run --separate-stderr smtpping -n -d -H client.example.net -t keep@example.com 192.0.2.25
	esa_status 0
	esa_wait_for 10 test -s "$SMTP_DIR/mail/keep@example.com"
	m=$SMTP_DIR/mail/keep@example.com
	grep -qE '^Date: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} \+0000$' "$m"
	grep -qE '^Message-ID: <esa-smtpping\.[0-9]+\.1@client\.example\.net>$' "$m"
	grep -qx 'From: <postmaster>' "$m"
	grep -qx 'To: <keep@example.com>' "$m"
	grep -qx 'Subject: esa-smtpping test message from client.example.net' "$m"
}

@test "postfix: Postfix logs the session esa-smtpping says it had (RSET and QUIT without DATA)" {
	pat='disconnect from unknown\[192\.0\.2\.10\] ehlo=1 mail=1 rcpt=1 rset=1 quit=1 commands=5$'
	before=$(smtp_log_count "$pat")
	run --separate-stderr smtpping -n -H client.example.net 192.0.2.25
	esa_status 0
	smtp_log_wait $((before + 1)) "$pat"
}

@test "postfix: -I \"Data 1\" and -I Management choose the source address Postfix sees" {
	pat='connect from unknown\[198\.51\.100\.10\]$'
	before=$(smtp_log_count "$pat")
	run --separate-stderr smtpping -n -I Management -H client.example.net 192.0.2.25
	esa_status 0
	smtp_log_wait $((before + 1)) "$pat"
	run --separate-stderr smtpping -n -I "Data 1" -H client.example.net 192.0.2.25
	esa_status 0
	run --separate-stderr smtpping -n -s 198.51.100.10 -H client.example.net 192.0.2.25
	esa_status 0
	smtp_log_wait $((before + 2)) "$pat"
	run --separate-stderr smtpping -n -I "Data 9" 192.0.2.25
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-smtpping: -I: no such interface: Data 9"
}

@test "postfix: IPv6: by name with -6, by address, and -6 -I \"Data 1\"" {
	run --separate-stderr smtpping -6 -H client.example.net mail.example.com
	esa_status 0
	[[ ${lines[1]} =~ ^connect\ .*\ 2001:db8::25\ port\ 25$ ]]
	run --separate-stderr smtpping -n -I "Data 1" -H client.example.net 2001:db8::25
	esa_status 0
	smtp_log_wait 1 'connect from unknown\[2001:db8::10\]$'
}

@test "postfix: -c 5 -i 0: five transaction lines and the statistics; Postfix saw five sessions" {
	pat='disconnect from unknown\[192\.0\.2\.10\] ehlo=1 mail=1 rcpt=1 rset=1 quit=1'
	before=$(smtp_log_count "$pat")
	run --separate-stderr smtpping -n -c 5 -i 0 -H client.example.net 192.0.2.25
	esa_status 0
	[ "$(printf '%s\n' "$output" | grep -cE '^[1-5]: accepted  connect=[0-9.]+ ms banner=[0-9.]+ ms time=[0-9.]+ ms$')" -eq 5 ]
	[[ $output == *"--- 192.0.2.25 smtpping statistics ---"$'\n'"5 transactions, 5 accepted, 0 refused, 0 failed"$'\n'"connect min/avg/max/stddev = "* ]]
	[[ ${lines[-1]} =~ ^transaction\ min/avg/max/stddev\ =\ [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+\ ms$ ]]
	smtp_log_wait $((before + 5)) "$pat"
	# -q: the statistics only
	run --separate-stderr smtpping -n -q -c 2 -i 0 -H client.example.net 192.0.2.25
	esa_status 0
	[ "${#lines[@]}" -eq 5 ]
	[[ ${lines[0]} == "--- 192.0.2.25 smtpping statistics ---" ]]
}

@test "postfix: -c 3 with a refused recipient: exit 1, three refused" {
	run --separate-stderr smtpping -n -q -c 3 -i 0 -t nobody@example.com 192.0.2.25
	esa_status 1
	[[ ${lines[1]} == "3 transactions, 0 accepted, 3 refused, 0 failed" ]]
}

@test "postfix: SIGINT prints the statistics so far and exits by what was tested" {
	out=$BATS_TEST_TMPDIR/out
	ip netns exec "$C" timeout "$ESA_TIMEOUT" "$SMTPPING" -n -c 1000 -i 0.1 \
		-H client.example.net 192.0.2.25 > "$out" 2>&1 &
	pid=$!
	esa_wait_for 10 sh -c "grep -q '^2: accepted' '$out'"
	# ip netns exec becomes timeout, whose child is esa-smtpping
	kill -INT "$(pgrep -P "$pid")"
	st=0
	wait "$pid" || st=$?
	[ "$st" -eq 0 ]
	n=$(grep -cE '^[0-9]+: accepted' "$out")
	grep -qx "$n transactions, $n accepted, 0 refused, 0 failed" "$out"
	grep -q '^transaction min/avg/max/stddev = ' "$out"
}

@test "postfix: -j: JSON Lines, one object per step, one per transaction, one summary" {
	run --separate-stderr smtpping -n -j -c 2 -i 0 -H client.example.net 192.0.2.25
	esa_status 0
	esa_no_stderr
	printf '%s\n' "$output" | jq -e . > /dev/null
	esa_eq "$(printf '%s\n' "$output" | jq -r .type | sort | uniq -c | awk '{ print $2 "=" $1 }' | paste -sd ' ')" \
		"step=14 summary=1 transaction=2"
	sum=$(printf '%s\n' "$output" | tail -n 1)
	esa_eq "$(jq -r '[.transactions, .accepted, .refused, .failed] | @tsv' <<< "$sum")" $'2\t2\t0\t0'
	jq -e '.min_ms <= .avg_ms and .avg_ms <= .max_ms and .connect.stddev_ms >= 0 and
		.banner.min_ms <= .banner.max_ms' <<< "$sum"
	printf '%s\n' "$output" | jq -s -e 'map(select(.type == "transaction")) | length == 2 and
		all(.result == "accepted" and .address == "192.0.2.25" and .port == 25 and
		(.duration_ms | type) == "number")' > /dev/null
}
