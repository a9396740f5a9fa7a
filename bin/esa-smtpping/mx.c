/* SPDX-License-Identifier: BSD-2-Clause */
/* mx.c - a domain's MX hosts: the system resolver's answer, parsed without trust. */
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>

#include "smtpping.h"

static int
by_pref(const void *a, const void *b)
{
	const struct mx *x = a, *y = b;

	return x->pref < y->pref ? -1 : x->pref > y->pref;
}

/* One MX record's data: 0, or -1 when it is malformed. */
static int
mx_rr(const unsigned char *msg, size_t len, ns_rr *rr, struct mx *m)
{
	const unsigned char *rd = ns_rr_rdata(*rr);
	size_t rdlen = ns_rr_rdlen(*rr);

	if (rdlen < 3)
		return -1;
	m->pref = (unsigned int)rd[0] << 8 | rd[1];
	/* the name may point back into the message (compression): the whole message */
	if (ns_name_uncompress(msg, msg + len, rd + 2, m->name, sizeof(m->name)) < 0)
		return -1;
	return 0;
}

int
mx_parse(const unsigned char *buf, size_t len, struct mx_list *l, const char **why)
{
	ns_msg msg;
	ns_rr rr;
	int i, n;

	memset(l, 0, sizeof(*l));
	if (len > 65535 || ns_initparse(buf, (int)len, &msg) < 0) {
		*why = "malformed DNS answer";
		return -1;
	}
	n = ns_msg_count(msg, ns_s_an);
	for (i = 0; i < n && l->n < MX_MAX; i++) {
		if (ns_parserr(&msg, ns_s_an, i, &rr) < 0) {
			*why = "malformed DNS answer";
			return -1;
		}
		if (ns_rr_type(rr) != ns_t_mx || ns_rr_class(rr) != ns_c_in)
			continue;
		if (mx_rr(buf, len, &rr, &l->mx[l->n]) < 0) {
			*why = "malformed MX record";
			return -1;
		}
		l->n++;
	}
	/* qsort is not stable: a stable insertion sort keeps the answer's order of ties */
	for (size_t a = 1; a < l->n; a++)
		for (size_t b = a; b > 0 && by_pref(&l->mx[b - 1], &l->mx[b]) > 0; b--) {
			struct mx t = l->mx[b];

			l->mx[b] = l->mx[b - 1];
			l->mx[b - 1] = t;
		}
	/* RFC 7505: a single MX "0 ." says the domain accepts no mail */
	l->null_mx = l->n == 1 && (l->mx[0].name[0] == '\0' ||
	    strcmp(l->mx[0].name, ".") == 0);
	return 0;
}

int
mx_lookup(const char *domain, struct mx_list *l, const char **why)
{
	struct __res_state rs;
	unsigned char *ans;
	int n, rc = -1;

	memset(l, 0, sizeof(*l));
	memset(&rs, 0, sizeof(rs));
	if (res_ninit(&rs) < 0) {
		*why = "the resolver cannot start";
		return -1;
	}
	ans = malloc(65536);
	if (ans == NULL) {
		*why = "out of memory";
		goto out;
	}
	n = res_nquery(&rs, domain, ns_c_in, ns_t_mx, ans, 65536);
	if (n < 0) {
		/* NODATA: the domain exists without MX; RFC 5321 5.1 uses its own address */
		if (rs.res_h_errno == NO_DATA) {
			rc = 0;
			goto out;
		}
		*why = rs.res_h_errno == HOST_NOT_FOUND ? "no such domain" :
		    rs.res_h_errno == TRY_AGAIN ? "the DNS server failed or did not answer" :
		    "the MX lookup failed";
		goto out;
	}
	rc = mx_parse(ans, (size_t)n, l, why);
out:
	free(ans);
	res_nclose(&rs);
	return rc;
}
