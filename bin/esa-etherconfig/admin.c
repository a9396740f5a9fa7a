/* admin.c - the capability check and the words of messages and confirmations, shared by the views. */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>

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
static const char *
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

bool
ec_has_net_admin(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	memset(d, 0, sizeof(d));
	/* unknown counts as yes: the kernel decides */
	if (syscall(SYS_capget, &h, d) != 0)
		return true;
	return (d[CAP_TO_INDEX(CAP_NET_ADMIN)].effective & CAP_TO_MASK(CAP_NET_ADMIN)) != 0;
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
