/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ether.c - esa-cli's etherconfig: the appliance's menu over esa-etherconfig's views,
 * and the changes offered so far (MTU EDIT, LOOPBACK ENABLE and DISABLE, MULTICAST
 * ACCEPT and REJECT), each confirmed before it is made.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "esa.h"
#include "text.h"

/* Shows VIEW (`esa-etherconfig VIEW`): its status. */
static int
ether_show(const struct cli *c, const char *view)
{
	char *argv[] = { "esa-etherconfig", (char *)view, NULL };

	printf("\n");
	return run_tool(c, argv);
}

/* The value of KEY in `esa-etherconfig VIEW -j` at DEPTH, malloc'd, or NULL. */
static char *
ether_value(const struct cli *c, const char *view, const char *key, int depth)
{
	char *argv[] = { "esa-etherconfig", (char *)view, "-j", NULL };

	return run_json_value(c, argv, 0, ESA_EXIT_OK, key, depth);
}

/* Asks QUESTION ("... [Y]>"), then runs ARGV when the answer is yes. */
static int
ether_confirm(struct cli *c, const char *question, char *const argv[])
{
	int yes;

	printf("\n");
	yes = ask_yesno(c, question, 1);
	if (yes == DIALOG_LEFT)
		return ESA_EXIT_ERR;
	if (!yes) {
		printf("Nothing was changed.\n");
		return ESA_EXIT_OK;
	}
	return run_tool(c, argv);
}

/* MTU > EDIT: the interface (esa-etherconfig's list), the MTU, confirmed. */
static int
ether_mtu_edit(struct cli *c)
{
	char *list[] = { "esa-etherconfig", "mtu", "-j", NULL }, *out, **names, **mtus = NULL;
	char *argv[] = { "esa-etherconfig", "mtu", NULL, NULL, NULL };
	char buf[128], q[TEXT_SAFE_SIZE(CHOICES_LEN) + 64], mtu[16], safe[TEXT_SAFE_SIZE(CHOICES_LEN)], *line;
	const char *why, *name;
	size_t len;
	long n, v = -1, m, cur;
	char prompt[32];
	int st;

	if (run_capture(c, list, 0, &out, &len) != ESA_EXIT_OK) {
		free(out);
		return ESA_EXIT_ERR;
	}
	n = choices_pick(out, len, "alias", "interface", 2, &names);
	if (n > 0 && choices_parse(out, len, "mtu", 2, &mtus) != n) {
		choices_free(names, (size_t)n);
		n = -1;
	}
	free(out);
	if (n <= 0) {
		printf("There is no ethernet interface to edit.\n");
		return ESA_EXIT_ERR;
	}
	printf("\nEnter the name or number of the ethernet interface you wish to edit.\n");
	for (;;) {
		line = term_read(c, "[]> ", 0);
		if (line == NULL)
			break;
		v = answer_choice(line, names, (size_t)n, -1, buf, sizeof(buf), &why);
		free(line);
		if (v >= 0)
			break;
		printf("%s\n", why);
	}
	st = ESA_EXIT_ERR;
	if (v < 0)
		goto out;
	name = text_safe(safe, sizeof(safe), names[v]);
	printf("\nEnter the MTU for the %s interface (68 to 65535).\n", name);
	cur = strtol(mtus[v], NULL, 10);
	if (cur < 68 || cur > 65535)
		cur = 1500;
	snprintf(prompt, sizeof(prompt), "[%ld]> ", cur);
	m = ask_number(c, prompt, 68, 65535, cur);
	if (m == DIALOG_LEFT)
		goto out;
	snprintf(mtu, sizeof(mtu), "%ld", m);
	snprintf(q, sizeof(q), "Set the MTU of %s to %ld? [Y]> ", name, m);
	argv[2] = names[v];
	argv[3] = mtu;
	st = ether_confirm(c, q, argv);
out:
	choices_free(names, (size_t)n);
	choices_free(mtus, (size_t)n);
	return st;
}

static int
ether_mtu(struct cli *c)
{
	static const struct op ops[] = { { "EDIT", "Edit an ethernet interface." } };

	if (ether_show(c, "mtu") != ESA_EXIT_OK)
		return ESA_EXIT_ERR;
	if (ask_op(c, ASK_CHOOSE, ops, ESA_NELEM(ops)) == DIALOG_LEFT)
		return ESA_EXIT_OK;
	return ether_mtu_edit(c);
}

/* LOOPBACK: ENABLE (an IPv4 address, confirmed) or DISABLE (confirmed). */
static int
ether_loopback(struct cli *c)
{
	static const struct op on[] = { { "DISABLE", "Disable Loopback." } };
	static const struct op off[] = { { "ENABLE", "Enable Loopback." } };
	char *argv[] = { "esa-etherconfig", "loopback", NULL, NULL, NULL }, *state, *addr;
	char q[256], safe[TEXT_SAFE_SIZE(64)];
	struct in_addr a;
	int enabled, st;

	if (ether_show(c, "loopback") != ESA_EXIT_OK)
		return ESA_EXIT_ERR;
	state = ether_value(c, "loopback", "enabled", 1);
	enabled = state != NULL && strcmp(state, "true") == 0;
	free(state);
	if (ask_op(c, ASK_CHOOSE, enabled ? on : off, 1) == DIALOG_LEFT)
		return ESA_EXIT_OK;
	if (enabled) {
		argv[2] = "disable";
		return ether_confirm(c, "Disable the loopback address? [Y]> ", argv);
	}
	printf("\nEnter the IPv4 address for the loopback interface.\n");
	for (;;) {
		addr = term_read(c, "[]> ", 0);
		if (addr == NULL)
			return ESA_EXIT_ERR;
		if (inet_pton(AF_INET, addr, &a) == 1)
			break;
		printf("This is not an IPv4 address.\n");
		free(addr);
	}
	snprintf(q, sizeof(q), "Enable the loopback address %s? [Y]> ",
	    text_safe(safe, sizeof(safe), addr));
	argv[2] = "enable";
	argv[3] = addr;
	st = ether_confirm(c, q, argv);
	free(addr);
	return st;
}

/* MULTICAST: REJECT or ACCEPT, whichever is not the current policy, confirmed. */
static int
ether_multicast(struct cli *c)
{
	static const struct op rej[] = {
		{ "REJECT", "Reject ARP replies with a multicast address." },
	};
	static const struct op acc[] = {
		{ "ACCEPT", "Accept ARP replies with a multicast address." },
	};
	char *argv[] = { "esa-etherconfig", "multicast", NULL, NULL }, *state;
	int accepting;

	if (ether_show(c, "multicast") != ESA_EXIT_OK)
		return ESA_EXIT_ERR;
	state = ether_value(c, "multicast", "arp_multicast_replies", 1);
	accepting = state == NULL || strcmp(state, "false") != 0;
	free(state);
	if (ask_op(c, ASK_CHOOSE, accepting ? rej : acc, 1) == DIALOG_LEFT)
		return ESA_EXIT_OK;
	argv[2] = accepting ? "reject" : "accept";
	return ether_confirm(c, accepting ?
	    "Reject ARP replies with a multicast address? [Y]> " :
	    "Accept ARP replies with a multicast address? [Y]> ", argv);
}

static const struct op ether_ops[] = {
	{ "MEDIA", "View and edit ethernet media settings." },
	{ "VLAN", "View and configure VLANs." },
	{ "LOOPBACK", "View and configure Loopback." },
	{ "MTU", "View and configure MTU." },
	{ "MULTICAST", "Accept or reject ARP replies with a multicast address." },
};

int
ether_run(struct cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		printf("etherconfig takes no argument.\n");
		return ESA_EXIT_ERR;
	}
	switch (ask_op(c, ASK_CHOOSE, ether_ops, ESA_NELEM(ether_ops))) {
	case 0:
		return ether_show(c, "media");
	case 1:
		return ether_show(c, "vlan");
	case 2:
		return ether_loopback(c);
	case 3:
		return ether_mtu(c);
	case 4:
		return ether_multicast(c);
	default:
		return ESA_EXIT_OK;
	}
}
