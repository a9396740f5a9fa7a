/* SPDX-License-Identifier: BSD-2-Clause */
/* test_traffic.c - interval deltas, totals, counter resets, banners and the row printers. */
#include <string.h>

#include "../../../bin/esa-netstat/traffic.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

static struct link
mklink(unsigned int index, uint64_t base)
{
	struct link l = { .index = index, .has_stats = true };

	l.stats.rx_packets = base + 1;
	l.stats.rx_errors = base + 2;
	l.stats.rx_dropped = base + 3;
	l.stats.rx_bytes = base + 4;
	l.stats.tx_packets = base + 5;
	l.stats.tx_errors = base + 6;
	l.stats.tx_bytes = base + 7;
	l.stats.collisions = base + 8;
	l.stats.tx_dropped = base + 9;
	return l;
}

static void
assert_all(const struct tcount *d, uint64_t v)
{
	const uint64_t got[] = {
		d->ipackets, d->ierrs, d->idrops, d->ibytes, d->opackets, d->oerrs,
		d->obytes, d->colls, d->odrops,
	};

	for (size_t i = 0; i < ESA_NELEM(got); i++)
		ck_assert_msg(got[i] == v, "counter %zu: %ju, expected %ju", i,
		    (uintmax_t)got[i], (uintmax_t)v);
}

START_TEST(test_delta)
{
	struct link a = mklink(2, 100), b = mklink(2, 150);
	struct tcount p, c, d;

	traffic_counts(&a, &p);
	traffic_counts(&b, &c);
	traffic_delta(&p, &c, &d);
	assert_all(&d, 50);
	/* backwards (re-created, reset): the new values, not a wrapped number */
	traffic_delta(&c, &p, &d);
	ck_assert_uint_eq(d.ipackets, 101);
	ck_assert_uint_eq(d.odrops, 109);
	/* 64-bit counters near the top */
	a.stats.rx_bytes = UINT64_MAX - 10;
	b.stats.rx_bytes = UINT64_MAX;
	traffic_counts(&a, &p);
	traffic_counts(&b, &c);
	traffic_delta(&p, &c, &d);
	ck_assert_uint_eq(d.ibytes, 10);
}
END_TEST

START_TEST(test_interval)
{
	struct link before[] = { mklink(1, 0), mklink(2, 100), mklink(5, 1000) };
	struct link after[] = { mklink(1, 10), mklink(2, 130), mklink(7, 0) };
	struct link_table p = { before, 3, 3 }, c = { after, 3, 3 };
	struct tcount d;

	/* one interface */
	ck_assert_int_eq(traffic_interval(&p, &c, 2, &d), 0);
	assert_all(&d, 30);
	/* the total: lo and 2 change by 10 and 30; 5 left (nothing); 7 is new (all) */
	ck_assert_int_eq(traffic_interval(&p, &c, 0, &d), 0);
	ck_assert_uint_eq(d.ipackets, 10 + 30 + 1);
	ck_assert_uint_eq(d.odrops, 10 + 30 + 9);
	/* an interface that disappeared */
	ck_assert_int_eq(traffic_interval(&p, &c, 5, &d), -1);
	/* empty tables */
	p.n = c.n = 0;
	ck_assert_int_eq(traffic_interval(&p, &c, 0, &d), 0);
	assert_all(&d, 0);
}
END_TEST

START_TEST(test_banner_due)
{
	ck_assert(!traffic_banner_due(0));	/* tprint_open() printed it */
	for (uint64_t r = 1; r < 21; r++)
		ck_assert(!traffic_banner_due(r));
	ck_assert(traffic_banner_due(21));
	ck_assert(!traffic_banner_due(22));
	ck_assert(traffic_banner_due(42));
}
END_TEST

#define BANNER_TOTAL \
	"            input        (Total)           output\n" \
	"   packets  errs idrops      bytes    packets  errs      bytes colls\n"
#define SEED_ROW \
	"        49     0     0       8116         55     0       7496     0"

/* The seed's sample (formats.md), with and without -d. */
START_TEST(test_print_text)
{
	struct tcount d = { .ipackets = 49, .ibytes = 8116, .opackets = 55, .obytes = 7496 };
	struct memout m;
	struct tprinter p;
	char *got;

	memout_open(&m);
	tprint_open(&p, m.f, false, true, "Data 1", "nic1");
	tprint_row(&p, &d, 1000, 0);
	got = memout_close(&m);
	ck_assert_str_eq(got,
	    /* the seed's banner, FreeBSD 11's "%17s %14s %16s": the kernel name */
	    "            input           nic1           output\n"
	    "   packets  errs idrops      bytes    packets  errs      bytes colls drops\n"
	    SEED_ROW "     0\n");
	free(got);
	/* a name wider than its 14 columns pushes "output", never runs into "input" */
	memout_open(&m);
	tprint_open(&p, m.f, false, false, "Data 1", "a-long-ifname15");
	got = memout_close(&m);
	ck_assert_str_eq(got, "            input a-long-ifname15           output\n"
	    "   packets  errs idrops      bytes    packets  errs      bytes colls\n");
	free(got);
	/* the banner again before the 22nd row, and the numbers that push */
	memout_open(&m);
	tprint_open(&p, m.f, false, false, NULL, NULL);
	for (int i = 0; i < 21; i++)
		tprint_row(&p, &d, 1000, 0);
	d.ibytes = 12345678901ULL;
	tprint_row(&p, &d, 1000, 0);
	got = memout_close(&m);
	{
		char want[4096] = BANNER_TOTAL;

		for (int i = 0; i < 21; i++)
			strcat(want, SEED_ROW "\n");
		strcat(want, BANNER_TOTAL
		    "        49     0     0 12345678901         55     0       7496     0\n");
		ck_assert_str_eq(got, want);
	}
	free(got);
}
END_TEST

START_TEST(test_print_json)
{
	struct tcount d = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	struct memout m;
	struct tprinter p;
	char *got;

	memout_open(&m);
	tprint_open(&p, m.f, true, false, "Data \"1\"", "eth0");
	tprint_row(&p, &d, 2000, 1700000000);
	tprint_row(&p, &d, 2000, 1700000002);
	got = memout_close(&m);
	ck_assert_str_eq(got,
	    "{\"type\":\"sample\",\"sampled_at\":\"2023-11-14T22:13:20Z\",\"interval_s\":2,"
	    "\"interface\":\"eth0\",\"alias\":\"Data \\\"1\\\"\","
	    "\"rx_packets\":1,\"rx_errors\":2,\"rx_dropped\":3,\"rx_bytes\":4,"
	    "\"tx_packets\":5,\"tx_errors\":6,\"tx_bytes\":7,\"collisions\":8,"
	    "\"tx_dropped\":9}\n"
	    "{\"type\":\"sample\",\"sampled_at\":\"2023-11-14T22:13:22Z\",\"interval_s\":2,"
	    "\"interface\":\"eth0\",\"alias\":\"Data \\\"1\\\"\","
	    "\"rx_packets\":1,\"rx_errors\":2,\"rx_dropped\":3,\"rx_bytes\":4,"
	    "\"tx_packets\":5,\"tx_errors\":6,\"tx_bytes\":7,\"collisions\":8,"
	    "\"tx_dropped\":9}\n");
	free(got);
	/* the total: no interface; an interface without an alias: no alias */
	memout_open(&m);
	tprint_open(&p, m.f, true, false, NULL, NULL);
	tprint_row(&p, &d, 1000, 0);
	tprint_open(&p, m.f, true, false, NULL, "eth1");
	tprint_row(&p, &d, 1000, 951782400);
	got = memout_close(&m);
	ck_assert_str_eq(got,
	    "{\"type\":\"sample\",\"sampled_at\":\"1970-01-01T00:00:00Z\",\"interval_s\":1,"
	    "\"rx_packets\":1,\"rx_errors\":2,\"rx_dropped\":3,\"rx_bytes\":4,"
	    "\"tx_packets\":5,\"tx_errors\":6,\"tx_bytes\":7,\"collisions\":8,"
	    "\"tx_dropped\":9}\n"
	    "{\"type\":\"sample\",\"sampled_at\":\"2000-02-29T00:00:00Z\",\"interval_s\":1,"
	    "\"interface\":\"eth1\",\"rx_packets\":1,\"rx_errors\":2,\"rx_dropped\":3,\"rx_bytes\":4,"
	    "\"tx_packets\":5,\"tx_errors\":6,\"tx_bytes\":7,\"collisions\":8,"
	    "\"tx_dropped\":9}\n");
	free(got);
}
END_TEST

Suite *
suite_traffic(void)
{
	Suite *s = suite_create("traffic");
	TCase *tc = tcase_create("traffic");

	tcase_add_test(tc, test_delta);
	tcase_add_test(tc, test_interval);
	tcase_add_test(tc, test_banner_due);
	tcase_add_test(tc, test_print_text);
	tcase_add_test(tc, test_print_json);
	suite_add_tcase(s, tc);
	return s;
}
