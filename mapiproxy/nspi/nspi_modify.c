/*
 * nspi_modify: NspiModProps and NspiModLinkAtt (MS-OXNSPI 3.1.4.1.14, 3.1.4.1.15).
 */
#include <string.h>
#include <strings.h>

#include "nspi_modify.h"
#include "nspi_attrmap.h"
#include "nspi_browse.h"
#include "nspi_row.h"
#include "nspi_session.h"
#include "nspi_table.h"
#include "mapi_guid.h"
#include "mapi_le.h"
#include "mapi_status.h"

#define CP_WINUNICODE 1200
#define NSPI_FDELETE 0x00000001U		/* NspiModLinkAtt dwFlags (2.2.1.11) */
#define PROP_ID_MEMBER 0x8009U		/* PidTagAddressBookMember */
#define NSPI_DT_DISTLIST 1U

static const uint8_t guid_nspi[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
				       0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };

/* The entry a Permanent (2.2.9.3) or Ephemeral (2.2.9.2) Entry ID names, or NULL. */
static struct nspi_entry *entry_of_id(struct engine_context *ctx, struct nspi_session *s,
				      const struct nspi_Binary_r *id)
{
	uint8_t guid[16];

	if (id->lpb == NULL || id->cb < 28) {
		return NULL;
	}
	if (id->lpb[0] == 0x87 && id->cb == 32) {
		mapi_guid_to_wire(&ctx->server_guid, guid);
		return memcmp(id->lpb + 4, guid, 16) == 0
		       ? nspi_table_find(s->table, mapi_le32_get(id->lpb + 28)) : NULL;
	}
	if (id->lpb[0] != 0x00 || memcmp(id->lpb + 4, guid_nspi, 16) != 0 || id->cb == 28 ||
	    id->lpb[id->cb - 1] != '\0') {
		return NULL;	/* the DN must be NUL-terminated inside the value */
	}
	return nspi_table_find_ab_dn(s->table, (const char *)id->lpb + 28);
}

/* True if the element holds that DN value already (ldb's DN comparison). */
static bool has_dn(struct ldb_context *ldb, const struct ldb_message_element *el,
		   struct ldb_dn *dn)
{
	for (unsigned i = 0; el != NULL && i < el->num_values; i++) {
		struct ldb_dn *v = ldb_dn_from_ldb_val(NULL, ldb, &el->values[i]);
		bool same = v != NULL && ldb_dn_compare(v, dn) == 0;

		talloc_free(v);
		if (same) {
			return true;
		}
	}
	return false;
}

/* Reads e's attributes again after a change, so later calls see it. */
static void refresh(struct nspi_session *s, struct nspi_entry *e)
{
	struct ldb_result *res;

	if (nspi_directory_search(e, s->ldb, e->msg->dn, LDB_SCOPE_BASE, "(objectClass=*)",
				  nspi_attrmap_attributes(), 1, &res) == NSPI_DIRECTORY_OK &&
	    res->count == 1) {
		talloc_free(e->msg);
		e->msg = talloc_steal(e, res->msgs[0]);
	}
}

/* The modify message: the member values to add (or delete) that are not (or are) there yet. */
static uint32_t link_message(TALLOC_CTX *mem_ctx, struct engine_context *ctx,
			     struct nspi_session *s, struct nspi_entry *e,
			     const struct nspi_BinaryArray_r *ids, bool del,
			     struct ldb_message **msg_r)
{
	struct ldb_message *msg = ldb_msg_new(mem_ctx);
	struct ldb_message_element *have = ldb_msg_find_element(e->msg, "member");
	struct ldb_message_element *el;

	if (msg == NULL || ldb_msg_add_empty(msg, "member", del ? LDB_FLAG_MOD_DELETE
							       : LDB_FLAG_MOD_ADD, &el) != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->dn = e->msg->dn;
	for (uint32_t i = 0; i < ids->cValues; i++) {
		struct nspi_entry *target = entry_of_id(ctx, s, &ids->lpbin[i]);
		const char *dn;

		if (target == NULL || target->msg->dn == NULL) {
			continue;	/* an ID naming nothing the caller can see adds nothing */
		}
		/* Rules 6, 7: values already there (or absent, to delete) are ignored. */
		if (has_dn(s->ldb, have, target->msg->dn) != del) {
			continue;
		}
		dn = ldb_dn_get_linearized(target->msg->dn);
		if (dn == NULL || ldb_msg_add_string(msg, "member", dn) != 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	*msg_r = msg;
	return MAPI_E_SUCCESS;
}

/* MS-OXNSPI 3.1.4.1.15: only PidTagAddressBookMember of a distribution list is writable here. */
uint32_t nspi_modify_mod_link_att(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				  const struct engine_caller *caller, void *rv)
{
	struct NspiModLinkAtt *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_entry *e;
	struct ldb_message *msg = NULL;

	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	if (NSPI_PROP_ID(r->in.ulPropTag) != PROP_ID_MEMBER) {
		r->out.result = MAPI_E_NOT_FOUND;	/* rule 3 */
		return 0;
	}
	e = nspi_table_find(s->table, r->in.dwMId);
	if (e == NULL || r->in.lpEntryIds->cValues > NSPI_MODLINK_MAX_IDS) {
		r->out.result = MAPI_E_INVALID_PARAMETER;	/* rule 4 */
		return 0;
	}
	if (nspi_row_display_type(e) != NSPI_DT_DISTLIST || s->ldb == NULL) {
		r->out.result = MAPI_E_NO_ACCESS;	/* rule 5 */
		return 0;
	}
	r->out.result = link_message(mem_ctx, ctx, s, e, r->in.lpEntryIds,
				     (r->in.dwFlags & NSPI_FDELETE) != 0, &msg);
	if (r->out.result != MAPI_E_SUCCESS || msg->elements[0].num_values == 0) {
		return 0;	/* nothing to change is a success */
	}
	if (nspi_directory_modify(s->ldb, msg) != NSPI_DIRECTORY_OK) {
		r->out.result = MAPI_E_NO_ACCESS;	/* rule 8: the directory refused */
		return 0;
	}
	refresh(s, e);
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

/* Adds the values of v to msg for attribute attr (strings as UTF-8, binaries as they are). */
static bool add_values(struct ldb_message *msg, const char *attr,
		       const struct nspi_PropertyValue_r *v, uint32_t cp)
{
	uint32_t type = NSPI_PROP_TYPE(v->ulPropTag);
	struct ldb_val val;

	switch (type) {
	case NSPI_PT_UNICODE:
		return v->Value.lpszW != NULL && ldb_msg_add_string(msg, attr, v->Value.lpszW) == 0;
	case NSPI_PT_STRING8: {
		char *s = v->Value.lpszA != NULL ? nspi_row_from_codepage(msg, v->Value.lpszA, cp)
						 : NULL;

		return s != NULL && ldb_msg_add_string(msg, attr, s) == 0;
	}
	case NSPI_PT_BINARY:
		val = data_blob_const(v->Value.bin.lpb, v->Value.bin.cb);
		return ldb_msg_add_value(msg, attr, &val, NULL) == 0;
	case NSPI_PT_MV_BINARY:
		for (uint32_t i = 0; i < v->Value.MVbin.cValues; i++) {
			val = data_blob_const(v->Value.MVbin.lpbin[i].lpb,
					      v->Value.MVbin.lpbin[i].cb);
			if (ldb_msg_add_value(msg, attr, &val, NULL) != 0) {
				return false;
			}
		}
		return true;
	case NSPI_PT_MV_UNICODE:
		for (uint32_t i = 0; i < v->Value.MVszW.cValues; i++) {
			if (ldb_msg_add_string(msg, attr, v->Value.MVszW.lppszW[i]) != 0) {
				return false;
			}
		}
		return true;
	}
	return false;
}

/* A directory attribute a client may write through NspiModProps: mapped, stored, not a link. */
static const struct nspi_attrmap_entry *writable(uint32_t tag)
{
	const struct nspi_attrmap_entry *m = nspi_attrmap_find(tag);
	uint32_t type = NSPI_PROP_TYPE(tag);

	if (m == NULL || m->source != NSPI_SRC_ATTRIBUTE ||
	    NSPI_PROP_TYPE(m->tag) == NSPI_PT_OBJECT ||
	    (type != NSPI_PROP_TYPE(m->tag) && !nspi_attrmap_is_string_type(type))) {
		return NULL;
	}
	return m;
}

/* Rules 8-10: every listed property emptied, then given the row's values. */
static uint32_t props_message(TALLOC_CTX *mem_ctx, const struct NspiModProps *r,
			      struct ldb_dn *dn, struct ldb_message **msg_r)
{
	struct ldb_message *msg = ldb_msg_new(mem_ctx);
	const struct nspi_PropertyRow_r *row = r->in.pRow;

	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->dn = dn;
	for (uint32_t i = 0; i < r->in.pPropTags->cValues; i++) {
		const struct nspi_attrmap_entry *m = writable(r->in.pPropTags->aulPropTag[i]);

		if (m == NULL || ldb_msg_find_element(msg, m->attribute) != NULL) {
			continue;
		}
		if (ldb_msg_add_empty(msg, m->attribute, LDB_FLAG_MOD_REPLACE, NULL) != 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	for (uint32_t i = 0; row != NULL && i < row->cValues; i++) {
		const struct nspi_attrmap_entry *m = writable(row->lpProps[i].ulPropTag);
		struct ldb_message_element *el;

		if (m == NULL) {
			return MAPI_E_NO_ACCESS;	/* rule 11: not something we may write */
		}
		el = ldb_msg_find_element(msg, m->attribute);
		if (el == NULL &&
		    ldb_msg_add_empty(msg, m->attribute, LDB_FLAG_MOD_REPLACE, NULL) != 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		if (!add_values(msg, m->attribute, &row->lpProps[i], r->in.pStat->CodePage)) {
			return MAPI_E_NO_ACCESS;
		}
	}
	/* ldb_msg_add_value appends new elements: merge them into their REPLACE element. */
	if (ldb_msg_normalize(NULL, mem_ctx, msg, msg_r) != LDB_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (unsigned i = 0; i < (*msg_r)->num_elements; i++) {
		(*msg_r)->elements[i].flags = LDB_FLAG_MOD_REPLACE;
	}
	return MAPI_E_SUCCESS;
}

/* MS-OXNSPI 3.1.4.1.14 */
uint32_t nspi_modify_mod_props(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			       const struct engine_caller *caller, void *rv)
{
	struct NspiModProps *r = rv;
	struct nspi_session *s = nspi_browse_session(ctx, caller, &r->in.hRpc, &r->out.result);
	struct nspi_entry *e;
	struct ldb_message *msg = NULL;

	if (s == NULL) {
		return nspi_browse_no_session(r->out.result);
	}
	if (r->in.pStat->CodePage == CP_WINUNICODE) {
		r->out.result = MAPI_E_UNKNOWN_CPID;	/* rule 1 */
		return 0;
	}
	e = nspi_table_find(s->table, r->in.pStat->CurrentRec);
	if (r->in.pPropTags == NULL || e == NULL) {
		r->out.result = MAPI_E_INVALID_PARAMETER;	/* rules 5, 6 */
		return 0;
	}
	if (s->ldb == NULL || r->in.pPropTags->cValues > NSPI_ROW_MAX_TAGS) {
		r->out.result = MAPI_E_NO_ACCESS;
		return 0;
	}
	r->out.result = props_message(mem_ctx, r, e->msg->dn, &msg);
	if (r->out.result != MAPI_E_SUCCESS || msg->num_elements == 0) {
		return 0;
	}
	if (nspi_directory_modify(s->ldb, msg) != NSPI_DIRECTORY_OK) {
		r->out.result = MAPI_E_NO_ACCESS;	/* rule 11 */
		return 0;
	}
	refresh(s, e);
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}
