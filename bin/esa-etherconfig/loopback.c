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

#include <linux/if_addr.h>
#include <net/if_arp.h>
#include <linux/rtnetlink.h>

#include "esa.h"
#include "etherconfig.h"
#include "parse.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

#define STATE_DIR "/run/esa-tools"
#define SYSCTL_IGNORE "/proc/sys/net/ipv4/conf/all/arp_ignore"
#define SYSCTL_ANNOUNCE "/proc/sys/net/ipv4/conf/all/arp_announce"
/*
 * The kernel stores any int in these two sysctls (proc_dointvec, no range), so the
 * state file takes every value sysctl_get() reads, not only the documented 0-8 and
 * 0-2: what enable saved, disable must be able to read back and restore.
 */
#define SYSCTL_MAX INT32_MAX

/* ---- the state file's text (pure) ------------------------------------------------ */

/* One "KEY VALUE" line of the state file into S; SEEN collects the keys read. */
static int
state_line(const char *line, struct lo_state *s, unsigned int *seen)
{
	char addr[128], *slash;
	const char *why;
	int64_t v;

	if (strncmp(line, "address ", 8) == 0) {
		snprintf(addr, sizeof(addr), "%s", line + 8);
		if ((slash = strchr(addr, '/')) == NULL)
			return -1;
		*slash = '\0';
		if (addr_parse(addr, AF_UNSPEC, ADDR_NUMERIC, &s->addr, &why) < 0 ||
		    s->addr.scope != NULL ||
		    parse_int(slash + 1, 0, 128, &v, &why) < 0 ||
		    v != (s->addr.family == AF_INET ? 32 : 128))
			return -1;
		s->prefix_len = (unsigned int)v;
		*seen |= 1;
	} else if (strncmp(line, "arp_ignore ", 11) == 0) {
		if (parse_int(line + 11, 0, SYSCTL_MAX, &v, &why) < 0)
			return -1;
		s->arp_ignore = (int)v;
		*seen |= 2;
	} else if (strncmp(line, "arp_announce ", 13) == 0) {
		if (parse_int(line + 13, 0, SYSCTL_MAX, &v, &why) < 0)
			return -1;
		s->arp_announce = (int)v;
		*seen |= 4;
	} else {
		return -1;
	}
	return 0;
}

int
loopback_state_parse(const char *buf, size_t len, struct lo_state *s)
{
	unsigned int seen = 0;
	char line[128];
	size_t i = 0;

	memset(s, 0, sizeof(*s));
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = (nl != NULL ? (size_t)(nl - buf) : len) - i;

		/* every line ends in '\n' and is short; a NUL inside is no text of ours */
		if (nl == NULL || n >= sizeof(line) || memchr(buf + i, '\0', n) != NULL)
			goto bad;
		memcpy(line, buf + i, n);
		line[n] = '\0';
		i += n + 1;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (state_line(line, s, &seen) < 0)
			goto bad;
	}
	if (seen == 7)
		return 0;
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

/* Reads the state file: 1 with S, 0 when there is none, -1 with errno. */
static int
state_read(const char *path, struct lo_state *s)
{
	char buf[512];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return -1;
	if ((size_t)n == sizeof(buf) || loopback_state_parse(buf, (size_t)n, s) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 1;
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

	if (r < 0) {
		ec_warn("loopback: %s", path);
		return ESA_EXIT_ERR;
	}
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
		if (r < 0) {
			ec_warn("loopback: %s", path);
			return ESA_EXIT_ERR;
		}
		char a[ADDR_IP_MAX];

		ec_warnx("loopback: already enabled with %s (disable it first)",
		    addr_ip(a, sizeof(a), old.addr.family, old.addr.u.bytes, NULL));
		return ESA_EXIT_NO;
	}
	/* a negative value (the kernel takes one) is refused here: it could not be saved */
	if ((s.arp_ignore = sysctl_get(SYSCTL_IGNORE)) < 0) {
		ec_warn("loopback: reading %s", SYSCTL_IGNORE);
		return ESA_EXIT_ERR;
	}
	if ((s.arp_announce = sysctl_get(SYSCTL_ANNOUNCE)) < 0) {
		ec_warn("loopback: reading %s", SYSCTL_ANNOUNCE);
		return ESA_EXIT_ERR;
	}
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

	if (r <= 0) {
		if (r < 0)
			ec_warn("loopback: %s", path);
		else
			ec_warnx("loopback: not enabled");
		return r < 0 ? ESA_EXIT_ERR : ESA_EXIT_NO;
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
	if (!ec_has_net_admin())
		return ec_need_net_admin("loopback");
	if (c->o->action == ACT_LOOPBACK_ENABLE)
		return loopback_enable(c, path, lo->index);
	return loopback_disable(c, path, lo->index);
}
