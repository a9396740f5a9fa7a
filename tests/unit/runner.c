/* SPDX-License-Identifier: BSD-2-Clause */
/* runner.c - the one Check runner: every unit suite, one summary line. */
#include <stdio.h>
#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	static const struct {
		const char *name;
		Suite *(*make)(void);
	} all[] = {
#define ESA_SUITE_ENTRY(n) { #n, suite_##n },
		ESA_SUITES(ESA_SUITE_ENTRY)
#undef ESA_SUITE_ENTRY
	};
	SRunner *sr = NULL;
	int missing = 0, failed;

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (all[i].make == NULL) {
			fprintf(stderr, "unit: suite %s is missing\n", all[i].name);
			missing++;
			continue;
		}
		if (sr == NULL)
			sr = srunner_create(all[i].make());
		else
			srunner_add_suite(sr, all[i].make());
	}
	if (sr == NULL)
		return EXIT_FAILURE;
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && missing == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
