/* SPDX-License-Identifier: BSD-2-Clause */
/* admin.c - the words of messages, confirmations and missing capabilities, shared by the views. */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "esa.h"
#include "etherconfig.h"
#include "text.h"

/* Longest message before escaping; an alias (255 bytes) fits several times over. */
#define EC_MSG_MAX 2048

/*
 * FMT with its arguments, escaped as a whole as the listings escape names
 * (text_safe): aliases, kernel names, the user's words, paths, the kernel's and
 * nft's texts all come from outside, and our own words are printable ASCII that
 * text_safe leaves alone. Returns BUF (or the raw text, when nothing needed it).
 */
static const char * __attribute__((format(printf, 5, 0)))
safe_vformat(char *buf, size_t size, char *raw, size_t rawsize, const char *fmt,
    va_list ap)
{
	vsnprintf(raw, rawsize, fmt, ap);
	return text_safe(buf, size, raw);
}

void
ec_vwarnx(const char *fmt, va_list ap)
{
	char raw[EC_MSG_MAX], buf[TEXT_SAFE_SIZE(EC_MSG_MAX)];

	warnx("%s", safe_vformat(buf, sizeof(buf), raw, sizeof(raw), fmt, ap));
}

void
ec_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ec_vwarnx(fmt, ap);
	va_end(ap);
}

void
ec_warn(const char *fmt, ...)
{
	char raw[EC_MSG_MAX], buf[TEXT_SAFE_SIZE(EC_MSG_MAX)];
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	warnx("%s: %s", safe_vformat(buf, sizeof(buf), raw, sizeof(raw), fmt, ap),
	    strerror(e));
	va_end(ap);
}

void
ec_print(FILE *out, const char *fmt, ...)
{
	char raw[EC_MSG_MAX], buf[TEXT_SAFE_SIZE(EC_MSG_MAX)];
	va_list ap;

	va_start(ap, fmt);
	fprintf(out, "%s\n", safe_vformat(buf, sizeof(buf), raw, sizeof(raw), fmt, ap));
	va_end(ap);
}

int
ec_need_net_admin(const char *what)
{
	ec_warnx("%s: %s (needs CAP_NET_ADMIN)", what, strerror(EPERM));
	return ESA_EXIT_ERR;
}

int
ec_nl_fail(struct nl *nl, int e, const char *what)
{
	char why[NL_STRERROR_MAX];

	if (e == EPERM || e == EACCES)
		return ec_need_net_admin(what);
	ec_warnx("%s: %s", what, nl_strerror(nl, e, why, sizeof(why)));
	return ESA_EXIT_ERR;
}
