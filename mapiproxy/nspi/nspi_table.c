/*
 * nspi_table: MIds, the sorted GAL and STAT positioning (MS-OXNSPI 2.2.9.1, 3.1.4.5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __GLIBC__
#include <malloc.h>	/* malloc_trim */
#endif

#include "nspi_table.h"
#include "nspi_attrmap.h"
#include "nspi_index.h"
#include "nspi_row.h"

/* Entries a session may know: the GAL plus those met through DNToMId and links. */
#define NSPI_TABLE_MAX_ENTRIES (2U * NSPI_DIRECTORY_MAX_ENTRIES)
/* Address lists a session serves besides the GAL. */
#define NSPI_TABLE_MAX_LISTS 1000U

struct nspi_table *nspi_table_new(TALLOC_CTX *mem_ctx)
{
	return talloc_zero(mem_ctx, struct nspi_table);
}

/* The display name folded for comparison; "" without one (such rows sort first). */
static char *sort_key(struct nspi_table *table, struct ldb_message *msg)
{
	const char *name = ldb_msg_find_attr_as_string(msg, "displayName", "");
	char *key = talloc_strdup(table, name);

	/* ASCII case folding; other characters compare by code point (MS-OXNSPI 3.1.4.3.6). */
	for (char *p = key; p != NULL && *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z') {
			*p = (char)(*p - 'a' + 'A');
		}
	}
	return key;
}

/* Room for one more entry: the slots double (a 40,000-row GAL must not realloc per row). */
static bool reserve(struct nspi_table *table)
{
	struct nspi_entry **grown;
	uint32_t n;

	if (table->count < table->allocated) {
		return true;
	}
	n = table->allocated == 0 ? 64 : table->allocated * 2;
	grown = talloc_realloc(table, table->entries, struct nspi_entry *, n);
	if (grown == NULL) {
		return false;
	}
	table->entries = grown;
	table->allocated = n;
	return true;
}

/*
 * e's directory DN in ldb's casefolded form, on e. Read from a copy: the entry's own DN stays a
 * string (nspi_directory_pack) instead of growing its parsed components for good.
 */
static char *dn_key(struct nspi_entry *e)
{
	struct ldb_dn *copy = e->msg->dn != NULL ? ldb_dn_copy(NULL, e->msg->dn) : NULL;
	const char *fold = copy != NULL ? ldb_dn_get_casefold(copy) : NULL;
	char *key = fold != NULL ? talloc_strdup(e, fold) : NULL;

	talloc_free(copy);
	return key;
}

/*
 * Indexes e by its directory DN and its address book DN; false on ENOMEM. The keys belong to e,
 * not to its message: NspiModProps and NspiModLinkAtt replace the message (nspi_modify).
 */
static bool index_entry(struct nspi_table *table, struct nspi_entry *e)
{
	const char *dn = dn_key(e);
	const char *ab_dn = nspi_row_entry_dn(e, e);

	if (table->by_dn == NULL && (table->by_dn = nspi_index_new(table)) == NULL) {
		return false;
	}
	if (table->by_ab_dn == NULL && (table->by_ab_dn = nspi_index_new(table)) == NULL) {
		return false;
	}
	if (ab_dn != NULL && ab_dn == ldb_msg_find_attr_as_string(e->msg, "legacyExchangeDN", NULL)) {
		ab_dn = talloc_strdup(e, ab_dn);
		if (ab_dn == NULL) {
			return false;
		}
	}
	e->ab_dn = ab_dn;
	return (dn == NULL || nspi_index_put(table->by_dn, dn, e)) &&
	       (e->ab_dn == NULL || nspi_index_put(table->by_ab_dn, e->ab_dn, e));
}

struct nspi_entry *nspi_table_add(struct nspi_table *table, struct ldb_message *msg, bool in_gal)
{
	struct nspi_entry *e;

	if (table->count >= NSPI_TABLE_MAX_ENTRIES || !reserve(table)) {
		return NULL;
	}
	e = talloc_zero(table, struct nspi_entry);
	if (e == NULL) {
		return NULL;
	}
	e->mid = NSPI_MID_FIRST + table->count;
	e->msg = talloc_steal(e, msg);
	e->sort_key = sort_key(table, msg);
	e->in_gal = in_gal;
	if (e->sort_key == NULL) {
		talloc_free(e);
		return NULL;
	}
	talloc_steal(e, e->sort_key);
	if (!index_entry(table, e)) {
		talloc_free(e);
		return NULL;
	}
	table->entries[table->count++] = e;
	return e;
}

struct nspi_entry *nspi_table_find(const struct nspi_table *table, uint32_t mid)
{
	if (mid < NSPI_MID_FIRST || mid - NSPI_MID_FIRST >= table->count) {
		return NULL;
	}
	return table->entries[mid - NSPI_MID_FIRST];
}

struct nspi_entry *nspi_table_find_dn(const struct nspi_table *table, struct ldb_dn *dn)
{
	const char *key = dn != NULL ? ldb_dn_get_casefold(dn) : NULL;

	return key != NULL && table->by_dn != NULL ? nspi_index_get(table->by_dn, key) : NULL;
}

struct nspi_entry *nspi_table_find_ab_dn(const struct nspi_table *table, const char *dn)
{
	return dn != NULL && table->by_ab_dn != NULL ? nspi_index_get(table->by_ab_dn, dn) : NULL;
}

static int compare_rows(const void *a, const void *b)
{
	const struct nspi_entry *x = *(const struct nspi_entry * const *)a;
	const struct nspi_entry *y = *(const struct nspi_entry * const *)b;
	int c = strcmp(x->sort_key, y->sort_key);

	if (c != 0) {
		return c;
	}
	return x->mid < y->mid ? -1 : x->mid > y->mid;
}

void nspi_table_sort_rows(struct nspi_rows *rows)
{
	if (rows->count > 1) {
		qsort(rows->rows, rows->count, sizeof(rows->rows[0]), compare_rows);
	}
}

void nspi_table_sort(struct nspi_table *table)
{
	struct nspi_rows rows = nspi_table_gal_rows(table);

	nspi_table_sort_rows(&rows);
}

struct nspi_rows nspi_table_gal_rows(const struct nspi_table *table)
{
	struct nspi_rows rows = { .rows = table->gal, .count = table->gal_count };

	return rows;
}

/* msExchHideFromAddressLists TRUE (Exchange schema) hides an object from every list: skipped. */
static bool hidden(const struct ldb_message *msg)
{
	const char *v = ldb_msg_find_attr_as_string(msg, "msExchHideFromAddressLists", NULL);

	return v != NULL && strcasecmp(v, "TRUE") == 0;
}

/* The Default Global Address List's DN if the directory has one the caller may read. */
static char *find_gal_dn(TALLOC_CTX *mem_ctx, struct ldb_context *ldb)
{
	static const char * const attrs[] = { "distinguishedName", NULL };
	struct ldb_result *res;
	char *dn = NULL;

	if (nspi_directory_search(mem_ctx, ldb, ldb_get_config_basedn(ldb), LDB_SCOPE_SUBTREE,
				  "(&(objectClass=addressBookContainer)"
				  "(cn=Default Global Address List))", attrs, 1, &res)
	    == NSPI_DIRECTORY_OK && res->count == 1) {
		dn = talloc_strdup(mem_ctx, ldb_dn_get_linearized(res->msgs[0]->dn));
	}
	return dn;
}

/*
 * The rows of the objects matching filter that are not hidden, sorted: entries the session knows
 * are reused (one MId per object), others are added (in_gal for the GAL itself).
 */
static enum nspi_directory_result load_rows(struct nspi_table *table, struct ldb_context *ldb,
					    const char *filter, bool in_gal,
					    struct nspi_rows *rows_r)
{
	TALLOC_CTX *tmp = talloc_new(table);
	struct ldb_result *res;
	enum nspi_directory_result r;

	if (tmp == NULL) {
		return NSPI_DIRECTORY_FAILED;
	}
	r = nspi_directory_search(tmp, ldb, NULL, LDB_SCOPE_SUBTREE, filter,
				  nspi_attrmap_attributes(), NSPI_DIRECTORY_MAX_ENTRIES, &res);
	if (r == NSPI_DIRECTORY_OK) {
		rows_r->rows = talloc_zero_array(table, struct nspi_entry *, res->count + 1);
		rows_r->count = 0;
		r = rows_r->rows != NULL ? NSPI_DIRECTORY_OK : NSPI_DIRECTORY_FAILED;
	}
	for (unsigned i = 0; r == NSPI_DIRECTORY_OK && i < res->count; i++) {
		struct nspi_entry *e = in_gal ? NULL : nspi_table_find_dn(table, res->msgs[i]->dn);

		if (hidden(res->msgs[i])) {
			continue;
		}
		if (e == NULL && (e = nspi_table_add(table, res->msgs[i], in_gal)) == NULL) {
			r = NSPI_DIRECTORY_FAILED;
			break;
		}
		rows_r->rows[rows_r->count++] = e;
	}
	talloc_free(tmp);
	if (r == NSPI_DIRECTORY_OK) {
		nspi_table_sort_rows(rows_r);
	}
	return r;
}

/* The address lists other than the GAL (addressBookContainer objects the caller may read). */
static enum nspi_directory_result load_lists(struct nspi_table *table, struct ldb_context *ldb)
{
	static const char * const attrs[] = { "displayName", "objectGUID", "objectClass", NULL };
	TALLOC_CTX *tmp = talloc_new(table);
	struct ldb_result *res;
	enum nspi_directory_result r;

	if (tmp == NULL) {
		return NSPI_DIRECTORY_FAILED;
	}
	r = nspi_directory_search(tmp, ldb, ldb_get_config_basedn(ldb), LDB_SCOPE_SUBTREE,
				  "(objectClass=addressBookContainer)", attrs,
				  NSPI_TABLE_MAX_LISTS, &res);
	if (r == NSPI_DIRECTORY_OK) {
		table->lists = talloc_zero_array(table, struct nspi_list, res->count + 1);
		r = table->lists != NULL ? NSPI_DIRECTORY_OK : NSPI_DIRECTORY_FAILED;
	}
	for (unsigned i = 0; r == NSPI_DIRECTORY_OK && i < res->count; i++) {
		struct nspi_list *l = &table->lists[table->list_count];

		if (table->gal_dn != NULL &&
		    strcasecmp(ldb_dn_get_linearized(res->msgs[i]->dn), table->gal_dn) == 0) {
			continue;
		}
		l->container = nspi_table_add(table, res->msgs[i], false);
		if (l->container == NULL) {
			r = NSPI_DIRECTORY_FAILED;
			break;
		}
		table->list_count++;
	}
	talloc_free(tmp);
	return r;
}

enum nspi_directory_result nspi_table_load_gal(struct nspi_table *table, struct ldb_context *ldb)
{
	struct nspi_rows gal = { 0 };
	enum nspi_directory_result r;
	char *filter;

	if (table->gal_loaded) {
		return NSPI_DIRECTORY_OK;
	}
	table->gal_dn = find_gal_dn(table, ldb);
	/* Without a provisioned GAL object, any object shown in some address list is listed. */
	filter = table->gal_dn != NULL
		 ? talloc_asprintf(table, "(showInAddressBook=%s)",
				   ldb_binary_encode_string(table, table->gal_dn))
		 : talloc_strdup(table, "(showInAddressBook=*)");
	if (filter == NULL) {
		return NSPI_DIRECTORY_FAILED;
	}
	r = load_rows(table, ldb, filter, true, &gal);
	talloc_free(filter);
	if (r != NSPI_DIRECTORY_OK) {
		return r;
	}
	/* The GAL is served even when the other lists cannot be read (or are too many). */
	if (load_lists(table, ldb) != NSPI_DIRECTORY_OK) {
		table->list_count = 0;
	}
	table->gal = gal.rows;
	table->gal_count = gal.count;
	table->gal_loaded = true;
#ifdef __GLIBC__
	/* The search's peak (ldb's own copies of every record) goes back to the system. */
	malloc_trim(0);
#endif
	/* The memory figures of docs/nspi.md (bench_nspi.sh prints this line). */
	if (getenv("SAMBEXD_DEBUG_NSPI_MEM") != NULL) {
		fprintf(stderr, "sambexd: nspi GAL %u rows, session table %zu bytes in %zu blocks\n",
			table->gal_count, talloc_total_size(table), talloc_total_blocks(table));
	}
	return NSPI_DIRECTORY_OK;
}

enum nspi_directory_result nspi_table_container(struct nspi_table *table, struct ldb_context *ldb,
						uint32_t container_id, struct nspi_rows *rows_r)
{
	struct nspi_list *l = NULL;
	enum nspi_directory_result r;
	char *filter;

	if (container_id == NSPI_CONTAINER_GAL) {
		*rows_r = nspi_table_gal_rows(table);
		return NSPI_DIRECTORY_OK;
	}
	for (uint32_t i = 0; i < table->list_count; i++) {
		l = table->lists[i].container->mid == container_id ? &table->lists[i] : l;
	}
	if (l == NULL) {
		return NSPI_DIRECTORY_UNAVAILABLE;
	}
	if (!l->loaded && ldb != NULL) {
		filter = talloc_asprintf(table, "(showInAddressBook=%s)",
					 ldb_binary_encode_string(table, ldb_dn_get_linearized(
						l->container->msg->dn)));
		if (filter == NULL) {
			return NSPI_DIRECTORY_FAILED;
		}
		r = load_rows(table, ldb, filter, false, &l->rows);
		talloc_free(filter);
		if (r != NSPI_DIRECTORY_OK) {
			return r;
		}
		l->loaded = true;
	}
	*rows_r = l->rows;
	return NSPI_DIRECTORY_OK;
}

uint32_t nspi_table_row_mid(const struct nspi_rows *rows, uint32_t row)
{
	return row < rows->count ? rows->rows[row]->mid : NSPI_MID_END_OF_TABLE;
}

/* The row of mid, or false. */
static bool row_of(const struct nspi_rows *rows, uint32_t mid, uint32_t *row_r)
{
	for (uint32_t i = 0; i < rows->count; i++) {
		if (rows->rows[i]->mid == mid) {
			*row_r = i;
			return true;
		}
	}
	return false;
}

bool nspi_table_seek(const struct nspi_rows *rows, const struct nspi_position *in,
		     struct nspi_position *out, uint32_t *row_r, int32_t *moved_r)
{
	uint32_t n = rows->count, row;
	int64_t target;

	if (in->current_rec == NSPI_MID_CURRENT) {
		/* 3.1.4.5.2 steps 4-5: TotalRecs * NumPos / the client's TotalRecs, capped. */
		uint64_t pos = in->total_recs == 0 ? 0
			       : (uint64_t)n * in->num_pos / in->total_recs;

		row = pos > n ? n : (uint32_t)pos;
	} else if (in->current_rec == NSPI_MID_BEGINNING_OF_TABLE) {
		row = 0;
	} else if (in->current_rec == NSPI_MID_END_OF_TABLE) {
		row = n;
	} else if (!row_of(rows, in->current_rec, &row)) {
		return false;
	}
	/* 3.1.4.5.1 steps 6-8: move by Delta, clamped to the first row and one past the last. */
	target = (int64_t)row + in->delta;
	if (target < 0) {
		target = 0;
	}
	if (target > n) {
		target = n;
	}
	*moved_r = (int32_t)(target - (int64_t)row);
	*row_r = (uint32_t)target;
	*out = *in;
	out->current_rec = nspi_table_row_mid(rows, (uint32_t)target);
	out->num_pos = (uint32_t)target;
	out->total_recs = n;
	return true;
}
