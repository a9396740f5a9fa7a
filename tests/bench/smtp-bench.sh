#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# smtp-bench.sh - times N SMTP transactions back to back against a private Postfix:
# esa-smtpping beside Halon's smtpping and swaks, for messages of each size.
#
# usage: smtp-bench.sh [-n N] [-N SWAKS_N] [-k "1 10"] [-r RUNS] [-e ESA_SMTPPING]
#                      [-p SMTPPING] [-w SWAKS] [-o RESULTS_TSV]
#
# A namespace (lb-smtp-PID, deleted on exit) holds 192.0.2.25 on lo and a Postfix
# (postfix -c, its own configuration and spool in a temporary directory) whose
# transports discard everything, so nothing queues. For each message size (KiB) it
# runs, RUNS times each, under GNU time:
#   esa-smtpping -n -q -D MSG -c N -i 0 -H bench.example.net -t postmaster@example.com 192.0.2.25
#   smtpping -q -f MSG -c N -w 0 -H bench.example.net postmaster@example.com @192.0.2.25
#   swaks (one process per transaction: a loop of SWAKS_N, default N/20)
# and prints, per command, the median wall time and the median CPU time (user + sys)
# per transaction, and the largest peak RSS of one process. The commands under test
# are the parameters -e, -p, -w (default: build/esa-smtpping, then PATH). Defaults:
# N=1000, sizes "1 10", RUNS=5. Root only (namespaces); loopback inside the namespace.
set -u

n=1000 swaks_n='' sizes="1 10" runs=5 out=''
here=$(cd "$(dirname "$0")/../.." && pwd)
esa=$here/build/esa-smtpping
[ -x "$esa" ] || esa='esa-smtpping'
halon=smtpping swaks=swaks
while getopts "n:N:k:r:e:p:w:o:h" opt; do
	case $opt in
	n) n=$OPTARG ;;
	N) swaks_n=$OPTARG ;;
	k) sizes=$OPTARG ;;
	r) runs=$OPTARG ;;
	e) esa=$OPTARG ;;
	p) halon=$OPTARG ;;
	w) swaks=$OPTARG ;;
	o) out=$OPTARG ;;
	*) sed -n '5,6p' "$0" >&2; exit 2 ;;
	esac
done
swaks_n=${swaks_n:-$(( n / 20 > 0 ? n / 20 : 1 ))}
[ "$(id -u)" -eq 0 ] || { echo "smtp-bench: must run as root (namespaces)" >&2; exit 2; }
for c in "$esa" "$halon" "$swaks" postfix /usr/bin/time; do
	command -v "$c" > /dev/null || { echo "smtp-bench: missing: $c (make deps)" >&2; exit 2; }
done

ns=lb-smtp-$$
tmp=$(mktemp -d /tmp/lb-smtp.XXXXXX) || exit 2
cleanup() {
	timeout 20 ip netns exec "$ns" postfix -c "$tmp/conf" stop > /dev/null 2>&1
	for p in $(ip netns pids "$ns" 2> /dev/null); do kill "$p" 2> /dev/null; done
	ip netns del "$ns" 2> /dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns" || exit 2
ip -n "$ns" link set lo up && ip -n "$ns" addr add 192.0.2.25/32 dev lo || exit 2
mkdir -p "$tmp/conf" "$tmp/spool" "$tmp/data" && chmod 755 "$tmp" &&
	chown postfix "$tmp/data" && cp /etc/postfix/master.cf "$tmp/conf/" || exit 2
cat > "$tmp/conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $tmp/spool
data_directory = $tmp/data
maillog_file = $tmp/postfix.log
maillog_file_prefixes = $tmp
myhostname = mail.example.com
mydestination = example.com
inet_interfaces = 192.0.2.25
inet_protocols = ipv4
mynetworks = 192.0.2.0/24
local_recipient_maps =
local_transport = discard
default_transport = discard
alias_maps =
alias_database =
smtpd_peername_lookup = no
CONF
ip netns exec "$ns" postfix -c "$tmp/conf" start > /dev/null 2>&1 || { cat "$tmp/postfix.log"; exit 2; }
for i in $(seq 100); do
	ip netns exec "$ns" ss -ltn | grep -q '192.0.2.25:25 ' && break
	sleep 0.1
done

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# bench LABEL SIZE COUNT COMMAND...: RUNS timed runs of COMMAND in the namespace.
bench() {
	local label=$1 size=$2 count=$3 r st
	shift 3
	: > "$tmp/t"
	for r in $(seq "$runs"); do
		ip netns exec "$ns" /usr/bin/time -o "$tmp/one" -f '%e %U %S %M' "$@" \
			> "$tmp/out" 2>&1
		st=$?
		[ "$st" -eq 0 ] || { echo "smtp-bench: $label failed ($st):" >&2; tail -n 5 "$tmp/out" >&2; }
		tail -n 1 "$tmp/one" >> "$tmp/t"
	done
	local wall cpu rss
	wall=$(awk -v c="$count" '{ print $1 * 1000 / c }' "$tmp/t" | median)
	cpu=$(awk -v c="$count" '{ print ($2 + $3) * 1000 / c }' "$tmp/t" | median)
	rss=$(awk '{ print $4 }' "$tmp/t" | sort -g | tail -n 1)
	printf '| %s | %s KiB | %s | %.3f | %.3f | %s |\n' "$label" "$size" "$count" "$wall" "$cpu" "$rss"
	[ -n "$out" ] && printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$size" "$count" "$wall" "$cpu" "$rss" >> "$out"
	return 0
}

# swaks_loop COUNT ARGS...: COUNT swaks runs in one shell, stopping at a failure.
cat > "$tmp/swaks-loop" <<'LOOP'
#!/bin/sh
c=$1
shift
i=0
while [ "$i" -lt "$c" ]; do
	"$@" > /dev/null || exit 1
	i=$((i + 1))
done
LOOP
chmod 755 "$tmp/swaks-loop"

echo "| command | message | transactions | median ms per transaction | median CPU ms per transaction | peak RSS KiB |"
echo "|---|---|---|---|---|---|"
for k in $sizes; do
	msg=$tmp/msg-$k
	{
		printf 'From: <bench@example.net>\nTo: <postmaster@example.com>\nSubject: bench %s KiB\n\n' "$k"
		head -c $((k * 1024)) /dev/zero | tr '\0' 'x' | fold -w 76
		echo
	} > "$msg"
	bench "esa-smtpping -D msg -c N -i 0 -q" "$k" "$n" "$esa" -n -q -D "$msg" -c "$n" -i 0 \
		-H bench.example.net -t postmaster@example.com 192.0.2.25
	bench "smtpping -f msg -c N -w 0" "$k" "$n" "$halon" -q -f "$msg" -c "$n" -w 0 \
		-H bench.example.net postmaster@example.com @192.0.2.25
	bench "swaks, one per transaction" "$k" "$swaks_n" "$tmp/swaks-loop" "$swaks_n" "$swaks" \
		--server 192.0.2.25 --helo bench.example.net --from '' --to postmaster@example.com \
		--data "@$msg" --suppress-data
done
