/*
 * nspi_search: resolving names and matching restrictions (MS-OXNSPI 3.1.4.1.3, 3.1.4.1.9-11,
 * 3.1.4.1.16-17, 3.1.4.7).
 *
 * Matching runs over the session's GAL rows in memory: those rows are already exactly what the
 * caller may read, so no restriction can reach past the directory's ACLs. ANR too runs over
 * those rows (nspi_anr: sorted keys, a few binary searches per name).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nspi_search.h"
#include "nspi_anr.h"
#include "nspi_attrmap.h"
#include "nspi_browse.h"
#include "nspi_ops.h"
#include "nspi_row.h"
#include "nspi_session.h"
#include "nspi_table.h"
#include "mapi_status.h"

#define CP_WINUNICODE 1200
#define PROP_ID_ANR 0x360CU			/* PidTagAnr (MS-OXPROPS) */
#define PROP_ID_DISPLAY_NAME 0x3001U
#define ANR_RESOLVE_LIMIT 64			/* more matches than this: ambiguous */
#define SEEK_ROWS 50			/* rows NspiSeekEntries returns (rule 15) */

enum nspi_directory_result nspi_search_anr_rows(TALLOC_CTX *mem_ctx, struct nspi_session *s,
					   const char *text, unsigned max,
					   struct nspi_entry ***rows_r, uint32_t *n_r)
{
	bool too_many;

	*n_r = 0;
	*rows_r = NULL;
	if (s->table == NULL || text == NULL) {
		return NSPI_DIRECTORY_OK;
	}
	if (s->table->anr == NULL && (s->table->anr = nspi_anr_build(s->table, s->table)) == NULL) {
		return NSPI_DIRECTORY_FAILED;
	}
	if (!nspi_anr_find(mem_ctx, s->table->anr, s->table, text, max, rows_r, n_r, &too_many)) {
		return NSPI_DIRECTORY_FAILED;
	}
	return too_many ? NSPI_DIRECTORY_TOO_MANY : NSPI_DIRECTORY_OK;
}

/* MS-OXNSPI 3.1.4.7: unresolved, ambiguous, or the one object's MId. */
static uint32_t resolve_one(TALLOC_CTX *mem_ctx, struct nspi_session *s, const char *text)
{
	struct nspi_entry **rows;
	uint32_t n;
	enum nspi_directory_result r;

	if (text == NULL || text[0] == '\0') {
		return NSPI_MID_UNRESOLVED;	/* NULL and "" (R-rules of 3.1.4.7) */
	}
	r = nspi_search_anr_rows(mem_ctx, s, text, ANR_RESOLVE_LIMIT, &rows, &n);
	if (r == NSPI_DIRECTORY_TOO_MANY) {
		return NSPI_MID_AMBIGUOUS;
	}
	if (r != NSPI_DIRECTORY_OK || n == 0) {
		return NSPI_MID_UNRESOLVED;
	}
	return n == 1 ? rows[0]->mid : NSPI_MID_AMBIGUOUS;
}

uint32_t nspi_search_rows_for(TALLOC_CTX *mem_ctx, struct nspi_session *s,
			      const struct nspi_row_context *rc,
			      const struct nspi_PropertyTagArray_r *cols, const uint32_t *mids,
			      uint32_t n, struct nspi_PropertyRowSet_r **rows_r)
{
	struct nspi_PropertyRowSet_r *set = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r);
	const uint32_t *tags;
	uint32_t ntags;
	bool errors = false;

	if (!nspi_browse_tag_list(cols, &tags, &ntags)) {
		return MAPI_E_TABLE_TOO_BIG;
	}
	if (set == NULL || (set->aRow = talloc_zero_array(set, struct nspi_PropertyRow_r,
							  n + 1)) == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (!nspi_browse_fill_row(set->aRow, rc, nspi_table_find(s->table, mids[i]), tags,
					  ntags, &set->aRow[i], &errors)) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	set->cRows = n;
	*rows_r = set;
	return MAPI_E_SUCCESS;
}

/* NspiResolveNames and NspiResolveNamesW after their string conversion (3.1.4.1.16 rules 5-8). */
static uint32_t resolve(struct engine_context *ctx, TALLOC_CTX *mem_ctx, struct nspi_session *s,
			const struct nspi_STAT *stat, const struct nspi_PropertyTagArray_r *cols,
			const char **names, uint32_t count, struct nspi_PropertyTagArray_r **mids_r,
			struct nspi_PropertyRowSet_r **rows_r)
{
	struct nspi_row_context rc = nspi_browse_row_context(ctx, stat, 0);
	struct nspi_PropertyTagArray_r *mids;
	uint32_t *found, nfound = 0;
	uint32_t status = nspi_browse_stat_rows(s, stat, NULL);	/* rules 1, 5 */

	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	if (count > NSPI_RESOLVE_MAX_NAMES) {
		return MAPI_E_TABLE_TOO_BIG;
	}
	mids = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r);
	found = talloc_zero_array(mem_ctx, uint32_t, count + 1);
	if (mids == NULL || found == NULL ||
	    (mids->aulPropTag = talloc_zero_array(mids, uint32_t, count + 1)) == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < count; i++) {
		mids->aulPropTag[i] = resolve_one(mem_ctx, s, names[i]);
		if (mids->aulPropTag[i] >= NSPI_MID_FIRST) {
			found[nfound++] = mids->aulPropTag[i];
		}
	}
	mids->cValues = count;
	*mids_r = mids;
	/* Rule 7: a row for each object resolved, in order. */
	return nspi_search_rows_for(mem_ctx, s, &rc, cols, found, nfound, rows_r);
}

/*
 * Both ResolveNames operations: the outputs, the checks of rules 1-3, 8-bit names converted from
 * the STAT's code page (3.1.4.3.4), then resolve().
 */
static uint32_t resolve_op(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			   const struct engine_caller *caller, const struct policy_handle *h,
			   uint32_t reserved, const struct nspi_STAT *stat,
			   const struct nspi_PropertyTagArray_r *cols, const char **strings,
			   uint32_t count, bool eight_bit, struct nspi_PropertyTagArray_r ***mids_r,
			   struct nspi_PropertyRowSet_r ***rows_r, uint32_t *result)
{
	struct nspi_session *s = nspi_browse_session(ctx, caller, h, result);
	const char **names = strings;

	*mids_r = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r *);
	*rows_r = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r *);
	if (*mids_r == NULL || *rows_r == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(*result);
	}
	if (reserved != 0 || stat->CodePage == CP_WINUNICODE) {
		*result = MAPI_E_INVALID_PARAMETER;	/* rules 1, 2 */
		return 0;
	}
	if (eight_bit) {
		names = talloc_zero_array(mem_ctx, const char *, count + 1);
		for (uint32_t i = 0; names != NULL && i < count && i < NSPI_RESOLVE_MAX_NAMES;
		     i++) {
			/* Text not of the code page resolves to nothing. */
			names[i] = strings[i] != NULL
				   ? nspi_row_from_codepage(names, strings[i], stat->CodePage)
				   : NULL;
		}
		if (names == NULL) {
			return ENGINE_FAULT_CANT_PERFORM;
		}
	}
	*result = resolve(ctx, mem_ctx, s, stat, cols, names, count, *mids_r, *rows_r);
	if (*result != MAPI_E_SUCCESS) {
		**mids_r = NULL;	/* rule 3 */
		**rows_r = NULL;
	}
	return 0;
}

/* MS-OXNSPI 3.1.4.1.16: 8-bit names in the STAT's code page. */
uint32_t nspi_search_resolve_names(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				   const struct engine_caller *caller, void *rv)
{
	struct NspiResolveNames *r = rv;

	return resolve_op(ctx, mem_ctx, caller, &r->in.hRpc, r->in.Reserved, r->in.pStat,
			  r->in.pPropTags, r->in.paStr->Strings, r->in.paStr->Count, true,
			  &r->out.ppMIds, &r->out.ppRows, &r->out.result);
}

/* MS-OXNSPI 3.1.4.1.17: the same with Unicode names (UTF-8 once decoded). */
uint32_t nspi_search_resolve_names_w(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				     const struct engine_caller *caller, void *rv)
{
	struct NspiResolveNamesW *r = rv;

	return resolve_op(ctx, mem_ctx, caller, &r->in.hRpc, r->in.Reserved, r->in.pStat,
			  r->in.pPropTags, r->in.paWStr->Strings, r->in.paWStr->Count, false,
			  &r->out.ppMIds, &r->out.ppRows, &r->out.result);
}

/* The display name of a PropertyValue_r target, as UTF-8 upper-cased ASCII like the sort keys. */
static char *target_key(TALLOC_CTX *mem_ctx, const struct nspi_PropertyValue_r *v, uint32_t cp)
{
	uint32_t type = NSPI_PROP_TYPE(v->ulPropTag);
	char *key;

	if (NSPI_PROP_ID(v->ulPropTag) != PROP_ID_DISPLAY_NAME ||
	    (type != NSPI_PT_STRING8 && type != NSPI_PT_UNICODE)) {
		return NULL;
	}
	key = type == NSPI_PT_STRING8
	      ? (v->Value.lpszA != NULL ? nspi_row_from_codepage(mem_ctx, v->Value.lpszA, cp)
					: NULL)
	      : talloc_strdup(mem_ctx, v->Value.lpszW != NULL ? v->Value.lpszW : "");
	for (char *p = key; p != NULL && *p != '\0'; p++) {
		*p = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
	}
	return key;
}

/* MS-OXNSPI 3.1.4.1.9 */
uint32_t nspi_search_seek_entries(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				  const struct engine_caller *caller, void *rv)
{
	struct NspiSeekEntries *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_row_context rc;
	const struct nspi_PropertyTagArray_r *et = r->in.lpETable;
	struct nspi_rows rows = { 0 };
	uint32_t n, at, *mids;
	char *key;

	r->out.pStat = r->in.pStat;
	r->out.ppRows = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r *);
	if (r->out.ppRows == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	rc = nspi_browse_row_context(ctx, r->in.pStat, fEphID);
	r->out.result = r->in.Reserved != 0 ? MAPI_E_INVALID_PARAMETER	/* rule 3 */
			: nspi_browse_stat_rows(s, r->in.pStat, &rows);	/* rules 1, 6 */
	if (r->out.result != MAPI_E_SUCCESS) {
		return 0;
	}
	/* Rules 9-12: display name order only (no phonetic names are served). */
	key = r->in.pStat->SortType == SortTypeDisplayName
	      ? target_key(mem_ctx, r->in.pTarget, r->in.pStat->CodePage) : NULL;
	if (key == NULL) {
		r->out.result = MAPI_E_CALL_FAILED;
		return 0;
	}
	n = et != NULL ? et->cValues : rows.count;
	mids = talloc_zero_array(mem_ctx, uint32_t, n + 1);
	if (mids == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	for (uint32_t i = 0; i < n; i++) {
		mids[i] = et != NULL ? et->aulPropTag[i] : rows.rows[i]->mid;
	}
	/* Rule 13: the first row at or after the target. */
	for (at = 0; at < n; at++) {
		const struct nspi_entry *e = nspi_table_find(s->table, mids[at]);

		if (e != NULL && strcmp(e->sort_key, key) >= 0) {
			break;
		}
	}
	if (at == n) {
		r->out.result = MAPI_E_NOT_FOUND;
		return 0;
	}
	if (r->in.pPropTags != NULL) {	/* rule 15 */
		uint32_t count = et != NULL ? n - at : (n - at < SEEK_ROWS ? n - at : SEEK_ROWS);

		r->out.result = nspi_search_rows_for(mem_ctx, s, &rc, r->in.pPropTags, mids + at,
						     count, r->out.ppRows);
		if (r->out.result != MAPI_E_SUCCESS) {
			*r->out.ppRows = NULL;
			return 0;
		}
	}
	r->out.pStat->CurrentRec = mids[at];	/* rule 14 */
	r->out.pStat->NumPos = at;
	r->out.pStat->TotalRecs = n;
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

static int compare_entries(const void *a, const void *b)
{
	const struct nspi_entry *x = *(const struct nspi_entry * const *)a;
	const struct nspi_entry *y = *(const struct nspi_entry * const *)b;
	int c = strcmp(x->sort_key, y->sort_key);

	return c != 0 ? c : (x->mid < y->mid ? -1 : x->mid > y->mid);
}

/* MS-OXNSPI 3.1.4.1.11: the given MIds in the table's order; unknown MIds are dropped. */
uint32_t nspi_search_resort_restriction(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
					const struct engine_caller *caller, void *rv)
{
	struct NspiResortRestriction *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	const struct nspi_PropertyTagArray_r *in = r->in.pInMIds;
	struct nspi_PropertyTagArray_r *out;
	struct nspi_entry **rows;
	uint32_t n = 0;

	r->out.pStat = r->in.pStat;
	r->out.ppOutMIds = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r *);
	if (r->out.ppOutMIds == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	r->out.result = r->in.pStat->SortType != SortTypeDisplayName
			? MAPI_E_CALL_FAILED				/* rules 2, 5 (R1194) */
			: nspi_browse_stat_rows(s, r->in.pStat, NULL);
	if (r->out.result != MAPI_E_SUCCESS) {
		return 0;
	}
	if (in->cValues > NSPI_DIRECTORY_MAX_ENTRIES) {
		r->out.result = MAPI_E_TABLE_TOO_BIG;
		return 0;
	}
	rows = talloc_zero_array(mem_ctx, struct nspi_entry *, in->cValues + 1);
	out = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r);
	if (rows == NULL || out == NULL ||
	    (out->aulPropTag = talloc_zero_array(out, uint32_t, in->cValues + 1)) == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	for (uint32_t i = 0; i < in->cValues; i++) {
		struct nspi_entry *e = nspi_table_find(s->table, in->aulPropTag[i]);
		bool seen = false;

		for (uint32_t j = 0; e != NULL && j < n; j++) {
			seen = seen || rows[j] == e;
		}
		if (e != NULL && !seen) {
			rows[n++] = e;
		}
	}
	if (n > 1) {
		qsort(rows, n, sizeof(rows[0]), compare_entries);
	}
	for (uint32_t i = 0; i < n; i++) {
		out->aulPropTag[i] = rows[i]->mid;
	}
	out->cValues = n;
	*r->out.ppOutMIds = out;
	/* Rule 8 (R1204, R1205, R1759): CurrentRec kept if in the new table, else its start. */
	r->out.pStat->TotalRecs = n;
	r->out.pStat->NumPos = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (out->aulPropTag[i] == r->in.pStat->CurrentRec) {
			r->out.pStat->NumPos = i;
			break;
		}
	}
	if (r->out.pStat->NumPos == 0 &&
	    (n == 0 || out->aulPropTag[0] != r->in.pStat->CurrentRec)) {
		r->out.pStat->CurrentRec = NSPI_MID_BEGINNING_OF_TABLE;
	}
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

/*
 * One row of the hierarchy table (MS-OXNSPI 3.1.4.4.3.1): the columns of R1863 in that order.
 * dn is the container's address book DN: "/" for the GAL, "/guid=<32 hex>" for another list
 * (MS-OXOABK 2.2.1.1 addresslist-dn); name is UTF-8 (converted to code page cp for 8-bit strings).
 */
static bool container_row(TALLOC_CTX *mem_ctx, bool unicode, uint32_t cp, const char *dn,
			  uint32_t mid, const char *name, struct nspi_PropertyRow_r *row)
{
	static const uint8_t guid_nspi[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
					       0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };
	struct nspi_PropertyValue_r *v = talloc_zero_array(mem_ctx, struct nspi_PropertyValue_r, 6);
	size_t n = 28 + strlen(dn) + 1;
	uint8_t *eid = talloc_zero_array(mem_ctx, uint8_t, n);

	if (v == NULL || eid == NULL) {
		return false;
	}
	/* R1865: a Permanent Entry ID with the display type DT_CONTAINER. */
	memcpy(eid + 4, guid_nspi, 16);
	eid[20] = 1;
	eid[25] = 0x01;	/* DT_CONTAINER 0x00000100, little-endian */
	memcpy(eid + 28, dn, strlen(dn) + 1);
	v[0].ulPropTag = 0x0FFF0102;			/* PidTagEntryId */
	v[0].Value.bin.cb = (uint32_t)n;
	v[0].Value.bin.lpb = eid;
	v[1].ulPropTag = 0x36000003;			/* PidTagContainerFlags */
	v[1].Value.l = 0x00000001 | 0x00000008;		/* AB_RECIPIENTS | AB_UNMODIFIABLE */
	v[2].ulPropTag = 0x30050003;			/* PidTagDepth: 0, a flat hierarchy */
	v[3].ulPropTag = 0xFFFD0003;			/* PidTagAddressBookContainerId */
	v[3].Value.l = (int32_t)mid;
	if (unicode) {
		v[4].ulPropTag = 0x3001001F;		/* PidTagDisplayName */
		v[4].Value.lpszW = talloc_strdup(v, name);
	} else {
		v[4].ulPropTag = 0x3001001E;
		v[4].Value.lpszA = nspi_row_to_codepage(v, name, cp);
	}
	v[5].ulPropTag = 0xFFFB000B;			/* PidTagAddressBookIsMaster: false */
	row->cValues = 6;
	row->lpProps = v;
	return (unicode ? v[4].Value.lpszW : v[4].Value.lpszA) != NULL;
}

/* The hierarchy rows: the GAL ("/", ContainerID 0, no name), then every other address list. */
static bool hierarchy_rows(const struct nspi_table *t, bool unicode, uint32_t cp,
			   struct nspi_PropertyRowSet_r *set)
{
	set->aRow = talloc_zero_array(set, struct nspi_PropertyRow_r, t->list_count + 1);
	if (set->aRow == NULL || !container_row(set->aRow, unicode, cp, "/", NSPI_CONTAINER_GAL, "",
						&set->aRow[0])) {
		return false;
	}
	set->cRows = 1;
	for (uint32_t i = 0; i < t->list_count; i++) {
		const struct nspi_entry *c = t->lists[i].container;
		const struct ldb_val *guid = ldb_msg_find_ldb_val(c->msg, "objectGUID");
		char *dn = talloc_strdup(set->aRow, "/guid=");

		for (size_t b = 0; dn != NULL && guid != NULL && b < guid->length; b++) {
			dn = talloc_asprintf_append_buffer(dn, "%02X", guid->data[b]);
		}
		if (dn == NULL || !container_row(set->aRow, unicode, cp, dn, c->mid,
						 ldb_msg_find_attr_as_string(c->msg, "displayName",
									     ""),
						 &set->aRow[set->cRows])) {
			return false;
		}
		set->cRows++;
	}
	return true;
}

#define NSPI_ADDRESS_CREATION_TEMPLATES 0x00000002U	/* NspiGetSpecialTable dwFlags */
#define NSPI_UNICODE_STRINGS 0x00000004U
#define NSPI_HIERARCHY_VERSION 1U

/* MS-OXNSPI 3.1.4.1.3 */
uint32_t nspi_search_get_special_table(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				       const struct engine_caller *caller, void *rv)
{
	struct NspiGetSpecialTable *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_PropertyRowSet_r *set;

	r->out.lpVersion = r->in.lpVersion;
	r->out.ppRows = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r *);
	if (r->out.ppRows == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	/* Rules 1, 13: 8-bit names need a code page we serve. */
	if ((r->in.dwFlags & NSPI_UNICODE_STRINGS) == 0 &&
	    (r->in.pStat->CodePage == CP_WINUNICODE ||
	     !nspi_codepage_supported(r->in.pStat->CodePage))) {
		r->out.result = MAPI_E_UNKNOWN_CPID;
		return 0;
	}
	set = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r);
	if (set == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	/* No address creation templates are served: that table is empty. */
	if ((r->in.dwFlags & NSPI_ADDRESS_CREATION_TEMPLATES) == 0) {
		/* A client holding the current version needs no rows. */
		if ((r->in.lpVersion == NULL || *r->in.lpVersion != NSPI_HIERARCHY_VERSION) &&
		    !hierarchy_rows(s->table, (r->in.dwFlags & NSPI_UNICODE_STRINGS) != 0,
				    r->in.pStat->CodePage, set)) {
			return ENGINE_FAULT_CANT_PERFORM;
		}
		if (r->out.lpVersion != NULL) {
			*r->out.lpVersion = NSPI_HIERARCHY_VERSION;
		}
	}
	*r->out.ppRows = set;
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

/*
 * MS-OXNSPI 3.1.4.1.18: the address book holds no display or script templates (MS-OXOABKT) yet,
 * so after the code page checks no template can be located: InvalidLocale (rule 5), and clients
 * use their built-in templates.
 */
uint32_t nspi_search_get_template_info(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				       const struct engine_caller *caller, void *rv)
{
	struct NspiGetTemplateInfo *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);

	r->out.ppData = talloc_zero(mem_ctx, struct nspi_PropertyRow_r *);	/* rule 1: NULL */
	if (r->out.ppData == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	if (r->in.dwCodePage == CP_WINUNICODE || !nspi_codepage_supported(r->in.dwCodePage)) {
		r->out.result = MAPI_E_UNKNOWN_CPID;	/* rules 3, 4 */
		return 0;
	}
	r->out.result = MAPI_E_UNKNOWN_LCID;
	return 0;
}
