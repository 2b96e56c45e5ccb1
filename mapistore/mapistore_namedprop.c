/*
 * mapistore_namedprop.c — the per-mailbox map between named properties (GUID + LID or name,
 * MS-OXCDATA 2.6.1) and property IDs 0x8000..0xFFFE (MS-OXCPRPT 2.2.12, 3.2.5.10).
 */
#include <string.h>

#include "mapi_props.h"
#include "mapistore_private.h"

/* MS-OXCPRPT 2.2.12.2: at most 32,767 named properties (0x8000..0xFFFE). */
#define NAMEDPROP_FIRST 0x8000U
#define NAMEDPROP_LAST 0xFFFEU
#define NAMEDPROP_NAME_MAX 255

/* PS_MAPI (MS-OXPROPS 1.3.2) maps tagged properties, never named ones. */
static bool is_ps_mapi(const struct GUID *guid)
{
	static const uint8_t ps_mapi[16] = { 0x28, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
					     0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };
	uint8_t wire[16];
	mapi_guid_to_wire(guid, wire);
	return memcmp(wire, ps_mapi, 16) == 0;
}

static bool name_ok(const struct mapistore_propname *pn)
{
	if (pn->kind == 0)
		return true;
	return pn->kind == 1 && pn->name != NULL && pn->name[0] != '\0' && strlen(pn->name) <= NAMEDPROP_NAME_MAX;
}

static void to_record(const struct mapistore_propname *pn, struct mapistore_namedprop_record *np)
{
	np->guid = pn->guid;
	np->kind = pn->kind;
	np->lid = pn->kind == 0 ? pn->lid : 0;
	np->name = pn->kind == 1 ? pn->name : "";
}

/* One name: find, or create when asked. *id_r is 0 when it cannot be mapped. */
static uint32_t map_one(struct mapistore_mailbox *mbox, const struct mapistore_propname *pn, bool create,
			uint16_t *id_r)
{
	*id_r = 0;
	// MS-OXCPRPT 2.2.12.2: PS_MAPI names and bad kinds are not mapped.
	if (is_ps_mapi(&pn->guid) || !name_ok(pn))
		return MAPI_E_SUCCESS;
	struct mapistore_namedprop_record np = { 0 };
	to_record(pn, &np);
	uint32_t status = MS_VF(mbox)->namedprop_find(MS_BE(mbox), mbox->rec.mailbox_id, &np, id_r);
	if (status != MAPI_E_NOT_FOUND || !create)
		return status == MAPI_E_NOT_FOUND ? MAPI_E_SUCCESS : status;
	uint64_t n;
	status = MS_VF(mbox)->counter_reserve(MS_BE(mbox), mbox->rec.mailbox_id, MAPISTORE_COUNTER_NAMEDPROP, 1, &n);
	if (status != MAPI_E_SUCCESS)
		return status;
	// The hard limit of 32,767 names: the name stays unmapped (0x0000).
	if (n - 1 > NAMEDPROP_LAST - NAMEDPROP_FIRST)
		return MAPI_E_SUCCESS;
	np.propid = (uint16_t)(NAMEDPROP_FIRST + n - 1);
	status = MS_VF(mbox)->namedprop_put(MS_BE(mbox), mbox->rec.mailbox_id, &np);
	if (status == MAPI_E_SUCCESS)
		*id_r = np.propid;
	return status;
}

static uint32_t map_all(struct mapistore_mailbox *mbox, const struct mapistore_propname *names, uint32_t n,
			bool create, uint16_t *ids_r, bool *missing_r)
{
	uint32_t status = MAPI_E_SUCCESS;
	*missing_r = false;
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < n; i++) {
		status = map_one(mbox, &names[i], create, &ids_r[i]);
		*missing_r = *missing_r || ids_r[i] == 0;
	}
	// Another session registered the same name first: run again in a fresh transaction to find it.
	return status == ecDuplicateName ? ecServerBusy : status;
}

uint32_t mapistore_namedprop_ids(struct mapistore_mailbox *mbox, const struct mapistore_propname *names,
				 uint32_t n, bool create, uint16_t *ids_r)
{
	uint32_t status;
	unsigned attempt = 0;
	bool missing = false;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, map_all(mbox, names, n, create, ids_r, &missing));
	} while (mapistore_txn_retry(status, &attempt));
	// MS-OXCPRPT 3.2.5.10: names that could not be mapped are the ErrorsReturned warning.
	return status == MAPI_E_SUCCESS && missing ? MAPI_W_ERRORS_RETURNED : status;
}

uint32_t mapistore_namedprop_names(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, const uint16_t *ids,
				   uint32_t n, struct mapistore_propname **names_r, uint32_t **status_r)
{
	struct mapistore_propname *names = talloc_zero_array(mem_ctx, struct mapistore_propname, n > 0 ? n : 1);
	uint32_t *st = talloc_zero_array(names, uint32_t, n > 0 ? n : 1);
	if (names == NULL || st == NULL) {
		talloc_free(names);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < n; i++) {
		struct mapistore_namedprop_record np;
		st[i] = ids[i] < NAMEDPROP_FIRST ? MAPI_E_NOT_FOUND
			: MS_VF(mbox)->namedprop_get(MS_BE(mbox), names, mbox->rec.mailbox_id, ids[i], &np);
		if (st[i] != MAPI_E_SUCCESS)
			continue;
		names[i].guid = np.guid;
		names[i].kind = np.kind;
		names[i].lid = np.lid;
		names[i].name = np.kind == 1 ? np.name : NULL;
	}
	*names_r = names;
	*status_r = st;
	return MAPI_E_SUCCESS;
}
