/* SPDX-License-Identifier: BSD-2-Clause */
/* admin.c - the capability check and the words for a failed change, shared by the views. */
#include <err.h>
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>

#include "esa.h"
#include "etherconfig.h"

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
	warnx("%s: %s (needs CAP_NET_ADMIN)", what, strerror(EPERM));
	return ESA_EXIT_ERR;
}

int
ec_nl_fail(struct nl *nl, int e, const char *what)
{
	char why[NL_STRERROR_MAX];

	if (e == EPERM || e == EACCES)
		return ec_need_net_admin(what);
	warnx("%s: %s", what, nl_strerror(nl, e, why, sizeof(why)));
	return ESA_EXIT_ERR;
}
