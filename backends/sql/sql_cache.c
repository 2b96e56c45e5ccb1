/*
 * sql_cache.c — the prepared-statement cache of a connection, keyed by SQL text. Preparing is
 * most of the cost of a short statement (SQLite parses and plans it; MariaDB adds a round trip),
 * and the backend runs the same few dozen statements again and again. A statement is lent to one
 * caller at a time: the lease, a talloc object on the caller's context, resets the statement
 * (rows dropped, parameters cleared, locks released) when it is freed. A text asked for while
 * its statement is lent (a nested use) gets a second cached statement; beyond the cache's size a
 * statement is prepared as before and finalized with its context.
 */
#include <string.h>

#include "sql_private.h"

#define SQL_CACHE_BUCKETS 64U
#define SQL_CACHE_MAX 256U		/* dynamic SQL (record_children_props) stays bounded */

struct sql_lease;

struct sql_cached {
	char *sql;
	struct sql_stmt *st;
	struct sql_lease *lease;	/* NULL when free */
	struct sql_cached *next;
};

struct sql_cache {
	const struct sql_engine *eng;
	struct sql_cached *buckets[SQL_CACHE_BUCKETS];
	unsigned count;
};

struct sql_lease {
	struct sql_cache *cache;	/* NULL once the cache is gone */
	struct sql_cached *entry;
};

static unsigned text_hash(const char *s)
{
	uint32_t h = 2166136261U;	/* FNV-1a */
	for (; *s != '\0'; s++)
		h = (h ^ (uint8_t)*s) * 16777619U;
	return h % SQL_CACHE_BUCKETS;
}

static int lease_destructor(struct sql_lease *l)
{
	if (l->cache != NULL) {
		l->cache->eng->reset(l->entry->st);
		l->entry->lease = NULL;
	}
	return 0;
}

/* Statements outlive no connection: leases still out are cut loose before the entries go. */
static int cache_destructor(struct sql_cache *c)
{
	for (unsigned b = 0; b < SQL_CACHE_BUCKETS; b++) {
		for (struct sql_cached *e = c->buckets[b]; e != NULL; e = e->next) {
			if (e->lease != NULL)
				e->lease->cache = NULL;
		}
	}
	return 0;
}

struct sql_cache *sql_cache_new(TALLOC_CTX *mem_ctx, const struct sql_engine *eng)
{
	struct sql_cache *c = talloc_zero(mem_ctx, struct sql_cache);
	if (c == NULL)
		return NULL;
	c->eng = eng;
	talloc_set_destructor(c, cache_destructor);
	return c;
}

/* Lends entry e on mem_ctx. */
static uint32_t lend(struct sql_cache *c, TALLOC_CTX *mem_ctx, struct sql_cached *e, struct sql_stmt **st_r,
		     void **owner_r)
{
	struct sql_lease *l = talloc(mem_ctx, struct sql_lease);
	if (l == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	*l = (struct sql_lease){ .cache = c, .entry = e };
	e->lease = l;
	talloc_set_destructor(l, lease_destructor);
	*st_r = e->st;
	*owner_r = l;
	return MAPI_E_SUCCESS;
}

uint32_t sql_cache_prepare(struct sql_cache *c, struct sql_conn *conn, TALLOC_CTX *mem_ctx, const char *sql,
			   struct sql_stmt **st_r, void **owner_r)
{
	unsigned b = text_hash(sql);
	for (struct sql_cached *e = c->buckets[b]; e != NULL; e = e->next) {
		if (e->lease == NULL && strcmp(e->sql, sql) == 0)
			return lend(c, mem_ctx, e, st_r, owner_r);
	}
	struct sql_cached *e = NULL;
	if (c->count < SQL_CACHE_MAX)
		e = talloc_zero(c, struct sql_cached);
	if (e == NULL) {
		uint32_t status = c->eng->prepare(mem_ctx, conn, sql, st_r);
		if (status == MAPI_E_SUCCESS)
			*owner_r = *st_r;
		return status;
	}
	e->sql = talloc_strdup(e, sql);
	uint32_t status = e->sql == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : c->eng->prepare(e, conn, sql, &e->st);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(e);
		return status;
	}
	e->next = c->buckets[b];
	c->buckets[b] = e;
	c->count++;
	return lend(c, mem_ctx, e, st_r, owner_r);
}
