# SPDX-License-Identifier: BSD-2-Clause
# common.bash - the esa-smtpping suite's network, DNS and mail servers, loaded after ../lib.
#
# Two namespaces joined by a veth pair:
#   C (client): c0 "Data 1" 192.0.2.10/24 2001:db8::10/64, c1 "Management"
#               198.51.100.10/24; its resolver is S's dnsmasq
#   S (server): s0 192.0.2.25 (Postfix), 192.0.2.26 (nothing listens), 192.0.2.53
#               (dnsmasq), 2001:db8::25/64 (Postfix); s1 198.51.100.25/24
# A connection from c1's address (-I Management) still goes out c0 to 192.0.2.25, and
# its replies come back through s1: only the source address tells them apart.
# DNS (dnsmasq in S, the only server C can ask): example.com MX 10 mx1.example.com
# (192.0.2.26, down) and MX 20 mail.example.com (192.0.2.25, 2001:db8::25);
# example.net has no MX and the address 192.0.2.25; nomail.example.net has a null MX.
# Postfix (postfix -c in S, its own configuration and spool under the test's
# directory) takes mail for example.com, refuses nobody@example.com, discards what it
# accepts except for keep@example.com, whose message is written to $SMTP_DIR/mail.
# It offers STARTTLS on 25 and TLS on 465 with a certificate for mail.example.com
# signed by the test's own CA ($SMTP_DIR/pki/ca.pem, never the system store).

# in_ns NS COMMAND...: COMMAND inside NS, bounded in time.
in_ns() {
	local ns=$1

	shift
	ip netns exec "$ns" timeout "$ESA_TIMEOUT" "$@"
}

# smtp_net: the two namespaces; exports C and S.
smtp_net() {
	C=$(esa_ns_new c) && S=$(esa_ns_new s) || return 1
	export C S
	esa_veth "$C" c0 "$S" s0 && esa_veth "$C" c1 "$S" s1 || return 1
	ip -n "$C" link set c0 alias "Data 1" && ip -n "$C" link set c1 alias "Management" ||
		return 1
	ip -n "$C" addr add 198.51.100.10/24 dev c1 && ip -n "$S" addr add 198.51.100.25/24 dev s1 ||
		return 1
	ip -n "$C" addr add 192.0.2.10/24 dev c0 &&
		ip -n "$C" addr add 2001:db8::10/64 dev c0 nodad &&
		ip -n "$S" addr add 192.0.2.25/24 dev s0 &&
		ip -n "$S" addr add 192.0.2.26/24 dev s0 &&
		ip -n "$S" addr add 192.0.2.53/24 dev s0 &&
		ip -n "$S" addr add 2001:db8::25/64 dev s0 nodad || return 1
	# 192.0.2.26 refuses connections at once (RST): "the first MX is down"
	mkdir -p "/etc/netns/$C" "/etc/netns/$S" || return 1
	echo "nameserver 192.0.2.53" > "/etc/netns/$C/resolv.conf"
	echo "nameserver 192.0.2.53" > "/etc/netns/$S/resolv.conf"
	printf '127.0.0.1 localhost\n192.0.2.10 client.example.net client\n' \
		> "/etc/netns/$C/hosts"
}

# smtp_dns: dnsmasq in S, answering only from its own records.
smtp_dns() {
	in_ns "$S" true || return 1
	ip netns exec "$S" dnsmasq --no-resolv --no-hosts --no-poll --bind-interfaces \
		--listen-address=192.0.2.53 --except-interface=lo --port=53 \
		--pid-file="$SMTP_DIR/dnsmasq.pid" --user=root --group=root \
		--mx-host=example.com,mx1.example.com,10 \
		--mx-host=example.com,mail.example.com,20 \
		--host-record=mx1.example.com,192.0.2.26 \
		--host-record=mail.example.com,192.0.2.25,2001:db8::25 \
		--host-record=example.net,192.0.2.25 \
		--mx-host=nomail.example.net,.,0 \
		--host-record=client.example.net,192.0.2.10 \
		--local=/example.com/ --local=/example.net/ || return 1
	esa_wait_for 10 in_ns "$S" sh -c 'ss -lun | grep -q 192.0.2.53:53'
}

# smtp_pki: a CA and a certificate for mail.example.com it signed, in $SMTP_DIR/pki.
smtp_pki() {
	local d=$SMTP_DIR/pki

	mkdir -p "$d" && cd "$d" || return 1
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 \
		-subj "/CN=esa-tools test CA" 2> /dev/null &&
	openssl req -newkey rsa:2048 -nodes -keyout mail.key -out mail.csr \
		-subj "/CN=mail.example.com" 2> /dev/null &&
	printf 'subjectAltName=DNS:mail.example.com\n' > ext &&
	openssl x509 -req -in mail.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
		-out mail.pem -days 30 -extfile ext 2> /dev/null || return 1
	cd - > /dev/null || return 1
}

# smtp_postfix: Postfix in S on 192.0.2.25 and 2001:db8::25, ports 25 and 465.
smtp_postfix() {
	local d=$SMTP_DIR/postfix

	mkdir -p "$d/conf" "$d/spool" "$d/data" "$SMTP_DIR/mail" || return 1
	chmod 755 "$SMTP_DIR" "$d"
	chown nobody "$SMTP_DIR/mail" && chown -R postfix "$d/data" || return 1
	cp /etc/postfix/master.cf "$d/conf/" || return 1
	cat >> "$d/conf/master.cf" <<-MASTER
	submissions inet n - y - - smtpd -o smtpd_tls_wrappermode=yes
	keep unix - n n - - pipe flags= user=nobody argv=/usr/bin/tee $SMTP_DIR/mail/\${recipient}
	MASTER
	cat > "$d/conf/main.cf" <<-MAIN
	compatibility_level = 3.6
	queue_directory = $d/spool
	data_directory = $d/data
	maillog_file = $SMTP_DIR/postfix.log
	# the log may only go under these prefixes (by default /var and /dev/stdout)
	maillog_file_prefixes = $SMTP_DIR
	myhostname = mail.example.com
	mydomain = example.com
	mydestination = example.com
	inet_interfaces = 192.0.2.25, [2001:db8::25]
	inet_protocols = all
	mynetworks = 192.0.2.0/24, 198.51.100.0/24, [2001:db8::]/64
	# the log names clients by address: no reverse lookup
	smtpd_peername_lookup = no
	local_recipient_maps =
	local_transport = discard
	default_transport = discard
	transport_maps = inline:{ keep@example.com=keep: }
	alias_maps =
	alias_database =
	smtpd_recipient_restrictions = check_recipient_access inline:{ nobody@example.com=REJECT }, permit_mynetworks, reject
	smtpd_tls_cert_file = $SMTP_DIR/pki/mail.pem
	smtpd_tls_key_file = $SMTP_DIR/pki/mail.key
	smtpd_tls_security_level = may
	MAIN
	chmod 644 "$SMTP_DIR/pki/mail.key"
	ip netns exec "$S" postfix -c "$d/conf" start > "$SMTP_DIR/postfix.start" 2>&1 ||
		{ cat "$SMTP_DIR/postfix.start" "$SMTP_DIR/postfix.log"; return 1; }
	esa_wait_for 15 in_ns "$S" sh -c \
		'ss -ltn | grep -q "192.0.2.25:25 " && ss -ltn | grep -q "192.0.2.25:465 "'
}

# smtp_up: everything above, for setup_file; exports SMTP_DIR and SMTPPING.
smtp_up() {
	SMTP_DIR=$(mktemp -d /tmp/esa-smtp.XXXXXX) || return 1
	SMTPPING=$(esa_bin esa-smtpping) || return 1
	export SMTP_DIR SMTPPING
	smtp_net && smtp_dns && smtp_pki && smtp_postfix
}

# smtp_down: stops Postfix, ends what runs in the namespaces (dnsmasq, a hostile
# server), removes them and the files; also after a failed setup. Every command may
# fail (bats runs teardown with errexit), none may keep the next from running.
smtp_down() {
	if [ -n "${SMTP_DIR:-}" ] && [ -d "$SMTP_DIR/postfix/conf" ] && [ -n "${S:-}" ]; then
		timeout 20 ip netns exec "$S" postfix -c "$SMTP_DIR/postfix/conf" stop \
			> /dev/null 2>&1 || :
	fi
	esa_cleanup || :
	if [ -n "${C:-}" ]; then rm -rf "/etc/netns/$C" || :; fi
	if [ -n "${S:-}" ]; then rm -rf "/etc/netns/$S" || :; fi
	if [ -n "${SMTP_DIR:-}" ]; then rm -rf "$SMTP_DIR" || :; fi
	return 0
}

# smtpping ARGS...: the program under test in C, bounded in time.
smtpping() {
	ip netns exec "$C" timeout "$ESA_TIMEOUT" "$SMTPPING" "$@"
}

# smtp_log_count PATTERN: how many lines of Postfix's log match the extended regex.
smtp_log_count() {
	grep -cE "$1" "$SMTP_DIR/postfix.log" 2> /dev/null || :
}

# smtp_log_wait N PATTERN: waits until the log holds at least N lines matching PATTERN
# (Postfix writes its log through postlogd, a moment after the session).
smtp_log_wait() {
	esa_wait_for 10 _smtp_log_ge "$1" "$2"
}
_smtp_log_ge() {
	[ "$(smtp_log_count "$2")" -ge "$1" ]
}

# swaks_ns ARGS...: swaks in C (the peer), bounded in time.
swaks_ns() {
	ip netns exec "$C" timeout "$ESA_TIMEOUT" swaks --timeout 10 "$@"
}
