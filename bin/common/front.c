/* SPDX-License-Identifier: BSD-2-Clause */
/* front.c - descriptors 0-2, usage errors, -h/-V and the final write check of every tool. */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "esa.h"
#include "front.h"
#include "link.h"
#include "text.h"

/* what front_start() was told; set once, before anything else runs */
static const struct front *front_tool;

void
front_start(const struct front *tool)
{
	/* before anything is opened: a closed stdout must not become our first socket */
	if (esa_std_fds() < 0)
		err(ESA_EXIT_ERR, "/dev/null");
	front_tool = tool;
}

unsigned int
front_interface(const struct link_table *t, const char *opt, const char *name, char *kname)
{
	char q[TEXT_QUOTE_SIZE];
	int index = link_lookup(t, name, kname), e = errno;

	if (index > 0)
		return (unsigned int)index;
	if (index < 0)
		warn("reading the interface table");
	else
		warnx("%s%s%s: %s", opt != NULL ? opt : "", opt != NULL ? ": " : "",
		    text_quote(q, sizeof(q), name), link_strerror(e));
	return 0;
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		vwarnx(fmt, ap);
		va_end(ap);
	}
	if (front_tool != NULL)
		front_tool->usage(stderr);
	exit(ESA_EXIT_ERR);
}

void
front_help(void)
{
	if (front_tool != NULL)
		front_tool->usage(stdout);
	front_exit_printed();
}

void
front_version(void)
{
	printf("%s %s\n", front_tool != NULL ? front_tool->name : "esa-tools", ESA_VERSION);
	front_exit_printed();
}

void
front_parsed(int st, const char *why)
{
	switch (st) {
	case FRONT_RUN:
		return;
	case FRONT_HELP:
		front_help();
	case FRONT_VERSION:
		front_version();
	case FRONT_BAD_VALUE:
		errx(ESA_EXIT_ERR, "%s", why);
	default:
		usage_error("%s", why);
	}
}

void
front_exit_printed(void)
{
	exit(front_close_stdout(ESA_EXIT_OK));
}

int
front_close_stdout(int status)
{
	if (esa_close_stdout() < 0) {
		/* a reader that went away (| head) is no news to anyone */
		if (errno != EPIPE)
			warn("write error");
		return ESA_EXIT_ERR;
	}
	return status;
}
