/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * diag.c - esa-cli's diagnostic menu: NETWORK with FLUSH (esa-arpshow --flush-all,
 * confirmed), ARPSHOW and NDPSHOW (esa-arpshow, esa-ndpshow), SMTPPING (esa-smtpping, the MX hosts offered from its -M -l -j) and
 * TCPDUMP (pcap.c).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "esa.h"
#include "text.h"

/*
 * The appliance's MX question: when HOST is a domain with MX records, whether to test
 * one of them, and which. The host to test (malloc'd: HOST itself or an MX host), or
 * NULL when the user left.
 */
static char *
smtpping_mx(struct cli *c, const char *host)
{
	char *argv[] = { "esa-smtpping", "-M", "-l", "-j", "--", (char *)host, NULL };
	char buf[128], safe[TEXT_SAFE_SIZE(CHOICES_LEN)], *out, *line, **mx, *r = NULL;
	struct in6_addr a;
	const char *why;
	size_t len, i;
	long n, v;
	int yes;

	/*
	 * An address has no MX records to offer; no MX record or a lookup that failed
	 * (esa-smtpping says why when it runs): the host is tested as given.
	 */
	if (inet_pton(AF_INET, host, &a) == 1 || inet_pton(AF_INET6, host, &a) == 1)
		return xstrdup(host);
	if (run_capture(c, argv, 1, &out, &len) != ESA_EXIT_OK) {
		free(out);
		return xstrdup(host);
	}
	n = choices_parse(out, len, "host", 2, &mx);
	free(out);
	if (n <= 0)
		return xstrdup(host);
	printf("\nThe domain you entered has MX records.\n");
	yes = ask_yesno(c, "Would you like to select an MX host to test instead? [Y]> ", 1);
	if (yes != 1) {
		choices_free(mx, (size_t)n);
		return yes == DIALOG_LEFT ? NULL : xstrdup(host);
	}
	printf("\nSelect an MX host to test.\n");
	for (i = 0; i < (size_t)n; i++)
		printf("%zu. %s\n", i + 1, text_safe(safe, sizeof(safe), mx[i]));
	for (;;) {
		line = term_read(c, "[1]> ", 0);
		if (line == NULL)
			break;
		v = answer_choice(line, mx, (size_t)n, 0, buf, sizeof(buf), &why);
		free(line);
		/* a name from DNS reaches the tool only if it is a host name */
		if (v >= 0 && answer_host(mx[v], &why) == 0) {
			r = xstrdup(mx[v]);
			break;
		}
		printf("%s\n", why);
	}
	choices_free(mx, (size_t)n);
	return r;
}

/* SMTPPING: host, MX choice, interface, test message, then esa-smtpping. */
static int
diag_smtpping(struct cli *c)
{
	char *args[8] = { "esa-smtpping" }, *host, *target, *ifname;
	int n = 1, data, st = ESA_EXIT_ERR;

	host = ask_host(c, "Enter the hostname or IP address of the SMTP server:");
	if (host == NULL)
		return ESA_EXIT_ERR;
	target = smtpping_mx(c, host);
	free(host);
	if (target == NULL)
		return ESA_EXIT_ERR;
	ifname = ask_interface(c, "Select the interface from which to test:", "Auto");
	if (ifname == NULL)
		goto out;
	printf("\n");
	data = ask_yesno(c, "Send a test message? [N]> ", 0);
	if (data == DIALOG_LEFT)
		goto out;
	if (*ifname != '\0') {
		args[n++] = "-I";
		args[n++] = ifname;
	}
	if (data)
		args[n++] = "-d";
	args[n++] = "--";
	args[n++] = target;
	printf("\n");
	st = run_tool(c, args);
out:
	free(ifname);
	free(target);
	return st;
}

/*
 * FLUSH: the neighbour tables and route caches emptied (esa-arpshow --flush-all),
 * after a question the seed does not quote: AsyncOS's words for a change that cannot
 * be undone, with N the answer on Enter.
 */
static int
diag_flush(struct cli *c)
{
	char *argv[] = { "esa-arpshow", "--flush-all", NULL };
	int yes;

	printf("\n");
	yes = ask_yesno(c, "Are you sure you want to flush all network related caches? [N]> ",
	    0);
	if (yes == DIALOG_LEFT)
		return ESA_EXIT_ERR;
	if (!yes) {
		printf("Nothing was changed.\n");
		return ESA_EXIT_OK;
	}
	printf("\n");
	return run_tool(c, argv);
}

static const struct op diag_ops[] = {
	{ "NETWORK", "Network Utilities." },
};

static const struct op network_ops[] = {
	{ "FLUSH", "Flush all network related caches." },
	{ "ARPSHOW", "Show system ARP cache." },
	{ "NDPSHOW", "Show system NDP cache." },
	{ "SMTPPING", "Test a remote SMTP server." },
	{ "TCPDUMP", "Dump ethernet packets." },
};

int
diag_run(struct cli *c, int argc, char **argv)
{
	char *arpshow[] = { "esa-arpshow", "-4", NULL }, *ndpshow[] = { "esa-ndpshow", NULL };

	(void)argv;
	if (argc > 1) {
		printf("diagnostic takes no argument.\n");
		return ESA_EXIT_ERR;
	}
	if (ask_op(c, ASK_CHOOSE, diag_ops, ESA_NELEM(diag_ops)) == DIALOG_LEFT)
		return ESA_EXIT_OK;
	switch (ask_op(c, ASK_CHOOSE, network_ops, ESA_NELEM(network_ops))) {
	case 0:
		return diag_flush(c);
	case 1:
		printf("\n");
		return run_tool(c, arpshow);
	case 2:
		printf("\n");
		return run_tool(c, ndpshow);
	case 3:
		return diag_smtpping(c);
	case 4:
		return pcap_tcpdump(c);
	default:
		return ESA_EXIT_OK;
	}
}
