/* SPDX-License-Identifier: BSD-2-Clause */
/* tls.c - the TLS handshake of a connection (STARTTLS or -T) and what it shows:
 * protocol, cipher, certificate, and whether it verifies for the host's name. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "smtpping.h"

void *
tls_context(void)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	if (ctx == NULL)
		return NULL;
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	/*
	 * The chain is verified but the handshake never stops on a bad one: the tool
	 * reports the result (the certificate's details are what the user came to see),
	 * then refuses the step itself unless -k.
	 */
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	return ctx;
}

/* An X509 name as one RFC 2253 line. */
static void
name_line(X509_NAME *n, char *buf, size_t size)
{
	BIO *b = BIO_new(BIO_s_mem());
	int k;

	buf[0] = '\0';
	if (b == NULL)
		return;
	X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	k = BIO_read(b, buf, (int)size - 1);
	buf[k > 0 ? k : 0] = '\0';
	BIO_free(b);
}

/* The end of the certificate's validity as UNIX time into T, when OpenSSL reads it. */
static void
tls_expires(const ASN1_TIME *a, struct tls_info *t)
{
	struct tm tm;
	time_t v;

	memset(&tm, 0, sizeof(tm));
	if (a == NULL || ASN1_TIME_to_tm(a, &tm) != 1)
		return;
	/* ASN1_TIME_to_tm() gives the time in UTC; timegm() reads it so */
	if ((v = timegm(&tm)) == (time_t)-1)
		return;
	t->expires = (int64_t)v;
	t->has_expires = true;
}

/* The certificate's details and the verification's result into T. */
static void
tls_describe(SSL *ssl, struct tls_info *t)
{
	X509 *cert = SSL_get1_peer_certificate(ssl);
	long v = SSL_get_verify_result(ssl);

	t->done = true;
	snprintf(t->protocol, sizeof(t->protocol), "%s", SSL_get_version(ssl));
	snprintf(t->cipher, sizeof(t->cipher), "%s", SSL_get_cipher_name(ssl));
	if (cert == NULL) {
		snprintf(t->verify, sizeof(t->verify), "no certificate");
		return;
	}
	name_line(X509_get_subject_name(cert), t->subject, sizeof(t->subject));
	name_line(X509_get_issuer_name(cert), t->issuer, sizeof(t->issuer));
	{
		BIO *b = BIO_new(BIO_s_mem());
		int k = 0;

		if (b != NULL) {
			ASN1_TIME_print(b, X509_get0_notAfter(cert));
			k = BIO_read(b, t->not_after, (int)sizeof(t->not_after) - 1);
			BIO_free(b);
		}
		t->not_after[k > 0 ? k : 0] = '\0';
	}
	tls_expires(X509_get0_notAfter(cert), t);
	t->verified = v == X509_V_OK;
	snprintf(t->verify, sizeof(t->verify), "%s", v == X509_V_OK ? "ok" :
	    X509_verify_cert_error_string(v));
	X509_free(cert);
}

enum conn_err
conn_tls(struct conn *c, void *ctx, const char *name, bool numeric_name,
    struct tls_info *t, double deadline, char *why, size_t whysize)
{
	SSL *ssl;
	enum conn_err e;

	memset(t, 0, sizeof(*t));
	/* bytes after the 220 to STARTTLS were sent in the clear: an injection */
	if (c->len > c->used)
		return CONN_EARLY;
	c->len = c->used = 0;
	if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, c->fd) != 1)
		goto lib;
	c->ssl = ssl;
	if (name != NULL && !numeric_name) {
		SSL_set_tlsext_host_name(ssl, name);
		SSL_set1_host(ssl, name);
	} else if (name != NULL) {
		X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name);
	}
	for (;;) {
		int k = SSL_connect(ssl), se;

		if (k == 1)
			break;
		se = SSL_get_error(ssl, k);
		if (se == SSL_ERROR_WANT_READ || se == SSL_ERROR_WANT_WRITE) {
			e = conn_wait(c->fd, se == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT,
			    deadline);
			if (e != CONN_OK)
				return e;
			continue;
		}
		if (se == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)
			return errno == 0 ? CONN_CLOSED : CONN_SYS;
		goto lib;
	}
	tls_describe(ssl, t);
	return CONN_OK;
lib:
	snprintf(why, whysize, "%s", ERR_reason_error_string(ERR_peek_last_error()) ?
	    ERR_reason_error_string(ERR_peek_last_error()) : "handshake failed");
	ERR_clear_error();
	return CONN_TLS;
}
