/*
 * nspi_browse: reading the address book (MS-OXNSPI 3.1.4.1.4 - 3.1.4.1.8, 3.1.4.1.12, 3.1.4.1.13).
 */
#include <string.h>
#include <strings.h>

#include "nspi_browse.h"
#include "nspi_attrmap.h"
#include "nspi_ops.h"
#include "nspi_row.h"
#include "nspi_session.h"
#include "nspi_table.h"
#include "nspi.h"
#include "mapi_status.h"

#define CP_WINUNICODE 1200
#define NSPI_UNICODE_PROPTYPES 0x80000000U	/* NspiQueryColumns dwFlags (2.2.1.9) */

/* The caller's session for hRpc with its GAL loaded, or NULL (*status_r: why, 0 = no session). */
struct nspi_session *nspi_browse_session(struct engine_context *ctx,
					const struct engine_caller *caller,
					const struct policy_handle *h, uint32_t *status_r)
{
	struct nspi_session *s = nspi_session_find(ctx->nspi, &h->uuid, caller->user_sid,
						   caller->association_id);

	*status_r = 0;
	if (s == NULL) {
		return NULL;
	}
	if (s->table == NULL && (s->table = nspi_table_new(s)) == NULL) {
		*status_r = MAPI_E_NOT_ENOUGH_MEMORY;
		return NULL;
	}
	/* Without a directory (sambexd has no --smb-conf) the address book is empty. */
	if (s->ldb == NULL) {
		s->table->gal_loaded = true;
	}
	if (nspi_table_load_gal(s->table, s->ldb) != NSPI_DIRECTORY_OK) {
		*status_r = MAPI_E_CALL_FAILED;
		return NULL;
	}
	return s;
}

uint32_t nspi_browse_no_session(uint32_t status)
{
	return status == 0 ? NSPI_FAULT_CONTEXT_MISMATCH : 0;
}

uint32_t nspi_browse_stat_rows(struct nspi_session *s, const struct nspi_STAT *stat,
			      struct nspi_rows *rows_r)
{
	struct nspi_rows rows;
	enum nspi_directory_result r;

	if (stat->CodePage == CP_WINUNICODE || !nspi_codepage_supported(stat->CodePage)) {
		return MAPI_E_UNKNOWN_CPID;
	}
	r = nspi_table_container(s->table, s->ldb, stat->ContainerID, &rows);
	if (r == NSPI_DIRECTORY_UNAVAILABLE) {
		return MAPI_E_INVALID_BOOKMARK;
	}
	if (r != NSPI_DIRECTORY_OK) {
		return MAPI_E_CALL_FAILED;
	}
	if (rows_r != NULL) {
		*rows_r = rows;
	}
	return MAPI_E_SUCCESS;
}

static struct nspi_position position_of(const struct nspi_STAT *stat)
{
	struct nspi_position p = { .current_rec = stat->CurrentRec, .delta = stat->Delta,
				   .num_pos = stat->NumPos, .total_recs = stat->TotalRecs };

	return p;
}

struct nspi_row_context nspi_browse_row_context(const struct engine_context *ctx,
					   const struct nspi_STAT *stat, uint32_t flags)
{
	struct nspi_row_context rc = { .code_page = stat->CodePage,
				       .ephemeral_ids = (flags & fEphID) != 0,
				       .container_id = stat->ContainerID,
				       .server_guid = ctx->server_guid };

	return rc;
}

/* MS-OXNSPI 3.1.4.1.4 */
uint32_t nspi_browse_update_stat(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				 const struct engine_caller *caller, void *rv)
{
	struct NspiUpdateStat *r = rv;
	struct nspi_position in = position_of(r->in.pStat), out;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_rows rows;
	uint32_t row;
	int32_t moved;

	r->out.pStat = r->in.pStat;	/* rule 2: unchanged unless Success */
	r->out.plDelta = NULL;
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	r->out.result = nspi_browse_stat_rows(s, r->in.pStat, &rows);	/* rules 1, 4 */
	if (r->out.result != MAPI_E_SUCCESS) {
		return 0;
	}
	if (!nspi_table_seek(&rows, &in, &out, &row, &moved)) {
		r->out.result = MAPI_E_NOT_FOUND;	/* rule 5 */
		return 0;
	}
	r->out.pStat->CurrentRec = out.current_rec;	/* rules 8-10 */
	r->out.pStat->NumPos = out.num_pos;
	r->out.pStat->TotalRecs = out.total_recs;
	r->out.pStat->Delta = 0;	/* applied: rule 11 lets Delta change (R799) */
	if (r->in.plDelta != NULL) {	/* rule 7 */
		r->out.plDelta = talloc(mem_ctx, int32_t);
		if (r->out.plDelta == NULL) {
			return ENGINE_FAULT_CANT_PERFORM;
		}
		*r->out.plDelta = moved;
	}
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

/* The default columns of NspiQueryRows (3.1.4.1.8 rule 6), strings as PtypString8. */
static const uint32_t default_columns[] = {
	0xFFFD0003,	/* PidTagAddressBookContainerId */
	0x0FFE0003,	/* PidTagObjectType */
	0x39000003,	/* PidTagDisplayType */
	0x3001001E,	/* PidTagDisplayName */
	0x3A1A001E,	/* PidTagPrimaryTelephoneNumber */
	0x3A18001E,	/* PidTagDepartmentName */
	0x3A19001E,	/* PidTagOfficeLocation */
};

/* One row: a value per tag, in order (3.1.4.1.7 rule 12). */
bool nspi_browse_fill_row(TALLOC_CTX *mem_ctx, const struct nspi_row_context *rc,
		     const struct nspi_entry *e, const uint32_t *tags, uint32_t count,
		     struct nspi_PropertyRow_r *row, bool *errors_r)
{
	row->Reserved = 0;
	row->cValues = count;
	row->lpProps = talloc_zero_array(mem_ctx, struct nspi_PropertyValue_r, count);
	if (row->lpProps == NULL && count > 0) {
		return false;
	}
	for (uint32_t i = 0; i < count; i++) {
		if (!nspi_row_value(row->lpProps, rc, e, tags[i], &row->lpProps[i])) {
			*errors_r = true;
		}
	}
	return true;
}

/* The tags a call asked for, or the defaults; false (TableTooBig) for an excessive list. */
bool nspi_browse_tag_list(const struct nspi_PropertyTagArray_r *asked, const uint32_t **tags_r,
		     uint32_t *count_r)
{
	if (asked == NULL) {
		*tags_r = default_columns;
		*count_r = sizeof(default_columns) / sizeof(default_columns[0]);
		return true;
	}
	if (asked->cValues > NSPI_ROW_MAX_TAGS) {
		return false;
	}
	*tags_r = asked->aulPropTag;
	*count_r = asked->cValues;
	return true;
}

/* Rows from the STAT table: from the (Delta-moved) position, up to count rows. */
static uint32_t query_stat_rows(TALLOC_CTX *mem_ctx, struct nspi_session *s,
				struct NspiQueryRows *r, const struct nspi_row_context *rc,
				const uint32_t *tags, uint32_t ntags)
{
	struct nspi_position in = position_of(r->in.pStat), out;
	struct nspi_PropertyRowSet_r *set = *r->out.ppRows;
	struct nspi_rows rows;
	uint32_t row, n;
	int32_t moved;
	bool errors = false;
	uint32_t status = nspi_browse_stat_rows(s, r->in.pStat, &rows);	/* rule 5 */

	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	if (!nspi_table_seek(&rows, &in, &out, &row, &moved)) {
		return MAPI_E_NOT_FOUND;
	}
	n = rows.count - row;
	n = n < r->in.Count ? n : r->in.Count;
	n = n < NSPI_QUERY_ROWS_MAX ? n : NSPI_QUERY_ROWS_MAX;
	set->aRow = talloc_zero_array(set, struct nspi_PropertyRow_r, n);
	if (set->aRow == NULL && n > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (!nspi_browse_fill_row(set->aRow, rc, rows.rows[row + i], tags, ntags,
					  &set->aRow[i], &errors)) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	set->cRows = n;
	/* Rule 16: the position moves past the rows returned; the Delta has been applied. */
	r->out.pStat->CurrentRec = nspi_table_row_mid(&rows, row + n);
	r->out.pStat->NumPos = row + n;
	r->out.pStat->TotalRecs = out.total_recs;
	r->out.pStat->Delta = 0;
	return MAPI_E_SUCCESS;
}

/* Rows of an explicit table (rule 8, 13): one per MId, from the beginning. */
static uint32_t query_explicit_rows(TALLOC_CTX *mem_ctx, struct nspi_session *s,
				    struct NspiQueryRows *r, const struct nspi_row_context *rc,
				    const uint32_t *tags, uint32_t ntags)
{
	struct nspi_PropertyRowSet_r *set = *r->out.ppRows;
	uint32_t n = r->in.dwETableCount;
	bool errors = false;

	n = n < r->in.Count ? n : r->in.Count;
	n = n < NSPI_QUERY_ROWS_MAX ? n : NSPI_QUERY_ROWS_MAX;
	set->aRow = talloc_zero_array(set, struct nspi_PropertyRow_r, n);
	if (set->aRow == NULL && n > 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct nspi_entry *e = nspi_table_find(s->table, r->in.lpETable[i]);

		if (!nspi_browse_fill_row(set->aRow, rc, e, tags, ntags, &set->aRow[i], &errors)) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	set->cRows = n;
	return MAPI_E_SUCCESS;
}

/* MS-OXNSPI 3.1.4.1.8 */
uint32_t nspi_browse_query_rows(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				const struct engine_caller *caller, void *rv)
{
	struct NspiQueryRows *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_STAT saved = *r->in.pStat;
	struct nspi_row_context rc = nspi_browse_row_context(ctx, r->in.pStat, r->in.dwFlags);
	const uint32_t *tags;
	uint32_t ntags;

	r->out.pStat = r->in.pStat;
	r->out.ppRows = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r *);
	if (r->out.ppRows == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	if (r->in.pStat->CodePage == CP_WINUNICODE ||
	    !nspi_codepage_supported(r->in.pStat->CodePage)) {
		r->out.result = MAPI_E_UNKNOWN_CPID;	/* rule 1 */
		return 0;
	}
	if (r->in.lpETable == NULL && r->in.Count == 0) {
		r->out.result = MAPI_E_INVALID_PARAMETER;	/* rule 2 */
		return 0;
	}
	if (!nspi_browse_tag_list(r->in.pPropTags, &tags, &ntags)) {
		r->out.result = MAPI_E_TABLE_TOO_BIG;
		return 0;
	}
	*r->out.ppRows = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r);
	if (*r->out.ppRows == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	r->out.result = r->in.lpETable == NULL
			? query_stat_rows(mem_ctx, s, r, &rc, tags, ntags)
			: query_explicit_rows(mem_ctx, s, r, &rc, tags, ntags);
	if (r->out.result != MAPI_E_SUCCESS) {
		*r->out.pStat = saved;	/* rule 3 */
		*r->out.ppRows = NULL;
	}
	return 0;
}

/* MS-OXNSPI 3.1.4.1.6 */
uint32_t nspi_browse_get_prop_list(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				   const struct engine_caller *caller, void *rv)
{
	struct NspiGetPropList *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_STAT stat = { .CodePage = r->in.CodePage };
	struct nspi_row_context rc = nspi_browse_row_context(ctx, &stat, 0);
	const struct nspi_entry *e;

	r->out.ppPropTags = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r *);
	if (r->out.ppPropTags == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	if (r->in.CodePage == CP_WINUNICODE || !nspi_codepage_supported(r->in.CodePage)) {
		r->out.result = MAPI_E_UNKNOWN_CPID;
		return 0;
	}
	e = nspi_table_find(s->table, r->in.dwMId);
	if (e == NULL) {
		r->out.result = MAPI_E_NOT_FOUND;
		return 0;
	}
	*r->out.ppPropTags = nspi_row_prop_list(mem_ctx, &rc, e,
						(r->in.dwFlags & fSkipObjects) != 0);
	r->out.result = *r->out.ppPropTags != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
	return 0;
}

/* MS-OXNSPI 3.1.4.1.7 */
uint32_t nspi_browse_get_props(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			       const struct engine_caller *caller, void *rv)
{
	struct NspiGetProps *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_row_context rc = nspi_browse_row_context(ctx, r->in.pStat, r->in.dwFlags);
	const struct nspi_entry *e;
	struct nspi_PropertyTagArray_r *list = NULL;
	const uint32_t *tags;
	uint32_t ntags;
	bool errors = false;

	r->out.ppRows = talloc_zero(mem_ctx, struct nspi_PropertyRow_r *);
	if (r->out.ppRows == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	r->out.result = nspi_browse_stat_rows(s, r->in.pStat, NULL);
	if (r->out.result != MAPI_E_SUCCESS) {
		return 0;
	}
	e = nspi_table_find(s->table, r->in.pStat->CurrentRec);
	if (r->in.pPropTags == NULL) {
		/* Rule 5: NspiGetPropList's list for the object. */
		if (e == NULL) {
			r->out.result = MAPI_E_NOT_FOUND;
			return 0;
		}
		list = nspi_row_prop_list(mem_ctx, &rc, e, (r->in.dwFlags & fSkipObjects) != 0);
		if (list == NULL) {
			return ENGINE_FAULT_CANT_PERFORM;
		}
		tags = list->aulPropTag;
		ntags = list->cValues;
	} else if (!nspi_browse_tag_list(r->in.pPropTags, &tags, &ntags)) {
		r->out.result = MAPI_E_TABLE_TOO_BIG;	/* rule 6 */
		return 0;
	}
	*r->out.ppRows = talloc_zero(mem_ctx, struct nspi_PropertyRow_r);
	if (*r->out.ppRows == NULL ||
	    !nspi_browse_fill_row(*r->out.ppRows, &rc, e, tags, ntags, *r->out.ppRows, &errors)) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	r->out.result = errors ? MAPI_W_ERRORS_RETURNED : MAPI_E_SUCCESS;
	return 0;
}

/* MS-OXNSPI 3.1.4.1.5: every property of the table, strings in the type the flag asks. */
uint32_t nspi_browse_query_columns(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				   const struct engine_caller *caller, void *rv)
{
	struct NspiQueryColumns *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	bool unicode = (r->in.dwFlags & NSPI_UNICODE_PROPTYPES) != 0;
	struct nspi_PropertyTagArray_r *cols;

	r->out.ppColumns = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r *);
	if (r->out.ppColumns == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	cols = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r);
	if (cols == NULL ||
	    (cols->aulPropTag = talloc_zero_array(cols, uint32_t,
						  nspi_attrmap_count + 1)) == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	for (size_t i = 0; i < nspi_attrmap_count; i++) {
		uint32_t tag = nspi_attrmap[i].tag, type = NSPI_PROP_TYPE(tag);

		if (!unicode && type == NSPI_PT_UNICODE) {	/* rules 3, 4 */
			tag = (tag & 0xFFFF0000U) | NSPI_PT_STRING8;
		} else if (!unicode && type == NSPI_PT_MV_UNICODE) {
			tag = (tag & 0xFFFF0000U) | NSPI_PT_MV_STRING8;
		}
		cols->aulPropTag[cols->cValues++] = tag;
	}
	*r->out.ppColumns = cols;
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

/* An address book object whose DN is dn: known to the session, or looked up (then added). */
static uint32_t mid_of_dn(struct nspi_session *s, const char *dn)
{
	TALLOC_CTX *tmp;
	struct ldb_result *res;
	const char *filter;
	uint32_t mid = 0;
	struct nspi_entry *known = nspi_table_find_ab_dn(s->table, dn);

	if (known != NULL) {
		return known->mid;
	}
	if (s->ldb == NULL) {
		return 0;
	}
	tmp = talloc_new(s);
	/* Only objects shown in some address list and not hidden are address book objects. */
	filter = tmp != NULL ? talloc_asprintf(tmp, "(&(legacyExchangeDN=%s)"
					       "(showInAddressBook=*))",
					       ldb_binary_encode_string(tmp, dn)) : NULL;
	if (filter == NULL) {
		talloc_free(tmp);	/* never search without a filter: that matches all */
		return 0;
	}
	if (nspi_directory_search(tmp, s->ldb, NULL, LDB_SCOPE_SUBTREE, filter,
				  nspi_attrmap_attributes(), 1, &res) == NSPI_DIRECTORY_OK &&
	    res->count == 1 &&
	    ldb_msg_find_attr_as_bool(res->msgs[0], "msExchHideFromAddressLists", false) == false) {
		struct nspi_entry *e = nspi_table_find_dn(s->table, res->msgs[0]->dn);

		if (e == NULL) {
			e = nspi_table_add(s->table, talloc_steal(s->table, res->msgs[0]), false);
		}
		mid = e != NULL ? e->mid : 0;
	}
	talloc_free(tmp);
	return mid;
}

/* MS-OXNSPI 3.1.4.1.13 */
uint32_t nspi_browse_dn_to_mid(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			       const struct engine_caller *caller, void *rv)
{
	struct NspiDNToMId *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_PropertyTagArray_r *mids;
	uint32_t n = r->in.pNames->Count;

	r->out.ppOutMIds = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r *);
	if (r->out.ppOutMIds == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	if (n > NSPI_QUERY_ROWS_MAX) {
		r->out.result = MAPI_E_TABLE_TOO_BIG;
		return 0;
	}
	mids = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r);
	if (mids == NULL || (mids->aulPropTag = talloc_zero_array(mids, uint32_t, n + 1)) == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	for (uint32_t i = 0; i < n; i++) {	/* rules 3, 4: unknown DNs map to 0, in order */
		const char *dn = r->in.pNames->Strings[i];

		mids->aulPropTag[i] = dn != NULL ? mid_of_dn(s, dn) : 0;
	}
	mids->cValues = n;
	*r->out.ppOutMIds = mids;
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

/* MS-OXNSPI 3.1.4.1.12 */
uint32_t nspi_browse_compare_mids(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				  const struct engine_caller *caller, void *rv)
{
	struct NspiCompareMIds *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_position p1 = { .current_rec = r->in.MId1 }, p2 = { .current_rec = r->in.MId2 };
	struct nspi_position out;
	struct nspi_rows rows;
	uint32_t row1, row2;
	int32_t moved;

	r->out.plResult = talloc_zero(mem_ctx, int32_t);
	if (r->out.plResult == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	r->out.result = nspi_browse_stat_rows(s, r->in.pStat, &rows);	/* rules 1, 3 */
	if (r->out.result != MAPI_E_SUCCESS) {
		return 0;
	}
	/* Rule 5: both must be rows of the table (the positioning MIds are not objects). */
	if (r->in.MId1 < NSPI_MID_FIRST || r->in.MId2 < NSPI_MID_FIRST ||
	    !nspi_table_seek(&rows, &p1, &out, &row1, &moved) ||
	    !nspi_table_seek(&rows, &p2, &out, &row2, &moved)) {
		r->out.result = MAPI_E_CALL_FAILED;
		return 0;
	}
	*r->out.plResult = row1 < row2 ? -1 : row1 > row2 ? 1 : 0;	/* rules 6-8 */
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}
