/* SPDX-License-Identifier: BSD-2-Clause */
/* print.c - FreeBSD's `arp -a` and `ndp -a` texts, and the JSON rows, from struct neigh. */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/neighbour.h>

#include "arpshow.h"
#include "text.h"

/* ndp's column widths (FreeBSD usr.sbin/ndp: W_ADDR, W_LL, W_IF) */
enum { W_ADDR = 36, W_LL = 17, W_IF = 6 };

void
print_open(struct printer *p, FILE *out, bool json)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->json = json;
	if (json) {
		json_init(&p->j, out, 0);
		json_array_open(&p->j);
	}
}

/* Starts a table: the NDP one has a header, after an empty line if ARP lines came. */
void
print_table(struct printer *p, int family)
{
	p->table = family;
	if (p->json || family != AF_INET6)
		return;
	if (p->arp_lines)
		fputc('\n', p->out);
	fprintf(p->out, "%-*s %-*s %*s %-9s %1s %5s\n", W_ADDR, "Neighbor", W_LL,
	    "Linklayer Address", W_IF, "Netif", "Expire", "S", "Flags");
}

/* FreeBSD ndp's letters; Linux states mapped to the nearest meaning (see the man page). */
char
print_state_letter(uint16_t state)
{
	switch (state) {
	case NUD_NONE:		return 'N';
	case NUD_INCOMPLETE:	return 'I';
	case NUD_REACHABLE:	return 'R';
	case NUD_STALE:		return 'S';
	case NUD_DELAY:		return 'D';
	case NUD_PROBE:		return 'P';
	case NUD_FAILED:	return 'W';
	case NUD_PERMANENT:	return 'R';
	default:		return '?';
	}
}

const char *
print_state_name(uint16_t state)
{
	switch (state) {
	case NUD_NONE:		return "none";
	case NUD_INCOMPLETE:	return "incomplete";
	case NUD_REACHABLE:	return "reachable";
	case NUD_STALE:		return "stale";
	case NUD_DELAY:		return "delay";
	case NUD_PROBE:		return "probe";
	case NUD_FAILED:	return "failed";
	case NUD_NOARP:		return "noarp";
	case NUD_PERMANENT:	return "permanent";
	default:		return "unknown";
	}
}

/* FreeBSD ndp's sec2str(): 45s, 3m12s, 23h59m58s, 1d0h0m5s. */
static void
sec2str(char *buf, size_t size, uint32_t total)
{
	uint32_t d = total / 86400, h = total / 3600 % 24, m = total / 60 % 60, s = total % 60;

	if (d > 0)
		snprintf(buf, size, "%ud%uh%um%us", d, h, m, s);
	else if (h > 0)
		snprintf(buf, size, "%uh%um%us", h, m, s);
	else if (m > 0)
		snprintf(buf, size, "%um%us", m, s);
	else
		snprintf(buf, size, "%us", s);
}

static void
print_arp(struct printer *p, const struct neigh *n, const char *addr, const char *ll)
{
	char hbuf[TEXT_SAFE_SIZE(NI_MAXHOST)], ibuf[TEXT_SAFE_SIZE(256)];
	const char *host = n->hostname ? text_safe(hbuf, sizeof(hbuf), n->hostname) : "?";

	fprintf(p->out, "%s (%s) at %s on %s", host, addr, ll,
	    text_safe(ibuf, sizeof(ibuf), n->ifname));
	if (n->life == LIFE_PERMANENT)
		fputs(" permanent", p->out);
	else if (n->life == LIFE_EXPIRES)
		fprintf(p->out, " expires in %u seconds", n->expires_s);
	else
		fputs(" expired", p->out);
	if (n->link_type != NULL)
		fprintf(p->out, " [%s]", n->link_type);
	fputc('\n', p->out);
	p->arp_lines = true;
}

/* Columns as FreeBSD ndp sizes them: a wide one pushes, the link-layer one gives way. */
static void
print_ndp(struct printer *p, const struct neigh *n, const char *addr, const char *ll)
{
	char hbuf[TEXT_SAFE_SIZE(NI_MAXHOST)], ibuf[TEXT_SAFE_SIZE(256)], exp[16];
	const char *host = n->hostname ? text_safe(hbuf, sizeof(hbuf), n->hostname) : addr;
	const char *ifname = text_safe(ibuf, sizeof(ibuf), n->ifname);
	int aw = (int)strlen(host), lw = (int)strlen(ll), iw = (int)strlen(ifname);

	aw = aw < W_ADDR ? W_ADDR : aw;
	lw = lw < W_ADDR + W_LL - aw ? W_ADDR + W_LL - aw : lw;
	iw = iw < W_ADDR + W_LL + W_IF - aw - lw ? W_ADDR + W_LL + W_IF - aw - lw : iw;
	if (n->life == LIFE_PERMANENT)
		snprintf(exp, sizeof(exp), "permanent");
	else if (n->life == LIFE_EXPIRES)
		sec2str(exp, sizeof(exp), n->expires_s);
	else
		snprintf(exp, sizeof(exp), "expired");
	/*
	 * The flags field follows one space even when empty, as in FreeBSD. FreeBSD
	 * then adds the probes sent; Linux's counter starts at ucast_probes, not 0,
	 * so it would not mean the same: it is in the JSON only.
	 */
	/*
	 * A REACHABLE entry past its reachable time is stale to the kernel at its next
	 * look, and FreeBSD's timer has made it so already: ndp never shows "expired"
	 * beside R.
	 */
	fprintf(p->out, "%-*s %-*s %*s %-9.9s %c %s\n", aw, host, lw, ll, iw, ifname, exp,
	    n->state == NUD_REACHABLE && n->life == LIFE_EXPIRED ? 'S' :
	    print_state_letter(n->state), (n->flags & NTF_ROUTER) ? "R" : "");
}

static void
print_json(struct printer *p, const struct neigh *n, const char *addr, const char *ll)
{
	struct json *j = &p->j;

	json_object_open(j);
	json_key_str(j, "family", n->family == AF_INET ? "inet" : "inet6");
	json_key_str(j, "address", addr);
	if (n->hostname != NULL)
		json_key_str(j, "hostname", n->hostname);
	if (n->lladdr_len > 0)
		json_key_str(j, "mac", ll);
	/* the kernel name, as everywhere in JSON (the text shows the alias) */
	if (n->kname != NULL)
		json_key_str(j, "interface", n->kname);
	if (n->alias != NULL)
		json_key_str(j, "alias", n->alias);
	json_key_uint(j, "ifindex", n->ifindex);
	json_key_str(j, "state", print_state_name(n->state));
	if (n->life == LIFE_EXPIRES || (n->life == LIFE_EXPIRED && n->state == NUD_REACHABLE))
		json_key_uint(j, "expires_s", n->expires_s);
	json_key_bool(j, "permanent", n->life == LIFE_PERMANENT);
	json_key_bool(j, "router", (n->flags & NTF_ROUTER) != 0);
	json_key_uint(j, "probes_sent", n->probes);
	if (n->local)
		json_key_bool(j, "local", true);
	if (n->link_type != NULL)
		json_key_str(j, "link_type", n->link_type);
	json_object_close(j);
}

void
print_neigh(struct printer *p, const struct neigh *n)
{
	char addr[ADDR_IP_MAX], safe[TEXT_SAFE_SIZE(ADDR_IP_MAX)], ll[ADDR_MAC_MAX];

	addr_ip(addr, sizeof(addr), n->family, n->addr, n->scope);
	if (n->lladdr_len > 0)
		addr_mac(ll, sizeof(ll), n->lladdr, n->lladdr_len);
	else
		snprintf(ll, sizeof(ll), "(incomplete)");
	if (p->json)
		print_json(p, n, addr, ll);
	else if (n->family == AF_INET)
		print_arp(p, n, text_safe(safe, sizeof(safe), addr), ll);
	else
		print_ndp(p, n, text_safe(safe, sizeof(safe), addr), ll);
}

/* FreeBSD's answer for a host without an entry; JSON stays an empty array. */
void
print_no_entry(struct printer *p, const char *host, const struct addr *a)
{
	char addr[ADDR_IP_MAX], hbuf[TEXT_SAFE_SIZE(256)], safe[TEXT_SAFE_SIZE(ADDR_IP_MAX)];

	if (p->json)
		return;
	addr_ip(addr, sizeof(addr), a->family, a->u.bytes, a->scope);
	fprintf(p->out, "%s (%s) -- no entry\n", text_safe(hbuf, sizeof(hbuf), host),
	    text_safe(safe, sizeof(safe), addr));
}

void
print_close(struct printer *p)
{
	if (!p->json)
		return;
	json_array_close(&p->j);
	json_end(&p->j);
}
