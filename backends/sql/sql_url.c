/*
 * sql_url.c — parsing the SQL backend's store URLs (see sql_url.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_status.h"
#include "sql_url.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A decoded copy of [p, p+len), or NULL (bad escape, embedded NUL, or no memory). */
static char *decode(TALLOC_CTX *mem_ctx, const char *p, size_t len)
{
	char *out = talloc_array(mem_ctx, char, len + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] != '%') {
			out[o++] = p[i];
			continue;
		}
		int hi = i + 1 < len ? hexval(p[i + 1]) : -1;
		int lo = i + 2 < len ? hexval(p[i + 2]) : -1;
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			talloc_free(out);
			return NULL;
		}
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	out[o] = '\0';
	return out;
}

static bool db_name_ok(const char *s)
{
	if (s[0] == '\0' || strlen(s) > 64)
		return false;
	for (; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	}
	return true;
}

/* user[:password]@ and host[:port] of a MariaDB URL's authority part. */
static uint32_t parse_authority(struct sql_url *u, const char *a, size_t len)
{
	const char *at = memchr(a, '@', len);
	if (at != NULL) {
		const char *colon = memchr(a, ':', (size_t)(at - a));
		size_t ulen = colon != NULL ? (size_t)(colon - a) : (size_t)(at - a);
		u->user = decode(u, a, ulen);
		if (u->user == NULL)
			return ecBadConfig;
		if (colon != NULL) {
			u->password = decode(u, colon + 1, (size_t)(at - colon - 1));
			if (u->password == NULL)
				return ecBadConfig;
		}
		len -= (size_t)(at + 1 - a);
		a = at + 1;
	}
	const char *colon = memchr(a, ':', len);
	size_t hlen = colon != NULL ? (size_t)(colon - a) : len;
	if (hlen > 0 && (u->host = talloc_strndup(u, a, hlen)) == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	if (colon != NULL) {
		char *port = talloc_strndup(u, colon + 1, len - hlen - 1), *end;
		long v = port != NULL ? strtol(port, &end, 10) : -1;
		if (port == NULL || *end != '\0' || v <= 0 || v > 65535)
			return ecBadConfig;
		u->port = (unsigned)v;
	}
	return MAPI_E_SUCCESS;
}

static uint32_t parse_query(struct sql_url *u, const char *q)
{
	while (*q != '\0') {
		const char *amp = strchr(q, '&');
		size_t len = amp != NULL ? (size_t)(amp - q) : strlen(q);
		const char *eq = memchr(q, '=', len);
		if (eq == NULL)
			return ecBadConfig;
		char *value = decode(u, eq + 1, len - (size_t)(eq + 1 - q));
		if (value == NULL)
			return ecBadConfig;
		size_t klen = (size_t)(eq - q);
		if (klen == 6 && memcmp(q, "socket", 6) == 0)
			u->socket = value;
		else if (klen == 5 && memcmp(q, "blobs", 5) == 0)
			u->blobs = value;
		else
			return ecBadConfig;
		q += len + (amp != NULL ? 1 : 0);
	}
	return MAPI_E_SUCCESS;
}

static uint32_t parse(struct sql_url *u, const char *url)
{
	const char *sep = strstr(url, "://");
	if (sep == NULL || sep == url)
		return ecBadConfig;
	u->scheme = talloc_strndup(u, url, (size_t)(sep - url));
	if (u->scheme == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	const char *rest = sep + 3;
	const char *query = strchr(rest, '?');
	size_t rest_len = query != NULL ? (size_t)(query - rest) : strlen(rest);
	uint32_t status = query != NULL ? parse_query(u, query + 1) : MAPI_E_SUCCESS;
	if (status != MAPI_E_SUCCESS)
		return status;
	const char *slash = memchr(rest, '/', rest_len);
	if (slash == NULL)
		return ecBadConfig;
	if (strcmp(u->scheme, "sqlite") == 0) {
		// sqlite:///abs/dir: an empty authority, then the absolute path.
		if (slash != rest)
			return ecBadConfig;
		u->path = decode(u, slash, rest_len);
		if (u->path == NULL || strlen(u->path) < 2)
			return ecBadConfig;
		if (u->blobs == NULL && (u->blobs = talloc_asprintf(u, "%s/blobs", u->path)) == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		return MAPI_E_SUCCESS;
	}
	status = parse_authority(u, rest, (size_t)(slash - rest));
	if (status != MAPI_E_SUCCESS)
		return status;
	u->path = decode(u, slash + 1, rest_len - (size_t)(slash + 1 - rest));
	// The database name goes into one CREATE DATABASE statement, so it is restricted.
	return u->path != NULL && db_name_ok(u->path) ? MAPI_E_SUCCESS : ecBadConfig;
}

uint32_t sql_url_parse(TALLOC_CTX *mem_ctx, const char *url, struct sql_url **url_r)
{
	if (url == NULL)
		return ecBadConfig;
	struct sql_url *u = talloc_zero(mem_ctx, struct sql_url);
	if (u == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t status = parse(u, url);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(u);
		return status;
	}
	*url_r = u;
	return MAPI_E_SUCCESS;
}
