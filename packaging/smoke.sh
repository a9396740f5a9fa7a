#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# smoke.sh - checks the installed esa-tools packages, as root: every program runs and
# prints the version, the file capabilities and modes postinst set (read back with
# getcap and stat), and what root, a member of the group esa-pcap and a plain user may
# do, the missing capability named where they may not.
#
# usage: smoke.sh VERSION        (after apt install ./esa-tools_*.deb ...)
# Prints one line per check ("ok ..." or "FAILED ..."), ends with "smoke: N passed,
# N failed" and exits 1 when one failed. Uses a temporary user, removed at the end.

set -u
version=$1
pass=0 fail=0
member=esa-smoke-$$
tmp=$(mktemp -d)
trap 'userdel "$member" > /dev/null 2>&1; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2

# t WHAT EXPECTED-STATUS [STDERR-PATTERN] -- COMMAND...: runs COMMAND, checks its exit
# status and, when given, that its standard error matches the shell pattern ('' for
# an empty standard error).
t() {
	what=$1 want=$2 pat='*'
	shift 2
	if [ "$1" != -- ]; then
		pat=$1
		shift
	fi
	shift
	"$@" > "$tmp/out" 2> "$tmp/err"
	st=$?
	# shellcheck disable=SC2254 # $pat is a pattern on purpose
	if [ "$st" -eq "$want" ] && case $(cat "$tmp/err") in $pat) true ;; *) false ;; esac; then
		pass=$((pass + 1))
		echo "ok $what"
	else
		fail=$((fail + 1))
		echo "FAILED $what: exit $st (expected $want); stderr: $(head -c 300 "$tmp/err")"
	fi
}

# eq WHAT ACTUAL EXPECTED
eq() {
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1))
		echo "ok $1"
	else
		fail=$((fail + 1))
		echo "FAILED $1: \"$2\", expected \"$3\""
	fi
}

as() {
	u=$1
	shift
	runuser -u "$u" -- "$@"
}

useradd -M -N -s /bin/sh -G esa-pcap "$member" || exit 2

# every program and link: its name and the version
for p in esa-arpshow esa-ndpshow esa-netstat esa-tcpservices esa-pcap esa-etherconfig \
    esa-ping esa-ping6 esa-traceroute esa-traceroute6 esa-smtpping esa-cli; do
	real=$(basename "$(readlink -f "/usr/bin/$p")")
	eq "$p --version" "$("/usr/bin/$p" --version)" "$real $version"
done

# what postinst set
eq "getcap esa-ping" "$(getcap /usr/bin/esa-ping)" "/usr/bin/esa-ping cap_net_raw=p"
eq "getcap esa-traceroute" "$(getcap /usr/bin/esa-traceroute)" "/usr/bin/esa-traceroute cap_net_raw=p"
eq "getcap esa-pcap" "$(getcap /usr/bin/esa-pcap)" "/usr/bin/esa-pcap cap_net_admin,cap_net_raw=p"
eq "esa-pcap owner and mode" "$(stat -c '%U:%G %a' /usr/bin/esa-pcap)" "root:esa-pcap 750"
eq "capture directory" "$(stat -c '%U:%G %a' /var/lib/esa-pcap)" "root:esa-pcap 2770"
# systemd gives the directory esa-pcap@.service's group and StateDirectoryMode= at
# every start (systemd.exec(5)): they must be what postinst made
unit=$(dpkg-query -L esa-tools | grep '/esa-pcap@\.service$')
eq "esa-pcap@.service: Group= and StateDirectoryMode= as the capture directory" \
	"$(sed -n 's/^Group=//p' "$unit") $(sed -n 's/^StateDirectoryMode=//p' "$unit")" \
	"$(stat -c '%G %a' /var/lib/esa-pcap)"
eq "user esa-pcap in group esa-pcap" "$(id -gn esa-pcap 2> /dev/null)" "esa-pcap"
eq "the shipped legend" "$(head -n 1 /usr/share/esa-tools/services)" \
	"# SPDX-License-Identifier: BSD-2-Clause"
eq "/etc/esa-tools/services is a conffile" \
	"$(dpkg-query -W -f='${Conffiles}' esa-tools | awk '{ print $1 }' | tr -d '\n')" \
	"/etc/esa-tools/services"

# root
t "root: esa-arpshow -n" 0 -- esa-arpshow -n
t "root: esa-ndpshow -n" 0 -- esa-ndpshow -n
t "root: esa-netstat -an" 0 -- esa-netstat -an
t "root: esa-netstat -rn" 0 -- esa-netstat -rn
t "root: esa-netstat -i" 0 -- esa-netstat -i
t "root: esa-tcpservices -n" 0 -- esa-tcpservices -n
eq "root: esa-tcpservices found its legend" "$(grep -c 'esa-tools/services' "$tmp/err")" 0
t "root: esa-etherconfig mtu" 0 -- esa-etherconfig mtu
t "root: esa-ping" 0 -- esa-ping -n -c 1 127.0.0.1
t "root: esa-traceroute -I" 0 -- esa-traceroute -I -n -m 1 127.0.0.1
t "root: esa-pcap status (nothing runs)" 1 -- esa-pcap status
# nothing listens on loopback's port 9: the connect step fails, named (exit 2); -H
# spares the lookup of the host's own name
t "root: esa-smtpping to a closed port" 2 -- esa-smtpping -n -w 2 -p 9 -H smoke.example.net 127.0.0.1
# esa-cli finds the installed tools beside it: the routes through its netstat menu
t "root: esa-cli -c netstat (3, on stdin)" 0 -- sh -c 'echo 3 | esa-cli -c netstat'

# a member of esa-pcap: captures with the file capabilities into the shared directory,
# also after root captured there
t "member: esa-pcap status" 1 -- as "$member" esa-pcap status
t "member: esa-pcap run -i lo -t 1s (cap_net_raw,cap_net_admin+p)" 0 -- \
	as "$member" timeout 20 esa-pcap run -i lo -t 1s
t "root: esa-pcap run -i lo -t 1s" 0 -- timeout 20 esa-pcap run -i lo -t 1s
t "member: esa-pcap run after root's, same directory" 0 -- \
	as "$member" timeout 20 esa-pcap run -i lo -t 1s
t "member: esa-pcap list" 0 -- as "$member" esa-pcap list
# root capturing as the system user keeps the directory as the package made it
t "root: esa-pcap run -Z esa-pcap" 0 -- timeout 20 esa-pcap run -i lo -t 1s -Z esa-pcap
eq "capture directory after -Z esa-pcap" "$(stat -c '%U:%G %a' /var/lib/esa-pcap)" \
	"root:esa-pcap 2770"
t "member: esa-ping (cap_net_raw+p)" 0 -- as "$member" esa-ping -n -c 1 127.0.0.1
t "member: esa-traceroute -I (cap_net_raw+p)" 0 -- \
	as "$member" esa-traceroute -I -n -m 1 127.0.0.1

# a plain user: no esa-pcap at all; ping and traceroute through their capability; the
# missing capability named by what needs one
t "user: esa-pcap cannot be run" 126 -- as nobody sh -c 'exec /usr/bin/esa-pcap status'
t "user: esa-ping (cap_net_raw+p)" 0 -- as nobody esa-ping -n -c 1 127.0.0.1
t "user: esa-traceroute -I (cap_net_raw+p)" 0 -- as nobody esa-traceroute -I -n -m 1 127.0.0.1
t "user: esa-netstat -an" 0 -- as nobody esa-netstat -an
t "user: esa-etherconfig mtu lo 1500 names CAP_NET_ADMIN" 2 \
	'esa-etherconfig: mtu: Operation not permitted (needs CAP_NET_ADMIN)' -- \
	as nobody esa-etherconfig mtu lo 1500
t "user: esa-arpshow --flush names CAP_NET_ADMIN" 2 \
	'esa-arpshow: --flush: Operation not permitted (needs CAP_NET_ADMIN)' -- \
	as nobody esa-arpshow --flush
# a copy of esa-ping has no file capability: refused with the capability named, unless
# this kernel lets every group use ICMP datagram sockets
cp /usr/bin/esa-ping "$tmp/esa-ping" && chmod 755 "$tmp" "$tmp/esa-ping"
if [ "$(cut -f 2 /proc/sys/net/ipv4/ping_group_range)" -lt 65534 ]; then
	t "user: esa-ping without its capability names CAP_NET_RAW" 2 \
		'esa-ping: socket: Operation not permitted (needs CAP_NET_RAW, *' -- \
		as nobody "$tmp/esa-ping" -n -c 1 127.0.0.1
fi

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
