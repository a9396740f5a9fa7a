/* SPDX-License-Identifier: BSD-2-Clause */
/* test_print.c - the tcpservices legend, table and JSON rows, from rows built here. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../../../bin/esa-tcpservices/tcpservices.h"
#include "esa.h"
#include "addr.h"
#include "text.h"
#include "../check_esa.h"
#include "suites.h"

/*
 * Expected texts are formats.md's layout worked out by hand: legend lines "  " +
 * name left 12 + " - " + description; the table COMMAND 12 (cut at 9), USER 12,
 * TYPE 4, NODE 6, NAME, one space apart.
 */
#define HEADER "COMMAND      USER         TYPE NODE   NAME\n"

static struct sockdiag_sock
sk(int family, int protocol, const char *addr, uint16_t port, uint32_t inode)
{
	struct sockdiag_sock s = { .family = family, .protocol = protocol, .sport = port,
	    .inode = inode, .state = protocol == IPPROTO_TCP ? SOCK_LISTEN : SOCK_CLOSE };

	ck_assert_int_eq(inet_pton(family, addr, s.src), 1);
	return s;
}

static struct row
rw(const char *comm, pid_t pid, uint32_t uid, const struct sockdiag_sock *s)
{
	struct row r = { .pid = pid, .uid = uid, .s = s };

	snprintf(r.comm, sizeof(r.comm), "%s", comm);
	return r;
}

static char *
render(const struct report *rp, bool json)
{
	struct memout m;

	memout_open(&m);
	if (json)
		report_json(m.f, rp);
	else
		report_text(m.f, rp);
	return memout_close(&m);
}

START_TEST(test_table)
{
	struct sockdiag_sock s[] = {
		sk(AF_INET, IPPROTO_TCP, "127.0.0.1", 5432, 1),
		sk(AF_INET, IPPROTO_TCP, "10.0.202.7", 6080, 2),
		sk(AF_INET6, IPPROTO_TCP, "::127.0.0.1", 18081, 3),
		sk(AF_INET, IPPROTO_TCP, "0.0.0.0", 4431, 4),
		sk(AF_INET6, IPPROTO_TCP, "::", 22, 5),
		sk(AF_INET6, IPPROTO_UDP, "2001:db8::1", 53, 6),
	};
	struct row rows[] = {
		rw("postgres", 10, 70, &s[0]),
		rw("api_server", 11, 0, &s[1]),
		rw("java", 12, 0, &s[2]),
		rw("nginx", 13, 0, &s[3]),
		rw("nginx", 14, 65534, &s[3]),
		rw("sshd", 15, 0, &s[4]),
		rw("named", 16, 123456, &s[5]),
	};
	const char *users[] = { "pgsql", "root", "root", "root", "nobody", "root", NULL };
	struct report rp = { .rows = rows, .n = ESA_NELEM(rows), .users = users,
	    .addr_flags = ADDR_NUMERIC };
	char *got = render(&rp, false);

	ck_assert_str_eq(got, HEADER
	    "postgres     pgsql        IPv4 TCP    127.0.0.1:5432\n"
	    "api_serve    root         IPv4 TCP    10.0.202.7:6080\n"
	    "java         root         IPv6 TCP    [::127.0.0.1]:18081\n"
	    "nginx        root         IPv4 TCP    *:4431\n"
	    "nginx        nobody       IPv4 TCP    *:4431\n"
	    "sshd         root         IPv6 TCP    *:22\n"
	    "named        123456       IPv6 UDP    [2001:db8::1]:53\n");
	free(got);
	/* nothing listens: the header alone */
	rp.n = 0;
	got = render(&rp, false);
	ck_assert_str_eq(got, HEADER);
	free(got);
}
END_TEST

START_TEST(test_commands)
{
	char buf[TEXT_SAFE_SIZE(PROCS_COMM_MAX)];

	ck_assert_str_eq(rows_command(buf, sizeof(buf), "api_server"), "api_serve");
	ck_assert_str_eq(rows_command(buf, sizeof(buf), "interface"), "interface");
	ck_assert_str_eq(rows_command(buf, sizeof(buf), "ftpd.main"), "ftpd.main");
	ck_assert_str_eq(rows_command(buf, sizeof(buf), "systemd-resolve"), "systemd-r");
	ck_assert_str_eq(rows_command(buf, sizeof(buf), ""), "");
	/* nine characters, not bytes: é is two bytes */
	ck_assert_str_eq(rows_command(buf, sizeof(buf), "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	ck_assert_str_eq(rows_command(buf, sizeof(buf), "abcdefgh\xc3\xa9xyz"), "abcdefgh\xc3\xa9");
	/* control bytes are cut as one character each, then escaped */
	ck_assert_str_eq(rows_command(buf, sizeof(buf), "a\nb\033[2Jcdefgh"), "a\\012b\\033[2Jcd");
	ck_assert_str_eq(rows_command(buf, sizeof(buf), "bad\xff\xfe"), "bad\\377\\376");
}
END_TEST

START_TEST(test_legend)
{
	struct legend l = { 0 };
	struct sockdiag_sock s = sk(AF_INET, IPPROTO_TCP, "192.0.2.7", 25, 1);
	struct row rows[] = {
		rw("sshd", 1, 0, &s), rw("hermes", 2, 0, &s), rw("sshd", 3, 0, &s),
		rw("unknown", 4, 0, &s), rw("systemd-resolve", 5, 0, &s), rw("euq_webui", 6, 0, &s),
	};
	const char *users[] = { "root", "root", "root", "root", "root", "root" };
	struct report rp = { .rows = rows, .n = ESA_NELEM(rows), .users = users,
	    .legend = &l, .addr_flags = ADDR_NUMERIC };
	static const char file[] =
	    "[system]\nsshd The SSH daemon\nsystemd-resolved The resolver\nntpd Not running\n"
	    "[feature]\nhermes MGA mail server\neuq_webui GUI for ISQ\nbell Rings \\ here\n";
	char *got;

	ck_assert_uint_eq(legend_parse(&l, file, sizeof(file) - 1, NULL, NULL), 0);
	rows_sort(rows, ESA_NELEM(rows));
	got = render(&rp, false);
	ck_assert_str_eq(got,
	    "System Processes (Note: All processes may not always be present)\n"
	    "\n"
	    "  sshd         - The SSH daemon\n"
	    "  systemd-resolved - The resolver\n"
	    "\n"
	    "Feature Processes\n"
	    "\n"
	    "  euq_webui    - GUI for ISQ\n"
	    "  hermes       - MGA mail server\n"
	    "\n" HEADER
	    "sshd         root         IPv4 TCP    192.0.2.7:25\n"
	    "hermes       root         IPv4 TCP    192.0.2.7:25\n"
	    "sshd         root         IPv4 TCP    192.0.2.7:25\n"
	    "unknown      root         IPv4 TCP    192.0.2.7:25\n"
	    "systemd-r    root         IPv4 TCP    192.0.2.7:25\n"
	    "euq_webui    root         IPv4 TCP    192.0.2.7:25\n");
	free(got);
	/* no feature process found: that section is left out */
	rp.n = 1;
	got = render(&rp, false);
	ck_assert_str_eq(got,
	    "System Processes (Note: All processes may not always be present)\n"
	    "\n"
	    "  sshd         - The SSH daemon\n"
	    "\n" HEADER
	    "sshd         root         IPv4 TCP    192.0.2.7:25\n");
	free(got);
	legend_free(&l);
}
END_TEST

START_TEST(test_sort)
{
	struct sockdiag_sock s[] = {
		sk(AF_INET6, IPPROTO_TCP, "::", 22, 1),
		sk(AF_INET, IPPROTO_TCP, "0.0.0.0", 22, 2),
		sk(AF_INET, IPPROTO_UDP, "0.0.0.0", 53, 3),
		sk(AF_INET, IPPROTO_TCP, "0.0.0.0", 21, 4),
	};
	struct row rows[] = {
		rw("b", 9, 0, &s[0]), rw("b", 9, 0, &s[2]), rw("b", 9, 0, &s[1]),
		rw("?", 0, 0, &s[3]), rw("b", 3, 0, &s[0]), rw("a", 50, 0, &s[0]),
		rw("?", 0, 0, &s[1]),
	};

	/* pid 9 holds its sockets on descriptors 7, 4 and 5 */
	rows[0].fd = 7;
	rows[1].fd = 4;
	rows[2].fd = 5;
	rows[3].fd = rows[6].fd = -1;
	rows_sort(rows, ESA_NELEM(rows));
	/* as lsof lists them, the seed's order: by pid, not by command */
	ck_assert_int_eq(rows[0].pid, 3);
	/* pid 9: by descriptor */
	ck_assert_uint_eq(rows[1].s->inode, 3);
	ck_assert_uint_eq(rows[2].s->inode, 2);
	ck_assert_uint_eq(rows[3].s->inode, 1);
	ck_assert_int_eq(rows[4].pid, 50);
	/* no process last (FreeBSD's sockstat "?"), by protocol, family, port */
	ck_assert_uint_eq(rows[5].s->inode, 4);
	ck_assert_uint_eq(rows[6].s->inode, 2);
}
END_TEST

START_TEST(test_json)
{
	struct legend l = { 0 };
	struct sockdiag_sock s[] = {
		sk(AF_INET, IPPROTO_TCP, "127.0.0.1", 5432, 41),
		sk(AF_INET6, IPPROTO_UDP, "::", 53, 42),
	};
	struct row rows[] = { rw("postgres", 10, 70, &s[0]), rw("we\"ird\n", 11, 99, &s[1]) };
	const char *users[] = { "pgsql", NULL };
	struct report rp = { .rows = rows, .n = 2, .users = users, .legend = &l,
	    .addr_flags = ADDR_NUMERIC };
	static const char file[] = "[feature]\npostgres Quarantine \"data\"\n";
	char *got;

	s[1].v6only = true;
	legend_parse(&l, file, sizeof(file) - 1, NULL, NULL);
	got = render(&rp, true);
	ck_assert_str_eq(got, "["
	    "{\"command\":\"postgres\",\"pid\":10,\"user\":\"pgsql\",\"uid\":70,"
	    "\"family\":\"inet\",\"protocol\":\"tcp\",\"address\":\"127.0.0.1\",\"port\":5432,"
	    "\"inode\":41,\"category\":\"feature\",\"description\":\"Quarantine \\\"data\\\"\"},"
	    "{\"command\":\"we\\\"ird\\n\",\"pid\":11,\"user\":\"99\",\"uid\":99,"
	    "\"family\":\"inet6\",\"protocol\":\"udp\",\"address\":\"::\",\"port\":53,"
	    "\"v6only\":true,\"inode\":42}"
	    "]\n");
	free(got);
	rp.n = 0;
	got = render(&rp, true);
	ck_assert_str_eq(got, "[]\n");
	free(got);
	legend_free(&l);
}
END_TEST

Suite *
suite_report(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_commands);
	tcase_add_test(tc, test_legend);
	tcase_add_test(tc, test_sort);
	tcase_add_test(tc, test_json);
	suite_add_tcase(s, tc);
	return s;
}
