#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-smtpping against servers that misbehave (hostile.py): each ends
# with a clear verdict and its documented exit status, within -w, escaped, no crash.

load ../lib
load common

setup_file() {
	esa_is_root || return 0
	SMTP_DIR=$(mktemp -d /tmp/esa-smtp.XXXXXX) && SMTPPING=$(esa_bin esa-smtpping) || return 1
	export SMTP_DIR SMTPPING
	{ smtp_net && smtp_dns && smtp_pki && hostile_certs; } || { smtp_down; return 1; }
}

teardown_file() {
	smtp_down
}

setup() {
	esa_need_root
}

teardown() {
	stop_server
}

# stop_server: ends the hostile server of this test, if one runs.
stop_server() {
	if [ -n "${HPID:-}" ]; then
		kill "$HPID" 2> /dev/null
		wait "$HPID" 2> /dev/null || :
		HPID=
	fi
	return 0
}

# hostile_certs: beside the CA's good certificate, one expired, one self-signed and
# one for another name (openssl ca sets the dates openssl x509 cannot).
hostile_certs() {
	local d=$SMTP_DIR/pki

	cd "$d" || return 1
	touch index.txt && echo 01 > serial
	cat > ca.cnf <<-CNF
	[ca]
	default_ca = d
	[d]
	database = $d/index.txt
	new_certs_dir = $d
	serial = $d/serial
	default_md = sha256
	policy = p
	copy_extensions = copy
	[p]
	commonName = supplied
	CNF
	openssl req -newkey rsa:2048 -nodes -keyout expired.key -out expired.csr \
		-subj "/CN=mail.example.com" -addext subjectAltName=DNS:mail.example.com 2> /dev/null &&
	openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr \
		-out expired.pem -startdate 200101000000Z -enddate 200201000000Z 2> /dev/null &&
	openssl req -x509 -newkey rsa:2048 -nodes -keyout self.key -out self.pem -days 30 \
		-subj "/CN=mail.example.com" -addext subjectAltName=DNS:mail.example.com 2> /dev/null &&
	openssl req -newkey rsa:2048 -nodes -keyout other.key -out other.csr \
		-subj "/CN=other.example.net" -addext subjectAltName=DNS:other.example.net 2> /dev/null &&
	openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in other.csr \
		-out other.pem -days 30 2> /dev/null || return 1
	cd - > /dev/null || return 1
}

# serve MODE [CERT]: hostile.py in S on 192.0.2.25:2525, listening before it returns.
serve() {
	local tls=()

	[ -n "${2:-}" ] && tls=("$SMTP_DIR/pki/$2.pem" "$SMTP_DIR/pki/$2.key")
	ip netns exec "$S" python3 "$BATS_TEST_DIRNAME/hostile.py" "$1" 192.0.2.25 2525 \
		"${tls[@]}" 3>&- &
	HPID=$!
	esa_wait_for 10 in_ns "$S" sh -c 'ss -ltn | grep -q "192.0.2.25:2525 "'
}

# hping ARGS...: esa-smtpping to the hostile server, -w 2, its run time in $secs.
hping() {
	local t0=$SECONDS

	run --separate-stderr smtpping -n -p 2525 -w 2 -H client.example.net "$@" 192.0.2.25
	secs=$((SECONDS - t0))
}

# No raw control byte (ESC, BEL, CR...) reached the terminal.
clean_output() {
	if printf '%s' "$output" | LC_ALL=C grep -q '[[:cntrl:]]' 2> /dev/null &&
	    printf '%s' "$output" | tr -d '\n' | LC_ALL=C grep -q '[[:cntrl:]]'; then
		echo "raw control bytes in the output"
		return 1
	fi
}

@test "hostile: a well-behaved scripted server, -v -d: the golden transcript" {
	serve plain
	run --separate-stderr smtpping -n -v -d -p 2525 -f sender@example.net \
		-t postmaster@example.com -H client.example.net 192.0.2.25
	esa_status 0
	esa_no_stderr
	# times vary: each becomes T
	esa_golden verbose-data "$(printf '%s\n' "$output" |
		sed -E 's/time=[0-9]+\.[0-9]{3} ms/time=T ms/; s/in [0-9]+\.[0-9]{3} ms$/in T ms/')"
}

@test "hostile: a banner that never comes: FAILED at banner after -w, exit 2" {
	serve silent
	hping
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at banner: timed out"
	[ "$secs" -le 4 ]
}

@test "hostile: one byte a second: -w bounds the whole step, not each read" {
	serve slow
	hping
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at banner: timed out"
	[ "$secs" -le 4 ]
}

@test "hostile: 1 MiB without CRLF: refused as a line too long" {
	serve long-line
	hping
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at banner: reply line too long"
}

@test "hostile: 220- lines that never end: refused as a reply too long" {
	serve endless
	hping
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at banner: reply too long"
}

@test "hostile: a 1,001-line banner is one reply; bare LF line ends are taken" {
	serve multi
	hping
	esa_status 0
	[[ ${lines[2]} =~ ^banner\ +time=[0-9.]+\ ms\ \ 220\ line\ 0$ ]]
	stop_server
	serve bare-lf
	hping -d
	esa_status 0
	[[ ${lines[-1]} == PASSED* ]]
}

@test "hostile: a multi-line reply whose codes disagree: FAILED at banner" {
	serve disagree
	hping
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at banner: the lines of a reply carry different codes"
}

@test "hostile: 421 in the middle: REFUSED at MAIL FROM with the code, exit 1" {
	serve 421
	hping
	esa_status 1
	esa_eq "${lines[-1]}" "REFUSED at MAIL FROM: 421 4.3.2 shutting down"
}

@test "hostile: a reply before the command: FAILED at EHLO" {
	serve early
	hping
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at EHLO: the server spoke before the command"
}

@test "hostile: escape sequences and binary bytes are shown escaped, in text and JSON" {
	serve junk
	hping
	esa_status 0
	clean_output
	[[ ${lines[2]} == 'banner     time='*' ms  220 hostile \033[2J\033]0;owned\007 \377\376\303( \342\200\256 ok' ]]
	hping -j
	esa_status 0
	printf '%s\n' "$output" | jq -e -s 'map(select(.step == "banner"))[0].text ==
		"hostile \u001b[2J\u001b]0;owned\u0007 \ufffd\ufffd\ufffd( \u202e ok"'
}

@test "hostile: the connection closed after a step: FAILED at EHLO, exit 2" {
	serve close
	hping
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at EHLO: connection closed by the server"
}

@test "hostile: EHLO refused: HELO once, then on" {
	serve ehlo-refused
	hping -v
	esa_status 0
	[ "$(printf '%s\n' "$output" | grep -c '^-> HELO client.example.net$')" -eq 1 ]
	[ "$(printf '%s\n' "$output" | grep -c '^-> EHLO client.example.net$')" -eq 1 ]
}

@test "hostile: -S to a server without STARTTLS: REFUSED at STARTTLS, exit 1" {
	serve plain
	hping -S
	esa_status 1
	esa_eq "${lines[-1]}" "REFUSED at STARTTLS: STARTTLS not offered by the server"
}

@test "hostile: a reply injected behind STARTTLS's 220 refuses the TLS step" {
	serve injection
	hping -S -k
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at TLS: the server spoke before the command"
}

@test "hostile: a TLS handshake that stalls ends at -w" {
	serve tls-stall
	hping -T
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at TLS: timed out"
	[ "$secs" -le 4 ]
}

@test "hostile: expired, self-signed and wrong-name certificates are named; -k goes on" {
	export SSL_CERT_FILE=$SMTP_DIR/pki/ca.pem
	for c in expired:"certificate has expired" self:"self-signed certificate" \
	    other:"hostname mismatch"; do
		serve "plain" "${c%%:*}"
		run --separate-stderr smtpping -p 2525 -w 2 -T -H client.example.net mail.example.com
		esa_status 2
		esa_eq "${lines[-1]}" "FAILED at TLS: certificate not verified: ${c#*:}"
		run --separate-stderr smtpping -p 2525 -w 2 -T -k -H client.example.net mail.example.com
		esa_status 0
		printf '%s\n' "$output" | grep -qx "           verification: ${c#*:} (not required: -k)"
		stop_server
	done
}

@test "hostile: -c 4 with every second transaction refused: exit 1, counted" {
	serve mixed
	run --separate-stderr smtpping -n -p 2525 -w 2 -c 4 -i 0 -H client.example.net 192.0.2.25
	esa_status 1
	printf '%s\n' "$output" | grep -qx '4 transactions, 2 accepted, 2 refused, 0 failed'
	printf '%s\n' "$output" | grep -qE '^2: REFUSED at RCPT TO: 550 5.1.1 no such user  connect='
}
