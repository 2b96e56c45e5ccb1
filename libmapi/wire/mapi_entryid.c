/*
 * Entry IDs (MS-OXCDATA 2.2.4, 2.2.5; MS-OXNSPI 2.2.9). Every pull reads a whole binary value
 * through a libmapi/wire reader and requires every byte to be consumed.
 */
#include <string.h>

#include "mapi_entryid.h"

/* MS-OXCDATA 2.2.4.3 ProviderUID and DLLFileName ("EMSMDB.DLL" and four zero bytes) */
static const uint8_t store_provider[16] = {
	0x38, 0xA1, 0xBB, 0x10, 0x05, 0xE5, 0x10, 0x1A,
	0xA1, 0xBB, 0x08, 0x00, 0x2B, 0x2A, 0x56, 0xC2,
};
static const uint8_t store_dll[14] = {
	0x45, 0x4D, 0x53, 0x4D, 0x44, 0x42, 0x2E, 0x44, 0x4C, 0x4C, 0x00, 0x00, 0x00, 0x00,
};
/* MS-OXCDATA 2.2.5.2 ProviderUID (MS-OXNSPI 2.2.1.7, the Permanent Entry ID GUID) */
static const uint8_t ab_provider[16] = {
	0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
	0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82,
};
/* MS-OXCDATA 2.2.5.1 ProviderUID */
static const uint8_t oneoff_provider[16] = {
	0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
	0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02,
};
static const uint8_t zeros[16];

#define EPHEMERAL_ID_TYPE 0x87		/* MS-OXNSPI 2.2.9.2 ID Type */
#define AB_RESERVED_R4 0x00000001	/* R4 / Version, MS-OXNSPI 2.2.9.2-3 */

enum mapi_entryid_kind mapi_entryid_kind(const uint8_t *p, size_t len)
{
	if (p == NULL || len < 20) {
		return MAPI_ENTRYID_UNKNOWN;
	}
	if (p[0] == EPHEMERAL_ID_TYPE) {
		return MAPI_ENTRYID_AB_EPHEMERAL;
	}
	if (memcmp(p + 4, store_provider, 16) == 0) {
		return MAPI_ENTRYID_STORE;
	}
	if (memcmp(p + 4, ab_provider, 16) == 0) {
		return MAPI_ENTRYID_AB_PERMANENT;
	}
	if (memcmp(p + 4, oneoff_provider, 16) == 0) {
		return MAPI_ENTRYID_ONEOFF;
	}
	if (len == MAPI_ENTRYID_FOLDER_SIZE) {
		return MAPI_ENTRYID_FOLDER;
	}
	if (len == MAPI_ENTRYID_MESSAGE_SIZE) {
		return MAPI_ENTRYID_MESSAGE;
	}
	return MAPI_ENTRYID_UNKNOWN;
}

/* n bytes into out (out may be NULL to skip). */
static uint32_t take(struct mapi_propval_reader *r, void *out, size_t n)
{
	const uint8_t *p = mapi_propval_pull_bytes(r, n);

	if (p == NULL) {
		return ecRpcFormat;
	}
	if (out != NULL) {
		memcpy(out, p, n);
	}
	return 0;
}

/* n bytes that MUST equal want. */
static uint32_t expect(struct mapi_propval_reader *r, const uint8_t *want, size_t n)
{
	const uint8_t *p = mapi_propval_pull_bytes(r, n);

	return p != NULL && memcmp(p, want, n) == 0 ? 0 : ecRpcFormat;
}

static uint32_t expect_u32(struct mapi_propval_reader *r, uint32_t want)
{
	uint32_t v;
	uint32_t st = mapi_propval_pull_u32(r, &v);

	return st != 0 || v == want ? st : ecRpcFormat;
}


/* Flags (4 bytes, MUST be 0) and ProviderUID; provider NULL: any, copied into uid. */
static uint32_t pull_head(struct mapi_propval_reader *r, const uint8_t *provider, uint8_t *uid)
{
	uint32_t st = expect_u32(r, 0);

	if (st != 0) {
		return st;
	}
	return provider != NULL ? expect(r, provider, 16) : take(r, uid, 16);
}

static uint32_t push_head(struct mapi_propval_writer *w, const uint8_t *provider)
{
	uint32_t st = mapi_propval_push_u32(w, 0);

	return st != 0 ? st : mapi_propval_push_bytes(w, provider, 16);
}

static uint32_t done(const struct mapi_propval_reader *r, uint32_t st)
{
	return st == 0 && mapi_propval_reader_left(r) != 0 ? ecRpcFormat : st;
}

static bool folder_type_ok(uint16_t t)
{
	return t == MAPI_ENTRYID_PRIVATE_FOLDER || t == MAPI_ENTRYID_PUBLIC_FOLDER ||
	       t == MAPI_ENTRYID_MAPPED_PUBLIC_FOLDER || t == MAPI_ENTRYID_PUBLIC_NEWSGROUP_FOLDER;
}

static bool message_type_ok(uint16_t t)
{
	return t == MAPI_ENTRYID_PRIVATE_MESSAGE || t == MAPI_ENTRYID_PUBLIC_MESSAGE ||
	       t == MAPI_ENTRYID_MAPPED_PUBLIC_MESSAGE;
}

/* DatabaseGuid (16), GlobalCounter (6), Pad (2, MUST be zero): MS-OXCDATA 2.2.4.1-2 */
static uint32_t pull_ltid(struct mapi_propval_reader *r, uint8_t *guid, uint8_t *counter)
{
	uint32_t st = take(r, guid, 16);

	if (st == 0) {
		st = take(r, counter, 6);
	}
	return st == 0 ? expect(r, zeros, 2) : st;
}

static uint32_t push_ltid(struct mapi_propval_writer *w, const uint8_t *guid,
			  const uint8_t *counter)
{
	uint32_t st = mapi_propval_push_bytes(w, guid, 16);

	if (st == 0) {
		st = mapi_propval_push_bytes(w, counter, 6);
	}
	return st == 0 ? mapi_propval_push_bytes(w, zeros, 2) : st;
}

/*
 * Flags, ProviderUID and the object type that open Folder and Message EntryIDs (MS-OXCDATA
 * 2.2.4.1-2); a type ok() refuses is ecRpcFormat.
 */
static uint32_t pull_object_head(struct mapi_propval_reader *r, uint8_t *uid, uint16_t *type,
				 bool (*ok)(uint16_t))
{
	uint32_t st = pull_head(r, NULL, uid);

	if (st == 0) {
		st = mapi_propval_pull_u16(r, type);
	}
	return st == 0 && !ok(*type) ? ecRpcFormat : st;
}

static uint32_t push_object_head(struct mapi_propval_writer *w, const uint8_t *uid, uint16_t type,
				 bool (*ok)(uint16_t))
{
	uint32_t st;

	if (!ok(type)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	st = push_head(w, uid);
	return st == 0 ? mapi_propval_push_u16(w, type) : st;
}

/* MS-OXCDATA 2.2.4.1 */
uint32_t mapi_entryid_pull_folder(const uint8_t *p, size_t len, struct mapi_folder_entryid *out)
{
	struct mapi_propval_reader r;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	mapi_propval_reader_init(&r, p, p != NULL ? len : 0, MAPI_PROPVAL_ROP, NULL);
	st = pull_object_head(&r, out->provider_uid, &out->folder_type, folder_type_ok);
	if (st == 0) {
		st = pull_ltid(&r, out->database_guid, out->global_counter);
	}
	return done(&r, st);
}

uint32_t mapi_entryid_push_folder(struct mapi_propval_writer *w,
				  const struct mapi_folder_entryid *in)
{
	uint32_t st = push_object_head(w, in->provider_uid, in->folder_type, folder_type_ok);

	return st == 0 ? push_ltid(w, in->database_guid, in->global_counter) : st;
}

/* MS-OXCDATA 2.2.4.2 */
uint32_t mapi_entryid_pull_message(const uint8_t *p, size_t len,
				   struct mapi_message_entryid *out)
{
	struct mapi_propval_reader r;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	mapi_propval_reader_init(&r, p, p != NULL ? len : 0, MAPI_PROPVAL_ROP, NULL);
	st = pull_object_head(&r, out->provider_uid, &out->message_type, message_type_ok);
	if (st == 0) {
		st = pull_ltid(&r, out->folder_database_guid, out->folder_global_counter);
	}
	if (st == 0) {
		st = pull_ltid(&r, out->message_database_guid, out->message_global_counter);
	}
	return done(&r, st);
}

uint32_t mapi_entryid_push_message(struct mapi_propval_writer *w,
				   const struct mapi_message_entryid *in)
{
	uint32_t st = push_object_head(w, in->provider_uid, in->message_type, message_type_ok);

	if (st == 0) {
		st = push_ltid(w, in->folder_database_guid, in->folder_global_counter);
	}
	return st == 0 ? push_ltid(w, in->message_database_guid, in->message_global_counter) : st;
}

/* MS-OXCDATA 2.2.4.3: Version and Flag (1 byte each, MUST be 0), DLLFileName, WrappedFlags */
uint32_t mapi_entryid_pull_store(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len,
				 struct mapi_store_entryid *out)
{
	struct mapi_propval_reader r;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	mapi_propval_reader_init(&r, p, p != NULL ? len : 0, MAPI_PROPVAL_ROP, NULL);
	st = pull_head(&r, store_provider, NULL);
	if (st == 0) {
		st = expect(&r, zeros, 2);
	}
	if (st == 0) {
		st = expect(&r, store_dll, sizeof(store_dll));
	}
	if (st == 0) {
		st = expect_u32(&r, 0);
	}
	if (st == 0) {
		st = take(&r, out->wrapped_provider_uid, 16);
	}
	if (st == 0) {
		st = mapi_propval_pull_u32(&r, &out->wrapped_type);
	}
	if (st == 0 && out->wrapped_type != MAPI_ENTRYID_STORE_MAILBOX &&
	    out->wrapped_type != MAPI_ENTRYID_STORE_PUBLIC) {
		st = ecRpcFormat;
	}
	if (st == 0) {
		st = mapi_propval_pull_string(mem_ctx, &r, false, &out->server_shortname);
	}
	/* MailboxDN: mailbox stores only */
	if (st == 0 && out->wrapped_type == MAPI_ENTRYID_STORE_MAILBOX) {
		st = mapi_propval_pull_string(mem_ctx, &r, false, &out->mailbox_dn);
	}
	if (st == 0 && mapi_propval_reader_left(&r) > 0) {
		out->extra.length = (uint32_t)mapi_propval_reader_left(&r);
		out->extra.data = talloc_memdup(mem_ctx, p + r.off, out->extra.length);
		r.off = r.len;
		if (out->extra.data == NULL) {
			st = MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	return done(&r, st);
}

uint32_t mapi_entryid_push_store(struct mapi_propval_writer *w,
				 const struct mapi_store_entryid *in)
{
	bool mailbox = in->wrapped_type == MAPI_ENTRYID_STORE_MAILBOX;
	uint32_t st;

	if ((!mailbox && in->wrapped_type != MAPI_ENTRYID_STORE_PUBLIC) ||
	    (mailbox && in->mailbox_dn == NULL) ||
	    (in->extra.length != 0 && in->extra.data == NULL)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	st = push_head(w, store_provider);
	if (st == 0) {
		st = mapi_propval_push_bytes(w, zeros, 2);
	}
	if (st == 0) {
		st = mapi_propval_push_bytes(w, store_dll, sizeof(store_dll));
	}
	if (st == 0) {
		st = mapi_propval_push_u32(w, 0);
	}
	if (st == 0) {
		st = mapi_propval_push_bytes(w, in->wrapped_provider_uid, 16);
	}
	if (st == 0) {
		st = mapi_propval_push_u32(w, in->wrapped_type);
	}
	if (st == 0) {
		st = mapi_propval_push_string(w, false, in->server_shortname);
	}
	if (st == 0 && mailbox) {
		st = mapi_propval_push_string(w, false, in->mailbox_dn);
	}
	if (st == 0 && in->extra.length != 0) {
		st = mapi_propval_push_bytes(w, in->extra.data, in->extra.length);
	}
	return st;
}

/* MS-OXCDATA 2.2.5.2 / MS-OXNSPI 2.2.9.3: ID Type and R1-R3 (the Flags) zero, R4 (Version) 1 */
uint32_t mapi_entryid_pull_ab(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len,
			      struct mapi_ab_entryid *out)
{
	struct mapi_propval_reader r;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	mapi_propval_reader_init(&r, p, p != NULL ? len : 0, MAPI_PROPVAL_ROP, NULL);
	st = pull_head(&r, ab_provider, NULL);
	if (st == 0) {
		st = expect_u32(&r, AB_RESERVED_R4);
	}
	if (st == 0) {
		st = mapi_propval_pull_u32(&r, &out->display_type);
	}
	if (st == 0) {
		st = mapi_propval_pull_string(mem_ctx, &r, false, &out->dn);
	}
	return done(&r, st);
}

uint32_t mapi_entryid_push_ab(struct mapi_propval_writer *w, const struct mapi_ab_entryid *in)
{
	uint32_t st = push_head(w, ab_provider);

	if (st == 0) {
		st = mapi_propval_push_u32(w, AB_RESERVED_R4);
	}
	if (st == 0) {
		st = mapi_propval_push_u32(w, in->display_type);
	}
	return st == 0 ? mapi_propval_push_string(w, false, in->dn) : st;
}

/* MS-OXNSPI 2.2.9.2: ID Type 0x87, R1-R3 zero, ProviderUID, R4 1, Display Type, MId */
uint32_t mapi_entryid_pull_ephemeral(const uint8_t *p, size_t len,
				     struct mapi_ab_ephemeral_entryid *out)
{
	static const uint8_t id_type[4] = { EPHEMERAL_ID_TYPE, 0, 0, 0 };
	struct mapi_propval_reader r;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	mapi_propval_reader_init(&r, p, p != NULL ? len : 0, MAPI_PROPVAL_ROP, NULL);
	st = expect(&r, id_type, 4);
	if (st == 0) {
		st = take(&r, out->provider_uid, 16);
	}
	if (st == 0) {
		st = expect_u32(&r, AB_RESERVED_R4);
	}
	if (st == 0) {
		st = mapi_propval_pull_u32(&r, &out->display_type);
	}
	if (st == 0) {
		st = mapi_propval_pull_u32(&r, &out->mid);
	}
	return done(&r, st);
}

uint32_t mapi_entryid_push_ephemeral(struct mapi_propval_writer *w,
				     const struct mapi_ab_ephemeral_entryid *in)
{
	static const uint8_t id_type[4] = { EPHEMERAL_ID_TYPE, 0, 0, 0 };
	uint32_t st = mapi_propval_push_bytes(w, id_type, 4);

	if (st == 0) {
		st = mapi_propval_push_bytes(w, in->provider_uid, 16);
	}
	if (st == 0) {
		st = mapi_propval_push_u32(w, AB_RESERVED_R4);
	}
	if (st == 0) {
		st = mapi_propval_push_u32(w, in->display_type);
	}
	return st == 0 ? mapi_propval_push_u32(w, in->mid) : st;
}

/* MS-OXCDATA 2.2.5.1: Version (2 bytes, 0), the flags word, three strings */
uint32_t mapi_entryid_pull_oneoff(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len,
				  struct mapi_oneoff_entryid *out)
{
	struct mapi_propval_reader r;
	bool unicode;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	mapi_propval_reader_init(&r, p, p != NULL ? len : 0, MAPI_PROPVAL_ROP, NULL);
	st = pull_head(&r, oneoff_provider, NULL);
	if (st == 0) {
		st = expect(&r, zeros, 2);
	}
	if (st == 0) {
		st = mapi_propval_pull_u16(&r, &out->flags);
	}
	unicode = (out->flags & MAPI_ENTRYID_ONEOFF_UNICODE) != 0;
	if (st == 0) {
		st = mapi_propval_pull_string(mem_ctx, &r, unicode, &out->display_name);
	}
	if (st == 0) {
		st = mapi_propval_pull_string(mem_ctx, &r, unicode, &out->address_type);
	}
	if (st == 0) {
		st = mapi_propval_pull_string(mem_ctx, &r, unicode, &out->email_address);
	}
	return done(&r, st);
}

uint32_t mapi_entryid_push_oneoff(struct mapi_propval_writer *w,
				  const struct mapi_oneoff_entryid *in)
{
	bool unicode = (in->flags & MAPI_ENTRYID_ONEOFF_UNICODE) != 0;
	uint32_t st = push_head(w, oneoff_provider);

	if (st == 0) {
		st = mapi_propval_push_bytes(w, zeros, 2);
	}
	if (st == 0) {
		st = mapi_propval_push_u16(w, in->flags);
	}
	if (st == 0) {
		st = mapi_propval_push_string(w, unicode, in->display_name);
	}
	if (st == 0) {
		st = mapi_propval_push_string(w, unicode, in->address_type);
	}
	return st == 0 ? mapi_propval_push_string(w, unicode, in->email_address) : st;
}
