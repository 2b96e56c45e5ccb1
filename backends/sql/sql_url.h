/*
 * sql_url.h — store URLs of the SQL backend:
 *   sqlite:///path/to/dir            the database is dir/store.db, blobs in dir/blobs
 *   mariadb://user:pw@host:port/db?socket=/path&blobs=/dir
 * host may be empty (the socket is used); blobs is optional for MariaDB (values then stay in
 * the database). Percent-escapes (%XX) are decoded in user, password and paths.
 */
#ifndef SAMBEX_SQL_URL_H
#define SAMBEX_SQL_URL_H

#include <stdint.h>
#include <talloc.h>

struct sql_url {
	char *scheme;		/* "sqlite" or "mariadb" */
	char *user;		/* NULL if absent */
	char *password;
	char *host;		/* NULL for the default (local socket) */
	unsigned port;		/* 0 for the default */
	char *path;		/* sqlite: the directory; mariadb: the database name */
	char *socket;		/* mariadb ?socket= */
	char *blobs;		/* blob directory (sqlite: path/blobs by default) */
};

/*
 * Parses url into a new struct on mem_ctx. Returns ecBadConfig for a malformed URL (no
 * "scheme://", a bad escape, a bad port, an unknown query key, an empty path, a MariaDB database
 * name outside [A-Za-z0-9_]), MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t sql_url_parse(TALLOC_CTX *mem_ctx, const char *url, struct sql_url **url_r);

#endif
