/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_json.c - libFuzzer harness for lib/json.c: any bytes make a valid JSON string. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Checks the JSON string at *pp (RFC 8259 section 7: only the legal escapes, no raw
 * control characters, valid UTF-8) and decodes it into dec (as long as the input at
 * least, so \uXXXX below U+0080 fits); advances *pp past it; returns the length.
 */
static size_t
json_string(const unsigned char **pp, const unsigned char *end, unsigned char *dec)
{
	const unsigned char *p = *pp;
	size_t n = 0, len;
	int h[4];

	CHECK(p < end && *p++ == '"');
	for (;;) {
		CHECK(p < end);
		if (*p == '"')
			break;
		CHECK(*p >= 0x20);
		if (*p != '\\') {
			CHECK((len = oracle_utf8_char(p, (size_t)(end - p))) != 0);
			memcpy(dec + n, p, len);
			n += len;
			p += len;
			continue;
		}
		CHECK(++p < end);
		switch (*p) {
		case '"': case '\\': case '/': dec[n++] = *p; break;
		case 'b': dec[n++] = '\b'; break;
		case 'f': dec[n++] = '\f'; break;
		case 'n': dec[n++] = '\n'; break;
		case 'r': dec[n++] = '\r'; break;
		case 't': dec[n++] = '\t'; break;
		case 'u':
			CHECK(end - p > 4);
			for (int i = 0; i < 4; i++)
				CHECK((h[i] = hexval(p[1 + i])) >= 0);
			/* The writer escapes only control characters and DEL this way. */
			CHECK(h[0] == 0 && h[1] == 0 && (h[2] << 4 | h[3]) <= 0x7f);
			dec[n++] = (unsigned char)(h[2] << 4 | h[3]);
			p += 4;
			break;
		default:
			CHECK(!"illegal escape");
		}
		p++;
	}
	*pp = p + 1;
	return n;
}

static void
expect(const unsigned char **pp, const unsigned char *end, const char *text)
{
	size_t n = strlen(text);

	CHECK((size_t)(end - *pp) >= n && memcmp(*pp, text, n) == 0);
	*pp += n;
}

/* The decoded string: the input itself when that was valid UTF-8, else it has U+FFFD. */
static void
check_decoded(const uint8_t *in, size_t inlen, const unsigned char *dec, size_t n)
{
	const unsigned char *p = in, *end = in + inlen;
	size_t len;

	while (p < end && (len = oracle_utf8_char(p, (size_t)(end - p))) != 0)
		p += len;
	if (p == end)
		CHECK(n == inlen && memcmp(dec, in, n) == 0);
	else
		CHECK(memmem(dec, n, "\xef\xbf\xbd", 3) != NULL);
}

/* Writes [value, {key: value}] and checks every byte of it. */
static void
fuzz_one(const uint8_t *data, size_t size, const char *key, int flags)
{
	const char *sep = flags & JSON_PRETTY ? ": " : ":";
	const unsigned char *p, *end;
	unsigned char *dec;
	char *out = NULL;
	size_t outlen = 0, n;
	struct json j;
	FILE *f;

	CHECK((f = open_memstream(&out, &outlen)) != NULL);
	json_init(&j, f, flags);
	json_array_open(&j);
	json_strn(&j, (const char *)data, size);
	json_object_open(&j);
	json_key(&j, key);
	json_strn(&j, (const char *)data, size);
	json_object_close(&j);
	json_array_close(&j);
	json_end(&j);
	CHECK(fclose(f) == 0);

	/* Each input byte becomes at most 6 output bytes ("\u0000" or 3 per U+FFFD). */
	CHECK((dec = malloc(outlen + 1)) != NULL);
	p = (const unsigned char *)out;
	end = p + outlen;
	expect(&p, end, flags & JSON_PRETTY ? "[\n  " : "[");
	n = json_string(&p, end, dec);
	check_decoded(data, size, dec, n);
	expect(&p, end, flags & JSON_PRETTY ? ",\n  {\n    " : ",{");
	n = json_string(&p, end, dec);
	check_decoded((const uint8_t *)key, strlen(key), dec, n);
	expect(&p, end, sep);
	n = json_string(&p, end, dec);
	check_decoded(data, size, dec, n);
	expect(&p, end, flags & JSON_PRETTY ? "\n  }\n]\n" : "}]\n");
	CHECK(p == end);
	free(dec);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = strnlen((const char *)data, size);
	char *key;

	/* The key is a C string: the input up to its first NUL, in an exact-size copy. */
	if ((key = malloc(n + 1)) == NULL)
		abort();
	memcpy(key, data, n);
	key[n] = '\0';
	fuzz_one(data, size, key, 0);
	fuzz_one(data, size, key, JSON_PRETTY);
	free(key);
	return 0;
}
