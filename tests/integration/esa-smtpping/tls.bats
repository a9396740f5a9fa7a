#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# tls.bats - STARTTLS (-S) and TLS on 465 (-T) against Postfix: the certificate shown
# as openssl reads it, verification against the trust store and the host name, -k.

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

# The certificate lines esa-smtpping should print, from openssl's own reading.
cert_lines() {
	local pem=$SMTP_DIR/pki/mail.pem

	printf '           certificate subject: %s\n' \
		"$(openssl x509 -in "$pem" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
	printf '           certificate issuer: %s\n' \
		"$(openssl x509 -in "$pem" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')"
	printf '           certificate expires: %s\n' \
		"$(openssl x509 -in "$pem" -noout -enddate | sed 's/^notAfter=//')"
}

@test "tls: -S with the test CA trusted: verified, the certificate as openssl reads it, exit 0" {
	export SSL_CERT_FILE=$SMTP_DIR/pki/ca.pem
	run --separate-stderr smtpping -S -H client.example.net mail.example.com
	esa_status 0
	esa_no_stderr
	steps=$(printf '%s\n' "$output" | awk 'NR > 1 && /^[A-Za-z]/ && !/^PASSED/ { print $1 }' |
		paste -sd ' ')
	esa_eq "$steps" "connect banner EHLO STARTTLS TLS EHLO MAIL RCPT RSET QUIT"
	# shellcheck disable=SC1011 # $'\n' is bash's quoting, which ShellCheck misreads in a regex
	[[ $output =~ $'\n'TLS\ +time=[0-9.]+\ ms\ \ TLSv1\.[23]\ [A-Z0-9_-]+$'\n' ]]
	esa_eq "$(printf '%s\n' "$output" | grep '^           certificate')" "$(cert_lines)"
	printf '%s\n' "$output" | grep -qx '           verification: ok'
}

@test "tls: -S, the CA not trusted: FAILED at TLS naming the reason, exit 2; -k tests on and says so" {
	run --separate-stderr smtpping -S -H client.example.net mail.example.com
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at TLS: certificate not verified: unable to get local issuer certificate"
	run --separate-stderr smtpping -S -k -H client.example.net mail.example.com
	esa_status 0
	printf '%s\n' "$output" | grep -qx \
		'           verification: unable to get local issuer certificate (not required: -k)'
	[[ ${lines[-1]} == PASSED* ]]
}

@test "tls: -S to an address the certificate does not name: IP address mismatch, exit 2" {
	export SSL_CERT_FILE=$SMTP_DIR/pki/ca.pem
	run --separate-stderr smtpping -n -S -H client.example.net 192.0.2.25
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at TLS: certificate not verified: IP address mismatch"
}

@test "tls: -T on 465: TLS before the banner, the same steps Postfix logs" {
	pat='disconnect from unknown\[192\.0\.2\.10\] ehlo=1 mail=1 rcpt=1 rset=1 quit=1 commands=5$'
	before=$(smtp_log_count "$pat")
	export SSL_CERT_FILE=$SMTP_DIR/pki/ca.pem
	run --separate-stderr smtpping -4 -T -H client.example.net mail.example.com
	esa_status 0
	[[ ${lines[0]} == "SMTPPING mail.example.com port 465" ]]
	[[ ${lines[2]} =~ ^TLS\  ]]
	[[ ${lines[7]} =~ ^banner\ .*\ 220\ mail\.example\.com\ ESMTP\ Postfix$ ]]
	smtp_log_wait $((before + 1)) "$pat"
}

@test "tls: -j: the TLS step's keys; cert_expires_at is openssl's notAfter in UTC" {
	local end
	export SSL_CERT_FILE=$SMTP_DIR/pki/ca.pem
	run --separate-stderr smtpping -j -S -H client.example.net mail.example.com
	esa_status 0
	t=$(printf '%s\n' "$output" | jq -c 'select(.step == "tls")')
	jq -e '(.tls_protocol | startswith("TLSv1.")) and .cert_subject == "CN=mail.example.com" and
		.cert_issuer == "CN=esa-tools test CA" and .cert_verified == true and
		.cert_verify == "ok"' <<< "$t"
	# "notAfter=Jan  3 22:31:55 2027 GMT", as date(1) writes it in RFC 3339
	end=$(openssl x509 -in "$SMTP_DIR/pki/mail.pem" -noout -enddate | sed 's/^notAfter=//')
	esa_eq "$(jq -r .cert_expires_at <<< "$t")" "$(date -u -d "$end" +%Y-%m-%dT%H:%M:%SZ)" \
		"cert_expires_at"
}

@test "-j: every key of a TLS session with DATA, MX hosts, a refusal, a failure and the MX list is in esa-tools(7)'s vocabulary" {
	export SSL_CERT_FILE=$SMTP_DIR/pki/ca.pem
	run --separate-stderr smtpping -j -S -d -c 2 -i 0 -H client.example.net mail.example.com
	esa_status 0
	esa_json_vocab lines "-S -d -c 2"
	jq -e -s 'any(.[]; .step == "tls" and .cert_verified) and any(.[]; .step == "message") and
	    ([.[] | select(.type == "transaction")] | length) == 2 and
	    .[-1].type == "summary"' <<< "$output"
	run --separate-stderr smtpping -j -T -p 465 -H client.example.net mail.example.com
	esa_status 0
	esa_json_vocab lines "-T"
	# the first MX refuses the connection, the second the recipient
	run --separate-stderr smtpping -j -4 -M -t nobody@example.com -H client.example.net example.com
	esa_status 1
	esa_json_vocab lines "-M, refused"
	jq -e -s 'any(.[]; .type == "mx") and any(.[]; .step == "connect" and has("error")) and
	    any(.[]; .type == "transaction" and .result == "refused")' <<< "$output"
	run --separate-stderr smtpping -j -n 192.0.2.26
	esa_status 2
	esa_json_vocab lines "failed"
	jq -e -s 'any(.[]; .type == "transaction" and .result == "failed")' <<< "$output"
	# a listing is a snapshot: one document
	run --separate-stderr smtpping -j -M -l example.com
	esa_status 0
	esa_json_vocab document "-M -l"
}
