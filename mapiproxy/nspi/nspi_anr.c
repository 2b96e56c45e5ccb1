/*
 * nspi_anr: three sorted key arrays (names, given names, surnames) searched by prefix; a
 * generation mark on each entry keeps the answer distinct.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nspi_anr.h"
#include "nspi_index.h"

enum anr_kind { ANR_NAME, ANR_GIVEN, ANR_SURNAME, ANR_KINDS };

struct anr_key {
	const char *value;
	struct nspi_entry *entry;
};

struct anr_keys {
	struct anr_key *keys;
	uint32_t count;
};

struct nspi_anr {
	struct anr_keys kind[ANR_KINDS];
	uint32_t generation;		/* the mark of the current search (nspi_entry.anr_mark) */
};

/* The attributes of each kind (MS-ADTS 3.1.1.3.1.3.4: the ANR attribute set, less the DN). */
static const char * const name_attrs[] = {
	"displayName", "sAMAccountName", "mail", "physicalDeliveryOfficeName", "proxyAddresses",
	NULL,
};

static const char * const *kind_attrs(enum anr_kind kind)
{
	static const char * const given[] = { "givenName", NULL };
	static const char * const surname[] = { "sn", NULL };

	return kind == ANR_NAME ? name_attrs : kind == ANR_GIVEN ? given : surname;
}

/* A value's searchable text: a proxy address without its "type:" prefix. */
static const char *key_text(const char *attr, const char *value)
{
	const char *colon = strcasecmp(attr, "proxyAddresses") == 0 ? strchr(value, ':') : NULL;

	return colon != NULL ? colon + 1 : value;
}

/* Calls with keys NULL count the values; with keys set they fill them. */
static uint32_t collect(const struct nspi_table *table, enum anr_kind kind, struct anr_key *keys)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < table->gal_count; i++) {
		struct nspi_entry *e = table->gal[i];

		for (const char * const *a = kind_attrs(kind); *a != NULL; a++) {
			const struct ldb_message_element *el = ldb_msg_find_element(e->msg, *a);

			for (unsigned v = 0; el != NULL && v < el->num_values; v++) {
				const char *s = (const char *)el->values[v].data;

				if (s == NULL || s[0] == '\0') {
					continue;
				}
				if (keys != NULL) {
					keys[n].value = key_text(*a, s);
					keys[n].entry = e;
				}
				n++;
			}
		}
	}
	return n;
}

static int compare_keys(const void *a, const void *b)
{
	return strcasecmp(((const struct anr_key *)a)->value, ((const struct anr_key *)b)->value);
}

struct nspi_anr *nspi_anr_build(TALLOC_CTX *mem_ctx, const struct nspi_table *table)
{
	struct nspi_anr *anr = talloc_zero(mem_ctx, struct nspi_anr);

	for (int k = 0; anr != NULL && k < ANR_KINDS; k++) {
		uint32_t n = collect(table, (enum anr_kind)k, NULL);
		struct anr_keys *keys = &anr->kind[k];

		keys->keys = talloc_array(anr, struct anr_key, n + 1);
		if (keys->keys == NULL) {
			talloc_free(anr);
			return NULL;
		}
		keys->count = collect(table, (enum anr_kind)k, keys->keys);
		qsort(keys->keys, keys->count, sizeof(keys->keys[0]), compare_keys);
	}
	return anr;
}

/* The first key not below text (by its first len bytes, ASCII case folded). */
static uint32_t lower_bound(const struct anr_keys *keys, const char *text, size_t len)
{
	uint32_t lo = 0, hi = keys->count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strncasecmp(keys->keys[mid].value, text, len) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/* The search under way: distinct entries found so far. */
struct anr_search {
	struct nspi_anr *anr;
	struct nspi_entry **rows;
	uint32_t n, max;
	bool too_many;
};

static void found(struct anr_search *s, struct nspi_entry *e)
{
	if (e == NULL || !e->in_gal || e->anr_mark == s->anr->generation) {
		return;
	}
	e->anr_mark = s->anr->generation;
	if (s->n >= s->max) {
		s->too_many = true;
		return;
	}
	s->rows[s->n++] = e;
}

/* True if value begins with (or, exact, equals) text[0..len). */
static bool holds(const char *value, const char *text, size_t len, bool exact)
{
	return value != NULL && strncasecmp(value, text, len) == 0 &&
	       (!exact || value[len] == '\0');
}

/* Keys of kind beginning with (or equal to) text[0..len); with other set, those whose entry's
 * other attribute also begins with other[0..olen). */
static void scan(struct anr_search *s, enum anr_kind kind, const char *text, size_t len,
		 bool exact, const char *other, size_t olen)
{
	const struct anr_keys *keys = &s->anr->kind[kind];

	for (uint32_t i = lower_bound(keys, text, len);
	     i < keys->count && !s->too_many && holds(keys->keys[i].value, text, len, false);
	     i++) {
		struct nspi_entry *e = keys->keys[i].entry;

		if (exact && keys->keys[i].value[len] != '\0') {
			continue;
		}
		if (other != NULL && !holds(ldb_msg_find_attr_as_string(e->msg, "sn", NULL),
					    other, olen, exact)) {
			continue;
		}
		found(s, e);
	}
}

bool nspi_anr_find(TALLOC_CTX *mem_ctx, struct nspi_anr *anr, const struct nspi_table *table,
		   const char *text, uint32_t max, struct nspi_entry ***rows_r, uint32_t *n_r,
		   bool *too_many_r)
{
	struct anr_search s = { .anr = anr, .max = max };
	bool exact = text[0] == '=';
	const char *t = text + (exact ? 1 : 0), *space;
	size_t len;

	while (*t == ' ') {
		t++;
	}
	len = strlen(t);
	while (len > 0 && t[len - 1] == ' ') {
		len--;
	}
	*rows_r = NULL;
	*n_r = 0;
	*too_many_r = false;
	s.rows = talloc_array(mem_ctx, struct nspi_entry *, max + 1);
	if (s.rows == NULL) {
		return false;
	}
	if (len > 0) {
		char *dn = talloc_strndup(s.rows, t, len);

		anr->generation++;
		for (int k = 0; k < ANR_KINDS; k++) {
			scan(&s, (enum anr_kind)k, t, len, exact, NULL, 0);
		}
		/* MS-ADTS 3.1.1.3.1.3.4: legacyExchangeDN is compared whole. */
		found(&s, dn != NULL ? nspi_table_find_ab_dn(table, dn) : NULL);
		space = memchr(t, ' ', len);
		if (space != NULL) {
			size_t first = (size_t)(space - t);
			const char *last = space + 1;
			size_t llen = len - first - 1;

			while (llen > 0 && *last == ' ') {
				last++, llen--;
			}
			/* "first last" and "last first" as givenName + sn. */
			scan(&s, ANR_GIVEN, t, first, exact, last, llen);
			scan(&s, ANR_GIVEN, last, llen, exact, t, first);
		}
	}
	if (s.too_many) {
		talloc_free(s.rows);
		*too_many_r = true;
		return true;
	}
	struct nspi_rows rows = { .rows = s.rows, .count = s.n };

	nspi_table_sort_rows(&rows);
	*rows_r = s.rows;
	*n_r = s.n;
	return true;
}
