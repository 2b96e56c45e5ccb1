/*
 * Fuzz target: entry IDs (MS-OXCDATA 2.2.4, 2.2.5; MS-OXNSPI 2.2.9) and RecipientRows (2.8.3),
 * libmapi/wire mapi_entryid and mapi_recipientrow. The first input byte chooses the decoder
 * (its value modulo 7: folder, message, store, permanent, ephemeral, one-off, RecipientRow with
 * a fixed recipient column set); the rest is the bytes. Whatever decodes must re-encode to
 * exactly the bytes it consumed, and the kind classifier must not read past the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_entryid.h"
#include "mapi_recipientrow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the MS-OXCMSG 4.7.1 recipient columns */
static const uint32_t tags[] = {
	0x0FFE0003, 0x39000003, 0x39FF001F, 0x39FE001F, 0x3A710003, 0x39050003,
	0x5FF6001F, 0x5FFD0003, 0x5FFF0003, 0x5FDE0003, 0x5FDF0003, 0x5FF70102,
};

static uint32_t one(TALLOC_CTX *ctx, unsigned kind, const uint8_t *p, size_t n,
		    struct mapi_propval_writer *w, size_t *used)
{
	const struct mapi_proptag_array cols = { 12, (uint32_t *)tags };
	union {
		struct mapi_folder_entryid f;
		struct mapi_message_entryid m;
		struct mapi_store_entryid s;
		struct mapi_ab_entryid a;
		struct mapi_ab_ephemeral_entryid e;
		struct mapi_oneoff_entryid o;
		struct mapi_recipientrow r;
	} u;
	struct mapi_propval_reader r;
	uint32_t st;

	*used = n;
	switch (kind) {
	case 0:
		st = mapi_entryid_pull_folder(p, n, &u.f);
		return st != 0 ? st : mapi_entryid_push_folder(w, &u.f);
	case 1:
		st = mapi_entryid_pull_message(p, n, &u.m);
		return st != 0 ? st : mapi_entryid_push_message(w, &u.m);
	case 2:
		st = mapi_entryid_pull_store(ctx, p, n, &u.s);
		return st != 0 ? st : mapi_entryid_push_store(w, &u.s);
	case 3:
		st = mapi_entryid_pull_ab(ctx, p, n, &u.a);
		return st != 0 ? st : mapi_entryid_push_ab(w, &u.a);
	case 4:
		st = mapi_entryid_pull_ephemeral(p, n, &u.e);
		return st != 0 ? st : mapi_entryid_push_ephemeral(w, &u.e);
	case 5:
		st = mapi_entryid_pull_oneoff(ctx, p, n, &u.o);
		return st != 0 ? st : mapi_entryid_push_oneoff(w, &u.o);
	default:
		mapi_propval_reader_init(&r, p, n, MAPI_PROPVAL_ROP, NULL);
		st = mapi_recipientrow_pull(ctx, &r, &cols, &u.r);
		*used = r.off;
		return st != 0 ? st : mapi_recipientrow_push(w, &cols, &u.r);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mapi_propval_writer w;
	TALLOC_CTX *ctx;
	size_t used;

	if (size < 1) {
		return 0;
	}
	ctx = talloc_new(NULL);
	(void)mapi_entryid_kind(data + 1, size - 1);
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	if (one(ctx, data[0] % 7, data + 1, size - 1, &w, &used) == 0 &&
	    (w.len != used || memcmp(w.data, data + 1, used) != 0)) {
		abort();
	}
	talloc_free(ctx);
	return 0;
}
