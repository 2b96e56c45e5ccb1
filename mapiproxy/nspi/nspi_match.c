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
#include "mapi_status.h"

#define CP_WINUNICODE 1200
#define PROP_ID_ANR 0x360CU

/* Restriction types (MS-OXNSPI 2.2.5), relational operators and fuzzy levels (MS-OXCDATA 2.12). */
enum { RES_AND = 0, RES_OR = 1, RES_NOT = 2, RES_CONTENT = 3, RES_PROPERTY = 4, RES_EXIST = 8 };
enum { RELOP_LT = 0, RELOP_LE, RELOP_GT, RELOP_GE, RELOP_EQ, RELOP_NE };
#define FL_FULLSTRING 0x0000U
#define FL_SUBSTRING 0x0001U
#define FL_PREFIX 0x0002U
#define FL_IGNORECASE 0x00010000U

/* One ANR node's answer, computed once per call. */
struct anr_answer {
	const void *node;
	struct nspi_entry **rows;
	uint32_t n;
};

struct matcher {
	TALLOC_CTX *tmp;
	struct nspi_session *s;
	struct nspi_row_context rc;
	struct anr_answer *anr;
	uint32_t nanr;
	bool too_complex;
	bool failed;
};

static int compare_pointers(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const void * const *)a, y = (uintptr_t)*(const void * const *)b;

	return x < y ? -1 : x > y;
}

/* A restriction's string value as UTF-8 (8-bit values from the session's code page). */
static const char *value_string(struct matcher *m, const struct nspi_PropertyValue_r *v)
{
	uint32_t type = NSPI_PROP_TYPE(v->ulPropTag);

	if (type == NSPI_PT_UNICODE) {
		return v->Value.lpszW;
	}
	if (type == NSPI_PT_STRING8 && v->Value.lpszA != NULL) {
		return nspi_row_from_codepage(m->tmp, v->Value.lpszA, m->rc.code_page);
	}
	return NULL;
}

static bool anr_holds(struct matcher *m, const void *node, const char *text,
		      const struct nspi_entry *e)
{
	struct anr_answer *a = NULL;

	for (uint32_t i = 0; i < m->nanr; i++) {
		a = m->anr[i].node == node ? &m->anr[i] : a;
	}
	if (a == NULL) {
		struct anr_answer *grown = talloc_realloc(m->tmp, m->anr, struct anr_answer,
							  m->nanr + 1);

		if (grown == NULL) {
			m->failed = true;
			return false;
		}
		m->anr = grown;
		a = &m->anr[m->nanr++];
		a->node = node;
		if (text == NULL || text[0] == '\0' ||
		    nspi_search_anr_rows(m->tmp, m->s, text, NSPI_DIRECTORY_MAX_ENTRIES, &a->rows,
					 &a->n) != NSPI_DIRECTORY_OK) {
			a->rows = NULL;
			a->n = 0;
		}
		/* By address: each row of the table is then looked up in O(log n). */
		if (a->n > 1) {
			qsort(a->rows, a->n, sizeof(a->rows[0]), compare_pointers);
		}
	}
	return a->n > 0 && bsearch(&e, a->rows, a->n, sizeof(a->rows[0]), compare_pointers) != NULL;
}

/* ASCII case folding compare of n bytes (UTF-8 bytes above 0x7F compare as they are). */
static int fold_ncmp(const char *a, const char *b, size_t n, bool fold)
{
	return fold ? strncasecmp(a, b, n) : strncmp(a, b, n);
}

static bool content_holds(const char *have, const char *want, uint32_t fuzzy)
{
	bool fold = (fuzzy & FL_IGNORECASE) != 0;
	size_t hl = strlen(have), wl = strlen(want);

	switch (fuzzy & 0xFFFFU) {
	case FL_FULLSTRING:
		return hl == wl && fold_ncmp(have, want, hl, fold) == 0;
	case FL_PREFIX:
		return hl >= wl && fold_ncmp(have, want, wl, fold) == 0;
	case FL_SUBSTRING:
		for (size_t i = 0; i + wl <= hl; i++) {
			if (fold_ncmp(have + i, want, wl, fold) == 0) {
				return true;
			}
		}
		return false;
	}
	return false;
}

static bool relop_holds(int c, uint32_t relop, bool *bad)
{
	switch (relop) {
	case RELOP_LT: return c < 0;
	case RELOP_LE: return c <= 0;
	case RELOP_GT: return c > 0;
	case RELOP_GE: return c >= 0;
	case RELOP_EQ: return c == 0;
	case RELOP_NE: return c != 0;
	}
	*bad = true;	/* RELOP_RE (regular expressions) and unknown operators */
	return false;
}

/* A Property or Content restriction on entry e. */
static bool compare_holds(struct matcher *m, const struct nspi_Restriction_r *res,
			  const struct nspi_entry *e)
{
	bool content = res->rt == RES_CONTENT;
	uint32_t tag = content ? res->res.resContent.ulPropTag : res->res.resProperty.ulPropTag;
	const struct nspi_PropertyValue_r *want = content ? res->res.resContent.lpProp
							  : res->res.resProperty.lpProp;
	uint32_t type = NSPI_PROP_TYPE(tag);
	struct nspi_PropertyValue_r have;
	const char *ws;

	if (want == NULL) {
		m->too_complex = true;
		return false;
	}
	if (NSPI_PROP_ID(tag) == PROP_ID_ANR) {
		return anr_holds(m, res, value_string(m, want), e);
	}
	if (type == NSPI_PT_STRING8 || type == NSPI_PT_UNICODE) {
		ws = value_string(m, want);
		if (ws == NULL || !nspi_row_value(m->tmp, &m->rc, e,
						  (tag & 0xFFFF0000U) | NSPI_PT_UNICODE, &have)) {
			return false;
		}
		if (content) {
			return content_holds(have.Value.lpszW, ws,
					     res->res.resContent.ulFuzzyLevel);
		}
		return relop_holds(strcasecmp(have.Value.lpszW, ws), res->res.resProperty.relop,
				   &m->too_complex);
	}
	if (content || !nspi_row_value(m->tmp, &m->rc, e, tag, &have)) {
		m->too_complex = m->too_complex || (content && type != NSPI_PT_BINARY);
		return false;
	}
	if (type == NSPI_PT_LONG) {
		int32_t a = have.Value.l, b = want->Value.l;

		return relop_holds(a < b ? -1 : a > b, res->res.resProperty.relop, &m->too_complex);
	}
	if (type == NSPI_PT_BINARY && (res->res.resProperty.relop == RELOP_EQ ||
				       res->res.resProperty.relop == RELOP_NE)) {
		bool same = have.Value.bin.cb == want->Value.bin.cb &&
			    (have.Value.bin.cb == 0 ||
			     memcmp(have.Value.bin.lpb, want->Value.bin.lpb,
				    have.Value.bin.cb) == 0);

		return (res->res.resProperty.relop == RELOP_EQ) == same;
	}
	m->too_complex = true;
	return false;
}

static bool holds(struct matcher *m, const struct nspi_Restriction_r *res,
		  const struct nspi_entry *e, unsigned depth)
{
	struct nspi_PropertyValue_r v;
	bool any;

	if (res == NULL || depth > NSPI_RESTRICTION_MAX_DEPTH) {
		m->too_complex = true;
		return false;
	}
	switch (res->rt) {
	case RES_AND:
	case RES_OR:
		if (res->res.resAnd.lpRes == NULL && res->res.resAnd.cRes > 0) {
			m->too_complex = true;	/* a count with no array: malformed */
			return false;
		}
		any = false;
		for (uint32_t i = 0; i < res->res.resAnd.cRes; i++) {
			bool h = holds(m, &res->res.resAnd.lpRes[i], e, depth + 1);

			if (res->rt == RES_AND && !h) {
				return false;
			}
			any = any || h;
		}
		return res->rt == RES_AND ? true : any;
	case RES_NOT:
		return !holds(m, res->res.resNot.lpRes, e, depth + 1);
	case RES_CONTENT:
	case RES_PROPERTY:
		return compare_holds(m, res, e);
	case RES_EXIST:
		return nspi_row_value(m->tmp, &m->rc, e, res->res.resExist.ulPropTag, &v);
	}
	m->too_complex = true;	/* compare-props, bitmask, size, sub-object restrictions */
	return false;
}

/* Rule 8: the container's rows the filter holds for, in order, at most max (else TableTooBig). */
static uint32_t filter_table(struct matcher *m, const struct nspi_Restriction_r *filter,
			     const struct nspi_STAT *stat, uint32_t max, uint32_t *mids,
			     uint32_t *n_r)
{
	struct nspi_rows rows;
	uint32_t n = 0;
	uint32_t status = nspi_browse_stat_rows(m->s, stat, &rows);	/* rule 7 */

	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	for (uint32_t i = 0; i < rows.count; i++) {
		const struct nspi_entry *e = rows.rows[i];

		if (holds(m, filter, e, 0)) {
			if (n >= max) {
				return MAPI_E_TABLE_TOO_BIG;	/* rules 17, 18 */
			}
			mids[n++] = e->mid;
		}
		if (m->too_complex) {
			return MAPI_E_TOO_COMPLEX;
		}
		if (m->failed) {
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
		return r->out.result == 0 ? NSPI_FAULT_CONTEXT_MISMATCH : 0;
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
