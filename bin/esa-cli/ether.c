/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ether.c - esa-cli's etherconfig: the appliance's menu over esa-etherconfig's views,
 * and its changes (MEDIA EDIT, VLAN NEW and DELETE, LOOPBACK ENABLE and DISABLE, MTU
 * EDIT, MULTICAST ACCEPT and REJECT), each confirmed before it is made.
 */
#include <err.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "esa.h"
#include "text.h"

/*
 * The keys of esa-etherconfig's JSON that the dialogs read, each in one place (their
 * meaning is esa-tools(7)'s vocabulary). An interface is shown, and named to the
 * tool, by its alias when it has one, else by its kernel name.
 */
#define KEY_ALIAS "alias"
#define KEY_MTU_IFACE "interface"	/* mtu -j */
#define KEY_MTU_MTU "mtu"
#define KEY_MEDIA_IFACE "interface"	/* media -j: an Ethernet interface */
#define KEY_MEDIA_AUTONEG "autoneg_supported"	/* media IFACE -j: true, false */
#define KEY_MEDIA_SPEED "speed_mbps"	/* ... in each object of its "supported_media" */
#define KEY_MEDIA_DUPLEX "duplex"
/* the objects of "supported_media": the array, an interface, "supported_media", a mode */
#define DEPTH_MEDIA_MODE 4
#define KEY_VLAN_NAME "interface"	/* vlan -j: a VLAN */
#define KEY_VLAN_VID "vid"
#define KEY_VLAN_PARENT "parent_interface"	/* ... its parent's kernel name */
#define KEY_VLAN_PARENT_ALIAS "parent_alias"	/* ... its parent's alias */

/* A value ether_lists() reads: KEY's, else FALLBACK's (NULL: none) in an object. */
struct ether_key {
	const char *key, *fallback;
};

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

/*
 * The values of the N keys KEYS in the objects of `esa-etherconfig VIEW -j`, in
 * VALS[0..N-1] (free each with choices_free), lists of the same length: that length,
 * or -1 when the tool failed (it said why) or its output is not understood. The keys
 * from NEED (1 or more) on may be missing: VALS[i] is then NULL when some object
 * lacks KEYS[i] (a list of fewer values could not be paired with the objects).
 */
static long
ether_lists(const struct cli *c, const char *view, const struct ether_key keys[], size_t n,
    size_t need, char **vals[])
{
	char *argv[] = { "esa-etherconfig", (char *)view, "-j", NULL }, *out;
	long len = -1, k;
	size_t size, i;

	if (run_capture(c, argv, 0, &out, &size) != ESA_EXIT_OK) {
		free(out);
		return -1;
	}
	for (i = 0; i < n; i++) {
		k = choices_pick(out, size, keys[i].key, keys[i].fallback, 2, &vals[i]);
		if (k >= 0 && i >= need && k != len) {
			choices_free(vals[i], (size_t)k);
			vals[i] = NULL;
			continue;
		}
		if (k < 0 || (i > 0 && k != len))
			break;
		len = k;
	}
	free(out);
	if (i == n)
		return len;
	/* a key missing from some objects would pair a value with the wrong object */
	if (k >= 0)
		choices_free(vals[i], (size_t)k);
	while (i-- > 0)
		if (vals[i] != NULL)
			choices_free(vals[i], (size_t)len);
	warnx("esa-etherconfig %s -j: output not understood", view);
	return -1;
}

/*
 * Asks QUESTION, lists the N NAMES numbered when LIST (a view that numbers them was
 * not just shown), and asks until the answer is one of them by name or number: its
 * index, or DIALOG_LEFT.
 */
static long
ether_pick(struct cli *c, const char *question, char *const *names, long n, int list)
{
	char buf[128], safe[TEXT_SAFE_SIZE(CHOICES_LEN)], *line;
	const char *why;
	long v;

	printf("\n%s\n", question);
	for (long i = 0; list && i < n; i++)
		printf("%ld. %s\n", i + 1, text_safe(safe, sizeof(safe), names[i]));
	for (;;) {
		line = term_read(c, "[]> ", 0);
		if (line == NULL)
			return DIALOG_LEFT;
		v = answer_choice(line, names, (size_t)n, -1, buf, sizeof(buf), &why);
		free(line);
		if (v >= 0)
			return v;
		printf("%s\n", why);
	}
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
	static const struct ether_key keys[] = {
		{ KEY_ALIAS, KEY_MTU_IFACE }, { KEY_MTU_MTU, NULL },
	};
	char *argv[] = { "esa-etherconfig", "mtu", NULL, NULL, NULL }, **v[2];
	char q[TEXT_SAFE_SIZE(CHOICES_LEN) + 64], mtu[16], safe[TEXT_SAFE_SIZE(CHOICES_LEN)];
	char prompt[32];
	const char *name;
	long n, i, m, cur;
	int st = ESA_EXIT_ERR;

	n = ether_lists(c, "mtu", keys, 2, 2, v);
	if (n <= 0) {
		if (n == 0)
			printf("There is no ethernet interface to edit.\n");
		return ESA_EXIT_ERR;
	}
	i = ether_pick(c, "Enter the name or number of the ethernet interface you wish to edit.",
	    v[0], n, 0);
	if (i == DIALOG_LEFT)
		goto out;
	name = text_safe(safe, sizeof(safe), v[0][i]);
	printf("\nEnter the MTU for the %s interface (68 to 65535).\n", name);
	cur = strtol(v[1][i], NULL, 10);
	if (cur < 68 || cur > 65535)
		cur = 1500;
	snprintf(prompt, sizeof(prompt), "[%ld]> ", cur);
	m = ask_number(c, prompt, 68, 65535, cur);
	if (m == DIALOG_LEFT)
		goto out;
	snprintf(mtu, sizeof(mtu), "%ld", m);
	snprintf(q, sizeof(q), "Set the MTU of %s to %ld? [Y]> ", name, m);
	argv[2] = v[0][i];
	argv[3] = mtu;
	st = ether_confirm(c, q, argv);
out:
	choices_free(v[0], (size_t)n);
	choices_free(v[1], (size_t)n);
	return st;
}

/*
 * The media settings IFACE supports, from `esa-etherconfig media IFACE -j`, as the
 * labels to offer in *LABELS ("Autoselect" first when it autonegotiates, then "1000
 * Mb/s full-duplex"...), with the speed and duplex of each in *SPEEDS and *DUPLEXES
 * (NULL for Autoselect; pointers into the two lists, which the caller frees after
 * the labels). The number of labels, or -1 after a message.
 */
static long
media_choices_of(const struct cli *c, const char *iface, char ***labels, char ***speeds,
    char ***duplexes, long *nmodes)
{
	char *argv[] = { "esa-etherconfig", "media", (char *)iface, "-j", NULL }, *out, **a;
	long n, k, na, off;
	size_t len;

	*labels = NULL;
	if (run_capture(c, argv, 0, &out, &len) != ESA_EXIT_OK) {
		free(out);
		return -1;
	}
	n = choices_parse(out, len, KEY_MEDIA_SPEED, DEPTH_MEDIA_MODE, speeds);
	k = n < 0 ? -1 : choices_parse(out, len, KEY_MEDIA_DUPLEX, DEPTH_MEDIA_MODE, duplexes);
	na = choices_parse(out, len, KEY_MEDIA_AUTONEG, 2, &a);
	free(out);
	if (n < 0 || k != n || na < 0) {
		if (n >= 0)
			choices_free(*speeds, (size_t)n);
		if (k >= 0)
			choices_free(*duplexes, (size_t)k);
		if (na >= 0)
			choices_free(a, (size_t)na);
		warnx("esa-etherconfig media -j: output not understood");
		return -1;
	}
	off = na > 0 && strcmp(a[0], "true") == 0;
	choices_free(a, (size_t)na);
	*nmodes = n;
	*labels = xcalloc((size_t)(n + off) + 1, sizeof(**labels));
	if (off)
		(*labels)[0] = xstrdup("Autoselect");
	for (long i = 0; i < n; i++) {
		char buf[CHOICES_LEN * 2 + 32];

		snprintf(buf, sizeof(buf), "%s Mb/s %s-duplex", (*speeds)[i], (*duplexes)[i]);
		(*labels)[off + i] = xstrdup(buf);
	}
	return n + off;
}

/*
 * MEDIA > EDIT for IFACE: its media settings offered numbered (Autoselect the
 * default), confirmed, then `media IFACE auto` or `media IFACE SPEED DUPLEX`. An
 * interface that reports none (a veth) is said to, and nothing is asked.
 */
static int
ether_media_set(struct cli *c, const char *iface)
{
	char *argv[] = { "esa-etherconfig", "media", (char *)iface, NULL, NULL, NULL };
	char **labels, **speeds = NULL, **duplexes = NULL, *line, buf[128];
	char safe[TEXT_SAFE_SIZE(CHOICES_LEN)], choice[TEXT_SAFE_SIZE(CHOICES_LEN * 2 + 32)];
	char q[sizeof(safe) + sizeof(choice) + 64];
	const char *why, *name;
	long n, modes, v = -1, autosel = 0;
	int st = ESA_EXIT_ERR;

	n = media_choices_of(c, iface, &labels, &speeds, &duplexes, &modes);
	if (n < 0)
		return ESA_EXIT_ERR;
	name = text_safe(safe, sizeof(safe), iface);
	if (n == 0) {
		printf("\nThe %s interface reports no media settings to choose from.\n", name);
		st = ESA_EXIT_NO;
		goto out;
	}
	autosel = n - modes;
	printf("\nPlease choose the Ethernet media options for the %s interface.\n", name);
	for (long i = 0; i < n; i++)
		printf("%ld. %s\n", i + 1, text_safe(choice, sizeof(choice), labels[i]));
	while (v < 0 && (line = term_read(c, "[1]> ", 0)) != NULL) {
		v = answer_choice(line, labels, (size_t)n, 0, buf, sizeof(buf), &why);
		free(line);
		if (v < 0)
			printf("%s\n", why);
	}
	if (v < 0)
		goto out;
	snprintf(q, sizeof(q), "Set the media of %s to %s? [Y]> ", name,
	    text_safe(choice, sizeof(choice), labels[v]));
	if (v < autosel)
		argv[3] = "auto";
	else
		argv[3] = speeds[v - autosel], argv[4] = duplexes[v - autosel];
	st = ether_confirm(c, q, argv);
out:
	choices_free(labels, (size_t)n);
	choices_free(speeds, (size_t)modes);
	choices_free(duplexes, (size_t)modes);
	return st;
}

/* MEDIA > EDIT: the interface by name or number as the view listed them, then its media. */
static int
ether_media_edit(struct cli *c)
{
	static const struct ether_key keys[] = { { KEY_ALIAS, KEY_MEDIA_IFACE } };
	char **v[1];
	long n, i;
	int st = ESA_EXIT_ERR;

	n = ether_lists(c, "media", keys, 1, 1, v);
	if (n <= 0) {
		if (n == 0)
			printf("There is no ethernet interface to edit.\n");
		return ESA_EXIT_ERR;
	}
	i = ether_pick(c, "Enter the name or number of the ethernet interface you wish to edit.",
	    v[0], n, 0);
	if (i != DIALOG_LEFT)
		st = ether_media_set(c, v[0][i]);
	choices_free(v[0], (size_t)n);
	return st;
}

/* MEDIA and MTU: the view, then its one operation, EDIT, when chosen. */
static int
ether_show_edit(struct cli *c, const char *view, int (*edit)(struct cli *))
{
	static const struct op ops[] = { { "EDIT", "Edit an ethernet interface." } };

	if (ether_show(c, view) != ESA_EXIT_OK)
		return ESA_EXIT_ERR;
	if (ask_op(c, ASK_CHOOSE, ops, ESA_NELEM(ops)) == DIALOG_LEFT)
		return ESA_EXIT_OK;
	return edit(c);
}

static int
ether_media(struct cli *c)
{
	return ether_show_edit(c, "media", ether_media_edit);
}

/*
 * VLAN > NEW: the VLAN ID (1 to 4094), the Ethernet interface it goes on (as
 * `esa-etherconfig media` lists them), confirmed, then `vlan add IFACE VID`.
 */
static int
ether_vlan_new(struct cli *c)
{
	static const struct ether_key keys[] = { { KEY_ALIAS, KEY_MEDIA_IFACE } };
	char *argv[] = { "esa-etherconfig", "vlan", "add", NULL, NULL, NULL }, **v[1];
	char q[TEXT_SAFE_SIZE(CHOICES_LEN) + 64], vid[16], safe[TEXT_SAFE_SIZE(CHOICES_LEN)];
	long n, i, id;
	int st = ESA_EXIT_ERR;

	n = ether_lists(c, "media", keys, 1, 1, v);
	if (n <= 0) {
		if (n == 0)
			printf("There is no ethernet interface to put a VLAN on.\n");
		return ESA_EXIT_ERR;
	}
	printf("\nVLAN ID for the interface (1 to 4094).\n");
	id = ask_number(c, "[]> ", 1, 4094, -1);
	if (id == DIALOG_LEFT)
		goto out;
	i = ether_pick(c, "Enter the name or number of the ethernet interface you wish to bind to.",
	    v[0], n, 1);
	if (i == DIALOG_LEFT)
		goto out;
	snprintf(vid, sizeof(vid), "%ld", id);
	snprintf(q, sizeof(q), "Create VLAN %ld on %s? [Y]> ", id,
	    text_safe(safe, sizeof(safe), v[0][i]));
	argv[3] = v[0][i];
	argv[4] = vid;
	st = ether_confirm(c, q, argv);
out:
	choices_free(v[0], (size_t)n);
	return st;
}

/*
 * VLAN > DELETE: the VLAN by its name or its number in the view just shown,
 * confirmed, then `vlan delete NAME`.
 */
static int
ether_vlan_delete(struct cli *c)
{
	/* a parent in another namespace is not named: then the question names none */
	static const struct ether_key keys[] = {
		{ KEY_ALIAS, KEY_VLAN_NAME }, { KEY_VLAN_VID, NULL },
		{ KEY_VLAN_PARENT_ALIAS, KEY_VLAN_PARENT },
	};
	char *argv[] = { "esa-etherconfig", "vlan", "delete", NULL, NULL }, **v[3];
	char q[TEXT_SAFE_SIZE(CHOICES_LEN) * 2 + 64], safe[TEXT_SAFE_SIZE(CHOICES_LEN)];
	char parent[TEXT_SAFE_SIZE(CHOICES_LEN)];
	long n, i;
	int st = ESA_EXIT_ERR;

	n = ether_lists(c, "vlan", keys, 3, 2, v);
	if (n <= 0) {
		if (n == 0)
			printf("There is no VLAN to delete.\n");
		return ESA_EXIT_ERR;
	}
	i = ether_pick(c, "Enter the name or number of the VLAN you wish to delete.", v[0], n, 0);
	if (i != DIALOG_LEFT) {
		/* VLAN 34 (Data 1), as the view shows it */
		if (v[2] != NULL)
			snprintf(q, sizeof(q), "Delete VLAN %s (%s)? [Y]> ",
			    text_safe(safe, sizeof(safe), v[1][i]),
			    text_safe(parent, sizeof(parent), v[2][i]));
		else
			snprintf(q, sizeof(q), "Delete VLAN %s? [Y]> ",
			    text_safe(safe, sizeof(safe), v[1][i]));
		argv[3] = v[0][i];
		st = ether_confirm(c, q, argv);
	}
	for (size_t k = 0; k < ESA_NELEM(v); k++)
		if (v[k] != NULL)
			choices_free(v[k], (size_t)n);
	return st;
}

/* VLAN: NEW or DELETE. */
static int
ether_vlan(struct cli *c)
{
	static const struct op ops[] = {
		{ "NEW", "Create a new VLAN." },
		{ "DELETE", "Delete a VLAN." },
	};

	if (ether_show(c, "vlan") != ESA_EXIT_OK)
		return ESA_EXIT_ERR;
	switch (ask_op(c, ASK_CHOOSE, ops, ESA_NELEM(ops))) {
	case 0:
		return ether_vlan_new(c);
	case 1:
		return ether_vlan_delete(c);
	default:
		return ESA_EXIT_OK;
	}
}

static int
ether_mtu(struct cli *c)
{
	return ether_show_edit(c, "mtu", ether_mtu_edit);
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
		return ether_media(c);
	case 1:
		return ether_vlan(c);
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
