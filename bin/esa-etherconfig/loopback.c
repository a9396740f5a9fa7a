/* SPDX-License-Identifier: BSD-2-Clause */
/* loopback.c - the loopback view: a direct-server-return address on lo, and the ARP sysctls. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <linux/if_addr.h>
#include <net/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/capability.h>

#include "esa.h"
#include "etherconfig.h"
#include "priv.h"
#include "parse.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

#define STATE_DIR "/run/esa-tools"
#define SYSCTL_IGNORE "/proc/sys/net/ipv4/conf/all/arp_ignore"
#define SYSCTL_ANNOUNCE "/proc/sys/net/ipv4/conf/all/arp_announce"
/*
 * The kernel stores any int in these two sysctls (proc_dointvec, no range), but
 * gives meaning only to arp_ignore 0-8 (4-7 reserved) and arp_announce 0-2
 * (ip-sysctl.rst; arp.c reads any other value as 0). The state file takes those
 * alone, so that a tampered one cannot make disable write 2147483647; enable
 * refuses to save another.
 */
#define SYSCTL_MAX INT32_MAX
#define ARP_IGNORE_MAX 8
#define ARP_ANNOUNCE_MAX 2
/* The state file's text is under 200 bytes; anything longer is not ours. */
#define STATE_MAX 512

/* ---- the state file's text (pure) ------------------------------------------------ */

const char *
loopback_addr_refusal(const struct addr *a)
{
	static const unsigned char zero[16], one[16] = { [15] = 1 };
	uint32_t v4 = ntohl(a->u.v4.s_addr);

	if (a->family == AF_INET) {
		if (v4 == INADDR_ANY || v4 == INADDR_BROADCAST || IN_MULTICAST(v4))
			return "not a unicast address";
		return v4 >> 24 == IN_LOOPBACKNET ? "a loopback address (lo's own)" : NULL;
	}
	if (memcmp(a->u.bytes, zero, sizeof(zero)) == 0 || a->u.bytes[0] == 0xff)
		return "not a unicast address";
	return memcmp(a->u.bytes, one, sizeof(one)) == 0 ? "a loopback address (lo's own)" :
	    NULL;
}

/* The value after KEY and a blank in LINE, within 0 and MAX. 0, or -1 with *WHY. */
static int
state_value(const char *line, size_t keylen, int max, const char *range, int *v,
    const char **why)
{
	int64_t n;

	if (parse_int(line + keylen + 1, 0, SYSCTL_MAX, &n, NULL) < 0) {
		*why = "a value that is not a number";
		return -1;
	}
	if (n > max) {
		*why = range;
		return -1;
	}
	*v = (int)n;
	return 0;
}

/* One "KEY VALUE" line of the state file into S; SEEN collects the keys read. */
static int
state_line(const char *line, struct lo_state *s, unsigned int *seen, const char **why)
{
	char addr[128], *slash;
	int64_t v;

	if (strncmp(line, "address ", 8) == 0) {
		snprintf(addr, sizeof(addr), "%s", line + 8);
		*why = "a malformed address";
		if ((slash = strchr(addr, '/')) == NULL)
			return -1;
		*slash = '\0';
		if (addr_parse(addr, AF_UNSPEC, ADDR_NUMERIC, &s->addr, NULL) < 0 ||
		    s->addr.scope != NULL ||
		    parse_int(slash + 1, 0, 128, &v, NULL) < 0 ||
		    v != (s->addr.family == AF_INET ? 32 : 128))
			return -1;
		/* never one enable puts on lo: disable would take lo's own away */
		if (loopback_addr_refusal(&s->addr) != NULL) {
			*why = "an address enable never adds";
			return -1;
		}
		s->prefix_len = (unsigned int)v;
		*seen |= 1;
	} else if (strncmp(line, "arp_ignore ", 11) == 0) {
		if (state_value(line, 10, ARP_IGNORE_MAX,
		    "arp_ignore: not one of the kernel's values (0 to 8)", &s->arp_ignore, why) < 0)
			return -1;
		*seen |= 2;
	} else if (strncmp(line, "arp_announce ", 13) == 0) {
		if (state_value(line, 12, ARP_ANNOUNCE_MAX,
		    "arp_announce: not one of the kernel's values (0 to 2)", &s->arp_announce,
		    why) < 0)
			return -1;
		*seen |= 4;
	} else {
		*why = "a line this program never writes";
		return -1;
	}
	return 0;
}

int
loopback_state_parse(const char *buf, size_t len, struct lo_state *s, const char **why)
{
	unsigned int seen = 0;
	const char *dummy;
	char line[128];
	size_t i = 0;

	if (why == NULL)
		why = &dummy;
	memset(s, 0, sizeof(*s));
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = (nl != NULL ? (size_t)(nl - buf) : len) - i;

		/* every line ends in '\n' and is short; a NUL inside is no text of ours */
		*why = "a line this program never writes";
		if (nl == NULL || n >= sizeof(line) || memchr(buf + i, '\0', n) != NULL)
			goto bad;
		memcpy(line, buf + i, n);
		line[n] = '\0';
		i += n + 1;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (state_line(line, s, &seen, why) < 0)
			goto bad;
	}
	if (seen == 7)
		return 0;
	*why = "a value missing";
bad:
	errno = EINVAL;
	return -1;
}

int
loopback_state_format(const struct lo_state *s, char *buf, size_t size)
{
	char addr[ADDR_IP_MAX];
	int n;

	addr_ip(addr, sizeof(addr), s->addr.family, s->addr.u.bytes, NULL);
	n = snprintf(buf, size,
	    "# esa-etherconfig loopback: what \"esa-etherconfig loopback disable\" undoes\n"
	    "address %s/%u\narp_ignore %d\narp_announce %d\n",
	    addr, s->prefix_len, s->arp_ignore, s->arp_announce);
	return n < 0 || (size_t)n >= size ? -1 : n;
}

int
loopback_addr_parse(const struct nlmsghdr *nlh, struct addr *a, unsigned int *plen,
    unsigned int *ifindex)
{
	const struct nlattr *tb[IFA_MAX + 1], *at;
	const struct ifaddrmsg *ifa;
	size_t alen;

	if (nlh->nlmsg_type != RTM_NEWADDR)
		return 0;
	if (nl_attrs(nlh, sizeof(*ifa), tb, IFA_MAX, NULL) < 0)
		return -1;
	ifa = mnl_nlmsg_get_payload(nlh);
	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return 0;
	alen = ifa->ifa_family == AF_INET ? 4 : 16;
	/* IFA_LOCAL is the address itself; IFA_ADDRESS the peer's on point-to-point links */
	at = tb[IFA_LOCAL] != NULL ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (at == NULL || mnl_attr_get_payload_len(at) != alen ||
	    ifa->ifa_prefixlen > alen * 8) {
		errno = EPROTO;
		return -1;
	}
	memset(a, 0, sizeof(*a));
	a->family = ifa->ifa_family;
	memcpy(a->u.bytes, mnl_attr_get_payload(at), alen);
	*plen = ifa->ifa_prefixlen;
	*ifindex = ifa->ifa_index;
	return 1;
}

/* ---- the system: state file, sysctls, the address ------------------------------ */

/*
 * The state file of this network namespace: each namespace has its own lo and
 * sysctls, so each its own file, named by the namespace's cookie (5.14+, never
 * reused while the system runs), else by the inode of /proc/self/ns/net.
 * ESA_ETHERCONFIG_STATE_DIR names another directory (tests use their own).
 */
static int
state_path(char *buf, size_t size)
{
	const char *dir = getenv("ESA_ETHERCONFIG_STATE_DIR");
	uint64_t cookie = 0;
	socklen_t len = sizeof(cookie);
	struct stat st;
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (dir == NULL || *dir == '\0')
		dir = STATE_DIR;
	if (fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, &cookie, &len) == 0 &&
	    len == sizeof(cookie)) {
		close(fd);
		snprintf(buf, size, "%s/loopback.netns-%" PRIu64, dir, cookie);
		return 0;
	}
	if (fd >= 0)
		close(fd);
	if (stat("/proc/self/ns/net", &st) < 0)
		return -1;
	snprintf(buf, size, "%s/loopback.netns-ino-%" PRIu64, dir, (uint64_t)st.st_ino);
	return 0;
}

/*
 * Why the state file at PATH, of status ST, is not read: NULL when it may be. It
 * must be a regular file (a FIFO would hang the reader; a device is not opened at
 * all), root's (nobody else may decide what root removes), of a state file's size.
 */
static const char *
state_refusal(const struct stat *st)
{
	if (S_ISLNK(st->st_mode))
		return "a symbolic link, not followed";
	if (!S_ISREG(st->st_mode))
		return "not a regular file";
	if (st->st_uid != 0)
		return "not owned by root";
	if (st->st_size > STATE_MAX)
		return "larger than a state file";
	return NULL;
}

/*
 * Reads the state file: 1 with S, 0 when there is none, -1 after one message
 * naming the file and what is wrong with it.
 */
static int
state_read(const char *path, struct lo_state *s)
{
	char buf[STATE_MAX + 1];
	const char *why;
	struct stat st;
	ssize_t n = -1;
	int fd = -1;

	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		goto fail;
	}
	if ((why = state_refusal(&st)) != NULL)
		goto refuse;
	/* O_NONBLOCK and the checks again: what lstat saw may have been replaced since */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) < 0 ||
	    fstat(fd, &st) < 0)
		goto fail;
	if ((why = state_refusal(&st)) != NULL)
		goto refuse;
	if ((n = read(fd, buf, sizeof(buf))) < 0)
		goto fail;
	close(fd);
	why = "larger than a state file";
	if (n > STATE_MAX || loopback_state_parse(buf, (size_t)n, s, &why) < 0)
		goto refuse;
	return 1;
fail:
	ec_warn("loopback: %s", path);
	if (fd >= 0)
		close(fd);
	return -1;
refuse:
	ec_warnx("loopback: %s: refused: %s", path, why);
	if (fd >= 0)
		close(fd);
	return -1;
}

/* Writes the state file atomically: a temporary file, fsync, rename. 0 or -1. */
static int
state_write(const char *path, const struct lo_state *s)
{
	char tmp[4200], text[512], dir[4096], *slash;
	int fd, n, saved;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return -1;
	}
	if ((n = loopback_state_format(s, text, sizeof(text))) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
	/* readable by all: the listing needs no privilege, and nothing in it is secret */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (write(fd, text, (size_t)n) != n || fsync(fd) < 0 || close(fd) < 0) {
		saved = errno ? errno : EIO;
		unlink(tmp);
		errno = saved;
		return -1;
	}
	if (rename(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}

/* A sysctl's integer value, or -1. */
static int
sysctl_get(const char *path)
{
	char buf[32];
	ssize_t n;
	int64_t v;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return parse_int(buf, 0, SYSCTL_MAX, &v, NULL) < 0 ? -1 : (int)v;
}

static int
sysctl_set(const char *path, int v)
{
	char buf[16];
	int n = snprintf(buf, sizeof(buf), "%d\n", v), fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (write(fd, buf, (size_t)n) != n) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

static const struct link *
lo_link(const struct iftable *t)
{
	for (size_t i = 0; i < t->links.n; i++)
		if (t->links.links[i].type == ARPHRD_LOOPBACK)
			return &t->links.links[i];
	return NULL;
}

/* RTM_NEWADDR (or RTM_DELADDR) of S's address on IFINDEX. */
static struct nlmsghdr *
addr_request(struct nl *nl, uint16_t type, unsigned int ifindex, const struct lo_state *s)
{
	struct nlmsghdr *req = nl_request(nl, type,
	    type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(req, sizeof(*ifa));
	size_t alen = s->addr.family == AF_INET ? 4 : 16;

	ifa->ifa_family = (uint8_t)s->addr.family;
	ifa->ifa_prefixlen = (uint8_t)s->prefix_len;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = ifindex;
	mnl_attr_put(req, IFA_LOCAL, alen, s->addr.u.bytes);
	mnl_attr_put(req, IFA_ADDRESS, alen, s->addr.u.bytes);
	return req;
}

struct addr_find {
	const struct lo_state *s;
	unsigned int ifindex;
	bool found;
};

static int
addr_find_cb(const struct nlmsghdr *nlh, void *data)
{
	struct addr_find *f = data;
	struct addr a;
	unsigned int plen, index;
	int r = loopback_addr_parse(nlh, &a, &plen, &index);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r > 0 && index == f->ifindex && a.family == f->s->addr.family &&
	    memcmp(a.u.bytes, f->s->addr.u.bytes, a.family == AF_INET ? 4 : 16) == 0)
		f->found = true;
	return MNL_CB_OK;
}

/* Does lo carry S's address? 1, 0, or -1 with errno. */
static int
addr_present(struct nl *nl, unsigned int ifindex, const struct lo_state *s)
{
	struct addr_find f = { .s = s, .ifindex = ifindex };
	struct nlmsghdr *req = nl_request(nl, RTM_GETADDR, 0);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(req, sizeof(*ifa));

	ifa->ifa_family = (uint8_t)s->addr.family;
	ifa->ifa_index = ifindex;	/* with strict checking the kernel filters by it */
	if (nl_dump(nl, req, addr_find_cb, &f) < 0 && errno != EINTR)
		return -1;
	return f.found;
}

/* ---- the actions --------------------------------------------------------------- */

static int
loopback_show(struct ctx *c, const char *path, unsigned int lo)
{
	struct lo_view v = { 0 };
	int r = state_read(path, &v.saved);

	if (r < 0)
		return ESA_EXIT_ERR;
	v.enabled = r == 1;
	if (v.enabled) {
		if ((r = addr_present(c->rt, lo, &v.saved)) < 0)
			return ec_nl_fail(c->rt, errno, "loopback: reading addresses");
		v.present = r == 1;
	}
	v.arp_ignore = sysctl_get(SYSCTL_IGNORE);
	v.arp_announce = sysctl_get(SYSCTL_ANNOUNCE);
	listing_loopback(c->out, c->o->json, &v);
	return ESA_EXIT_OK;
}

/*
 * The value enable saves of the sysctl at PATH: one the kernel gives meaning to (0
 * to MAX), since the state file takes no other. 0, or -1 after a message.
 */
static int
arp_sysctl_get(const char *path, int max, int *v)
{
	/* a negative value (the kernel takes one) reads as ERANGE */
	if ((*v = sysctl_get(path)) < 0) {
		ec_warn("loopback: reading %s", path);
		return -1;
	}
	if (*v > max) {
		ec_warnx("loopback: %s is %d, not one of the kernel's values (0 to %d): "
		    "it could not be restored", path, *v, max);
		return -1;
	}
	return 0;
}

/* Undoes a failed enable: the address (when ADDED), the sysctls, the state file. */
static void
enable_undo(struct ctx *c, const char *path, unsigned int lo, const struct lo_state *s,
    bool added)
{
	if (added)
		(void)nl_ack(c->rt, addr_request(c->rt, RTM_DELADDR, lo, s));
	(void)sysctl_set(SYSCTL_IGNORE, s->arp_ignore);
	(void)sysctl_set(SYSCTL_ANNOUNCE, s->arp_announce);
	(void)unlink(path);
}

static int
loopback_enable(struct ctx *c, const char *path, unsigned int lo)
{
	struct lo_state s = { .addr = c->o->addr }, old;
	int r;

	s.prefix_len = s.addr.family == AF_INET ? 32 : 128;
	if ((r = state_read(path, &old)) != 0) {
		if (r < 0)
			return ESA_EXIT_ERR;
		char a[ADDR_IP_MAX];

		ec_warnx("loopback: already enabled with %s (disable it first)",
		    addr_ip(a, sizeof(a), old.addr.family, old.addr.u.bytes, NULL));
		return ESA_EXIT_NO;
	}
	if (arp_sysctl_get(SYSCTL_IGNORE, ARP_IGNORE_MAX, &s.arp_ignore) < 0 ||
	    arp_sysctl_get(SYSCTL_ANNOUNCE, ARP_ANNOUNCE_MAX, &s.arp_announce) < 0)
		return ESA_EXIT_ERR;
	/* the state first: whatever fails later, disable (or the undo) knows what to restore */
	if (state_write(path, &s) < 0) {
		ec_warn("loopback: %s", path);
		return ESA_EXIT_ERR;
	}
	if (nl_ack(c->rt, addr_request(c->rt, RTM_NEWADDR, lo, &s)) < 0) {
		int e = errno;

		enable_undo(c, path, lo, &s, false);
		if (e == EEXIST) {
			ec_warnx("loopback: %s is already an address of lo", c->o->addr_text);
			return ESA_EXIT_ERR;
		}
		return ec_nl_fail(c->rt, e, "loopback: adding the address");
	}
	if (sysctl_set(SYSCTL_IGNORE, 1) < 0 || sysctl_set(SYSCTL_ANNOUNCE, 2) < 0) {
		ec_warn("loopback: setting arp_ignore and arp_announce");
		enable_undo(c, path, lo, &s, true);
		return ESA_EXIT_ERR;
	}
	ec_print(c->out, "Loopback interface enabled: %s/%u on lo, arp_ignore 1 (was %d), "
	    "arp_announce 2 (was %d)", c->o->addr_text, s.prefix_len, s.arp_ignore,
	    s.arp_announce);
	return ESA_EXIT_OK;
}

static int
loopback_disable(struct ctx *c, const char *path, unsigned int lo)
{
	char a[ADDR_IP_MAX];
	struct lo_state s;
	int r = state_read(path, &s);

	if (r < 0)
		return ESA_EXIT_ERR;
	if (r == 0) {
		ec_warnx("loopback: not enabled");
		return ESA_EXIT_NO;
	}
	/* gone already (someone ran ip addr del): nothing to remove, the rest to restore */
	if (nl_ack(c->rt, addr_request(c->rt, RTM_DELADDR, lo, &s)) < 0 &&
	    errno != EADDRNOTAVAIL && errno != ENOENT && errno != ESRCH)
		return ec_nl_fail(c->rt, errno, "loopback: removing the address");
	if (sysctl_set(SYSCTL_IGNORE, s.arp_ignore) < 0 ||
	    sysctl_set(SYSCTL_ANNOUNCE, s.arp_announce) < 0) {
		ec_warn("loopback: restoring arp_ignore and arp_announce");
		return ESA_EXIT_ERR;
	}
	if (unlink(path) < 0) {
		ec_warn("loopback: %s", path);
		return ESA_EXIT_ERR;
	}
	ec_print(c->out, "Loopback interface disabled: %s/%u removed from lo, arp_ignore %d and "
	    "arp_announce %d restored", addr_ip(a, sizeof(a), s.addr.family, s.addr.u.bytes,
	    NULL), s.prefix_len, s.arp_ignore, s.arp_announce);
	return ESA_EXIT_OK;
}

int
loopback_run(struct ctx *c)
{
	const struct link *lo = lo_link(c->ifs);
	char path[4096];

	if (lo == NULL) {
		ec_warnx("loopback: no loopback interface");
		return ESA_EXIT_ERR;
	}
	if (state_path(path, sizeof(path)) < 0) {
		ec_warn("loopback: naming the state file");
		return ESA_EXIT_ERR;
	}
	if (c->o->action == ACT_LIST)
		return loopback_show(c, path, lo->index);
	if (!priv_effective(CAP_NET_ADMIN))
		return ec_need_net_admin("loopback");
	if (c->o->action == ACT_LOOPBACK_ENABLE)
		return loopback_enable(c, path, lo->index);
	return loopback_disable(c, path, lo->index);
}
