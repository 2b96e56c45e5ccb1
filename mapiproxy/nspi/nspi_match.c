/*
 * nspi_match: NspiGetMatches (MS-OXNSPI 3.1.4.1.10); see the header for what is served.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nspi_match.h"
#include "nspi_attrmap.h"
#include "nspi_browse.h"
#include "nspi_row.h"
#include "nspi_search.h"
#include "nspi_session.h"
#include "nspi_table.h"
#include "nspi_restrict.h"
#include "mapistore_restrict.h"
#include "mapi_status.h"

#define CP_WINUNICODE 1200

struct matcher {
	TALLOC_CTX *tmp;
	struct nspi_session *s;
	struct nspi_row_context rc;
};

static int compare_pointers(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const void * const *)a, y = (uintptr_t)*(const void * const *)b;

	return x < y ? -1 : x > y;
}

/* The GAL rows ANR text matches, in table order or (by_address) sorted by address to be looked
 * up per row in O(log n). */
static uint32_t anr_answer(struct matcher *m, const char *text, bool by_address,
			   struct nspi_entry ***rows_r, uint32_t *n_r)
{
	enum nspi_directory_result r;

	*rows_r = NULL;
	*n_r = 0;
	if (text[0] == '\0') {
		return MAPI_E_SUCCESS;
	}
	r = nspi_search_anr_rows(m->tmp, m->s, text, NSPI_DIRECTORY_MAX_ENTRIES, rows_r, n_r);
	if (r == NSPI_DIRECTORY_FAILED) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (r != NSPI_DIRECTORY_OK) {
		*n_r = 0;
	}
	if (by_address && *n_r > 1) {
		qsort(*rows_r, *n_r, sizeof((*rows_r)[0]), compare_pointers);
	}
	return MAPI_E_SUCCESS;
}

/* Does the restriction hold for e? Evaluated by the table engine on e's values (nspi_restrict);
 * the values go on scratch, emptied after each row. */
static bool row_holds(struct matcher *m, TALLOC_CTX *scratch, const struct nspi_restrict *r,
		      struct nspi_entry *e, struct nspi_entry ***anr_rows, const uint32_t *anr_n,
		      bool *failed)
{
	bool hits[NSPI_RESTRICT_MAX_ANR] = { false };
	struct mapistore_row row;
	bool h = false;

	for (uint32_t k = 0; k < r->nanr; k++) {
		hits[k] = anr_n[k] > 0 && bsearch(&e, anr_rows[k], anr_n[k], sizeof(e),
						  compare_pointers) != NULL;
	}
	if (!nspi_restrict_row(scratch, r, &m->rc, e, hits, &row)) {
		*failed = true;
	} else {
		h = mapistore_restrict_eval(&r->res, &row, NULL, NULL);
	}
	talloc_free_children(scratch);
	return h;
}

/* True if the whole restriction is one ANR node (Outlook's "check names"). */
static bool only_anr(const struct nspi_restrict *r)
{
	return r->nanr == 1 && r->res.type == MAPI_RES_PROPERTY &&
	       r->res.u.property.prop_tag == NSPI_RESTRICT_ANR_TAG(0);
}

/* The GAL rows ANR found are the answer, already in table order: no pass over the GAL. */
static uint32_t anr_table(struct matcher *m, const char *text, uint32_t max, uint32_t *mids,
			  uint32_t *n_r)
{
	struct nspi_entry **rows;
	uint32_t n;
	uint32_t status = anr_answer(m, text, false, &rows, &n);

	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	if (n > max) {
		return MAPI_E_TABLE_TOO_BIG;	/* rules 17, 18 */
	}
	for (uint32_t i = 0; i < n; i++) {
		mids[i] = rows[i]->mid;
	}
	*n_r = n;
	return MAPI_E_SUCCESS;
}

/* Rule 8: the container's rows the filter holds for, in order, at most max (else TableTooBig). */
static uint32_t filter_table(struct matcher *m, const struct nspi_Restriction_r *filter,
			     const struct nspi_STAT *stat, uint32_t max, uint32_t *mids,
			     uint32_t *n_r)
{
	struct nspi_entry **anr_rows[NSPI_RESTRICT_MAX_ANR] = { NULL };
	uint32_t anr_n[NSPI_RESTRICT_MAX_ANR] = { 0 };
	struct nspi_restrict *r;
	struct nspi_rows rows;
	uint32_t n = 0;
	bool failed = false;
	TALLOC_CTX *scratch;
	uint32_t status = nspi_browse_stat_rows(m->s, stat, &rows);	/* rule 7 */

	if (status == MAPI_E_SUCCESS) {
		status = nspi_restrict_convert(m->tmp, filter, m->rc.code_page, &r);
	}
	if (status == MAPI_E_SUCCESS && only_anr(r) && stat->ContainerID == NSPI_CONTAINER_GAL) {
		return anr_table(m, r->anr[0], max, mids, n_r);
	}
	for (uint32_t k = 0; status == MAPI_E_SUCCESS && k < r->nanr; k++) {
		status = anr_answer(m, r->anr[k], true, &anr_rows[k], &anr_n[k]);
	}
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	if ((scratch = talloc_new(m->tmp)) == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < rows.count; i++) {
		struct nspi_entry *e = rows.rows[i];

		if (row_holds(m, scratch, r, e, anr_rows, anr_n, &failed)) {
			if (n >= max) {
				return MAPI_E_TABLE_TOO_BIG;	/* rules 17, 18 */
			}
			mids[n++] = e->mid;
		}
		if (failed) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	*n_r = n;
	return MAPI_E_SUCCESS;
}

/* An address book object by its directory DN: known to the session, or read and added. */
static struct nspi_entry *entry_by_dn(struct matcher *m, const struct ldb_val *value)
{
	struct ldb_dn *dn = ldb_dn_from_ldb_val(m->tmp, m->s->ldb, value);
	struct nspi_entry *e = dn != NULL ? nspi_table_find_dn(m->s->table, dn) : NULL;
	struct ldb_result *res;

	if (e != NULL || dn == NULL) {
		return e;
	}
	if (nspi_directory_search(m->tmp, m->s->ldb, dn, LDB_SCOPE_BASE, "(showInAddressBook=*)",
				  nspi_attrmap_attributes(), 1, &res) != NSPI_DIRECTORY_OK ||
	    res->count != 1 ||
	    ldb_msg_find_attr_as_bool(res->msgs[0], "msExchHideFromAddressLists", false)) {
		return NULL;
	}
	return nspi_table_add(m->s->table, talloc_steal(m->s->table, res->msgs[0]), false);
}

static int by_display_name(const void *a, const void *b)
{
	const struct nspi_entry *x = *(const struct nspi_entry * const *)a;
	const struct nspi_entry *y = *(const struct nspi_entry * const *)b;
	int c = strcmp(x->sort_key, y->sort_key);

	return c != 0 ? c : (x->mid < y->mid ? -1 : x->mid > y->mid);
}

/* Rules 9-15: the objects the link property (tag in ContainerID) of CurrentRec names. */
static uint32_t link_table(struct matcher *m, const struct NspiGetMatches *r, uint32_t max,
			   uint32_t *mids, uint32_t *n_r)
{
	const struct nspi_entry *e = nspi_table_find(m->s->table, r->in.pStat->CurrentRec);
	const struct nspi_attrmap_entry *map = nspi_attrmap_find(r->in.pStat->ContainerID);
	struct ldb_message_element *el;
	struct nspi_entry **rows;
	uint32_t n = 0;

	if (r->in.lpPropName != NULL) {
		return MAPI_E_NO_SUPPORT;	/* no named properties are served (rule 13) */
	}
	if (e == NULL) {
		return MAPI_E_CALL_FAILED;	/* rule 11 */
	}
	if (map == NULL || map->attribute == NULL || NSPI_PROP_TYPE(map->tag) != NSPI_PT_OBJECT ||
	    m->s->ldb == NULL) {
		return MAPI_E_NO_SUPPORT;	/* rule 13 */
	}
	if (r->in.pStat->SortType == SortTypeDisplayName_W) {
		return MAPI_E_NO_SUPPORT;	/* rule 12: NspiModLinkAtt is not served yet */
	}
	el = ldb_msg_find_element(e->msg, map->attribute);
	rows = talloc_zero_array(m->tmp, struct nspi_entry *,
				 (el != NULL ? el->num_values : 0) + 1);
	if (rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (unsigned i = 0; el != NULL && i < el->num_values; i++) {
		struct nspi_entry *found = entry_by_dn(m, &el->values[i]);	/* rule 14 */

		if (found != NULL) {
			if (n >= max) {
				return MAPI_E_TABLE_TOO_BIG;
			}
			rows[n++] = found;
		}
	}
	if (n > 1) {
		qsort(rows, n, sizeof(rows[0]), by_display_name);	/* rule 15 */
	}
	for (uint32_t i = 0; i < n; i++) {
		mids[i] = rows[i]->mid;
	}
	*n_r = n;
	return MAPI_E_SUCCESS;
}

/* The checks of rules 1-3 before any table is built (rule 7 comes with the table). */
static uint32_t check_request(const struct NspiGetMatches *r)
{
	const struct nspi_STAT *stat = r->in.pStat;

	if (stat->CodePage == CP_WINUNICODE || r->in.Reserved1 != 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (r->in.Filter != NULL) {
		if (stat->SortType != SortTypeDisplayName &&
		    stat->SortType != SortTypePhoneticDisplayName) {
			return MAPI_E_INVALID_PARAMETER;
		}
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXNSPI 3.1.4.1.10 */
uint32_t nspi_match_get_matches(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				const struct engine_caller *caller, void *rv)
{
	struct NspiGetMatches *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct matcher m = { .tmp = mem_ctx, .s = s };
	struct nspi_PropertyTagArray_r *out;
	uint32_t max, n = 0;

	r->out.pStat = r->in.pStat;
	r->out.ppOutMIds = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r *);
	r->out.ppRows = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r *);
	if (r->out.ppOutMIds == NULL || r->out.ppRows == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	r->out.result = check_request(r);
	if (r->out.result != MAPI_E_SUCCESS) {
		return 0;
	}
	m.rc = nspi_browse_row_context(ctx, r->in.pStat, fEphID);
	max = r->in.ulRequested < NSPI_QUERY_ROWS_MAX ? r->in.ulRequested : NSPI_QUERY_ROWS_MAX;
	out = talloc_zero(mem_ctx, struct nspi_PropertyTagArray_r);
	if (out == NULL || (out->aulPropTag = talloc_zero_array(out, uint32_t, max + 1)) == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	r->out.result = r->in.Filter != NULL
			? filter_table(&m, r->in.Filter, r->in.pStat, max, out->aulPropTag, &n)
			: link_table(&m, r, max, out->aulPropTag, &n);
	if (r->out.result == MAPI_E_SUCCESS && r->in.pPropTags != NULL) {	/* rule 19 */
		r->out.result = nspi_search_rows_for(mem_ctx, s, &m.rc, r->in.pPropTags,
						     out->aulPropTag, n, r->out.ppRows);
	}
	if (r->out.result != MAPI_E_SUCCESS) {
		*r->out.ppRows = NULL;	/* rule 4 */
		return 0;
	}
	out->cValues = n;
	*r->out.ppOutMIds = out;
	if (r->in.Filter == NULL) {
		r->out.pStat->ContainerID = r->in.pStat->CurrentRec;	/* rule 16 */
	}
	return 0;
}
