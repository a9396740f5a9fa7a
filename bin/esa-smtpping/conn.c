/* SPDX-License-Identifier: BSD-2-Clause */
/* conn.c - one TCP connection to an SMTP server, plain or TLS, where every step
 * ends by its deadline however slowly the server sends. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "smtpping.h"
#include "tick.h"

volatile sig_atomic_t smtp_stop;

double
now_ms(void)
{
	return (double)tick_ns() / 1e6;
}

void
conn_init(struct conn *c)
{
	memset(c, 0, offsetof(struct conn, buf));
	c->fd = -1;
	c->len = c->used = 0;
}

void
conn_close(struct conn *c)
{
	if (c->ssl != NULL)
		SSL_free(c->ssl);
	if (c->fd >= 0)
		close(c->fd);
	conn_init(c);
}

/*
 * Waits for EVENTS on the socket until DEADLINE: CONN_OK when ready. Signals are
 * not restarted (no SA_RESTART), so SIGINT ends the wait at once.
 */
enum conn_err
conn_wait(int fd, short events, double deadline)
{
	struct pollfd p = { .fd = fd, .events = events };

	for (;;) {
		double left = deadline - now_ms();
		int r;

		if (smtp_stop)
			return CONN_INTR;
		if (left <= 0)
			return CONN_TIMEOUT;
		r = poll(&p, 1, left < 1 ? 1 : (int)left);
		if (r > 0)
			return CONN_OK;
		if (r < 0 && errno != EINTR)
			return CONN_SYS;
	}
}

enum conn_err
conn_connect(struct conn *c, const struct sockaddr *sa, socklen_t salen,
    const struct sockaddr *src, socklen_t srclen, double deadline)
{
	enum conn_err e;
	socklen_t l = sizeof(int);
	int soerr = 0;

	c->fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return CONN_SYS;
	if (src != NULL && bind(c->fd, src, srclen) < 0)
		return CONN_SYS;
	memcpy(&c->peer, sa, salen);
	c->peerlen = salen;
	if (connect(c->fd, sa, salen) < 0) {
		if (errno != EINPROGRESS)
			return CONN_SYS;
		if ((e = conn_wait(c->fd, POLLOUT, deadline)) != CONN_OK)
			return e;
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &l) < 0)
			return CONN_SYS;
		if (soerr != 0) {
			errno = soerr;
			return CONN_SYS;
		}
	}
	l = sizeof(c->local);
	getsockname(c->fd, (struct sockaddr *)&c->local, &l);
	return CONN_OK;
}

/* Reads what is there (at most N bytes): >0, 0 at the end, -1 for "wait", -2 error. */
static ssize_t
read_some(struct conn *c, char *p, size_t n, short *want)
{
	ssize_t r;

	*want = POLLIN;
	if (c->ssl != NULL) {
		int k = SSL_read(c->ssl, p, n > 65536 ? 65536 : (int)n), e;

		if (k > 0)
			return k;
		e = SSL_get_error(c->ssl, k);
		if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
			*want = e == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN;
			return -1;
		}
		if (e == SSL_ERROR_ZERO_RETURN)
			return 0;
		/* a peer that closes without close_notify: an end, not a library failure */
		if (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 && errno == 0)
			return 0;
		ERR_clear_error();
		return -2;
	}
	r = recv(c->fd, p, n, 0);
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return -1;
	return r < 0 ? -2 : r;
}

/* Bytes the server sent that no command asked for yet: they refuse the next one. */
static bool
early_bytes(struct conn *c)
{
	char b[256];
	ssize_t r;

	if (c->len > c->used)
		return true;
	c->len = c->used = 0;
	if (c->ssl != NULL && SSL_pending(c->ssl) > 0)
		return true;
	r = c->ssl != NULL ? -1 : recv(c->fd, b, sizeof(b), MSG_PEEK | MSG_DONTWAIT);
	return r > 0;
}

enum conn_err
conn_send(struct conn *c, const char *s, size_t len, double deadline)
{
	enum conn_err e;
	size_t off = 0;

	if (early_bytes(c))
		return CONN_EARLY;
	while (off < len) {
		ssize_t w;
		short want = POLLOUT;

		if (c->ssl != NULL) {
			int k = SSL_write(c->ssl, s + off,
			    len - off > 65536 ? 65536 : (int)(len - off)), se;

			if (k > 0) {
				off += (size_t)k;
				continue;
			}
			se = SSL_get_error(c->ssl, k);
			if (se != SSL_ERROR_WANT_READ && se != SSL_ERROR_WANT_WRITE) {
				ERR_clear_error();
				return se == SSL_ERROR_ZERO_RETURN ? CONN_CLOSED : CONN_SYS;
			}
			want = se == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
		} else if ((w = send(c->fd, s + off, len - off, MSG_NOSIGNAL)) > 0) {
			off += (size_t)w;
			continue;
		} else if (w < 0 && errno == EPIPE) {
			return CONN_CLOSED;
		} else if (w < 0 && errno != EAGAIN && errno != EINTR) {
			return CONN_SYS;
		}
		if ((e = conn_wait(c->fd, want, deadline)) != CONN_OK)
			return e;
	}
	return CONN_OK;
}

enum conn_err
conn_reply(struct conn *c, struct reply *r, double deadline)
{
	enum reply_status st;
	enum conn_err e;

	/* the previous reply's bytes go; what followed it stays */
	memmove(c->buf, c->buf + c->used, c->len - c->used);
	c->len -= c->used;
	c->used = 0;
	for (;;) {
		short want;
		ssize_t n;

		st = reply_parse(c->buf, c->len, r);
		if (st == REPLY_DONE) {
			c->used = r->len;
			return CONN_OK;
		}
		if (st == REPLY_BAD)
			return CONN_BAD;
		if (c->len == sizeof(c->buf)) {
			r->why = "reply too long";
			return CONN_BAD;
		}
		n = read_some(c, c->buf + c->len, sizeof(c->buf) - c->len, &want);
		if (n == 0)
			return CONN_CLOSED;
		if (n == -2)
			return CONN_SYS;
		if (n > 0) {
			c->len += (size_t)n;
			continue;
		}
		if ((e = conn_wait(c->fd, want, deadline)) != CONN_OK)
			return e;
	}
}
