/* SPDX-License-Identifier: BSD-2-Clause */
/* test_answer.c - esa-cli's answers: defaults on Enter, bad answers and why, splitting. */
#include "../../../bin/esa-cli/cli.h"
#include "../check_esa.h"
#include "suites.h"

START_TEST(test_trim)
{
	char a[] = "  netstat \t\r\n", b[] = "", c[] = " \n";

	ck_assert_str_eq(answer_trim(a), "netstat");
	ck_assert_str_eq(answer_trim(b), "");
	ck_assert_str_eq(answer_trim(c), "");
}
END_TEST

START_TEST(test_yesno)
{
	const char *why = NULL;

	ck_assert_int_eq(answer_yesno("", 0, &why), 0);
	ck_assert_int_eq(answer_yesno("", 1, &why), 1);
	ck_assert_int_eq(answer_yesno("y", 0, &why), 1);
	ck_assert_int_eq(answer_yesno("YES", 0, &why), 1);
	ck_assert_int_eq(answer_yesno("n", 1, &why), 0);
	ck_assert_int_eq(answer_yesno("No", 1, &why), 0);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(answer_yesno("yep", 0, &why), -1);
	ck_assert_str_eq(why, "Please answer Y or N.");
	why = NULL;
	ck_assert_int_eq(answer_yesno("1", 0, &why), -1);
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(test_number)
{
	char buf[64];
	const char *why = NULL;

	ck_assert_int_eq(answer_number("", 1, 5, 1, buf, sizeof(buf), &why), 1);
	ck_assert_int_eq(answer_number("5", 1, 5, 1, buf, sizeof(buf), &why), 5);
	ck_assert_int_eq(answer_number("3", 1, 5, 1, buf, sizeof(buf), &why), 3);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(answer_number("0", 1, 5, 1, buf, sizeof(buf), &why), -1);
	ck_assert_str_eq(why, "Please enter a number from 1 to 5.");
	ck_assert_int_eq(answer_number("6", 1, 5, 1, buf, sizeof(buf), &why), -1);
	ck_assert_int_eq(answer_number("-1", 1, 5, 1, buf, sizeof(buf), &why), -1);
	ck_assert_int_eq(answer_number("1x", 1, 5, 1, buf, sizeof(buf), &why), -1);
	ck_assert_int_eq(answer_number("+2", 1, 5, 1, buf, sizeof(buf), &why), -1);
	ck_assert_int_eq(answer_number("99999999999999999999999", 1, 5, 1, buf, sizeof(buf),
	    &why), -1);
	/* no default: Enter is a bad answer */
	ck_assert_int_eq(answer_number("", 1, 5, 0, buf, sizeof(buf), &why), -1);
}
END_TEST

START_TEST(test_choice)
{
	char *names[] = { "Auto", "lo", "Data 1" };
	char buf[64];
	const char *why = NULL;

	ck_assert_int_eq(answer_choice("", names, 3, 0, buf, sizeof(buf), &why), 0);
	ck_assert_int_eq(answer_choice("2", names, 3, 0, buf, sizeof(buf), &why), 1);
	ck_assert_int_eq(answer_choice("Data 1", names, 3, 0, buf, sizeof(buf), &why), 2);
	ck_assert_int_eq(answer_choice("lo", names, 3, 0, buf, sizeof(buf), &why), 1);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(answer_choice("4", names, 3, 0, buf, sizeof(buf), &why), -1);
	ck_assert_str_eq(why, "Please enter a number from 1 to 3, or a name.");
	ck_assert_int_eq(answer_choice("0", names, 3, 0, buf, sizeof(buf), &why), -1);
	ck_assert_int_eq(answer_choice("LO", names, 3, 0, buf, sizeof(buf), &why), -1);
	ck_assert_int_eq(answer_choice("", names, 3, -1, buf, sizeof(buf), &why), -1);
	ck_assert_int_eq(answer_choice("1", names, 0, -1, buf, sizeof(buf), &why), -1);
	ck_assert_str_eq(why, "There is nothing to choose from.");
}
END_TEST

START_TEST(test_host)
{
	const char *why = NULL;

	ck_assert_int_eq(answer_host("192.0.2.1", &why), 0);
	ck_assert_int_eq(answer_host("2001:db8::1", &why), 0);
	ck_assert_int_eq(answer_host("fe80::1%eth0", &why), 0);
	ck_assert_int_eq(answer_host("mail.example.com", &why), 0);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(answer_host("", &why), -1);
	ck_assert_str_eq(why, "Please enter a host name or address.");
	ck_assert_int_eq(answer_host("-c", &why), -1);
	ck_assert_str_eq(why, "This is not a host name or address.");
	ck_assert_int_eq(answer_host("a b", &why), -1);
	ck_assert_int_eq(answer_host("x\033[31m", &why), -1);
	ck_assert_int_eq(answer_host("a;reboot", &why), -1);
	ck_assert_int_eq(answer_host("a/b", &why), -1);
}
END_TEST

START_TEST(test_host_length)
{
	char name[300];
	const char *why = NULL;

	memset(name, 'a', sizeof(name));
	name[253] = '\0';
	ck_assert_int_eq(answer_host(name, &why), 0);
	name[253] = 'a';
	name[254] = '\0';
	ck_assert_int_eq(answer_host(name, &why), -1);
}
END_TEST

START_TEST(test_op)
{
	static const struct op ops[] = {
		{ "ARPSHOW", "Show system ARP cache." },
		{ "SMTPPING", "Test a remote SMTP server." },
	};
	const char *why = NULL;

	ck_assert_int_eq(answer_op("ARPSHOW", ops, 2, &why), 0);
	ck_assert_int_eq(answer_op("smtpping", ops, 2, &why), 1);
	ck_assert_int_eq(answer_op("SmtpPing", ops, 2, &why), 1);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(answer_op("", ops, 2, &why), ANSWER_EMPTY);
	ck_assert_int_eq(answer_op("smtp", ops, 2, &why), -1);
	ck_assert_str_eq(why, "Please choose one of the operations listed.");
	ck_assert_int_eq(answer_op("1", ops, 2, &why), -1);
	ck_assert_int_eq(answer_op("arpshow ", ops, 2, &why), -1);
}
END_TEST

START_TEST(test_split)
{
	char line[] = "  ping \t 192.0.2.1  ", many[] = "a b c d";
	char *argv[3];

	ck_assert_int_eq(answer_split(line, argv, 3), 2);
	ck_assert_str_eq(argv[0], "ping");
	ck_assert_str_eq(argv[1], "192.0.2.1");
	ck_assert_int_eq(answer_split(many, argv, 3), -1);
	line[0] = '\0';
	ck_assert_int_eq(answer_split(line, argv, 3), 0);
}
END_TEST

Suite *
suite_cli_answer(void)
{
	Suite *s = suite_create("cli_answer");
	TCase *tc = tcase_create("cli_answer");

	tcase_add_test(tc, test_trim);
	tcase_add_test(tc, test_yesno);
	tcase_add_test(tc, test_number);
	tcase_add_test(tc, test_choice);
	tcase_add_test(tc, test_host);
	tcase_add_test(tc, test_host_length);
	tcase_add_test(tc, test_op);
	tcase_add_test(tc, test_split);
	suite_add_tcase(s, tc);
	return s;
}
