/*
 * bench_store_bulk.c — see bench_store_bulk.h.
 */
#include <stdio.h>

#include "bench_store_bulk.h"
#include "mapi_props.h"
#include "mapistore_private.h"

#define BULK_BATCH 10000U

static uint32_t put_value(struct mapistore_mailbox *mbox, TALLOC_CTX *tmp, uint64_t id,
			  const struct mapi_propval *pv)
{
	uint8_t *data;
	size_t len;
	uint32_t status = mapistore_prop_encode(tmp, mbox, pv, &data, &len);
	if (status == MAPI_E_SUCCESS)
		status = MS_VF(mbox)->prop_put(MS_BE(mbox), mbox->rec.mailbox_id, id, pv->tag, data, len);
	return status;
}

static uint32_t bulk_one(struct mapistore_mailbox *mbox, TALLOC_CTX *tmp, uint64_t fid, uint64_t mid,
			 uint32_t num, uint64_t *state)
{
	struct mapistore_record rec = { .id = mid, .parent_id = fid, .kind = MAPISTORE_KIND_MESSAGE };
	uint32_t status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, &rec);
	char subject[32];
	snprintf(subject, sizeof(subject), "message %u", num);
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	struct mapi_propval pv[3] = {
		{ .tag = PidTagSubject, .flag = MAPI_PROPVAL_FLAG_VALUE, .v.str = subject },
		{ .tag = PidTagMessageDeliveryTime, .flag = MAPI_PROPVAL_FLAG_VALUE,
		  .v.time = 130000000000000000ULL + (*state >> 20) % 100000000000000ULL },
		{ .tag = PidTagImportance, .flag = MAPI_PROPVAL_FLAG_VALUE, .v.i32 = (int32_t)(num % 3) },
	};
	for (int i = 0; status == MAPI_E_SUCCESS && i < 3; i++)
		status = put_value(mbox, tmp, mid, &pv[i]);
	return status;
}

uint32_t bench_store_bulk_messages(struct mapistore_mailbox *mbox, uint64_t fid, uint32_t n, uint64_t seed)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint64_t *mids = talloc_array(tmp, uint64_t, BULK_BATCH);
	uint64_t state = seed;
	uint32_t status = mids == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
	for (uint32_t done = 0; status == MAPI_E_SUCCESS && done < n;) {
		uint32_t batch = n - done < BULK_BATCH ? n - done : BULK_BATCH;
		status = mapistore_txn_begin(mbox);
		if (status != MAPI_E_SUCCESS)
			break;
		status = mapistore_alloc_ids(mbox, batch, mids);
		for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < batch; i++) {
			TALLOC_CTX *one = talloc_new(tmp);
			status = bulk_one(mbox, one, fid, mids[i], done + i, &state);
			talloc_free(one);
		}
		status = mapistore_txn_end(mbox, status);
		done += batch;
	}
	talloc_free(tmp);
	return status;
}
