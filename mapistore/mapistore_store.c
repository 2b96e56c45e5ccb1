/*
 * mapistore_store.c — the backend registry, opening a store by URL, and the transaction and ID
 * helpers every other mapistore file uses.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mapistore_private.h"

#define MAPISTORE_REGISTRY_SIZE 16

static const struct mapistore_backend_vfuncs *registry[MAPISTORE_REGISTRY_SIZE];

/* Every function pointer of a table is mandatory (mapistore_backend.h). */
static bool vfuncs_complete(const struct mapistore_backend_vfuncs *v)
{
	return v->scheme != NULL && v->open != NULL && v->begin != NULL && v->commit != NULL &&
	       v->rollback != NULL && v->counter_reserve != NULL && v->counter_peek != NULL &&
	       v->mailbox_put != NULL && v->mailbox_get != NULL && v->mailbox_list != NULL &&
	       v->record_put != NULL && v->record_get != NULL && v->record_delete != NULL &&
	       v->record_children != NULL && v->record_all != NULL && v->prop_put != NULL &&
	       v->prop_get != NULL && v->prop_delete != NULL && v->prop_list != NULL &&
	       v->namedprop_put != NULL && v->namedprop_find != NULL && v->namedprop_get != NULL &&
	       v->stats != NULL && v->check != NULL && v->record_children_props != NULL &&
	       v->gc != NULL;
}

uint32_t mapistore_backend_register(const struct mapistore_backend_vfuncs *vfuncs)
{
	if (vfuncs == NULL || vfuncs->abi_version != MAPISTORE_BACKEND_ABI_VERSION ||
	    vfuncs->size < sizeof(struct mapistore_backend_vfuncs) || !vfuncs_complete(vfuncs))
		return MAPI_E_INVALID_PARAMETER;
	for (unsigned i = 0; i < MAPISTORE_REGISTRY_SIZE; i++) {
		if (registry[i] == vfuncs)
			return MAPI_E_SUCCESS;
		if (registry[i] == NULL) {
			registry[i] = vfuncs;
			return MAPI_E_SUCCESS;
		}
	}
	return MAPI_E_NOT_ENOUGH_RESOURCES;
}

/* The registered table whose scheme is the part of url before "://". */
static const struct mapistore_backend_vfuncs *find_backend(const char *url)
{
	const char *sep = strstr(url, "://");
	if (sep == NULL)
		return NULL;
	size_t len = (size_t)(sep - url);
	for (unsigned i = 0; i < MAPISTORE_REGISTRY_SIZE && registry[i] != NULL; i++) {
		if (strlen(registry[i]->scheme) == len && strncmp(registry[i]->scheme, url, len) == 0)
			return registry[i];
	}
	return NULL;
}

uint32_t mapistore_open(TALLOC_CTX *mem_ctx, const char *url, struct mapistore **store_r)
{
	if (url == NULL || store_r == NULL)
		return MAPI_E_INVALID_PARAMETER;
	const struct mapistore_backend_vfuncs *vf = find_backend(url);
	if (vf == NULL)
		return ecBadConfig;
	struct mapistore *store = talloc_zero(mem_ctx, struct mapistore);
	if (store == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	store->vf = vf;
	uint32_t status = vf->open(store, url, &store->be);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(store);
		return status;
	}
	*store_r = store;
	return MAPI_E_SUCCESS;
}

const struct mapistore_backend_vfuncs *mapistore_vfuncs(const struct mapistore *store)
{
	return store->vf;
}

struct mapistore_backend *mapistore_backend(const struct mapistore *store)
{
	return store->be;
}

uint32_t mapistore_txn_begin(struct mapistore_mailbox *mbox)
{
	return MS_VF(mbox)->begin(MS_BE(mbox));
}

uint32_t mapistore_txn_end(struct mapistore_mailbox *mbox, uint32_t status)
{
	// Many ec* failures (ecParameterOverflow, ecJetError, ecServerBusy...) lack the severity bit
	// (MS-OXCDATA 2.4.1), so only success and the partial-completion warning commit.
	if (status != MAPI_E_SUCCESS && status != MAPI_W_ERRORS_RETURNED) {
		MS_VF(mbox)->rollback(MS_BE(mbox));
		return status;
	}
	uint32_t commit = MS_VF(mbox)->commit(MS_BE(mbox));
	return commit != MAPI_E_SUCCESS ? commit : status;
}

uint32_t mapistore_alloc_ids(struct mapistore_mailbox *mbox, uint64_t count, uint64_t *ids_r)
{
	uint64_t first;
	uint32_t status = MS_VF(mbox)->counter_reserve(MS_BE(mbox), mbox->rec.mailbox_id,
						       MAPISTORE_COUNTER_GLOBCNT, count, &first);
	if (status != MAPI_E_SUCCESS)
		return status;
	// MS-OXCFXICS 2.2.2.1: one 48-bit GLOBCNT space per replica, never reused.
	if (first + count - 1 > MAPISTORE_ID_GLOBCNT_MAX)
		return ecParameterOverflow;
	for (uint64_t i = 0; i < count; i++) {
		status = mapistore_id_make(MAPISTORE_ID_REPLID_MAILBOX, first + i, &ids_r[i]);
		if (status != MAPI_E_SUCCESS)
			return status;
	}
	return MAPI_E_SUCCESS;
}

/*
 * Attachments and recipients have no FID/MID; their record IDs use REPLID 0, which no FID or MID
 * ever has (MS-OXCSTOR 3.2.5.8), so the two kinds of ID never collide in one mailbox.
 */
uint32_t mapistore_alloc_object_id(struct mapistore_mailbox *mbox, uint64_t *id_r)
{
	uint64_t n;
	uint32_t status = MS_VF(mbox)->counter_reserve(MS_BE(mbox), mbox->rec.mailbox_id,
						       MAPISTORE_COUNTER_OBJECT, 1, &n);
	if (status != MAPI_E_SUCCESS)
		return status;
	if (n > MAPISTORE_ID_GLOBCNT_MAX)
		return ecParameterOverflow;
	*id_r = n << 16;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_record(struct mapistore_mailbox *mbox, uint64_t id, struct mapistore_record *rec_r)
{
	return MS_VF(mbox)->record_get(MS_BE(mbox), mbox->rec.mailbox_id, id, rec_r);
}

uint32_t mapistore_live_record(struct mapistore_mailbox *mbox, uint64_t id, enum mapistore_kind kind,
			       struct mapistore_record *rec_r)
{
	uint32_t status = mapistore_record(mbox, id, rec_r);
	if (status != MAPI_E_SUCCESS)
		return status;
	if (rec_r->kind != (uint32_t)kind)
		return MAPI_E_NO_SUPPORT;
	return (rec_r->flags & MAPISTORE_RECORD_DELETED) != 0 ? MAPI_E_NOT_FOUND : MAPI_E_SUCCESS;
}

/* How many MIDs a handle reserves at a time: fewer commits for a stream of new messages. */
#define MAPISTORE_ID_RANGE 32

uint32_t mapistore_reserve_id(struct mapistore_mailbox *mbox, uint64_t *id_r)
{
	if (mbox->id_next == mbox->id_end) {
		uint64_t first = 0;
		uint32_t status;
		unsigned attempt = 0;
		do {
			status = mapistore_txn_begin(mbox);
			if (status != MAPI_E_SUCCESS)
				continue;
			status = MS_VF(mbox)->counter_reserve(MS_BE(mbox), mbox->rec.mailbox_id,
							      MAPISTORE_COUNTER_GLOBCNT, MAPISTORE_ID_RANGE, &first);
			// Near the end of the 48-bit space take what is left rather than nothing.
			if (status == MAPI_E_SUCCESS && first > MAPISTORE_ID_GLOBCNT_MAX)
				status = ecParameterOverflow;
			status = mapistore_txn_end(mbox, status);
		} while (mapistore_txn_retry(status, &attempt));
		if (status != MAPI_E_SUCCESS)
			return status;
		mbox->id_next = first;
		mbox->id_end = first + MAPISTORE_ID_RANGE;
		if (mbox->id_end > MAPISTORE_ID_GLOBCNT_MAX + 1)
			mbox->id_end = MAPISTORE_ID_GLOBCNT_MAX + 1;
	}
	return mapistore_id_make(MAPISTORE_ID_REPLID_MAILBOX, mbox->id_next++, id_r);
}

/* Attempts at a transaction that lost a lock conflict (deadlock, busy timeout) before giving up. */
#define MAPISTORE_TXN_ATTEMPTS 8

bool mapistore_txn_retry(uint32_t status, unsigned *attempt)
{
	if (status != ecServerBusy || *attempt + 1 >= MAPISTORE_TXN_ATTEMPTS)
		return false;
	// The other transaction holds its locks until it commits: back off a little, more each time,
	// with jitter so two losers do not collide again.
	long ms = (1L << *attempt) + (long)(random() % 8);
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
	(*attempt)++;
	return true;
}
