/* SPDX-License-Identifier: BSD-2-Clause */
/* suites.h - every unit suite, one per lib module and per tool file with logic. */
#ifndef ESA_TEST_SUITES_H
#define ESA_TEST_SUITES_H

#include <check.h>

/*
 * Declared weak so that the runner can name a suite whose file is missing instead
 * of failing to link: a missing suite is reported and counted as a failure.
 */
#define ESA_SUITES(X) \
	X(esa) X(json) X(parse) X(text) X(nl) X(link) X(addr) X(priv) \
	X(neigh) X(ntable) X(print) X(show) X(cache) \
	X(sockets) X(listen) X(routes) X(ifaces) X(traffic) X(column) \
	X(sockdiag) X(legend) X(procs) X(listeners) X(report) \
	X(iftable) X(ethtool) X(listing) X(loopback) X(mtu) X(vlan) X(multicast) \
	X(ping_reply) X(ping_stats) X(ping_options) X(ping_print) \
	X(reply) X(hops) X(reprobe) X(opts) X(trace_print) X(names) \
	X(pcapfilter) X(pcapnames) X(pcapsettings) X(pcapstate) X(pcaprepair) X(pcapwriter) X(pcaplock) X(pcapring) \
	X(smtp_reply) X(smtp_mx) X(smtp_options) X(smtp_message) X(smtp_print) \
	X(cli_answer) X(cli_choices)

#define ESA_SUITE_DECL(name) Suite *suite_##name(void) __attribute__((weak));
ESA_SUITES(ESA_SUITE_DECL)
#undef ESA_SUITE_DECL

#endif
