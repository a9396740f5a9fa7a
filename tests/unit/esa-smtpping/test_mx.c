/* SPDX-License-Identifier: BSD-2-Clause */
/* test_mx.c - the MX answer parser on DNS answers built here by RFC 1035's layout. */
#include <string.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-smtpping/smtpping.h"

/* A DNS answer being built: header, the question example.com MX IN, then records. */
struct msg {
	unsigned char b[4096];
	size_t n;
};

static void
put(struct msg *m, const void *p, size_t n)
{
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void
put16(struct msg *m, unsigned int v)
{
	unsigned char b[2] = { v >> 8, v & 0xff };

	put(m, b, 2);
}

/* Header with ANCOUNT answers, and the question (its name at offset 12). */
static void
start(struct msg *m, unsigned int ancount)
{
	static const unsigned char hdr[] = { 0x12, 0x34, 0x81, 0x80, 0, 1 };

	m->n = 0;
	put(m, hdr, sizeof(hdr));
	put16(m, ancount);
	put16(m, 0);
	put16(m, 0);
	put(m, "\7example\3com\0", 13);
	put16(m, 15);	/* MX */
	put16(m, 1);	/* IN */
}

/* An answer record for the question's name (pointer 0xc00c): TYPE, RDATA. */
static void
record(struct msg *m, unsigned int type, const void *rdata, size_t rdlen)
{
	static const unsigned char ttl[] = { 0, 0, 0x0e, 0x10 };

	put16(m, 0xc00c);
	put16(m, type);
	put16(m, 1);
	put(m, ttl, 4);
	put16(m, (unsigned int)rdlen);
	put(m, rdata, rdlen);
}

static int
parse(const struct msg *m, struct mx_list *l, const char **why)
{
	unsigned char *p = exact_copy(m->b, m->n);
	int rc = mx_parse(p, m->n, l, why);

	free(p);
	return rc;
}

START_TEST(test_sorted)
{
	/* 20 mail.example.com (the domain by pointer), 10 mx1.example.com, 20 b.example.com */
	static const unsigned char r1[] = { 0, 20, 4, 'm', 'a', 'i', 'l', 0xc0, 0x0c };
	static const unsigned char r2[] = { 0, 10, 3, 'm', 'x', '1', 0xc0, 0x0c };
	static const unsigned char r3[] = { 0, 20, 1, 'b', 0xc0, 0x0c };
	static const unsigned char a[] = { 192, 0, 2, 1 };
	struct mx_list l;
	struct msg m;
	const char *why = NULL;

	start(&m, 4);
	record(&m, 15, r1, sizeof(r1));
	record(&m, 1, a, sizeof(a));	/* an A record in the answer: skipped */
	record(&m, 15, r2, sizeof(r2));
	record(&m, 15, r3, sizeof(r3));
	ck_assert_int_eq(parse(&m, &l, &why), 0);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_uint_eq(l.mx[0].pref, 10);
	ck_assert_str_eq(l.mx[0].name, "mx1.example.com");
	/* equal preferences keep the answer's order */
	ck_assert_str_eq(l.mx[1].name, "mail.example.com");
	ck_assert_str_eq(l.mx[2].name, "b.example.com");
	ck_assert(!l.null_mx);
}
END_TEST

START_TEST(test_null_mx)
{
	static const unsigned char r[] = { 0, 0, 0 };
	struct mx_list l;
	struct msg m;
	const char *why;

	start(&m, 1);
	record(&m, 15, r, sizeof(r));
	ck_assert_int_eq(parse(&m, &l, &why), 0);
	ck_assert(l.null_mx);
}
END_TEST

START_TEST(test_none)
{
	struct mx_list l;
	struct msg m;
	const char *why;

	start(&m, 0);
	ck_assert_int_eq(parse(&m, &l, &why), 0);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

START_TEST(test_malformed)
{
	static const unsigned char loop[] = { 0, 10, 0xc0, 0x2b };	/* points at itself (offset 43) */
	static const unsigned char shortrd[] = { 0, 10 };
	static const unsigned char past[] = { 0, 10, 5, 'a' };	/* label past rdata */
	struct mx_list l;
	struct msg m;
	const char *why;

	start(&m, 1);
	record(&m, 15, loop, sizeof(loop));
	ck_assert_int_eq(parse(&m, &l, &why), -1);
	start(&m, 1);
	record(&m, 15, shortrd, sizeof(shortrd));
	ck_assert_int_eq(parse(&m, &l, &why), -1);
	start(&m, 1);
	record(&m, 15, past, sizeof(past));
	ck_assert_int_eq(parse(&m, &l, &why), -1);
	/* ANCOUNT larger than what follows; a message cut inside the header */
	start(&m, 2);
	record(&m, 15, shortrd, sizeof(shortrd));
	ck_assert_int_eq(parse(&m, &l, &why), -1);
	m.n = 5;
	ck_assert_int_eq(parse(&m, &l, &why), -1);
	ck_assert_str_eq(why, "malformed DNS answer");
}
END_TEST

START_TEST(test_many)
{
	static const unsigned char r[] = { 0, 7, 1, 'x', 0xc0, 0x0c };
	struct mx_list l;
	struct msg m;
	const char *why;

	start(&m, 100);
	for (int i = 0; i < 100; i++)
		record(&m, 15, r, sizeof(r));
	/* 100 records: the first MX_MAX are kept */
	ck_assert_int_eq(parse(&m, &l, &why), 0);
	ck_assert_uint_eq(l.n, MX_MAX);
	ck_assert_str_eq(l.mx[MX_MAX - 1].name, "x.example.com");
}
END_TEST

Suite *
suite_smtp_mx(void)
{
	Suite *s = suite_create("smtp_mx");
	TCase *tc = tcase_create("smtp_mx");

	tcase_add_test(tc, test_sorted);
	tcase_add_test(tc, test_null_mx);
	tcase_add_test(tc, test_none);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_many);
	suite_add_tcase(s, tc);
	return s;
}
