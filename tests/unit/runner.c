/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * runner.c - the one Check runner: every unit suite, one summary line. The list of
 * suites (suites.h) is written at build time from the test files (suites.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "check_esa.h"
#include "suites.h"

/*
 * The count of skipped tests, in memory shared with the children Check forks for each
 * test (CK_FORK=no runs them in this process: the same memory). NULL when it could not
 * be mapped: the skips are still named, and the run fails for want of a count.
 */
static unsigned *skipped;

void
unit_skip(const char *test, const char *why)
{
	if (skipped != NULL)
		__atomic_add_fetch(skipped, 1, __ATOMIC_SEQ_CST);
	printf("unit: skip: %s: %s\n", test, why);
	fflush(stdout);
}

int
main(void)
{
	static Suite *(*const all[])(void) = {
#define ESA_SUITE_ENTRY(n) suite_##n,
		ESA_SUITES(ESA_SUITE_ENTRY)
#undef ESA_SUITE_ENTRY
	};
	SRunner *sr = srunner_create(NULL);
	int failed;
	void *shared;

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		srunner_add_suite(sr, all[i]());
	shared = mmap(NULL, sizeof(*skipped), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared != MAP_FAILED)
		skipped = shared;
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	/* after Check's summary; tests/run.sh moves them from passed to skipped */
	if (skipped != NULL)
		printf("unit: %u skipped (counted above as passed)\n", *skipped);
	else
		printf("unit: skipped tests not counted: mmap failed\n");
	return failed == 0 && skipped != NULL ? EXIT_SUCCESS : EXIT_FAILURE;
}
