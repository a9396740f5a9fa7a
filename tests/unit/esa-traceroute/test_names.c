/* SPDX-License-Identifier: BSD-2-Clause */
/* test_names.c - reverse lookups on threads: asked once, answered through the fd,
 * a full table refused quietly. Only 127.0.0.1 is looked up (/etc/hosts). */
#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>

#include "../../../bin/esa-traceroute/names.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

/* Waits (bounded) until the lookup of A is over; returns names_get()'s name. */
static char *
wait_name(struct names *ns, const unsigned char *a)
{
	struct pollfd pfd = { names_fd(ns), POLLIN, 0 };
	char *name = NULL;

	for (int i = 0; i < 100; i++) {
		if (names_get(ns, AF_INET, a, &name) == 1)
			return name;
		poll(&pfd, 1, 100);
		names_drain(ns);
	}
	ck_abort_msg("no answer in 10 s");
	return NULL;
}

START_TEST(test_lookups)
{
	unsigned char lo[4], other[4];
	struct names *ns = names_new(1);
	char *name;

	ck_assert_ptr_nonnull(ns);
	inet_pton(AF_INET, "127.0.0.1", lo);
	inet_pton(AF_INET, "192.0.2.1", other);
	names_want(ns, AF_INET, lo);
	names_want(ns, AF_INET, lo);		/* asked once */
	/* the table holds one: the second address is never asked, and has no name */
	names_want(ns, AF_INET, other);
	ck_assert_int_eq(names_get(ns, AF_INET, other, &name), 1);
	ck_assert_ptr_null(name);
	name = wait_name(ns, lo);
	ck_assert_ptr_nonnull(name);
	ck_assert_str_eq(name, "localhost");
	free(name);
	names_free(ns);
	/* freeing with a lookup queued or under way neither waits for it nor crashes
	 * (a queued one is dropped; a running one is left to end with the process) */
	ns = names_new(4);
	ck_assert_ptr_nonnull(ns);
	names_want(ns, AF_INET, lo);
	names_free(ns);
	names_free(NULL);
}
END_TEST

Suite *
suite_names(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, test_lookups);
	suite_add_tcase(s, tc);
	return s;
}
